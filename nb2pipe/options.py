"""Options of a conversion, frozen and normalised at the edge (CLI, API, JupyterLab)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Options:
    #: Python package of the generated project; default: derived from the output folder name.
    package: str | None = None
    #: Kedro project name; default: the output folder name.
    project_name: str | None = None
    #: Keep datasets between nodes in memory instead of pickling them to data/02_intermediate.
    memory: bool = False
    #: Convert the good inputs when some are bad (bad ones are reported and skipped).
    keep_going: bool = False
    #: Treat warnings as errors.
    strict: bool = False
    #: Overwrite files in the target that nb2pipe did not generate.
    force: bool = False
    #: Raw input files up to this size are copied into data/01_raw; larger ones are referenced.
    copy_limit_bytes: int = 50 * 1024 * 1024
    #: Only raw files inside this folder are copied; others are referenced where they are
    #: (JupyterLab passes its server root). None: no such limit.
    copy_within: str | None = None
    #: Interpreter whose installed packages pin requirements.txt (default: the running one).
    #: JupyterLab passes the notebook kernel's interpreter here.
    python: str | None = None
    #: Worker processes analysing the sources (many sources only: `analysis.pool`); None: one per
    #: core. The generated files do not depend on it.
    jobs: int | None = None
