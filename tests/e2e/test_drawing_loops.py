"""Drawing that used to stay in data nodes leaves them, run for real: a loop whose passes fit
and draw (fission into a data loop recording what each pass draws and a drawing loop), nested
loops with a subplot per outer pass and a drawing per inner pass where a condition holds, a
method asked to draw whose receiver and arguments nobody reads after, and notebook functions
that fit and draw whose result and changes nobody reads. `nb2pipe verify` runs each notebook
and the generated `kedro run`: the figures and every dataset equal, and no data node returns
figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe import api
from nb2pipe.options import Options
from nb2pipe.verify import to_json, verify

from .test_drawing_nodes import IMPORTS, write_notebook

pytestmark = pytest.mark.e2e

#: One figure, one line per degree of a polynomial fitted in the pass.
FITS = [IMPORTS,
        "xs = np.linspace(-2.0, 2.0, 30)\nys = xs ** 3 - xs + np.cos(5 * xs)",
        "plt.figure(figsize=(4, 3))\n"
        "for style, degree in (('r-', 1), ('b--', 3), ('g:', 5)):\n"
        "    coefficients = np.polyfit(xs, ys, degree)\n"
        "    fitted = np.polyval(coefficients, xs)\n"
        "    error = float(np.abs(fitted - ys).mean())\n"
        "    plt.plot(xs, fitted, style, label=f'{degree}: {error:.2f}')\n"
        "plt.legend()\nbest = error"]
#: A subplot per outer pass, a line per inner pass where the pass is odd; a running total.
NESTED = [IMPORTS,
          "rng = np.random.default_rng(4)\nwalk = rng.normal(size=(3, 6))",
          "plt.figure(figsize=(6, 2))\ntotal = 0.0\n"
          "for row in range(3):\n"
          "    plt.subplot(1, 3, row + 1)\n"
          "    for step in range(6):\n"
          "        total = total + float(np.abs(walk[row, step]).sum())\n"
          "        if step % 2:\n"
          "            plt.plot([step, step + 1], [0.0, total], 'k-')\n"
          "    plt.title(f'row {row}')\n"
          "final = total * 2"]
#: A method asked to draw, its result unused and nothing it may change read after; a notebook
#: function that fits and draws, result unused, and one filling a list nobody reads after.
UNREAD = [IMPORTS,
          "class Checker:\n    def __init__(self, k):\n        self.k = k\n"
          "    def check(self, values, show_plots=False):\n        scaled = np.asarray(values) * self.k\n"
          "        if show_plots:\n            plt.figure()\n            plt.plot(scaled)\n"
          "        print('checked', len(scaled))\n        return scaled.sum()",
          "def fit_and_draw(values, power):\n    fitted = np.power(values, power)\n"
          "    plt.plot(fitted)\n    return fitted",
          "seen = []\ndef draw_into(values):\n    seen.append(len(values))\n    plt.bar(range(len(values)), values)",
          "checker = Checker(3)\nchecker.check(np.arange(5.0), show_plots=True)\ndata = np.arange(5.0)",
          "plt.figure()\nfit_and_draw(data, 2)\nplt.title('squares')",
          "plt.figure()\ndraw_into([1.0, 4.0, 2.0])\nsquares = np.arange(5.0) ** 2"]
NOTEBOOKS = {"fits": FITS, "nested": NESTED, "unread": UNREAD}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drawloops")
    for name, cells in NOTEBOOKS.items():
        write_notebook(folder / "nb", name, cells)
    return folder


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS))
def test_no_data_node_draws(folder: Path, notebook: str) -> None:
    plan = api.generate([folder / "nb" / f"{notebook}.ipynb"], folder / notebook, Options()).plan
    steps = [s for p in plan.pipelines for s in p.steps]
    assert not [s.name for s in steps if s.kind == "data" and any(o.endswith("_figures") for o in s.outputs)]
    assert any(s.kind == "reporting" and s.name != "report" for s in steps)
    assert not [d for d in plan.diagnostics if d.code.startswith("drawing-")]


def test_figures_and_datasets_equal_the_notebooks(folder: Path) -> None:
    report = verify([folder / "nb"], project=folder / "project", runs=1)
    assert report.ok, to_json(report)
    rows = {Path(n.source).stem: (n.figures_notebook, n.figures_pipeline) for n in report.notebooks}
    assert rows == {"fits": (1, 1), "nested": (1, 1), "unread": (3, 3)}, rows
    for notebook in report.notebooks:
        odd = {(r.dataset, r.status) for r in notebook.results if r.status != "equal"}
        # the lists of records are no notebook variable: not compared
        assert notebook.results and all(s == "not compared" and d.endswith("_per_pass") for d, s in odd), to_json(report)
    equal = {r.dataset for n in report.notebooks for r in n.results if r.status == "equal"}
    assert {"fits.best", "nested.final", "unread.squares"} <= equal, equal


#: Gradient steps over epochs; the figure draws the first `n_shown` steps of the first epoch
#: only (an `if` with a test calling nothing): the data loop records only those passes.
GUARDED = [IMPORTS,
           "n_shown = 3\nxs = np.linspace(0.0, 1.0, 5)\nys = 2.0 * xs + 1.0",
           "plt.figure(figsize=(4, 3))\ntheta = 0.0\n"
           "for epoch in range(4):\n"
           "    for step in range(5):\n"
           "        if epoch == 0 and step < n_shown:\n"
           "            plt.plot(xs, theta * xs, 'r-')\n"
           "        gradient = float(((theta * xs - ys) * xs).mean())\n"
           "        theta = theta - 0.5 * gradient\n"
           "final_theta = theta"]


def test_a_drawing_if_records_only_the_passes_that_draw(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "guarded", GUARDED)
    generated = api.generate([tmp_path / "nb" / "guarded.ipynb"], tmp_path / "out", Options())
    nodes = next(t for p, t in generated.files.items() if p.name == "nodes.py" and isinstance(t, str))
    # the record is taken under the drawing's own test, in the data loop
    assert "if epoch == 0 and step < n_shown:\n                theta_per_pass.append(" in nodes, nodes
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    [notebook] = report.notebooks
    assert (notebook.figures_notebook, notebook.figures_pipeline) == (1, 1)
    equal = {r.dataset for r in notebook.results if r.status == "equal"}
    assert "guarded.final_theta" in equal, to_json(report)
