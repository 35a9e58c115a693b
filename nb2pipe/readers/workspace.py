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
    `os.path.join` and as `pathlib.Path` spell it) and for ``folders`` (real paths only)."""
    spelled = {f.path for source in facts for chunk in source.chunks for f in chunk.files}
    paths = {p for s in spelled if "://" not in s
             for p in (os.path.join(str(root), s), str(Path(root, s)))}
    files = {p: os.path.getsize(p) for p in sorted(paths) if os.path.isfile(p)}
    present = frozenset(p for p in paths if p not in files and os.path.exists(p))
    real = {p: os.path.realpath(p) for p in [*sorted(paths), *(f for f in folders if f)]}
    return Workspace(files, present, real)
