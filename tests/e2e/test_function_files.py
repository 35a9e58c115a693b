"""Files a notebook function opens by a literal path are catalog datasets of the node calling it:
the real `kedro run` writes and reads them where the catalog says, with the notebook's bytes."""

from __future__ import annotations

import os
from pathlib import Path

from .helpers import converted_cells, explain, run_tool

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

    project, said = converted_cells(tmp_path, "functions", CELLS, nb2pipe_bin)
    assert "dynamic-path" not in said
    functions = next(project.rglob("functions.py")).read_text()
    assert "def save(frame, *, b_csv_file)" in functions
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)

    for name in ("b.csv", "back.json"):
        (written,) = [p for p in project.rglob(name) if "src" not in p.parts]
        assert written.read_bytes() == (original / name).read_bytes(), name
    assert not (project / "b.csv").exists(), "the function wrote where the catalog says"


CALLBACKS = [
    "SCALE = 10\n\ndef scaled(x):\n    return x * SCALE\n\n"
    "def log(x):\n    with open('log.txt', 'w') as f:\n        f.write(str(x))\n    return x",
    "ys = list(map(scaled, [1, 2]))\nzs = list(map(log, ys))\nkeys = sorted(ys, key=scaled)",
    "with open('result.txt', 'w') as f:\n    f.write(f'{ys} {zs} {keys} ' + open('log.txt').read())",
]


def test_functions_passed_as_values_get_their_globals_and_files(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    """`map(f, xs)`, `sorted(key=f)`: the pipeline passes what f now takes as keyword arguments."""
    project, _ = converted_cells(tmp_path, "callbacks", CALLBACKS, nb2pipe_bin)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    (result,) = [p for p in project.rglob("result.txt") if "src" not in p.parts]
    assert result.read_text() == "[10, 20] [10, 20] [10, 20] 20"
