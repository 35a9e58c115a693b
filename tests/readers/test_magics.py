"""IPython syntax → plain Python (``nb2pipe.readers.ipython.translate``), as before/after pairs.

Each ``MagicCase`` pins the translated code exactly, the levels of the notes the translation
emits (``"info"`` for something dropped on purpose, ``"warning"`` for something nb2pipe does
not understand or cannot reproduce), the packages collected from ``pip install`` and the imports
the translation relies on. A translation keeps the cell's line count, so line numbers in
diagnostics still match the notebook. Shell lines and ``%store`` become the calls IPython itself
makes for them; analysis rewrites those (tests/analysis/test_shell_cells.py).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from nb2pipe.analysis import analyze
from nb2pipe.model import Cell, Source
from nb2pipe.readers.ipython import translate


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
QUOTE = ("import shlex",)
CAPTURE = ("from IPython.utils.capture import capture_output",)

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
    # %%capture: without a name the output just goes; with one, `out` is IPython's CapturedIO
    MagicCase("%%capture without a name runs its body", "%%capture\nx = 1", "\nx = 1"),
    MagicCase(
        "%%capture out keeps the captured output",
        "%%capture out\nprint(1)\nx = 2",
        "with capture_output() as out:\n    print(1)\n    x = 2",
        imports=CAPTURE,
    ),
    MagicCase(
        "%%capture options become capture_output arguments",
        "%%capture --no-stderr out\nprint(1)",
        "with capture_output(stderr=False) as out:\n    print(1)",
        imports=CAPTURE,
    ),
    MagicCase(
        "%%capture leaves a multi-line string's text alone",
        '%%capture out\ns = """a\nb"""',
        'with capture_output() as out:\n    s = """a\nb"""',
        imports=CAPTURE,
    ),
    MagicCase(
        "%%capture translates the magics of its body",
        "%%capture out\n!ls",
        "with capture_output() as out:\n    get_ipython().system('ls')",
        imports=CAPTURE + QUOTE,
    ),
    MagicCase("!pip install", "!pip install a b", "", ("info",), pips=("a", "b")),
    MagicCase(
        "!pip install with options and pins",
        "!pip install -q a==1.0 b",
        "",
        ("info",),
        pips=("a==1.0", "b"),
    ),
    MagicCase(
        "!pip install: option values are not packages; a requirements file is kept to be read",
        "!pip install -r requirements.txt -i https://mirror/simple a -e . --upgrade b",
        "",
        ("info",),
        pips=("-r requirements.txt", "a", "b"),
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
    # shell lines: IPython's own calls, which analysis rewrites (analysis/python/shell_lines.py)
    MagicCase("!ls", "!ls", "get_ipython().system('ls')", imports=QUOTE),
    MagicCase(
        "!cmd inside a block",
        "if x:\n    !ls",
        "if x:\n    get_ipython().system('ls')",
        imports=QUOTE,
    ),
    MagicCase(
        "!cmd inside a function runs as a subprocess, unchecked",
        "def f(d):\n    for x in d:\n        !ls {x}",
        "def f(d):\n    for x in d:\n        subprocess.run(f'ls {x}', shell=True)",
        ("warning",),
        imports=SUBPROCESS,
    ),
    MagicCase(
        "x = !ls keeps the output lines",
        "x = !ls",
        "x = get_ipython().getoutput('ls')",
        imports=QUOTE,
    ),
    MagicCase(
        "x = !cmd {var} keeps the text for analysis to expand",
        "x = !ls {d}",
        "x = get_ipython().getoutput('ls {d}')",
        imports=QUOTE,
    ),
    MagicCase("x = %sx cmd", "x = %sx ls", "x = get_ipython().getoutput('ls')", imports=QUOTE),
    MagicCase("%system cmd", "%system ls", "get_ipython().system('ls')", imports=QUOTE),
    MagicCase(
        "%%bash cell",
        "%%bash\necho hi\nls",
        "get_ipython().run_cell_magic('bash', '', 'echo hi\\nls\\n')\n\n",
        imports=QUOTE,
    ),
    MagicCase(
        "%%sh cell",
        "%%sh\nls",
        "get_ipython().run_cell_magic('sh', '', 'ls\\n')\n",
        imports=QUOTE,
    ),
    MagicCase(
        "%%script bash cell",
        "%%script bash --no-raise-error\nls",
        "get_ipython().run_cell_magic('script', 'bash --no-raise-error', 'ls\\n')\n",
        imports=QUOTE,
    ),
    MagicCase(
        "%%python3 cell",
        "%%python3\nprint(1)",
        "get_ipython().run_cell_magic('python3', '', 'print(1)\\n')\n",
        imports=QUOTE,
    ),
    MagicCase(
        "%%writefile",
        "%%writefile out.txt\nhello\nworld",
        "with open('out.txt', 'w', encoding='utf-8') as _file: _file.write('hello\\nworld\\n')\n\n",
    ),
    MagicCase(
        "%%writefile -a",
        "%%writefile -a out.txt\nhello",
        "with open('out.txt', 'a', encoding='utf-8') as _file: _file.write('hello\\n')\n",
    ),
    MagicCase(
        "%%writefile does not add a second final newline",
        "%%writefile out.txt\nhello\n",
        "with open('out.txt', 'w', encoding='utf-8') as _file: _file.write('hello\\n')\n\n",
    ),
    MagicCase(
        "%%writefile with a quoted path and {var}",
        "%%writefile '{folder}/out.txt'\nhi",
        "with open(f'{folder}/out.txt', 'w', encoding='utf-8') as _file: _file.write('hi\\n')\n",
    ),
    MagicCase("%%writefile without a path", "%%writefile\nhi", "\n", ("warning",)),
    MagicCase("%cd", "%cd data", "os.chdir('data')", imports=OS),
    MagicCase("%cd -q", "%cd -q ../data", "os.chdir('../data')", imports=OS),
    MagicCase("%cd - goes back: unknown", "%cd -", "pass", ("warning",)),
    MagicCase("%env A=1", "%env A=1", "os.environ['A'] = '1'", imports=OS),
    MagicCase("%env A 1", "%env A 1", "os.environ['A'] = '1'", imports=OS),
    MagicCase("%env alone only displays", "%env", "", ("info",)),
    MagicCase("%env A only displays", "%env A", "", ("info",)),
    # %store: IPython's call, a dataset per name (analysis/python/stored_values.py)
    MagicCase("%store x", "%store x", "get_ipython().run_line_magic('store', 'x')"),
    MagicCase(
        "%store x y",
        "%store x y",
        "get_ipython().run_line_magic('store', 'x'); get_ipython().run_line_magic('store', 'y')",
    ),
    MagicCase(
        "%store -r x y assigns the names",
        "%store -r x y",
        "x = get_ipython().run_line_magic('store', '-r x'); "
        "y = get_ipython().run_line_magic('store', '-r y')",
    ),
    MagicCase(
        "%store x >file writes it",
        "%store x >out.txt",
        "with open('out.txt', 'w', encoding='utf-8') as _store_file: _store_file.write((x if "
        "x.endswith('\\n') else x + '\\n') if isinstance(x, str) else pprint.pformat(x) + '\\n')",
        imports=("import pprint",),
    ),
    MagicCase("%store alone only lists", "%store", "", ("info",)),
    MagicCase("%store -r alone restores unknown names", "%store -r", "", ("warning",)),
    MagicCase("%store -z forgets everything", "%store -z", "", ("warning",)),
    MagicCase("%store -d x forgets x", "%store -d x", "", ("warning",)),
    # %run the reader could not inline (readers/run_magic.py)
    MagicCase("%run of a computed path", "%run {path}", "", ("warning",)),
    MagicCase("?help", "?help", "", ("info",)),
    MagicCase("name?", "len?", "", ("info",)),
    MagicCase("name??", "df.head??", "", ("info",)),
    MagicCase("%load_ext", "%load_ext autoreload", "", ("info",)),
    MagicCase("%autoreload", "%autoreload 2", "", ("info",)),
    MagicCase("unknown cell magic warns", "%%foo\nx = 1", "\n", ("warning",)),
    # IPython's automagic: a one-line cell that is no Python and starts with a line magic's name
    MagicCase("automagic pip", "pip install pandas", "", ("info",), ("pandas",)),
    MagicCase("automagic of a magic nb2pipe drops", "conda env export", "", ("warning",)),
    MagicCase("automagic cd", "cd data", "os.chdir('data')", imports=OS),
    MagicCase("a one-line cell that is Python stays Python", "ls -la", "ls -la"),
    MagicCase("an assignment to a magic's name is Python", "pip = 3", "pip = 3"),
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


def test_automagic_is_for_one_line_cells_only() -> None:
    """IPython applies automagic to one-line cells: in a longer cell the line is an error."""
    assert translate("x = 1\nconda env export").code == "x = 1\nconda env export"


def test_a_notebook_with_an_automagic_cell_converts(tmp_path: Path) -> None:
    """`conda env export` alone in a cell (a Quantyca/demo notebook) was a syntax error."""
    import nbformat  # noqa: PLC0415

    from nb2pipe import api  # noqa: PLC0415
    from nb2pipe.options import Options  # noqa: PLC0415

    nb = nbformat.v4.new_notebook()
    cells = ["conda env export", "pip install pandas", "import pandas as pd\nx = pd.Series([1])"]
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, tmp_path / "nb.ipynb")
    generated = api.generate([tmp_path / "nb.ipynb"], tmp_path / "out", Options())
    assert not [d for d in generated.diagnostics if d.level == "error"]
    assert generated.plan.pipelines


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


BLOCKS_EMPTIED = [
    "try:\n    import nothing_here\nexcept ImportError:\n    !pip install nothing_here",
    "if True:\n    %matplotlib inline",
    "for i in range(2):\n    %unknown_magic x",
    "while False:\n    ls?",
    "with open('f') as f:\n    %store",
    "def f():\n    !pip install a\nclass C:\n    %load_ext autoreload",
]


@pytest.mark.parametrize("code", BLOCKS_EMPTIED)
def test_a_block_emptied_by_a_dropped_line_stays_valid(code: str) -> None:
    """#9: `except ImportError: !pip install x` left `except` without a body (syntax error)."""
    translated = translate(code).code
    ast.parse(translated)  # raises on an empty block
    assert translated.count("pass") == code.count("\n    ") - code.count("\n    import")
