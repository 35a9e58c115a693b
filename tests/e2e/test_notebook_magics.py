"""End to end: notebooks that use IPython's shell and magics, converted by nb2pipe, give the same
files under `kedro run` as the notebooks themselves.

The folder (written by ``notebook_folder``) holds two notebooks, a helper notebook and a script:

* ``01_make.ipynb`` writes a CSV with pandas, cuts a column with `!cut`, sorts and counts it in a
  `%%bash` cell (`sort -u`, `wc -l <`), writes a text file with `%%writefile`, reads the sorted
  file back with pandas, `%run`s ``helpers.ipynb`` for a function and a constant, and `%store`s
  a summary;
* ``02_report.ipynb`` restores the summary with `%store -r`, writes it as JSON, `%run`s
  ``prep.py --label weekly`` (argparse) and writes the label the script computed.

The notebooks run first (nbclient, a kernel on this interpreter, IPython's store in a temporary
IPYTHONDIR); then a fresh copy is converted, `kedro run` runs, and every file the notebooks
wrote must be found, with equal bytes, where the manifest says the project keeps it.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from .helpers import explain, run_notebooks, run_tool, snapshot, text_diff

MAKE = [
    "import pandas as pd\n"
    'sales = pd.DataFrame({"region": ["north", "south", "north"], "qty": [1, 2, 3]})\n'
    'sales.to_csv("sales.csv", index=False)',
    "!cut -d, -f1 sales.csv > regions.csv",
    "%%bash\nsort -u regions.csv > unique.csv\nwc -l < unique.csv > count.txt",
    "%%writefile notes.txt\nregions of the sales export\none per line",
    'regions = pd.read_csv("unique.csv")',
    "%run helpers.ipynb",
    'summary = {"total": int(total(sales)) * SCALE, "regions": len(regions)}\n%store summary',
]
HELPERS = ["SCALE = 10", 'def total(frame):\n    return frame["qty"].sum()']
REPORT = [
    "%store -r summary",
    'import json\nwith open("report.json", "w") as f:\n    json.dump(summary, f)',
    "%run prep.py --label weekly",
    'with open("label.txt", "w") as f:\n    f.write(LABEL)',
]
PREP = """\
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--label", default="daily")

if __name__ == "__main__":
    args = parser.parse_args()
    LABEL = args.label.upper()
"""
ORDER = ("01_make.ipynb", "02_report.ipynb")
WRITES = {
    "01_make.ipynb": ("count.txt", "notes.txt", "regions.csv", "sales.csv", "unique.csv"),
    "02_report.ipynb": ("label.txt", "report.json"),
}


def write_notebook(path: Path, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    for number, text in enumerate(cells, 1):
        cell = nbformat.v4.new_code_cell(text)
        cell.id = f"c{number}"
        nb.cells.append(cell)
    nbformat.write(nb, path)


def notebook_folder(folder: Path) -> Path:
    folder.mkdir(parents=True)
    write_notebook(folder / "01_make.ipynb", MAKE)
    write_notebook(folder / "helpers.ipynb", HELPERS)
    write_notebook(folder / "02_report.ipynb", REPORT)
    (folder / "prep.py").write_text(PREP, encoding="utf-8")
    return folder


@pytest.mark.e2e
def test_shell_lines_store_run_and_writefile_are_reproduced_by_kedro_run(
    tmp_path: Path,
    kernel_dir: Path,
    nb2pipe_bin: Path,
    kedro_bin: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))  # %store's database
    executed = notebook_folder(tmp_path / "executed")
    runs = run_notebooks(executed, ORDER, kernel_dir)
    for run in runs:
        errors = [
            o for c in run.executed.cells for o in c.get("outputs", []) if o.output_type == "error"
        ]
        assert not errors, f"{run.name}: {errors}"
    assert {run.name: run.wrote for run in runs} == WRITES
    assert json.loads((executed / "report.json").read_text()) == {"total": 60, "regions": 2}

    source = notebook_folder(tmp_path / "source")
    before = snapshot(source)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, "nb2pipe convert failed\n" + explain(converted)
    assert snapshot(source) == before, "nb2pipe convert changed the notebooks' folder"
    mapping = json.loads((project / ".nb2pipe" / "manifest.json").read_text())["files"]

    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, "kedro run failed\n" + explain(ran)
    problems = []
    for original in sorted(p for names in WRITES.values() for p in names):
        if original not in mapping:
            problems.append(f"{original}: not in the manifest's files {mapping}")
            continue
        produced = project / mapping[original]
        want = (executed / original).read_bytes()
        got = produced.read_bytes() if produced.is_file() else None
        if got is None:
            problems.append(f"{original}: the project did not write {mapping[original]}")
        elif got != want:
            problems.append(text_diff(want, got, original))
    assert not problems, "\n\n".join(problems)

    # the shell lines run in nodes through the catalog's paths, wired like any file access
    nodes = (project / "src" / "project" / "pipelines" / "make" / "nodes.py").read_text()
    assert "run_shell(" in nodes and "{shlex.quote(" in nodes
    stored = project / "data" / "02_intermediate" / "ipython_store" / "summary.store"
    assert stored.is_file(), "the %store dataset was not written"
