"""Calls of other libraries that draw into pyplot's current figure as a side effect (networkx's
`draw_networkx`, bare `plot`/`title` a star import of pylab brings) are drawing: their node
returns the figure the cell showed, run for real (`nb2pipe verify`: notebook and `kedro run`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import figure_rows, write_notebook

pytestmark = pytest.mark.e2e

#: A graph drawn by networkx alone: no pyplot call in the drawing cell.
GRAPH = [
    "# Graph",
    "import networkx as nx\nimport matplotlib.pyplot as plt",
    "## Build",
    "g = nx.Graph()\ng.add_edges_from([(1, 2), (2, 3), (3, 1), (3, 4)])\n"
    "spots = {1: (0, 0), 2: (1, 0), 3: (0.5, 1), 4: (1.5, 1)}",
    "## Draw",
    "nx.draw_networkx(g, pos=spots, with_labels=True)",
    "## Degrees",
    "degrees = sorted(d for _, d in g.degree())",
]
#: Bare names brought by star imports: `plot`, `title` are pyplot's; `ones` is numpy's (data).
STARRED = [
    "# Starred",
    "from numpy import *\nfrom pylab import *",
    "## Data",
    "x = linspace(0, 1, 11)\ny = x ** 2 + ones(11)",
    "## Figure",
    "plot(x, y)\ntitle('squares')\nxlabel('x')\nshow()",
    "## Again",
    "plot(x, -y)",
    "## Total",
    "total = float(y.sum())",
]


@pytest.mark.parametrize("name, cells", [("graph", GRAPH), ("starred", STARRED)])
def test_library_drawing_calls_return_the_figure_the_cell_showed(
    tmp_path: Path, name: str, cells: list[str]
) -> None:
    write_notebook(tmp_path / "nb", name, cells)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    shown, returned, statuses = figure_rows(report)[f"{name}.ipynb"]
    assert shown == returned >= 1 and statuses and set(statuses) == {"equal"}
    values = [r for n in report.notebooks for r in n.results if r.kind != "figures"]
    assert values and {r.status for r in values} == {"equal"}
