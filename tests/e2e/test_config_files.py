"""A file the notebook configures itself from (`plt.style.use("house.mplstyle")`, a style sheet
beside the notebook: `io_calls.CONFIG_FILES`) travels into the project as a raw input, and every
node replaying the setting reads the catalog's copy, run for real (`nb2pipe verify`: notebook and
`kedro run`). The call was replayed word for word in nodes that run from the project root:
`kedro run` failed ('house.mplstyle' is not a valid package style, path of style file...)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import write_notebook

pytestmark = pytest.mark.e2e

STYLE = "lines.linewidth: 3.5\naxes.facecolor: eeeeee\nfigure.figsize: 3.0, 2.0\n"
CELLS = [
    "# Styled",
    "import matplotlib.pyplot as plt\nimport numpy as np",
    "plt.style.use('house.mplstyle')",
    "## Read",
    "width = float(plt.rcParams['lines.linewidth'])\nsize = [float(v) for v in plt.rcParams['figure.figsize']]",
    "## Drawn",
    "fig, ax = plt.subplots()\nax.plot(np.arange(4.0) * width)",
    "## Listed",
    # a setting between a node's statements: the node reads the file too
    "total = sum([width, 1.0])\nplt.style.use(['ggplot', 'house.mplstyle'])\n"
    "face = str(plt.rcParams['axes.facecolor'])",
]


def test_a_style_file_beside_the_notebook_travels_into_the_project(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "styled", CELLS)
    (tmp_path / "nb" / "house.mplstyle").write_text(STYLE)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    rows = {r.dataset.split(".")[-1]: r.status for n in report.notebooks for r in n.results}
    assert rows["width"] == rows["size"] == rows["total"] == rows["face"] == "equal", rows
    assert (tmp_path / "project" / "data" / "01_raw" / "house.mplstyle").read_text() == STYLE
    nodes = (tmp_path / "project" / "src" / "project" / "pipelines" / "styled" / "nodes.py").read_text()
    assert "house.mplstyle" not in nodes, nodes


#: Calls no table row knows whose names say they read (`io_calls.READING_NAME_PREFIXES`), given
#: files beside the notebook: `ConfigParser.read` of a file not there reads nothing, silently.
READING_CELLS = [
    "import configparser\nimport xml.etree.ElementTree as ET",
    "cfg = configparser.ConfigParser()\ncfg.read('settings.ini')",
    "rows = int(cfg['main']['rows'])\nlimit = int(ET.parse('limits.xml').getroot().get('max'))",
]


def test_files_a_reading_call_names_travel_into_the_project(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "configured", READING_CELLS)
    (tmp_path / "nb" / "settings.ini").write_text("[main]\nrows = 7\n")
    (tmp_path / "nb" / "limits.xml").write_text('<limits max="40"/>')
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    rows = {r.dataset.split(".")[-1]: r.status for n in report.notebooks for r in n.results}
    assert rows["rows"] == rows["limit"] == "equal", rows
