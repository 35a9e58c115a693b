"""Plotting settings (`plt.rcParams[...] = ...`, `plt.style.use(...)`) are replayed in the nodes
that draw, and also in a data node that reads them (`plt.rcParams[...]`), run for real (`nb2pipe
verify`: notebook and `kedro run`). A data node reading `rcParams` got matplotlib's defaults:
'size: [0]: 3.0 != 6.4', a value silently different."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import write_notebook

pytestmark = pytest.mark.e2e

CELLS = [
    "# Sizes",
    "import matplotlib.pyplot as plt\nimport numpy as np",
    "## Settings",
    "plt.rcParams['figure.figsize'] = (3.0, 2.0)\nplt.style.use('ggplot')",
    "## Read",
    "size = [float(v) for v in plt.rcParams['figure.figsize']]\n"
    "face = str(plt.rcParams['axes.facecolor'])",
    "## Drawn",
    "fig, ax = plt.subplots()\nax.plot(np.arange(4.0) * size[0])",
    "## Numbers",
    "area = size[0] * size[1]",
]

#: A setting that reads a notebook value: the data node reading rcParams takes it as an input.
FROM_VALUES = [
    "import matplotlib.pyplot as plt",
    "params = {'figure.figsize': (3.0, 2.0)}\nparams['figure.dpi'] = 50.0",
    "plt.rcParams.update(params)",
    "size = [float(v) for v in plt.rcParams['figure.figsize']]\n"
    "face = str(plt.rcParams['figure.dpi'])\narea = size[0] * size[1]",
]


@pytest.mark.parametrize("cells", [CELLS, FROM_VALUES], ids=["literal", "from-values"])
def test_a_data_node_reading_plot_settings_sees_them(tmp_path: Path, cells: list[str]) -> None:
    write_notebook(tmp_path / "nb", "sizes", cells)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    rows = {r.dataset.split(".")[-1]: r.status for n in report.notebooks for r in n.results}
    assert rows["size"] == rows["face"] == rows["area"] == "equal", rows
