"""Definitions read names when they are *made* (defaults, decorator arguments, class bodies): once
moved to the functions module, a literal constant comes along, a definition made from notebook
data stays in its node. The real `kedro run` must import the pipeline and compute what the
notebook computes, the values crossing node boundaries."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from .helpers import explain, run_tool

pytestmark = pytest.mark.e2e

# "## ..." cells are markdown headings: each section is a node of its own
CONSTANTS = [
    "import dataclasses\nimport functools\nimport json\n"
    "KINDS = ['a', 'b']\nFACTOR = 3\nCACHE = 16\nRATE = 0.5",
    "def simulate(n, kinds=KINDS):\n    return [k * n for k in kinds]",
    "def scale(x, *, f=FACTOR):\n    return x * f",
    "@functools.lru_cache(maxsize=CACHE)\ndef square(x):\n    return x * x",
    "class Config:\n    rate = RATE * 2\n    kinds = len(KINDS)",
    "@dataclasses.dataclass\nclass Settings:\n    size: int = CACHE\n    rate: float = RATE",
    "## Use",
    "out = [simulate(2), scale(2), square(4), square.cache_info().maxsize, Config.rate,\n"
    "       Config.kinds, dataclasses.astuple(Settings())]",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]

DATA = [
    "import dataclasses\nimport json\nimport numpy as np\n"
    "data = np.arange(1.0, 5.0)\ntop = float(data.max())",
    "def centre(x, ref=data.mean()):\n    return x - ref",
    "def limit(*, ceiling=top):\n    return ceiling * 2",
    "def tagged(label):\n    def wrap(f):\n        f.label = label\n        return f\n    return wrap",
    "@tagged(str(data.sum()))\ndef total(xs):\n    return sum(xs)",
    "class Stats:\n    mean = data.mean()\n\n    def spread(self, xs):\n        return max(xs) - self.mean",
    "@dataclasses.dataclass\nclass Bounds:\n    low: float = data.min()\n    high: float = top",
    "## Use",
    "stats = Stats()\nshifted = centre(data)",
    "## Report",
    "out = [shifted.tolist(), centre(1.0), limit(), total.label, total([1, 2]),\n"
    "       stats.spread([9.0]), dataclasses.astuple(Bounds())]",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]


def notebook_result(tmp_path: Path, cells: list[str]) -> object:
    """out.json as the notebook's code writes it (run as plain Python cells)."""
    folder = tmp_path / "original"
    folder.mkdir()
    cwd = os.getcwd()
    try:
        os.chdir(folder)
        namespace: dict[str, object] = {}
        for cell in cells:
            if not cell.startswith("## "):
                exec(compile(cell, "cell", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(cwd)
    return json.loads((folder / "out.json").read_text())


def convert_and_run(tmp_path: Path, cells: list[str], nb2pipe_bin: Path, kedro_bin: Path) -> Path:
    (tmp_path / "nb").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if c.startswith("## ") else nbformat.v4.new_code_cell(c)
                for c in cells]
    nbformat.write(nb, tmp_path / "nb" / "defs.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    return project


def test_literal_constants_read_by_definitions_come_into_the_module(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, CONSTANTS)
    project = convert_and_run(tmp_path, CONSTANTS, nb2pipe_bin, kedro_bin)
    functions = next(project.rglob("functions.py")).read_text()
    for line in ("KINDS = [", "FACTOR = 3", "CACHE = 16", "RATE = 0.5", "class Settings", "def square"):
        assert line in functions, line
    (written,) = [p for p in project.rglob("out.json") if "src" not in p.parts]
    assert json.loads(written.read_text()) == expected


def test_definitions_made_from_notebook_data_stay_in_their_node(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, DATA)
    project = convert_and_run(tmp_path, DATA, nb2pipe_bin, kedro_bin)
    functions = next(project.rglob("functions.py")).read_text()
    assert "def tagged" in functions, "it reads nothing when made: it moves"
    for name in ("def centre", "def limit", "def total", "class Stats", "class Bounds"):
        assert name not in functions, name
    (written,) = [p for p in project.rglob("out.json") if "src" not in p.parts]
    assert json.loads(written.read_text()) == expected
