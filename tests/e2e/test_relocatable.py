"""A generated project is self-contained: converting one folder from two places gives the same
bytes, no file names the converting machine's paths, and the project runs after it is moved.

The folder has what real projects have: a notebook and a driver script's Python script that both
import a local helper, which imports a sibling module and a package (`lib/`), a data file read
from `../data/`, and a driver script that writes files below a folder it creates.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest

from .helpers import BIN, explain, run_tool

FILES = {
    "data/y.csv": "a,b\n3,x\n1,y\n2,z\n",
    "work/schema.py": 'COLUMNS = ["a", "b"]\n',
    "work/lib/__init__.py": "",
    "work/lib/order.py": 'def by_a(df):\n    return df.sort_values("a")\n',
    "work/helper.py": (
        "import schema\nfrom lib import order\n\n\n"
        "def tidy(df):\n    return order.by_a(df[schema.COLUMNS])\n"
    ),
    "work/prep.py": (
        "import sys\n\nimport pandas as pd\n\nimport helper\n\n"
        'helper.tidy(pd.read_csv("../data/y.csv")).to_csv(sys.argv[1], index=False)\n'
    ),
    "work/run.sh": "mkdir -p out\npython prep.py out/part1.csv\ncut -d, -f2 out/part1.csv > out/part2.csv\n",
}
CELLS = [
    "import pandas as pd\nimport helper",
    "df = helper.tidy(pd.read_csv('../data/y.csv'))\ndf.to_csv('report.csv', index=False)",
]
pytestmark = pytest.mark.e2e

#: The files the script and the notebook write (relative to work/) → where the project keeps them.
OUTPUTS = {"out/part1.csv": "part1.csv", "out/part2.csv": "part2.csv", "report.csv": "report.csv"}


def make_folder(folder: Path) -> Path:
    for name, text in FILES.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, folder / "work" / "report.ipynb")
    return folder


def run_originals(folder: Path) -> None:
    """The driver script and the notebook's code, run where they are (this interpreter's python)."""
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}")
    subprocess.run(["bash", "run.sh"], cwd=folder / "work", env=env, check=True, timeout=120)
    cwd = os.getcwd()
    try:
        os.chdir(folder / "work")
        namespace: dict[str, object] = {}
        with _on_path(folder / "work"):
            for cell in CELLS:
                exec(compile(cell, "cell", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(cwd)


class _on_path:  # noqa: N801 - a context manager used like a function
    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)

    def __enter__(self) -> None:
        import sys

        sys.path.insert(0, self.folder)

    def __exit__(self, *_: object) -> None:
        import sys

        sys.path.remove(self.folder)
        for name in ("helper", "schema", "lib", "lib.order"):
            sys.modules.pop(name, None)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_project_is_the_same_from_anywhere_and_runs_after_a_move(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    one = make_folder(tmp_path / "one" / "src")
    two = Path(shutil.copytree(one, tmp_path / "two" / "deeper" / "src"))  # the same notebook
    for source in (one, two):
        converted = run_tool([nb2pipe_bin, "convert", source, "-o", source.parent / "proj"], cwd=tmp_path)
        assert converted.returncode == 0, explain(converted)
    first, second = tree(one.parent / "proj"), tree(two.parent / "proj")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    for name, content in first.items():  # no path of the converting machine anywhere
        assert str(tmp_path).encode() not in content, name
        assert str(tmp_path.resolve()).encode() not in content, name
    assert {"src/proj/helper.py", "src/proj/schema.py", "src/proj/lib/order.py"} <= first.keys()

    moved = tmp_path / "moved" / "proj"
    moved.parent.mkdir()
    shutil.move(one.parent / "proj", moved)
    shutil.rmtree(one.parent)  # the converted folder is gone: nothing may point into it
    ran = run_tool([kedro_bin, "run"], cwd=moved)
    assert ran.returncode == 0, explain(ran)

    run_originals(two)
    for original, name in OUTPUTS.items():
        (made,) = [p for p in (moved / "data").rglob(name)]
        assert made.read_bytes() == (two / "work" / original).read_bytes(), original
