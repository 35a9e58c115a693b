"""A method of an object the notebook made, called as a whole statement whose value nobody sees,
changes the object (`calls.EffectsCollector.discarded_call`): `sampler.reset()`,
`counts.subtract("a")`, `sim.run(10);`. Methods that only show or write the object out, the
value ending a cell (it is shown), drawing calls and module functions change nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import analyze_cells

SETUP = (
    "from collections import Counter\nimport pandas as pd\nimport matplotlib.pyplot as plt\n"
    "ndim = 5\ncounts = Counter('abracadabra')\ndf = pd.DataFrame({'a': [1, 2]})\n"
    "fig, ax = plt.subplots()"
)


@pytest.mark.parametrize(
    ("cell", "mutates"),
    [
        ("counts.subtract('aaa')\nx = 1", {"counts"}),  # not the cell's last: its value is unseen
        ("counts.subtract('aaa');", {"counts"}),  # the cell's last, shown nothing (`;`)
        ("for k in 'ab':\n    counts.subtract(k)", {"counts"}),  # in a loop's body
        ("counts.most_common(2)", set()),  # the value ending the cell: shown
        ("df.head()\nx = 1", set()),  # a display method
        ("df.to_csv('out.csv')\nx = 1", set()),  # writes it out
        ("counts.print_summary()\nx = 1", set()),  # shows it (an outward prefix)
        ("ax.legend()\nx = 1", set()),  # draws on axes
        ("pd.set_option('display.max_rows', 5)\nx = 1", set()),  # a module's function
        ("y = counts.most_common(2)", set()),  # its value is kept: a read
    ],
)
def test_a_method_called_for_what_it_does_changes_its_object(
    tmp_path: Path, cell: str, mutates: set[str]
) -> None:
    chunks = [c for c in analyze_cells(tmp_path, SETUP, cell).chunks if c.cell == 1]
    assert set().union(*(c.mutates for c in chunks)) == mutates


def test_numbers_an_object_holds_are_not_changed_with_it(tmp_path: Path) -> None:
    """`Holder(ndim, ...)` holds the number 5: a change of the holder leaves `ndim` a constant."""
    facts = analyze_cells(
        tmp_path, SETUP, "class Holder:\n    def __init__(self, n, items):\n        self.n = n\n"
        "        self.items = items\n\n    def grow(self):\n        self.items.append(self.n)",
        "items = []\nholder = Holder(ndim, items)", "holder.grow()\nx = 1",
    )
    changed = [c for c in facts.chunks if c.cell == 3][0].mutates
    assert "holder" in changed and "items" in changed and "ndim" not in changed
