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
