"""A frame changed through an alias (`raw = df`, then `raw[...] = ...`) is passed between nodes
as the very object, and a node reading a version of it runs before the node that changes it in
place. When that reader also needs a value the changing node makes before the change (a figure
node drawing the frame and a total computed from it), the changing node is split where the change
starts: converting used to stop with "the steps form a cycle" (a student's EDA notebook)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .notebook_values import convert_and_compare
from .test_definition_time import convert_and_run, notebook_result

pytestmark = pytest.mark.e2e

CELLS = [
    "import json\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
    "import pandas as pd",
    "df = pd.DataFrame({'a': [1.0, 2.0, 3.0], 'b': [4.0, 5.0, 6.0]})",
    "raw = df\nraw['c'] = raw['a'] * raw['b']",
    "plt.plot(df['c'])\nplt.show()",
    "total = df['c'] * 2\ntotal.plot()\nplt.show()",
    "df['d'] = df['a'] > 1",
    "with open('out.json', 'w') as f:\n"
    "    json.dump({'columns': list(raw.columns), 'total': total.tolist(),\n"
    "               'd': df['d'].tolist(), 'same': raw is df}, f)",
]


def test_a_reader_needing_what_the_changing_node_makes_first_gets_it(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, CELLS)
    project = convert_and_run(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    (written,) = [p for p in project.rglob("out.json") if "src" not in p.parts]
    assert json.loads(written.read_text()) == expected
    assert expected["same"] and expected["columns"] == ["a", "b", "c", "d"]


# A section's drawings form one reporting node: here it draws the frame before the change (cell 2)
# and a result made after it (cell 5). It cannot run both before and after the changing node, so
# it is split where the change starts: converting used to stop with "the steps form a cycle" (a
# titanic notebook: `combine = [train_df, test_df]`, a histogram, a new column, a class holding
# the frame).
SPLIT_READER = [
    "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
    "import pandas as pd\n"
    "train = pd.DataFrame({'age': [22.0, 38.0, 26.0, 35.0], 'sex': ['m', 'f', 'f', 'm'],\n"
    "                      'fare': [7.25, 71.3, 7.9, 53.1]})\n"
    "test = pd.DataFrame({'age': [30.0], 'sex': ['m'], 'fare': [8.0]})\n"
    "both = [train, test]",
    "plt.hist(train['age'])\nplt.show()",
    "train['rich'] = train['fare'] > 30",
    "tables = {'train': train}",
    "by_sex = tables['train'].groupby('sex')['rich'].mean()\nby_sex.plot(kind='bar')\nplt.show()",
]


def test_a_reporting_node_drawing_before_and_after_a_change_is_split_there(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(tmp_path, SPLIT_READER, nb2pipe_bin, kedro_bin)
    assert expected["by_sex"].to_dict() == {"f": 0.5, "m": 0.5}
    assert got["by_sex"].to_dict() == expected["by_sex"].to_dict()
    assert list(got["tables"]["train"].columns) == ["age", "sex", "fare", "rich"]
    figures = sorted(p.name for p in (tmp_path / "project").rglob("*.png"))
    assert len(figures) == 2, figures
