"""functions.py: notebook functions take the globals they read and the paths of the files they
open as keyword-only parameters, and pass them on to each other (``codegen.functions_module``)."""

from __future__ import annotations

from nb2pipe.planning.codegen import functions_module, local_module_code

DEFINITIONS = [
    "def f(x):\n    return x * K",
    "def run(xs):\n    return list(map(f, xs)) + [f(1)]",
    'def save(x):\n    open("out/b.txt", "w").write(x)\n    print("out/b.txt")',
    "def plain(x):\n    return sorted(x, key=len)",
]
FREE = {"f": ["K"], "run": ["K"], "save": ["out_b_txt_file"]}
PATHS = {"save": [("out/b.txt", "out_b_txt_file")]}


def test_globals_and_paths_become_keyword_only_parameters_passed_on() -> None:
    code = functions_module([], DEFINITIONS, FREE, PATHS)
    assert "def f(x, *, K):" in code
    assert "def run(xs, *, K):" in code
    # called: the keyword is added; passed as a value: the project's with_globals binds it
    assert "list(map(with_globals(f, K=K), xs)) + [f(1, K=K)]" in code
    assert code.startswith("from ...binding import with_globals\n")
    # a path literal of the body is the parameter (everywhere in that body)
    assert 'def save(x, *, out_b_txt_file):\n    open(out_b_txt_file, "w")' in code
    assert "print(out_b_txt_file)" in code
    assert "sorted(x, key=len)" in code


def test_nothing_passed_as_a_value_no_binding_import() -> None:
    code = functions_module([], DEFINITIONS[:1], {"f": ["K"]})
    assert "with_globals" not in code


def test_a_module_level_lambda_takes_its_globals_as_keyword_only_parameters() -> None:
    code = functions_module([], ["f = lambda x: x * K", "g = lambda x, k=2: f(x) + k"],
                            {"f": ["K"], "g": ["K"]})
    assert "f = lambda x, *, K: x * K" in code
    assert "g = lambda x, k=2, *, K: f(x, K=K) + k" in code


def test_no_bare_star_when_nothing_is_added_and_valid_signatures_otherwise() -> None:
    import ast

    code = functions_module([], ["def mapl(f, *values):\n    return list(map(f, *values))",
                                 "def total(a, /, b, *xs, c=1, **named):\n    return K",
                                 "def plain(a, /, b):\n    return K"],
                            {"mapl": [], "total": ["K"], "plain": ["K"]})
    ast.parse(code)
    assert "def mapl(f, *values):" in code
    assert "def total(a, /, b, *xs, c=1, K, **named):" in code
    assert "def plain(a, /, b, *, K):" in code
    # a path parameter the function already has: nothing to add, no bare `*`
    module = "def load(records_json_file, *rest):\n    return open('records.json')\n"
    assert local_module_code(module, {"load": [("records_json_file", "records.json")]}, {}) == module


def test_only_the_module_level_function_takes_and_is_passed_its_globals() -> None:
    code = functions_module([], [
        "def solve(x):\n    return x * K",
        "def outer(xs):\n    def solve(x):\n        return -x\n    return [solve(x) for x in xs]",
        "def use(solve, x):\n    return solve(x) + [solve for solve in [x]][0]",
        "def run(x):\n    return solve(x) + (lambda solve: solve)(1)",
        "def late(x=solve):\n    return x",
    ], {"solve": ["K"], "run": ["K"]})
    assert "def outer(xs):\n    def solve(x):\n        return -x\n    return [solve(x) for x in xs]" in code
    assert "def use(solve, x):\n    return solve(x) +" in code
    assert "return solve(x, K=K) + (lambda solve: solve)(1)" in code
    assert "def late(x=solve):" in code, "at module level there is nothing to pass"


def test_a_global_named_like_a_parameter_is_passed_under_another_keyword() -> None:
    code = functions_module([], [
        "def match(x, rules):\n    return helper(x) + len(rules)",
        "def helper(x):\n    return x + len(rules)",
        "def top(x):\n    return match(x, [])",
    ], {"match": ["rules"], "helper": ["rules"], "top": ["rules"]})
    assert "def match(x, rules, *, rules_):\n    return helper(x, rules=rules_) + len(rules)" in code
    assert "return match(x, [], rules_=rules)" in code


def test_builtins_is_the_module_it_is_in_a_notebook() -> None:
    code = functions_module(["import builtins as _builtins"],
                            ["def names():\n    builtins = 1\n    return sorted(vars(__builtins__))"], {})
    assert "return sorted(vars(_builtins))" in code
