"""Where a notebook definition lives: what it reads when it is made decides (definitions.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from nb2pipe.analysis.python.definitions import definition_reads

from .support import analyze_cells


@pytest.mark.parametrize(("code", "reads"), [
    ("def f(x, k=K):\n    return x + G", {"K"}),
    ("def f(*, k=K, j=1):\n    return G", {"K"}),
    ("@cache(maxsize=N)\ndef f(x):\n    return x", {"cache", "N"}),
    ("def f(x: T) -> R:\n    return x", {"T", "R"}),
    ("f = lambda x, k=K: x * G", {"K"}),
    ("class C(Base, metaclass=M):\n    a = A\n    b = a + B\n    def m(self, d=D):\n        return G",
     {"Base", "M", "A", "B", "D"}),
    ("@dataclass\nclass C:\n    n: int = N\n    xs: list = field(default_factory=list)",
     {"dataclass", "int", "N", "list", "field"}),
    ("class C:\n    def m(self):\n        return G", set()),
])
def test_definition_reads(code: str, reads: set[str]) -> None:
    assert definition_reads(ast.parse(code).body[0]) == reads


def kinds(tmp_path: Path, *cells: str) -> dict[str, str]:
    facts = analyze_cells(tmp_path, *cells)
    return {c.code.split("(")[0].split(":")[0].split()[-1]: c.kind for c in facts.chunks
            if c.code.startswith(("def ", "class ", "@"))}


def test_literal_constants_go_to_the_module_with_the_definition(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, "import functools\nN = 8\nK = 'a'  # kind",
                          "@functools.lru_cache(maxsize=N)\ndef f(x, k=K):\n    return x")
    assert [c.kind for c in facts.chunks][-1] == "def"
    assert facts.module_constants == (("N", "N = 8"), ("K", "K = 'a'"))


@pytest.mark.parametrize("cells", [
    ("import numpy as np\ndata = np.ones(3)", "def f(x, ref=data.mean()):\n    return x"),
    ("N = 3", "N = N + 1", "def f(x, n=N):\n    return x"),  # no longer a literal
    ("xs = [1]", "xs.append(2)", "def f(x, k=xs):\n    return x"),  # changed in place
    ("import numpy as np\ndata = np.ones(3)", "class C:\n    def m(self):\n        return data"),
    ("N = 1", "def f(x=N):\n    return x", "N = 2", "def g(x=N):\n    return x"),  # two values of N
])
def test_definitions_made_from_data_stay_in_their_node(tmp_path: Path, cells: tuple[str, ...]) -> None:
    facts = analyze_cells(tmp_path, *cells)
    last = facts.chunks[-1]
    assert last.kind == "data" and last.local_classes
    assert last.local_classes.isdisjoint(n for n, _ in facts.definitions)


def test_a_function_rebinding_globals_stays_in_its_node_and_rebinds_the_nodes_names(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, "n = 0", "def bump():\n    global n, log\n    n += 1\n    log = [n]", "bump()")
    definition, call = facts.chunks[1], facts.chunks[2]
    assert definition.kind == "data" and definition.unpersistable == {"bump"}
    assert definition.defines == {"bump", "log"}, "log is bound first: nonlocal needs a binding"
    assert sorted(e.payload for e in definition.edits) == ["log = None\n", "nonlocal"]
    assert {"n", "log"} <= call.mutates


@pytest.mark.parametrize(("code", "local"), [
    ("if FAST:\n    def f(x):\n        return x\nelse:\n    def f(x):\n        return -x", {"f"}),
    ("try:\n    class C:\n        pass\nexcept Exception:\n    C = None", set()),
    ("try:\n    from m import f\nexcept ImportError:\n    def f(x):\n        return x", set()),
])
def test_definitions_inside_a_top_level_block(tmp_path: Path, code: str, local: set[str]) -> None:
    """Made in the node running the block, unless the block also binds the name otherwise."""
    assert analyze_cells(tmp_path, "FAST = len('a') > 0", code).chunks[-1].local_classes == local
