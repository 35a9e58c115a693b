"""Names numbered by a process-wide counter: a difference of where a value was made, not of what.

Some libraries name each unnamed object from a counter that lives as long as the process
(python-control's ``sys[13]``, Keras' ``dense_4``): the number says how many such objects the
process made before, displays included. The notebook's two runs agree (each is a fresh kernel
running the same cells), while the pipeline makes those objects in other processes, in another
order, and without the displays it drops, so its numbers differ.

A value whose only differences are such names is "not reproducible" (the notebook does not pin
its names down in a pipeline whose nodes run apart), said so, with the names. The rule is
narrow so as to hide no real difference: every difference must be a string at a name or label
(the last word of its path contains ``name`` or ``label``), and the two strings must be equal
once their integers are blanked out (``sys[13]`` / ``sys[12]``). Anything else is "different".
"""

from __future__ import annotations

import ast
import re
from typing import Any

from .comparators import is_code
from .compare import compare_values
from .model import Outcome

#: `compare_plain`'s detail for two strings: ``<where>: 'a' != 'b'``.
STRINGS = re.compile(r"^(?P<where>.*?): (?P<a>'.*'|\".*\") != (?P<b>'.*'|\".*\")$", re.DOTALL)
INTEGER = re.compile(r"(?<![\d.])\d+(?![\d.])")
NAME_WORDS = ("name", "label")
#: `Outcome.unstable` of such a row: tells `dataflow` it is no chance that taints other values.
TAG = "<counter>"
LIMIT = 16


def numbered_name(outcome: Outcome) -> tuple[str, str] | None:
    """The two strings of a difference between names that differ only in their integers."""
    match = STRINGS.match(outcome.detail)
    words = re.findall(r"[A-Za-z]+", outcome.where)
    if match is None or not words or not any(w in words[-1].lower() for w in NAME_WORDS):
        return None
    try:
        a, b = ast.literal_eval(match["a"]), ast.literal_eval(match["b"])
    except (ValueError, SyntaxError):  # shortened with "...": not the whole string
        return None
    if not isinstance(a, str) or a == b or INTEGER.sub("#", a) != INTEGER.sub("#", b):
        return None
    return a, b


def counter_names(notebook: Any, pipeline: Any, ignore: frozenset[str]) -> Outcome | None:
    """"not reproducible" when every difference is a counter-numbered name; else None."""
    found: dict[str, tuple[str, str]] = {}
    for _ in range(LIMIT):
        outcome = compare_values(notebook, pipeline, ignore | frozenset(found))
        if outcome.status == "equal" or is_code(outcome):
            break
        names = numbered_name(outcome) if outcome.status == "different" else None
        if names is None or outcome.where in found:
            return None
        found[outcome.where] = names
    else:
        return None
    if not found:
        return None
    shown = ", ".join(f"{where or 'the value'} {a!r} != {b!r}" for where, (a, b) in
                      sorted(found.items())[:3])
    return Outcome("not reproducible", f"only names numbered by a process-wide counter differ "
                   f"({shown}): the library numbers unnamed objects in the order a process makes "
                   "them, which the pipeline's nodes do not share; the rest is equal"
                   + (" (its functions are code: the values they compute are compared)"
                      if is_code(outcome) else ""), "",
                   (*(f"{TAG}{w}" for w in sorted(found)),))


def is_counter(path: str) -> bool:
    """``path`` (in `Outcome.unstable`) is a counter-numbered name (see `counter_names`)."""
    return path.startswith(TAG)
