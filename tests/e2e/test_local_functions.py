"""Values holding a lambda or a local function cross node boundaries: plain pickle cannot store
them ("Can't pickle local object"), the edges' cloudpickle backend can. Under `kedro run` every
value equals the notebook's."""

from __future__ import annotations

from pathlib import Path

import pytest

from .notebook_values import convert_and_compare

pytestmark = pytest.mark.e2e

CELLS = [
    "import numpy as np\nfrom sklearn.preprocessing import FunctionTransformer",
    "X = np.arange(6.0).reshape(3, 2)\ndoubler = FunctionTransformer(lambda x: x * 2)\ndoubler.fit(X)",
    "def make_adder(k):\n    def add(v):\n        return v + k\n    return add",
    "adder = make_adder(5)",
    "# a later cell, another node: both values crossed a node boundary\n"
    "doubled = doubler.transform(X)\nadded = adder(X)",
]


def test_values_holding_local_functions_cross_nodes(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin, name="local",
                                           by_identity=("doubler", "adder"))
    assert {"doubled", "added", "doubler", "adder"} <= set(got)
    # the stored functions compute what the notebook's do
    X = expected["X"]
    assert (got["doubler"].transform(X) == expected["doubler"].transform(X)).all()
    assert (got["adder"](X) == expected["adder"](X)).all()
