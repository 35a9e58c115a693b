"""Files a notebook function opens by a literal path are catalog datasets of the node calling it:
the real `kedro run` writes and reads them where the catalog says, with the notebook's bytes."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat

from .helpers import explain, run_tool

CELLS = [
    "import pandas as pd\ndf = pd.DataFrame({'a': [1, 2, 3]})",
    "def save(frame):\n    frame.to_csv('b.csv', index=False)\n\n"
    "def save_twice(frame):\n    save(frame * 2)\n\n"
    "def load():\n    return pd.read_csv('b.csv')",
    "save_twice(df)",
    "back = load()\nback.to_json('back.json')",
]


def test_files_functions_open_are_wired_through_the_catalog(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    original = tmp_path / "original"
    original.mkdir()
    cwd = os.getcwd()
    try:  # the notebook's code, run as the notebook would run it (plain Python cells)
        os.chdir(original)
        namespace: dict[str, object] = {}
        for cell in CELLS:
            exec(compile(cell, "cell", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(cwd)

    (tmp_path / "nb").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, tmp_path / "nb" / "functions.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    assert "dynamic-path" not in converted.stdout + converted.stderr
    functions = next(project.rglob("functions.py")).read_text()
    assert "def save(frame, *, b_csv_file)" in functions
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)

    for name in ("b.csv", "back.json"):
        (written,) = [p for p in project.rglob(name) if "src" not in p.parts]
        assert written.read_bytes() == (original / name).read_bytes(), name
    assert not (project / "b.csv").exists(), "the function wrote where the catalog says"
