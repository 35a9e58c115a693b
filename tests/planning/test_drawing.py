"""Drawing statements go to reporting nodes (issue #10): one rule per test, on small in-memory
notebooks planned without running anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_plan_rules import plan_of, steps

IMPORTS = "import matplotlib.pyplot as plt\nimport numpy as np\nimport pandas as pd"
FIGURE_VALUES = {"fig", "ax", "axs", "i", "c"}


def data_steps_with_figures(the_plan, pipeline: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.name for s in steps(the_plan, pipeline)
            if s.kind == "data" and any(o.endswith("_figures") for o in s.outputs)]


def figure_edges(the_plan, pipeline: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [v for s in steps(the_plan, pipeline) for v in (*s.arguments, *s.returns) if v in FIGURE_VALUES]


def test_a_figure_drawn_over_two_sections_is_one_reporting_node_reading_each_version(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "# Data", IMPORTS + "\nx = np.arange(5.0)",
        "fig, ax = plt.subplots()\nax.plot(x)",
        "# More", "x = x * 2",
        "ax.plot(x)\nfig",
        "x = x + 1",
    ])
    assert data_steps_with_figures(the_plan, "nb") == []
    assert figure_edges(the_plan, "nb") == []
    [drawing] = [s for s in steps(the_plan, "nb") if s.kind == "reporting"]
    # the version the section "More" made is named by it
    assert drawing.arguments == ("x", "x_more") and drawing.inputs == ("x", "x_more")
    body = drawing.code
    assert body.index("ax.plot(x)") < body.index("x = x_more") < body.rindex("ax.plot(x)")
    made = {o for s in steps(the_plan, "nb") if s.kind == "data" for o in s.outputs}
    assert {"x", "x_more", "x_2"} <= made, "the figure reads x as the notebook drew it, not x_3"


def test_a_drawing_loop_rebinding_an_earlier_loops_variables_reads_nothing_of_it(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        IMPORTS + "\ncolors = ['r', 'g']",
        "for i, c in enumerate(colors):\n    plt.plot([0, i], color=c)",
        "colors = ['b']",
        "for i, c in enumerate(colors):\n    plt.plot([1, i], color=c)",
    ])
    assert data_steps_with_figures(the_plan, "nb") == []
    assert figure_edges(the_plan, "nb") == []
    assert len([s for s in steps(the_plan, "nb") if s.kind == "reporting"]) == 2


def test_drawing_on_what_a_drawing_call_returned_leaves_the_data_node(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        IMPORTS,
        "s = pd.Series([1.0, 2.0])\ns.plot().legend(['s'])\nplt.gca().yaxis.set_ticklabels([])\nt = s * 2",
    ])
    assert data_steps_with_figures(the_plan, "nb") == []
    [drawing] = [s for s in steps(the_plan, "nb") if s.kind == "reporting"]
    assert "legend" in drawing.code and "set_ticklabels" in drawing.code


def test_figures_are_never_results_of_a_data_node(tmp_path: Path) -> None:
    """A statement computing and drawing keeps its cell's drawing in a data node; the figure and
    axes stay inside it, and a note says why the drawing could not leave."""
    the_plan = plan_of(tmp_path, nb=[
        IMPORTS,
        "fig, ax = plt.subplots()\ntotals = []\nfor k in range(3):\n    totals.append(k * 2)\n"
        "    ax.plot(totals)",
    ])
    # `totals` is drawn, then changed in place by the next pass: no record of it is faithful
    assert len(data_steps_with_figures(the_plan, "nb")) == 1
    assert figure_edges(the_plan, "nb") == []
    [note] = [d for d in the_plan.diagnostics if d.code == "drawing-cannot-split"]
    assert "for k in range(3):" in note.message and note.cell == "2" and note.line == 3
    assert "a loop whose passes compute and draw" in note.message


def test_one_cell_drawing_a_value_at_two_versions_is_one_reporting_node(tmp_path: Path) -> None:
    """`plt.subplot(121)` … `a = a * 2` … `plt.subplot(122)`: cutting the drawing where `a`
    changes would part the cell's figure; the node reads both versions and rebinds `a`."""
    the_plan = plan_of(tmp_path, nb=[
        IMPORTS,
        "plt.figure()\na = np.arange(3.0)\nplt.subplot(121)\nplt.plot(a)\na = a * 2\n"
        "plt.subplot(122)\nplt.plot(a)",
    ])
    assert data_steps_with_figures(the_plan, "nb") == []
    [drawing] = [s for s in steps(the_plan, "nb") if s.kind == "reporting"]
    assert drawing.arguments == ("a", "a_2")
    assert drawing.code.index("plt.subplot(121)") < drawing.code.index("a = a_2") < drawing.code.index("plt.subplot(122)") or (
        drawing.code.index("plt.plot(a)") < drawing.code.index("a = a_2"))
    assert not [d for d in the_plan.diagnostics if d.code.startswith("drawing-")]


NO_SPLIT = [
    ("library call asked to draw",
     "class M:\n    def check(self, df, show_plots=False):\n        plt.plot(df)\n        self.ok = True",
     "m = M()\nm.check([1, 2], show_plots=True)\nz = 1 + len([m])"),
    ("notebook function",
     "def fit_and_draw(v):\n    plt.plot(v)\n    return [x * 2 for x in v]",
     "out = fit_and_draw([1.0, 2.0])\nplt.title('t')"),
]


@pytest.mark.parametrize("why, definition, code", NO_SPLIT, ids=[c[0] for c in NO_SPLIT])
def test_a_statement_without_a_split_is_diagnosed(tmp_path: Path, why: str, definition: str, code: str) -> None:
    the_plan = plan_of(tmp_path, nb=[IMPORTS, definition, code])
    [note] = [d for d in the_plan.diagnostics if d.code.startswith("drawing-")]
    assert note.code == "drawing-cannot-split" and why in note.message, note
