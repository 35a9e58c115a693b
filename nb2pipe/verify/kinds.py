"""Type predicates for `compare.COMPARATORS`, and figure counting.

Pandas, numpy and matplotlib are never imported here: a value of their types can only exist once
the library is loaded, so the predicates look the classes up in ``sys.modules``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from types import BuiltinFunctionType, FunctionType, MemberDescriptorType, MethodType, ModuleType
from typing import Any


def type_name(value: Any) -> str:
    """``int`` for builtins, else ``module.Qualname`` (for messages and type checks)."""
    kind = type(value)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def lib_type(module: str, *names: str) -> tuple[type, ...]:
    """Classes ``module.name`` if the module is already imported (else none)."""
    loaded = sys.modules.get(module)
    return tuple(getattr(loaded, n) for n in names if hasattr(loaded, n)) if loaded else ()


def _is(module: str, name: str) -> Callable[[Any], bool]:
    def applies(value: Any) -> bool:
        types = lib_type(module, name)
        return bool(types) and isinstance(value, types)

    applies.__name__ = f"is_{name.lower()}"
    return applies


is_dataframe = _is("pandas", "DataFrame")
is_series = _is("pandas", "Series")
is_index = _is("pandas", "Index")
is_ndarray = _is("numpy", "ndarray")


def is_number(value: Any) -> bool:
    """Python or numpy numbers (bool excluded: it is compared as a plain value)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, complex)):
        return True
    numpy_types = lib_type("numpy", "number")
    return bool(numpy_types) and isinstance(value, numpy_types)


def is_bool(value: Any) -> bool:
    """A Python or numpy bool."""
    return isinstance(value, (bool, *lib_type("numpy", "bool_")))


def is_random_state(value: Any) -> bool:
    """numpy's legacy RandomState or a Generator (they have no ``==``)."""
    types = lib_type("numpy.random", "RandomState", "Generator")
    return bool(types) and isinstance(value, types)


def is_plain(value: Any) -> bool:
    """None, bool, str, bytes: compared with ``==``."""
    numpy_bool = lib_type("numpy", "bool_")
    return value is None or isinstance(value, (bool, str, bytes, bytearray, *numpy_bool))


def is_figure(value: Any) -> bool:
    """A matplotlib Figure, or a plotly-style figure (anything with ``to_plotly_json``)."""
    matplotlib_figure = lib_type("matplotlib.figure", "Figure")
    if matplotlib_figure and isinstance(value, matplotlib_figure):
        return True
    return hasattr(type(value), "to_plotly_json") and hasattr(value, "data")


def figure_count(value: Any) -> int:
    """Figures in a value: 1 for a figure, the sum over a list/tuple/dict's items, else 0."""
    if is_figure(value):
        return 1
    if isinstance(value, Mapping):
        return sum(figure_count(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return sum(figure_count(v) for v in value)
    return 0


def is_figures(value: Any) -> bool:
    """A figure or a non-empty list/tuple/dict made only of figures."""
    if is_figure(value):
        return True
    items = list(value.values()) if isinstance(value, Mapping) else value
    return isinstance(items, (list, tuple)) and bool(items) and all(is_figure(v) for v in items)


def is_artist(value: Any) -> bool:
    """Matplotlib artists (axes, lines...) and seaborn grids: judged through figure counts."""
    types = lib_type("matplotlib.artist", "Artist") + lib_type("seaborn.axisgrid", "Grid")
    return bool(types) and isinstance(value, types)


def is_estimator(value: Any) -> bool:
    """scikit-learn style: the class has ``get_params`` and ``fit``."""
    kind = type(value)
    return hasattr(kind, "get_params") and hasattr(kind, "fit") and not isinstance(value, type)


def has_own_eq(value: Any) -> bool:
    """The class defines ``==`` (object identity is not a comparison)."""
    return type(value).__eq__ is not object.__eq__


def has_state(value: Any) -> bool:
    """An instance with a ``__dict__``."""
    return hasattr(value, "__dict__") and not isinstance(value, type)


def is_mapping(value: Any) -> bool:
    """dict-like, unless it holds only figures."""
    return isinstance(value, Mapping) and not is_figures(value)


def is_sequence(value: Any) -> bool:
    """list or tuple, unless it holds only figures."""
    return isinstance(value, (list, tuple)) and not is_figures(value)


def is_reference(value: Any) -> bool:
    """Classes, functions, methods and modules: pickled by reference, compared by identity."""
    return isinstance(value, (type, FunctionType, BuiltinFunctionType, MethodType, ModuleType))


def notebook_function(value: Any) -> bool:
    """A plain function no library module holds (the notebook's, the generated project's copy of
    it, or one made inside a node): code that is not the same object in two processes."""
    if not isinstance(value, FunctionType):
        return False
    module = value.__module__ or "__main__"
    return (module == "__main__" or "<locals>" in value.__qualname__
            or ".pipelines." in f".{module}." or module.endswith(".functions"))


def is_object(value: Any) -> bool:
    """Any other object (the catch-all row)."""
    return not is_reference(value)


def is_set(value: Any) -> bool:
    """set or frozenset."""
    return isinstance(value, (set, frozenset))


def same_class(a: Any, b: Any) -> bool:
    """One class, or the same class defined twice: by a notebook (its ``__main__``, re-made from
    its source when unpickled) and by the project (its functions module or a node)."""
    return type(a) is type(b) or same_defined_class(type(a), type(b))


def same_defined_class(a: type, b: type) -> bool:
    """The class a notebook defines and the one the project defines in its place."""
    names = [k.__qualname__.split("<locals>.")[-1] for k in (a, b)]
    return names[0] == names[1] and any(
        k.__module__ == "__main__" or "<locals>" in k.__qualname__ for k in (a, b))


def class_data(kind: type) -> dict[str, Any]:
    """A class's own attributes that are data (not methods, properties, dunders, or the member
    descriptors `__slots__` makes: a slot's value is the instance's state, compared there)."""
    return {name: value for name, value in vars(kind).items()
            if not name.startswith("__") and not callable(value)
            and not isinstance(value, (property, staticmethod, classmethod, MemberDescriptorType))}


def cached_properties(kind: type) -> frozenset[str]:
    """Names of the ``functools.cached_property`` attributes of a class and its bases: their
    value lands in an instance's ``__dict__`` when first read, a cache rather than state."""
    return frozenset(name for klass in kind.__mro__ for name, value in vars(klass).items()
                     if isinstance(value, functools.cached_property))
