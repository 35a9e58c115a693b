"""A value stored into a container is the same object as the container's part: a fit of the
pipeline fits the scaler it holds, a loop fitting a dict's models fits the models, a change
through one name of an object shows through the other. The real `kedro run` passes them between
nodes as the same objects, a node reading one before another node changes it runs first, and
it computes what the notebook does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_definition_time import convert_and_run, notebook_result

pytestmark = pytest.mark.e2e

CELLS = [
    "import json\nimport numpy as np\nfrom sklearn.preprocessing import StandardScaler\n"
    "from sklearn.linear_model import LinearRegression, Ridge\nfrom sklearn.pipeline import make_pipeline",
    "X = np.array([[1.0, 2], [2, 1], [3, 5], [4, 3]])\ny = np.array([1.0, 2, 3, 4])",
    "scaler = StandardScaler()\nmodel = LinearRegression()\npipe = make_pipeline(scaler, model)\n"
    "ridge = Ridge(alpha=0.5)\nmodels = {'ridge': ridge}\nseen = [1]\nsame = seen",
    "## Zeta check",  # reads the scaler before the fit changes it; sorts after "fit"
    "fitted_before = hasattr(scaler, 'mean_')",
    "## Fit",
    "pipe.fit(X, y)\nfor name, estimator in models.items():\n    estimator.fit(X, y)\nseen.append(2)",
    "## Report",
    "out = [fitted_before, scaler.mean_.tolist(), model.coef_.round(6).tolist(),\n"
    "       ridge.coef_.round(6).tolist(), same]",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]


def test_changes_through_containers_reach_what_they_hold(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, CELLS)
    project = convert_and_run(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    nodes = next(project.rglob("nodes.py")).read_text()
    assert "def fit(" in nodes and "def report(" in nodes, "the sections are separate nodes"
    (written,) = [p for p in project.rglob("out.json") if "src" not in p.parts]
    assert json.loads(written.read_text()) == expected
