"""A notebook with nothing to run (definitions only, displays only, markdown only) gets a
pipeline of its report alone, and the project's real `kedro run` runs it with the other notebooks."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from .helpers import explain, run_tool

pytestmark = pytest.mark.e2e

NOTEBOOKS = {
    "defs": ["import numpy as np", "def double(x):\n    return 2 * x", "class Box:\n    size = 3"],
    "shows": ["import numpy as np", "np.pi", "np.e * 2"],
    "notes": ["# A title\n\nSome text."],
    "work": [
        "import json",
        "with open('out.json', 'w') as f:\n    json.dump({'n': sum(range(5))}, f)",
    ],
}


def test_notebooks_without_steps_leave_a_project_that_runs(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    (tmp_path / "nb").mkdir()
    for name, cells in NOTEBOOKS.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_markdown_cell(c) if c.startswith("# ") else nbformat.v4.new_code_cell(c)
            for c in cells
        ]
        nbformat.write(nb, tmp_path / "nb" / f"{name}.ipynb")
    project = tmp_path / "project"
    converted = run_tool(
        [nb2pipe_bin, "convert", tmp_path / "nb", "-o", project, "-v"], cwd=tmp_path
    )
    assert converted.returncode == 0, explain(converted)
    said = converted.stdout + converted.stderr
    assert "no pipeline" not in said
    pipelines = project / "src" / "project" / "pipelines"
    assert sorted(p.name for p in pipelines.iterdir() if p.is_dir()) == sorted(NOTEBOOKS)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    (written,) = project.rglob("out.json")
    assert written.read_text() == '{"n": 10}'
    for name in NOTEBOOKS:
        (page,) = (project / "data" / "08_reporting" / name).glob("report.html/*/report.html")
        assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    shows = next((project / "data" / "08_reporting" / "shows").glob("report.html/*/report.html"))
    import math

    assert repr(math.pi) in shows.read_text(encoding="utf-8")
