"""Python scripts called from bash: call parsing, static CLI reading, argument binding."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest

from nb2pipe.analysis.shell.python_calls import (
    argparse_spec,
    bind_arguments,
    classify,
    looks_like_path,
    parse_python_call,
)
from nb2pipe.api import read_bash
from nb2pipe.model.shell import ArgSpec, BoundArgument

ARGPARSE = dedent(
    """
    import argparse
    import pandas as pd
    from pathlib import Path

    p = argparse.ArgumentParser()
    p.add_argument("--input", required=True)
    p.add_argument("--output")
    p.add_argument("--min-qty", type=int, default=1)
    p.add_argument("--rate", type=float, default=0.5)
    p.add_argument("--src", dest="source")
    p.add_argument("--report", type=argparse.FileType("w"))
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--tag", action="append")
    p.add_argument("files", nargs="+")
    args = p.parse_args()
    df = pd.read_csv(args.source)
    out = Path(args.output)
    df.to_csv(out)
    """
)
CLICK = dedent(
    """
    import click

    @click.command()
    @click.option("--input", "input_path", type=click.Path(exists=True))
    @click.option("--out", type=click.File("w"))
    @click.option("--n", type=int, default=3)
    @click.option("--dry-run", is_flag=True)
    @click.argument("model")
    def main(input_path, out, n, dry_run, model):
        pass
    """
)
SYS_ARGV = dedent(
    """
    import sys
    import pandas as pd

    inp = sys.argv[1]
    n = int(sys.argv[3])
    pd.read_csv(inp).head(n).to_csv(sys.argv[2])
    """
)


# ------------------------------------------------------------------------- parse_python_call
@pytest.mark.parametrize(
    ("argv", "script", "args", "module"),
    [
        (
            ["python", "scripts/prepare.py", "--input", "a.csv"],
            "scripts/prepare.py",
            ("--input", "a.csv"),
            "",
        ),
        (["python3", "-u", "-W", "ignore", "x.py", "1"], "x.py", ("1",), ""),
        (["/usr/bin/python3.11", "-m", "pkg.mod", "x"], "", ("x",), "pkg.mod"),
        (["ipython", "s.py", "--a"], "s.py", ("--a",), ""),
    ],
)
def test_parse_python_call(
    argv: list[str], script: str, args: tuple[str, ...], module: str
) -> None:
    call = parse_python_call(argv)
    assert call is not None
    assert (call.script, call.argv, call.module) == (script, args, module)


@pytest.mark.parametrize("argv", [["python", "-c", "print(1)"], ["python"], ["python", "-"]])
def test_parse_python_call_without_script(argv: list[str]) -> None:
    assert parse_python_call(argv) is None


# ------------------------------------------------------------------------------ argparse_spec
def test_argparse_spec() -> None:
    specs = {s.dest: s for s in argparse_spec(ARGPARSE)}
    assert list(specs) == [
        "input",
        "output",
        "min_qty",
        "rate",
        "source",
        "report",
        "verbose",
        "tag",
        "files",
    ]
    assert specs["min_qty"] == ArgSpec("min_qty", ("--min-qty",), "int", 1)
    assert (specs["verbose"].flags, specs["verbose"].action) == (("-v", "--verbose"), "store_true")
    assert (specs["files"].flags, specs["files"].nargs) == ((), "+")
    # usage seen in the code: read_csv(args.source), to_csv(Path(args.output)), FileType("w")
    assert (specs["source"].usage, specs["output"].usage, specs["report"].usage) == (
        "read",
        "write",
        "write",
    )
    assert specs["input"].usage is None


def test_click_spec() -> None:
    specs = {s.dest: s for s in argparse_spec(CLICK)}
    assert list(specs) == ["input_path", "out", "n", "dry_run", "model"]
    assert (specs["input_path"].flags, specs["input_path"].type) == (("--input",), "path")
    assert (specs["out"].type, specs["out"].usage) == ("file", "write")
    assert (specs["dry_run"].action, specs["model"].flags) == ("store_true", ())


def test_sys_argv_spec() -> None:
    specs = argparse_spec(SYS_ARGV)
    assert [(s.dest, s.index, s.type, s.usage) for s in specs] == [
        ("inp", 1, None, "read"),
        ("argv_2", 2, None, "write"),
        ("n", 3, "int", None),
    ]


# how a script uses an argument: the I/O table's calls (knowledge/io_calls.py), by last name
USES = [
    ("fig.write_html(args.target)", "write"),  # PATH_PASSING_METHODS
    ("zipfile.ZipFile(args.target, 'w')", "write"),  # a mode-taking opener: its mode says
    ("zipfile.ZipFile(args.target)", "read"),
    ("h5py.File(args.target, mode='a')", "write"),
    ("glob.iglob(args.target)", "read"),  # FOLDER_LISTINGS
    ("Path(args.target).rglob('*.csv')", "read"),
    ("np.savetxt(args.target, a)", "write"),
    ("cv2.imwrite(args.target, image)", "write"),  # SCRIPT_ARG_IO
    ("shutil.copy(args.target, 'b.csv')", None),  # two paths: the table names the source only
    ("os.remove(args.target)", None),  # neither reads nor writes it
]


@pytest.mark.parametrize(("line", "usage"), USES, ids=[u[0] for u in USES])
def test_argument_use_comes_from_the_io_table(line: str, usage: str | None) -> None:
    code = f"import argparse\np = argparse.ArgumentParser()\np.add_argument('--target')\n" \
           f"args = p.parse_args()\n{line}\n"
    assert argparse_spec(code)[0].usage == usage


def test_spec_of_broken_source_is_empty() -> None:
    assert argparse_spec("def (") == ()


# ----------------------------------------------------------------------------- bind_arguments
@dataclass(frozen=True)
class BindCase:
    name: str
    source: str
    argv: tuple[str | None, ...]
    bound: dict[str, tuple[object, str]]  # dest → (value, role), for given arguments


BIND_CASES = [
    BindCase(
        "generic_gnu",
        "",
        ("--input", "a.csv", "--output", "b.csv", "--min-qty", "1"),
        {"input": ("a.csv", "read"), "output": ("b.csv", "write"), "min_qty": (1, "param")},
    ),
    BindCase(
        "generic_flags_and_positionals",
        "",
        ("--fast", "--lr=0.1", "data/x.txt", "3"),
        {
            "fast": (True, "param"),
            "lr": (0.1, "param"),
            "arg1": ("data/x.txt", "read"),
            "arg2": (3, "param"),
        },
    ),
    BindCase(
        "argparse",
        ARGPARSE,
        (
            "--input",
            "a.csv",
            "--src",
            "x.tsv",
            "-v",
            "--tag",
            "a",
            "--tag",
            "b",
            "f1.txt",
            "--rate=0.1",
        ),
        {
            "input": ("a.csv", "read"),
            "source": ("x.tsv", "read"),
            "verbose": (True, "param"),
            "tag": (["a", "b"], "param"),
            "files": (["f1.txt"], "read"),
            "rate": (0.1, "param"),
        },
    ),
    BindCase(
        "argparse_unknown_option",
        ARGPARSE,
        ("--nope", "f.txt"),
        {"argv[1]": ("--nope", "unknown"), "files": (["f.txt"], "read")},
    ),
    BindCase(
        "click",
        CLICK,
        ("--input", "a.csv", "--out", "o.txt", "--dry-run", "m.pkl"),
        {
            "input_path": ("a.csv", "read"),
            "out": ("o.txt", "write"),
            "dry_run": (True, "param"),
            "model": ("m.pkl", "read"),
        },
    ),
    BindCase(
        "sys_argv",
        SYS_ARGV,
        ("a.csv", "b.csv", "5", "extra"),
        {
            "inp": ("a.csv", "read"),
            "argv_2": ("b.csv", "write"),
            "n": (5, "param"),
            "argv[4]": ("extra", "unknown"),
        },
    ),
    BindCase("dynamic_value", "", ("--input", None), {"input": (None, "read")}),
    BindCase(
        "typed_value_not_int", ARGPARSE, ("--min-qty", "many"), {"min_qty": ("many", "param")}
    ),
]


@pytest.mark.parametrize("case", BIND_CASES, ids=[c.name for c in BIND_CASES])
def test_bind_arguments(case: BindCase) -> None:
    bound = bind_arguments(argparse_spec(case.source) if case.source else (), case.argv)
    given = {k: (b.value, b.role) for k, b in bound.items() if b.given}
    assert given == case.bound


def test_defaults_follow_given_arguments() -> None:
    bound = bind_arguments(argparse_spec(ARGPARSE), ("--input", "a.csv", "f.txt"))
    assert bound["min_qty"] == BoundArgument("min_qty", 1, "param", given=False)
    assert bound["rate"] == BoundArgument("rate", 0.5, "param", given=False)


@pytest.mark.parametrize(
    ("dest", "value", "role"),
    [
        ("input", "a.csv", "read"),
        ("out_dir", "results", "write"),
        ("save_path", "m.pkl", "write"),
        ("data_file", "x", "read"),
        ("epochs", "10", "param"),
        ("model", "m.pkl", "read"),
        ("input_dim", 10, "param"),
        ("name", "experiment", "param"),
        ("verbose", True, "param"),
    ],
)
def test_classify(dest: str, value: object, role: str) -> None:
    assert classify(dest, value, None) == role


@pytest.mark.parametrize("value", ["a.csv", "data/x", "*.txt", "../m.pkl"])
def test_looks_like_path(value: str) -> None:
    assert looks_like_path(value)


@pytest.mark.parametrize(
    "value", ["0.1", "1e-4", "-v", "hello", "{print $1}", "http://x/y.csv", "a=b.c", ""]
)
def test_does_not_look_like_path(value: str) -> None:
    assert not looks_like_path(value)


# ------------------------------------------------------------------ read_bash binds the script
def test_read_bash_binds_called_script(tmp_path: Path) -> None:
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "prepare.py").write_text(ARGPARSE)
    script = tmp_path / "run.sh"
    call = "python prepare.py --input a.csv --src raw.tsv --output b.csv x.txt --min-qty 2"
    script.write_text(f"cd scripts\n{call}\n")
    step = read_bash(script, tmp_path).steps[1]
    call = step.python[0]
    assert (call.script, call.bound_with) == ("scripts/prepare.py", "argparse")
    assert step.reads == ("scripts/a.csv", "scripts/raw.tsv", "scripts/x.txt")
    assert step.writes == ("scripts/b.csv",)
    assert step.params == (("min_qty", 2),)


def test_read_bash_without_the_script_binds_generically(tmp_path: Path) -> None:
    script = tmp_path / "run.sh"
    script.write_text("python missing.py --threshold 0.3 --out-file o.csv\n")
    step = read_bash(script, tmp_path).steps[0]
    assert (step.python[0].bound_with, step.writes, step.params) == (
        "generic",
        ("o.csv",),
        (("threshold", 0.3),),
    )
