"""Path normalisation for bash: a word made absolute against the working folder, shown
relative to the conversion root, and the paths that are not files."""

from __future__ import annotations

import posixpath

#: Root used when the caller gives none (shell lines of a notebook): paths inside it are
#: shown relative, exactly as with a real root.
ROOT_SENTINEL = "/__nb2pipe_root__"
#: Paths that are not files.
NOT_FILES = frozenset({"-", "/dev/null", "/dev/stdout", "/dev/stderr", "/dev/stdin", "/dev/tty"})


def absolute(path: str, cwd: str | None) -> str | None:
    """``path`` made absolute against ``cwd`` (None when it is relative and cwd is unknown)."""
    if path.startswith("/"):
        return posixpath.normpath(path)
    if cwd is None:
        return None
    return posixpath.normpath(posixpath.join(cwd, path))


def display(path: str | None, root: str) -> str | None:
    """An absolute path shown relative to ``root`` when inside it (``"."`` for the root)."""
    if path is None:
        return None
    if path == root:
        return "."
    if path.startswith(root.rstrip("/") + "/"):
        return path[len(root.rstrip("/")) + 1 :]
    return path


def normalise(spelled: str, cwd: str | None, root: str) -> str | None:
    """The path a command argument names, as steps show it; None if not a file or unknown.

    URLs are kept as they are, a trailing "/" (a directory's contents) is kept, and "-" or
    /dev/null are not files.
    """
    if spelled in NOT_FILES or not spelled:
        return None
    if "://" in spelled:
        return spelled
    shown = display(absolute(spelled, cwd), root)
    if shown is None:
        return None
    return shown + "/" if spelled.endswith("/") and shown != "/" else shown
