"""Readers: input files → `Source` (the one intermediate representation every later stage uses)."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..model import Diagnostic, Source
from ..model.disk import DiskSnapshot
from .bash import read_shell
from .files import absolute
from .gallery import is_gallery_text, read_gallery
from .notebook import read_notebook
from .percent import CELL_MARKER_BYTES, read_percent, read_text
from .python_driver import as_driver, driver_text
from .workspace import files_below, take


def read_script(path: Path, relative: PurePosixPath) -> Source:
    """A `.py` file: a sphinx-gallery script (`gallery.is_gallery_text`) split by its rules,
    any other (percent script, plain script) by its `# %%` markers."""
    if is_gallery_text(read_text(path, relative)):
        return read_gallery(path, relative)
    return read_percent(path, relative)


#: Reader per file suffix. Please add rows here for new input formats.
READERS: dict[str, Callable[[Path, PurePosixPath], Source]] = {
    ".ipynb": read_notebook,
    ".py": read_script,
    ".sh": read_shell,
}


def discover(paths: Sequence[Path], disk: DiskSnapshot | None = None) -> tuple[Path, ...]:
    """The convertible files under ``paths``: folders are searched recursively, skipping
    `.ipynb_checkpoints` and hidden folders. Notebooks and shell scripts (`.sh`) count; `.py` files
    count when given explicitly or when they are percent scripts (`# %%`), sphinx-gallery
    scripts (`gallery.is_gallery_text`) or Python drivers (`python_driver.py`). Other `.py` files
    are local modules, unless a shell script runs them (`api` reads those once the scripts are
    parsed). Sorted, so the result never depends on disk order. The folders are read from
    ``disk`` (`workspace.take` of them, taken here when None)."""
    found: set[Path] = set()
    folders = []
    for path in paths:
        if not path.exists():
            raise InputError([Diagnostic("error", "missing-input", "no such file or folder", str(path))])
        if path.is_file():
            if path.suffix not in READERS:
                raise InputError(
                    [Diagnostic("error", "unsupported-input", "not a .ipynb, .py or .sh file", str(path))]
                )
            found.add(absolute(path))
            continue
        folders.append(str(path))
    disk = disk if disk is not None else take(folders)
    for folder in folders:
        for file in files_below(disk, folder, (".ipynb", ".sh", ".py")):
            if file.suffix != ".py" or is_script_text(disk.texts.get(os.path.abspath(file))):
                found.add(absolute(file))
    if not found:
        message = "no notebooks or scripts found (.ipynb, .sh, `# %%` or sphinx-gallery .py)"
        raise InputError([Diagnostic("error", "no-input", message, ", ".join(folders))])
    return tuple(sorted(found))


def is_script_text(data: bytes | None) -> bool:
    """A `.py` file's bytes a folder conversion picks up: a percent or a sphinx-gallery script, or
    a Python driver (it only runs notebooks and scripts: `python_driver.py`)."""
    if data is None:
        return False
    if any(CELL_MARKER_BYTES.match(line) for line in data.splitlines()):
        return True
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return is_gallery_text(text) or driver_text(text) is not None


def read(path: Path, root: Path) -> Source:
    """Read one input file into a Source; paths in messages are relative to ``root``."""
    path = absolute(path)
    try:
        relative = PurePosixPath(path.relative_to(root.resolve()).as_posix())
    except ValueError:
        relative = PurePosixPath(path.name)
    return as_driver(READERS[path.suffix](path, relative))


__all__ = ["READERS", "discover", "read"]
