"""scikit-learn's Display constructors (`ConfusionMatrixDisplay.from_estimator`,
`RocCurveDisplay.from_predictions`) draw the figure the cell shows: their node returns it, run for
real (`nb2pipe verify`: notebook and `kedro run`). The call was taken for data work: the figure
was drawn in a data node and lost (verify: 'cells showed 3 figure(s), node returned 2')."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import figure_rows, write_notebook

pytestmark = pytest.mark.e2e

CELLS = [
    "# Displays",
    "import matplotlib.pyplot as plt\nimport numpy as np\n"
    "from sklearn.linear_model import LogisticRegression\n"
    "from sklearn.metrics import ConfusionMatrixDisplay, RocCurveDisplay",
    "## Fit",
    "X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])\ny = np.array([0, 0, 1, 0, 1, 1])\n"
    "model = LogisticRegression().fit(X, y)\npred = model.predict(X)",
    "## Matrix",
    "ConfusionMatrixDisplay.from_estimator(model, X, y)\nplt.show()",
    "## Curve",
    "RocCurveDisplay.from_predictions(y, model.predict_proba(X)[:, 1])\nplt.show()",
    "## Score",
    "accuracy = float((pred == y).mean())",
]


def test_display_constructors_return_the_figures_the_cells_showed(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "displays", CELLS)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    shown, returned, statuses = figure_rows(report)["displays.ipynb"]
    assert shown == returned == 2 and statuses and set(statuses) == {"equal"}
