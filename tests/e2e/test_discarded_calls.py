"""A method called for what it does (`counts.subtract("aaa")`, `sampler.reset()`) in one section
changes the object a later section reads: the later node must get the object as the call left
it. Before, the changing node returned nothing and the later node read the object as first
made — a silently wrong value."""

from __future__ import annotations

from pathlib import Path

import pytest

from .notebook_values import convert_and_compare

pytestmark = pytest.mark.e2e

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
    expected, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin, name="calls",
                                           headings=True, project_classes=True)
    assert expected["left"]["a"] == 2 and expected["walked"] == [0, 1, 2]
    assert {"left", "walked"} <= got.keys()
