"""What the notebook showed of a value only one node holds (a version made and changed again in
one cell) reaches the report: the node computes the display where that version exists and hands
its HTML on (`<node>_shown`), and the report places it in the notebook's order. A real `kedro run`
writes the page; `kedro run --tags report` builds it again from the saved parts alone."""

from __future__ import annotations

import contextlib
import html
import io
import re
from pathlib import Path

import pytest

from .helpers import explain, run_tool
from .test_report import write_notebook

pytestmark = pytest.mark.e2e

CELLS = [
    "# Prices",
    "import numpy as np\nimport pandas as pd",
    "prices = pd.DataFrame({'item': ['a', 'b', 'c'], 'price': [3.0, 1.5, 2.25]})\n"
    "display(prices.head(2))\n"
    "prices['price'] = prices['price'] * 2\n"
    "print('doubled total', prices['price'].sum())\n"
    "prices = prices[prices.price > 3]\n"
    "np.mean(prices['price'])",
    "## Kept",
    "kept = len(prices)",
]


def notebook_shows() -> list[str]:
    """What the notebook showed, in order, as the page writes it (run here, cell 2)."""
    shown: list[str] = []
    namespace: dict[str, object] = {"display": lambda v: shown.append(v._repr_html_())}
    exec(CELLS[1], namespace)
    *body, last = CELLS[2].split("\n")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec("\n".join(body), namespace)
    shown.append(html.escape(printed.getvalue()).strip())
    shown.append(html.escape(repr(eval(last, namespace))))
    return shown


def report_of(project: Path) -> list[Path]:
    return sorted((project / "data" / "08_reporting" / "prices").glob("report.html/*/report.html"))


def test_displays_of_a_value_changed_again_in_one_node_reach_the_report(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    write_notebook(tmp_path / "nb", "prices", CELLS)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    nodes = (project / "src" / "project" / "pipelines" / "prices" / "nodes.py").read_text()
    assert "shown.append(show_html(lambda display: display(prices.head(2))))" in nodes
    assert "shown.append(show_html(lambda: print(" in nodes
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    (page,) = report_of(project)
    text = page.read_text(encoding="utf-8")
    positions = []
    for expected in notebook_shows():
        assert expected in text, expected
        positions.append(text.index(expected))
    assert positions == sorted(positions)  # in the notebook's order
    assert text.index("<h1>Prices</h1>") < positions[0]
    assert positions[-1] < text.index("<h2>Kept</h2>")
    again = run_tool([kedro_bin, "run", "--tags", "report"], cwd=project)
    assert again.returncode == 0, explain(again)
    assert set(re.findall(r"Running node: (\w+)", again.stdout + again.stderr)) == {"report"}
    assert report_of(project)[-1].read_text(encoding="utf-8") == text
