"""File reads and writes found by the KNOWN_IO table, and the rewrites (`edits`) they call for.

``IOCase``: the ``FileAccess`` records of the last cell, compared as exact
``(path, mode, io, args)`` tuples in the order the code performs them; ``path`` is posix and
relative to the conversion root (the tmp dir), and the notebook sits at ``notebook`` under it.
``io`` is the KNOWN_IO key for typed functions ("pandas.read_csv"), ``".<method>"`` for typed
write methods (".to_csv"), and "path" when the code keeps doing its own I/O and only receives
the path (path-passing). The file's pseudo-symbol (``file:<path>``) must be a use of the cell for
reads and a definition for writes (both for appends).

``EditCase``: ``apply_edits(chunk.code, chunk.edits, names)`` on the single chunk of the last
cell turns ``before`` (the cell) into ``after`` (exact strings).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pytest

from nb2pipe.analysis import analyze
from nb2pipe.model import Cell, ChunkFacts, Source
from nb2pipe.planning.codegen import apply_edits
from nb2pipe.model.symbols import File, Param

from .support import last_cell_chunks

PANDAS = "import pandas as pd"
NUMPY = "import numpy as np"
OS = "import os"
PATHLIB = "from pathlib import Path"
PLT = "import matplotlib.pyplot as plt"

Access = tuple[str, str, str, tuple]  # (path, mode, io, args)


@dataclass(frozen=True)
class IOCase:
    name: str
    code: str
    files: tuple[Access, ...]
    setup: tuple[str, ...] = ()
    notebook: str = "nb.ipynb"


def read(path: str, io: str = "path", args: tuple = ()) -> Access:
    return (path, "read", io, args)


def write(path: str, io: str = "path", args: tuple = ()) -> Access:
    return (path, "write", io, args)


IO_CASES = [
    # typed reads: the catalog loads the file; literal keyword arguments become load_args
    IOCase(
        "read_csv with literal kwargs",
        'df = pd.read_csv("data/a.csv", sep=";", nrows=10)',
        (read("data/a.csv", "pandas.read_csv", (("sep", ";"), ("nrows", 10))),),
        (PANDAS,),
    ),
    IOCase(
        "read_table's tab default is not added when `delimiter` (its alias) is given",
        'df = pd.read_table("a.csv", delimiter=",")',
        (read("a.csv", "pandas.read_table", (("delimiter", ","),)),),
        (PANDAS,),
    ),
    IOCase(
        "read_table without a separator reads tabs",
        'df = pd.read_table("a.tsv")',
        (read("a.tsv", "pandas.read_table", (("sep", "\t"),)),),
        (PANDAS,),
    ),
    IOCase(
        "read_csv path by keyword",
        'df = pd.read_csv(filepath_or_buffer="k.csv")',
        (read("k.csv", "pandas.read_csv"),),
        (PANDAS,),
    ),
    IOCase(
        "read_csv with a non-literal kwarg is path-passing",
        'df = pd.read_csv("a.csv", dtype=types)',
        (read("a.csv"),),
        (PANDAS,),
    ),
    IOCase("np.load", 'arr = np.load("arr.npy")', (read("arr.npy", "numpy.load"),), (NUMPY,)),
    # typed writes: a whole statement, the value written becomes an output
    IOCase(
        "to_csv index=False",
        'df.to_csv("out/b.csv", index=False)',
        (write("out/b.csv", ".to_csv", (("index", False),)),),
        (PANDAS,),
    ),
    IOCase(
        "to_csv gets pandas' index=True default",
        'df.to_csv("out/b.csv")',
        (write("out/b.csv", ".to_csv", (("index", True),)),),
        (PANDAS,),
    ),
    IOCase(
        "to_excel gets pandas' index=True default",
        'df.to_excel("a.xlsx")',
        (write("a.xlsx", ".to_excel", (("index", True),)),),
        (PANDAS,),
    ),
    IOCase(
        "to_parquet has no default to add",
        'df.to_parquet("a.parquet")',
        (write("a.parquet", ".to_parquet"),),
        (PANDAS,),
    ),
    IOCase(
        "to_csv inside an expression is path-passing",
        'out = df.to_csv("a.csv")',
        (write("a.csv"),),
        (PANDAS,),
    ),
    IOCase("np.save adds .npy", 'np.save("x", a)', (write("x.npy", "numpy.save"),), (NUMPY,)),
    IOCase("np.save keeps .npy", 'np.save("x.npy", a)', (write("x.npy", "numpy.save"),), (NUMPY,)),
    IOCase(
        "joblib.dump",
        'joblib.dump(model, "model.pkl")',
        (write("model.pkl", "joblib.dump"),),
        ("import joblib",),
    ),
    # path-passing: the code does its own I/O
    IOCase(
        "with open(p, 'w') through a constant",
        'with open(p, "w") as fh:\n    fh.write("x")',
        (write("notes.txt"),),
        ('p = "notes.txt"',),
    ),
    IOCase(
        "open for append", 'open("log.txt", "a").write("x")', (("log.txt", "append", "path", ()),)
    ),
    IOCase(
        "json.load(open(p))",
        'cfg = json.load(open("cfg.json"))',
        (read("cfg.json"),),
        ("import json",),
    ),
    IOCase("Path.read_text", 's = Path("notes.txt").read_text()', (read("notes.txt"),), (PATHLIB,)),
    IOCase("Path.write_text", 'Path("out.txt").write_text(s)', (write("out.txt"),), (PATHLIB,)),
    IOCase("plt.savefig", 'plt.savefig("fig.png")', (write("fig.png"),), (PLT,)),
    IOCase(
        "fig.savefig",
        'fig.savefig("fig.png")',
        (write("fig.png"),),
        (PLT, "fig, ax = plt.subplots()"),
    ),
    IOCase("%%writefile", "%%writefile out.txt\nhello", (write("out.txt"),)),
    # static path expressions
    IOCase(
        "os.path.join of a constant",
        'df = pd.read_csv(os.path.join(DATA, "a.csv"))',
        (read("data/a.csv", "pandas.read_csv"),),
        (OS, PANDAS, 'DATA = "data"'),
    ),
    IOCase(
        "f-string of a constant",
        'df = pd.read_csv(f"{DATA}/a.csv")',
        (read("data/a.csv", "pandas.read_csv"),),
        (PANDAS, 'DATA = "data"'),
    ),
    IOCase(
        "Path(...) / 'x'",
        'df = pd.read_csv(Path("data") / "x.csv")',
        (read("data/x.csv", "pandas.read_csv"),),
        (PANDAS, PATHLIB),
    ),
    IOCase(
        "Path constant / 'x'",
        'df = pd.read_csv(D / "x.csv")',
        (read("data/x.csv", "pandas.read_csv"),),
        (PANDAS, PATHLIB, 'D = Path("data")'),
    ),
    IOCase(
        "string concatenation",
        'df = pd.read_csv(DATA + "/a.csv")',
        (read("data/a.csv", "pandas.read_csv"),),
        (PANDAS, 'DATA = "data"'),
    ),
    # where relative paths resolve
    IOCase(
        "os.chdir moves later relative paths",
        'df = pd.read_csv("a.csv")',
        (read("sub/a.csv", "pandas.read_csv"),),
        (OS, PANDAS, 'os.chdir("sub")'),
    ),
    IOCase(
        "%cd moves later relative paths",
        'df = pd.read_csv("a.csv")',
        (read("sub/a.csv", "pandas.read_csv"),),
        (PANDAS, "%cd sub"),
    ),
    IOCase(
        "os.chdir('..') from a subfolder",
        'df = pd.read_csv("z.csv")',
        (read("z.csv", "pandas.read_csv"),),
        (OS, PANDAS, 'os.chdir("..")'),
        "nbs/nb.ipynb",
    ),
    IOCase(
        "relative to the notebook's folder",
        'df = pd.read_csv("a.csv")',
        (read("nbs/a.csv", "pandas.read_csv"),),
        (PANDAS,),
        "nbs/nb.ipynb",
    ),
    IOCase(
        "parent of the notebook's folder",
        'df = pd.read_csv("../data/a.csv")',
        (read("data/a.csv", "pandas.read_csv"),),
        (PANDAS,),
        "nbs/nb.ipynb",
    ),
    IOCase(
        "absolute path outside the root stays absolute",
        'df = pd.read_csv("/abs/a.csv")',
        (read("/abs/a.csv", "pandas.read_csv"),),
        (PANDAS,),
    ),
    IOCase(
        "URL kept as is",
        'df = pd.read_csv("https://example.com/a.csv")',
        (read("https://example.com/a.csv", "pandas.read_csv"),),
        (PANDAS,),
    ),
]


def source_at(root: Path, notebook: str, *cells: str) -> Source:
    return Source(
        path=PurePosixPath(notebook),
        abspath=str(root / notebook),
        kind="notebook",
        cells=tuple(Cell(i, str(i + 1), "code", code) for i, code in enumerate(cells)),
    )


def last_chunks(root: Path, notebook: str, *cells: str) -> list[ChunkFacts]:
    facts = analyze(source_at(root, notebook, *cells))
    return [c for c in facts.chunks if c.cell == len(cells) - 1]


@pytest.mark.parametrize("case", IO_CASES, ids=lambda c: c.name)
def test_file_access(case: IOCase, tmp_path: Path) -> None:
    chunks = last_chunks(tmp_path, case.notebook, *case.setup, case.code)
    found = tuple((f.path, f.mode, f.io, f.args) for c in chunks for f in c.files)
    assert found == case.files
    uses = set().union(*(c.uses for c in chunks))
    defines = set().union(*(c.defines for c in chunks))
    for path, mode, _, _ in case.files:
        if mode in ("read", "append"):
            assert File(path) in uses
        if mode in ("write", "append"):
            assert File(path) in defines
    assert not [d for c in chunks for d in c.diagnostics if d.code == "dynamic-path"]


# ---------------------------------------------------------------------- dynamic paths
DYNAMIC = [
    ("for name in names:\n    pd.read_csv(name)", 2),
    ("with open(p) as fh:\n    pass", 1),
    ("df.to_csv(out_path)", 1),
]


@pytest.mark.parametrize(("code", "line"), DYNAMIC, ids=[c for c, _ in DYNAMIC])
def test_dynamic_path_warns_and_records_no_file(code: str, line: int, tmp_path: Path) -> None:
    chunks = last_chunks(tmp_path, "nb.ipynb", PANDAS, code)
    assert [f for c in chunks for f in c.files] == []
    assert not any(isinstance(s, File) for c in chunks for s in c.uses | c.defines)
    warnings = [d for c in chunks for d in c.diagnostics if d.code == "dynamic-path"]
    assert len(warnings) == 1
    assert warnings[0].level == "warning"
    assert (warnings[0].source, warnings[0].cell, warnings[0].line) == ("nb.ipynb", "2", line)


def test_a_loop_over_literal_paths_reads_each_through_the_catalog(tmp_path: Path) -> None:
    """`for name in ["a.csv", "b.csv"]`: each literal is a file; the literals become the paths."""
    code = 'for name in ["a.csv", "b.csv"]:\n    frames.append(pd.read_csv(name))'
    chunks = last_chunks(tmp_path, "nb.ipynb", PANDAS, code)
    files = [f for c in chunks for f in c.files]
    assert [(f.path, f.mode, f.io) for f in files] == [("a.csv", "read", "path"), ("b.csv", "read", "path")]
    names = {File("a.csv"): "a_csv", File("b.csv"): "b_csv"}
    rewritten = apply_edits(chunks[-1].code, chunks[-1].edits, names)
    assert rewritten == "for name in [a_csv, b_csv]:\n    frames.append(pd.read_csv(name))"


# ------------------------------------------------------------------------------- edits
@dataclass(frozen=True)
class EditCase:
    name: str
    before: str
    names: dict[str, str]
    after: str
    setup: tuple[str, ...] = field(default=())


EDIT_CASES = [
    EditCase(
        "typed read becomes its argument",
        'df = pd.read_csv("data/a.csv", sep=";")',
        {File("data/a.csv"): "raw"},
        "df = raw",
        (PANDAS,),
    ),
    EditCase(
        "typed write becomes an assignment; comments kept",
        '# save it\ndf.to_csv("out/b.csv", index=False)  # trailing',
        {File("out/b.csv"): "out_b"},
        "# save it\nout_b = df  # trailing",
        (PANDAS,),
    ),
    EditCase(
        "np.save writes its second argument",
        'np.save("x", arr * 2)',
        {File("x.npy"): "x_npy"},
        "x_npy = arr * 2",
        (NUMPY,),
    ),
    EditCase(
        "path-passing write keeps the code's own I/O",
        'with open(p, "w") as fh:\n    fh.write("x")',
        {File("notes.txt"): "notes_path"},
        'with open(notes_path, "w") as fh:\n    fh.write("x")',
        ('p = "notes.txt"',),
    ),
    EditCase(
        "json.load(open(p))",
        'cfg = json.load(open("cfg.json"))',
        {File("cfg.json"): "cfg_path"},
        "cfg = json.load(open(cfg_path))",
        ("import json",),
    ),
    EditCase(
        "hyper-parameters become arguments",
        "a, b = train_test_split(X, test_size=0.2, random_state=42)",
        {Param("test_size", "0.2"): "test_size", Param("random_state", "42"): "seed"},
        "a, b = train_test_split(X, test_size=test_size, random_state=seed)",
        ("from sklearn.model_selection import train_test_split",),
    ),
    EditCase(
        "seed becomes an argument",
        "np.random.seed(42)",
        {Param("seed", "42"): "seed"},
        "np.random.seed(seed)",
        (NUMPY,),
    ),
    EditCase(
        "non-ASCII text before the span",
        'df = pd.read_csv("données/é.csv", sep="é")',
        {File("données/é.csv"): "raw"},
        "df = raw",
        (PANDAS,),
    ),
    EditCase(
        "statements sharing a line",
        'x = 1; df = pd.read_csv("a.csv")',
        {File("a.csv"): "raw"},
        "x = 1; df = raw",
        (PANDAS,),
    ),
    EditCase(
        "call of a notebook function gets its globals",
        "y = f(2)",
        {},
        "y = f(2, k=k)",
        ("def f(x):\n    return x * k",),
    ),
    EditCase(
        "call without arguments gets its globals",
        "y = f()",
        {},
        "y = f(k=k)",
        ("def f(x=1):\n    return x * k",),
    ),
    EditCase(
        "several globals, sorted",
        "y = f(2)",
        {},
        "y = f(2, a=a, k=k)",
        ("def f(x):\n    return x * k + a",),
    ),
    EditCase("nothing to rewrite", "y = x + 1", {}, "y = x + 1"),
]


@pytest.mark.parametrize("case", EDIT_CASES, ids=lambda c: c.name)
def test_edits(case: EditCase, tmp_path: Path) -> None:
    chunks = last_cell_chunks(tmp_path, *case.setup, case.before)
    assert len(chunks) == 1
    chunk = chunks[0]
    assert chunk.code == case.before
    after = apply_edits(chunk.code, chunk.edits, case.names)
    assert after == case.after
    ast.parse(after)


@pytest.mark.parametrize(
    "assign",
    [
        'src, dst = "in.csv", "out.csv"',
        '(src, dst) = ["in.csv", "out.csv"]',
        'dst, src = "out.csv", "in.csv"',
    ],
)
def test_paths_unpacked_together_are_known_like_separate_assignments(
    assign: str, tmp_path: Path
) -> None:
    chunks = last_cell_chunks(tmp_path, PANDAS, assign, "pd.read_csv(src).to_csv(dst)")
    files = {(a.path, a.mode) for c in chunks for a in c.files}
    assert files == {("in.csv", "read"), ("out.csv", "write")}
