"""Conversions started from JupyterLab: one `Job` per preview, kept until applied or discarded.

The work itself is `nb2pipe.api` (the CLI's code path); this module only runs it off the event
loop's thread, records progress for the status endpoint and turns results and errors into JSON
(`replies`).
Nothing here imports tornado.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from ..options import Options
from .paths import is_inside, to_api
from .replies import error_json, preview_json

log = logging.getLogger(__name__)

State = Literal["running", "done", "error", "applied", "discarded"]

#: Finished jobs kept at most (the oldest finished ones go first), and for how long.
MAX_JOBS = 32
MAX_AGE_SECONDS = 6 * 3600


class Conflict(Exception):
    """Apply refused: the inputs or the target changed since the preview (HTTP 409)."""

    def __init__(self, reason: Literal["inputs", "target", "state"], message: str):
        self.reason = reason
        self.message = message
        super().__init__(message)


@dataclass
class Job:
    """One preview and, once accepted, its apply. Mutated only under `JobStore.lock`."""

    id: str
    #: The server root (resolved) and the conversion's inputs and target under it.
    root: Path
    paths: tuple[Path, ...]
    target: Path
    options: Options
    created: float = field(default_factory=time.time)
    state: State = "running"
    #: Latest ``progress(path, done, total)`` call of the API.
    progress: tuple[str, int, int] | None = None
    preview: Any = None  # nb2pipe.api.Preview once done
    error: dict[str, Any] | None = None
    written: tuple[Any, ...] = ()
    #: Diagnostics of the server extension itself (shown with the converter's).
    notes: list[dict[str, Any]] = field(default_factory=list)
    finished: float | None = None
    applying: bool = False

    def to_json(self, with_result: bool = True) -> dict[str, Any]:
        reply: dict[str, Any] = {
            "id": self.id,
            "state": self.state,
            "paths": [to_api(p, self.root) for p in self.paths],
            "target": to_api(self.target, self.root),
            "options": {
                "memory": self.options.memory,
                "keep_going": self.options.keep_going,
                "strict": self.options.strict,
                "force": self.options.force,
            },
            "python": self.options.python,
            "elapsed": round((self.finished or time.time()) - self.created, 3),
            "progress": _progress_json(self.progress, self.root),
        }
        if self.error is not None:
            reply["error"] = self.error
        if with_result and self.preview is not None:
            reply["result"] = preview_json(self.preview, self.root, self.paths)
            reply["result"]["diagnostics"][:0] = self.notes
        if self.state == "applied":
            reply["written"] = [{"path": str(c.path), "status": c.status,
                                 "conflicts": list(c.conflicts)} for c in self.written]
        return reply


class JobStore:
    """The jobs of one server, by id."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.jobs: dict[str, Job] = {}

    def add(self, root: Path, paths: Sequence[Path], target: Path, options: Options) -> Job:
        job = Job(secrets.token_hex(8), root, tuple(paths), target, options)
        with self.lock:
            self._evict()
            self.jobs[job.id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def discard(self, job_id: str) -> Job | None:
        with self.lock:
            job = self.jobs.pop(job_id, None)
            if job is not None and job.state != "applied":
                job.state = "discarded"
                job.preview = None
            return job

    def _evict(self) -> None:
        now = time.time()
        done = sorted(
            (j for j in self.jobs.values() if j.state != "running" and not j.applying),
            key=lambda j: j.created,
        )
        for job in done:
            if now - job.created > MAX_AGE_SECONDS or len(self.jobs) >= MAX_JOBS:
                del self.jobs[job.id]


# ------------------------------------------------------------------------------- work (threads)
def run_preview(job: Job) -> None:
    """Preview the conversion (``api.preview``); runs in an executor thread, never raises."""

    def progress(path: str, done: int, total: int) -> None:
        job.progress = (path, done, total)

    try:
        from .. import api

        preview = api.preview(list(job.paths), job.target, job.options, progress)
        job.preview = preview
        job.state = "done"
    except Exception as error:  # every failure becomes a readable error in the UI
        job.error = error_json(error, job.root, job.paths)
        job.state = "error"
    finally:
        job.finished = time.time()


def run_apply(job: Job, store: JobStore) -> tuple[Any, ...]:
    """Write exactly what was previewed; runs in an executor thread.

    Raises:
        Conflict: the inputs (fingerprint) or the target changed since the preview, or the job
            is not a finished, unapplied preview.
        Nb2PipeError: from the writer (OutputError: target not writable, foreign files in the way).
    """
    from .. import api, target_lock, writer

    # the CLI's lock (one writer per folder, across processes): a second apply is refused
    with target_lock.hold(job.target):
        with store.lock:
            if job.state != "done" or job.applying or job.preview is None:
                raise Conflict("state", f"this preview is {job.state}: run a fresh preview")
            job.applying = True
        try:
            preview = job.preview
            writer.recover(job.target)
            try:
                now = api.fingerprint(list(job.paths))
            except (OSError, InputError) as error:
                raise Conflict("inputs", f"the inputs cannot be read any more: {error}") from error
            if now != preview.fingerprint:
                raise Conflict(
                    "inputs",
                    "the notebook changed since this preview: "
                    "run a fresh preview to see the new result",
                )
            now_changes = writer.diff(preview.generated.files, job.target, force=job.options.force)
            if tuple(now_changes) != tuple(preview.changes):
                raise Conflict(
                    "target",
                    f"{to_api(job.target, job.root) or '/'} changed on disk since this preview: "
                    "run a fresh preview",
                )
            written = tuple(api.apply(preview, job.target, job.options))
            with store.lock:
                job.written = written
                job.state = "applied"
            return written
        finally:
            job.applying = False


# ------------------------------------------------------------------- JSON (also replies.py)
def _progress_json(progress: tuple[str, int, int] | None, root: Path) -> dict[str, Any] | None:
    if progress is None:
        return None
    path, done, total = progress
    shown = path
    try:
        resolved = Path(path).resolve()
        if is_inside(resolved, root):
            shown = to_api(resolved, root)
    except OSError:
        pass
    return {"path": shown, "done": done, "total": total}
