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

from .notebook_values import convert_and_compare

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
