"""Planning rules that tell variables from the typed symbols (model/symbols.py): a file, a global
generator or a literal parameter is never a variable name, whatever rule asks."""

from __future__ import annotations

import pytest

from nb2pipe.model import Edit
from nb2pipe.model.symbols import ArgKey, File, FileUse, Param, Rng, Symbol, use_key
from nb2pipe.planning.codegen import apply_edits
from nb2pipe.planning.flow import ChunkFlow, Flow
from nb2pipe.planning.grouping import Group, rereads

FLOW = Flow((ChunkFlow((), (), frozenset()),), (), frozenset(), ())


def test_a_drawing_node_rereads_a_variable_it_never_binds() -> None:
    assert rereads(Group("reporting", [0], 0), "df", FLOW)
    assert not rereads(Group("data", [0], 0), "df", FLOW)


@pytest.mark.parametrize("symbol", [File("a.csv"), Rng("numpy"), Param("alpha", "0.5")], ids=str)
def test_only_variables_are_reread(symbol: Symbol) -> None:
    # a literal in a drawing cell (`geom_step(alpha=0.5)`) once reached here and was asked
    # `isidentifier()`, which only a name has
    assert not rereads(Group("reporting", [0], 0), symbol, FLOW)


# a step's names key a file's extra arguments by (file, role), not by text: a variable whose
# name spells such a text (it cannot, but a str key could) never stands in for one

def test_a_path_edit_takes_the_argument_of_its_role() -> None:
    data = File("a.csv")
    names: dict[ArgKey, str] = {data: "a_csv", FileUse(data, "write"): "a_csv_path"}
    code = 'open("a.csv", "w")\nopen("a.csv")\n'
    edits = [Edit(1, 5, 1, 12, "path", data, "write"), Edit(2, 5, 2, 12, "path", data, "read")]
    assert apply_edits(code, edits, names) == "open(a_csv_path, \"w\")\nopen(a_csv)\n"


def test_text_is_no_file_use() -> None:
    names: dict[ArgKey, str] = {File("a.csv"): "a_csv", "file:a.csv|write": "text_key"}
    edit = Edit(1, 0, 1, 7, "path", File("a.csv"), "write")
    assert apply_edits("'a.csv'", [edit], names) == "a_csv"
    assert use_key("df", "write") == "df"  # a variable's argument has no roles


def test_an_edit_that_wires_nothing_has_no_symbol() -> None:
    assert Edit(1, 0, 1, 0, "text", payload="x = None\n").symbol is None
    assert apply_edits("", [Edit(1, 0, 1, 0, "text", payload="x = None\n")], {}) == "x = None\n"
