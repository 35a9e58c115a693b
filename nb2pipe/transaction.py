"""All-or-nothing replacement of nb2pipe's files in a project folder that also holds the user's
files (data, notebooks, ``.git``): a journal in ``.nb2pipe/txn/`` that the next run completes or
rolls back. Only ``writer`` calls `commit`; every entry point calls `recover` first, always
under the folder's write lock (`target_lock`), so a journal found there belongs to nobody.

The protocol. Every step is a ``rename`` or the creation of a new file inside ``txn/``, so a
``kill -9`` at any instant leaves one of these states, and `recover` knows what to do with each:

1. ``txn/journal.json`` is written (to a temporary name, then renamed): every path with its
   operation (``add``, ``replace``, ``remove``) and the sha256 of its new content, and the
   folders the write will create. *Killed here or before: nothing outside txn/ changed.*
2. The new files are written under ``txn/new/<path>``. *Same.*
3. The swap, path by path: the file being replaced or removed is renamed to ``txn/old/<path>``,
   then the new one is renamed from ``txn/new/<path>`` to its place (the manifest last).
   *Killed here: rollback.* For each journal entry, in reverse: a file in ``txn/old`` goes back
   to its place (over the new one, if it was already moved in); an added file is deleted when
   ``txn/new`` no longer holds it and its content is the journal's sha256 (so it is ours); then
   the folders the write created are removed if empty.
4. ``txn/journal.json`` is renamed to ``txn/committed.json``: the commit point. *Killed after
   this: completion*: folders emptied by removals are pruned and ``txn/`` goes (step 5).
5. ``txn/`` is renamed to ``.nb2pipe/trash-<random>`` and deleted. *Killed here: the trash
   folder is deleted by the next run.*

What is covered is the process dying (``kill -9``, the OOM killer, a crash): the kernel keeps
every write the process made. A power cut or a kernel crash is not: nothing is fsynced (fsyncing
each staged file cost about 0.3 s on the 36-file sample project here, more than the write
itself). User files are never touched: the journal only names paths the writer decided to add,
replace or remove (the writer's ownership rules, unchanged). ``NB2PIPE_WRITE_PAUSE=<seconds>`` (tests
and ``benchmarks/reliability.py``) sleeps after every step and names it on stderr, so a kill
can be aimed inside the write.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from .digests import Content, digest, file_digest
from .errors import OutputError
from .model import CopyFile

NB2PIPE = ".nb2pipe"
TXN = PurePosixPath(NB2PIPE, "txn")
JOURNAL, COMMITTED = "journal.json", "committed.json"
PAUSE_ENV = "NB2PIPE_WRITE_PAUSE"
#: Staging folders of nb2pipe versions before the journal (beside or inside the target).
LEGACY_STAGING = (".{name}.nb2pipe-*", ".nb2pipe-staging-*")


def commit(
    out: Path,
    files: Mapping[PurePosixPath, Content],
    writes: Sequence[PurePosixPath],
    removes: Sequence[PurePosixPath],
) -> None:
    """Put ``files[p]`` at ``out/p`` for every p in ``writes`` and delete ``removes``: all of it,
    or (on an error, or after a kill, once `recover` ran) none of it.

    Raises:
        OutputError: a file could not be staged or moved; everything was put back.
    """
    txn = out / TXN
    pause = _Pause()
    entries = [_entry(out, p, files[p]) for p in writes]
    entries += [{"op": "remove", "path": p.as_posix(), "sha": ""} for p in removes]
    journal = {"entries": entries, "created": _missing_folders(out, [*writes, TXN / "x"])}
    try:
        txn.mkdir(parents=True)
        _write_json(txn / JOURNAL, journal)
        pause("journal")
        for path in writes:
            _stage(files[path], txn / "new" / path)
            pause(f"stage {path}")
        for entry in entries:
            _swap(out, txn, entry, pause)
        os.replace(txn / JOURNAL, txn / COMMITTED)
    except OSError as error:
        _rollback(out, journal)
        _discard(out, journal)
        raise OutputError(f"writing {out} failed, nothing was changed: {error}") from error
    pause("commit")
    try:
        _complete(out, journal)
    except OSError:
        return  # written: the next run deletes what is left of txn/
    pause("done")


def recover(out: Path) -> str:
    """Finish or undo a write that was interrupted (see the module docstring); the caller holds
    the folder's lock. Returns "rolled back", "completed", "cleaned" or "" (nothing to do)."""
    done = _legacy(out)
    folder = out / NB2PIPE
    for trash in sorted(folder.glob("trash-*")) if folder.is_dir() else ():
        shutil.rmtree(trash, ignore_errors=True)
        done = done or "cleaned"
    txn = out / TXN
    if not txn.is_dir():
        _remove_empty([NB2PIPE], out)
        return done
    if (txn / COMMITTED).is_file():
        _complete(out, _read_json(txn / COMMITTED))
        return "completed"
    journal = _read_json(txn / JOURNAL) if (txn / JOURNAL).is_file() else {}
    _rollback(out, journal)
    _discard(out, journal)
    return "rolled back"


