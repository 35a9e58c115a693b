"""A notebook without headings whose cells change one array along and reseed numpy's generator
three times becomes a node per seeded phase, and `kedro run` draws exactly the notebook's numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from .notebook_values import convert_and_compare

pytestmark = pytest.mark.e2e

CELLS = [
    "import numpy as np",
    "np.random.seed(0)\nframe = np.random.rand(20, 2)",
    "frame[:, 1] *= 2",
    "np.random.seed(1)\nnoise = np.random.normal(size=len(frame))",
    "frame[:, 0] += noise\nextra = np.random.rand(3)",
    "np.random.seed(2)\nweights = np.random.rand(2)",
    "score = float((frame @ weights).mean())\nlast = np.random.rand()",
]


def test_reseeded_phases_are_nodes_and_draw_the_notebooks_numbers(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin, name="phases")
    # every value crossed a node boundary and equals the notebook's (convert_and_compare)
    assert {"frame", "noise", "weights"} <= set(got)
    assert got["score"] == expected["score"] and got["last"] == expected["last"]
