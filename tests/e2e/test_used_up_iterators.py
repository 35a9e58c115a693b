"""A display that iterates a notebook iterator (`print(*pairs)`, `next(it)`) uses it up: the
statement is data work, not a display the report can replay, and later cells see the iterator
where it stopped (found on the public corpus: WhirlwindTour 10-Iterators, `print(*c)`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import converted_cells, explain, run_tool
from .notebook_values import notebook_values, pipeline_values

CELLS = [
    "from itertools import combinations, count",
    "pairs = combinations(range(4), 2)\nprint(*pairs)",
    "ticks = count(10)\nnext(ticks)\nnext(ticks)",
    "rest = list(pairs)\nafter = next(ticks)",
]


@pytest.mark.e2e
def test_an_iterator_used_up_by_a_display_is_used_up_in_the_pipeline(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    (tmp_path / "nb").mkdir()
    expected = notebook_values(tmp_path / "nb", CELLS, tmp_path / "scratch")
    assert expected["rest"] == [] and expected["after"] == 12
    project, _ = converted_cells(tmp_path, "nb", CELLS, nb2pipe_bin)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, tmp_path / "nb")
    assert (got["rest"], got["after"]) == (expected["rest"], expected["after"])
    logged = " ".join((ran.stdout + ran.stderr).split())  # rich wraps long log lines
    assert "(0, 1) (0, 2) (0, 3) (1, 2) (1," in logged  # printed where the pairs were used up
