"""The pipeline's reporting nodes return exactly the figures the notebook showed, run for real:
`nb2pipe verify` runs each notebook (nbclient, inline backend) and the generated `kedro run`, and
compares the figures each group of cells showed with those its nodes returned."""

from __future__ import annotations

from pathlib import Path

import nbformat
import numpy as np
import pytest
from PIL import Image

from nb2pipe.verify import to_json, verify

from .helpers import explain, run_tool

pytestmark = pytest.mark.e2e

IMPORTS = (
    "import matplotlib as mpl\nimport matplotlib.pyplot as plt\nimport numpy as np\n"
    "import pandas as pd"
)

#: Settings only: a section of its own, then figures in later sections, one of which changes a
#: setting between two of its figures.
STYLED = [
    "# Styled figures",
    IMPORTS,
    "## Style",
    "%config InlineBackend.figure_format = 'png'\nmpl.rcdefaults()\n"
    "pd.plotting.register_matplotlib_converters()\nplt.style.use('ggplot')\n"
    "mpl.rcParams.update({'figure.dpi': 50})\nplt.rcParams['figure.figsize'] = (4, 2)",
    "## Data",
    "x = np.linspace(0, 1, 20)",
    "## First plot",
    "plt.plot(x, x ** 2)\nplt.show()",
    "## Second plot",
    "fig, ax = plt.subplots()\nax.plot(x, -x)\nplt.rcParams['figure.figsize'] = (2, 2)\n"
    "plt.figure()\nplt.plot(x, x)",
]
#: plt.show / fig.show with arguments, plt.pause, display(fig), a figure ending a cell.
SHOWS = [
    IMPORTS + "\nx = np.arange(10.0)",
    "plt.plot(x, x)\nplt.show(block=False)",
    "plt.plot(x, x * 5)\nplt.show(False)",
    "fig, ax = plt.subplots()\nax.plot(x, -x)\nfig.show(warn=False)",
    "plt.plot(x, x * 2)\nplt.pause(0.01)\nplt.plot(x, x * 6)",
    "fig2 = plt.figure()\nplt.plot(x, x * 3)\ndisplay(fig2)",
    "fig3, ax3 = plt.subplots()\nax3.plot(x, x * 4)\nfig3",
]
#: Drawing on an ax made in an earlier cell: the inline backend showed and closed its figure.
LATER_AX = [
    IMPORTS + "\ndf = pd.DataFrame({'a': np.arange(10.0), 'b': np.arange(10.0) ** 2})",
    "fig, ax = plt.subplots()",
    "df.plot(x='a', y='b', ax=ax)",
    "df['b'].plot.hist(ax=ax)\nfig",
    "fig, ax = plt.subplots()\nax.plot(df['a'])",
    "ax.set_title('again')",
]
#: Figures replaced, closed, cleared or left empty are never shown.
NEVER_SHOWN = [
    IMPORTS + "\nx = np.arange(10.0)",
    "plt.figure()\nplt.figure()\nplt.plot(x, x)",
    "plt.figure()\nplt.plot(x, x)\nplt.close()\nplt.figure()\nplt.plot(x, -x)",
    "plt.plot(x, x)\nplt.close('all')",
    "fig = plt.figure()\nplt.plot(x, x)\nplt.clf()",
    "fig = plt.figure()\nplt.plot(x, x)\nplt.close(fig)",
]

#: A section that only closes figures shows none: its node declares no figures dataset (an empty
#: versioned figures dataset fails on save: "Did not find any versions").
QUIET = [
    "# Quiet", IMPORTS + "\nx = np.arange(5.0)",
    "## Draw", "plt.plot(x, x)",
    "## Tidy up", "plt.close('all')",
    "## Plot again", "plt.plot(x, -x)\nplt.tight_layout()",
]


def write_notebook(folder: Path, name: str, cells: list[str]) -> None:
    """Cells starting with `#` and a space are markdown."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(c)
        if c.startswith("#") and c[1:2] in " #"
        else nbformat.v4.new_code_cell(c)
        for c in cells
    ]
    nbformat.write(nb, folder / f"{name}.ipynb")


def figure_rows(report) -> dict[str, tuple[int, int, list[str]]]:  # type: ignore[no-untyped-def]
    """Per notebook: figures shown, figures returned, status of each figure row."""
    return {
        Path(n.source).name: (
            n.figures_notebook,
            n.figures_pipeline,
            [r.status for r in n.results if r.kind == "figures"],
        )
        for n in report.notebooks
    }


def pngs(project: Path, node: str) -> list[np.ndarray]:
    """The figures of the newest version of ``node``'s figures dataset, as RGB arrays."""
    versions = {p.parent.parent for p in (project / "data" / "08_reporting").rglob(f"{node}/*.png")}
    newest = max(versions, key=lambda v: v.name) / node
    return [
        np.asarray(Image.open(p).convert("RGB"))
        for p in sorted(newest.glob("*.png"), key=lambda p: int(p.stem))
    ]


def test_style_settings_are_no_figures_and_apply_where_figures_are_drawn(
    tmp_path: Path, kedro_bin: Path
) -> None:
    write_notebook(tmp_path / "nb", "styled", STYLED)
    project = tmp_path / "project"
    report = verify([tmp_path / "nb"], project=project, runs=1)
    assert report.ok, to_json(report)
    assert figure_rows(report)["styled.ipynb"] == (3, 3, ["equal", "equal"])
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    # reporting nodes alone, in a new process: the settings are applied where figures are drawn
    again = run_tool([kedro_bin, "run", "--tags", "reporting"], cwd=project)
    assert again.returncode == 0, explain(again)
    sizes = [image.shape[:2] for image in pngs(project, "plot_second_plot")]
    assert sizes == [(100, 200), (100, 100)], "figsize (4, 2) then (2, 2), at 50 dpi"
    assert [image.shape[:2] for image in pngs(project, "plot_first_plot")] == [(100, 200)]


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("shown")
    named = {"shows": SHOWS, "later_ax": LATER_AX, "never_shown": NEVER_SHOWN, "quiet": QUIET}
    for name, cells in named.items():
        write_notebook(folder / "nb", name, cells)
    report = verify([folder / "nb"], project=folder / "project", runs=1)
    return report, folder / "project"


@pytest.mark.parametrize("notebook", ["shows", "later_ax", "never_shown", "quiet"])
def test_nodes_return_the_figures_the_cells_showed(shown, notebook: str) -> None:  # type: ignore[no-untyped-def]
    report, _ = shown
    assert report.ok, to_json(report)
    shown_count, returned, statuses = figure_rows(report)[f"{notebook}.ipynb"]
    assert shown_count == returned and shown_count >= 2 and statuses and set(statuses) == {"equal"}


def test_a_figure_drawn_on_after_it_was_shown_is_saved_as_shown(shown, kedro_bin: Path) -> None:  # type: ignore[no-untyped-def]
    _, project = shown
    ran = run_tool([kedro_bin, "run", "--pipeline", "later_ax"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    blank, redrawn, _ = pngs(project, "plot_b")

    def blue(image: np.ndarray) -> int:  # pixels of the first line colour (C0)
        return int((np.abs(image.astype(int) - (31, 119, 180)).sum(axis=2) < 40).sum())

    assert blue(blank) == 0, "the cell showed empty axes: the line was drawn after it was shown"
    assert blue(redrawn) > 0
