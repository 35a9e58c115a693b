"""Figures a cell shows once more as its value, run for real (`nb2pipe verify`: notebook and
`kedro run`). A drawing call that returns the figure it drew on (statsmodels' `plot_acf`, a
decomposition's `.plot()`) ending a cell shows that figure twice: as the cell's value, then when
the cell ends; the node returned it once ('cells showed 3 figure(s), node returned 2'). A figure
unpacked from `plt.subplots()`'s tuple (`fig, ax = objects`) and shown ending a later cell was not
taken for a figure: the node lost it."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import figure_rows, write_notebook

pytestmark = pytest.mark.e2e

RETURNED = [
    "# Autocorrelation",
    "import matplotlib.pyplot as plt\nimport numpy as np\nimport pandas as pd\n"
    "from statsmodels.graphics.tsaplots import plot_acf, plot_pacf\n"
    "from statsmodels.tsa.seasonal import seasonal_decompose",
    "## Series",
    "index = pd.date_range('2024-01-01', periods=48, freq='D')\n"
    "series = pd.Series(np.sin(np.arange(48) / 2.0) + np.arange(48) / 10.0, index=index)",
    "## Correlograms",
    "fig, ax = plt.subplots(figsize=(5, 2))\nplot_acf(series, ax=ax, lags=10)\n\n"
    "fig, ax = plt.subplots(figsize=(5, 2))\nplot_pacf(series, ax=ax, lags=10, method='ywm')",
    "## Decomposition",
    "seasonal_decompose(series, period=7).plot()",
    "## Quiet",
    "plot_acf(series, lags=5);",
    "## An axes ending a cell",
    "fig, ax = plt.subplots(figsize=(5, 2))\nseries.plot(ax=ax)",
    "## Numbers",
    "trend = float(series.diff().mean())",
]

UNPACKED = [
    "# Later cell",
    "import matplotlib.pyplot as plt\nimport numpy as np",
    "## Grid",
    "objects = plt.subplots(nrows=1, ncols=2, figsize=(6, 2))\nfig, (left, right) = objects\n"
    "objects",
    "## Drawn later",
    "left.plot(np.arange(5.0), c='red')\nright.plot(np.arange(5.0) ** 2)\n\nfig",
    "## Numbers",
    "total = float(np.arange(5.0).sum())",
]


@pytest.mark.parametrize(("name", "cells"), [("returned", RETURNED), ("unpacked", UNPACKED)])
def test_figures_shown_as_a_cells_value_are_returned_as_often(
    tmp_path: Path, name: str, cells: list[str]
) -> None:
    write_notebook(tmp_path / "nb", name, cells)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    shown, returned, statuses = figure_rows(report)[f"{name}.ipynb"]
    assert shown == returned and shown > 0 and statuses and set(statuses) == {"equal"}
