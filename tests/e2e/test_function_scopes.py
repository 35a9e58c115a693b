"""A name resolves to the binding visible where it is read: notebook functions take the globals
they read as keyword-only parameters, but a nested def, a parameter or a lambda parameter named
like a notebook function is another function, a function that stays in its node passes them on
to the module's functions it calls (even ones defined further down), and a global passed on
under a name the function uses for a parameter takes another keyword; a node that reads a
module function and then defines its own of that name starts from the module's. Code moved into
functions keeps its string literals, reads `__builtins__` as the module it is in a notebook,
sees the names its annotations read, and `read_table(..., delimiter=",")` reads commas. The
real `kedro run` computes what the notebook does."""

from __future__ import annotations

import builtins
import json
import os
from pathlib import Path

import pytest

from .test_definition_time import convert_and_run

pytestmark = pytest.mark.e2e

SCOPES = [
    "import json\nscale = 3\nrules = [1, 2]\nCell = int",
    "def solve(x):\n    return x * scale + helper(x)",
    "def helper(x):\n    return x + sum(rules)",
    "def outer(xs):\n    def solve(x):\n        return x - 1\n    return [solve(x) for x in xs] + [helper(0)]",
    "def use(solve, x):\n    return solve(x)",
    "def match(x, rules):\n    return solve(x) + len(rules)",
    "def mapl(f, *values):\n    return list(map(f, *values))",
    "def total(first, /, *xs, **named):\n    return (first + sum(xs)) * scale + len(named)",
    "def local_run(x: Cell) -> Cell:\n    return twice(x) + solve(x)",
    "def twice(x):\n    return 2 * x * scale",
    "## Use",
    "vals = list(map(lambda solve: solve + 1, [1, 2]))\n"
    "out = [solve(1), outer([1, 2]), use(abs, -2), match(1, [9]), mapl(abs, [-1]), total(1, 2, a=0),\n"
    "       local_run(2), vals]",
    "# the node read the module's `twice`, now it defines its own: a local of the whole node\n"
    "def twice(x, k=vals):\n    return x * len(k)\n\nout.append(twice(5))",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]

TEXT = [
    "import functools\nimport json\nimport pandas as pd\nTerm = str\ncache = functools.lru_cache(None)",
    "with open('a.csv', 'w') as f:\n    f.write('x,y\\n1,2\\n')",
    "# `delimiter` is read_table's `sep`: the catalog must not add the tab default\n"
    "table = pd.read_table('a.csv', delimiter=',')",
    "# a call: data made in a node, not a parameter\n"
    'program = """\nfor i in range({n}):\n    total = i\n""".format(n=3)\nlower = []; upper = []',
    "def run(code):\n    namespace = dict(vars(__builtins__))\n    exec(code, namespace)\n"
    "    return namespace['total']",
    "## Words",
    "@cache\ndef shout(t: Term) -> str:\n    return t.upper()",
    "lower.append('a')\nupper.append(shout('a'))",
    "## Report",
    "out = [program, run(program), lower, upper, table.values.tolist()]",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]


def notebook_result(tmp_path: Path, cells: list[str]) -> object:
    """out.json as the cells write it, run as in a notebook's `__main__` (where `__builtins__`
    is the builtins module)."""
    folder = tmp_path / "original"
    folder.mkdir()
    cwd = os.getcwd()
    namespace: dict[str, object] = {"__name__": "__main__", "__builtins__": builtins}
    try:
        os.chdir(folder)
        for cell in cells:
            if not cell.startswith("## "):
                exec(compile(cell, "cell", "exec"), namespace)  # noqa: S102 - the test's own cells
    finally:
        os.chdir(cwd)
    return json.loads((folder / "out.json").read_text())


def written(project: Path) -> object:
    (found,) = [p for p in project.rglob("out.json") if "src" not in p.parts]
    return json.loads(found.read_text())


def test_calls_resolve_to_the_binding_visible_where_they_are_made(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, SCOPES)
    project = convert_and_run(tmp_path, SCOPES, nb2pipe_bin, kedro_bin)
    functions = next(project.rglob("functions.py")).read_text()
    assert "def local_run" not in functions, "annotated with notebook data: it stays in its node"
    assert "    def solve(x):\n" in functions, "a nested def takes no keywords"
    assert "def use(solve, x):\n    return solve(x)\n" in functions, (
        "a parameter is no notebook function"
    )
    assert "def match(x, rules, *, rules_, scale):" in functions
    assert "def mapl(f, *values):" in functions, "nothing to add: no bare `*`"
    assert "def total(first, /, *xs, scale, **named):" in functions
    assert written(project) == expected


def test_moved_code_keeps_strings_builtins_and_annotation_names(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, TEXT)
    project = convert_and_run(tmp_path, TEXT, nb2pipe_bin, kedro_bin)
    nodes = next(project.rglob("nodes.py")).read_text()
    assert "\nfor i in range({n}):\n    total = i\n" in nodes, (
        "a string's lines are not re-indented"
    )
    assert written(project) == expected
