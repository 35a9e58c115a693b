"""End to end with the real converter: a faithful conversion verifies, a broken node does not."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from live_processes import processes_with
from rich.console import Console

from nb2pipe.verify import print_report, to_json, verify

pytestmark = pytest.mark.e2e

CELLS = [
    ("markdown", "# Small study"),
    ("code", "import numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt"),
    (
        "code",
        "rng = np.random.default_rng(7)\n"
        "df = pd.DataFrame({'x': rng.normal(size=50), 'g': rng.integers(0, 3, size=50)})",
    ),
    ("markdown", "## Summary"),
    ("code", "summary = df.groupby('g')['x'].agg(['mean', 'count']).reset_index()\nsummary"),
    (
        "code",
        "plt.figure()\nplt.bar(summary['g'], summary['mean'])\nplt.title('means')\nplt.show()",
    ),
    ("code", "summary.to_csv('summary.csv', index=False)"),
]


@pytest.fixture(scope="module")
def notebooks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("study") / "notebooks"
    folder.mkdir()
    notebook = nbformat.v4.new_notebook()
    makers = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell}
    notebook.cells = [makers[kind](text) for kind, text in CELLS]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Python 3",
    }
    nbformat.write(notebook, folder / "small.ipynb")
    return folder


@pytest.fixture(scope="module")
def project(notebooks: Path) -> Path:
    """Converted by the first verification (the project does not exist yet)."""
    return notebooks.parent / "small_project"


def test_faithful_conversion_verifies(notebooks: Path, project: Path) -> None:
    report = verify([notebooks], project=project, runs=2)
    assert report.ok, to_json(report)
    assert report.notes == ()
    assert (project / ".nb2pipe" / "manifest.json").exists()
    (notebook,) = report.notebooks
    by_dataset = {row.dataset: row for row in notebook.results}
    assert by_dataset["small.df"].status == "equal"
    assert by_dataset["small.summary"].status == "equal"
    assert by_dataset["summary.csv"].kind == "file" and by_dataset["summary.csv"].status == "equal"
    figures = [row for row in notebook.results if row.kind == "figures"]
    assert [row.status for row in figures] == ["equal"]
    assert notebook.figures_notebook == notebook.figures_pipeline == 1
    assert notebook.count("different") == 0 and report.exit_code == 0
    assert json.loads(json.dumps(to_json(report)))["ok"] is True
    text = io.StringIO()
    print_report(report, Console(file=text, width=200))
    assert "verified" in text.getvalue()


def test_broken_node_fails_naming_dataset_node_and_cells(
    notebooks: Path, project: Path, tmp_path: Path
) -> None:
    if not project.exists():
        pytest.skip("needs the project converted by test_faithful_conversion_verifies")
    broken = tmp_path / project.name
    shutil.copytree(project, broken)
    (nodes,) = broken.glob("src/*/pipelines/small/nodes.py")
    code = nodes.read_text()
    assert "rng.normal(size=50)" in code
    nodes.write_text(code.replace("rng.normal(size=50)", "rng.normal(size=50) + 1.0"))
    report = verify([notebooks], project=broken, runs=1)
    assert not report.ok and report.exit_code == 1
    assert "nodes.py" in report.notes[0]  # the project is not what a conversion gives now
    (notebook,) = report.notebooks
    different = {row.dataset: row for row in notebook.results if row.status == "different"}
    assert {"small.df", "small.summary", "summary.csv"} <= set(different)
    df = different["small.df"]
    assert df.node == "small.small_study"
    source_cell = nbformat.read(notebooks / "small.ipynb", as_version=4).cells[2]
    assert df.cells == (source_cell.id,)
    text = io.StringIO()
    print_report(report, Console(file=text, width=200))
    assert "small.small_study" in text.getvalue() and "not verified" in text.getvalue()


def test_an_endless_loop_stops_verify_after_the_timeout(tmp_path: Path) -> None:
    """Notebook and pipeline both loop forever: the cell and the node are stopped after
    --timeout, the processes the loop started are gone, and verify fails naming the node."""
    folder = tmp_path / "nb"
    folder.mkdir()
    marker = f"{os.getpid()}.{time.time_ns() % 10**6}"  # a unique `sleep` duration
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("numbers = [1, 2, 3]"),
        nbformat.v4.new_code_cell(
            f"import subprocess\nsubprocess.Popen(['sleep', '{marker}'])\n"
            "total = 0\nwhile total >= 0:\n    total += sum(numbers)"
        ),
    ]
    nbformat.write(notebook, folder / "spin.ipynb")
    command = [sys.executable, "-m", "nb2pipe", "verify", str(folder), "--timeout", "3", "--json"]
    env = {**os.environ, "KEDRO_DISABLE_TELEMETRY": "1"}
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert time.monotonic() - started < 240
    assert done.returncode == 1, done.stderr[-3000:]
    (report,) = json.loads(done.stdout)["notebooks"]
    notebook_error, pipeline_error = report["errors"]
    assert notebook_error.startswith("notebook: ")
    assert notebook_error.endswith("a cell ran longer than the timeout (3 s)")
    assert pipeline_error.startswith("pipeline: timed out after 3 s in node spin.")
    assert pipeline_error.endswith(" (the run was stopped)")
    assert not processes_with(f"sleep {marker}")


def test_a_notebook_without_pipeline_is_nothing_to_compare(tmp_path: Path) -> None:
    """Only definitions and displays: the pipeline is the notebook's report alone, so `kedro run`
    works (not "Pipeline contains no nodes") and verify has no dataset to compare."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Definitions"),
        nbformat.v4.new_code_cell("def double(x):\n    return 2 * x"),
        nbformat.v4.new_code_cell("class Point:\n    x: int = 0"),
        nbformat.v4.new_code_cell("3 * 7"),
    ]
    nbformat.write(notebook, tmp_path / "defs.ipynb")
    report = verify([tmp_path / "defs.ipynb"], runs=1)
    assert report.ok and not report.errors
    assert [(n.pipeline, n.results, n.errors) for n in report.notebooks] == [("defs", (), ())]
