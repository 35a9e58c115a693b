"""Where a file goes in the project: its path below the data layer's folder (`inner_path`: the
data-ish folders it sat in dropped), its path as users see it (`relative_to_root`), and whether a
raw input is copied into the project (small, inside the root) or referenced where it is
(`raw_placement`)."""

from __future__ import annotations

import os
from pathlib import Path

from ..knowledge.io_calls import URL_PREFIXES
from ..model import Diagnostic, Workspace

DATA_WORDS = {"data", "raw", "input", "inputs", "output", "outputs", "intermediate", "interim",
              "processed", "results", "models", "model", "reporting", "reports", "features", "figures"}


def inside(path: str, folder: str, workspace: Workspace) -> bool:
    folder = workspace.realpath(folder)
    return os.path.commonpath([folder, workspace.realpath(path)]) == folder


def inner_path(path: str) -> str:
    """`data/raw/wine.csv` → `wine.csv`: drop leading data-ish folders (and absolute prefixes)."""
    parts = [p for p in path.split("/") if p not in ("", ".", "..")]
    if os.path.isabs(path):
        parts = parts[-1:]
    while len(parts) > 1 and parts[0].lower() in DATA_WORDS:
        parts = parts[1:]
    return "/".join(parts)


def relative_to_root(path: str, root: str) -> str:
    """A file's path relative to the conversion root (`../out/x.csv` for one outside it): the
    project never holds an absolute path of the converting machine."""
    if not os.path.isabs(path):
        return path
    return Path(os.path.relpath(path, root)).as_posix()


def raw_placement(path: str, filepath: str, root: str, limit: int, workspace: Workspace,
                  within: str | None = None) -> tuple[str, str | None, Diagnostic | None]:
    """Copy a small existing input into data/01_raw; reference a large or missing one, and one
    outside ``within`` when that is given."""
    if path.startswith(URL_PREFIXES):
        return path, None, None
    absolute = path if os.path.isabs(path) else os.path.join(root, path)
    named = relative_to_root(path, root)
    if absolute in workspace.listings:  # a raw folder the code lists: copied whole, or referenced
        size = sum(s for _, s in workspace.listings[absolute])
        if within is not None and not inside(absolute, within, workspace):
            return absolute, None, Diagnostic(
                "warning", "raw-data-outside-root", f"raw data {named}/ is outside {within}: referenced, not copied")
        return (absolute, None, None) if size > limit else (filepath, absolute, None)
    if not workspace.has_file(absolute):  # the project stays self-contained: the file goes there
        return filepath, None, Diagnostic(
            "warning", "missing-input", f"input file {named} does not exist; the catalog expects it at {filepath}")
    if within is not None and not inside(absolute, within, workspace):
        return absolute, None, Diagnostic(
            "warning", "raw-data-outside-root", f"raw data {named} is outside {within}: referenced, not copied")
    if workspace.size(absolute) > limit:
        return absolute, None, None
    return filepath, absolute, None


def folder_files(folder: str, workspace: Workspace) -> tuple[str, ...]:
    """The files of a raw folder copied whole (none for a file)."""
    return tuple(name for name, _ in workspace.listings.get(folder, ()))
