"""Symbols: what a chunk binds, reads and changes, and what a dataflow version is a version of.

A plain ``str`` is a Python variable name; the other symbols are frozen classes: ``File(path)``
(a file, by its normalised path), ``Rng(source)`` (a global random generator: "numpy", "random",
"torch") and ``Param(name, value_repr)`` (a literal a call is given, which can become a
parameter). ``str(symbol)`` is its text ("file:data/x.csv", "rng:numpy",
"param:test_size=0.2"), used where text is needed (rendering, explain, diagnostics, the
knowledge tables), and symbols sort by that text, with names too, so every order is the order
the text gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import total_ordering


@total_ordering
class _Ordered:
    """Equality by fields (the dataclass), order by text: mixed with names, sorted as text."""

    __slots__ = ()

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, (str, _Ordered)):
            return NotImplemented
        return str(self) < str(other)

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, (str, _Ordered)):
            return NotImplemented
        return str(self) > str(other)


@dataclass(frozen=True, slots=True, eq=True)
class File(_Ordered):
    """A file the code reads or writes, by its normalised path."""

    path: str

    def __str__(self) -> str:
        return f"file:{self.path}"


@dataclass(frozen=True, slots=True, eq=True)
class Rng(_Ordered):
    """A global random generator ("numpy", "random", "torch")."""

    source: str

    def __str__(self) -> str:
        return f"rng:{self.source}"


@dataclass(frozen=True, slots=True, eq=True)
class Param(_Ordered):
    """A literal given to a call (``test_size=0.2``): the keyword and the value's ``repr``."""

    name: str
    value_repr: str

    def __str__(self) -> str:
        return f"param:{self.name}={self.value_repr}"


#: A variable name (plain ``str``) or one of the symbol classes.
Symbol = str | File | Rng | Param


@dataclass(frozen=True, slots=True)
class FileUse:
    """One way a step's code uses a file that has an argument of its own, besides the file's
    argument: ``role`` "write" or "append" (the path the step writes), "read" (the path its own
    code reads) or a library read's load key (`knowledge.io_calls.load_key`: a read with a
    catalog entry of its own). A key of a step's names, as a symbol is; never a symbol itself."""

    file: File
    role: str


#: What a step binds an argument name to: a symbol, or one use of a file.
ArgKey = Symbol | FileUse


def use_key(symbol: Symbol, role: str) -> ArgKey:
    """The key of ``symbol``'s argument for ``role``: a file's use, or the symbol itself."""
    return FileUse(symbol, role) if isinstance(symbol, File) else symbol


def parse_symbol(text: str) -> Symbol:
    """The symbol ``text`` spells ("file:x.csv" → File("x.csv")); any other text is a name."""
    if text.startswith("param:"):
        name, _, value = text[6:].partition("=")
        return Param(name, value)
    if text.startswith("file:"):
        return File(text[5:])
    if text.startswith("rng:"):
        return Rng(text[4:])
    return text
