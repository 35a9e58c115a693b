"""Values a notebook shows as figures though no plotting call draws them: a plotnine plot (or a
composition of plots) ending a cell, or given to `display(...)`. Run for real: `nb2pipe verify`
runs the notebook and `kedro run`, and the reporting nodes must return as many figures as the
cells showed."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .helpers import explain, run_tool
from .test_figures_shown import figure_rows, pngs, write_notebook

pytest.importorskip("plotnine")
pytestmark = pytest.mark.e2e

PLOTNINE = [
    "# Plots as values",
    "import pandas as pd\nfrom plotnine import ggplot, aes, after_stat, geom_bar, geom_point, geom_line, labs\n"
    "from plotnine.composition import Beside",
    "df = pd.DataFrame({'x': range(10), 'y': [v * v for v in range(10)]})\n"
    "p = ggplot(df, aes('x', 'y')) + geom_point()",
    "## Shown",
    "p",  # a name bound to a plot, ending the cell
    "q = p + geom_line()\nq + labs(title='squares')",  # an expression ending the cell
    "p | q",  # a composition
    "Beside([p, q])",
    "p;",  # not shown
    "p\nn = len(df)",  # not the cell's value
    "display(p, n)",
    "p += labs(x='ex')\np",  # still a plot after `+=`
    "import numpy as np\nggplot(df, aes('x')) + geom_bar(aes(y=after_stat('count / np.sum(count)')))",
]


def test_plots_shown_as_values_are_the_figures_nodes_return(
    tmp_path: Path, kedro_bin: Path
) -> None:
    write_notebook(tmp_path / "nb", "values", PLOTNINE)
    project = tmp_path / "project"
    report = verify([tmp_path / "nb"], project=project, runs=1)
    assert report.ok, to_json(report)
    shown, returned, statuses = figure_rows(report)["values.ipynb"]
    assert shown == returned == 7 and statuses and set(statuses) == {"equal"}
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    nodes = {p.parent.name for p in (project / "data" / "08_reporting").rglob("*.png")}
    images = [image for node in sorted(nodes) for image in pngs(project, node)]
    assert len(images) == 7 and all(image.std() > 0 for image in images), "each figure is drawn"


#: Drawing by a library function named `*_plot` on the figure an earlier statement made, and a
#: section that only makes an empty figure (the notebook shows nothing for it).
NAMED_PLOTS = [
    "# Named plots",
    "import matplotlib.pyplot as plt\nimport control as ct\nG = ct.tf([1], [1, 1])",
    "## Bode",
    "plt.figure()\nct.bode_plot(G);",
    "## Empty",
    "plt.figure()",
    "## Nyquist",
    "ct.nyquist_plot(G);",
]


def test_library_functions_named_plot_draw_and_an_empty_figure_is_no_figure(
    tmp_path: Path, kedro_bin: Path
) -> None:
    pytest.importorskip("control")
    write_notebook(tmp_path / "nb", "named", NAMED_PLOTS)
    project = tmp_path / "project"
    report = verify([tmp_path / "nb"], project=project, runs=1)
    assert report.ok, to_json(report)
    shown, returned, statuses = figure_rows(report)["named.ipynb"]
    assert shown == returned == 2 and statuses and set(statuses) == {"equal"}
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)


#: An imported value that the notebook binds again, after reading it in the same node.
REBOUND_IMPORT = [
    "# Rebound import",
    "from string import ascii_lowercase as letters",
    "## Change",
    "n = len(letters)\nletters = letters.upper()[: n - 20]",
    "## Use",
    "word = letters + '!'",
    "def f():\n    return 1",
    "## Defined again",
    "a = f()\nk = len(word)\ndef f(v=k):\n    return v\nb = f()",  # the new f reads k when made
]


def test_an_imported_name_bound_again_is_read_then_passed_on(tmp_path: Path) -> None:
    """The node reading `letters` and then binding it runs the import again in its function (the
    assignment makes the name local: UnboundLocalError otherwise), and the later node receives
    the new value, not the module's; likewise a notebook function defined again in a node."""
    write_notebook(tmp_path / "nb", "rebound", REBOUND_IMPORT)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    statuses = {r.variable: r.status for n in report.notebooks for r in n.results if r.variable}
    assert statuses.get("word") == statuses.get("letters") == "equal", to_json(report)
    assert statuses.get("a") == statuses.get("b") == "equal", to_json(report)


#: An interactive backend: the notebook shows widgets, which verify cannot count as images.
WIDGETS = [
    "%matplotlib notebook\nimport matplotlib.pyplot as plt",
    "plt.plot([1, 2, 3])",
    "plt.figure()\nplt.plot([3, 2, 1])",
]


def test_figures_of_an_interactive_backend_are_compared(tmp_path: Path) -> None:
    """Verify runs `%matplotlib notebook` as inline, so the figures the nodes return are compared
    with the figures the cells show, not left out ("not compared" hid extra figures)."""
    write_notebook(tmp_path / "nb", "widgets", WIDGETS)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    shown, returned, statuses = figure_rows(report)["widgets.ipynb"]
    assert shown == returned == 2 and statuses and set(statuses) == {"equal"}


#: The issue's first list: a section of seaborn style settings only, fig.show with arguments,
#: and seaborn drawing on an `ax` made in an earlier cell.
SEABORN = [
    "# Styles",
    "import matplotlib.pyplot as plt\nimport pandas as pd\nimport seaborn as sns\n"
    "df = pd.DataFrame({'a': [1.0, 2.0, 2.5, 3.0, 4.0], 'b': [2.0, 1.0, 3.0, 5.0, 4.0]})",
    "## Style",
    "sns.set_style('whitegrid')\nplt.rcParams['figure.figsize'] = (3, 2)",
    "## Plots",
    "fig, ax = plt.subplots()",
    "sns.histplot(df['a'], ax=ax)\nfig",
    "sns.scatterplot(data=df, x='a', y='b')\nplt.gcf().show(warn=False)",
    "fig2, ax2 = plt.subplots()\nsns.lineplot(data=df, x='a', y='b', ax=ax2)\nplt.show(block=False)",
]


def test_seaborn_styles_shows_with_arguments_and_earlier_axes(
    tmp_path: Path, kedro_bin: Path
) -> None:
    write_notebook(tmp_path / "nb", "styles", SEABORN)
    project = tmp_path / "project"
    report = verify([tmp_path / "nb"], project=project, runs=1)
    assert report.ok, to_json(report)
    shown, returned, statuses = figure_rows(report)["styles.ipynb"]
    assert shown == returned >= 3 and statuses and set(statuses) == {"equal"}
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    # the reporting nodes alone, in a new process: the style section still applies
    again = run_tool([kedro_bin, "run", "--tags", "reporting"], cwd=project)
    assert again.returncode == 0, explain(again)
    nodes = {p.parent.name for p in (project / "data" / "08_reporting").rglob("*.png")}
    sizes = {image.shape[:2] for node in nodes for image in pngs(project, node)}
    dpi = plt_dpi()
    assert sizes == {(2 * dpi, 3 * dpi)}, "the style section's figsize applies to every figure"


def plt_dpi() -> int:
    import matplotlib

    return int(
        matplotlib.rcParamsDefault["savefig.dpi"]
        if matplotlib.rcParamsDefault["savefig.dpi"] != "figure"
        else matplotlib.rcParamsDefault["figure.dpi"]
    )
