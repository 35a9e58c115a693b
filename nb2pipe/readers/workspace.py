"""The workspace snapshots. Before analysis, `take`: every entry below the converted folders
and the texts of their `.py` and requirement files (`model.DiskSnapshot`, what analysis and
drivers read through `disk_view.DiskView`), grown by `covering` with the paths an analysis asked
about that it did not cover. After analysis, `snapshot`: which of the files the sources name are
on disk, their sizes and real paths, so that planning is a pure function of its facts."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..model import SourceFacts, Workspace
from ..model.disk import ABSENT, FILE, FOLDER, DiskSnapshot


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


def take(deep: Iterable[str | Path], shallow: Iterable[str | Path] = ()) -> DiskSnapshot:
    """Every entry below each folder of ``deep`` (hidden folders named, not entered; symbolic
    links to folders named, not followed: a question below them is a later `covering`'s) and the
    entries of each folder of ``shallow``; the texts of the `.py` and requirement files among
    them (`read_ahead`)."""
    listed: set[str] = set()
    kinds: dict[str, str] = {}
    texts: dict[str, bytes | None] = {}
    todo = [(os.path.abspath(f), False) for f in shallow] + [(os.path.abspath(f), True) for f in deep]
    while todo:
        folder, below = todo.pop()
        if folder in listed:
            continue
        try:
            with os.scandir(folder) as entries:
                found = sorted((e.name, kind_of(e), e.is_dir(follow_symlinks=False)) for e in entries)
        except OSError:
            continue
        listed.add(folder)
        kinds.setdefault(folder, FOLDER)
        for name, kind, real_folder in found:
            path = os.path.join(folder, name)
            kinds[path] = kind
            if kind == FILE and read_ahead(name):
                texts[path] = read_bytes(path)
            elif real_folder and below and not name.startswith("."):
                todo.append((path, True))
    return DiskSnapshot(frozenset(listed), kinds, texts)


def kind_of(entry: os.DirEntry[str]) -> str:
    try:
        return FOLDER if entry.is_dir() else FILE if entry.is_file() else ABSENT
    except OSError:
        return ABSENT


def read_ahead(name: str) -> bool:
    """Files whose text analysis may ask for, read with the listing: Python modules and
    requirement files by pip's usual names (any other `pip install -r` file is read on demand)."""
    return name.endswith(".py") or "requirements" in name and name.endswith((".txt", ".in"))


def read_bytes(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        return None


def covering(disk: DiskSnapshot, missing: Iterable[str], unread: Iterable[str]) -> DiskSnapshot:
    """``disk`` with the answers for the paths an analysis asked about that it did not cover
    (kinds as asked, symbolic links followed) and the texts of the files it wanted to read."""
    kinds = {p: FILE if os.path.isfile(p) else FOLDER if os.path.isdir(p) else ABSENT for p in sorted(missing)}
    return disk.with_answers(kinds, {p: read_bytes(p) for p in sorted(unread)})


def files_below(disk: DiskSnapshot, folder: str | Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files with one of ``suffixes`` below ``folder`` that ``disk`` lists (not hidden ones,
    nor those in hidden folders), as paths below ``folder`` spelled as given, sorted."""
    top = os.path.abspath(folder)
    found = []
    for path, kind in disk.kinds.items():
        if kind == FILE and path.startswith(top + os.sep) and path.endswith(suffixes):
            relative = path[len(top) + 1:]
            if not any(part.startswith(".") for part in relative.split(os.sep)):
                found.append(Path(folder, relative))
    return sorted(found)
