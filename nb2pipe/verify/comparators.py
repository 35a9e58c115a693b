"""The comparators of `compare.COMPARATORS`, one per kind of value (pandas objects, arrays,
numbers, plain values, containers, figures, estimators, random states, objects), with the
tolerances of docs/verify.md: ``|a - b| <= ATOL + RTOL * |b|``, NaN equals NaN.

Pandas and numpy are never imported here (see `kinds`).
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from typing import Any

from .kinds import (
    cached_properties,
    class_data,
    figure_count,
    has_own_eq,
    has_state,
    is_bool,
    is_plain,
    notebook_function,
    same_class,
    same_defined_class,
    type_name,
)
from .model import Outcome

RTOL = 1e-9
ATOL = 1e-12
#: Object arrays with more elements than this are compared with `array_equal` only.
MAX_OBJECT_ELEMENTS = 100_000

Compare = Callable[[Any, Any, str, int], Outcome]
Comparator = Callable[[Any, Any, str, int, Compare], Outcome]

EQUAL = Outcome("equal")


# -------------------------------------------------------------------------------- comparators
def _different(where: str, why: str) -> Outcome:
    return Outcome("different", f"{where}: {why}" if where else why, where)


def _first_lines(text: str, count: int = 4) -> str:
    return " ".join(line.strip() for line in str(text).strip().splitlines()[:count])


def _pandas_assert(name: str) -> Comparator:
    """Compare with ``pandas.testing.<name>`` (check_exact=False, RTOL/ATOL)."""

    def compare(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
        testing = sys.modules["pandas"].testing
        try:
            getattr(testing, name)(a, b, check_exact=False, rtol=RTOL, atol=ATOL)
        except AssertionError as error:
            return _different(where, _first_lines(str(error)))
        except (TypeError, ValueError) as error:
            return Outcome("not compared", f"{where or 'value'}: {_first_lines(str(error), 2)}")
        return EQUAL

    return compare


def compare_arrays(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """numpy arrays: same shape and dtype, then `allclose` (numeric) or element equality."""
    numpy = sys.modules["numpy"]
    if a.shape != b.shape:
        return _different(where, f"shape {a.shape} != {b.shape}")
    if a.dtype != b.dtype:
        return _different(where, f"dtype {a.dtype} != {b.dtype}")
    if a.dtype.kind in "iufc" and _close(numpy, a, b):
        return EQUAL
    if a.dtype.kind in "iufc":
        return _different(where, f"values differ (max |a-b| = {_max_abs_diff(numpy, a, b)})")
    if a.dtype.kind == "O" and a.size <= MAX_OBJECT_ELEMENTS:
        for index, (x, y) in enumerate(zip(a.ravel(), b.ravel(), strict=True)):
            outcome = recurse(x, y, f"{where}.flat[{index}]", depth + 1)
            if outcome.status != "equal":
                return outcome
        return EQUAL
    equal = numpy.array_equal(a, b, equal_nan=a.dtype.kind in "fcmM")
    return EQUAL if equal else _different(where, "values differ")


def _close(numpy: Any, a: Any, b: Any) -> bool:
    """`allclose` with NaN == NaN; exact equality where numpy cannot subtract the dtype."""
    try:
        return bool(numpy.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True))
    except TypeError:
        return bool(numpy.array_equal(a, b))


def _max_abs_diff(numpy: Any, a: Any, b: Any) -> str:
    try:
        return f"{float(numpy.nanmax(numpy.abs(a - b))):.3g}"
    except (TypeError, ValueError):
        return "?"


def compare_numbers(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """Python and numpy numbers: exact for integers, `isclose` for floats, NaN == NaN."""
    x, y = (v.item() if hasattr(v, "item") else v for v in (a, b))
    if isinstance(x, int) and isinstance(y, int):
        return EQUAL if x == y else _different(where, f"{x!r} != {y!r}")
    if isinstance(x, complex) or isinstance(y, complex):
        close = abs(complex(x) - complex(y)) <= ATOL + RTOL * abs(complex(y))
        return EQUAL if close else _different(where, f"{x!r} != {y!r}")
    if math.isnan(x) and math.isnan(y):
        return EQUAL
    if math.isclose(x, y, rel_tol=RTOL, abs_tol=ATOL):
        return EQUAL
    return _different(where, f"{x!r} != {y!r}")


def compare_plain(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """None, bool, str, bytes: same type (a Python and a numpy bool count as one) and ``==``."""
    if type(a) is not type(b) and not (is_bool(a) and is_bool(b)):
        return _different(where, f"type {type_name(a)} != {type_name(b)}")
    return EQUAL if a == b else _different(where, f"{_short(a)} != {_short(b)}")


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def compare_mappings(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """dict-like: same keys, then every value recursively."""
    if set(a) != set(b):
        missing, extra = sorted(map(repr, set(a) - set(b))), sorted(map(repr, set(b) - set(a)))
        return _different(where, f"keys differ (only notebook: {missing}, only pipeline: {extra})")
    return _all_equal(((a[k], b[k], f"{where}[{k!r}]") for k in a), depth, recurse)


def compare_sequences(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """list / tuple: same type (or the class a notebook and the project both define: a
    namedtuple) and length, then item by item."""
    if not same_class(a, b):
        return _different(where, f"type {type_name(a)} != {type_name(b)}")
    if len(a) != len(b):
        return _different(where, f"length {len(a)} != {len(b)}")
    return _all_equal(
        ((x, y, f"{where}[{i}]") for i, (x, y) in enumerate(zip(a, b, strict=True))), depth, recurse
    )


def compare_sets(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """set / frozenset: plain equality (elements are hashable, so equality is well defined)."""
    return EQUAL if a == b else _different(where, f"{len(a ^ b)} elements differ")


def compare_figures(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """Figures are compared by count only (pixels depend on fonts, backends and versions)."""
    count_a, count_b = figure_count(a), figure_count(b)
    if count_a != count_b:
        return _different(where, f"{count_a} figures != {count_b}")
    return Outcome("equal", f"{count_a} figure(s), compared by count")


def compare_artists(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """Axes, lines, seaborn grids: their state is drawing state (stale flags, renderer caches),
    so they are left to the figure counts."""
    return Outcome(
        "not compared", f"{where or 'value'}: {type_name(a)} (plots are compared as figures)", where
    )


def compare_estimators(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """scikit-learn style estimators: same class, same params, same fitted attributes (``x_``)."""
    if not same_class(a, b):
        return _different(where, f"type {type_name(a)} != {type_name(b)}")
    params = recurse(
        a.get_params(deep=False), b.get_params(deep=False), f"{where}.params", depth + 1
    )
    if params.status != "equal":
        return params
    fitted_a, fitted_b = _fitted(a), _fitted(b)
    return recurse(fitted_a, fitted_b, f"{where}.<fitted>", depth + 1)


def compare_random_states(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """numpy random generators: same type and same internal state."""
    if type(a) is not type(b):
        return _different(where, f"type {type_name(a)} != {type_name(b)}")
    return recurse(_rng_state(a), _rng_state(b), f"{where}.<state>", depth + 1)


def _rng_state(rng: Any) -> Any:
    return rng.bit_generator.state if hasattr(rng, "bit_generator") else rng.get_state(legacy=False)


def _fitted(estimator: Any) -> dict[str, Any]:
    state = vars(estimator) if hasattr(estimator, "__dict__") else {}
    return {k: v for k, v in state.items() if k.endswith("_") and not k.startswith("_")}


def compare_objects(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """Other objects of one type: their own ``==`` if they define one, else their attributes."""
    if not same_class(a, b):
        return _different(where, f"type {type_name(a)} != {type_name(b)}")
    if has_own_eq(a) and type(a) is type(b):
        try:
            result = a == b
        except Exception as error:  # noqa: BLE001 - user types may raise anything
            return Outcome("not compared", f"{where or 'value'}: == raised {type(error).__name__}")
        if isinstance(result, bool) or is_plain(result):
            return EQUAL if bool(result) else _different(where, f"{_short(a)} != {_short(b)}")
    if has_state(a) and has_state(b):
        state_a, state_b = shared_state(vars(a), vars(b), cached_properties(type(a)))
        return recurse(state_a, state_b, f"{where}.__dict__", depth + 1)
    return compare_reduced(a, b, where, depth, recurse)


def shared_state(
    a: dict[str, Any], b: dict[str, Any], cached: frozenset[str] = frozenset()
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The attributes to compare: all but private ones (``_x``) and the class's
    ``functools.cached_property`` values (``cached``) that only one side has.

    Those are caches that something filled on one side only, typically a display call the
    pipeline dropped (lifelines' ``_concordance_index_``, computed when a summary is shown) or
    drawing that moved to a later node (networkx's ``Graph.nodes``, cached once drawn).
    """
    one_sided = {k for k in a.keys() ^ b.keys() if k.startswith("_") or k in cached}
    return (
        {k: v for k, v in a.items() if k not in one_sided},
        {k: v for k, v in b.items() if k not in one_sided},
    )


