"""`Job`: everything the phases of one verification share, fixed before anything runs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..model import Plan, ProjectRun, Source
from .model import Expectation


@dataclass(frozen=True, slots=True)
class Job:
    """One verification: the plan, what it promises, and where things run."""

    plan: Plan
    #: Pipeline name → the source it was converted from, as its driver script runs it (bound).
    sources: Mapping[str, Source]
    #: Pipeline name → its expected datasets, in plan order.
    found: Mapping[str, tuple[Expectation, ...]]
    #: The conversion root (copied for every notebook run).
    root: Path
    #: The generated project (copied for the pipeline run).
    project: Path
    #: The temporary folder everything is written to.
    work: Path
    #: The manifest's ``"files"``: original path → project filepath.
    manifest: Mapping[str, str]
    #: Dataset name → original path, for datasets stored in a file the sources write.
    datasets: Mapping[str, str]
    #: Seconds a notebook cell may run.
    timeout: int
    #: Project-wide remarks for the report (e.g. the project was edited after conversion).
    notes: tuple[str, ...] = ()
    #: What runs, in order: the sources as the project runs them, and driver scripts' steps.
    units: tuple[ProjectRun, ...] = ()
