"""Loops over parameter lists and raw folders (issue #13 point 5): a loop writing one file per
item stays one partitioned step whatever its list (literal, `$(cat list)`, a glob), papermill's
executed copy is an item, the list's own file and the notebook are inputs, a glob over a folder
no step writes is a raw folder listed through the catalog (also spelled `"$D"/*.csv`), and a
node running papermill needs it installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.analysis.shell.chunks import NodeStep, datasets, node_chunk
from nb2pipe.analysis.shell.loop_items import items_text, listed_tail
from nb2pipe.analysis.shell.loop_values import listed_folders
from nb2pipe.analysis.shell.python_calls import argparse_spec
from nb2pipe.analysis.shell.runners import runner_requirements
from nb2pipe.analysis.shell.steps import script_facts
from nb2pipe.api import generate
from nb2pipe.model import PathWord
from nb2pipe.model.shell import ShellStep
from nb2pipe.model.symbols import File
from nb2pipe.options import Options
from nb2pipe.planning.shell_code import step_chunk

PAPERMILL = 'papermill train.ipynb "runs/train_$a.ipynb" -p alpha "$a"'


def steps(text: str) -> tuple[ShellStep, ...]:
    return script_facts(text, "run.sh", "/root").steps


@pytest.mark.parametrize(
    "values", ["0.1 0.5 1.0", "$(cat alphas.txt)", "$(seq 1 3)", "${ALPHAS}"], ids=repr
)
def test_a_papermill_loop_is_one_partitioned_step(values: str) -> None:
    script = steps(f"ALPHAS='1 2'\nfor a in {values}; do\n  {PAPERMILL}\ndone")
    assert len(script) == 2, "not unrolled"
    loop = script[1]
    assert loop.items is not None
    assert (loop.items.folder, loop.items.word) == ("runs", '"runs/train_$a.ipynb"')
    assert not loop.items.not_resumable
    assert "train.ipynb" in loop.reads, "the notebook is copied from the catalog while it runs"
    assert ("alphas.txt" in loop.reads) == ("cat" in values), "the list's file is an input"


def test_a_literal_list_without_items_is_still_unrolled() -> None:
    script = steps('for x in a b; do sort "in/$x" > "sorted_$x"; done')
    assert [s.writes for s in script] == [("sorted_a",), ("sorted_b",)]
    script = steps('for x in a b; do sort "in/$x" > "out/$x"; done')
    assert len(script) == 1 and script[0].items is not None and script[0].items.folder == "out"


@pytest.mark.parametrize(
    "text",
    [
        'for f in data/raw/*.csv; do sort "$f" > "out/$(basename "$f")"; done',
        'D=data/raw\nfor f in "$D"/*.csv; do sort "$f" > "out/$(basename "$f")"; done',
        'D=data/raw\nfor f in ${D}/*.csv; do sort "$f" > "out/$(basename "$f")"; done',
    ],
)
def test_a_glob_over_a_folder_no_step_writes_lists_it_through_the_catalog(text: str) -> None:
    loop = steps(text)[-1]
    assert "data/raw/*.csv" in loop.reads
    assert listed_folders(loop.reads, ()) == ["data/raw"]
    node = NodeStep(loop)
    reads, writes = datasets(node)
    assert "data/raw" in reads and writes == ["out"]
    text_, placed = items_text(loop, {"data/raw": "read", "out": "write"})
    assert "for f in \x00data/raw\x00/*.csv; do" in text_ and "data/raw" in placed
    chunk = node_chunk(node, script_facts(text, "run.sh", "/root"), 0, 0, {})
    listing = next(f for f in chunk.files if f.path == "data/raw")
    assert (listing.io, listing.mode) == ("listing", "read")
    assert chunk.command is not None
    assert PathWord("data/raw", "read") in {p for line in chunk.command.lines for p in line}
    coded = step_chunk(chunk, chunk.command, [])  # planning wires the listing's word
    edits = [e for e in coded.edits if e.symbol == File("data/raw")]
    assert [(e.kind, e.payload) for e in edits] == [("partition", "\0")]


def test_a_folder_an_earlier_step_wrote_is_not_a_raw_listing() -> None:
    assert listed_folders(("out/*.csv", "data/*.csv", "x/*/a.csv"), ("out",)) == ["data"]


@pytest.mark.parametrize(
    ("word", "path", "folder", "tail"),
    [
        ("out/*.csv", "out/*.csv", "out", "*.csv"),
        ("./out/*.csv", "out/*.csv", "out", "*.csv"),
        ('"$OUT"/*.csv', "out/*.csv", "out", "*.csv"),
        ("${OUT}/part_*.csv", "out/part_*.csv", "out", "part_*.csv"),
        ('"$OUT/*.csv"', "out/*.csv", "out", None),  # quoted: bash does not glob it
        ("$OUT/$NAME", "out/x", "out", None),  # the name is not literal
    ],
)
def test_the_word_listing_a_folder(word: str, path: str, folder: str, tail: str | None) -> None:
    assert listed_tail(word, path, folder) == tail


def test_a_read_of_a_folder_spelled_through_a_variable_is_the_catalogs() -> None:
    script = steps(
        'OUT=out\nfor x in $(cat l); do sort "$x" > "$OUT/$x.csv"; done\ncat "$OUT"/*.csv'
    )
    reader = script[-1]
    text, placed = items_text(reader, {"out": "read"})
    assert text == "cat \x00out\x00/*.csv" and placed == {"out"}


def test_a_node_running_a_notebook_runner_needs_it_installed() -> None:
    loop = steps(f"for a in 1 2; do\n  {PAPERMILL}\ndone")[0]
    assert runner_requirements([loop.notebooks]) == ("papermill", "ipykernel")
    assert runner_requirements([steps("sort a > b")[0].notebooks]) == ()


def test_arguments_unpacked_from_sys_argv_are_named_and_used() -> None:
    code = (
        "import sys\nimport pandas as pd\n"
        "source, target, n = sys.argv[1], sys.argv[2], int(sys.argv[3])\n"
        "pd.read_csv(source).head(n).to_csv(target)\n"
    )
    specs = argparse_spec(code)
    assert [(s.dest, s.index, s.type, s.usage) for s in specs] == [
        ("source", 1, None, "read"),
        ("target", 2, None, "write"),
        ("n", 3, "int", None),
    ]


def test_a_script_given_a_folder_with_a_slash_converts(tmp_path: Path) -> None:
    (tmp_path / "src/data/parts").mkdir(parents=True)
    (tmp_path / "src/data/parts/p.csv").write_text("a\n1\n")
    (tmp_path / "src/run.sh").write_text("python score.py data/parts out/\n")
    (tmp_path / "src/score.py").write_text(
        "import os\nimport sys\nimport pandas as pd\nparts = sys.argv[1]\nout = sys.argv[2]\n"
        "for name in os.listdir(parts):\n"
        "    pd.read_csv(os.path.join(parts, name)).to_csv(os.path.join(out, name))\n"
    )
    generated = generate([tmp_path / "src"], tmp_path / "project", Options())
    codes = {d.code for d in generated.plan.diagnostics}
    assert "bash-verbatim-run" not in codes and "missing-input" not in codes
    assert [p.name for p in generated.plan.pipelines] == ["score"]
