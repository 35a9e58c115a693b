"""Paths a notebook function receives (an argument, or a parameter's default) and checks before
downloading: under the real `kedro run` they are the catalog's, so the guard sees the copied file
and nothing goes to the network (the URL is a loopback port nobody listens on)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .helpers import converted_cells, explain, run_tool

pytestmark = pytest.mark.e2e

CELLS = [
    "import json\nimport os\nimport urllib.request\nimport pandas as pd",
    "def get(name='records.json'):\n"
    "    if not os.path.exists(name):\n"
    "        urllib.request.urlretrieve('http://127.0.0.1:9/' + name, name)\n"
    "    with open(name) as f:\n"
    "        return json.load(f)\n\n\n"
    "def table(path):\n    return pd.read_csv(path)",
    "records = get()\nframe = table('in.csv')",
    "with open('out.json', 'w') as f:\n    json.dump({'r': records, 'a': frame['a'].tolist()}, f)",
]


def test_paths_functions_receive_are_the_catalogs(tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path) -> None:
    original = tmp_path / "nb"
    original.mkdir()
    (original / "records.json").write_text("[3, 4]")
    (original / "in.csv").write_text("a\n1\n2\n")
    cwd = os.getcwd()
    try:  # the notebook's code, where it is
        os.chdir(original)
        namespace: dict[str, object] = {}
        for cell in CELLS:
            exec(compile(cell, "cell", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(cwd)
    expected = json.loads((original / "out.json").read_text())
    (original / "out.json").unlink()

    project, said = converted_cells(tmp_path, "fetch", CELLS, nb2pipe_bin)
    assert "dynamic-path" not in said and "file-in-function" not in said
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    (out,) = list((project / "data").rglob("out.json"))
    assert json.loads(out.read_text()) == expected == {"r": [3, 4], "a": [1, 2]}
    assert not (project / "records.json").exists()
