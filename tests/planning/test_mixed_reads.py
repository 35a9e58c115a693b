"""A node that reads one file both through a typed dataset and by its path gets two arguments."""

from __future__ import annotations

from pathlib import Path

from test_plan_rules import plan_of, steps


def test_a_file_read_with_pandas_and_by_path_in_one_node_gets_both(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import pandas as pd\npd.DataFrame({'a': [1]}).to_csv('a.csv', index=False)",
        "x = pd.read_csv('a.csv')\nwith open('a.csv') as f:\n    text = f.read()",
    ])
    step = next(s for s in steps(the_plan, "nb") if "text" in s.returns)
    assert step.inputs == ("a_csv@pandas", "a_csv@path")
    assert step.arguments == ("a_csv", "a_csv_file")
    assert "x = a_csv\n" in step.code and "open(a_csv_file)" in step.code
