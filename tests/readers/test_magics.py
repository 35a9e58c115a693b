"""IPython syntax → plain Python (``nb2pipe.readers.magics.translate``), as before/after pairs.

Each ``MagicCase`` pins the translated code exactly, the levels of the notes the translation
emits (``"info"`` for something dropped on purpose, ``"warning"`` for something nb2pipe does
not understand), the packages collected from ``pip install`` and the imports the translation
relies on. Except for ``%%writefile`` (which becomes a ``with open(...)`` block), a translation
keeps the cell's line count, so line numbers in diagnostics still match the notebook.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from nb2pipe.analysis import analyze
from nb2pipe.model import Cell, Source
from nb2pipe.readers.magics import translate


@dataclass(frozen=True)
class MagicCase:
    name: str
    before: str
    after: str
    #: Levels of the notes, in order.
    notes: tuple[str, ...] = ()
    pips: tuple[str, ...] = ()
    imports: tuple[str, ...] = ()
    keeps_line_count: bool = True


SUBPROCESS = ("import subprocess",)
OS = ("import os",)

MAGICS = [
    MagicCase("%matplotlib inline is dropped", "%matplotlib inline", "", ("info",)),
    MagicCase("%matplotlib in a cell with code", "%matplotlib inline\nx = 1", "\nx = 1", ("info",)),
    MagicCase("%time keeps its statement", "%time x = f()", "x = f()"),
    MagicCase("%time inside a block", "for i in r:\n    %time f(i)", "for i in r:\n    f(i)"),
    MagicCase("%timeit is dropped", "%timeit f()", "", ("info",)),
    MagicCase(
        "%timeit inside a block becomes pass",
        "if c:\n    %timeit f()",
        "if c:\n    pass",
        ("info",),
    ),
    MagicCase("%%time cell runs its body", "%%time\nx = f()\ny = 2", "\nx = f()\ny = 2"),
    MagicCase("%%timeit cell is dropped", "%%timeit\nf()", "\n", ("info",)),
    MagicCase("%%capture cell runs its body", "%%capture\nx = 1", "\nx = 1", ("info",)),
    MagicCase("!pip install", "!pip install a b", "", ("info",), pips=("a", "b")),
    MagicCase(
        "!pip install with options and pins",
        "!pip install -q a==1.0 b",
        "",
        ("info",),
        pips=("a==1.0", "b"),
    ),
    MagicCase("%pip install", "%pip install a", "", ("info",), pips=("a",)),
    MagicCase("!python -m pip install", "!python -m pip install a", "", ("info",), pips=("a",)),
    MagicCase(
        "!pip install among code",
        "x = 1\n!pip install a\ny = 2",
        "x = 1\n\ny = 2",
        ("info",),
        pips=("a",),
    ),
    MagicCase("!ls", "!ls", "subprocess.run('ls', shell=True, check=True)", imports=SUBPROCESS),
    MagicCase(
        "!cmd inside a block",
        "if x:\n    !ls",
        "if x:\n    subprocess.run('ls', shell=True, check=True)",
        imports=SUBPROCESS,
    ),
    MagicCase(
        "x = !ls keeps the output lines",
        "x = !ls",
        "x = subprocess.run('ls', shell=True, check=True, capture_output=True, "
        "text=True).stdout.splitlines()",
        imports=SUBPROCESS,
    ),
    MagicCase(
        "x = !cmd {var} interpolates",
        "x = !ls {d}",
        "x = subprocess.run(f'ls {d}', shell=True, check=True, capture_output=True, "
        "text=True).stdout.splitlines()",
        imports=SUBPROCESS,
    ),
    MagicCase(
        "x = %sx cmd",
        "x = %sx ls",
        "x = subprocess.run('ls', shell=True, check=True, capture_output=True, "
        "text=True).stdout.splitlines()",
        imports=SUBPROCESS,
    ),
    MagicCase(
        "%%bash cell",
        "%%bash\necho hi\nls",
        "subprocess.run('echo hi\\nls', shell=True, check=True, executable='/bin/bash')\n\n",
        imports=SUBPROCESS,
    ),
    MagicCase(
        "%%writefile",
        "%%writefile out.txt\nhello\nworld",
        "with open('out.txt', 'w') as _file:\n    _file.write('hello\\nworld\\n')",
        keeps_line_count=False,
    ),
    MagicCase(
        "%%writefile -a",
        "%%writefile -a out.txt\nhello",
        "with open('out.txt', 'a') as _file:\n    _file.write('hello\\n')",
    ),
    MagicCase("%cd", "%cd data", "os.chdir('data')", imports=OS),
    MagicCase("%env A=1", "%env A=1", "os.environ['A'] = '1'", imports=OS),
    MagicCase("%env A 1", "%env A 1", "os.environ['A'] = '1'", imports=OS),
    MagicCase("%env alone only displays", "%env", "", ("info",)),
    MagicCase("?help", "?help", "", ("info",)),
    MagicCase("name?", "len?", "", ("info",)),
    MagicCase("name??", "df.head??", "", ("info",)),
    MagicCase("%load_ext", "%load_ext autoreload", "", ("info",)),
    MagicCase("%autoreload", "%autoreload 2", "", ("info",)),
    MagicCase("unknown cell magic warns", "%%foo\nx = 1", "\n", ("warning",)),
    # plain Python passes through unchanged
    MagicCase("not-equal is not a shell escape", "a != b", "a != b"),
    MagicCase("modulo is not a magic", "x = 5 % 3", "x = 5 % 3"),
    MagicCase("plain code", "import os\nos.listdir('.')", "import os\nos.listdir('.')"),
]


@pytest.mark.parametrize("case", MAGICS, ids=lambda c: c.name)
def test_magic(case: MagicCase) -> None:
    translated = translate(case.before)
    assert translated.code == case.after
    assert tuple(n.level for n in translated.notes) == case.notes
    assert translated.pip_installs == case.pips
    assert translated.imports == case.imports
    ast.parse(translated.code)


@pytest.mark.parametrize("case", [c for c in MAGICS if c.keeps_line_count], ids=lambda c: c.name)
def test_line_count_is_kept(case: MagicCase) -> None:
    assert translate(case.before).code.count("\n") == case.before.count("\n")


@pytest.mark.parametrize("case", [c for c in MAGICS if c.notes], ids=lambda c: c.name)
def test_notes_say_what_happened(case: MagicCase) -> None:
    for note in translate(case.before).notes:
        assert note.message
        assert note.code in ("magic", "unknown-magic")


# ------------------------------------------------------------------- through analysis
def test_notes_and_pip_installs_reach_the_source_facts(tmp_path: Path) -> None:
    cells = (
        Cell(0, "c1", "code", "%matplotlib inline\nimport pandas as pd"),
        Cell(1, "c2", "code", "!pip install a b\nx = 1"),
    )
    source = Source(PurePosixPath("nb.ipynb"), str(tmp_path / "nb.ipynb"), "notebook", cells)
    facts = analyze(source)
    assert facts.pip_installs == ("a", "b")
    notes = [(d.level, d.source, d.cell) for d in facts.diagnostics if d.code == "magic"]
    assert notes == [("info", "nb.ipynb", "c1"), ("info", "nb.ipynb", "c2")]
    # the translated code keeps its lines: `x = 1` is still line 2 of its cell
    assert [(c.code, c.line) for c in facts.chunks if c.cell == 1] == [("x = 1", 2)]
