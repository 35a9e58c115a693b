"""A generated project passes `ruff check` run in its folder, as its user runs it: what a fix
changes nothing of is fixed in the notebook's own code too (`dict()`, `range(0, n)`,
`import os.path as path`, `IOError`), and what only the notebook's design explains (a loop
variable reusing an argument's name, a mutable class attribute) is kept as written, ignored for
that file by the project's pyproject.toml, with a note. The pipeline still computes what the
notebook does."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from nb2pipe.api import generate

from .notebook_values import convert_and_compare

CELLS = [
    "import os.path as path",
    "def doubled(values, factor):\n"
    "    result = []\n"
    "    for factor in values:\n"
    "        result.append(factor * 2)\n"
    "    return result, factor",
    "class Registry:\n"
    "    names = []\n\n"
    "    def add(self, name):\n"
    "        self.names.append(name)\n"
    "        return self",
    "settings = dict(alpha=1, beta=2)\n"
    "squares = [i * i for i in range(0, 5)]\n"
    "base = path.basename('/data/raw/table.csv')",
    "try:\n"
    "    raise IOError('no such table')\n"
    "except IOError as error:\n"
    "    message = str(error)",
    "pairs, last = doubled(squares, 3)\n"
    "count = len(Registry().add('a').add('b').names) + settings['beta'] + len(message)",
]


def test_a_converted_project_is_ruff_clean_and_computes_the_same(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    assert {"settings", "squares", "base", "pairs", "last", "count"} <= set(got)
    assert expected["count"] == 2 + 2 + len("no such table") and expected["last"] == 16
    project = tmp_path / "project"
    ruff = Path(sys.executable).parent / "ruff"
    checked = subprocess.run([str(ruff), "check", "--no-cache", "."], cwd=project,
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    code = "\n".join(p.read_text() for p in (project / "src").rglob("*.py"))
    assert "dict(alpha" not in code and "range(0, 5)" not in code and "IOError" not in code
    ignores = tomllib.loads((project / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    kept = {code for codes in ignores["per-file-ignores"].values() for code in codes}
    assert kept == {"PLR1704", "RUF012"}
    notes = [d.message for d in generate([tmp_path / "nb"], project).diagnostics
             if d.code == "lint-kept"]
    assert len(notes) == 1 and "PLR1704, RUF012" in notes[0], notes
