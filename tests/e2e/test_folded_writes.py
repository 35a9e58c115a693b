"""A node only writing a value to a file goes into the node making the value, which returns it to
the file's dataset too (planning/aliases.py `writes_folded`). When that node also draws (a
notebook function plotting and returning a total), it returns its figures last, as an expression
(`as_shown(...)`) no name stands for: folding rewrote the return from the names alone and dropped
it, and `kedro run` failed ("the node function returned 3 output(s), whereas the node definition
contains 4"; found writing a student's EDA notebook: a helper drawing value counts, then
`df.to_csv`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import reporting_pngs
from .notebook_values import convert_and_compare

pytestmark = pytest.mark.e2e

#: Cells starting with `# ` are markdown headings: one section, one node each.
CELLS = [
    "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
    "import pandas as pd",
    "def summarize(frame):\n    frame['v'].plot(kind='bar')\n    plt.show()\n"
    "    return int(frame['v'].sum())",
    "# Data",
    "df = pd.DataFrame({'v': [1, 5, 9]})\ndf['big'] = df['v'] > 4\ntotal = summarize(df)",
    "# Save",
    "df.to_csv('out.csv', index=False)",
    "# Read",
    "back = pd.read_csv('out.csv')\nbig = int(back['big'].sum())",
]


def test_a_drawing_node_that_also_writes_the_file_returns_its_figures(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin,
                                           name="save", headings=True)
    assert (expected["total"], expected["big"]) == (15, 2)
    assert {"df", "total", "back", "big"} <= got.keys()
    assert reporting_pngs(tmp_path / "project"), "the bar chart is saved"
