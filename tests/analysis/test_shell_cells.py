"""Shell lines in notebooks (`!cmd`, `x = !cmd`, `%%bash`, `%%sh`, `%%script`) and `%store`:
the files they read and write are path-passing accesses (``nb2pipe.analysis.python.shell_lines``,
``stored_values``, ``ipython_expand``), and planning makes the call
`run_shell([...], cwd=..., check=...)` with the catalog's paths where the words naming files were
(``nb2pipe.planning.shell_code``, from the "shell" edit analysis hands over).

Each ``ShellCase`` is a notebook at ``nbs/nb.ipynb`` (so its shell lines run in ``nbs``); the last
cell is checked: the files it reads and writes (root-relative), and its rewritten code with the
catalog's argument for a file `nbs/x.csv` named ``<x.csv>`` (``<x.csv:write>`` for a file it writes
itself). Nothing runs: `wget` below never touches the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from nb2pipe.analysis import analyze
from nb2pipe.analysis.python.ipython_expand import expand
from nb2pipe.model import Cell, ChunkFacts, Plan, Source, Target
from nb2pipe.model.symbols import ArgKey, File, FileUse
from nb2pipe.options import Options
from nb2pipe.planning import plan
from nb2pipe.planning.codegen import apply_edits
from nb2pipe.planning.shell_code import line_chunk
from nb2pipe.readers.workspace import snapshot


@dataclass(frozen=True)
class ShellCase:
    name: str
    cells: tuple[str, ...]
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    #: The last cell's code after the rewrite (ruff would format it later).
    code: str
    #: (level, code, line) of the diagnostics of the last cell, in order.
    notes: tuple[tuple[str, str, int], ...] = ()


def run(lines: str, cwd: str = "nbs", extra: str = "check=False") -> str:
    return f"run_shell(\n    [\n{lines}    ],\n    cwd={cwd!r}, {extra},\n)"


CASES = [
    ShellCase(
        "a command's files are the catalog's paths",
        ("!cut -d, -f1 a.csv > b.csv",),
        ("nbs/a.csv",),
        ("nbs/b.csv",),
        run('        f"cut -d, -f1 {shlex.quote(<a.csv>)} > {shlex.quote(<b.csv:write>)}",\n'),
    ),
    ShellCase(
        "x = !cmd keeps the output lines",
        ("lines = !wc -l a.csv",),
        ("nbs/a.csv",),
        (),
        "lines = " + run('        f"wc -l {shlex.quote(<a.csv>)}",\n', extra="check=False, capture=True"),
    ),
    ShellCase(
        "%%bash: one string per line, and a failure stops the run",
        ("%%bash\nsort a.csv > b.csv\nwc -l b.csv",),
        ("nbs/a.csv",),
        ("nbs/b.csv",),
        run(
            '        f"sort {shlex.quote(<a.csv>)} > {shlex.quote(<b.csv:write>)}",\n'
            '        f"wc -l {shlex.quote(<b.csv:write>)}",\n',
            extra="check=True",
        ),
    ),
    ShellCase(
        "%%script bash --no-raise-error goes on after a failure",
        ("%%script bash --no-raise-error\ntouch done.txt",),
        (),
        ("nbs/done.txt",),
        run('        f"touch {shlex.quote(<done.txt:write>)}",\n'),
    ),
    ShellCase(
        "%cd moves where the command runs and its files",
        ("%cd data", "!sort a.csv > b.csv"),
        ("nbs/data/a.csv",),
        ("nbs/data/b.csv",),
        run(
            '        f"sort {shlex.quote(<data/a.csv>)} > {shlex.quote(<data/b.csv:write>)}",\n', cwd="nbs/data"
        ),
    ),
    ShellCase(
        "{NAME} of a string constant is known: its file is a dataset",
        ("D = 'data'", "!sort {D}/a.csv > {D}/b.csv"),
        ("nbs/data/a.csv",),
        ("nbs/data/b.csv",),
        run('        f"sort {shlex.quote(<data/a.csv>)} > {shlex.quote(<data/b.csv:write>)}",\n'),
    ),
    ShellCase(
        "$name of a string constant too (IPython's other spelling)",
        ("out = 'b.csv'", "!sort a.csv > $out"),
        ("nbs/a.csv",),
        ("nbs/b.csv",),
        run('        f"sort {shlex.quote(<a.csv>)} > {shlex.quote(<b.csv:write>)}",\n'),
    ),
    ShellCase(
        "{expr} computed at run time stays an f-string field; the other files are datasets",
        ("n = len([1, 2])", "!head -n {n + 1} a.csv > b.csv"),
        ("nbs/a.csv",),
        ("nbs/b.csv",),
        run('        f"head -n {n + 1} {shlex.quote(<a.csv>)} > {shlex.quote(<b.csv:write>)}",\n'),
    ),
    ShellCase(
        "a file named by a run-time value is no dataset, and is reported",
        ("out = str(1) + '.csv'", "!sort a.csv > {out}"),
        ("nbs/a.csv",),
        (),
        run('        f"sort {shlex.quote(<a.csv>)} > {out}",\n'),
        (("warning", "bash-dynamic-path", 1),),
    ),
    ShellCase(
        "$HOME is the shell's (IPython would use a Python HOME): an info",
        ("!echo $HOME > home.txt",),
        (),
        ("nbs/home.txt",),
        run('        f"echo $HOME > {shlex.quote(<home.txt:write>)}",\n'),
        (("info", "shell-expansion", 1),),
    ),
    ShellCase(
        "$name that is no constant: a warning (IPython would use a Python variable)",
        ("!echo $name > who.txt",),
        (),
        ("nbs/who.txt",),
        run('        f"echo $name > {shlex.quote(<who.txt:write>)}",\n'),
        (("warning", "shell-expansion", 1),),
    ),
    ShellCase(
        "awk's braces are no Python: IPython leaves the line as it is, and so do we",
        ("!awk '{print $1}' a.csv > b.csv",),
        ("nbs/a.csv",),
        ("nbs/b.csv",),
        run("        f\"awk '{{print $1}}' {shlex.quote(<a.csv>)} > {shlex.quote(<b.csv:write>)}\",\n"),
    ),
    ShellCase(
        "a download names no file: what it writes is copied to the catalog's path",
        ("!wget -q https://example.org/x.csv",),
        (),
        ("nbs/x.csv",),
        run(
            '        "wget -q https://example.org/x.csv",\n'
            '        f"cp x.csv {shlex.quote(<x.csv:write>)}",\n'
        ),
    ),
    ShellCase(
        "a command with no files runs as written",
        ("!mkdir -p out",),
        (),
        (),
        run('        "mkdir -p out",\n'),
    ),
    ShellCase(
        "an unknown command that only prints is an info",
        ("%%bash\nnvidia-smi -L\nls data",),
        (),
        (),
        run('        "nvidia-smi -L",\n        "ls data",\n', extra="check=True"),
        (("info", "bash-unknown-command", 3),),
    ),
    ShellCase(
        "%%bash diagnostics are on the cell's lines",
        ("%%bash\necho start\nsort a.csv > $OUT",),
        ("nbs/a.csv",),
        (),
        run(
            '        "echo start",\n        f"sort {shlex.quote(<a.csv>)} > $OUT",\n', extra="check=True"
        ),
        (("warning", "bash-dynamic-path", 3),),
    ),
    ShellCase(
        "%%script with its options before the program; --out is not reproduced",
        ("%%script --out listing bash\ntouch done.txt",),
        (),
        ("nbs/done.txt",),
        run('        f"touch {shlex.quote(<done.txt:write>)}",\n', extra="check=True"),
        (("warning", "shell-line", 1),),
    ),
    ShellCase(
        "%%script python3 runs its body with python3, unseen",
        ("%%python3\nprint(1)",),
        (),
        (),
        run(
            '        "python3 <<\'NB2PIPE_EOF\'",\n        "print(1)",\n        "NB2PIPE_EOF",\n',
            extra="check=True",
        ),
        (("warning", "shell-line", 1),),
    ),
    ShellCase(
        "NUL bytes in a %%bash body are left out, as bash reading its stdin leaves them out",
        ("%%bash\n\x00sort a.csv > b.csv\x00",),
        ("nbs/a.csv",),
        ("nbs/b.csv",),
        run(
            '        f"sort {shlex.quote(<a.csv>)} > {shlex.quote(<b.csv:write>)}",\n',
            extra="check=True",
        ),
        (("warning", "shell-line", 1),),
    ),
    ShellCase(
        "a shell line inside a top-level loop is rewritten too",
        ("for f in ['a']:\n    !touch {f}.done",),
        (),
        (),
        "for f in ['a']:\n    " + run('        f"touch {f}.done",\n'),
        (("warning", "bash-dynamic-path", 2),),
    ),
]


def source(root: Path, *cells: str) -> Source:
    made = tuple(Cell(i, str(i + 1), "code", text) for i, text in enumerate(cells))
    return Source(PurePosixPath("nbs/nb.ipynb"), str(root / "nbs" / "nb.ipynb"), "notebook", made)


def argument_names(chunk: ChunkFacts) -> dict[ArgKey, str]:
    names: dict[ArgKey, str] = {}
    for access in chunk.files:
        short = access.path.removeprefix("nbs/")
        names[File(access.path)] = f"<{short}>"
        names[FileUse(File(access.path), "write")] = f"<{short}:write>"
    return names


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_shell_line(case: ShellCase, tmp_path: Path) -> None:
    facts = analyze(source(tmp_path, *case.cells))
    chunks = [c for c in facts.chunks if c.cell == len(case.cells) - 1]
    (chunk,) = chunks
    assert tuple(f.path for f in chunk.files if f.mode == "read") == case.reads
    assert tuple(f.path for f in chunk.files if f.mode == "write") == case.writes
    assert all(f.io == "path" for f in chunk.files)
    assert {File(p) for p in case.writes} <= chunk.defines
    assert {File(p) for p in case.reads} <= chunk.uses
    assert [e.kind for e in chunk.edits] == ["shell"]  # no code text: planning makes it
    coded = line_chunk(chunk)
    assert "run_shell" in coded.uses
    assert apply_edits(coded.code, coded.edits, argument_names(coded)) == case.code
    notes = tuple((d.level, d.code, d.line) for d in chunk.diagnostics)
    assert notes == case.notes
    assert all(
        d.source == "nbs/nb.ipynb" and d.cell == str(len(case.cells)) for d in chunk.diagnostics
    )


def test_interpolated_names_are_read_by_the_chunk(tmp_path: Path) -> None:
    facts = analyze(source(tmp_path, "n = len([1])", "!head -n {n} a.csv > b.csv"))
    assert "n" in facts.chunks[-1].uses


def test_shell_lines_import_shlex(tmp_path: Path) -> None:
    facts = analyze(source(tmp_path, "!sort a.csv > b.csv"))
    assert "import shlex" in facts.imports


def test_a_users_own_quote_keeps_its_meaning(tmp_path: Path) -> None:
    """Generated shell lines say `shlex.quote`: the notebook's `quote` (urllib) stays its own."""
    the_plan = planned(tmp_path, nb=("from urllib.parse import quote", "!sort a.csv > b.csv",
                                     "url = quote('a b')\nprint(url)"))
    (pipeline,) = the_plan.pipelines
    code = "\n".join(s.code for s in pipeline.steps)
    assert "{shlex.quote(" in code and "quote('a b')" in code
    imports = [i for i, _ in pipeline.imports]
    assert "from urllib.parse import quote" in imports and "from shlex import quote" not in imports


