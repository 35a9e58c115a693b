"""Statements computing and drawing at once are split, run for real: a drawing method called on
what a fit returned, drawing calls whose arguments draw from generators (global and a notebook's
own), a notebook function that only draws called with a computing argument, and one cell drawing
a value at two versions on one figure. `nb2pipe verify` runs each notebook and the generated
`kedro run` and compares every dataset and the figures each group of cells showed; the plan holds
no data node returning figures and no `drawing-in-data` note."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe import api
from nb2pipe.options import Options
from nb2pipe.verify import to_json, verify

from .test_drawing_nodes import IMPORTS, write_notebook

pytestmark = pytest.mark.e2e

TALLY = ("class Tally:\n    def __init__(self):\n        self.n = 0\n"
         "    def fit(self, k):\n        self.n += k\n        return self\n"
         "    def plot(self, ax=None):\n        (ax or plt.gca()).bar([0, 1], [self.n, 1])")
#: `tally.fit(...).plot(ax=ax)`: the fit is data work, its drawing a reporting node's.
CHAIN = [IMPORTS, TALLY,
         "tally = Tally()\nfig, ax = plt.subplots()\ntally.fit(5).plot(ax=ax)\ntotal = tally.n * 2"]
#: Arguments drawn from numpy's global generator and from a generator object, in order: what is
#: drawn after the drawing must equal the notebook's.
ARGUMENTS = [IMPORTS,
             "np.random.seed(3)\nplt.hist(np.random.rand(1000), bins=20)\nafter = np.random.rand(3)",
             "rng = np.random.default_rng(7)\n"
             "plt.plot(np.arange(5.0), rng.normal(size=5), color='k')\nlater = rng.normal(size=2)"]
#: A notebook function whose work stays inside (it only draws), called with a computing argument.
ONLY_DRAWS = [IMPORTS,
              "def show(values):\n    parts = []\n    for v in values:\n        parts.append(v * 2)\n"
              "    plt.plot(parts)",
              "gen = np.random.default_rng(1)\nshow(gen.normal(size=6))\nrest = gen.normal(size=3)"]
#: One cell drawing `a` before and after it changes, on two subplots of one figure.
VERSIONS = [IMPORTS,
            "plt.figure(figsize=(4, 4))\na = np.arange(5.0)\nplt.subplot(121)\nplt.plot(a)\n"
            "a = a * 2\nplt.subplot(122)\nplt.plot(a)"]
NOTEBOOKS = {"chain": CHAIN, "arguments": ARGUMENTS, "only_draws": ONLY_DRAWS, "versions": VERSIONS}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drawsplit")
    for name, cells in NOTEBOOKS.items():
        write_notebook(folder / "nb", name, cells)
    return folder


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS))
def test_no_data_node_draws(folder: Path, notebook: str) -> None:
    plan = api.generate([folder / "nb" / f"{notebook}.ipynb"], folder / notebook, Options()).plan
    steps = [s for p in plan.pipelines for s in p.steps]
    assert not [s.name for s in steps if s.kind == "data" and any(o.endswith("_figures") for o in s.outputs)]
    assert any(s.kind == "reporting" and s.name != "report" for s in steps)
    assert not [d for d in plan.diagnostics if d.code.startswith("drawing-") or d.code == "value-crosses-nodes"]
    assert not [(s.name, v) for s in steps for v in s.returns if v in {"fig", "ax"}]


def test_figures_and_datasets_equal_the_notebooks(folder: Path) -> None:
    report = verify([folder / "nb"], project=folder / "project", runs=1)
    assert report.ok, to_json(report)
    rows = {Path(n.source).stem: (n.figures_notebook, n.figures_pipeline) for n in report.notebooks}
    assert rows == {"chain": (1, 1), "arguments": (2, 2), "only_draws": (1, 1), "versions": (1, 1)}, rows
    # the values the split names (`random_rand`) are no notebook variable: not compared, while
    # what the notebook drew after them (`after`, `later`, `rest`) is equal
    made = {"chain.tally_fit", "arguments.random_rand", "arguments.rng_normal", "only_draws.gen_normal"}
    for notebook in report.notebooks:
        odd = {(r.dataset, r.status) for r in notebook.results if r.status != "equal"}
        assert notebook.results and odd <= {(m, "not compared") for m in made}, to_json(report)
    equal = {r.dataset for n in report.notebooks for r in n.results if r.status == "equal"}
    assert {"chain.total", "arguments.after", "arguments.later", "only_draws.rest", "versions.a_2"} <= equal
