"""A fitted object that holds other fitted objects, handed from one node to the next (issue #9's
list): a StackingRegressor fits the pipeline steps it holds, and a later node reads a step's
fitted attribute (`mean_`). (A value holding a lambda, such as a fitted statsmodels
KDEUnivariate, is tests/e2e/test_local_functions.py's case.)"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .notebook_values import convert_and_compare

STACK_CELLS = [
    "import numpy as np\nfrom sklearn.ensemble import StackingRegressor\n"
    "from sklearn.pipeline import make_pipeline\nfrom sklearn.preprocessing import StandardScaler\n"
    "from sklearn.linear_model import LinearRegression, Ridge",
    "X = np.arange(40.0).reshape(20, 2) ** 1.5\ny = X[:, 0] * 2 + X[:, 1]",
    "stack = StackingRegressor([('p', make_pipeline(StandardScaler(), Ridge())),\n"
    "                          ('l', LinearRegression())], cv=2)",
    "stack.fit(X, y)",
    "# a later node reads a fitted step inside the container\n"
    "means = stack.estimators_[0].steps[0][1].mean_",
    "pred = stack.predict(X[:3])",
]


def test_a_step_fitted_through_its_container_carries_its_fitted_attributes(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(tmp_path, STACK_CELLS, nb2pipe_bin, kedro_bin)
    np.testing.assert_allclose(got["means"], expected["means"], rtol=1e-12)
    np.testing.assert_allclose(got["pred"], expected["pred"], rtol=1e-9)
