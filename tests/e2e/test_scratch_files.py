"""Scratch files: a notebook writes a file, reads it back, then removes it (`os.remove(p)`,
`path.unlink()`). The removal changes the file its earlier cells left, at the path the catalog
gives it: `kedro run` reads back what the notebook read and removes what it removed (run for
real: `nb2pipe verify` runs the notebook and the pipeline and compares every dataset)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import write_notebook

pytestmark = pytest.mark.e2e

CELLS = [
    "import os\nimport pathlib\nimport pandas as pd",
    "frame = pd.DataFrame({'a': [1, 2, 200], 'b': [0.5, 1.5, -2.0]})",
    "scratch = pathlib.Path('scratch_to_remove.csv')\nframe.to_csv(scratch)",
    "small = pd.read_csv(scratch, dtype={'a': 'uint8'}, index_col=0)\nscratch.unlink()",
    "with open('lines_to_remove.txt', 'w') as stream:\n"
    "    stream.write('\\n'.join(str(v) for v in frame['a']))",
    "lines = pd.read_csv('lines_to_remove.txt', header=None)[0].tolist()",
    "os.remove('lines_to_remove.txt')",
    "left = sorted(p.name for p in pathlib.Path('.').glob('*_to_remove.*'))",
]


def test_files_written_read_back_and_removed(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "scratch", CELLS)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    (notebook,) = report.notebooks
    status = {r.variable: r.status for r in notebook.results if r.variable}
    assert {status.get(name) for name in ("small", "lines")} == {"equal"}, to_json(report)
    written = list((tmp_path / "project" / "data").rglob("*_to_remove.*"))
    assert not [p for p in written if p.stem.endswith("_remove")], "the final versions are removed"
