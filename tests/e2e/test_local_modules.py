"""Local helper modules under the real `kedro run`: their whole import closure is in the package
and resolves, and the files their functions open by a relative path are the catalog's."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
import pytest

from .helpers import explain, run_tool

pytestmark = pytest.mark.e2e

#: A closure of 3 modules and a package: loaders imports its sibling schema, which imports
#: datasets; the package utils imports its own module fmt relatively. records() checks the file exists before "downloading" it (from a port
#: nothing listens on: under kedro run the guard must see the catalog's copy, offline).
HELPERS = {
    "nb/schema.py": "import datasets\n\nCOLUMNS = datasets.NAMES\n",
    # named like the project's own datasets.py (its FilePathDataset): both must stay
    "nb/datasets.py": 'NAMES = ["a", "b"]\n',
    "nb/loaders.py": (
        "import pandas as pd\nimport schema\n\n\n"
        "def load(path):\n    return pd.read_csv(path)[schema.COLUMNS]\n"
    ),
    "nb/utils/__init__.py": "",
    "nb/utils/fmt.py": "def double(x):\n    return x * 2\n",
    "nb/utils/io.py": (
        "import json\nimport os\nimport urllib.request\n\nfrom . import fmt\n\n"
        'URL = "http://127.0.0.1:9/records.json"\n\n\n'
        "def fetch():\n"
        '    if not os.path.exists("records.json"):\n'
        '        urllib.request.urlretrieve(URL, "records.json")\n\n\n'
        "def records():\n    fetch()\n"
        '    with open("records.json") as f:\n        return [fmt.double(x) for x in json.load(f)]\n'
    ),
    "nb/records.json": "[1, 2, 3]\n",
    "data/in.csv": "b,a,c\nx,1,0\ny,2,0\n",
}
CELLS = [
    "import loaders\nfrom utils.io import records",
    "df = loaders.load('../data/in.csv')\nr = records()",
    "with open('out.json', 'w') as f:\n    json.dump({'a': df['a'].tolist(), 'r': r}, f)",
]


def test_a_helper_closure_and_the_files_its_functions_open(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    for name, text in HELPERS.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in ["import json", *CELLS]]
    nbformat.write(nb, tmp_path / "nb" / "x.ipynb")

    cwd = os.getcwd()
    try:  # the notebook's code, run where it is
        os.chdir(tmp_path / "nb")
        sys.path.insert(0, str(tmp_path / "nb"))
        namespace: dict[str, object] = {}
        for cell in ["import json", *CELLS]:
            exec(compile(cell, "cell", "exec"), namespace)  # noqa: S102
    finally:
        os.chdir(cwd)
        sys.path.remove(str(tmp_path / "nb"))
        for name in ("loaders", "schema", "datasets", "utils", "utils.io", "utils.fmt"):
            sys.modules.pop(name, None)
    expected = json.loads((tmp_path / "nb" / "out.json").read_text())
    assert expected == {"a": [1, 2], "r": [2, 4, 6]}
    (tmp_path / "nb" / "out.json").unlink()

    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    assert "dynamic-path" not in converted.stdout + converted.stderr
    package = project / "src" / "project"
    assert {p.relative_to(package).as_posix() for p in package.rglob("*.py") if "pipelines" not in p.parts} >= {
        "loaders.py", "schema.py", "local_datasets.py", "utils/__init__.py", "utils/io.py", "utils/fmt.py"}
    assert "from . import fmt" in (package / "utils" / "io.py").read_text()  # relative: unchanged

    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    (out,) = [p for p in (project / "data").rglob("out.json")]
    assert json.loads(out.read_text()) == expected
    assert not list(project.glob("*.json")), "the helper read where the catalog says"
