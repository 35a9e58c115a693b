"""Calls drawing into pyplot's current figure as a side effect (knowledge/pyplot_drawing.py) are
plots, qualified (`nx.draw_networkx`) or as bare names a star import brings (`bode` after
`from control.matlab import *`); a bare name the notebook bound itself, or one no table lists
for the star-imported module, is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import last_cell_chunks

CASES = [
    ("import networkx as nx", "nx.draw_networkx(g)", "plot"),
    ("import networkx as nx", "nx.drawing.nx_pylab.draw_spring(g)", "plot"),
    ("import networkx as nx", "h = nx.relabel_nodes(g, {})", "data"),
    ("from control.matlab import *", "bode(g)", "plot"),
    ("from control.matlab import *", "y, t = step(g)", "data"),
    ("from numpy import *\nfrom pylab import *", "plot(g, g)", "plot"),
    ("from numpy import *\nfrom pylab import *", "h = linspace(0, 1, 3)", "data"),
    ("from pylab import *\ndef plot(a):\n    return [a]", "h = plot(g)", "data"),
    ("from pylab import *\nfrom networkx import *", "draw(g)", "plot"),
    ("from sklearn.metrics import ConfusionMatrixDisplay",
     "ConfusionMatrixDisplay.from_predictions(g, g)", "plot"),
    ("from sklearn import metrics", "metrics.RocCurveDisplay.from_estimator(m, g, g)", "plot"),
    ("from sklearn.metrics import ConfusionMatrixDisplay", "d = ConfusionMatrixDisplay(g)", "data"),
]


@pytest.mark.parametrize("imports, code, kind", CASES)
def test_library_drawing_calls_are_plots(
    tmp_path: Path, imports: str, code: str, kind: str
) -> None:
    chunks = last_cell_chunks(tmp_path, imports, "g = [1.0, 2.0]", code)
    assert [c.kind for c in chunks] == [kind]
