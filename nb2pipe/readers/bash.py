"""Shell scripts (`.sh`) → Source: the script's text as one code cell, language "bash".

Reading is all this module does: the statements are parsed and turned into steps by
`analysis.bash_facts` (and into nodes by `analysis.drivers`), which never touch the disk.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from ..errors import InputError
from ..model import Cell, Diagnostic, Source


def read_shell(path: Path, relative: PurePosixPath) -> Source:
    """The script as a Source with one code cell holding its whole text.

    Raises:
        InputError: the file cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        raise InputError([Diagnostic("error", "unreadable", str(error), str(relative))]) from None
    cell = Cell(index=0, ref="1", kind="code", source=text)
    return Source(
        path=relative, abspath=str(path.resolve()), kind="script", cells=(cell,), language="bash"
    )
