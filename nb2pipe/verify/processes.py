"""Run a command of `verify` so that it cannot hang: in its own session, watched, and killed
with everything it started when a phase of it runs longer than the limit.

``subprocess.run(timeout=...)`` kills only the child; a grandchild it started (a node that calls
a shell, a script step that runs Python) keeps the output pipes open, and ``run`` then waits for
them forever. Here the output goes to files (no pipe to keep open), the command leads its own
process group (``start_new_session``), and on expiry the whole group gets SIGKILL. A process that
leaves the group on purpose (``setsid``, a daemon) is out of reach; nothing the notebooks or
generated nodes do normally does that.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

#: Seconds between two looks at a running command.
POLL = 0.1

#: Where a running command is now: a label for messages (e.g. "in node p.train"); a new label
#: restarts the clock, so the limit applies to each phase (each node), not to the whole run.
Phase = Callable[[], str]


@dataclass(frozen=True, slots=True)
class Finished:
    """How a watched command ended."""

    returncode: int
    stdout: str
    stderr: str
    #: "" when it ended by itself, else e.g. "timed out after 5 s in node p.train".
    timeout: str = ""


def run_watched(
    command: Sequence[str],
    cwd: Path,
    env: Mapping[str, str] | None,
    limit: float | None,
    phase: Phase = lambda: "",
    first_limit: float | None = None,
) -> Finished:
    """Run ``command``; kill its process group when one phase lasts longer than ``limit`` s
    (the first phase, start-up: ``first_limit`` s when given)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=None if env is None else dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        expired = _watch(proc, limit, phase, first_limit)
        _kill_group(proc.pid)  # also ends what it left running in the background
        proc.wait()
        return Finished(proc.returncode, _read(out), _read(err), expired)


def _watch(
    proc: subprocess.Popen[bytes], limit: float | None, phase: Phase, first: float | None
) -> str:
    """Wait for ``proc``; the timeout message if a phase outlasted its limit, else ""."""
    label, since, allowed = phase(), time.monotonic(), first or limit
    while proc.poll() is None:
        time.sleep(POLL)
        now = phase()
        if now != label:
            label, since, allowed = now, time.monotonic(), limit
        elif allowed is not None and time.monotonic() - since > allowed:
            return f"timed out after {allowed:g} s {label}".rstrip()
    return ""


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass  # the group is gone already


def _read(stream: IO[bytes]) -> str:
    stream.seek(0)
    return stream.read().decode("utf-8", errors="replace")
