"""The report each notebook pipeline writes: a real `kedro run` makes one HTML page, in the
notebook's order, with its headings, figures and what its display statements showed, computed
by the pipeline (here checked against the same code run in this process); every run keeps its
own version, and `kedro run --tags reporting` redraws it from what the last run saved."""

from __future__ import annotations

import contextlib
import html
import io
import re
from pathlib import Path

import nbformat
import pytest

from .helpers import explain, run_tool

pytestmark = pytest.mark.e2e

CELLS = [
    "# Monthly totals\n\nHow the totals grew, month by month.",
    "import pandas as pd\nimport matplotlib.pyplot as plt",
    "frame = pd.DataFrame({'month': [1, 2, 3], 'total': [10.0, 32.5, 54.25]})",
    "frame.head(2)",
    "## Growth",
    "frame['growth'] = frame['total'].diff()",
    "frame['growth'].sum()",
    "frame.plot(x='month', y='total')\nplt.title('Totals')",
    "print('largest total:', frame['total'].max(), 'in month', int(frame['month'].iloc[-1]))",
]
SHOWN = {3: "table", 6: "value", 8: "printed"}  # cell → how the notebook shows it


def write_notebook(folder: Path, name: str, cells: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if c.startswith("#") else nbformat.v4.new_code_cell(c)
                for c in cells]
    nbformat.write(nb, folder / f"{name}.ipynb")
    return folder / f"{name}.ipynb"


def notebook_shows(cells: list[str]) -> dict[int, str]:
    """What each display cell of ``cells`` shows, run here top to bottom (as text or HTML)."""
    namespace: dict[str, object] = {}
    shown: dict[int, str] = {}
    for index, cell in enumerate(cells):
        if cell.startswith("#"):
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            if index in SHOWN and SHOWN[index] != "printed":
                value = eval(cell, namespace)
                shown[index] = value._repr_html_() if SHOWN[index] == "table" else repr(value)
            else:
                exec(cell, namespace)
        if SHOWN.get(index) == "printed":
            shown[index] = printed.getvalue()
    return shown


def reports(project: Path) -> list[Path]:
    return sorted((project / "data" / "08_reporting" / "monthly").glob("report.html/*/report.html"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, nb2pipe_bin: Path, kedro_bin: Path) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    write_notebook(tmp / "nb", "monthly", CELLS)
    project = tmp / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp / "nb", "-o", project], cwd=tmp)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    return project


def test_the_report_holds_the_narrative_figures_and_computed_displays(project: Path) -> None:
    (page,) = reports(project)
    text = page.read_text(encoding="utf-8")
    assert re.search(r"<h1>Monthly totals</h1>.*<h2>Growth</h2>", text, re.S)
    assert "How the totals grew, month by month." in text
    images = re.findall(r'<img [^>]*src="data:image/png;base64,([^"]+)"', text)
    assert len(images) == 1  # the notebook showed one figure
    shown = notebook_shows(CELLS)
    positions = []
    for index, kind in SHOWN.items():
        expected = shown[index] if kind == "table" else html.escape(shown[index])
        assert expected.strip() in text, (kind, expected)
        positions.append(text.index(expected.strip()))
    assert positions == sorted(positions)  # in the notebook's order
    assert text.index("<h2>Growth</h2>") < text.index("<img ") < positions[-1]
    assert "<script" not in text and "http://" not in text and "https://" not in text


def test_display_statements_left_the_data_nodes(project: Path) -> None:
    nodes = (project / "src" / "project" / "pipelines" / "monthly" / "nodes.py").read_text()
    data = nodes.split("def report")[0]
    assert "print(" not in data and ".head(" not in data and ".sum()" not in data
    assert "page.show(lambda: frame.head(2))" in nodes


def test_each_run_keeps_a_report_and_reporting_redraws_from_saved_data(
    project: Path, kedro_bin: Path
) -> None:
    before = reports(project)
    again = run_tool([kedro_bin, "run", "--tags", "reporting"], cwd=project)
    assert again.returncode == 0, explain(again)
    ran_nodes = set(re.findall(r"Running node: (\w+)", again.stdout + again.stderr))
    assert ran_nodes and all(n.startswith(("plot", "report")) for n in ran_nodes), ran_nodes
    after = reports(project)
    assert len(after) == len(before) + 1
    assert after[-1].read_text(encoding="utf-8") == after[-2].read_text(encoding="utf-8")


def test_a_notebook_of_narrative_and_displays_only_still_runs_its_report(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    write_notebook(tmp_path / "nb", "notes", ["# Just notes\n\nNothing computed here.", "import math",
                                              "math.pi * 2", "print('tau is', math.tau)"])
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    (page,) = (project / "data" / "08_reporting" / "notes").glob("report.html/*/report.html")
    text = page.read_text(encoding="utf-8")
    import math

    assert "<h1>Just notes</h1>" in text
    assert repr(math.pi * 2) in text and html.escape(f"tau is {math.tau}") in text
