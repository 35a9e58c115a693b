"""A cell rewritten before its facts are taken (loop fission, a drawing call split) names the
notebook's lines: its diagnostics, where its chunks start and end (verify captures there)."""

from __future__ import annotations

from pathlib import Path

from .support import analyze_cells

SETUP = ("import matplotlib.pyplot as plt\nimport numpy as np\nfrom pathlib import Path",
         "xs = np.arange(4.0)",
         "def save_fig(fig_id):\n    plt.savefig(Path.cwd() / (fig_id + '.png'))")
FISSIONED = ("total = 0.0\n"
             "for power in (1, 2):\n"
             "    ys = np.power(xs, power)\n"
             "    total = total + ys.sum()\n"
             "    plt.plot(xs, ys)\n"
             "\n"
             "plt.title('powers')\n"
             "save_fig('powers')\n")
SPLIT = ("plt.hist(np.random.rand(100), bins=5)\n"
         "save_fig('hist')\n")


def line_of(cell: str, text: str) -> int:
    return next(n for n, line in enumerate(cell.split("\n"), 1) if text in line)


def test_a_diagnostic_after_a_fissioned_loop_names_the_notebook_line(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, *SETUP, FISSIONED)
    last = [c for c in facts.chunks if c.cell == 3]
    assert any("_per_pass" in c.code for c in last)  # the loop was fissioned
    (warning,) = [d for d in facts.diagnostics if d.code == "dynamic-path"]
    assert (warning.cell, warning.line) == ("4", line_of(FISSIONED, "save_fig"))
    data_loop = next(c for c in last if c.code.lstrip().startswith("for power"))
    assert (data_loop.line, data_loop.end_line) == (2, 5)  # the notebook's loop: lines 2 to 5
    title = next(c for c in last if "plt.title" in c.code)
    assert title.line == line_of(FISSIONED, "plt.title")


def test_a_diagnostic_after_a_split_drawing_call_names_the_notebook_line(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, *SETUP, SPLIT)
    last = [c for c in facts.chunks if c.cell == 3]
    assert len([c for c in last if "random_rand" in c.code]) == 2  # the call was split
    (warning,) = [d for d in facts.diagnostics if d.code == "dynamic-path"]
    assert warning.line == line_of(SPLIT, "save_fig")
    assert [c.line for c in last] == [1, 1, 2]


def test_a_result_bound_for_the_output_history_keeps_its_line(tmp_path: Path) -> None:
    """`_` read later: the cell's value `x * 3` is bound (`out_2 = x * 3`, then `out_2` shown on
    a line of its own); the display is the notebook's line 2, not a line 3 the cell lacks."""
    facts = analyze_cells(tmp_path, "x = 2", "# comment\nx * 3", "y = _ + 1")
    assert [(c.code, c.line, c.end_line) for c in facts.chunks if c.cell == 1] == [
        ("# comment\nout_2 = x * 3", 1, 2), ("out_2", 2, 2)]
