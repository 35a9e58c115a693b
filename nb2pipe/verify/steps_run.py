"""Run a driver script's own steps with bash, in the temporary copy of the conversion root."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from ..model import ShellRun
from .model import NotebookRun
from .notebook_run import listing, written_files
from .processes import run_watched


def run_steps(name: str, steps: Sequence[ShellRun], root: Path, timeout: int) -> NotebookRun:
    """Run ``steps`` one after the other (each in its folder under ``root``), stopping at the
    first that fails; the files they wrote are compared with the pipeline's."""
    before = listing(root)
    start = time.perf_counter()
    error = ""
    for step in steps:
        folder = root / step.cwd
        folder.mkdir(parents=True, exist_ok=True)
        done = run_watched(["bash", "-c", "\n".join(step.lines)], folder, None, timeout)
        if done.timeout:
            error = f"a step ran longer than the timeout ({timeout} s): {step.lines[-1][:80]}"
            break
        if done.returncode:
            tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
            error = f"`{step.lines[-1][:80]}` exited with {done.returncode}: {tail[0][:200]}"
            break
    written = written_files(before, listing(root))
    return NotebookRun(
        source=name,
        captures={},
        figures={},
        files={rel: str(root / rel) for rel in written},
        seconds=time.perf_counter() - start,
        error=error,
    )
