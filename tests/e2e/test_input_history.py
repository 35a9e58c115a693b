"""IPython's input history (`In[N]`, `_iN`, `_i`, `_ii`, `_iii`) read by a cell: the text of an
earlier cell, known when converting, so the node holds it as a string and `kedro run` computes
what the notebook did (run for real: `nb2pipe verify` runs the notebook in a kernel, whose
history sets those names, then the generated `kedro run`, and compares every dataset). N is the
execution count: an empty code cell takes none; `In[N]` drops the cell's leading blank lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import write_notebook

pytestmark = pytest.mark.e2e

#: Sections make nodes, so verify runs capture cells between these cells: they must not move
#: the history (`_i` in the third counted cell is the second's text in the notebook as run).
CELLS = [
    "# Inputs",
    "x = 1\ny = 2",
    "",
    "\n\nz = x + y  # the second counted cell\n\n",
    "# Read them",
    "first = In[1].split()\nsecond = _i2 + '|' + In[2]\nlast = _i.upper()",
    "# Again",
    "before = [len(text) for text in (_i, _ii, _iii)]\nmine = len(_i4)",
]


def test_input_history_reads_hold_the_cells_text(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "inputs", CELLS)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    (notebook,) = report.notebooks
    status = {r.variable: r.status for r in notebook.results if r.variable}
    names = ("first", "second", "last", "before", "mine")
    assert {status.get(name) for name in names} == {"equal"}, to_json(report)
    nodes = (tmp_path / "project/src/project/pipelines/inputs/nodes.py").read_text()
    read = {n.id for n in ast.walk(ast.parse(nodes)) if isinstance(n, ast.Name)}
    assert not read & {"In", "_i", "_ii", "_iii", "_i2", "_i4"}, nodes  # strings now
