"""IPython's input history read by a cell (`In[N]`, `_ih[N]`, `_iN`, `_i`, `_ii`, `_iii`) is the
text of an earlier cell, known when converting: the read becomes that string (N the execution
count in a fresh run); reads the notebook cannot make, or whose text nb2pipe cannot tell, stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import analyze_cells


def last_code(tmp_path: Path, *cells: str) -> str:
    """The code of the last cell's chunks, as analysis leaves it."""
    facts = analyze_cells(tmp_path, *cells)
    return "\n".join(c.code for c in facts.chunks if c.cell == len(cells) - 1)


CASES = [
    # `_iN` is the cell as written, trailing newlines dropped; an empty cell takes no number
    (("x = 1\n", "", "t = _i1"), "t = 'x = 1'"),
    # `In[N]` drops leading blank lines as IPython does; `_ih` is the same list
    (("\n\nx = 1", "t = (In[1], _ih[1], _i1)"), "t = ('x = 1', 'x = 1', '\\n\\nx = 1')"),
    # the cells run one, two, three before; '' before the first
    (("a = 1", "b = 2", "t = [_i, _ii, _iii]"), "t = ['b = 2', 'a = 1', '']"),
    # the reading cell's own text
    (("t = len(_i1)",), "t = len('t = len(_i1)')"),
    # a cell with magics: `_iN` is what was written
    (("%time x = 1", "t = _i1"), "t = '%time x = 1'"),
]


@pytest.mark.parametrize(("cells", "expected"), CASES)
def test_input_history_reads_become_the_text(tmp_path: Path, cells: tuple[str, ...],
                                             expected: str) -> None:
    assert last_code(tmp_path, *cells) == expected


@pytest.mark.parametrize("cells", [
    ("x = 1", "t = _i5"),  # no such cell yet: NameError in the notebook too
    ("x = 1", "t = In[2 + 1]"),  # not a literal index
    ("In = ['mine', 'x']", "t = In[1]"),  # the notebook's own `In`
    ("x = 1", "def f():\n    return _i"),  # inside a function: run later
    ("%time x = 1", "t = In[1]"),  # IPython's translation of the magic: not reproduced
    ("x = 1\ny = 2", "t = f'{_i1}'"),  # an f-string's field takes no `\n` before Python 3.12
])
def test_other_reads_are_left_alone(tmp_path: Path, cells: tuple[str, ...]) -> None:
    code = last_code(tmp_path, *cells)
    assert "'" not in code.replace("['mine', 'x']", "").replace("f'{_i1}'", ""), code


def test_a_magic_cell_read_through_in_is_a_warning(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, "%time x = 1", "t = In[1]")
    said = [d for d in facts.diagnostics if d.code == "ipython-history"]
    assert any(d.level == "warning" and "`In[1]`" in d.message for d in said), said
