"""A section whose data work is large is cut into several nodes where the dataflow makes a natural
cut (planning/coarse.py): at cell boundaries, never where a value no node may hand on crosses."""

from __future__ import annotations

from pathlib import Path

from nb2pipe.planning import coarse
from nb2pipe.planning.flow import ChunkFlow, Flow
from nb2pipe.planning.naming import snake

from test_plan_rules import plan_of, steps

FIT = [
    "import numpy as np",
    "# Fit a line to noisy data",
    "x = np.linspace(0, 1, 50)\nnoise = np.sin(37 * x) / 10",
    "y = 3 * x + 1 + noise",
    "X = np.column_stack([np.ones_like(x), x])",
    "train = np.arange(50) < 40\nX_train, y_train = X[train], y[train]\nX_test, y_test = X[~train], y[~train]",
    "coef = np.linalg.lstsq(X_train, y_train, rcond=None)[0]",
    "pred_train = X_train @ coef\npred_test = X_test @ coef",
    "mse_test = float(((pred_test - y_test) ** 2).mean())\nmse_train = float(((pred_train - y_train) ** 2).mean())",
]


def data_steps(tmp_path: Path, cells: list[str]):  # type: ignore[no-untyped-def]
    return [s for s in steps(plan_of(tmp_path, nb=cells), "nb") if s.kind == "data"]


def test_one_heading_over_many_cells_is_cut_at_cell_boundaries(tmp_path: Path) -> None:
    found = data_steps(tmp_path, FIT)
    assert len(found) >= 2
    cells = [c for s in found for c in s.cells]
    assert sorted(cells, key=int) == [str(n) for n in range(3, 10)]  # every cell once, whole
    assert all(len(s.cells) < coarse.MAX_CELLS for s in found)
    # the first node is the heading's; the others say what they make, without counters
    assert found[0].name == "fit_a_line_to_noisy_data"
    assert len({s.name for s in found}) == len(found)
    assert not any(s.name[-1].isdigit() for s in found)
    # named by what they make as a node without heading is (`compute_train`), not by the
    # heading followed by a variable (`fit_a_line_to_noisy_data_x_test`)
    assert [s.name for s in found[1:]] == [f"compute_{snake(s.outputs[0])}" for s in found[1:]]
    # each later node reads what the earlier ones made: no node only hands values on
    assert all(s.inputs and s.outputs for s in found[1:])


def test_a_small_section_stays_one_node(tmp_path: Path) -> None:
    found = data_steps(tmp_path, FIT[:2] + FIT[2:5])
    assert [s.cells for s in found] == [("3", "4", "5")]


def test_draws_from_a_global_generator_stay_in_one_node(tmp_path: Path) -> None:
    """Each cell draws from numpy's generator: cutting would hand its state from node to node."""
    cells = ["import numpy as np", "# Simulate", "np.random.seed(0)\na = np.random.rand(3)",
             *[f"v{n} = v{n - 1 if n else ''}{'' if n else 'a'} + np.random.rand(3)" for n in range(6)]]
    found = data_steps(tmp_path, cells)
    assert [len(s.cells) for s in found] == [7]


def test_a_cell_drawing_on_a_figure_the_next_one_changes_stays_with_it(tmp_path: Path) -> None:
    cells = ["import numpy as np\nimport matplotlib.pyplot as plt", "# Plot",
             "a = np.arange(5.0)", "b = a * 2", "c = b + 1",
             "fig, ax = plt.subplots()\nax.plot(c)\nd = c.sum()", "ax.set_title(str(d))\ne = d * 2", "f = e + 1"]
    found = data_steps(tmp_path, cells)
    holding = [s for s in found if "6" in s.cells]
    assert len(holding) == 1 and "7" in holding[0].cells


def flow_making(*names: str) -> Flow:
    """Chunk 0 makes ``names``; chunks 1 to 3 make nothing."""
    made = ChunkFlow((), names, frozenset())
    return Flow((made, *[ChunkFlow((), (), frozenset())] * 3), (), frozenset(), ())


FLOW = flow_making()


def test_large_counts_cells_statements_and_values_made() -> None:
    four = [[0], [1], [2], [3]]
    assert coarse.large(four, flow_making(*"abcdefgh"[: coarse.MAX_MADE]))
    assert not coarse.large(four, flow_making(*"abcdefgh"[: coarse.MAX_MADE - 1]))
    assert not coarse.large(four[:3], flow_making(*"abcdefgh"[: coarse.MAX_MADE]))
    assert coarse.large([[0]] * coarse.MAX_CELLS, FLOW)
    assert not coarse.large([[0]] * (coarse.MAX_CELLS - 1), FLOW)
    assert coarse.large([[0] * coarse.MAX_STATEMENTS, [1]], FLOW)
    assert not coarse.large([[0] * 100], FLOW)  # one cell is never cut
