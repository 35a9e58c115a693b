"""Names numbered by a process-wide counter: a difference of where a value was made, not of what.

Some libraries name each unnamed object from a counter that lives as long as the process
(python-control's ``sys[13]``, Keras' ``dense_4``): the number says how many such objects the
process made before, displays included. The notebook's two runs agree (each is a fresh kernel
running the same cells), while the pipeline makes those objects in other processes, in another
order, and without the displays it drops, so its numbers differ.

A value whose only differences are such names is "not reproducible" (the notebook does not pin
its names down in a pipeline whose nodes run apart), said so, with the names. The names come
from differences at a name or label (the last word of the path contains ``name`` or ``label``)
between two strings that differ in one integer only: ``'sys[8]$sampled'`` / ``'sys[5]$sampled'``
gives the name ``sys[8]`` for ``sys[5]`` (the word and bracket before the number, and its closing
bracket). Such a name is then the same name wherever it sits in the value: a system's name also
makes the keys of an interconnection's ``syslist_index``, its signal names (``'sys[8]_x[0]'``,
``'sys[8].u[0]'``), lists of names. So both values are compared again with each pair renamed to
one placeholder, in strings, dict keys and sets, on both sides (`renamed`), until no difference is
left. The rule is narrow so as to hide no real difference: the renaming is one to one (a notebook
name that stands for two pipeline names, or two for one, stays a difference), every difference
must go away under it, and any other difference keeps the value "different".

Example: ``Gyr.syslist[0].name`` ``'sys[6]'`` / ``'sys[3]'`` and ``Gyr.syslist_index``
``{'sys[6]': 0}`` / ``{'sys[3]': 0}``: both ``sys[6]`` and ``sys[3]`` read as one placeholder, so
the value is "not reproducible" ("... 'sys[6]' != 'sys[3]' ..."). Had the pipeline's index been
``{'sys[4]': 0}``, it would stay "different".
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Mapping
from typing import Any

from .comparators import is_code
from .compare import Views, compare_values
from .model import Outcome

#: `compare_plain`'s detail for two strings: ``<where>: 'a' != 'b'``.
STRINGS = re.compile(r"^(?P<where>.*?): (?P<a>'.*'|\".*\") != (?P<b>'.*'|\".*\")$", re.DOTALL)
INTEGER = re.compile(r"(?<![\d.])\d+(?![\d.])")
#: What a counter-numbered name has before its number (``sys[``, ``dense_``, ``conv2d_``).
PREFIX = re.compile(r"[\w\[]*$")
NAME_WORDS = ("name", "label")
#: `Outcome.unstable` of such a row: tells `dataflow` it is no chance that taints other values.
TAG = "<counter>"
#: Comparisons tried at most (each finds one name or sets one other difference aside).
LIMIT = 48
#: A name renamed on both sides reads ``OPEN + notebook's name + CLOSE`` (no text has them).
OPEN, CLOSE = "\ue000", "\ue001"
PLACEHOLDER = re.compile(f"{OPEN}(.*?){CLOSE}")


def counted_pair(a: str, b: str) -> tuple[str, str] | None:
    """The counter-numbered names two strings differ by, or None.

    Example:
        >>> counted_pair("sys[6].u[0]", "sys[3].u[0]")
        ('sys[6]', 'sys[3]')
        >>> counted_pair("run 3", "run 4") is None  # a number, not a numbered name
        True
    """
    if INTEGER.sub("#", a) != INTEGER.sub("#", b):
        return None
    pairs = zip(INTEGER.finditer(a), INTEGER.finditer(b), strict=True)
    differing = [(x, y) for x, y in pairs if x.group() != y.group()]
    if len(differing) != 1:
        return None
    x, y = differing[0]
    prefix = PREFIX.search(a[: x.start()])
    start = x.start() - len(prefix.group()) if prefix else x.start()
    if not re.search("[A-Za-z]", a[start : x.start()]):
        return None
    closing = int("[" in a[start : x.start()] and a[x.end() : x.end() + 1] == "]")
    return a[start : x.end() + closing], b[start : y.end() + closing]


def numbered_name(outcome: Outcome) -> tuple[str, str] | None:
    """The names a difference between two strings at a name or label shows, or None."""
    match = STRINGS.match(outcome.detail)
    words = re.findall(r"[A-Za-z]+", outcome.where)
    if match is None or not words or not any(w in words[-1].lower() for w in NAME_WORDS):
        return None
    try:
        a, b = ast.literal_eval(match["a"]), ast.literal_eval(match["b"])
    except (ValueError, SyntaxError):  # shortened with "...": not the whole string
        return None
    if not isinstance(a, str) or not isinstance(b, str):
        return None
    return counted_pair(a, b)


def renamer(names: Mapping[str, str]) -> Callable[[str], str]:
    """Text with each of ``names`` (name → placeholder) replaced, where it is a whole name:
    ``sys[3]`` in ``'sys[3]_x[0]'`` or ``'sys[3].u'``, not in ``'mysys[3]'``; ``dense_1`` not in
    ``'dense_12'``."""
    if not names:
        return lambda text: text
    alternatives = (
        re.escape(n) + ("(?!\\d)" if n[-1].isdigit() else "")
        for n in sorted(names, key=len, reverse=True)
    )
    pattern = re.compile(r"(?<![\w\[])(?:" + "|".join(alternatives) + ")")
    return lambda text: pattern.sub(lambda m: names[m.group()], text)


def renamed(value: Any, rename: Callable[[str], str]) -> Any:
    """``value`` as `compare_values` sees it with names renamed: a string, a dict's keys (its
    values are compared, so renamed, one by one), a set's elements; anything else as it is."""
    if isinstance(value, str):
        text = rename(value)
        return value if text == value else text
    if isinstance(value, dict):
        keys = [_renamed_key(k, rename) for k in value]
        changed = any(new is not old for new, old in zip(keys, value, strict=True))
        return dict(zip(keys, value.values(), strict=True)) if changed else value
    if isinstance(value, (set, frozenset)):
        elements = {_renamed_key(k, rename) for k in value}
        return type(value)(elements) if elements != value else value
    return value


