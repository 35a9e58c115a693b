"""A Python driver read as the bash driver making the same runs (`readers/python_driver.py`)."""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from nb2pipe.model import Cell, Source
from nb2pipe.readers.python_driver import as_driver, driver_text

CASES = [
    (  # a papermill loop: numbers parsed (-p), the f-string a quoted word
        "import papermill as pm\nfor a in [0.5, 2]:\n"
        "    pm.execute_notebook('t.ipynb', f'runs/t_{a}.ipynb', parameters={'alpha': a})\n",
        "set -e\nfor a in 0.5 2; do\n"
        '  papermill t.ipynb "runs/t_${a}.ipynb" -p alpha "${a}"\ndone\n',
    ),
    (  # one run, keywords, strings raw (-r), the main guard unwrapped
        "from papermill import execute_notebook as run\nif __name__ == '__main__':\n"
        "    run(input_path='t.ipynb', output_path='o.ipynb', parameters=dict(name='7'))\n",
        "set -e\npapermill t.ipynb o.ipynb -r name 7\n",
    ),
    (  # subprocess over a glob, sys.executable is python, basename in an f-string
        "import glob, os, subprocess, sys\nos.makedirs('out', exist_ok=True)\n"
        "for f in sorted(glob.glob('data/*.csv')):\n"
        "    subprocess.run([sys.executable, 's.py', f, f'out/{os.path.basename(f)}'],"
        " check=True)\n",
        "set -e\nmkdir -p out\nfor f in data/*.csv; do\n"
        '  python s.py "${f}" "out/$(basename "${f}")"\ndone\n',
    ),
    (  # os.system over a folder listing: no `set -e` (a failure does not stop the driver)
        "import os\nfor n in os.listdir('d'):\n    os.system(f'python s.py d/{n} o/{n}')\n",
        "for n in $(ls d); do\n  python s.py d/${n} o/${n}\ndone\n",
    ),
]


@pytest.mark.parametrize(("python", "bash"), CASES)
def test_a_driver_reads_as_the_bash_script_making_its_runs(python: str, bash: str) -> None:
    text = driver_text(python)
    assert text is not None
    assert "\n".join(line for line in text.splitlines() if line) + "\n" == bash


def test_each_run_keeps_the_line_number_of_its_python_statement() -> None:
    """What the shell analysis says about "line N" points at the driver's line N."""
    python = (
        "import papermill as pm\nimport subprocess\n\n# sweep\nfor a in [1, 2]:\n"
        "    pm.execute_notebook(\n        't.ipynb',\n        f'runs/t_{a}.ipynb',\n"
        "        parameters={'a': a},\n    )\n\nsubprocess.run(['python', 's.py'], check=True)\n"
    )
    text = driver_text(python)
    assert text is not None
    lines = text.splitlines()
    assert lines[0] == "set -e"
    assert lines[4] == "for a in 1 2; do"  # line 5
    assert lines[5].startswith("  papermill t.ipynb")  # line 6
    assert lines[9] == "done"  # line 10, the loop's last
    assert lines[11] == "python s.py"  # line 12


NOT_DRIVERS = [
    "import pandas as pd\nimport os\nos.system('python x.py')\n",  # computes something itself
    "import os\nos.makedirs('out', exist_ok=True)\n",  # runs nothing
    "import papermill as pm\npm.execute_notebook('a.ipynb', 'b.ipynb', parameters=params())\n",
    "import subprocess\nsubprocess.run(['python', 'a.py'], check=True)\n"
    "subprocess.call(['python', 'b.py'])\n",  # one run stops the driver on failure, one does not
    "import os\nx = 1\nif x:\n    os.system('python a.py')\n",
    "import os\nos.system(f'python a.py {undefined}')\n",
    "def f(:\n",
]


@pytest.mark.parametrize("python", NOT_DRIVERS)
def test_other_code_is_not_a_driver(python: str) -> None:
    assert driver_text(python) is None


def test_a_notebook_driver_becomes_a_bash_source_with_a_note() -> None:
    cells = (
        Cell(0, "1", "code", "import papermill as pm"),
        Cell(1, "2", "markdown", "# Runs"),
        Cell(2, "3", "code", "pm.execute_notebook('t.ipynb', 'o.ipynb')"),
    )
    source = Source(PurePosixPath("drive.ipynb"), "/x/drive.ipynb", "notebook", cells)
    read = as_driver(source)
    assert read.language == "bash" and read.cells[0].source == "set -e\npapermill t.ipynb o.ipynb\n"
    assert [n.code for n in read.notes] == ["python-driver"]
    ordinary = Source(PurePosixPath("n.py"), "/x/n.py", "script", (Cell(0, "1", "code", "x = 1"),))
    assert as_driver(ordinary) is ordinary
