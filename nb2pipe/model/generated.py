"""The values rendering and the API hand on: the generated files, what the project runs, the
target folder."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from .plan import Plan
from .sources import Diagnostic, Source


@dataclass(frozen=True, slots=True)
class CopyFile:
    """A generated file whose content is an existing file (raw data copied into data/01_raw)."""

    path: str


#: Output tree: project-relative path → text, bytes, or a file to copy.
ProjectFiles = Mapping[PurePosixPath, "str | bytes | CopyFile"]


@dataclass(frozen=True, slots=True)
class ShellRun:
    """A step as the script runs it, on its own paths (what `nb2pipe verify` runs)."""

    lines: tuple[str, ...]
    #: The folder it runs in, relative to the conversion root.
    cwd: str


@dataclass(frozen=True, slots=True)
class ProjectRun:
    """One thing the project runs, in order, for the pipeline it became (what `nb2pipe verify`
    runs): a source as its driver runs it, or a script's own steps."""

    #: "" for the folders the scripts make (`mkdir`), made first.
    pipeline: str
    #: The source to execute (as the driver runs it: bound); None for a script's own steps.
    source: Source | None = None
    #: A script's own steps, run with bash.
    steps: tuple[ShellRun, ...] = ()


@dataclass(frozen=True, slots=True)
class Generated:
    """The result of read → analyze → plan → render, before anything is written."""

    files: Mapping[PurePosixPath, str | bytes | CopyFile]
    plan: Plan
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    #: What the project runs, in order (what `nb2pipe verify` runs).
    runs: tuple[ProjectRun, ...] = ()


@dataclass(frozen=True, slots=True)
class Target:
    """What is at the output folder before writing (``writer.inspect_target`` looks; planning and
    rendering adapt to it)."""

    path: Path
    #: "new": nothing there; "generated": a project nb2pipe wrote (manifest found);
    #: "kedro": a Kedro project nb2pipe did not write (pipelines are added to it).
    kind: Literal["new", "generated", "kedro"]
    #: package_name of an existing Kedro project.
    package: str | None = None
