"""What analysis and drivers read of the disk: `DiskView`, the answers of readers' snapshot
(`model.DiskSnapshot`), which never touches the disk; the questions the snapshot does not cover
are answered "not there" and kept, and `UnseenPaths` hands them to readers
(`workspace.covering`), after which the analysis runs again on the larger snapshot."""

from __future__ import annotations

import os

from ..model.disk import ABSENT, EMPTY_DISK, FILE, FOLDER, DiskSnapshot


class DiskView:
    """Analysis' questions to a snapshot, answered from it alone; what it does not cover is
    answered "not there" and kept in ``missing`` (paths to look at) and ``unread`` (files to
    read). One view per analysed source; it never touches the disk."""

    def __init__(self, snapshot: DiskSnapshot = EMPTY_DISK) -> None:
        self.snapshot = snapshot
        self.missing: set[str] = set()
        self.unread: set[str] = set()

    def _kind(self, path: str) -> str:
        # `.` and `//` spell the same path; `..` after a link and a trailing `/` do not: as asked
        plain = os.path.isabs(path) and not path.endswith("/") and "/../" not in f"{path}/"
        key = os.path.normpath(path) if plain else path
        kind = self.snapshot.kind(key)
        if kind is None:
            self.missing.add(key)  # the key looked up: once covered, found
            return ABSENT
        return kind

    def has_file(self, path: str) -> bool:
        """``path`` is a file (symbolic links followed)."""
        return self._kind(path) == FILE

    def has_folder(self, path: str) -> bool:
        """``path`` is a folder (symbolic links followed)."""
        return self._kind(path) == FOLDER

    def text(self, path: str, errors: str = "strict") -> str:
        """The UTF-8 text of the file ``path``.

        Raises:
            OSError: it cannot be read (or the snapshot does not hold it yet).
            UnicodeDecodeError: it is not UTF-8 (with ``errors="strict"``).
        """
        texts = self.snapshot.texts
        key = path if path in texts else os.path.normpath(path) if os.path.isabs(path) else path
        if key in texts:
            data = texts[key]
            if data is None:
                raise OSError(f"cannot read {path}")
            return data.decode("utf-8", errors=errors)
        if self._kind(path) == FILE:
            self.unread.add(path)
        raise FileNotFoundError(path)

    def complete(self) -> bool:
        """Every question was answered by the snapshot."""
        return not self.missing and not self.unread

    def unseen(self) -> UnseenPaths:
        """What the snapshot did not answer, to hand to readers."""
        return UnseenPaths(frozenset(self.missing), frozenset(self.unread))


class UnseenPaths(Exception):
    """Analysis asked about paths the snapshot does not cover: readers look, then it runs again."""

    def __init__(self, missing: frozenset[str], unread: frozenset[str]) -> None:
        super().__init__(f"{len(missing) + len(unread)} paths not in the snapshot")
        self.missing = missing
        self.unread = unread

    def __reduce__(self) -> tuple[type[UnseenPaths], tuple[frozenset[str], frozenset[str]]]:
        return UnseenPaths, (self.missing, self.unread)
