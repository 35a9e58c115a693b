"""Map the paths JupyterLab sends (contents-API paths) to files under the server root.

Every path a request names goes through `resolve`, which refuses, with `PathRefused` (HTTP 403),
absolute paths, ``..`` components and anything that resolves (through symlinks) outside the root.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath


class RequestError(Exception):
    """A request the server refuses; ``status`` is its HTTP status."""

    status = 400
    kind = "request"

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class PathRefused(RequestError):
    status = 403
    kind = "forbidden"


class PathMissing(RequestError):
    status = 404
    kind = "not-found"


class TooLarge(RequestError):
    status = 413
    kind = "too-large"


#: Files a conversion reads as code and copies into the project (sources, local modules,
#: ``%run`` scripts): a link to one outside the root would bring its content into the root.
CODE_SUFFIXES = (".ipynb", ".py", ".sh")


_DRIVE = re.compile(r"^[A-Za-z]:")


def resolve(root: Path, api_path: object, *, allow_hidden: bool = True) -> Path:
    """The absolute path of ``api_path`` (posix, relative to ``root``), which must stay inside it.

    ``root`` must already be resolved. The result is resolved too (symlinks followed), and may not
    exist yet (targets).
    """
    if not isinstance(api_path, str) or "\0" in api_path:
        raise RequestError(f"not a path: {api_path!r}")
    text = api_path.replace("\\", "/")
    if text.startswith("/") or _DRIVE.match(text):
        raise PathRefused(
            f"{api_path!r}: absolute paths are refused; give a path inside the server root"
        )
    parts = [p for p in PurePosixPath(text).parts if p not in ("", ".")]
    if ".." in parts:
        raise PathRefused(f"{api_path!r}: '..' is refused; give a path inside the server root")
    if not allow_hidden and any(p.startswith(".") for p in parts):
        raise PathRefused(f"{api_path!r}: hidden files and folders are not served")
    resolved = root.joinpath(*parts).resolve()
    if not is_inside(resolved, root):
        raise PathRefused(f"{api_path!r} leads outside the server root (symlink?)")
    return resolved


def links_outside(folder: Path, root: Path) -> list[str]:
    """Links under ``folder`` to code files outside ``root``, as contents-API paths, sorted.

    Hidden folders are skipped, as discovery skips them; links to folders are not followed
    (discovery does not follow them either). Raw data behind a link is not copied anyway: the
    planner copies only files inside the root (``Options.copy_within``).
    """
    found = []
    for current, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]
        for name in files:
            path = Path(current, name)
            if name.endswith(CODE_SUFFIXES) and path.is_symlink():
                if not is_inside(path.resolve(), root):
                    found.append(to_api(path, root))
    return sorted(found)


def is_inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def to_api(path: Path, root: Path) -> str:
    """The contents-API path of ``path`` (which must be inside ``root``)."""
    return path.relative_to(root).as_posix() if path != root else ""


def default_target(first: Path, root: Path) -> Path:
    """``<stem>_kedro`` next to the notebook (or folder) converted."""
    if first == root:
        raise RequestError("converting the server root needs an explicit target folder")
    stem = first.name if first.is_dir() else first.stem
    target = (first.parent / f"{stem}_kedro").resolve()
    if not is_inside(target, root):
        raise PathRefused(f"{stem}_kedro leads outside the server root (symlink?)")
    return target
