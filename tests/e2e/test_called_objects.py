"""Calling an object the notebook made runs its `__call__`, a method that may change the object
(a nonlinear block that remembers its last output, a layer updating running statistics): a later
node must read the object as the call left it, even when the call was inside a figure's cell."""

from __future__ import annotations

from pathlib import Path

from nb2pipe.verify.compare import compare_values
from nb2pipe.verify.orchestrate import importable

from .helpers import converted_cells, explain, run_tool
from .notebook_values import notebook_values, pipeline_values

CELLS = [
    "import matplotlib.pyplot as plt",
    "class Backlash:\n"
    "    def __init__(self, width):\n"
    "        self.width, self.center = width, 0.0\n\n"
    "    def __call__(self, x):\n"
    "        if x > self.center + self.width / 2:\n"
    "            self.center = x - self.width / 2\n"
    "        elif x < self.center - self.width / 2:\n"
    "            self.center = x + self.width / 2\n"
    "        return self.center",
    "block = Backlash(1.0)",
    "# a figure's cell calls the block: each call moves its center\n"
    "plt.plot([block(x) for x in (0.25, 2.0, -1.0, 0.0)])",
    "# a later node reads the state the calls left\ncenter = block.center",
]


def test_a_called_object_is_handed_on_as_the_call_left_it(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    (tmp_path / "nb").mkdir()
    expected = notebook_values(tmp_path / "nb", CELLS, tmp_path)
    project, _ = converted_cells(tmp_path, "nb", CELLS, nb2pipe_bin)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    with importable(project / "src"):  # the class lives in the project's functions module
        got = pipeline_values(project, tmp_path / "nb")
    assert expected["center"] == -0.5
    assert got["center"] == expected["center"]
    outcome = compare_values(vars(expected["block"]), vars(got["block"]))
    assert outcome.status == "equal", outcome.detail
