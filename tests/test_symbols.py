"""Symbols (nb2pipe/model/symbols.py): typed values, today's text, the text's order."""

from __future__ import annotations

import pytest

from nb2pipe.model.symbols import File, Param, Rng, parse_symbol

TEXTS = ["df", "file:data/x.csv", "file:a b/é.csv", "rng:numpy", "param:test_size=0.2",
         "param:label='a=b'", "_1"]


@pytest.mark.parametrize("text", TEXTS)
def test_parse_gives_back_the_text(text: str) -> None:
    assert str(parse_symbol(text)) == text


def test_parse_makes_the_classes() -> None:
    assert parse_symbol("file:data/x.csv") == File("data/x.csv")
    assert parse_symbol("rng:torch") == Rng("torch")
    assert parse_symbol("param:label='a=b'") == Param("label", "'a=b'")
    assert parse_symbol("x") == "x"


def test_symbols_sort_as_their_text_mixed_with_names() -> None:
    symbols = [parse_symbol(t) for t in TEXTS] + ["zz", "Z", "file", "rng", "param:"]
    assert [str(s) for s in sorted(symbols)] == sorted(str(s) for s in symbols)
    assert [str(s) for s in sorted(symbols, reverse=True)] == sorted((str(s) for s in symbols), reverse=True)
    assert max(symbols) == "zz" and min(symbols) == "Z"


def test_equal_by_value_never_equal_to_the_text() -> None:
    assert File("a.csv") == File("a.csv") and hash(File("a.csv")) == hash(File("a.csv"))
    assert File("a.csv") != "file:a.csv" and "file:a.csv" not in {File("a.csv")}
    assert File("numpy") != Rng("numpy")
    assert len({File("a"), File("a"), Rng("a"), "a"}) == 3


def test_frozen() -> None:
    with pytest.raises(AttributeError):
        File("a").path = "b"  # type: ignore[misc]
