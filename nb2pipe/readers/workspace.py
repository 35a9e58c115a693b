"""The workspace snapshot: which of the files the sources name are on disk, their sizes and
real paths, looked at once after analysis so that planning is a pure function of its facts; and
``LocalFiles``, the view of the disk analysis reads through (it never touches the disk itself)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
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


class LocalFiles:
    """The files analysis may look at while it walks a source, read here so that analysis never
    touches the disk itself: the local modules a source imports (which names are folders or
    files, their text), the paths an existence check names, the requirement files `pip install
    -r` lists. Each answer is read once and kept (one view per analysed source). With ``given``
    (absolute path → text) the view is of those files alone and reads nothing (tests)."""

    def __init__(self, given: Mapping[str, str] | None = None) -> None:
        self._given = given
        self._kinds: dict[str, str] = {}
        self._texts: dict[tuple[str, str], str] = {}

    def _kind(self, path: str) -> str:
        if path not in self._kinds:
            if self._given is not None:
                below = any(p.startswith(path.rstrip(os.sep) + os.sep) for p in self._given)
                self._kinds[path] = "file" if path in self._given else "folder" if below else ""
            else:
                self._kinds[path] = "file" if os.path.isfile(path) else "folder" if os.path.isdir(path) else ""
        return self._kinds[path]

    def has_file(self, path: str) -> bool:
        """``path`` is a file (symbolic links followed)."""
        return self._kind(path) == "file"

    def has_folder(self, path: str) -> bool:
        """``path`` is a folder (symbolic links followed)."""
        return self._kind(path) == "folder"

    def text(self, path: str, errors: str = "strict") -> str:
        """The UTF-8 text of the file ``path``.

        Raises:
            OSError: it cannot be read.
            UnicodeDecodeError: it is not UTF-8 (with ``errors="strict"``).
        """
        key = (path, errors)
        if key not in self._texts and self._given is not None:
            if path not in self._given:
                raise FileNotFoundError(path)
            self._texts[key] = self._given[path]
        if key not in self._texts:
            self._texts[key] = Path(path).read_text(encoding="utf-8", errors=errors)
        return self._texts[key]
