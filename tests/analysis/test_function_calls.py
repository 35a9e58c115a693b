"""Notebook functions calling each other: in the functions module they are all there, so a
function is no free global of another (or of itself), whichever is defined first; what calling
it reads still reaches its callers."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import analyze_cells


def globals_of(tmp_path: Path, *cells: str) -> dict[str, set[str]]:
    return {name: set(free) for name, free in analyze_cells(tmp_path, *cells).function_globals}


@pytest.mark.parametrize(("cells", "expected"), [
    (("K = 2", "def walk(t, d=0):\n    return [walk(x, d + K) for x in t]"), {"walk": {"K"}}),
    (("K = 2", "def a(x):\n    return b(x)\n\ndef b(x):\n    return x * K"), {"a": {"K"}, "b": {"K"}}),
    (("def even(n):\n    return n == 0 or odd(n - 1)", "def odd(n):\n    return n != 0 and even(n - 1)"),
     {"even": set(), "odd": set()}),
    (("K = 2", "def a(x):\n    return b(x)", "def c(x):\n    return a(x)", "def b(x):\n    return x * K"),
     {"a": {"K"}, "b": {"K"}, "c": {"K"}}),
    (("fact = lambda n: 1 if n == 0 else n * fact(n - 1)",), {"fact": set()}),
])
def test_functions_are_no_free_globals_of_each_other(
    tmp_path: Path, cells: tuple[str, ...], expected: dict[str, set[str]]
) -> None:
    assert globals_of(tmp_path, *cells) == expected


@pytest.mark.parametrize("cells", [
    ("def a(x):\n    return b(x)", "b = 3"),  # b is data, not only a function
    ("def a(x):\n    return b(x)", "def b(x):\n    return x", "def b(x):\n    return -x"),  # two b's
])
def test_a_name_bound_otherwise_stays_a_global(tmp_path: Path, cells: tuple[str, ...]) -> None:
    assert "b" in globals_of(tmp_path, *cells)["a"]


def test_a_later_definition_made_in_its_node_is_passed(tmp_path: Path) -> None:
    free = globals_of(tmp_path, "import numpy as np\ndata = np.ones(2)",
                      "def a(x):\n    return b(x)", "def b(x, r=data.sum()):\n    return x - r")
    assert free["a"] == {"b"}


@pytest.mark.parametrize("body", [
    "    def __init__(self):\n        self.v = random.random()",  # the constructor draws
    "    def __init__(self):\n        self.v = self.pick()\n\n"
    "    def pick(self):\n        return random.random()",
    "    def __attrs_post_init__(self):\n        self.v = draw()",  # a notebook function drawing
])
@pytest.mark.parametrize("again", [False, True])  # defined twice differently: kept in its node
def test_making_an_instance_draws_what_its_methods_draw(
    tmp_path: Path, body: str, again: bool
) -> None:
    cells = ["import random", "def draw():\n    return random.random()", "random.seed(1)",
             f"class C:\n{body}", *(["class C:\n    pass", f"class C:\n{body}"] if again else []),
             "c = C()"]
    (chunk,) = [c for c in analyze_cells(tmp_path, *cells).chunks if "c" in c.defines]
    assert "rng:random" in {str(s) for s in chunk.uses}
    # a class kept in its node may count its instances in a class attribute: calling it changes it
    assert ("C" in chunk.mutates) == again


def test_a_class_not_drawing_makes_instances_without_random_state(tmp_path: Path) -> None:
    cells = ["import random", "random.seed(1)",
             "class C:\n    def __init__(self):\n        self.v = 1", "c = C()"]
    (chunk,) = [c for c in analyze_cells(tmp_path, *cells).chunks if "c" in c.defines]
    assert "rng:random" not in {str(s) for s in chunk.uses}


@pytest.mark.parametrize(("call", "changed"), [
    ("out = list(map(tick, 'ab'))", True),  # the call may run the closure
    ("out = run([tick, 2], steps=3)", True),  # inside a list literal
    ("out = run(steps=tick)", True),
    ("out = run(other)", False),  # a value no such function made
])
def test_a_value_holding_closures_with_state_changes_when_passed(
    tmp_path: Path, call: str, changed: bool
) -> None:
    cells = ["from somewhere import run",
             "def counter():\n    n = 0\n\n    def tick(x):\n        nonlocal n\n        n += 1\n"
             "        return n\n\n    return tick",
             "tick = counter()\nother = len('abc')", call]
    (chunk,) = [c for c in analyze_cells(tmp_path, *cells).chunks if "out" in c.defines]
    assert ("tick" in chunk.mutates) == changed
