"""Planning rules that tell variables from the typed symbols (model/symbols.py): a file, a global
generator or a literal parameter is never a variable name, whatever rule asks."""

from __future__ import annotations

import pytest

from nb2pipe.model.symbols import File, Param, Rng, Symbol
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
