"""verify's noise, end to end: attributes the notebook's runs disagree on, and values computed
from values that depend on chance, are "not reproducible" (not "different"), with the place named.
"""

from __future__ import annotations

import nbformat
import pytest

from nb2pipe.verify import to_json, verify

pytestmark = pytest.mark.e2e

CELLS = [
    "import builtins\nimport numpy as np",
    # a fitted object with an unseeded scratch attribute (as statsmodels' _tmp_like_exog)
    "class Fit:\n"
    "    def __init__(self, data):\n"
    "        self.mean = float(np.mean(data))\n"
    "        self._scratch = np.random.rand(4)\n"
    "\n"
    "fit = Fit([1.0, 2.0, 3.0])",
    "noise = np.random.rand(3)",
    # equal in both notebook runs, not in the pipeline (no IPython there): computed from noise
    "flag = len(noise) + hasattr(builtins, '__IPYTHON__')",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("noise")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(text) for text in CELLS]
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Python 3",
    }
    nbformat.write(notebook, folder / "noisy.ipynb")
    return to_json(verify([folder / "noisy.ipynb"], runs=2))


def rows(report: dict) -> dict[str, dict]:
    [entry] = report["notebooks"]
    return {row["variable"]: row for row in entry["results"] if row["variable"]}


def test_an_attribute_the_runs_disagree_on_is_named(report: dict) -> None:
    row = rows(report)["fit"]
    assert row["status"] == "not reproducible", row
    assert "._scratch" in row["detail"] and "__dict__" not in row["detail"]


def test_a_value_computed_from_chance_is_not_reproducible(report: dict) -> None:
    found = rows(report)
    assert found["noise"]["status"] == "not reproducible"
    flag = found["flag"]
    assert flag["status"] == "not reproducible", flag
    # named by a chance-dependent input of its node: `noise`, or `fit` where the node that
    # draws `noise` takes the generator state on from `Fit(...)` (its methods draw)
    assert "computed from `" in flag["detail"] and ("noise`" in flag["detail"] or "fit`" in flag["detail"])
    assert report["ok"], report
