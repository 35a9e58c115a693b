"""The only module that writes the generated project to disk, and reads what is there now.

``write`` is all or nothing for the project as a whole, even across ``kill -9``: it holds the
folder's write lock (``target_lock``: a second conversion is refused) and commits through a
journal in ``.nb2pipe/txn/`` that the next run completes or rolls back (``transaction``; the
protocol is in its docstring and docs/reliability.md). Ownership
comes from the manifest (``.nb2pipe/manifest.json``) of the previous conversion: a file nb2pipe
wrote and the user has not changed since (same sha256) may be replaced or removed; anything else
is the user's, and is never overwritten without ``force`` and never deleted.

Folder kinds (``inspect_target``): a missing or empty folder is "new"; a folder with a manifest is
"generated" (or "kedro" when that manifest says nb2pipe only added pipelines to a Kedro project);
a folder whose ``pyproject.toml`` has ``[tool.kedro]`` is "kedro". Any other non-empty folder is
reported as "new", and ``write`` refuses it (OutputError) unless ``force``.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

import tomllib

from . import target_lock, transaction
from .digests import Content, digest, file_digest
from .errors import BusyError, OutputError
from .model import Target

MANIFEST = PurePosixPath(".nb2pipe/manifest.json")
#: Entries that do not make a folder "non-empty" for ``write``.
IGNORABLE = frozenset({".git", ".DS_Store"})

Files = Mapping[PurePosixPath, Content]


@dataclass(frozen=True, slots=True)
class FileChange:
    """What writing one path does (or did) to the target folder."""

    path: PurePosixPath
    status: Literal["added", "modified", "removed", "unchanged"]
    #: Unified diff for text files ("" for unchanged and binary files).
    diff: str = ""


# ------------------------------------------------------------------------------------ reading
def inspect_target(out: Path) -> Target:
    """Classify the output folder (see the module docstring).

    Raises:
        OutputError: ``out`` exists and is not a folder, or its manifest/pyproject is unreadable.
    """
    if not out.exists():
        return Target(out, "new")
    if not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    package = _kedro_package(out)
    manifest = read_manifest(out)
    if manifest:
        return Target(out, "generated" if manifest.get("scaffold", True) else "kedro", package)
    if package:
        return Target(out, "kedro", package)
    return Target(out, "new")


def _kedro_package(out: Path) -> str | None:
    pyproject = out / "pyproject.toml"
    if not pyproject.is_file():
        return None
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise OutputError(f"cannot read {pyproject}: {error}") from error
    kedro = data.get("tool", {}).get("kedro")
    return str(kedro.get("package_name")) if isinstance(kedro, dict) else None


def read_manifest(out: Path) -> dict[str, object]:
    """The manifest of the previous conversion into ``out`` ({} when there is none)."""
    path = out / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OutputError(f"cannot read {path}: {error}") from error
    return data if isinstance(data, dict) else {}


def _owned(manifest: Mapping[str, object]) -> dict[str, str]:
    generated = manifest.get("generated", {})
    return {str(k): str(v) for k, v in generated.items()} if isinstance(generated, dict) else {}


def _seeds(files: Files) -> frozenset[str]:
    """Files the new manifest marks as written once, then the user's (credentials)."""
    text = files.get(MANIFEST)
    if not isinstance(text, str):
        return frozenset()
    seeds = json.loads(text).get("seeds", [])
    return frozenset(str(s) for s in seeds)


# -------------------------------------------------------------------------------------- diff
def diff(files: Files, out: Path) -> tuple[FileChange, ...]:
    """What ``write(files, out)`` would change, per path, sorted.

    ``removed`` lists files the previous manifest says nb2pipe generated, that the new output
    no longer has, and that are unchanged since (changed ones are the user's and stay).
    """
    owned = _owned(read_manifest(out))
    seeds = _seeds(files)
    changes = [
        _change(path, content, out / path, path.as_posix() in seeds)
        for path, content in files.items()
    ]
    changes += [FileChange(p, "removed") for p in _stale(files, out, owned)]
    return tuple(sorted(changes, key=lambda c: c.path.as_posix()))


