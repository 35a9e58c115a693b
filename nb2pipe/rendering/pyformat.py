"""``ruff format`` for generated Python modules (the ruff package is a dependency of nb2pipe).

Formatting runs in ruff's isolated mode (no configuration file is read, so the cwd cannot change
the output) with ruff's defaults, which are also what the generated project would get. A project's
modules are formatted by one ruff run over a temporary folder (`format_many`: ruff formats the
files in parallel), not one process per module; the result is the same as `format_python` on
each module alone.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ruff.__main__ import find_ruff_bin

#: Formatted text by (code, filename): converting again (regeneration, tests) formats only what
#: changed. Bounded: the oldest half is dropped when it is full.
_CACHE: dict[tuple[str, str], str] = {}
CACHE_SIZE = 2048


class FormatError(ValueError):
    """ruff could not parse the module (the message is ruff's)."""


def format_python(code: str, filename: str = "module.py") -> str:
    """``code`` formatted by ``ruff format``; identical input gives identical output.

    Raises:
        FormatError: the code does not parse.
    """
    cached = _CACHE.get((code, filename))
    if cached is not None:
        return cached
    result = subprocess.run(
        [find_ruff_bin(), "format", "--isolated", "--stdin-filename", filename, "-"],
        input=code.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise FormatError(f"{filename}: {message}")
    return _remember(code, filename, result.stdout.decode("utf-8"))


def format_many(modules: Mapping[str, str]) -> dict[str, str | FormatError]:
    """Each module (by its path; the file name matters to ruff, e.g. ``.pyi``) formatted, or the
    FormatError `format_python` would raise for it; one ruff process for all of them."""
    done: dict[str, str] = {}
    todo: dict[str, str] = {}
    for path, code in modules.items():
        cached = _CACHE.get((code, name(path)))
        if cached is None:
            todo[path] = code
        else:
            done[path] = cached
    if len(todo) > 1:
        done.update(format_in_folder(todo))
    formatted: dict[str, str | FormatError] = {}
    for path, code in modules.items():
        try:
            formatted[path] = done[path] if path in done else format_python(code, name(path))
        except FormatError as error:
            formatted[path] = error
    return formatted


def format_in_folder(modules: Mapping[str, str]) -> dict[str, str]:
    """The modules ruff formatted in one run over a temporary folder; those it could not parse
    are left out (`format_python` then gives the error message, as for one module)."""
    with tempfile.TemporaryDirectory(prefix="nb2pipe-format-") as folder:
        files = {path: Path(folder, str(index), name(path)) for index, path in enumerate(modules)}
        for path, file in files.items():
            file.parent.mkdir()
            file.write_bytes(modules[path].encode("utf-8"))
        result = subprocess.run([find_ruff_bin(), "format", "--isolated", "--no-cache", "."],
                                cwd=folder, capture_output=True, check=False)
        errors = result.stderr.decode("utf-8", "replace")
        if result.returncode != 0 and "Failed to parse" not in errors:
            return {}  # ruff itself failed: each module alone
        done = {}
        for path, file in files.items():  # ruff names files relative to its cwd
            if f"Failed to parse {file.relative_to(folder).as_posix()}:" not in errors:
                done[path] = _remember(modules[path], name(path), file.read_bytes().decode("utf-8"))
        return done


def name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _remember(code: str, filename: str, text: str) -> str:
    if len(_CACHE) >= CACHE_SIZE:
        for key in list(_CACHE)[: CACHE_SIZE // 2]:
            del _CACHE[key]
    _CACHE[(code, filename)] = text
    return text
