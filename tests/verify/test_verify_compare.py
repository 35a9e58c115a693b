"""Comparators as a specification table: (notebook value, pipeline value) → status."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from sklearn.linear_model import LinearRegression  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402
from sklearn.tree import DecisionTreeClassifier  # noqa: E402

from nb2pipe.verify.compare import compare_values, unstable_paths  # noqa: E402
from nb2pipe.verify.kinds import figure_count  # noqa: E402


@dataclass(frozen=True)
class Case:
    name: str
    a: Any
    b: Any
    status: str
    #: A fragment the detail must contain ("" for no check).
    detail: str = ""


class Point:
    """A user class without __eq__: compared by its attributes."""

    def __init__(self, x: float):
        self.x = x


def with_attrs(**attrs: Any) -> Point:
    point = Point(0.0)
    point.__dict__.update(attrs)
    return point


class Slotted:
    """No __eq__ and no __dict__: compared by what it pickles to."""

    __slots__ = ("x",)

    def __init__(self, x: int):
        self.x = x


class Opaque:
    """Cannot even be reduced: nothing to compare."""

    __slots__ = ()

    def __reduce_ex__(self, protocol: object) -> tuple:
        raise TypeError("no")


def fitted(seed_shift: float = 0.0) -> LinearRegression:
    x = np.arange(10.0).reshape(-1, 1)
    return LinearRegression().fit(x, 2 * x.ravel() + 1 + seed_shift)


def tree(seed: int) -> DecisionTreeClassifier:
    """A fitted tree: its ``tree_`` is an extension type without ``==`` or ``__dict__``."""
    x = np.random.default_rng(0).normal(size=(40, 3))
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    return DecisionTreeClassifier(max_features=1, random_state=seed).fit(x, y)


FRAME = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": ["x", "y", "z"]})

EQUAL = [
    Case("int", 3, 3, "equal"),
    Case("float within rtol", 0.1 + 0.2, 0.3, "equal"),
    Case("nan", float("nan"), float("nan"), "equal"),
    Case("numpy scalar vs float", np.float64(1.5), 1.5, "equal"),
    Case("str", "abc", "abc", "equal"),
    Case("none", None, None, "equal"),
    Case("numpy bool vs bool", np.bool_(True), True, "equal"),
    Case("nested containers", {"a": [1, (2.0, "x")]}, {"a": [1, (2.0 + 1e-13, "x")]}, "equal"),
    Case("set", {1, 2}, {2, 1}, "equal"),
    Case("frame", FRAME, FRAME.copy(), "equal"),
    Case("frame float noise", FRAME.assign(a=FRAME.a * (1 + 1e-12)), FRAME, "equal"),
    Case("series", FRAME.a, FRAME.a.copy(), "equal"),
    Case("index", FRAME.columns, FRAME.columns.copy(), "equal"),
    Case("array", np.linspace(0, 1, 5), np.linspace(0, 1, 5), "equal"),
    Case("array with nan", np.array([np.nan, 1.0]), np.array([np.nan, 1.0]), "equal"),
    Case("string array", np.array(["a", "b"]), np.array(["a", "b"]), "equal"),
    Case(
        "object array",
        np.array([{"k": 1}], dtype=object),
        np.array([{"k": 1}], dtype=object),
        "equal",
    ),
    Case("estimator", fitted(), fitted(), "equal"),
    Case(
        "sklearn pipeline",
        make_pipeline(StandardScaler(), LinearRegression()),
        make_pipeline(StandardScaler(), LinearRegression()),
        "equal",
    ),
    Case("rng", np.random.default_rng(1), np.random.default_rng(1), "equal"),
    Case("legacy rng", np.random.RandomState(1), np.random.RandomState(1), "equal"),
    Case("user object", Point(1.0), Point(1.0), "equal"),
    Case("slotted object", Slotted(1), Slotted(1), "equal"),
    Case("private cache on one side", with_attrs(x=1, _cache=2), with_attrs(x=1), "equal"),
    Case("extension type inside estimator", tree(0), tree(0), "equal"),
    Case("class reference", dict, dict, "equal"),
    Case("figure list by count", [Figure(), Figure()], [Figure(), Figure()], "equal", "by count"),
]

DIFFERENT = [
    Case("int", 3, 4, "different", "3 != 4"),
    Case("float beyond rtol", 1.0, 1.0 + 1e-6, "different"),
    Case("str", "abc", "abd", "different"),
    Case("type", [1], (1,), "different", "type"),
    Case("int vs str", 1, "1", "different", "type"),
    Case("dict keys", {"a": 1}, {"b": 1}, "different", "keys"),
    Case("nested value names path", {"a": [1, 2]}, {"a": [1, 3]}, "different", "['a'][1]"),
    Case("length", [1, 2], [1], "different", "length"),
    Case("frame value", FRAME, FRAME.assign(a=[1.0, 2.0, 3.5]), "different"),
    Case("frame columns", FRAME, FRAME.rename(columns={"b": "c"}), "different"),
    Case("frame dtype", FRAME, FRAME.astype({"a": "float32"}), "different"),
    Case("frame vs series", FRAME, FRAME.a, "different", "type"),
    Case("array shape", np.zeros(3), np.zeros(4), "different", "shape"),
    Case("array dtype", np.zeros(3), np.zeros(3, dtype=int), "different", "dtype"),
    Case("array values", np.zeros(3), np.ones(3), "different", "max |a-b|"),
    Case("estimator fitted", fitted(), fitted(0.5), "different", "intercept_"),
    Case(
        "estimator params",
        LinearRegression(),
        LinearRegression(fit_intercept=False),
        "different",
        "fit_intercept",
    ),
    Case("rng state", np.random.default_rng(1), np.random.default_rng(2), "different"),
    Case("user object", Point(1.0), Point(2.0), "different", "__dict__"),
    Case("slotted object", Slotted(1), Slotted(2), "different", "<state>"),
    Case(
        "public attribute on one side", with_attrs(x=1, y=2), with_attrs(x=1), "different", "keys"
    ),
    Case("private attribute on both sides", with_attrs(_c=1), with_attrs(_c=2), "different", "_c"),
    Case("extension type inside estimator", tree(0), tree(1), "different", "random_state"),
    Case("class reference", dict, list, "different"),
    Case("figure count", [Figure()], [Figure(), Figure()], "different", "figures"),
    Case("set", {1, 2}, {1, 3}, "different"),
]

NOT_COMPARED = [
    Case("opaque object", Opaque(), Opaque(), "not compared", "no comparator"),
    Case("inside a container", [1, Opaque()], [1, Opaque()], "not compared", "[1]"),
    Case("matplotlib axes", Figure().subplots(), Figure().subplots(), "not compared", "figures"),
    Case(
        "uncomparable numbers in arrays",
        np.array([[1, 2]], dtype="datetime64[s]"),
        np.array([[1, 2]], dtype="datetime64[s]"),
        "equal",
    ),
]


@pytest.mark.parametrize(
    "case", EQUAL + DIFFERENT + NOT_COMPARED, ids=lambda c: f"{c.status}:{c.name}"
)
def test_compare_values(case: Case) -> None:
    outcome = compare_values(case.a, case.b)
    assert outcome.status == case.status, outcome.detail
    assert case.detail in outcome.detail


def test_unknown_is_never_equal() -> None:
    assert compare_values(Opaque(), Opaque()).status == "not compared"


def test_fitted_trees_differ_in_their_nodes() -> None:
    a, b = tree(0), tree(1)
    b.random_state = 0  # same params: only the fitted tree_ state can tell them apart
    outcome = compare_values(a, b)
    assert outcome.status == "different" and "tree_" in outcome.detail


def test_deep_nesting_is_not_compared() -> None:
    deep_a: list = []
    deep_b: list = []
    for _ in range(100):
        deep_a, deep_b = [deep_a], [deep_b]
    assert compare_values(deep_a, deep_b).status == "not compared"


@pytest.mark.parametrize(
    ("value", "count"),
    [(Figure(), 1), ([Figure(), Figure()], 2), ({"a": Figure()}, 1), ([1, 2], 0), (None, 0)],
)
def test_figure_count(value: Any, count: int) -> None:
    assert figure_count(value) == count


def test_unstable_paths_collect_every_difference() -> None:
    first = {"stamp": 1.0, "rows": [1, 2, 3], "name": "x"}
    second = {"stamp": 2.0, "rows": [1, 5, 3], "name": "x"}
    assert unstable_paths(first, second) == {"['stamp']", "['rows']"}
    assert unstable_paths(first, first) == frozenset()
    assert unstable_paths(1.0, 2.0) == {""}
    assert unstable_paths([[1, 2], [3]], [[1, 5], [3]]) == {"[0]"}
    assert unstable_paths(np.array([1.0, 2.0]), np.array([1.0, 3.0])) == {""}
    assert (
        compare_values(
            first, {**second, "rows": [1, 7, 3]}, frozenset({"['stamp']", "['rows'][1]"})
        ).status
        == "equal"
    )


def test_a_class_the_notebook_and_the_project_both_define_is_compared_by_content() -> None:
    """The notebook's `Fitter` (its __main__, unpickled by value) and the project's (a class
    local to a node) are one class: instances compare by state, classes by their data."""
    notebook_kind = type("Fitter", (), {"__module__": "__main__", "bounds": (0, 5.0)})

    def node() -> type:
        class Fitter:
            bounds = (0, 5.0)

        return Fitter

    project_kind = node()
    a, b = notebook_kind(), project_kind()
    a.params, b.params = [1.0, 2.0], [1.0, 2.0]
    assert compare_values(a, b).status == "equal"
    b.params = [1.0, 3.0]
    assert compare_values(a, b).status == "different"
    assert compare_values(notebook_kind, project_kind).status == "equal"
    project_kind.bounds = (0, 6.0)
    assert compare_values(notebook_kind, project_kind).status == "different"
    other = type("Other", (), {"__module__": "__main__"})
    assert compare_values(a, other()).status == "different"


def test_a_function_the_notebook_defined_is_code_not_a_value() -> None:
    """A function defined again in a later cell is handed between nodes; its objects differ
    between the notebook's process and the pipeline's, so it is not compared (the values it
    computes are); a library function that is not the same object still differs."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    exec("def f(v=1):\n    return v", namespace)  # noqa: S102 - a notebook cell
    made_in_node = {}
    exec("def use():\n    def f(v=2):\n        return v\n    return f", made_in_node)  # noqa: S102
    outcome = compare_values(namespace["f"], made_in_node["use"]())  # type: ignore[operator]
    assert outcome.status == "not compared" and "function f is code" in outcome.detail
    import math
    import statistics

    assert compare_values(math.sqrt, statistics.mean).status == "different"