# --------------------------------------------------------------------------------- the steps
def _entry(out: Path, path: PurePosixPath, content: Content) -> dict[str, str]:
    op = "replace" if (out / path).is_file() or (out / path).is_symlink() else "add"
    return {"op": op, "path": path.as_posix(), "sha": digest(content)}


def _missing_folders(out: Path, paths: Sequence[PurePosixPath]) -> list[str]:
    """Folders under ``out`` the write will create, shallowest first."""
    missing: set[PurePosixPath] = set()
    for path in paths:
        missing.update(p for p in path.parents if p.parts and not (out / p).exists())
    return sorted((p.as_posix() for p in missing), key=lambda p: (p.count("/"), p))


def _stage(content: Content, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, CopyFile):
        shutil.copyfile(content.path, dest)
    else:
        dest.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def _swap(out: Path, txn: Path, entry: Mapping[str, str], pause: _Pause) -> None:
    path = entry["path"]
    dest = out / path
    if entry["op"] in ("replace", "remove"):
        backup = txn / "old" / path
        backup.parent.mkdir(parents=True, exist_ok=True)
        os.replace(dest, backup)
        pause(f"aside {path}")
    if entry["op"] != "remove":
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(txn / "new" / path, dest)
        pause(f"move {path}")


def _rollback(out: Path, journal: Mapping[str, Any]) -> None:
    """Undo the swap so far: every path as it was before step 3 (idempotent)."""
    txn = out / TXN
    for entry in reversed(journal.get("entries", [])):
        path = entry["path"]
        dest, backup = out / path, txn / "old" / path
        if entry["op"] != "add":
            if backup.is_file() or backup.is_symlink():
                os.replace(backup, dest)
        elif dest.is_file() and not (txn / "new" / path).exists():
            if file_digest(dest) == entry["sha"]:
                dest.unlink()


def _complete(out: Path, journal: Mapping[str, Any]) -> None:
    """After the commit point: prune folders emptied by removals, then drop ``txn/``."""
    removed = [e["path"] for e in journal.get("entries", []) if e["op"] == "remove"]
    for path in removed:
        parents = [p.as_posix() for p in PurePosixPath(path).parents if p.parts]
        _remove_empty(parents, out)
    _discard(out, {})


def _discard(out: Path, journal: Mapping[str, Any]) -> None:
    """Rename ``txn/`` to a trash folder and delete it; then the folders a rolled-back write
    created, when empty (``.nb2pipe`` too, once nothing is left in it)."""
    txn = out / TXN
    if txn.exists():
        trash = txn.with_name(f"trash-{secrets.token_hex(4)}")
        os.replace(txn, trash)
        shutil.rmtree(trash, ignore_errors=True)
    _remove_empty([*reversed(journal.get("created", [])), NB2PIPE], out)


def _remove_empty(folders: Sequence[str], out: Path) -> None:
    for name in folders:
        folder = out / name
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()


def _legacy(out: Path) -> str:
    """Staging folders of earlier versions (no journal): put back files they had moved aside
    whose place is empty, then delete them."""
    found = [p for p in out.parent.glob(LEGACY_STAGING[0].format(name=out.name)) if p.is_dir()]
    found += [p for p in out.glob(LEGACY_STAGING[1]) if p.is_dir()] if out.is_dir() else []
    for staging in found:
        old = staging / "old"
        for backup in sorted(old.rglob("*")) if old.is_dir() else ():
            dest = out / backup.relative_to(old)
            if backup.is_file() and not dest.exists() and dest.parent.is_dir():
                os.replace(backup, dest)
        shutil.rmtree(staging, ignore_errors=True)
    return "cleaned" if found else ""


# ---------------------------------------------------------------------------------- helpers
def _write_json(path: Path, data: Mapping[str, Any]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data), encoding="utf-8")
    os.replace(temporary, path)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OutputError(
            f"cannot read {path} to finish an interrupted write: {error}; "
            f"move {path.parent} away and convert again"
        ) from error
    return data if isinstance(data, dict) else {}


class _Pause:
    """The ``NB2PIPE_WRITE_PAUSE`` hook: sleep after each step and name it on stderr."""

    def __init__(self) -> None:
        text = os.environ.get(PAUSE_ENV, "")
        self.seconds = float(text) if text else None

    def __call__(self, step: str) -> None:
        if self.seconds is not None:
            sys.stderr.write(f"nb2pipe-write: {step}\n")
            sys.stderr.flush()
            time.sleep(self.seconds)
