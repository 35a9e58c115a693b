"""Notebook functions in the functions module call each other directly (recursion, a helper
defined further down, mutual recursion, lambdas), lambdas take the globals they read, and a
function defined inside a top-level `if` is made in its node: the real `kedro run` computes what
the notebook computes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_definition_time import convert_and_run, notebook_result

pytestmark = pytest.mark.e2e

CELLS = [
    "import json\nimport numpy as np\nLIMIT = 2\nfactor = 3\nFAST = True\ndata = np.arange(3.0)",
    "def walk(tree, depth=0):\n    if depth > LIMIT or not isinstance(tree, list):\n        return [depth]\n"
    "    return [d for t in tree for d in walk(t, depth + 1)]",
    "def quad(x):\n    return double_it(double_it(x))\n\ndef double_it(x):\n    return 2 * x * factor",
    "def is_even(n):\n    return True if n == 0 else is_odd(n - 1)\n\n"
    "def is_odd(n):\n    return False if n == 0 else is_even(n - 1)",
    "fact = lambda n: 1 if n == 0 else n * fact(n - 1)\ntimes = lambda x: x * factor\n"
    "shifted = lambda x, k=2: times(x) + k + data.sum()",
    "if FAST:\n    def step(x):\n        return x + factor\nelse:\n    def step(x):\n        return x - factor",
    "## Use",
    "out = [walk([[1, [2]], 3]), quad(3), list(map(quad, [1])), is_even(4), fact(4), times(2),\n"
    "       list(map(times, [1, 2])), shifted(1), step(1)]",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]


def test_functions_call_each_other_in_the_module(tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path) -> None:
    expected = notebook_result(tmp_path, CELLS)
    project = convert_and_run(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    functions = next(project.rglob("functions.py")).read_text()
    for line in ("def walk(tree, depth=0, *, LIMIT):", "def quad(x, *, factor):", "def is_even(n):",
                 "fact = lambda n: 1", "times = lambda x, *, factor: x * factor"):
        assert line in functions, line
    (written,) = [p for p in project.rglob("out.json") if "src" not in p.parts]
    assert json.loads(written.read_text()) == expected


GLOBALS = [
    "import json\ncounter = 0",
    "def bump(step=1):\n    global counter\n    counter += step\n    return counter",
    "def init():\n    global model, history\n    model = {'w': 1}\n    history = []",
    "def train():\n    history.append(model['w'])\n    model['w'] *= 2",
    "## Run",
    "bump()\nbump(2)\ninit()\ntrain()\ntrain()",
    "## Save",
    "with open('out.json', 'w') as f:\n    json.dump([counter, model, history], f)",
]


def test_functions_rebinding_notebook_globals_rebind_the_nodes_variables(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    """`global counter` in a function: it is made in the node holding the variables it rebinds
    (`nonlocal`), and the calls stay there."""
    expected = notebook_result(tmp_path, GLOBALS)
    project = convert_and_run(tmp_path, GLOBALS, nb2pipe_bin, kedro_bin)
    nodes = next(project.rglob("nodes.py")).read_text()
    assert "nonlocal counter" in nodes and "global " not in nodes
    (written,) = [p for p in project.rglob("out.json") if "src" not in p.parts]
    assert json.loads(written.read_text()) == expected
