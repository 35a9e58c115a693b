"""What a notebook run needs from outside the conversion root: the files the sources read there
(`../data/raw/y.csv`, a helper module on `sys.path.append("../lib")`) and the folders they write
into there (`../out/`). Verify puts them at the same relative place around its copy of the root,
so a cell that runs in Jupyter runs in verify too (convert brought those files into the project).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model import Plan


@dataclass(frozen=True, slots=True)
class Outside:
    """Absolute, normalised paths outside the root."""

    #: Files to copy (inputs, local modules).
    files: tuple[str, ...] = ()
    #: Folders to create (where the sources write).
    folders: tuple[str, ...] = ()

    def base(self, root: Path) -> str:
        """The folder holding the root and everything outside it that a run needs."""
        return os.path.commonpath([str(root), *self.files, *self.folders])


def outside_paths(plan: Plan, root: Path, manifest: Mapping[str, str]) -> Outside:
    """Inputs of the plan's catalog (copied from, or referenced at, a path outside ``root``), its
    local modules from outside it, and the folders of the files it writes outside it
    (``manifest``: original path relative to the root → project filepath)."""
    top = os.path.normpath(root)
    files = {os.path.normpath(p) for e in plan.catalog for p in (e.copy_from, e.filepath)
             if p and os.path.isabs(p) and os.path.isfile(p)}
    files |= {os.path.normpath(os.path.join(top, m.origin)) for m in plan.local_modules}
    folders = {os.path.dirname(os.path.normpath(os.path.join(top, p))) for p in manifest}
    return Outside(
        files=tuple(sorted(f for f in files if not inside(f, top))),
        folders=tuple(sorted(f for f in folders if not inside(f, top))),
    )


def inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


__all__ = ["Outside", "outside_paths"]
