"""Data nodes keep only data work. A `try` that only shows the error computing a value raises
(`try: k + [3, 4]` / `except ValueError as e: print(e)`) is a display: the report runs it and
shows what it printed. A value computed and thrown away inside a loop (`J.max() - J.min()`, or
what ruff leaves of an unused local) is dropped. `kedro run` computes the notebook's values."""

from __future__ import annotations

import ast
import html
import subprocess
import sys
from pathlib import Path

import pytest

from nb2pipe.verify.compare import compare_values

from .helpers import converted_cells, explain, run_tool
from .notebook_values import notebook_values, pipeline_values

pytestmark = pytest.mark.e2e

CELLS = [
    "import numpy as np",
    "e = np.arange(4) * 2\ne.sum()",  # the report reads `e`, which the next cell's handler catches into
    "k = np.arange(3)\ntry:\n    k + np.arange(2)\nexcept ValueError as e:\n    print('cannot add:', e)",
    "totals = []\nfor step in range(3):\n    scaled = k * step\n    spread = scaled.max() - scaled.min()\n"
    "    scaled.max() - scaled.min()\n    totals.append(int(scaled.sum()))",
    "best = max(totals)",
]


def test_displays_leave_data_nodes_and_the_report_shows_the_error(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    project, _ = converted_cells(tmp_path, "shapes", CELLS, nb2pipe_bin)
    nodes = next(project.glob("src/*/pipelines/shapes/nodes.py")).read_text()
    data = [f for f in ast.parse(nodes).body if isinstance(f, ast.FunctionDef) and f.name != "report"]
    bare = [ast.unparse(s) for f in data for s in ast.walk(f)
            if isinstance(s, ast.Expr) and not isinstance(s.value, ast.Constant)
            and not (isinstance(s.value, ast.Call) and ast.unparse(s.value.func) == "totals.append")]
    assert bare == [], nodes
    assert "try:" not in "".join(ast.unparse(f) for f in data)
    # the handler's `e` would rebind the report's argument `e`: that one is called `e_value`
    (report,) = [f for f in ast.parse(nodes).body if isinstance(f, ast.FunctionDef) and f.name == "report"]
    assert "e_value" in [a.arg for a in report.args.args]
    lint = subprocess.run([str(Path(sys.executable).parent / "ruff"), "check", "--isolated", "--select",
                           "PLR1704", "-"], input=nodes, capture_output=True, text=True, check=False)
    assert lint.returncode == 0, lint.stdout
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    expected = notebook_values(tmp_path / "nb", CELLS, tmp_path)
    got = pipeline_values(project, tmp_path / "nb")
    assert {"k", "totals", "best"} <= got.keys()
    for variable in sorted(got.keys() & expected.keys()):
        outcome = compare_values(expected[variable], got[variable])
        assert outcome.status == "equal", f"{variable}: {outcome.detail}"
    (page,) = project.glob("data/08_reporting/shapes/report.html/*/report.html")
    assert "cannot add: operands could not be broadcast" in html.unescape(page.read_text())
