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

from nb2pipe.verify.compare import compare_values

from .helpers import explain, reporting_pngs, run_tool
from .notebook_values import notebook_values, pipeline_values
from .test_drawing_nodes import write_notebook

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
    folder = tmp_path / "nb"
    write_notebook(folder, "save", CELLS)
    expected = notebook_values(folder, [c for c in CELLS if not c.startswith("# ")], tmp_path)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", folder, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, folder)
    assert (expected["total"], expected["big"]) == (15, 2)
    for name in ("df", "total", "back", "big"):
        outcome = compare_values(expected[name], got[name])
        assert outcome.status == "equal", f"{name}: {outcome.detail}"
    assert reporting_pngs(project), "the bar chart is saved"
