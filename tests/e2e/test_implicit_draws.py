"""scipy.stats draws from numpy's global generator when no random_state is given: a
distribution's `rvs` (as a function, `stats.norm.rvs(size=5)`, or on a frozen distribution,
`stats.norm(1).rvs(3)`) and its resampling tests (`stats.bootstrap`). After `np.random.seed(42)`
such a section moves the generator; the node of the next section drawing (`df.sample(5)`) must
start from the state it left. Before, those calls were not known to draw: the next node restored
the state from before them, and `df.sample` picked other rows than the notebook's (a silently
wrong value, found writing a statistics student's notebook)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify.compare import compare_values

from .helpers import explain, run_tool
from .notebook_values import convert_and_compare, pipeline_values

pytestmark = pytest.mark.e2e

#: Cells starting with `# ` are markdown headings: one section, one node each.
CELLS = [
    "import numpy as np\nimport pandas as pd\nfrom scipy import stats\nnp.random.seed(42)",
    "# Draws",
    "a = np.random.normal(size=3)",
    "# Distributions",
    "b = stats.norm.rvs(size=4)\nc = stats.norm(loc=1).rvs(3)\n"
    "d = stats.binom.rvs(10, 0.5, size=4)",
    "# Resampling",
    "res = stats.bootstrap((np.arange(10.0),), np.mean, n_resamples=20)\n"
    "low = res.confidence_interval.low",
    "# Rows",
    "df = pd.DataFrame({'x': range(20)})\nsub = df.sample(5)",
]


def test_the_next_draw_starts_where_scipy_left_the_global_generator(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    # `res` (a bootstrap result) cannot be compared with `==` (ValueError): `low` checks it
    _, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin, name="draws",
                                    by_identity=["res"], headings=True)
    assert {"a", "b", "c", "d", "low", "sub"} <= got.keys()


#: A library class made and fitted in one expression (`KMeans(...).fit(X)`), no random_state,
#: in a section after the one drawing the data: one k-means step from a random start, so the
#: centers are the start the global generator gave.
CHAINED = [
    "import numpy as np\nfrom sklearn.cluster import KMeans\nnp.random.seed(3)",
    "# Data",
    "X = np.random.uniform(size=(40, 2))",
    "# Fit",
    "centers = KMeans(n_clusters=3, init='random', n_init=1, max_iter=1).fit(X).cluster_centers_",
]


def test_a_class_made_and_fitted_at_once_draws_where_the_notebook_left_the_generator(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    """Before, only `km.fit(X)` on a name counted as a draw: the Fit node was not handed the
    generator's state. A whole `kedro run` hid it (the Data node, run just before in the same
    process, left the global generator there); running the Fit node alone, as the README shows,
    started from a fresh, unseeded generator and found other centers."""
    expected, got, _ = convert_and_compare(tmp_path, CHAINED, nb2pipe_bin, kedro_bin,
                                           name="fit", headings=True)
    assert "centers" in got
    project = tmp_path / "project"
    alone = run_tool([kedro_bin, "run", "--nodes", "fit.fit"], cwd=project)
    assert alone.returncode == 0, explain(alone)
    again = pipeline_values(project, tmp_path / "nb")["centers"]
    outcome = compare_values(expected["centers"], again)
    assert outcome.status == "equal", outcome.detail
