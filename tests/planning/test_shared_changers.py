"""A node changing a shared object in place is split where the change starts when a reader of
the version it changes needs a value it makes before the change (planning/as_is.py)."""

from __future__ import annotations

from pathlib import Path

from test_plan_rules import plan_of, steps

from nb2pipe.planning.as_is import after_change
from nb2pipe.planning.flow import Version
from nb2pipe.planning.groups_to_drafts import Draft

CELLS = [
    "import pandas as pd\nimport matplotlib.pyplot as plt",
    "df = pd.DataFrame({'a': [1.0, 2.0]})",
    "raw = df\nraw['c'] = raw['a'] * 2",
    "plt.plot(df['c'])\nplt.show()",
    "total = df['c'] * 2\ntotal.plot()\nplt.show()",
    "df['d'] = df['a'] > 1",
]


def test_the_reader_gets_the_value_before_the_change_runs(tmp_path: Path) -> None:
    made = {s.name: s for s in steps(plan_of(tmp_path, eda=CELLS), "eda")}
    total = next(s for s in made.values() if "total" in s.outputs)
    changer = next(s for s in made.values() if "df['d']" in s.code)
    drawer = next(s for s in made.values() if s.kind == "reporting")
    assert total is not changer and "total" in drawer.inputs
    assert set(drawer.outputs) & set(changer.inputs), "the drawing runs before the change"


def test_a_change_the_reader_needs_nothing_from_stays_in_its_node(tmp_path: Path) -> None:
    cells = [*CELLS[:4], "total = df['c'] * 2\ndf['d'] = df['a'] > 1\ntotal.sum()"]
    made = steps(plan_of(tmp_path, eda=cells), "eda")
    assert any("total =" in s.code and "df['d']" in s.code for s in made)


# The section's reporting node draws the frame before the change and a value made after it: it is
# the reader that is split, its drawings before the change in a node running before it.
LATE = [
    "import pandas as pd\nimport matplotlib.pyplot as plt",
    "train = pd.DataFrame({'fare': [7.0, 71.0]})\ntest = pd.DataFrame({'fare': [8.0]})\n"
    "both = [train, test]",
    "plt.hist(train['fare'])\nplt.show()",
    "train['rich'] = train['fare'] > 30",
    "tables = {'train': train}",
    "rate = tables['train']['rich'].mean()\nplt.bar(['rate'], [rate])\nplt.show()",
]


def test_a_reporting_node_needing_a_value_made_after_the_change_is_split(tmp_path: Path) -> None:
    made = steps(plan_of(tmp_path, eda=LATE), "eda")
    drawers = [s for s in made if s.kind == "reporting"]
    changer = next(s for s in made if "train['rich']" in s.code)
    before, after = sorted(drawers, key=lambda s: "rate" in s.inputs)
    assert "plt.hist" in before.code and "plt.bar" in after.code
    assert set(before.outputs) & set(changer.inputs), "the histogram runs before the change"
    assert "rate" in after.inputs


def test_a_value_made_after_the_change_counts_through_the_nodes_between() -> None:
    def draft(chunks: tuple[int, ...], consumes: tuple[Version, ...],
              produces: tuple[Version, ...]) -> Draft:
        return Draft("data", chunks, 0, consumes, produces, False)

    frame, changed, rate = Version("df", 1), Version("df", 5), Version("rate", 8)
    drafts = [draft((1,), (), (frame,)), draft((2, 5), (frame,), (changed,)),
              draft((8,), (changed,), (rate,)), draft((3, 9), (frame, rate), ())]
    assert after_change(drafts, reader=3, changer=1, change=5)
    assert not after_change(drafts, reader=3, changer=1, change=6)
    assert not after_change(drafts[:3] + [draft((3,), (frame,), ())], reader=3, changer=1, change=5)
