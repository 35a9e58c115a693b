"""Shell scripts (`.sh`) → Source: the script's text as one code cell, language "bash".

Reading is all this module does: the statements are parsed and turned into steps by
`analysis.bash_facts` (and into nodes by `analysis.drivers`), which never touch the disk.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..model import Cell, Diagnostic, Source
from .files import absolute


def read_shell(path: Path, relative: PurePosixPath) -> Source:
    """The script as a Source with one code cell holding its whole text.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError([Diagnostic("error", "unreadable", str(error), str(relative))]) from None
    if "\x00" in text or "\x01" in text:
        line = text[: min(i for i in (text.find("\x00"), text.find("\x01")) if i >= 0)].count("\n")
        message = "holds control bytes (NUL or \\x01): not a text script"
        problem = Diagnostic("error", "binary-script", message, str(relative), line=line + 1)
        raise InputError([problem])
    cell = Cell(index=0, ref="1", kind="code", source=text)
    return Source(
        path=relative, abspath=str(absolute(path)), kind="script", cells=(cell,), language="bash"
    )
