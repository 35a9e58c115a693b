"""A method called for what it does (`counts.subtract("aaa")`, `sampler.reset()`) in one section
changes the object a later section reads: the later node must get the object as the call left
it. Before, the changing node returned nothing and the later node read the object as first
made — a silently wrong value."""

from __future__ import annotations

from pathlib import Path

from nb2pipe.verify.compare import compare_values
from nb2pipe.verify.orchestrate import importable

from .helpers import explain, run_tool
from .notebook_values import notebook_values, pipeline_values
from .test_drawing_nodes import write_notebook

#: Cells starting with `# ` are markdown headings: one section, one node each.
CELLS = [
    "from collections import Counter",
    "# Count",
    "counts = Counter('abracadabra')",
    "# Remove",
    "counts.subtract('aaa')\nlabel = 'removed'",
    "# Walk",
    "class Walker:\n    def __init__(self):\n        self.steps = []\n\n"
    "    def run(self, n):\n        self.steps.extend(range(n))\n        return len(self.steps)",
    "walker = Walker()\nwalker.run(3);",
    "# Use",
    "left = dict(counts)\nwalked = list(walker.steps)",
]


def test_a_later_node_reads_the_object_as_the_call_left_it(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    folder = tmp_path / "nb"
    write_notebook(folder, "calls", CELLS)
    expected = notebook_values(folder, [c for c in CELLS if not c.startswith("# ")], tmp_path)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", folder, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    with importable(project / "src"):  # `walker` is of the project's class
        got = pipeline_values(project, folder)
    assert expected["left"]["a"] == 2 and expected["walked"] == [0, 1, 2]
    for name in ("left", "walked"):
        outcome = compare_values(expected[name], got[name])
        assert outcome.status == "equal", f"{name}: {outcome.detail}"
