"""``ruff format`` for generated Python modules (the ruff package is a dependency of nb2pipe).

Formatting runs in ruff's isolated mode (no configuration file is read, so the cwd cannot change
the output) with ruff's defaults, which are also what the generated project would get.
"""

from __future__ import annotations

import functools
import subprocess

from ruff.__main__ import find_ruff_bin


class FormatError(ValueError):
    """ruff could not parse the module (the message is ruff's)."""


@functools.lru_cache(maxsize=512)
def format_python(code: str, filename: str = "module.py") -> str:
    """``code`` formatted by ``ruff format``; identical input gives identical output.

    Raises:
        FormatError: the code does not parse.
    """
    result = subprocess.run(
        [find_ruff_bin(), "format", "--isolated", "--stdin-filename", filename, "-"],
        input=code.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise FormatError(f"{filename}: {message}")
    return result.stdout.decode("utf-8")
