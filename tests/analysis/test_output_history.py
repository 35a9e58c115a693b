"""IPython's output history read by a later cell (`_`, `__`, `___`, `_N`, `Out[N]`) is bound to a
name by the cell whose last expression gave it (`out_N`, N its execution count in a fresh run),
so the value crosses nodes as a variable; reads nothing earlier gave stay as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import analyze_cells


def users_of(tmp_path: Path, *cells: str) -> dict[str, tuple[set[str], set[str]]]:
    """Per chunk code: (names it defines, names it uses)."""
    facts = analyze_cells(tmp_path, *cells)
    return {c.code.strip(): (set(c.defines), set(c.uses)) for c in facts.chunks}


CASES = [
    # the last result
    (("x = 2", "x * 10", "y = _ + 1"), "out_2 = x * 10", "y = out_2 + 1"),
    # two and three results back; a cell ending in `;` or in print(...) gives none
    (("[1, 2]", "print(3)", "'a';", "{'k': 1}", "z = __"), "out_1 = [1, 2]", "z = out_1"),
    (("1", "2", "3", "w = ___ + _"), "out_1 = 1", "w = out_1 + out_3"),
    # numbered: `_N` and `Out[N]`; an empty cell does not count
    (("", "len('abc')", "v = Out[1] + _1"), "out_1 = len('abc')", "v = out_1 + out_1"),
    # a cell reading the last result and giving the next one
    (("[3, 1, 2]", "sorted(_)", "s = _[0]"), "out_2 = sorted(out_1)", "s = out_2[0]"),
]


@pytest.mark.parametrize("cells, producer, consumer", CASES)
def test_history_reads_become_variables(tmp_path: Path, cells: tuple[str, ...], producer: str,
                                        consumer: str) -> None:
    chunks = users_of(tmp_path, *cells)
    bound = producer.split(" = ")[0]
    assert producer in chunks and bound in chunks[producer][0]
    assert consumer in chunks and bound in chunks[consumer][1]
    assert bound in chunks, "the producing cell still displays the value"


@pytest.mark.parametrize("cells", [
    ("for _ in range(3):\n    pass", "5", "y = _"),  # the notebook's own `_`: IPython keeps it
    ("y = _",),  # nothing gave a result before
    ("def f():\n    return _", "5"),  # inside a function: not rewritten
    ("x = 1", "y = _3"),  # no cell 3
])
def test_other_reads_are_left_alone(tmp_path: Path, cells: tuple[str, ...]) -> None:
    chunks = users_of(tmp_path, *cells)
    assert not any(code.startswith("out_") or "out_" in code for code in chunks)
