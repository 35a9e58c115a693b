"""IPython's output history (`_`, `__`, `_N`, `Out[N]`) read by later cells: the pipeline hands
the producing cell's value on as a variable, so `kedro run` computes what the notebook did (run
for real: `nb2pipe verify` runs the notebook in a kernel, whose display hook sets the history,
and the generated `kedro run`, and compares every dataset)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import write_notebook

pytestmark = pytest.mark.e2e

#: The drawn list is evaluated once: reading it again must not draw again.
CELLS = [
    "import random\nrandom.seed(3)",
    "[random.randint(1, 100) for _ in range(5)]",
    "total = sum(_)\nsorted(_)",
    "top = __[0] + _[-1]",
    "again = Out[2] + [len(_3)]",
]


def test_history_reads_compute_what_the_notebook_computed(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "history", CELLS)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    (notebook,) = report.notebooks
    status = {r.variable: r.status for r in notebook.results if r.variable}
    assert {status.get(name) for name in ("total", "top", "again")} == {"equal"}, to_json(report)


#: Sections make nodes, so verify captures values between the cells; the capture cells must not
#: take history numbers (`_3` is the third cell's output in the notebook as the user ran it).
SECTIONS = [
    "# Draw",
    "import random\nrandom.seed(5)\nvalues = [random.randint(1, 9) for _ in range(4)]",
    "values[:2]",
    "# Use the history",
    "first = list(_2)\nsecond = Out[2] + [0]",
    "# Again",
    "third = len(_2) + Out[2][0]",
]


def test_capture_cells_between_sections_keep_the_history_numbers(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "sections", SECTIONS)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    (notebook,) = report.notebooks
    status = {r.variable: r.status for r in notebook.results if r.variable}
    assert {status.get(name) for name in ("first", "second", "third")} == {"equal"}, to_json(report)
