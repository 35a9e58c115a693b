"""One writer per output folder: an exclusive, non-blocking lock on the folder itself.

Every write into a project folder (``nb2pipe convert``, ``api.apply``, the JupyterLab apply, and
the recovery of an interrupted write) holds this lock. A second writer, in another process or
another thread, is refused at once with `BusyError` (the CLI prints one line and exits 2); it
does not wait, so two conversions never interleave and a user is never left waiting on a hidden
lock.

How: ``flock(LOCK_EX | LOCK_NB)`` on a descriptor of the folder (no lock file is created, so
nothing is left behind). The kernel drops the lock when its process dies, even by ``kill -9``,
which is how the next run knows that a journal it finds (`transaction`) belongs to nobody. Within
one process the lock is re-entrant for the thread that holds it (``apply`` checks the target and
then writes under one hold). Where ``fcntl`` does not exist (Windows) only the in-process part
applies. A missing folder is created to be locked and removed again, with the parents this call
made, when it is still empty on release (the conversion failed before writing anything).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import BusyError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@dataclass
class _Hold:
    """The lock of one folder held by this process: by which thread, how many times."""

    thread: int
    fd: int | None
    count: int = 1


_HELD: dict[Path, _Hold] = {}
_REGISTRY = threading.Lock()


@contextmanager
def hold(out: Path) -> Iterator[None]:
    """Hold the write lock of ``out`` (created if missing) for the ``with`` block.

    Raises:
        BusyError: another process or thread holds it.
        OutputError: ``out`` cannot be created or opened (BusyError's base class).
    """
    made = _make(out)
    key = out.resolve()
    try:
        _acquire(key, out)
        try:
            yield
        finally:
            _release(key)
    finally:
        _remove_if_empty(made)


def _make(out: Path) -> list[Path]:
    """Create ``out`` and its missing parents; the ones made, deepest first."""
    missing = [p for p in (out, *out.parents) if not p.exists()]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        from .errors import OutputError  # noqa: PLC0415

        why = error.strerror or str(error)
        raise OutputError(f"cannot write the project to {out}: {why}") from None
    return missing


def _acquire(key: Path, out: Path) -> None:
    me = threading.get_ident()
    with _REGISTRY:
        held = _HELD.get(key)
        if held is not None:
            if held.thread != me:
                raise BusyError(out)
            held.count += 1
            return
        fd = _lock_fd(key, out)
        _HELD[key] = _Hold(me, fd)


def _lock_fd(key: Path, out: Path) -> int | None:
    if fcntl is None:  # pragma: no cover - Windows
        return None
    fd = os.open(key, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(fd)
        raise BusyError(out) from error
    return fd


def _release(key: Path) -> None:
    with _REGISTRY:
        held = _HELD[key]
        held.count -= 1
        if held.count:
            return
        del _HELD[key]
        if held.fd is not None:
            os.close(held.fd)  # closing the last descriptor releases the flock


def _remove_if_empty(made: list[Path]) -> None:
    for folder in made:
        try:
            folder.rmdir()
        except OSError:
            return  # not empty (the write succeeded), or gone: leave the rest