# ------------------------------------------------------------------------------ %store
def test_store_writes_one_dataset_per_name_and_restore_reads_it(tmp_path: Path) -> None:
    facts = analyze(source(tmp_path, "x = [1]", "%store x", "%store -r x\ny = x + [2]"))
    stored, restored = facts.chunks[1], facts.chunks[2]
    assert [(f.path, f.mode, f.io) for f in stored.files] == [
        ("ipython_store/x.store", "write", "%store")
    ]
    assert "x" in stored.uses and File("ipython_store/x.store") in stored.defines
    names = {File("ipython_store/x.store"): "x_store"}
    assert apply_edits(stored.code, stored.edits, names) == "x_store = x"
    assert [(f.path, f.mode, f.io) for f in restored.files] == [
        ("ipython_store/x.store", "read", "%store -r")
    ]
    assert apply_edits(restored.code, restored.edits, names) == "x = x_store"


# ----------------------------------------------------------------------- IPython expansion
@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("ls {d}", ["ls ", ("d", None), ""]),
        ("ls {D}/x", ["ls ", ("D", "data"), "/x"]),
        ("ls $D/x", ["ls ", ("D", "data"), "/x"]),
        ("echo $$D {{x}}", ["echo $D {x}"]),
        ("echo {n!r} {1}", ["echo ", ("n!r", None), " ", ("1", "1"), ""]),
        ("echo '$D'", ["echo '$D'"]),  # IPython leaves $ inside single quotes alone
    ],
)
def test_ipython_expansion(text: str, parts: list) -> None:  # type: ignore[type-arg]
    expanded = expand(text, {"D": "data"})
    assert not expanded.unexpanded
    assert [p if isinstance(p, str) else (p.expression, p.value) for p in expanded.parts] == parts


