"""Map the paths JupyterLab sends (contents-API paths) to files under the server root.

Every path a request names goes through `resolve`, which refuses, with `PathRefused` (HTTP 403),
absolute paths, ``..`` components and anything that resolves (through symlinks) outside the root.
"""

from __future__ import annotations

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
