"""A notebook with one heading over many cells becomes several nodes cut where the dataflow makes a
natural cut (planning/coarse.py), each named, and `kedro run` computes the notebook's values:
the draws from numpy's generator stay in one node, in the notebook's order."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nb2pipe.api import generate
from nb2pipe.verify.compare import compare_values

from .helpers import explain, run_tool
from .notebook_values import notebook_values, pipeline_values

pytestmark = pytest.mark.e2e

HEADING = "# Fit a line to noisy data"
CELLS = [
    "import numpy as np",
    "np.random.seed(0)\nx = np.sort(np.random.rand(50))",
    "y = 3 * x + 1 + np.random.normal(0, 0.1, 50)",
    "X = np.column_stack([np.ones_like(x), x])",
    "train = np.arange(50) < 40\nX_train, y_train = X[train], y[train]\nX_test, y_test = X[~train], y[~train]",
    "coef = np.linalg.lstsq(X_train, y_train, rcond=None)[0]",
    "pred_train = X_train @ coef\npred_test = X_test @ coef",
    "mse_test = float(((pred_test - y_test) ** 2).mean())\nmse_train = float(((pred_train - y_train) ** 2).mean())",
]


def test_one_heading_over_many_cells_gives_named_nodes_computing_the_notebooks_values(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(CELLS[0]), nbformat.v4.new_markdown_cell(HEADING),
                *(nbformat.v4.new_code_cell(c) for c in CELLS[1:])]
    nbformat.write(nb, folder / "fit.ipynb")
    expected = notebook_values(folder, CELLS, tmp_path)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", folder, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    data = [s for p in generate([folder], project).plan.pipelines for s in p.steps if s.kind == "data"]
    assert len(data) >= 2, [(s.name, s.cells) for s in data]
    assert len({s.name for s in data}) == len(data) and not any(s.name[-1].isdigit() for s in data)
    # both draws in one node, after the seed: the generator's state is never handed on
    drawing = [s for s in data if {"x", "y"} & set(s.returns)]
    assert len(drawing) == 1 and {"x", "y"} <= set(drawing[0].returns)
    assert not any("random_state" in i for s in data for i in s.inputs), [s.inputs for s in data]
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, folder)
    assert {"x", "y", "coef", "mse_test", "mse_train"} <= set(got)
    for variable, value in got.items():
        outcome = compare_values(expected[variable], value)
        assert outcome.status == "equal", f"{variable}: {outcome.detail}"
