"""Python files that run notebooks or scripts but are not read as drivers: a warning each.

A folder's `.py` file that only runs notebooks and scripts is read as a driver
(`python_driver.py`). One that also computes, or runs them in a way the reading does not know
(a command built at run time, `shell=True`, a loop over a computed list), is left to be a local
module, and the runs it makes are not in the pipeline — which the user must hear, with the line
that decided it. Runs of other programs (`git`, `ls`) do not count: any script may make those.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Sequence
from pathlib import Path

from ..knowledge.driver_calls import ARGV_RUNS, INTERPRETERS, PAPERMILL_RUNS, SHELL_RUNS
from ..model import Diagnostic
from ..model.disk import DiskSnapshot
from .driver_words import DriverWords, import_aliases
from .files import absolute
from .python_driver import read_driver
from .workspace import files_below


def unread_drivers(paths: Sequence[Path], root: Path, read: set[Path], disk: DiskSnapshot
                   ) -> tuple[Diagnostic, ...]:
    """A warning for each `.py` file under the folders of ``paths`` that runs notebooks or
    scripts and is neither converted nor run by a driver (``read``: the files that are), as
    ``disk`` (the snapshot discovery read them in) lists and holds them."""
    notes: list[Diagnostic] = []
    for folder in (p for p in paths if os.path.abspath(p) in disk.listed):
        for file in files_below(disk, folder, (".py",)):
            data = disk.texts.get(os.path.abspath(file))
            if absolute(file) in read or data is None:
                continue
            try:
                refused = refused_run(data.decode("utf-8"))
            except UnicodeDecodeError:
                continue
            if refused is not None:
                line, statement = refused
                where = file.resolve().relative_to(root.resolve()).as_posix()
                message = (
                    f"runs notebooks or scripts, but is not read as a driver because of "
                    f"`{statement.splitlines()[0]}`: its runs are not part of the pipeline (the "
                    f"notebooks it runs are converted on their own, without its parameters); "
                    f"a driver only imports running and path modules and runs literal commands"
                )
                notes.append(
                    Diagnostic("warning", "python-driver-not-read", message, where, None, line)
                )
    return tuple(notes)


def refused_run(text: str) -> tuple[int, str] | None:
    """For Python code that runs notebooks or scripts (`knowledge/driver_calls.py`) but is not
    read as a driver: the line and text of the first statement the reading does not know (or of
    the first run, when the runs disagree on whether a failure stops the driver). None for a
    driver, for code running nothing, and for code that does not parse."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    names = DriverWords()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.aliases.update(import_aliases(node))
    runs = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and runs_notebook_or_script(node, names)
    ]
    if not runs:
        return None
    reader, lines = read_driver(tree)
    if lines is not None:
        return None
    where = reader.refused or min(runs, key=lambda node: node.lineno)
    return where.lineno, ast.get_source_segment(text, where) or ast.unparse(where)


#: Words of a command line that runs a notebook or a script.
RUNNER_WORDS = re.compile(r"\b(python\d*(\.\d+)?|papermill|jupyter|bash|sh)\b|\.(py|ipynb|sh)\b")


def runs_notebook_or_script(call: ast.Call, names: DriverWords) -> bool:
    """A papermill run, or a subprocess / `os.system` call whose command names an interpreter,
    a notebook or a script (not `git`, `ls`: those a script may call for its own ends)."""
    name = names.dotted(call.func)
    if name in PAPERMILL_RUNS:
        return True
    if name not in ARGV_RUNS and name not in SHELL_RUNS:
        return False
    if any(
        names.dotted(node) in INTERPRETERS for node in ast.walk(call) if isinstance(node, ast.expr)
    ):
        return True
    words = [
        node.value
        for node in ast.walk(call)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    return any(RUNNER_WORDS.search(word) for word in words)
