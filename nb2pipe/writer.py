"""The only module that writes the generated project to disk, and reads what is there now.

``write`` is transactional per conversion: every file is first staged in a temporary folder next
to the target, then moved into place with ``os.replace`` (atomic per file). Files it replaces or
removes are moved aside first, so a failure halfway puts every previous file back. Ownership
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
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

import tomllib

from .digests import Content, digest, file_digest
from .errors import OutputError
from .model import CopyFile, Target

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

    Returns:
        The changes made (as ``diff`` computed them before writing).

    Raises:
        OutputError: files the user owns are in the way (all named; nothing written) unless
            ``force``, the folder is non-empty and not a project, or writing failed (every
            previous file is back in place).
    """
    changes = diff(files, out)
    _check_ownership(files, changes, out, force)
    todo = [c for c in changes if c.status in ("added", "modified")]
    removed = [c.path for c in changes if c.status == "removed"]
    if not todo and not removed:
        return changes
    fresh = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    staging = _staging_dir(out)
    try:
        _stage(files, [c.path for c in todo], staging / "new")
        _Swap(out, staging).run([c.path for c in todo], removed)
    except OutputError:
        if fresh and not any(out.iterdir()):
            out.rmdir()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return changes


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


def _staging_dir(out: Path) -> Path:
    """A fresh folder on the target's filesystem (next to it, else inside it)."""
    for parent, prefix in ((out.parent, f".{out.name}.nb2pipe-"), (out, ".nb2pipe-staging-")):
        try:
            return Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        except OSError:
            continue
    raise OutputError(f"cannot create a staging folder next to or inside {out}")


def _stage(files: Files, paths: Iterable[PurePosixPath], root: Path) -> None:
    try:
        for path in paths:
            dest = root / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            content = files[path]
            if isinstance(content, CopyFile):
                shutil.copyfile(content.path, dest)
            else:
                dest.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    except OSError as error:
        raise OutputError(f"cannot stage {path}: {error}") from error


class _Swap:
    """Moves staged files into place, keeping what it replaced until everything succeeded.

    Responsibilities: move old files aside, move new ones in, and, when any step fails, undo
    both in reverse order and remove the folders it created.
    """

    def __init__(self, out: Path, staging: Path) -> None:
        self.out, self.staging = out, staging
        #: (destination, its previous file set aside or None); undone in reverse order.
        self.undo: list[tuple[Path, Path | None]] = []
        self.created: list[Path] = []

    def run(self, new: list[PurePosixPath], removed: list[PurePosixPath]) -> None:
        """Move ``new`` in (manifest last) and ``removed`` out; all of it, or none of it."""
        try:
            for path in sorted(new, key=lambda p: p == MANIFEST):  # manifest last
                self._replace(path)
            for path in removed:
                self._set_aside(path)
        except OSError as error:
            self._rollback()
            raise OutputError(f"writing {self.out} failed, nothing was changed: {error}") from error
        self._prune([self.out / p for p in removed])

    def _replace(self, path: PurePosixPath) -> None:
        dest = self.out / path
        self._make_parents(dest.parent)
        existed = dest.exists()
        if existed:
            self._set_aside(path)
        os.replace(self.staging / "new" / path, dest)
        if not existed:
            self.undo.append((dest, None))

    def _set_aside(self, path: PurePosixPath) -> None:
        dest, backup = self.out / path, self.staging / "old" / path
        backup.parent.mkdir(parents=True, exist_ok=True)
        os.replace(dest, backup)
        self.undo.append((dest, backup))

    def _make_parents(self, folder: Path) -> None:
        missing = [p for p in (folder, *folder.parents) if not p.exists()]
        for parent in reversed(missing):
            parent.mkdir()
            self.created.append(parent)

    def _rollback(self) -> None:
        # Whatever is at a recorded destination now is new: the previous file was set aside.
        for dest, backup in reversed(self.undo):
            if dest.is_file() or dest.is_symlink():
                dest.unlink()
            if backup is not None:
                os.replace(backup, dest)
        for folder in reversed(self.created):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()

    def _prune(self, removed: list[Path]) -> None:
        """Remove folders emptied by stale-file removal (never ``out`` itself)."""
        for dest in removed:
            for folder in dest.parents:
                if folder == self.out or not folder.is_relative_to(self.out):
                    break
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