class Cached:
    """A class with a ``functools.cached_property``: reading it stores its value in
    ``__dict__`` (networkx's ``Graph.nodes``)."""

    def __init__(self, items: list[int]):
        self.items = items

    @functools.cached_property
    def total(self) -> int:
        return sum(self.items)


def test_a_cached_property_read_on_one_side_only_is_a_cache_not_state() -> None:
    read, unread = Cached([1, 2]), Cached([1, 2])
    assert read.total == 3
    assert compare_values(read, unread).status == "equal"
    assert compare_values(unread, read).status == "equal"
    changed = Cached([1, 5])
    assert changed.total == 6
    assert compare_values(read, changed).status == "different", "the state still counts"
    both = Cached([1, 2])
    both.__dict__["total"] = 4  # on both sides it is compared like any attribute
    assert compare_values(read, both).status == "different"


def test_slots_of_a_class_defined_on_both_sides_are_no_class_data() -> None:
    """`__slots__ = ('_x',)` puts a member descriptor per slot in the class: it holds no value
    (the instance's state does), so it is no class data to compare; and the notebook's class,
    pickled by value, comes back from cloudpickle without real slots (`__slots__` set after the
    class is made), its instances holding the same attributes in a `__dict__`. Both are the
    same values (oo_programming.ipynb's `SimpleSlotPoint`: "keys differ", then "dict !=
    NoneType", though every coordinate was equal)."""
    body = "    scale = 2\n\n    def __init__(self, x):\n        self._x, self._y = x, 0.5\n"
    namespace: dict[str, object] = {"__name__": "__main__"}
    exec(f"class P:\n{body}\nP.__slots__ = ('_x', '_y')", namespace)  # noqa: S102 - as unpickled
    made_in_node: dict[str, object] = {}
    code = f"class P:\n    __slots__ = ('_x', '_y')\n{body}"
    in_node = "".join(f"    {line}\n" for line in code.splitlines())
    exec(f"def node():\n{in_node}    return P", made_in_node)  # noqa: S102 - a node's code
    notebook_kind, project_kind = namespace["P"], made_in_node["node"]()  # type: ignore[operator]
    assert compare_values(notebook_kind, project_kind).status == "equal"
    assert compare_values(notebook_kind(3.0), project_kind(3.0)).status == "equal"  # type: ignore[operator]
    assert compare_values(notebook_kind(3.0), project_kind(4.0)).status == "different"  # type: ignore[operator]
    project_kind.scale = 3  # type: ignore[attr-defined]
    assert compare_values(notebook_kind, project_kind).status == "different"


def test_the_rest_of_a_value_holding_a_notebook_function_is_still_compared() -> None:
    """A system holding its update function (code) and a gain: the gain is still compared, so
    a wrong one is "different" whichever part comes first; an equal rest leaves the value
    "not compared" (its function is code)."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    exec("def update(x):\n    return x", namespace)  # noqa: S102 - a notebook cell
    made_in_node: dict[str, object] = {}
    exec("def use():\n    def update(x):\n        return x\n    return update", made_in_node)  # noqa: S102
    copy = made_in_node["use"]()  # type: ignore[operator]
    notebook = {"updfcn": namespace["update"], "gain": 2.0, "states": [1, 2]}
    outcome = compare_values(notebook, {"updfcn": copy, "gain": 2.5, "states": [1, 2]})
    assert outcome.status == "different" and outcome.where == "['gain']"
    outcome = compare_values([notebook], [{"updfcn": copy, "gain": 2.0, "states": [1, 3]}])
    assert outcome.status == "different" and outcome.where == "[0]['states'][1]"
    outcome = compare_values(notebook, {"updfcn": copy, "gain": 2.0, "states": [1, 2]})
    assert outcome.status == "not compared" and outcome.where == "['updfcn']"
