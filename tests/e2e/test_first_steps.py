"""End to end, what a new user does first: convert, `kedro run` (quietly: no warnings the
project can do nothing about), then one node alone with the name `nb2pipe explain` printed.

The notebook (two sections, so two nodes wired by a pickled edge) is run with ``exec`` in a
folder of its own for the expected file; the project must write the same bytes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from .helpers import explain, run_tool

CELLS = [
    "# Lots",
    "import pandas as pd",
    'lots = pd.DataFrame({"lot": ["a", "b", "c"], "score": [3, 9, 7]})\n'
    'lots["double"] = lots["score"] * 2',
    "# Keep the good ones",
    'kept = lots[lots["score"] > 5]\nkept.to_csv("kept.csv", index=False)',
]
NODE = re.compile(r"^  (?P<name>[\w.-]+)  \[")


def notebook_writes(tmp_path: Path) -> bytes:
    folder = tmp_path / "run"
    folder.mkdir()
    namespace: dict[str, object] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        for cell in CELLS[1:3] + CELLS[4:]:
            exec(compile(cell, "<cell>", "exec"), namespace)  # noqa: S102 - the test's own cells
    return (folder / "kept.csv").read_bytes()


@pytest.mark.e2e
def test_explain_names_the_nodes_kedro_runs_and_the_run_is_quiet(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_writes(tmp_path)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(c) if c.startswith("# ") else nbformat.v4.new_code_cell(c)
        for c in CELLS
    ]
    (tmp_path / "nb").mkdir()
    nbformat.write(nb, tmp_path / "nb" / "01_lots_report.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    shown = run_tool([nb2pipe_bin, "explain", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert shown.returncode == 0, explain(shown)
    package = next(p.name for p in (project / "src").iterdir() if p.is_dir())
    assert shown.stdout.startswith(f"package {package} ")
    names = [m["name"] for line in shown.stdout.splitlines() if (m := NODE.match(line))]
    assert len(names) >= 2 and all(n.startswith("lots_report.") for n in names), shown.stdout

    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    assert "register_new_resolver" not in ran.stderr + ran.stdout
    assert "Warning" not in ran.stderr + ran.stdout, explain(ran)
    manifest = json.loads((project / ".nb2pipe" / "manifest.json").read_text(encoding="utf-8"))
    written = project / manifest["files"]["kept.csv"]
    assert written.read_bytes() == expected

    written.unlink()
    writer = [n for n in names if not n.endswith(".report")][-1]  # the report node writes no file
    alone = run_tool([kedro_bin, "run", "--nodes", writer], cwd=project)
    assert alone.returncode == 0, explain(alone)
    assert "Completed 1 out of 1 tasks" in alone.stdout + alone.stderr
    assert written.read_bytes() == expected


@pytest.mark.e2e
def test_two_notebooks_whose_nodes_hand_on_nothing(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    """Each notebook's only node returns `cell_1_done`: the pipeline's own, not a project-wide
    name two pipelines would both produce (PlanInvariantError, found by benchmarks/fuzz.py)."""
    (tmp_path / "nb").mkdir()
    expected = []
    for name, numbers in (("a", range(5)), ("b", range(7))):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(f"print('total', sum({numbers!r}))")]
        nbformat.write(nb, tmp_path / "nb" / f"{name}.ipynb")
        expected.append(f"total {sum(numbers)}")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    for line in expected:  # the report node logs what the notebook printed
        assert line in ran.stdout + ran.stderr
