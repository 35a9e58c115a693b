"""The code of shell nodes, made in planning from hand-built facts (`planning/shell_code.py`):
a shell command's typed lines (`model.ShellCommand`) → the `run_shell(...)` code, its catalog
wiring (edits, here applied with the argument of a file `x.csv` spelled `<x.csv>`) and the names
it reads."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

import pytest

from nb2pipe.model import (
    ChunkFacts,
    Edit,
    FileAccess,
    ParamWord,
    PathWord,
    PythonField,
    ShellCommand,
    ShellPiece,
    Source,
    SourceFacts,
)
from nb2pipe.model.symbols import File
from nb2pipe.planning.codegen import apply_edits
from nb2pipe.planning.shell_code import line_chunk, shell_code, step_chunk


@dataclass(frozen=True)
class Case:
    name: str
    lines: tuple[tuple[ShellPiece, ...], ...]
    code: str
    #: The names the chunk reads besides its files.
    uses: frozenset[str] = frozenset({"run_shell", "quote"})
    #: Folders the step lists (raw folders: a "partition" edit).
    listed: tuple[str, ...] = ()
    #: The cwd, and False for a notebook line (check=False unless said).
    cwd: str = "."
    script: bool = True
    capture: bool = False


def run(lines: str, cwd: str = ".") -> str:
    return f"run_shell(\n    [\n{lines}    ],\n    cwd={cwd!r},\n    script=True,\n)"


def line(lines: str, keywords: str = "cwd='nbs', check=False") -> str:
    return f"run_shell(\n    [\n{lines}    ],\n    {keywords},\n)"


READ, WRITE = PathWord("a.csv", "read"), PathWord("out/b.csv", "write")
CASES = [
    Case(
        "a line of text alone is a plain string", (("echo done",),), run('        "echo done",\n')
    ),
    Case(
        "a file is the node's argument, quoted",
        (("sort ", READ, " > ", WRITE),),
        run('        f"sort {quote(<a.csv>)} > {quote(<out/b.csv>)}",\n'),
    ),
    Case(
        "one string per line; braces doubled only in f-strings",
        (("awk '{print}' ", READ), ("echo '{x}'",)),
        run("        f\"awk '{{print}}' {quote(<a.csv>)}\",\n        \"echo '{x}'\",\n"),
    ),
    Case(
        "quotes, backslashes and control characters are escaped",
        (('printf "a\\tb\\n"\x07',),),
        run('        "printf \\"a\\\\tb\\\\n\\"\\x07",\n'),
    ),
    Case(
        "a parameter's value is read from the parameter",
        (("N=", ParamWord("N")), ("head -n $N ", READ)),
        run('        f"N={quote(str(N))}",\n        f"head -n $N {quote(<a.csv>)}",\n'),
        frozenset({"run_shell", "quote", "N"}),
    ),
    Case(
        "a raw folder the step lists is a partition argument",
        (("cat ", PathWord("data", "read"), "/*.csv"),),
        run('        f"cat {quote(<data>)}/*.csv",\n', "src"),
        listed=("data",),
        cwd="src",
    ),
    Case(
        "a notebook line: shlex.quote, its Python values, its keywords",
        (("head -n ", PythonField("n + 1"), " ", READ),),
        line(
            '        f"head -n {n + 1} {shlex.quote(<a.csv>)}",\n',
            "cwd='nbs', check=False, capture=True",
        ),
        frozenset({"run_shell", "shlex"}),
        cwd="nbs",
        script=False,
        capture=True,
    ),
    Case(
        "a notebook line passing no file does not read shlex",
        (("ls",),),
        line('        "ls",\n'),
        frozenset({"run_shell"}),
        cwd="nbs",
        script=False,
    ),
]


def names(chunk: ChunkFacts) -> dict[object, str]:
    paths = {e.symbol.path for e in chunk.edits if isinstance(e.symbol, File)}
    return {File(p): f"<{p}>" for p in paths}


def step(case: Case) -> ChunkFacts:
    files = tuple(FileAccess(p, p + "/", "read", "listing") for p in case.listed)
    command = ShellCommand(case.lines, case.cwd, case.script, check=False, capture=case.capture)
    if case.script:
        chunk = ChunkFacts(0, 0, "", 1, "data", files=files, command=command)
        return step_chunk(chunk, command, ["N", "OTHER"])
    # a notebook's `get_ipython().system(...)` call, its span replaced by the code
    code = "get_ipython().system('...')"
    edit = Edit(1, 0, 1, len(code), "shell", command=command)
    return line_chunk(ChunkFacts(0, 0, code, 1, "data", edits=(edit,)))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_shell_code(case: Case) -> None:
    chunk = step(case)
    assert apply_edits(chunk.code, chunk.edits, names(chunk)) == case.code
    assert chunk.uses == case.uses
    partitions = [e.symbol for e in chunk.edits if e.kind == "partition"]
    assert partitions == [File(p) for p in case.listed]
    if case.script:
        assert chunk.end_line == chunk.code.count("\n") + 1


def test_a_script_steps_source_imports_quote_and_others_are_left_alone() -> None:
    command = ShellCommand((("echo", ParamWord("N")),), ".", script=True)
    param = ChunkFacts(0, 0, "N = 3", 1, "param", defines=frozenset({"N"}), constants=(("N", 3),))
    stepped = ChunkFacts(1, 1, "", 1, "data", command=command)
    source = Source(PurePosixPath("run.sh"), "/r/run.sh", "script", (), language="bash")
    facts = SourceFacts(source, (param, stepped), (), (), (), (), (), frozenset(), (), ())
    plain = SourceFacts(source, (param,), (), (), (), (), (), frozenset(), (), ())
    [made, kept] = shell_code([facts, plain])
    assert made.imports == ("from shlex import quote",)
    assert made.import_names == (frozenset({"quote"}),)
    assert made.chunks[0] == param and "N" in made.chunks[1].uses
    assert kept is plain
