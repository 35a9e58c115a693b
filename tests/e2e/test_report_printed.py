"""What a reporting node prints is in the report, at the cell that printed it: a real `kedro run`
of a notebook whose drawing work (a notebook function that prints and draws, an `if` block that
prints and draws) left the data nodes; the page holds the text the same cells print run here."""

from __future__ import annotations

import contextlib
import html
import io
from pathlib import Path

import matplotlib
import pytest

from .helpers import converted_cells, explain, run_tool

pytestmark = pytest.mark.e2e

CELLS = [
    "import pandas as pd\nimport matplotlib.pyplot as plt",
    "frame = pd.DataFrame({'month': [1, 2, 3, 4], 'total': [3.5, 7.25, 6.0, 11.0]})",
    "def draw_totals(df):\n    print('months:', len(df), 'mean total:', df['total'].mean())\n"
    "    df.info()\n    plt.figure()\n    plt.plot(df['month'], df['total'])",
    "draw_totals(frame)",
    "if len(frame) > 2:\n    print('months shown:', len(frame))\n"
    "    plt.plot(frame['month'], frame['total'])",
    "frame['double'] = frame['total'] * 2",
    "frame['double'].sum()",
]
PRINTING = (3, 4)  # the cells whose drawing prints


def printed_by_cells(cells: list[str]) -> dict[int, str]:
    """The text each cell prints, run here top to bottom."""
    matplotlib.use("Agg")
    namespace: dict[str, object] = {}
    printed: dict[int, str] = {}
    for index, cell in enumerate(cells):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(cell, namespace)
        printed[index] = out.getvalue()
    import matplotlib.pyplot as plt

    plt.close("all")
    return printed


def test_text_a_reporting_node_prints_is_in_the_report_at_its_cell(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    project, _ = converted_cells(tmp_path, "totals", CELLS, nb2pipe_bin)
    nodes = (project / "src" / "project" / "pipelines" / "totals" / "nodes.py").read_text()
    assert nodes.count("with show_printed(shown):") == 2, nodes  # both are reporting nodes' work
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    (page,) = (project / "data" / "08_reporting" / "totals").glob("report.html/*/report.html")
    text = page.read_text(encoding="utf-8")
    printed = printed_by_cells(CELLS)
    positions = []
    for index in PRINTING:
        expected = f'<pre class="printed">{html.escape(printed[index])}</pre>'
        assert printed[index] and expected in text, (index, printed[index])
        positions.append(text.index(expected))
    shown_sum = text.index(repr(sum(2 * t for t in (3.5, 7.25, 6.0, 11.0))))
    assert positions == sorted(positions) and positions[-1] < shown_sum  # the notebook's order
    assert text.count('<pre class="printed">') == 2  # nothing printed twice, no empty part
