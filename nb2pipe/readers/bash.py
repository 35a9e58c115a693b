"""Read a bash driver script from disk into a `BashScript` (steps in the order the script runs).

The only I/O of the bash layer: the script's text, and the Python scripts it calls (to bind
their command-line arguments). Parsing and facts are pure (`analysis.bash_facts`).
"""

from __future__ import annotations

from pathlib import Path

from nb2pipe.analysis.bash_facts import script_facts
from nb2pipe.analysis.bash_model import BashScript


def read_bash(path: str | Path, root: str | Path, start: str | None = None) -> BashScript:
    """Read a bash script and the facts of each of its steps.

    Args:
        path: The script.
        root: The conversion root: paths in the result are relative to it when inside it.
        start: Directory the script is run from, relative to the root; default: the script's
            own folder.

    Returns:
        The script's steps. Python scripts it calls that exist under the root are read too,
        so their argparse/click/sys.argv arguments are bound to the call's words.

    Raises:
        OSError: If the script cannot be read.
    """
    script_path = Path(path).resolve()
    root_path = Path(root).resolve()
    text = script_path.read_text(encoding="utf-8", errors="replace")
    source = _relative(script_path, root_path)
    first = script_facts(text, source, root_path.as_posix(), start)
    called = sorted({c.script for s in first.steps for c in s.python if c.script.endswith(".py")})
    sources = {name: _read_python(root_path, name) for name in called}
    found = {name: code for name, code in sources.items() if code is not None}
    if not found:
        return first
    return script_facts(text, source, root_path.as_posix(), start, found)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _read_python(root: Path, name: str) -> str | None:
    """The source of a called script inside the root (scripts outside it are not read)."""
    if name.startswith("/"):
        return None
    file = root / name
    try:
        return file.read_text(encoding="utf-8", errors="replace") if file.is_file() else None
    except OSError:
        return None
