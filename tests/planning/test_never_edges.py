"""Values no dataset can hold never cross nodes: the throwaway `_` (and IPython's history names)
and None (Kedro refuses to save it). They stay in the node that binds them, are not saved as
results, and a node reading them is kept with their binder."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_plan_rules import plan_of, source, steps

from nb2pipe.analysis import analyze
from nb2pipe.model import ChunkFacts


def last_cell_chunks(folder: Path, *cells: str) -> list[ChunkFacts]:
    facts = analyze(source("nb.ipynb", list(cells), folder))
    return [c for c in facts.chunks if c.cell == len(cells) - 1]


@pytest.mark.parametrize("code, name", [
    ("_ = print('x')", "_"),
    ("fig, _ = plt.subplots()", "_"),
    ("_, counts = np.unique([1, 1])", "_"),
    ("for _ in range(3):\n    pass", "_"),
    ("__ = 1", "__"),
    ("_7 = 1", "_7"),
    ("x = print('hi')", "x"),
    ("x = xs.sort()", "x"),
    ("x = df.dropna(inplace=True)", "x"),
    ("x = random.shuffle(xs)", "x"),
    ("x = log('a')", "x"),
])
def test_names_that_never_cross_nodes(tmp_path: Path, code: str, name: str) -> None:
    setup = ("import random\nimport numpy as np\nimport matplotlib.pyplot as plt\nxs = [1]\n"
             "import pandas as pd\ndf = pd.DataFrame()\ndef log(m):\n    print(m)")
    (chunk,) = last_cell_chunks(tmp_path, setup, code)
    assert name in chunk.unpersistable


@pytest.mark.parametrize("code", ["x = xs.copy()", "x = df.dropna()", "x = fit(1)", "_x = 1", "x_ = 1",
                                  "x = fig.update(layout={})", "x = df.append(df)"])
def test_values_that_may_cross_nodes(tmp_path: Path, code: str) -> None:
    setup = "import pandas as pd\ndf = pd.DataFrame()\nxs = [1]\nfig = None\ndef fit(v):\n    return v"
    (chunk,) = last_cell_chunks(tmp_path, setup, code)
    assert not chunk.unpersistable


def test_throwaway_and_none_values_are_neither_results_nor_edges(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import random\nimport numpy as np",
        "xs = [3, 1, 2]\n_ = random.shuffle(xs)\nres = xs.sort()",
        "# Later",
        "_, counts = np.unique(xs, return_counts=True)\ntotal = counts.sum()",
    ])
    outputs = {o for s in steps(the_plan, "nb") for o in s.outputs}
    assert "_" not in outputs and "res" not in outputs and {"xs", "counts", "total"} <= outputs


def test_a_node_reading_a_none_value_stays_with_its_binder(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=["x = print('a')", "# Later", "y = x is None"])
    (step,) = steps(the_plan, "nb")
    assert step.returns == ("y",)


def test_reading_ipython_history_no_cell_gave_is_a_warning(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=["import pandas as pd\ndf = pd.DataFrame({'a': [1]})",
                                     "df.describe();", "stats = _"])
    (note,) = [d for d in the_plan.diagnostics if d.code == "ipython-history"]
    assert note.level == "warning" and "`_`" in note.message and note.cell == "3"


def test_reading_ipython_history_an_earlier_cell_gave_is_that_cells_value(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=["import pandas as pd\ndf = pd.DataFrame({'a': [1]})",
                                     "# Later", "df.describe()", "# Then", "stats = _"])
    (note,) = [d for d in the_plan.diagnostics if d.code == "ipython-history"]
    assert note.level == "info" and "out_2" in note.message
    inputs = {i for s in steps(the_plan, "nb") for i in s.inputs}
    assert "out_2" in inputs, "the value crosses nodes as a dataset"