def _change(path: PurePosixPath, content: Content, dest: Path, seed: bool) -> FileChange:
    if not dest.is_file():
        return FileChange(path, "added", _unified(path, None, content))
    if seed or file_digest(dest) == digest(content):
        return FileChange(path, "unchanged")
    return FileChange(path, "modified", _unified(path, dest, content))


def _unified(path: PurePosixPath, dest: Path | None, content: Content) -> str:
    if not isinstance(content, str):
        return ""
    try:
        old = dest.read_text(encoding="utf-8") if dest else ""
    except UnicodeDecodeError:
        return ""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        content.splitlines(keepends=True),
        fromfile=f"a/{path}" if dest else "/dev/null",
        tofile=f"b/{path}",
    )
    return "".join(lines)


def _stale(files: Files, out: Path, owned: Mapping[str, str]) -> list[PurePosixPath]:
    stale = []
    for name, sha in sorted(owned.items()):
        path = PurePosixPath(name)
        dest = out / path
        if path not in files and dest.is_file() and file_digest(dest) == sha:
            stale.append(path)
    return stale


# ------------------------------------------------------------------------------------- write
def write(files: Files, out: Path, *, force: bool = False) -> tuple[FileChange, ...]:
    """Write ``files`` into ``out``: all or nothing, never clobbering the user's files.

    Holds the folder's write lock (`target_lock`) throughout, first finishes or undoes a write
    that was interrupted there, then commits through the journal (`transaction`).

    Returns:
        The changes made (as ``diff`` computed them before writing).

    Raises:
        BusyError: another conversion is writing into ``out``.
        OutputError: files the user owns are in the way (all named; nothing written) unless
            ``force``, the folder is non-empty and not a project, or writing failed (every
            previous file is back in place).
    """
    with target_lock.hold(out):
        transaction.recover(out)
        changes = diff(files, out)
        _check_ownership(files, changes, out, force)
        todo = [c.path for c in changes if c.status in ("added", "modified")]
        removed = [c.path for c in changes if c.status == "removed"]
        if todo or removed:
            ordered = sorted(todo, key=lambda p: p == MANIFEST)  # manifest last
            transaction.commit(out, files, ordered, removed)
    return changes


def recover(out: Path) -> str:
    """Finish or undo a write into ``out`` that was interrupted (``kill -9``, power cut), unless
    another conversion is writing there now; what was done ("" for nothing). Every command
    that reads a target calls this first (`api.generate`)."""
    if not (out / transaction.NB2PIPE).is_dir() and not any(
        out.parent.glob(f".{out.name}.nb2pipe-*")
    ):
        return ""
    try:
        with target_lock.hold(out):
            return transaction.recover(out)
    except BusyError:
        return ""


def _check_ownership(files: Files, changes: Iterable[FileChange], out: Path, force: bool) -> None:
    blocked = [c.path.as_posix() for c in changes if _not_a_file(out / c.path)]
    if blocked:
        raise OutputError(f"folders are in the way of files nb2pipe writes: {', '.join(blocked)}")
    if force:
        return
    owned = _owned(read_manifest(out))
    if not owned and inspect_target(out).kind == "new" and _non_empty(out):
        raise OutputError(
            f"{out} is not empty and is neither a Kedro project nor one nb2pipe generated; "
            "choose another folder or use --force"
        )
    clobbered = [
        c.path.as_posix()
        for c in changes
        if c.status == "modified"
        and c.path != MANIFEST
        and not _unchanged_since(out, c.path, owned)
    ]
    if clobbered:
        listing = "\n  ".join(clobbered)
        raise OutputError(
            f"these files in {out} were not generated by nb2pipe, or were edited since; "
            f"use --force to overwrite them:\n  {listing}"
        )


def _not_a_file(path: Path) -> bool:
    return path.exists() and not path.is_file()


def _non_empty(out: Path) -> bool:
    return out.is_dir() and any(entry.name not in IGNORABLE for entry in out.iterdir())


def _unchanged_since(out: Path, path: PurePosixPath, owned: Mapping[str, str]) -> bool:
    sha = owned.get(path.as_posix())
    return sha is not None and file_digest(out / path) == sha
