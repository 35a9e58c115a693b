"""The workspace snapshot: which of the files the sources name are on disk, their sizes and
real paths, looked at once after analysis so that planning is a pure function of its facts."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..model import SourceFacts, Workspace


def snapshot(root: str | Path, facts: Sequence[SourceFacts], folders: Iterable[str | None] = ()
             ) -> Workspace:
    """What is on disk for every path the sources read or write (joined to ``root`` both as
    `os.path.join` and as `pathlib.Path` spell it) and for ``folders`` (real paths only); the
    files of each folder the sources list."""
    accesses = [f for source in facts for chunk in source.chunks for f in chunk.files]
    spelled = {f.path for f in accesses}
    paths = {p for s in spelled if "://" not in s
             for p in (os.path.join(str(root), s), str(Path(root, s)))}
    files = {p: os.path.getsize(p) for p in sorted(paths) if os.path.isfile(p)}
    present = frozenset(p for p in paths if p not in files and os.path.exists(p))
    real = {p: os.path.realpath(p) for p in [*sorted(paths), *(f for f in folders if f)]}
    listed = {os.path.join(str(root), f.path) for f in accesses if f.io == "listing" and "://" not in f.path}
    listings = {p: folder_files(p) for p in sorted(listed) if os.path.isdir(p)}
    return Workspace(files, present, real, listings)


def folder_files(folder: str) -> tuple[tuple[str, int], ...]:
    """The files below ``folder`` (any depth, hidden ones too: the code may list them), as posix
    paths relative to it, with their sizes, sorted."""
    found = []
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        for name in names:
            path = os.path.join(top, name)
            if os.path.isfile(path):
                found.append((Path(os.path.relpath(path, folder)).as_posix(), os.path.getsize(path)))
    return tuple(sorted(found))
