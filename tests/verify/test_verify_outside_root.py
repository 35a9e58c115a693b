"""Verify runs a notebook with what convert read: `nb2pipe verify notebooks/x.ipynb` must find
`../data/raw/y.csv` (and a helper module on `sys.path.append("../lib")`) where Jupyter finds them,
and may write into `../out/` as the notebook does."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nb2pipe.model import CatalogEntry, LocalModule, Plan
from nb2pipe.verify import to_json, verify
from nb2pipe.verify.outside import outside_paths

CELLS = [
    "import sys\nsys.path.append('../lib')\nimport pandas as pd\nimport shared",
    "df = shared.twice(pd.read_csv('../data/raw/y.csv'))\ndf.to_csv('../out/z.csv', index=False)",
]


def layout(tmp_path: Path) -> Path:
    for name, text in {"data/raw/y.csv": "a\n1\n2\n", "lib/shared.py": "def twice(df):\n    return df * 2\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "notebooks").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, tmp_path / "notebooks" / "x.ipynb")
    return tmp_path / "notebooks" / "x.ipynb"


def test_what_a_run_needs_outside_the_root(tmp_path: Path) -> None:
    root = tmp_path / "notebooks"
    plan = Plan("p", "p", (), (
        CatalogEntry("y_csv", "pandas.CSVDataset", "data/01_raw/y.csv", copy_from=str(tmp_path / "data/raw/y.csv")),
        CatalogEntry("w_csv", "pandas.CSVDataset", "data/01_raw/w.csv", copy_from=str(root / "w.csv")),
    ), (), local_modules=(LocalModule("shared", "", "../lib/shared.py"),))
    (tmp_path / "data/raw").mkdir(parents=True)
    (tmp_path / "data/raw/y.csv").write_text("a\n")
    root.mkdir()
    (root / "w.csv").write_text("a\n")
    outside = outside_paths(plan, root, {"../out/z.csv": "data/02_intermediate/z.csv", "w.csv": "x"})
    assert outside.files == (str(tmp_path / "data/raw/y.csv"), str(tmp_path / "lib/shared.py"))
    assert outside.folders == (str(tmp_path / "out"),)
    assert outside.base(root) == str(tmp_path)


@pytest.mark.e2e
def test_a_notebook_reading_and_writing_beside_its_folder_verifies(tmp_path: Path) -> None:
    notebook = layout(tmp_path)
    report = verify([notebook], project=tmp_path / "proj", runs=1)
    assert report.ok, to_json(report)
    (run,) = report.notebooks
    assert {row.dataset: row.status for row in run.results}["x.df"] == "equal"
    assert not (tmp_path / "out").exists(), "verify ran on copies"
