"""Generated `nodes.py` are ruff-clean of what generating them leaves behind (issue #10): imports
sorted as ruff's isort sorts them, a value a node computes and nobody reads no longer bound (but
still computed: here it draws from numpy's generator, so dropping the call would change every
later draw), an unpacked name nobody reads renamed `_name` — and `kedro run` still computes
exactly the notebook's values."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest
from ruff.__main__ import find_ruff_bin

from nb2pipe.verify.compare import compare_values

from .helpers import explain, run_tool
from .notebook_values import notebook_values, pipeline_values

pytestmark = pytest.mark.e2e

CELLS = [
    "import pandas as pd\nimport numpy as np\nimport json\nimport matplotlib.pyplot as plt",
    "## Draw",
    "np.random.seed(0)\nsample = np.random.rand(3)\nn_rows, n_cols = (4, 5)\n"
    "frame = pd.DataFrame({'a': [3, 1, 2]})\nframe['b'] = frame['a'] * n_rows",
    "fig, ax = plt.subplots()\nax.plot(frame['b'])",
    "## Draw again",
    "sample = np.random.rand(2)\nn_cols = 2\ntotal = float(sample.sum()) + n_cols",
    "summary = json.dumps({'total': total, 'rows': int(frame['b'].sum())})",
]


def test_nodes_are_ruff_clean_and_compute_the_notebooks_values(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    (tmp_path / "nb").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if c.startswith("#")
                else nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, tmp_path / "nb" / "tidy.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    (nodes,) = project.glob("src/*/pipelines/*/nodes.py")
    lint = subprocess.run([find_ruff_bin(), "check", "--isolated", "--no-cache",
                           nodes.relative_to(project)], cwd=project, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout
    code = nodes.read_text()
    assert "    np.random.rand(3)\n" in code  # computed (it draws), not bound
    assert "_n_cols" in code and "_fig, ax = plt.subplots()" in code
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    code_cells = [c for c in CELLS if not c.startswith("#")]
    expected = notebook_values(tmp_path / "nb", code_cells, tmp_path)
    got = pipeline_values(project, tmp_path / "nb")
    assert {"sample", "total", "summary", "frame"} <= got.keys()
    for variable in sorted(got.keys() & expected.keys()):  # not the generator state handed on
        outcome = compare_values(expected[variable], got[variable])
        assert outcome.status == "equal", f"{variable}: {outcome.detail}"
