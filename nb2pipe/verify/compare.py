"""Compare two Python values (notebook vs pipeline) and say equal, different or not compared.

Dispatch goes through `COMPARATORS`, an ordered table of (applies, compare) rows: the first row
whose predicate accepts *both* values decides. Add rows there for new types. Values of different
types are "different" (numbers excepted), and anything no row understands is "not compared",
never "equal".

Tolerances (see docs/verify.md): floats, numpy arrays and pandas objects are equal when
``|a - b| <= ATOL + RTOL * |b|`` with RTOL = 1e-9 and ATOL = 1e-12, NaN equals NaN. That absorbs
the last-bit noise of a CSV or Parquet round trip and of a different summation order, and
nothing a user would call a change.

Pandas and numpy are never imported here (see `kinds`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .comparators import (
    EQUAL,
    Comparator,
    Compare,
    _different,
    _pandas_assert,
    compare_arrays,
    compare_artists,
    compare_estimators,
    compare_figures,
    compare_mappings,
    compare_numbers,
    compare_objects,
    compare_plain,
    compare_random_states,
    compare_references,
    compare_sequences,
    compare_sets,
)
from .kinds import (
    is_artist,
    is_dataframe,
    is_estimator,
    is_figures,
    is_index,
    is_mapping,
    is_ndarray,
    is_number,
    is_object,
    is_plain,
    is_random_state,
    is_reference,
    is_sequence,
    is_series,
    is_set,
    type_name,
)
from .model import Outcome

#: Deeper nesting than this is "not compared" (cyclic or pathological structures).
MAX_DEPTH = 40

#: How the notebook's and the pipeline's values are seen (`compare_values`'s ``views``).
Views = tuple[Callable[[Any], Any], Callable[[Any], Any]]

#: The trailing element index of a path: ``[3]`` or ``.flat[3]``.
ELEMENT = re.compile(r"(\.flat)?\[\d+\]$")


def compare_values(
    a: Any, b: Any, ignore: frozenset[str] = frozenset(), views: Views | None = None
) -> Outcome:
    """Compare a notebook value ``a`` with a pipeline value ``b``.

    Args:
        ignore: paths (as in `Outcome.where`) whose parts count as equal, e.g. the parts that
            differ between two runs of the notebook (`unstable_paths`).
        views: how each side's every part is seen before it is compared (notebook, pipeline),
            e.g. strings and dict keys with counter-numbered names renamed (`counters`).

    Returns:
        An `Outcome` whose detail names where the values first differ, e.g.
        ``"['scores'][2]: 0.5 != 0.25"``.

    Example:
        >>> compare_values({"a": [1, 2.0]}, {"a": [1, 2.0 + 1e-12]}).status
        'equal'
    """

    def recurse(x: Any, y: Any, where: str, depth: int) -> Outcome:
        if where in ignore:
            return EQUAL
        if views is not None:
            x, y = views[0](x), views[1](y)
        return _dispatch(x, y, where, depth, recurse)

    return recurse(a, b, "", 0)


def unstable_paths(first: Any, second: Any, limit: int = 16) -> frozenset[str]:
    """Where two runs of the notebook disagree (empty when they agree).

    Collects the path of each difference, one comparison at a time. An element of a list,
    tuple or array stands for the whole sequence (``['rows'][3]`` → ``['rows']``): random
    draws taint all of it, including elements that agreed by chance. Past ``limit``
    differences the whole value (path ``""``) is unstable.
    """
    found: set[str] = set()
    for _ in range(limit):
        outcome = compare_values(first, second, frozenset(found))
        if outcome.status != "different":
            return frozenset(found)
        path = ELEMENT.sub("", outcome.where)
        if path in found or not path:
            break
        found.add(path)
    return frozenset({""})


def _dispatch(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """The first row of `COMPARATORS` that accepts both values decides."""
    if depth > MAX_DEPTH:
        return Outcome("not compared", f"{where or 'value'}: nested too deeply", where)
    for applies, comparator in COMPARATORS:
        if applies(a) and applies(b):
            try:
                return comparator(a, b, where, depth, recurse)
            except Exception as error:  # noqa: BLE001 - a value we cannot judge, not a crash
                why = f"comparing raised {type(error).__name__}: {str(error)[:120]}"
                return Outcome("not compared", f"{where or 'value'}: {why}", where)
    if type_name(a) != type_name(b) and not (is_number(a) and is_number(b)):
        return _different(where, f"type {type_name(a)} != {type_name(b)}")
    return Outcome("not compared", f"{where or 'value'}: no comparator for {type_name(a)}", where)


#: Ordered dispatch table: the first row whose predicate holds for both values compares them.
#: Please add rows here (before `is_object`, the catch-all) for types that need their own rule.
COMPARATORS: tuple[tuple[Callable[[Any], bool], Comparator], ...] = (
    (is_dataframe, _pandas_assert("assert_frame_equal")),
    (is_series, _pandas_assert("assert_series_equal")),
    (is_index, _pandas_assert("assert_index_equal")),
    (is_ndarray, compare_arrays),
    (is_figures, compare_figures),
    (is_artist, compare_artists),
    (is_estimator, compare_estimators),
    (is_random_state, compare_random_states),
    (is_number, compare_numbers),
    (is_plain, compare_plain),
    (is_mapping, compare_mappings),
    (is_sequence, compare_sequences),
    (is_set, compare_sets),
    (is_reference, compare_references),
    (is_object, compare_objects),
)
