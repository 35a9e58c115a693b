"""A notebook function whose inner functions rebind its variables (`nonlocal`) hands out state:
a library call given what it made may run those functions (`map(tick, ...)`, a simulator
stepping a controller's sample counter), so the call changes the value, and the next section
must receive it as that call left it. Before, only calling the value itself counted as a
change: each later node received the value as first made, and computed other numbers
(simulating_discrete_nonlinear.ipynb in the large corpus: a sampled-data controller built by
`sampled_data_controller`, simulated in three sections; 4 values differed)."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from .helpers import explain, run_tool
from .notebook_values import notebook_values

pytestmark = pytest.mark.e2e

CELLS = [
    ("code", "import json"),
    ("code", "def make_counter():\n    count = 0\n\n    def tick(item):\n        nonlocal count\n"
             "        count += 1\n        return (item, count)\n\n    return tick"),
    ("markdown", "# Made"),
    ("code", "tick = make_counter()\nfirst = list(map(tick, 'ab'))"),
    ("markdown", "# Used again"),
    ("code", "second = list(map(tick, 'cde'))"),
    ("markdown", "# And again"),
    ("code", "third = list(map(tick, 'f'))"),
    ("code", "with open('ticks.json', 'w') as f:\n    json.dump([first, second, third], f)"),
]


def test_a_library_call_running_a_closure_changes_what_holds_it(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(s) if kind == "code" else nbformat.v4.new_markdown_cell(s)
                for kind, s in CELLS]
    nbformat.write(nb, folder / "ticks.ipynb")
    expected = notebook_values(folder, [s for kind, s in CELLS if kind == "code"], tmp_path)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", folder, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    nodes = (project / "src/project/pipelines/ticks/nodes.py").read_text()
    assert nodes.count("def ") >= 4, nodes  # three sections, three nodes: `tick` crosses two
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    (written,) = project.rglob("ticks.json")
    got = json.loads(written.read_text())
    assert got == json.loads(json.dumps([expected["first"], expected["second"], expected["third"]]))
    assert got[2] == [["f", 6]]
