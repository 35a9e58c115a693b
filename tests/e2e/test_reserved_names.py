"""Notebook names Kedro reserves (`parameters`) or that read like Kedro's (`params`, `catalog`,
`credentials`), and a plot setting that reads a variable (`plt.rcParams.update(params)`): under
`kedro run` every node gets its inputs and every value equals the notebook's."""

from __future__ import annotations

from pathlib import Path

import pytest

from .notebook_values import convert_and_compare

pytestmark = pytest.mark.e2e

CELLS = [
    "import matplotlib.pyplot as plt\nimport pandas as pd",
    "ROWS = 20\npd.set_option('display.max_rows', ROWS)",
    "params = {'figure.figsize': (4, 3), 'axes.grid': True}",
    "plt.rcParams.update(params)",
    "parameters = [1, 2, 3]\nparameters.append(4)",
    "catalog = {'a': len(parameters)}\ncredentials = dict(user='me')",
    "total = sum(parameters) + catalog['a'] + len(credentials)\nwidth = params['figure.figsize'][0]",
    "plt.plot(parameters)\nplt.show()",
    "rows = pd.get_option('display.max_rows')",
]


def test_reserved_names_and_settings_reading_variables_keep_their_edges(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    from PIL import Image

    expected, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin, name="names")
    assert {"params", "parameters", "catalog", "credentials", "total", "width", "rows"} <= set(got)
    (png,) = (tmp_path / "project" / "data" / "08_reporting").rglob("*.png")
    inches = expected["params"]["figure.figsize"]
    assert Image.open(png).size == (round(inches[0] * 100), round(inches[1] * 100)), "rcParams replayed"
