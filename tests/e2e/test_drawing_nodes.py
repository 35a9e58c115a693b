"""Drawing statements leave the data nodes for reporting nodes, run for real: a figure made in
one section and drawn on in a later one, a method called on what a drawing call returned, and a
drawing loop rebinding the loop variables of an earlier one. `nb2pipe verify` runs each notebook
and the generated `kedro run` and compares every dataset and the figures each group of cells
showed; the plan must hold no data node that returns figures and no figure or axes dataset."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nb2pipe import api
from nb2pipe.options import Options
from nb2pipe.verify import to_json, verify

pytestmark = pytest.mark.e2e

IMPORTS = "import matplotlib.pyplot as plt\nimport numpy as np\nimport pandas as pd"

#: `fig, ax` made in the first section, drawn on in the second after new data; the data drawn is
#: changed in place afterwards, so the drawing must read the version it drew.
ACROSS_SECTIONS = [
    "# Across sections",
    IMPORTS,
    "df = pd.DataFrame({'a': np.arange(10.0), 'b': np.arange(10.0) ** 2})",
    "fig, ax = plt.subplots()\nax.plot(df['a'], df['b'])",
    "## More data",
    "df['c'] = df['a'] * 3",
    "ax.plot(df['a'], df['c'])\nax.set_title('both')\nfig",
    "df['c'] = df['c'] + 100\ntotal = df['c'].sum()",
]
#: Data work and drawing in one cell, the drawing calling methods of what `plot` returned.
CHAINED = [
    IMPORTS,
    "x = np.linspace(0, 1, 20)\ny = x ** 2\ns = pd.Series(y, index=x)\n"
    "s.plot().legend(['y'])\nplt.gca().yaxis.set_ticklabels([])\nz = y.sum() * 2",
]
#: Two drawing loops over two versions of `colors`: the second rebinds `i` and `c`, which needs
#: nothing of the first.
LOOPS = [
    IMPORTS,
    "colors = ['r', 'g']\nfor i, c in enumerate(colors):\n    plt.plot([0, 1], [i, i + 1], color=c)",
    "colors = ['b', 'k', 'm']\nfor i, c in enumerate(colors):\n    plt.plot([0, 1], [i, 2 * i], color=c)",
]
NOTEBOOKS = {"across_sections": ACROSS_SECTIONS, "chained": CHAINED, "loops": LOOPS}
FIGURE_VALUES = {"fig", "ax", "i", "c"}


def write_notebook(folder: Path, name: str, cells: list[str]) -> None:
    """Cells starting with `#` and a space are markdown."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if c.startswith("# ") or c.startswith("## ")
                else nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, folder / f"{name}.ipynb")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("drawing")
    for name, cells in NOTEBOOKS.items():
        write_notebook(folder / "nb", name, cells)
    return folder


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS))
def test_drawing_goes_to_reporting_nodes_only(folder: Path, notebook: str) -> None:
    plan = api.generate([folder / "nb" / f"{notebook}.ipynb"], folder / notebook, Options()).plan
    steps = [s for p in plan.pipelines for s in p.steps]
    assert not [s.name for s in steps if s.kind == "data" and any(o.endswith("_figures") for o in s.outputs)]
    assert any(s.kind == "reporting" and s.name != "report" for s in steps)
    assert not [(s.name, v) for s in steps for v in s.returns + s.arguments if v in FIGURE_VALUES]
    assert not [d for d in plan.diagnostics if d.code in ("drawing-in-data", "value-crosses-nodes")]


def test_the_drawing_reads_the_version_it_drew(folder: Path) -> None:
    plan = api.generate([folder / "nb" / "across_sections.ipynb"], folder / "versions", Options()).plan
    steps = [s for p in plan.pipelines for s in p.steps]
    drawing = [s for s in steps if s.kind == "reporting" and s.name != "report"]
    assert len(drawing) == 1, "one node draws the figure made in the first section"
    [df] = [i for a, i in zip(drawing[0].arguments, drawing[0].inputs) if a == "df"]
    final = [o for s in steps if s.kind == "data" for r, o in zip(s.returns, s.outputs) if r == "df"]
    assert df in final and df != final[-1], "the figure reads df before `c` was changed again"


def test_figures_and_datasets_equal_the_notebooks(folder: Path) -> None:
    report = verify([folder / "nb"], project=folder / "project", runs=1)
    assert report.ok, to_json(report)
    rows = {Path(n.source).stem: (n.figures_notebook, n.figures_pipeline) for n in report.notebooks}
    assert rows == {"across_sections": (2, 2), "chained": (1, 1), "loops": (2, 2)}, rows
    for notebook in report.notebooks:
        assert notebook.results and {r.status for r in notebook.results} == {"equal"}, to_json(report)
