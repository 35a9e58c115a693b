"""One-shot iterators (`zip`, `map`, `filter`, `enumerate`, itertools, generators): a statement
that iterates one uses it up, so it changes it (a new version, handed on to later nodes); a
statement that only shows it, or a function body, does not; a name bound again to a list is no
iterator any more."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import analyze_cells

MADE = "import itertools\nz = zip([1, 2], [3, 4])"


def changes_z(tmp_path: Path, code: str, made: str = MADE) -> bool:
    """The last cell's statements change `z`."""
    facts = analyze_cells(tmp_path, made, code)
    return any("z" in c.mutates for c in facts.chunks if c.cell == 1)


@pytest.mark.parametrize("code", [
    "pairs = list(z)",
    "for pair in z:\n    print(pair)",
    "firsts = [a for a, _ in z]",
    "print(*z)",
    "found = (1, 3) in z",
    "one, two = z",
    "total = sum(a for a, b in z)",
    "lookup = dict(z)",
])
def test_iterating_an_iterator_changes_it(tmp_path: Path, code: str) -> None:
    assert changes_z(tmp_path, code)


@pytest.mark.parametrize("made", [
    "z = map(str, [1, 2])",
    "z = filter(None, [0, 1])",
    "z = enumerate('ab')",
    "import itertools\nz = itertools.count(3)",
    "z = (x for x in range(3))",
    "def numbers():\n    yield 1\nz = numbers()",
])
def test_every_kind_of_iterator(tmp_path: Path, made: str) -> None:
    assert changes_z(tmp_path, "items = list(z)", made)


@pytest.mark.parametrize(("code", "made"), [
    ("print(z)", MADE),  # its repr: not iterated
    ("z", MADE),
    ("def later():\n    return list(z)", MADE),  # iterated when called, not here
    ("items = list(z)", "z = [1, 2]"),  # a list is iterated again and again
    ("items = list(z)", "z = zip([1], [2])\nz = sorted([3, 1])"),  # bound again to a list
])
def test_not_a_change(tmp_path: Path, code: str, made: str) -> None:
    assert not changes_z(tmp_path, code, made)


def test_an_iterator_over_a_generator_stays_unpersistable_when_used_up(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, "g = (x for x in range(3))\nz = zip(g, 'abc')", "a = next(z)")
    assert all("z" in c.unpersistable for c in facts.chunks if "z" in c.defines | c.mutates)
    plain = analyze_cells(tmp_path, "z = zip([1, 2], 'ab')", "a = next(z)")
    assert not any("z" in c.unpersistable for c in plain.chunks)
