"""Bad input gets one line per problem naming the file (and cell), exit code 2 and nothing
written: never a traceback, never exit 1 (which `--check` uses for "would change")."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from .cli_run import notebook, run


def text(name: str, content: str | bytes) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        (folder / name).write_bytes(data)

    return make


def cells(*code: str) -> Callable[[Path], None]:
    return lambda folder: notebook(folder / "n.ipynb", *code)


NOTEBOOK = '{"cells": [%s], "metadata": {}, "nbformat": 4, "nbformat_minor": 4}'
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "json array": (text("n.ipynb", "[1, 2, 3]"), "n.ipynb: not a notebook: its JSON is list"),
    "source 42": (
        text(
            "n.ipynb",
            NOTEBOOK % '{"cell_type": "code", "source": 42, "metadata": {}, '
            '"outputs": [], "execution_count": null}',
        ),
        "n.ipynb: not a valid",
    ),
    "cell is a number": (text("n.ipynb", NOTEBOOK % "7"), "n.ipynb: not a valid"),
    "json 100000 deep": (text("n.ipynb", "[" * 100_000 + "]" * 100_000), "nested too deeply"),
    "top-level await": (
        cells("import asyncio", "async def f():\n    return 1", "x = await f()"),
        "line 1: top-level await runs in Jupyter, not in a pipeline node",
    ),
    "top-level return": (cells("x = 1", "return x"), "'return' outside function"),
    "top-level yield": (cells("x = 1", "yield x"), "'yield' outside function"),
    "break outside a loop": (cells("break"), "'break' outside loop"),
    "NUL in a cell": (cells("x = '\x00'"), "null bytes"),
    "5000 nested terms": (cells("a = 1", "b = " + "+".join(["a"] * 5000)), "nested too deeply"),
    "NUL in a .sh": (text("run.sh", b"echo a\x00b > out.txt\n"), "run.sh line 1: holds control"),
    "not UTF-8 percent script": (text("s.py", b"# %%\nx = '\xff'\n"), "s.py: not UTF-8 text"),
    "empty folder": (lambda folder: folder.mkdir(), "no notebooks or scripts found"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_line_exit_2_nothing_written(case: str, tmp_path: Path) -> None:
    make, expected = CASES[case]
    make(tmp_path / "in")
    result = run("convert", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("error: ") and expected in line, line
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_cell_errors_name_the_cell(tmp_path: Path) -> None:
    notebook(tmp_path / "in" / "n.ipynb", "x = 1", "return x")
    result = run("convert", tmp_path / "in", "-o", tmp_path / "out")
    nb = nbformat.read(tmp_path / "in" / "n.ipynb", as_version=4)
    assert result.stderr.startswith(f"error: n.ipynb cell {nb.cells[1].id} line 1: ")


def test_500_terms_convert(tmp_path: Path) -> None:
    """Python runs `b = a+a+...` with 500 terms; analysis' visitors recursed past the limit."""
    notebook(tmp_path / "in" / "n.ipynb", "a = 1", "b = " + "+".join(["a"] * 500), "print(b)")
    assert run("convert", tmp_path / "in", "-o", tmp_path / "out").exit_code == 0


def test_a_symlinked_script_reads_as_its_link(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "target").write_text("sort a.txt > b.txt\n", encoding="utf-8")
    (tmp_path / "in" / "a.txt").write_text("b\na\n", encoding="utf-8")
    os.symlink("target", tmp_path / "in" / "run.sh")
    result = run("convert", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "src" / "out" / "pipelines" / "run").is_dir()


def test_nbformat_warnings_are_diagnostics(tmp_path: Path) -> None:
    """Duplicate cell ids: nbformat's warning is one line naming the file, not raw stderr."""
    cell = (
        '{"cell_type": "code", "id": "same", "source": "x = 1", "metadata": {}, '
        '"outputs": [], "execution_count": null}'
    )
    text(
        "n.ipynb",
        NOTEBOOK.replace('"nbformat_minor": 4', '"nbformat_minor": 5') % f"{cell}, {cell}",
    )(tmp_path / "in")
    result = run("convert", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 0
    [line] = result.stderr.splitlines()
    assert line.startswith("n.ipynb: warning: ") and "[nbformat]" in line


@pytest.mark.parametrize("where", ["/proc/nb2pipe-test", "a_file/project"])
def test_an_output_that_cannot_be_made_is_one_line(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    notebook(tmp_path / "in" / "n.ipynb", "x = 1")
    result = run("convert", tmp_path / "in", "-o", where)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: cannot write the project to {where}: ")


def test_300_nested_subshells_convert(tmp_path: Path) -> None:
    """Bash runs them; the tree lowering recursed past Python's default limit."""
    text("run.sh", "( " * 300 + "sort a.txt > b.txt" + " )" * 300 + "\n")(tmp_path / "in")
    (tmp_path / "in" / "a.txt").write_text("b\na\n", encoding="utf-8")
    assert run("convert", tmp_path / "in", "-o", tmp_path / "out").exit_code == 0
