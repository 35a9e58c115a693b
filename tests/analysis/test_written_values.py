"""A write the catalog does keeps its value, with the rewrites inside that value applied."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.planning.codegen import apply_edits
from nb2pipe.model.symbols import File

from .support import last_cell_chunks


@pytest.mark.parametrize(
    ("statement", "after"),
    [
        ("pd.read_csv('in.csv').head().to_csv('out.csv')", "out_csv = in_csv.head()"),
        ("joblib.dump(pd.read_csv('in.csv'), 'out.pkl')", "out_pkl = in_csv"),
        ("d = 1\njoblib.dump(d, 'out.pkl')", "d = 1\nout_pkl = d"),
    ],
)
def test_a_read_inside_the_value_written_is_the_read_dataset(statement: str, after: str, tmp_path: Path) -> None:
    """It was `out_csv = pd.read_csv("in.csv").head()`: the file read from the project root."""
    chunks = last_cell_chunks(tmp_path, "import joblib\nimport pandas as pd", statement)
    names = {File("in.csv"): "in_csv", File("out.csv"): "out_csv", File("out.pkl"): "out_pkl"}
    assert "\n".join(apply_edits(c.code, c.edits, names) for c in chunks) == after