@pytest.mark.parametrize("text", ["awk '{print $1}'", "echo {", "echo $HOME {d}"])
def test_lines_ipython_leaves_unexpanded(text: str) -> None:
    expanded = expand(text, {})
    assert expanded.unexpanded and expanded.parts == (text,)


# ------------------------------------------------------------------- wired by the planner
def planned(root: Path, **notebooks: tuple[str, ...]) -> Plan:
    facts = []
    for name, cells in notebooks.items():
        made = tuple(Cell(i, str(i + 1), "code", text) for i, text in enumerate(cells))
        path = PurePosixPath(f"{name}.ipynb")
        facts.append(analyze(Source(path, str(root / path), "notebook", made)))
    return plan(tuple(facts), Options(), Target(root / "project", "new"), root, snapshot(root, facts))


def wiring(the_plan: Plan, pipeline: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    steps = next(p for p in the_plan.pipelines if p.name == pipeline).steps
    return [(s.inputs, s.outputs) for s in steps if "report" not in s.tags]


def test_python_then_shell_then_python_are_wired_through_the_files(tmp_path: Path) -> None:
    the_plan = planned(
        tmp_path,
        nb=(
            "import pandas as pd\ndf = pd.DataFrame({'a': [1], 'b': [2]})\n"
            "df.to_csv('a.csv', index=False)",
            "!cut -d, -f1 a.csv > b.csv",
            "b = pd.read_csv('b.csv')",
        ),
    )
    assert wiring(the_plan, "nb") == [
        ((), ("df", "a_csv@pandas")),
        (("a_csv@path", "b_csv_path"), ("b_csv@path",)),
        (("b_csv@pandas",), ("b",)),
    ]
    catalog = {e.name: (e.type, e.filepath) for e in the_plan.catalog}
    assert catalog["a_csv@pandas"][1] == catalog["a_csv@path"][1] == "data/02_intermediate/a.csv"
    assert catalog["b_csv@path"][1] == catalog["b_csv_path"][1] == "data/02_intermediate/b.csv"
    assert catalog["b_csv_path"][0] == "project.datasets.FilePathDataset"


def test_store_and_restore_connect_two_notebooks(tmp_path: Path) -> None:
    the_plan = planned(
        tmp_path,
        a_reader=("%store -r x\ny = x + [2]",),
        z_writer=("x = [1]", "%store x"),
    )
    assert [p.name for p in the_plan.pipelines] == ["z_writer", "a_reader"]
    pipelines = {p.name: p for p in the_plan.pipelines}
    assert pipelines["z_writer"].shared_outputs == ("x_store",)
    assert pipelines["a_reader"].shared_inputs == ("x_store",)
    (entry,) = [e for e in the_plan.catalog if e.name == "x_store"]
    assert (entry.type, entry.filepath) == (
        "pickle.PickleDataset",
        "data/02_intermediate/ipython_store/x.store",
    )


# ------------------------------------------------------- the other magics, through planning
def test_env_is_replayed_before_a_later_shell_line(tmp_path: Path) -> None:
    the_plan = planned(tmp_path, nb=("%env MODE=fast", "!echo $MODE > mode.txt"))
    (step, _report) = next(p for p in the_plan.pipelines if p.name == "nb").steps
    body = step.code.split('"""')[-1] if '"""' in step.code else step.code
    assert body.index("os.environ['MODE'] = 'fast'") < body.index("run_shell(")


def test_pip_install_feeds_the_requirements(tmp_path: Path) -> None:
    the_plan = planned(tmp_path, nb=("!pip install -q tabulate==0.9.0", "%pip install -r req.txt"))
    assert the_plan.pip_installs == ("tabulate==0.9.0",)


def test_writefile_is_a_file_the_next_cells_read_through_the_catalog(tmp_path: Path) -> None:
    the_plan = planned(tmp_path, nb=(
        "%%writefile cfg.txt\nalpha\nbeta",
        "with open('cfg.txt') as f:\n    names = f.read().split()",
    ))
    assert wiring(the_plan, "nb") == [(("cfg_txt_path",), ("cfg_txt",)), (("cfg_txt",), ("names",))]
