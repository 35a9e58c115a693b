"""functions.py: notebook functions take the globals they read and the paths of the files they
open as keyword-only parameters, and pass them on to each other (``codegen.functions_module``)."""

from __future__ import annotations

from nb2pipe.planning.codegen import functions_module

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
    # called: the keyword is added; passed as a value: a partial carries it
    assert "list(map(functools.partial(f, K=K), xs)) + [f(1, K=K)]" in code
    assert code.startswith("import functools\n")
    # a path literal of the body is the parameter (everywhere in that body)
    assert 'def save(x, *, out_b_txt_file):\n    open(out_b_txt_file, "w")' in code
    assert "print(out_b_txt_file)" in code
    assert "sorted(x, key=len)" in code


def test_no_partial_no_functools() -> None:
    code = functions_module([], DEFINITIONS[:1], {"f": ["K"]})
    assert "functools" not in code


def test_a_module_level_lambda_takes_its_globals_as_keyword_only_parameters() -> None:
    code = functions_module([], ["f = lambda x: x * K", "g = lambda x, k=2: f(x) + k"],
                            {"f": ["K"], "g": ["K"]})
    assert "f = lambda x, *, K: x * K" in code
    assert "g = lambda x, k=2, *, K: f(x, K=K) + k" in code
