"""A file read again in the same node gives the file's value again, not the value the first read
became (found on the large corpus: Python-Data-Analysis-Third-Edition Ch7, `data =
pd.read_csv('employee.csv')` read again after `data['grade_encoded'] = ...`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .notebook_values import convert_and_compare

CSV = "name,score\nann,3\nbob,5\ncid,4\n"

CELLS = [
    "import pandas as pd",
    "data = pd.read_csv('scores.csv')\n"
    "data['double'] = data.score * 2\n"
    "first_columns = list(data.columns)\n"
    "data = pd.read_csv('scores.csv')\n"
    "data.loc[0, 'score'] = 100\n"
    "again = pd.read_csv('scores.csv')\n"
    "total = int(again.score.sum())\n"
    "columns = list(data.columns)",
]


@pytest.mark.e2e
def test_a_file_read_again_after_a_change_is_read_as_the_file_holds_it(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(
        tmp_path, CELLS, nb2pipe_bin, kedro_bin, files={"scores.csv": CSV}
    )
    assert expected["columns"] == ["name", "score"] and expected["total"] == 12
    assert (got["columns"], got["total"], got["first_columns"]) == (
        expected["columns"], expected["total"], expected["first_columns"])
