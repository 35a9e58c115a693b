"""`nb2pipe verify` runs what the driver script really runs: a notebook with its papermill
values (injected after its `parameters` cell, as papermill does), a Python script with the
call's arguments, and the script's own steps in between."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import nbformat
import pytest

from nb2pipe.drivers.run_book import INJECTED, as_run
from nb2pipe.model import Cell, Source
from nb2pipe.model.shell import NotebookRun
from nb2pipe.verify import to_json, verify

TOTAL = """\
import argparse

import pandas as pd

parser = argparse.ArgumentParser()
parser.add_argument("--input")
parser.add_argument("--scale", type=int, default=1)
args = parser.parse_args()
values = pd.read_csv(args.input, header=None)[0]
total = int(values.sum()) * args.scale
print(total)
"""
DRIVER = """\
set -e
mkdir -p work
papermill nbs/make.ipynb nbs/out.ipynb -p N 5 -p OUT work/values.csv
sort -n work/values.csv > work/sorted.csv
python scripts/total.py --input work/sorted.csv --scale 2
"""


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def driven(tmp_path: Path) -> Path:
    folder = tmp_path / "driven"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    tagged = nbformat.v4.new_code_cell("N = 1\nOUT = 'values.csv'")
    tagged.metadata["tags"] = ["parameters"]
    nb.cells = [
        tagged,
        nbformat.v4.new_code_cell(
            "import pandas as pd\nvalues = pd.Series(range(N, 0, -1))\n"
            "values.to_csv(OUT, index=False, header=False)"
        ),
    ]
    (folder / "nbs").mkdir(parents=True)
    nbformat.write(nb, folder / "nbs" / "make.ipynb")
    write(folder, "scripts/total.py", TOTAL)
    write(folder, "run.sh", DRIVER)
    return folder


def test_papermill_values_are_injected_after_the_parameters_cell() -> None:
    cells = (
        Cell(0, "p", "code", "DATA = 'a'\nPATH = DATA + '/x.csv'", ("parameters",)),
        Cell(1, "b", "code", "print(PATH)"),
    )
    original = Source(PurePosixPath("nb.ipynb"), "/r/nb.ipynb", "notebook", cells)
    bound = Source(
        original.path,
        original.abspath,
        "notebook",
        (Cell(0, "p", "code", "DATA = 'b'\nPATH = DATA + '/x.csv'", ("parameters",)), cells[1]),
    )
    run = NotebookRun("papermill", "nb.ipynb", None, (("DATA", "b"),), ".")
    executed = as_run(original, bound, run)
    # as papermill: PATH keeps the default's 'a/x.csv', DATA is 'b' afterwards
    assert executed.cells[0].source == f"DATA = 'a'\nPATH = DATA + '/x.csv'\n{INJECTED}\nDATA = 'b'"
    assert executed.cells[1] == cells[1]


@pytest.mark.e2e
def test_verify_runs_the_driver_scripts_bound_runs(driven: Path) -> None:
    report = verify([driven], runs=1)
    rows = {(n.pipeline, r.dataset): r for n in report.notebooks for r in n.results}
    # the notebook ran with N=5 (not its default 1) and wrote where -p OUT says
    assert rows[("make", "make.values")].status == "equal", to_json(report)
    assert rows[("make", "work/values.csv")].status == "equal"
    # the script ran with --scale 2 after the driver's `sort`
    assert rows[("total", "total.total")].status == "equal"
    assert rows[("run", "work/sorted.csv")].status == "equal"
    assert report.ok, to_json(report)
