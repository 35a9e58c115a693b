"""The `nb2pipe` command as users see it: exit codes, messages, what is (not) written.

Most tests run the typer app in-process with ``CliRunner`` (stdout and stderr kept apart); the
determinism test under different ``PYTHONHASHSEED``s runs the installed console script
(``Path(sys.executable).parent / "nb2pipe"``) in subprocesses.

Exit codes: 0 success, 1 ``--check`` found changes, 2 user error (bad input, or a warning under
``--strict``). A user error prints one ``error: ...`` line per problem naming the file and cell,
never a traceback, and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook
from typer.testing import CliRunner

from nb2pipe.cli import app

NB2PIPE = Path(sys.executable).parent / "nb2pipe"

GOOD = (
    "import pandas as pd",
    'df = pd.read_csv("data.csv")',
    "df2 = df.dropna()",
    'df2.to_csv("out.csv", index=False)',
)


def write_nb(path: Path, *cells: str, markdown: str = "") -> nbformat.NotebookNode:
    nb = new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        }
    )
    nb.cells = ([new_markdown_cell(markdown)] if markdown else []) + [
        new_code_cell(c) for c in cells
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return nb


def good_input(folder: Path) -> nbformat.NotebookNode:
    (folder / "data.csv").parent.mkdir(parents=True, exist_ok=True)
    (folder / "data.csv").write_text("a,b\n1,2\n,3\n", encoding="utf-8")
    return write_nb(folder / "good.ipynb", *GOOD)


def run(*args: str | Path):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def tree(root: Path) -> dict[str, str]:
    """Every file below ``root`` → sha256 of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


