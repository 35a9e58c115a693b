"""The only module that writes the generated project to disk (contract; implementation pending)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal


@dataclass(frozen=True, slots=True)
class Target:
    """What is at the output folder before writing."""

    path: Path
    #: "new": nothing there; "generated": a project nb2pipe wrote (manifest found);
    #: "kedro": a Kedro project nb2pipe did not write (pipelines are added to it).
    kind: Literal["new", "generated", "kedro"]
    #: package_name of an existing Kedro project.
    package: str | None = None


@dataclass(frozen=True, slots=True)
class FileChange:
    path: PurePosixPath
    status: Literal["added", "modified", "removed", "unchanged"]
    #: Unified diff for text files ("" for unchanged and binary files).
    diff: str = ""
