"""A file the notebook reads again gives a fresh value each time.

`data = pd.read_csv("a.csv")` twice in a notebook gives two independent frames: changing the first
(`data["x"] = ...`) leaves the second as the file holds it. In a node, both reads become the one
argument Kedro loaded (`data = a_csv`), so a change through the first would show in the second.
When a node reads the same dataset more than once and changes a value in place, every read of it
is a deep copy of the argument (`data = copy.deepcopy(a_csv)`), which stays as loaded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..model import ChunkFacts, Edit
from ..model.symbols import ArgKey, use_key


def read_name(edit: Edit, names: Mapping[ArgKey, str]) -> str:
    """The argument a "read" edit puts in place of the read (as codegen.replacement does)."""
    assert edit.symbol is not None, edit  # (a "read" names what it reads)
    return names.get(use_key(edit.symbol, edit.payload), names[edit.symbol])


def reread(chunks: Sequence[ChunkFacts], names: Mapping[ArgKey, str]) -> frozenset[str]:
    """The arguments a node reads more than once, when the node changes values in place."""
    if not any(chunk.mutates for chunk in chunks):
        return frozenset()
    counts = Counter(
        read_name(edit, names)
        for chunk in chunks
        for edit in chunk.edits
        if edit.kind == "read" and edit.symbol in names
    )
    return frozenset(name for name, count in counts.items() if count > 1)


def fresh(edits: Sequence[Edit], names: Mapping[ArgKey, str], again: frozenset[str]) -> list[Edit]:
    """``edits`` with each read of an argument in ``again`` made a deep copy of it."""
    result = []
    for edit in edits:
        if edit.kind == "read" and edit.symbol in names and read_name(edit, names) in again:
            edit = Edit(edit.line, edit.col, edit.end_line, edit.end_col, "text", edit.symbol,
                        f"copy.deepcopy({read_name(edit, names)})")
        result.append(edit)
    return result
