"""A `.py` file that runs notebooks or scripts but is not read as a driver is not converted: the
user is told, with the line that decided it (`readers/unread_drivers.py`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nb2pipe import api
from nb2pipe.options import Options
from nb2pipe.readers.unread_drivers import refused_run

REFUSED = [
    (  # it computes something itself
        "import pandas as pd\nimport papermill as pm\npm.execute_notebook('a.ipynb', 'b.ipynb')\n",
        (1, "import pandas as pd"),
    ),
    (  # a command made at run time, through the shell
        "import subprocess\nfor n in [1, 2]:\n"
        "    subprocess.run(f'python s.py {n}', shell=True)\n",
        (3, "subprocess.run(f'python s.py {n}', shell=True)"),
    ),
    (  # one run stops the driver on failure, the other does not: the first run is named
        "import subprocess\nsubprocess.run(['python', 'a.py'], check=True)\n"
        "subprocess.call(['python', 'b.py'])\n",
        (2, "subprocess.run(['python', 'a.py'], check=True)"),
    ),
]


@pytest.mark.parametrize(("python", "refused"), REFUSED)
def test_the_statement_that_stops_the_driver_reading_is_named(
    python: str, refused: tuple[int, str]
) -> None:
    assert refused_run(python) == refused


@pytest.mark.parametrize(
    "python",
    [
        "import papermill as pm\npm.execute_notebook('a.ipynb', 'b.ipynb')\n",  # a driver
        "import subprocess\nhead = subprocess.run(['git', 'rev-parse', 'HEAD'])\n",  # not a run
        "import os\nprint(os.getcwd())\n",  # runs nothing
        "def f(:\n",
    ],
)
def test_drivers_and_scripts_running_no_notebook_are_not_named(python: str) -> None:
    assert refused_run(python) is None


def test_converting_a_folder_warns_about_a_driver_it_does_not_read(tmp_path: Path) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    cell = {"cell_type": "code", "id": "c1", "metadata": {}, "outputs": [],
            "execution_count": None, "source": "alpha = 1\nbeta = alpha * 2"}
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (folder / "train.ipynb").write_text(json.dumps(notebook))
    (folder / "run_all.py").write_text(
        "import papermill as pm\nimport random\n\n"
        "pm.execute_notebook('train.ipynb', 'out.ipynb', parameters={'alpha': random.random()})\n"
    )
    generated = api.generate([folder], tmp_path / "project", Options())
    notes = [d for d in generated.diagnostics if d.code == "python-driver-not-read"]
    assert [(d.source, d.line, d.level) for d in notes] == [("run_all.py", 2, "warning")]
    assert "`import random`" in notes[0].message
