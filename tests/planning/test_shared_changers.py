"""A node changing a shared object in place is split where the change starts when a reader of
the version it changes needs a value it makes before the change (planning/as_is.py)."""

from __future__ import annotations

from pathlib import Path

from test_plan_rules import plan_of, steps

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
