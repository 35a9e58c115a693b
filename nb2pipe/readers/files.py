"""How readers name the file they read (shared by every reader)."""

from __future__ import annotations

from pathlib import Path


def absolute(path: Path) -> Path:
    """``path`` made absolute with its folders resolved but not the file itself: a symlink
    `run.sh` → `target` is read as `run.sh` (its suffix picks the reader), where it is."""
    return path.absolute().parent.resolve() / path.name
