"""#9: a name two differing top-level definitions bind stays in its nodes (analysis rule)."""

from __future__ import annotations

import ast
from pathlib import Path

from nb2pipe.analysis.python.bindings import own_name_in_methods
from nb2pipe.analysis.python.functions import redefinitions

from .support import analyze_cells


def test_differing_definitions_of_one_name_are_node_code(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, "def f():\n    return 1", "a = f()", "def f():\n    return 2",
                          "def g():\n    return 3", "def h():\n    return 4", "def h():\n    return 4")
    kinds = [chunk.kind for chunk in facts.chunks]
    assert kinds == ["data", "data", "data", "def", "def", "def"]


def test_only_differing_texts_count() -> None:
    trees = [ast.parse(t) for t in ("def f(): pass", "def f(): pass", "class C: x = 1", "class C: x = 2")]
    assert redefinitions(trees) == frozenset({"C"})


def test_a_class_read_by_its_own_methods_is_not_read_when_made() -> None:
    (method_only,) = ast.parse("class P:\n    def m(self):\n        return P()").body
    (eager,) = ast.parse("class P:\n    other = P").body
    assert own_name_in_methods(method_only) == {"P"}  # type: ignore[arg-type]
    assert own_name_in_methods(eager) == frozenset()  # type: ignore[arg-type]