# ---------------------------------------------------------------------------- bad input
def test_bad_input_exits_2_one_line_per_problem_and_writes_nothing(tmp_path: Path) -> None:
    nb = write_nb(tmp_path / "in" / "bad.ipynb", "x = (", "y = 1", "z = = 2")
    out = tmp_path / "project"
    result = run("convert", tmp_path / "in", "-o", out)
    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 2
    for line, cell in zip(lines, (nb.cells[0], nb.cells[2]), strict=True):
        assert line.startswith(f"error: bad.ipynb cell {cell.id} line 1: ")
        assert "syntax" in line
    assert "Traceback" not in result.stdout + result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{not json", "invalid-json"),
        ('{"cells": "x", "nbformat": 4, "nbformat_minor": 5, "metadata": {}}', "invalid-notebook"),
    ],
    ids=["invalid JSON", "invalid nbformat"],
)
def test_unreadable_notebook(text: str, code: str, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.ipynb").write_text(text, encoding="utf-8")
    out = tmp_path / "project"
    result = run("convert", tmp_path / "in", "-o", out)
    assert result.exit_code == 2
    (line,) = error_lines(result.stderr)
    assert line.startswith("error: broken.ipynb: ") and line.count("error:") == 1
    assert line.endswith(f"[{code}]")
    assert "Traceback" not in result.stdout + result.stderr
    assert not out.exists()


def test_bad_input_leaves_an_existing_project_untouched(tmp_path: Path) -> None:
    good_input(tmp_path / "in")
    out = tmp_path / "project"
    assert run("convert", tmp_path / "in", "-o", out).exit_code == 0
    before = tree(out)
    write_nb(tmp_path / "in" / "good.ipynb", *GOOD[:-1], "df2.to_csv(")
    result = run("convert", tmp_path / "in", "-o", out)
    assert result.exit_code == 2
    assert tree(out) == before


def test_one_bad_notebook_stops_everything_unless_keep_going(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good_input(folder)
    bad = write_nb(folder / "bad.ipynb", "x = 1", "y = (")
    out = tmp_path / "project"

    stopped = run("convert", folder, "-o", out)
    assert stopped.exit_code == 2
    (line,) = error_lines(stopped.stderr)
    assert line.startswith(f"error: bad.ipynb cell {bad.cells[1].id} line 1: ")
    assert not out.exists()

    kept = run("convert", folder, "-o", out, "--keep-going")
    assert kept.exit_code == 0
    assert f"bad.ipynb cell {bad.cells[1].id} line 1" in kept.stderr
    assert "Traceback" not in kept.stdout + kept.stderr
    pipelines = {p.parent.name for p in out.glob("src/*/pipelines/*/pipeline.py")}
    assert pipelines == {"good"}


# ------------------------------------------------------------------------------ --check
def test_check_exits_1_with_a_unified_diff_after_a_cell_changes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good_input(folder)
    out = tmp_path / "project"
    assert run("convert", folder, "-o", out).exit_code == 0

    unchanged = run("convert", folder, "-o", out, "--check")
    assert unchanged.exit_code == 0
    assert "---" not in unchanged.stdout

    write_nb(folder / "good.ipynb", *GOOD[:2], "df2 = df.dropna().head(1)", GOOD[3])
    before = tree(out)
    changed = run("convert", folder, "-o", out, "--check")
    assert changed.exit_code == 1
    nodes = next(out.glob("src/*/pipelines/good/nodes.py")).relative_to(out).as_posix()
    assert f"--- a/{nodes}\n+++ b/{nodes}\n" in changed.stdout
    assert "\n-    df2 = df.dropna()\n" in changed.stdout
    assert "\n+    df2 = df.dropna().head(1)\n" in changed.stdout
    assert "@@ " in changed.stdout
    assert tree(out) == before  # --check writes nothing


def test_check_on_a_missing_project_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    good_input(tmp_path / "in")
    out = tmp_path / "project"
    result = run("convert", tmp_path / "in", "-o", out, "--check")
    assert result.exit_code == 1
    assert not out.exists()


# ------------------------------------------------------------------------------- --json
def test_convert_json_output_parses(tmp_path: Path) -> None:
    good_input(tmp_path / "in")
    out = tmp_path / "project"
    result = run("convert", tmp_path / "in", "-o", out, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"changes", "diagnostics"}
    assert data["changes"]
    assert all(set(c) == {"path", "status", "diff", "conflicts", "note"} for c in data["changes"])
    paths = {c["path"] for c in data["changes"]}
    assert "conf/base/catalog.yml" in paths
    assert all((out / p).is_file() for p in paths)


def test_check_json_output_parses(tmp_path: Path) -> None:
    good_input(tmp_path / "in")
    out = tmp_path / "project"
    run("convert", tmp_path / "in", "-o", out)
    result = run("convert", tmp_path / "in", "-o", out, "--check", "--json")
    assert result.exit_code == 0
    assert {c["status"] for c in json.loads(result.stdout)["changes"]} == {"unchanged"}


# ------------------------------------------------------------------------------ explain
def test_explain_prints_nodes(tmp_path: Path) -> None:
    good_input(tmp_path / "in")
    result = run("explain", tmp_path / "in", "-o", tmp_path / "project")
    assert result.exit_code == 0
    data = json.loads(run("explain", tmp_path / "in", "-o", tmp_path / "project", "--json").stdout)
    (pipeline,) = data["pipelines"]
    assert pipeline["source"] == "good.ipynb"
    assert pipeline["nodes"]
    assert "pipeline good" in result.stdout
    for node in pipeline["nodes"]:
        assert node["name"] in result.stdout
        assert node["name"].startswith("good.")
    assert "data_csv" in result.stdout
    assert not (tmp_path / "project").exists()


def test_explain_json_parses(tmp_path: Path) -> None:
    good_input(tmp_path / "in")
    result = run("explain", tmp_path / "in", "-o", tmp_path / "project", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"pipelines", "catalog", "parameters", "diagnostics"} <= set(data)
    assert {e["name"] for e in data["catalog"]} >= {"data_csv", "out_csv"}
    assert {k for n in data["pipelines"][0]["nodes"] for k in n} >= {
        "name",
        "kind",
        "cells",
        "inputs",
        "outputs",
    }


# ------------------------------------------------------------------------------ --strict
def test_strict_turns_a_warning_into_exit_2(tmp_path: Path) -> None:
    nb = write_nb(tmp_path / "in" / "star.ipynb", "from math import *", "x = sqrt(4)")
    out = tmp_path / "project"

    lenient = run("convert", tmp_path / "in", "-o", out)
    assert lenient.exit_code == 0
    assert "[star-import]" in lenient.stderr

    strict_out = tmp_path / "strict"
    strict = run("convert", tmp_path / "in", "-o", strict_out, "--strict")
    assert strict.exit_code == 2
    (line,) = [line for line in error_lines(strict.stderr) if "star-import" in line]
    assert line.startswith(f"error: star.ipynb cell {nb.cells[0].id} line 1: ")
    assert "Traceback" not in strict.stdout + strict.stderr
    assert not strict_out.exists()


# ---------------------------------------------------------------- never executes code
def test_conversion_never_executes_notebook_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write_nb(
        folder / "side_effects.ipynb",
        "import os\nimport subprocess",
        'with open("written.txt", "w") as fh:\n    fh.write("boom")',
        'os.makedirs("made_dir", exist_ok=True)',
        'subprocess.run("touch touched.txt", shell=True)',
        "!touch shell_touched.txt",
        "%%writefile magic_written.txt\nhello",
        'open(os.path.join(os.getcwd(), "cwd_written.txt"), "w").write("x")',
    )
    monkeypatch.chdir(tmp_path)
    before = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")}
    result = run("convert", folder, "-o", tmp_path / "project")
    assert result.exit_code == 0, result.stderr
    created = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")} - before
    assert {c for c in created if not c.startswith("project")} == set()
    names = {
        "written.txt",
        "made_dir",
        "touched.txt",
        "shell_touched.txt",
        "magic_written.txt",
        "cwd_written.txt",
    }
    assert not [p for p in (tmp_path / "project").rglob("*") if p.name in names]


# ------------------------------------------------------------------------- determinism
def rich_input(folder: Path) -> None:
    """Two notebooks with parameters, files, functions, plots and many names (sets to sort)."""
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "raw.csv").write_text("a,b,c\n1,2,x\n3,4,y\n", encoding="utf-8")
    write_nb(
        folder / "01_prepare.ipynb",
        "import pandas as pd\nimport numpy as np",
        'THRESHOLD = 0.5\nCOLUMNS = ["a", "b"]\nLABEL = "c"',
        "def scale(frame):\n    return frame * THRESHOLD",
        'raw = pd.read_csv("data/raw.csv")\nnp.random.seed(0)',
        "alpha, beta, gamma, delta = raw.a, raw.b, raw.c, raw[COLUMNS]\nzeta = scale(delta)",
        'zeta["noise"] = np.random.rand(len(zeta))\nzeta.to_csv("data/clean.csv", index=False)',
        markdown="# Prepare",
    )
    write_nb(
        folder / "02_report.ipynb",
        "import pandas as pd\nimport matplotlib.pyplot as plt",
        'clean = pd.read_csv("data/clean.csv")',
        "fig, ax = plt.subplots()\nclean.plot(ax=ax)",
        'fig.savefig("data/plot.png")\nsummary = clean.describe()',
        'summary.to_json("data/summary.json")',
        markdown="# Report",
    )


def test_regeneration_is_deterministic(tmp_path: Path) -> None:
    rich_input(tmp_path / "in")
    first, second = tmp_path / "a" / "project", tmp_path / "b" / "project"
    assert run("convert", tmp_path / "in", "-o", first).exit_code == 0
    assert run("convert", tmp_path / "in", "-o", second).exit_code == 0
    assert tree(first) == tree(second)
    assert len(tree(first)) > 10


def test_regeneration_is_deterministic_across_hash_seeds(tmp_path: Path) -> None:
    rich_input(tmp_path / "in")
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}" / "project"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [str(NB2PIPE), "convert", str(tmp_path / "in"), "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        trees.append(tree(out))
    assert trees[0] == trees[1]


def test_console_script_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    write_nb(tmp_path / "in" / "bad.ipynb", "x = (")
    out = tmp_path / "project"
    done = subprocess.run(
        [str(NB2PIPE), "convert", str(tmp_path / "in"), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stdout + done.stderr
    (line,) = error_lines(done.stderr)
    assert line.startswith("error: bad.ipynb cell ")
    assert not out.exists()
