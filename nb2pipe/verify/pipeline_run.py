"""Run the generated Kedro project for real, in a subprocess, capturing every node output.

The project is copied first, so verification never writes into the user's project (its data
folder included); the copy runs `kedro_runner.py` with the running interpreter.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .kernel import hash_seed
from .model import Captured, PipelineRun
from .processes import run_watched

RUNNER = Path(__file__).with_name("kedro_runner.py")
#: Not copied with the project: caches, VCS data, virtual environments, kedro-viz output.
COPY_IGNORE = shutil.ignore_patterns(".git", "__pycache__", ".venv", "venv", ".viz", "*.egg-info")
#: Seconds loading the project may take at least (imports, hooks), however short the timeout:
#: as nbclient gives a kernel 60 s to start, whatever the cell timeout.
STARTUP_TIMEOUT = 60.0
RUNNER_ENV = {"KEDRO_DISABLE_TELEMETRY": "1", "MPLBACKEND": "Agg", "PYTHONUNBUFFERED": "1"}


def copy_project(project: Path, work: Path) -> Path:
    """Copy ``project`` to ``work/<name>`` and return the copy."""
    target = work / project.name
    shutil.copytree(project, target, ignore=COPY_IGNORE, symlinks=True)
    return target


def run_pipeline(
    project: Path, work: Path, pipelines: Sequence[str], timeout: float | None = None
) -> PipelineRun:
    """Copy ``project`` under ``work`` and ``kedro run`` the given pipelines there.

    Args:
        project: the generated Kedro project (left untouched).
        work: an empty folder for the copy and the captured outputs.
        pipelines: registered pipeline names to run (all of them when empty).
        timeout: seconds one node may run, or saving a node's outputs (None: no limit); loading
            the project gets at least STARTUP_TIMEOUT. Past it the run and everything it
            started are killed.
    """
    copy = copy_project(project, work)
    out = work / "outputs"
    out.mkdir()
    command = [sys.executable, str(RUNNER), str(copy), str(out), ",".join(pipelines)]
    env = {**os.environ, **RUNNER_ENV, "PYTHONHASHSEED": hash_seed(0)}  # as notebook run 0
    startup = None if timeout is None else max(timeout, STARTUP_TIMEOUT)
    done = run_watched(command, copy, env, timeout, lambda: phase(out), startup)
    if done.timeout:
        return _read_run(out, copy, f"{done.timeout} (the run was stopped)", stopped_in(out))
    problem = "" if done.returncode == 0 else _tail(done.stderr or done.stdout)
    return _read_run(out, copy, problem)


def phase(out: Path) -> str:
    """What the run is doing now, from the runner's ``phase.txt``: "in node <name>", "after
    node <name>" (saving its outputs), or "while loading the project" (no node started yet)."""
    try:
        return (out / "phase.txt").read_text(encoding="utf-8")
    except OSError:
        return "while loading the project"


def stopped_in(out: Path) -> str:
    """The node the run was stopped in ("" if it was between nodes or loading)."""
    label = phase(out)
    return label.removeprefix("in node ") if label.startswith("in node ") else ""


def _read_run(out: Path, copy: Path, problem: str, stopped: str = "") -> PipelineRun:
    """Collect what the runner wrote into ``out``."""
    result_file = out / "result.json"
    result = json.loads(result_file.read_text()) if result_file.exists() else {}
    error = result.get("error") or problem
    outputs = {
        record["dataset"]: Captured(
            status=record["status"],
            path=record.get("path"),
            figures=record.get("figures", 0),
            figure_ids=tuple(record.get("figure_ids", ())),
            type=record.get("type", ""),
        )
        for record in _records(out / "outputs.jsonl")
    }
    nodes = _records(out / "nodes.jsonl")
    failed = [n["node"] for n in nodes if n.get("error")] or ([stopped] if stopped else [])
    if failed and error and not stopped:
        error = f"node {failed[0]} failed: {error}"
    return PipelineRun(
        outputs=outputs,
        node_seconds={n["node"]: n["seconds"] for n in nodes if not n.get("error")},
        project=str(copy),
        seconds=float(result.get("seconds", 0.0)),
        error=error,
        failed_node=failed[0] if failed else "",
    )


def _records(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _tail(text: str, lines: int = 15) -> str:
    """The end of a log (where the traceback is)."""
    return "\n".join(text.strip().splitlines()[-lines:])
