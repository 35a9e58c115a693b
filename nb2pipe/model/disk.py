"""The disk as analysis may see it: a snapshot readers take before analysis (`DiskSnapshot`).

Analysis asks which names are files or folders (the local modules a source imports, the paths
an existence check names) and reads a few texts (those modules, `pip install -r` files). Readers
answer all of it ahead: every entry below the folders they listed, the texts of the `.py` and
requirement files there, and single paths they were asked about. A question the snapshot does
not cover is answered "not there" and named (`readers.disk_view.DiskView`), so that readers
can look and analysis run again (`reading.Seen`): analysis is a function of its inputs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

FILE, FOLDER, ABSENT = "file", "folder", ""


@dataclass(frozen=True, slots=True)
class DiskSnapshot:
    """What was on disk. Paths are absolute and normalised (no `.`, `..`, `//`, trailing `/`),
    except single paths looked up as they were asked (`kinds`)."""

    #: Folders whose every entry is in ``kinds`` (what is not there is absent).
    listed: frozenset[str] = frozenset()
    #: Path → FILE, FOLDER or ABSENT (symbolic links followed, as `os.path.isfile` does).
    kinds: Mapping[str, str] = field(default_factory=dict)
    #: Files read → their bytes (None: it could not be read).
    texts: Mapping[str, bytes | None] = field(default_factory=dict)

    def kind(self, path: str) -> str | None:
        """FILE, FOLDER or ABSENT; None when the snapshot does not say."""
        if path in self.kinds:
            return self.kinds[path]
        if not os.path.isabs(path) or path != os.path.normpath(path) or "/../" in f"{path}/":
            return None
        folder = os.path.dirname(path)
        while True:
            if folder in self.listed:
                return ABSENT
            known = self.kinds.get(folder)
            if known is not None and known != FOLDER:
                return ABSENT
            if known == FOLDER or folder == os.path.dirname(folder):
                return None
            folder = os.path.dirname(folder)

    def with_answers(self, kinds: Mapping[str, str], texts: Mapping[str, bytes | None]) -> DiskSnapshot:
        return DiskSnapshot(self.listed, {**self.kinds, **kinds}, {**self.texts, **texts})


#: A disk with nothing on it (analysis of a source given alone, in tests).
EMPTY_DISK = DiskSnapshot(listed=frozenset({"/"}), kinds={"/": FOLDER})
