"""A notebook listing the folder another notebook's loop writes one item at a time
(`glob.glob("scores/*.csv")`, `os.listdir`, `Path(...).glob`) reads the partitioned dataset: the
folder is an input of its nodes, so Kedro runs the writer first (the reader's name sorts first
here, so only the folder orders them), and what it computes equals the notebook's."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pandas as pd
import pytest

from .helpers import explain, run_tool
from .notebook_values import notebook_values, pipeline_values

pytestmark = pytest.mark.e2e

WRITER = [
    "import os\nimport pandas as pd",
    "os.makedirs('scores', exist_ok=True)\n"
    "for i in range(3):\n"
    "    part = pd.DataFrame({'i': [i, i], 'v': [i * 2, i * 3]})\n"
    "    part.to_csv(f'scores/b_{i}.csv', index=False)",
]
READER = [
    "import glob\nimport os\nfrom pathlib import Path\nimport pandas as pd",
    "frames = [pd.read_csv(p) for p in sorted(glob.glob('scores/*.csv'))]\n"
    "total = pd.concat(frames, ignore_index=True)",
    "names = sorted(os.listdir('scores'))",
    "count = len(list(Path('scores').glob('*.csv')))",
]


def test_a_notebook_reads_the_folder_another_writes_one_item_at_a_time(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    expected = notebook_values(folder, WRITER + READER, tmp_path)
    for name, cells in (("b_write", WRITER), ("a_read", READER)):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
        nbformat.write(nb, folder / f"{name}.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", folder, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    wiring = (project / "src/project/pipelines/a_read/pipeline.py").read_text()
    assert '"scores@path"' in wiring and 'inputs={"scores"}' in wiring, wiring
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, folder)
    pd.testing.assert_frame_equal(got["total"], expected["total"])
    assert got["names"] == expected["names"] == ["b_0.csv", "b_1.csv", "b_2.csv"]
    assert got["count"] == expected["count"] == 3
