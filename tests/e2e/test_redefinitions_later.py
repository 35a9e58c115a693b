"""A notebook function or class defined again, differently, in a later cell: every definition of
the name stays in its node and is handed on to the nodes after it, so each call sees the
definition the notebook had bound at that point; a module function reading the redefined name
takes it as a keyword, and a redefinition calling itself (recursion) calls its own. The real
`kedro run` computes what the notebook does."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_function_scopes import notebook_result, written
from .test_definition_time import convert_and_run

pytestmark = pytest.mark.e2e

REDEFINED = [
    "import json\nout = []",
    "def step(n):\n    return n + 1",
    "class Box:\n    size = 1",
    "def twice(n):\n    return step(n) * 2",
    "out.append([step(1), twice(1), Box.size])",
    "## Again",
    "def step(n):\n    return n + 100",
    "class Box:\n    size = 2",
    "out.append([step(1), twice(1), Box.size])",
    "## Recursive",
    "def depth(xs):\n    return 1 + max(depth(x) for x in xs) if isinstance(xs, list) else step(0)",
    "out.append([depth([1, [2, [3]]]), twice(2)])",
    "## Third",
    "def step(n):\n    return -n",
    "def depth(xs):\n    return len(xs) + sum(depth(x) for x in xs if isinstance(x, list))",
    "out.append([step(3), twice(3), depth([1, [2, [3]]]), Box.size])",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]


def test_later_cells_see_the_latest_definition(tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path) -> None:
    expected = notebook_result(tmp_path, REDEFINED)
    project = convert_and_run(tmp_path, REDEFINED, nb2pipe_bin, kedro_bin)
    functions = next(project.rglob("functions.py")).read_text()
    assert "def step(" not in functions and "class Box" not in functions, (
        "a name differing definitions bind is node code"
    )
    assert "def twice(n, *, step)" in functions
    assert written(project) == expected
