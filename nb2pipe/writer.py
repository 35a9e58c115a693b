"""The only module that writes the generated project to disk (what is there now: `target_folder`).

``write`` is all or nothing for the project as a whole, even across ``kill -9``: it holds the
folder's write lock (``target_lock``: a second conversion is refused) and commits through a
journal in ``.nb2pipe/txn/`` that the next run completes or rolls back (``transaction``; the
protocol is in its docstring and docs/reliability.md). Ownership
comes from the manifest (``.nb2pipe/manifest.json``) of the previous conversion: a file nb2pipe
wrote and the user has not changed since (same sha256) may be replaced or removed; anything else
is the user's, and is never overwritten without ``force`` and never deleted.

Regeneration merges (docs/regeneration.md): ``.nb2pipe/base.json`` keeps the text of every file
nb2pipe generated last time, so a file both the user and the notebooks changed is merged three
ways (`merge`); a conflict is written between markers, and a later conversion refuses to merge
over unresolved markers (OutputError) unless ``force``, which takes the generated text.

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


from . import merge, target_lock, transaction
from .digests import Content, digest, file_digest
from .errors import BusyError, OutputError
from .target_folder import BASE, MANIFEST, inspect_target, read_base, read_manifest

#: Entries that do not make a folder "non-empty" for ``write``.
IGNORABLE = frozenset({".git", ".DS_Store"})

Files = Mapping[PurePosixPath, Content]


#: What writing one path does (FileChange.status).
ChangeStatus = Literal["added", "modified", "removed", "unchanged", "kept", "merged", "conflicted"]


@dataclass(frozen=True, slots=True)
class FileChange:
    """What writing one path does (or did) to the target folder."""

    path: PurePosixPath
    #: modified: the generated text replaces a file the user did not edit; kept: the user's
    #: file stays as it is; merged / conflicted: both changed, merged (with conflict markers).
    status: ChangeStatus
    #: Unified diff for text files ("" for unchanged and binary files).
    diff: str = ""
    #: 1-based lines of the conflict markers (``<<<<<<<``) written into the file.
    conflicts: tuple[int, ...] = ()
    #: Why a file is kept when it would otherwise go ("" when nothing to say).
    note: str = ""


# ------------------------------------------------------------------------------------ reading
# (what is at the folder now: target_folder.py)
def base_text(files: Files) -> str:
    """``.nb2pipe/base.json`` for ``files``: every generated text but the manifest and seeds."""
    seeds = _seeds(files)
    texts = {p.as_posix(): c for p, c in files.items()
             if isinstance(c, str) and p not in (MANIFEST, BASE) and p.as_posix() not in seeds}
    return json.dumps(dict(sorted(texts.items())), indent=0, ensure_ascii=False) + "\n"


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
def diff(files: Files, out: Path, *, force: bool = False) -> tuple[FileChange, ...]:
    """What ``write(files, out, force=force)`` would change, per path, sorted (the merged
    result, see `merged`; the merge base itself is not listed)."""
    return _listed(merged(files, out, force)[1])


def _listed(changes: Iterable[FileChange]) -> tuple[FileChange, ...]:
    return tuple(c for c in changes if c.path != BASE)


def merged(files: Files, out: Path, force: bool) -> tuple[dict[PurePosixPath, Content],
                                                          tuple[FileChange, ...]]:
    """What to write (``files`` plus the merge base, with merged texts) and the change per path.

    A file the user edited since the last conversion is merged three ways with the base
    (`merge.merge_file`) unless ``force``. ``removed`` lists files the previous manifest says
    nb2pipe generated, that the new output no longer has, and that are unchanged since; edited
    ones stay ("kept", with a note).

    Raises:
        OutputError: without ``force``, a file to merge still holds conflict markers.
    """
    owned, seeds, base = _owned(read_manifest(out)), _seeds(files), read_base(out)
    contents: dict[PurePosixPath, Content] = {**files, BASE: base_text(files)}
    changes, unresolved = [], []
    for path, content in contents.items():
        dest = out / path
        if not dest.is_file():
            changes.append(FileChange(path, "added", _unified(path, "", content)))
        elif path.as_posix() in seeds or file_digest(dest) == digest(content):
            changes.append(FileChange(path, "unchanged"))
        else:
            ours = _text(dest)
            old = base.get(path.as_posix())
            if force or old is None or ours is None or not isinstance(content, str) \
                    or path in (MANIFEST, BASE):
                changes.append(FileChange(path, "modified", _unified(path, ours, content)))
                continue
            if merge.conflict_lines(ours):
                unresolved.append(f"{path}:{merge.conflict_lines(ours)[0]}")
            result = merge.merge_file(path.as_posix(), old, ours, content)
            contents[path] = result.text
            changes.append(_merge_change(path, ours, result))
    if unresolved:
        raise OutputError(
            "these files still hold conflict markers from the last conversion; resolve them "
            "(keep one side, delete the <<<<<<< ======= >>>>>>> lines), or use --force to take "
            "the generated text:\n  " + "\n  ".join(unresolved)
        )
    changes += _stale(files, out, owned)
    return contents, tuple(sorted(changes, key=lambda c: c.path.as_posix()))


_HOW: dict[str, ChangeStatus] = {"take": "modified", "keep": "kept", "merged": "merged",
                                 "conflicted": "conflicted", "unchanged": "unchanged"}


def _merge_change(path: PurePosixPath, ours: str, result: merge.Merged) -> FileChange:
    status = _HOW[result.how]
    shown = _unified(path, ours, result.text) if status != "kept" else ""
    return FileChange(path, status, shown, result.conflicts)


def _text(dest: Path) -> str | None:
    try:
        return dest.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None


def _unified(path: PurePosixPath, old: str | None, content: Content) -> str:
    if not isinstance(content, str) or old is None:
        return ""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True),
        content.splitlines(keepends=True),
        fromfile=f"a/{path}" if old else "/dev/null",
        tofile=f"b/{path}",
    )
    return "".join(lines)


def _stale(files: Files, out: Path, owned: Mapping[str, str]) -> list[FileChange]:
    """Files generated last time and no longer: removed, or kept when the user edited them."""
    stale = []
    for name, sha in sorted(owned.items()):
        path = PurePosixPath(name)
        dest = out / path
        if path in files or not dest.is_file():
            continue
        if file_digest(dest) == sha:
            stale.append(FileChange(path, "removed"))
        else:
            note = "no longer generated; kept because it was edited since"
            stale.append(FileChange(path, "kept", note=note))
    return stale


# ------------------------------------------------------------------------------------- write
#: The statuses whose file is written.
WRITTEN = frozenset({"added", "modified", "merged", "conflicted"})


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
        contents, changes = merged(files, out, force)
        _check_ownership(files, changes, out, force)
        todo = [c.path for c in changes if c.status in WRITTEN]
        removed = [c.path for c in changes if c.status == "removed"]
        if todo or removed:
            ordered = sorted(todo, key=lambda p: p == MANIFEST)  # manifest last
            transaction.commit(out, contents, ordered, removed)
    return _listed(changes)


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
        and c.path not in (MANIFEST, BASE)
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
