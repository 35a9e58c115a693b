"""#9: a cell reading IPython's output history (`_`, `_7`, `Out[7]`) gets a warning naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import analyze_cells


def history_warnings(root: Path, *cells: str) -> list[tuple[str | None, str]]:
    facts = analyze_cells(root, *cells)
    return [(d.cell, d.message) for d in facts.diagnostics if d.code == "output-history"]


@pytest.mark.parametrize("read", ["_", "__", "_2", "Out[2]", "_i2"])
def test_a_read_of_the_output_history_is_a_warning_on_its_cell(tmp_path: Path, read: str) -> None:
    found = history_warnings(tmp_path, "def table(n):\n    return list(range(n))", "table(3)",
                             f"rows = len({read})")
    assert [cell for cell, _ in found] == ["3"]
    assert f"`{read.split('[')[0]}`" in found[0][1] and "NameError" in found[0][1]


@pytest.mark.parametrize("binding", ["_ = table(3)", "for _ in range(2):\n    pass",
                                     "def f(_):\n    return _"])
def test_a_notebook_binding_the_name_itself_gets_none(tmp_path: Path, binding: str) -> None:
    cells = ("def table(n):\n    return list(range(n))", binding, "rows = len(_) if False else 0")
    assert history_warnings(tmp_path, *cells) == []
