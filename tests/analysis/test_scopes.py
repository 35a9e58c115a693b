"""Name resolution inside a top-level statement (``scopes``), the keyword a global is passed by,
and indenting code without touching string literals (``code_text``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from nb2pipe.analysis.python.code_text import dedent_code, indent_code
from nb2pipe.analysis.python.scopes import keyword_for, keywords, module_reads

from .support import analyze_cells


def reads_of(code: str, name: str) -> list[bool]:
    """For each load of ``name`` in ``code``'s first statement that reads module scope: read later?"""
    statement = ast.parse(code).body[0]
    reads = module_reads(statement)
    return [
        reads[id(n)]
        for n in ast.walk(statement)
        if isinstance(n, ast.Name) and n.id == name and id(n) in reads
    ]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("f(1)", [False]),
        ("def g(x):\n    return f(x)", [True]),
        ("def g(f):\n    return f(1)", []),  # a parameter
        ("def g():\n    def f():\n        return 1\n    return f()", []),  # a nested def
        ("def g():\n    f = abs\n    return f(1)", []),  # a local
        ("def g():\n    global f\n    f = abs\n    return f(1)", [True]),  # declared global
        (
            "def g():\n    f = 1\n    def h():\n        nonlocal f\n        return f\n    return h",
            [],
        ),
        ("def g(x=f(1)):\n    return x", [False]),  # a default: evaluated where the def runs
        ("@f\ndef g(x: f) -> f:\n    return x", [False, False, False]),  # decorator and annotations
        (
            "class C:\n    f = abs\n    y = f(1)\n    def m(self):\n        return f(2)",
            [True],
        ),  # class body
        ("ys = [f(x) for f in fs for x in xs]", []),  # a comprehension variable
        ("ys = [f(x) for x in f]", [False, False]),  # the first iterable is the enclosing scope's
        ("g = lambda f: f(1)", []),
        ("g = lambda x: f(x)", [True]),
    ],
)
def test_a_read_resolves_to_the_binding_visible_where_it_is_made(
    code: str, expected: list[bool]
) -> None:
    assert reads_of(code, "f") == expected


def test_a_global_passed_under_a_local_name_takes_another_keyword() -> None:
    assert keyword_for("rules", {"x"}) == "rules"
    assert keyword_for("rules", {"rules", "rules_"}) == "rules__"
    tree = ast.parse(
        "def match(x, rules):\n    return solve(x)\n\nf = lambda rules: rules\n"
        "if True:\n    def g(scale):\n        return 1"
    )
    found = keywords(tree, {"match": ["rules", "K"], "f": ["rules"], "g": ["scale"]})
    assert found == {
        "match": {"rules": "rules_", "K": "K"},
        "f": {"rules": "rules_"},
        "g": {"scale": "scale_"},
    }


def test_functions_calling_each_other_see_through_shadowing_names(tmp_path: Path) -> None:
    facts = analyze_cells(
        tmp_path,
        "K = 2\nrules = [1]",
        "def solve(x):\n    return x * K",
        "def outer(xs):\n    def solve(x):\n        return x\n    return [solve(x) for x in xs]",
        "def use(solve):\n    return solve(1)",
        "def match(x, rules):\n    return helper(x) + len(rules)",
        "def helper(x):\n    return x + len(rules)",
    )
    free = {name: set(names) for name, names in facts.function_globals}
    assert free["outer"] == set() and free["use"] == set()
    assert free["match"] == {"rules"}, "passed on to helper, under another keyword (see codegen)"


def test_two_literals_on_one_line_are_data_not_one_parameter(tmp_path: Path) -> None:
    (chunk,) = [c for c in analyze_cells(tmp_path, "lower = []; upper = []").chunks]
    assert chunk.kind == "data" and chunk.defines == {"lower", "upper"}


STRING_BODY = 'x = 1\nprogram = """\nfor i in r:\n    go(i)\n"""\nlabel = f"""a\n{x}\n"""'


def test_indenting_code_leaves_string_literals_as_they_are() -> None:
    indented = indent_code(STRING_BODY, "    ")
    assert indented == (
        '    x = 1\n    program = """\nfor i in r:\n    go(i)\n"""\n    label = f"""a\n{x}\n"""'
    )
    namespace: dict[str, object] = {"r": [], "go": print}
    exec("def f():\n" + indented + "\n    return program, label", namespace)  # noqa: S102 - the test's own code
    expected: dict[str, object] = {}
    exec(STRING_BODY, {"r": [], "go": print}, expected)  # noqa: S102
    assert namespace["f"]() == (expected["program"], expected["label"])  # type: ignore[operator]


def test_dedenting_code_leaves_string_literals_as_they_are() -> None:
    block = '    s = """\n  kept\n"""\n    if s:\n        t = 1'
    assert dedent_code(block) == 's = """\n  kept\n"""\nif s:\n    t = 1'
