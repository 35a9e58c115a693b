"""How nb2pipe identifies file contents: sha256 of what a file holds or will hold, and of a set of
input files. Pure reading; used by rendering (the manifest) and the writer (ownership)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from .model import CopyFile

#: What a generated file holds: text, bytes, or a copy of an input file.
Content = str | bytes | CopyFile


def digest(content: Content) -> str:
    """sha256 (hex) of the bytes a file will hold."""
    if isinstance(content, CopyFile):
        return file_digest(Path(content.path))
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str:
    """sha256 (hex) of a file on disk."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def fingerprint(paths: Iterable[Path]) -> str:
    """sha256 over the input files: their paths relative to their common folder, and contents.

    The order of ``paths`` does not matter; renaming, adding or editing an input changes it.
    """
    resolved = sorted({p.resolve() for p in paths})
    if not resolved:
        return hashlib.sha256(b"").hexdigest()
    root = Path(os.path.commonpath([p.parent for p in resolved]))
    total = hashlib.sha256()
    for path in sorted(resolved, key=lambda p: p.relative_to(root).as_posix()):
        name = path.relative_to(root).as_posix().encode("utf-8")
        total.update(len(name).to_bytes(8, "big") + name)
        total.update(bytes.fromhex(file_digest(path)))
    return total.hexdigest()


__all__ = ["Content", "digest", "file_digest", "fingerprint"]
