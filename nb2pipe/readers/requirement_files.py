"""`pip install -r requirements.txt`: the requirements that file lists, read where pip reads it.

The translations of `!pip install` lines and the bash set-up table keep a requirements file as
the entry ``"-r <path>"``; this module replaces it by the file's requirement lines (nested `-r`
included), relative to the folder the install ran in. Converting reads the file, it runs nothing.
"""

from __future__ import annotations

from pathlib import Path

from ..model import Diagnostic
from .disk_view import DiskView

FILE_ENTRY = "-r "
#: Nested requirement files deeper than this are not followed (a file including itself).
MAX_DEPTH = 8


def expand(entries: tuple[str, ...] | list[str], folder: str | Path, where: str = "",
           files: DiskView | None = None) -> tuple[list[str], list[Diagnostic]]:
    """``entries`` with every ``"-r <path>"`` replaced by the requirements the file lists (read
    through ``files``, the view of readers' snapshot: nothing is read when None)."""
    files = files or DiskView()
    found: list[str] = []
    notes: list[Diagnostic] = []
    for entry in entries:
        if entry.startswith(FILE_ENTRY):
            found += file_requirements(Path(folder, entry[len(FILE_ENTRY):]), where, notes, 0, files)
        else:
            found.append(entry)
    return found, notes


def file_requirements(path: Path, where: str, notes: list[Diagnostic], depth: int,
                      files: DiskView) -> list[str]:
    """The requirement lines of one file: comments, blank lines and pip options left out."""
    try:
        text = files.text(str(path), errors="replace")
    except OSError:
        notes.append(Diagnostic(
            "warning", "missing-requirements-file",
            f"`pip install -r {path.name}`: {path} cannot be read; its packages are not in "
            "requirements.txt", where))
        return []
    found: list[str] = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        option, _, value = line.replace("=", " ", 1).partition(" ") if line.startswith("-") else ("", "", "")
        if option in ("-r", "--requirement") and value.strip() and depth < MAX_DEPTH:
            found += file_requirements(path.parent / value.strip(), where, notes, depth + 1, files)
        elif not option:
            found.append(line)
    return found
