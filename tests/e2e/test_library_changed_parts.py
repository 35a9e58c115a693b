"""A library function given an object the notebook built from its own objects (a system of
subsystems, a pipeline of steps: `containers`) may change those parts: python-control's
`input_output_response(loop, ..., params={"m": m})` sets the mass on the vehicle inside `loop`,
and a system built later from the vehicle keeps it. A later node must read the parts as that call
left them, even when the call was in a figure's cell (the cruise notebook: 1 "different",
`cruise_pi.syslist[0]._current_params` without 'm')."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify.orchestrate import importable

from .helpers import explain, run_tool
from .notebook_values import notebook_values, pipeline_values
from .test_figures_shown import write_notebook

pytestmark = pytest.mark.e2e

#: A library (here a module beside the notebook) whose simulation configures the parts it runs.
LIBRARY = '''
class Block:
    def __init__(self, name):
        self.name, self.params = name, {}


class Loop:
    def __init__(self, parts):
        self.parts = list(parts)


def simulate(system, steps, params=None):
    for part in system.parts:
        part.params.update(params or {})
    return [float(i * len(system.parts)) for i in range(steps)]
'''

CELLS = [
    "# Loop",
    "import matplotlib.pyplot as plt\nimport blocks",
    "plant = blocks.Block('plant')\nloop = blocks.Loop([plant, blocks.Block('control')])",
    "## Simulated",
    # a figure's cell simulates the loop with a mass: the library sets it on the parts
    "out = blocks.simulate(loop, 5, params={'m': 2.0})\nplt.plot(out)",
    "## Rebuilt",
    # a system built later from the plant keeps that mass
    "again = blocks.Loop([plant])\nmass = again.parts[0].params.get('m', 0.0)",
]
CODE = [c for c in CELLS if not c.startswith("# ") and not c.startswith("## ")]


def test_parts_a_library_call_changed_are_handed_on_as_it_left_them(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "blocks.py").write_text(LIBRARY)
    monkeypatch.syspath_prepend(str(tmp_path / "nb"))
    monkeypatch.delitem(__import__("sys").modules, "blocks", raising=False)
    expected = notebook_values(tmp_path / "nb", CODE, tmp_path)
    write_notebook(tmp_path / "nb", "nb", CELLS)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    with importable(project / "src"):  # the module is copied into the project's package
        got = pipeline_values(project, tmp_path / "nb")
    assert expected["mass"] == 2.0
    assert got["mass"] == expected["mass"]
    assert got["out"] == expected["out"]