def _renamed_key(key: Any, rename: Callable[[str], str]) -> Any:
    if isinstance(key, str):
        return renamed(key, rename)
    if isinstance(key, tuple):
        parts = tuple(_renamed_key(k, rename) for k in key)
        return parts if parts != key else key
    return key


def views(names: Mapping[str, str]) -> Views:
    """Both sides seen with each pair (notebook's name → pipeline's) read as one placeholder."""
    notebook = renamer({a: f"{OPEN}{a}{CLOSE}" for a in names})
    pipeline = renamer({b: f"{OPEN}{a}{CLOSE}" for a, b in names.items()})
    return (lambda value: renamed(value, notebook), lambda value: renamed(value, pipeline))


def counter_names(notebook: Any, pipeline: Any, ignore: frozenset[str]) -> Outcome | None:
    """ "not reproducible" when every difference is a counter-numbered name, renamed one to one
    (see the module docstring); else None."""
    names: dict[str, str] = {}  # notebook's name → the pipeline's
    found: dict[str, str] = {}  # notebook's name → where it was found
    aside: set[str] = set()  # other differences, judged again once more names are known
    grown = False
    for _ in range(LIMIT):
        outcome = compare_values(notebook, pipeline, ignore | aside, views(names))
        if outcome.status == "equal" or is_code(outcome):
            if not aside:
                break
            if not grown:
                return None
            aside, grown = set(), False
            continue
        if outcome.status != "different":
            return None
        pair = numbered_name(outcome)
        if pair is None:
            aside.add(outcome.where)
            continue
        if pair[0] in names or pair[1] in names.values():
            return None
        names[pair[0]], found[pair[0]], grown = pair[1], outcome.where, True
    else:
        return None
    if not names:
        return None
    shown = ", ".join(
        f"{plain(found[a]) or 'the value'} {a!r} != {b!r}" for a, b in list(names.items())[:3]
    )
    more = f" and {len(names) - 3} more" if len(names) > 3 else ""
    return Outcome(
        "not reproducible",
        f"only names numbered by a process-wide counter differ "
        f"({shown}{more}; each renamed alike wherever it appears): the library "
        "numbers unnamed objects in the order a process makes them, which the "
        "pipeline's nodes do not share; the rest is equal"
        + (
            " (its functions are code: the values they compute are compared)"
            if is_code(outcome)
            else ""
        ),
        "",
        (*(f"{TAG}{where}" for where in found.values()),),
    )


def plain(path: str) -> str:
    """``path`` with placeholders written as the notebook's names."""
    return PLACEHOLDER.sub(r"\1", path)


def is_counter(path: str) -> bool:
    """``path`` (in `Outcome.unstable`) is a counter-numbered name (see `counter_names`)."""
    return path.startswith(TAG)
