"""One file read several ways (other load arguments, other readers, written then read back,
shared between notebooks): under `kedro run` each variable gets what the notebook read."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import explain, run_tool
from .notebook_values import convert_and_compare, pipeline_values

pytestmark = pytest.mark.e2e

SEMICOLONS = "day;amount\n2021-03-01;4\n2021-03-02;6\n2021-03-03;5\n"

CELLS = [
    "import numpy as np\nimport pandas as pd",
    # the read as it is, then the "fix the read" cell: other options, same file
    "raw = pd.read_csv('sales.csv')\nraw_columns = list(raw.columns)",
    "sales = pd.read_csv('sales.csv', sep=';', parse_dates=['day'], index_col='day')\n"
    "weekday = sales.index.day_of_week.tolist()",
    # one cell, one node: the same file three ways
    "a = pd.read_csv('sales.csv', sep=';')\nb = pd.read_csv('sales.csv', sep=';', usecols=['amount'])\n"
    "grid = np.loadtxt('sales.csv', delimiter=';', skiprows=1, usecols=1)\n"
    "with open('sales.csv') as f:\n    first_line = f.readline()",
    # written, then read back without and with the options it was written with
    "out = pd.DataFrame({'k': ['x', 'y'], 'v': [1.5, 2.5]})\nout.to_csv('out.csv', sep='|', index=False)",
    "back_plain = pd.read_csv('out.csv')\nback = pd.read_csv('out.csv', sep='|', index_col='k')",
]


def test_each_read_of_one_file_gets_its_own_options(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(
        tmp_path, CELLS, nb2pipe_bin, kedro_bin, files={"sales.csv": SEMICOLONS}
    )
    # each was compared with the notebook's value (convert_and_compare)
    assert {"raw", "sales", "a", "b", "grid", "first_line", "back_plain", "back"} <= set(got)
    assert not expected["raw"].equals(expected["a"]), "the reads differ in the notebook too"


READER = [
    "import pandas as pd",
    "shared = pd.read_csv('out.csv', sep='|')\nshared_plain = pd.read_csv('out.csv')",
]


def test_a_file_one_notebook_writes_and_another_reads_with_options(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    """The writer's save arguments and each reader's load arguments, across notebooks."""
    import nbformat

    from .notebook_values import notebook_values

    folder = tmp_path / "nb"
    folder.mkdir()
    expected = notebook_values(folder, CELLS[:1] + CELLS[4:5] + READER, tmp_path)
    for name, cells in (("a_write", CELLS[:1] + CELLS[4:5]), ("b_read", READER)):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
        nbformat.write(nb, folder / f"{name}.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", folder, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, folder)
    assert not expected["shared"].equals(expected["shared_plain"])
    for name in ("shared", "shared_plain"):
        assert got[name].equals(expected[name]), name