def compare_reduced(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """Objects with neither ``==`` nor ``__dict__`` (extension types such as sklearn's ``Tree``):
    the constructor arguments and state they pickle to (``__reduce_ex__``)."""
    try:
        reduced_a, reduced_b = a.__reduce_ex__(4), b.__reduce_ex__(4)
    except Exception:  # noqa: BLE001 - not reducible: nothing to compare
        return Outcome("not compared", f"{where or 'value'}: no comparator for {type_name(a)}")
    if isinstance(reduced_a, str) or isinstance(reduced_b, str):  # a global: same name, same object
        return EQUAL if reduced_a == reduced_b else _different(where, f"{reduced_a} != {reduced_b}")
    if reduced_a[0] is not reduced_b[0]:
        return _different(where, f"built by {reduced_a[0]!r} != {reduced_b[0]!r}")
    state_a, state_b = [merged_slots(list(r[1:3])) for r in (reduced_a, reduced_b)]
    return recurse(state_a, state_b, f"{where}.<state>", depth + 1)


def merged_slots(parts: list[Any]) -> list[Any]:
    """Constructor arguments and state, the state of an object with ``__slots__`` as one dict:
    pickle gives it as ``(__dict__ or None, slot values)``, and a class the notebook defines
    comes back from cloudpickle without real slots (its instances keep the same attributes in a
    ``__dict__``), so the same values would otherwise differ in form."""
    if len(parts) == 2 and isinstance(parts[1], tuple) and len(parts[1]) == 2 and all(
            p is None or isinstance(p, dict) for p in parts[1]):
        parts[1] = {**(parts[1][0] or {}), **(parts[1][1] or {})}
    return parts


def compare_references(a: Any, b: Any, where: str, depth: int, recurse: Compare) -> Outcome:
    """Classes, functions and modules: unpickling resolves them by name, so identity decides.
    A class defined by the notebook and again by the project (pickled by value) is compared by
    name and by its data attributes (`_bounds = [(0, T.max())]` is computed from data)."""
    if a is b:
        return EQUAL
    if isinstance(a, type) and isinstance(b, type) and same_defined_class(a, b):
        return recurse(class_data(a), class_data(b), f"{where}.<class data>", depth + 1)
    if notebook_function(a) and notebook_function(b) and a.__name__ == b.__name__:
        # a function the notebook defined again, handed between nodes (pickled by value): code,
        # whose objects differ between processes; the values computed with it are compared
        return Outcome("not compared", f"{where or 'value'}: function {a.__name__} {CODE}", where)
    return _different(where, f"{_short(a)} is not {_short(b)}")


#: How `compare_references` says a function the notebook defined is code.
CODE = "is code (the values it computes are compared)"


def is_code(outcome: Outcome) -> bool:
    """``outcome`` only says that a part is a notebook function (code, not a value)."""
    return outcome.status == "not compared" and outcome.detail.endswith(CODE)


def _all_equal(pairs: Any, depth: int, recurse: Compare) -> Outcome:
    """The first non-equal outcome over ``(a, b, where)`` pairs, else equal. A part that is a
    notebook function does not end the search: the rest of the value is still compared (a
    system holding its update function and a wrong gain is "different"); when the rest is
    equal, the first such part is the outcome."""
    code = None
    for x, y, where in pairs:
        outcome = recurse(x, y, where, depth + 1)
        if is_code(outcome):
            code = code or outcome
        elif outcome.status != "equal":
            return outcome
    return code or EQUAL
