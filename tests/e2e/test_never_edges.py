"""The throwaway `_` and values that are None: Kedro refuses to save None ("Saving 'None' to a
'Dataset' is not allowed"), so neither may become a dataset. Under `kedro run` the pipeline
completes and every value it hands on equals the notebook's."""

from __future__ import annotations

from pathlib import Path

import pytest

from .notebook_values import convert_and_compare

pytestmark = pytest.mark.e2e

CELLS = [
    "import random\nimport matplotlib.pyplot as plt\nimport numpy as np\nimport pandas as pd\n"
    "random.seed(3)",
    "fig, _ = plt.subplots()\n_ = _.set(title='throwaway axes')",
    "xs = [5, 3, 8, 1]\n_ = random.shuffle(xs)",
    "for _ in range(3):\n    xs.append(len(xs))",
    "_, counts = np.unique(xs, return_counts=True)",
    "def log(message):\n    print(message)",
    "frame = pd.DataFrame({'a': [1.0, None, 3.0]})\nresult = frame.insert(1, 'b', [1, 2, 3])\n"
    "shown = log(len(frame))\nordered = xs.sort()",
    "total = sum(xs) + int(counts.sum()) + len(frame)",
    "nothing = [result is None, shown is None, ordered is None]",
]


def test_throwaway_names_and_none_values_never_become_datasets(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin, name="scratch")
    assert {"xs", "counts", "frame", "total", "nothing"} <= set(got)
    assert "_" not in got and expected["nothing"] == [True, True, True]
