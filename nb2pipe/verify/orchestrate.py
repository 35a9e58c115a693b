"""`verify()`: convert (or reuse) a project, run the notebooks and the pipeline, compare.

Responsibilities:
  * get the `Plan` (always regenerated from the sources: it maps datasets to notebook values)
    and the project (converted into a temporary folder, or the one given);
  * run every notebook ``runs`` times, each run in a fresh copy of the conversion root, in plan
    order (later notebooks may read what earlier ones wrote);
  * run the project once through Kedro, in a copy, with the capture hook. It runs alongside the
    second notebook run: the first run, alone on the machine, gives the reported notebook times;
  * hand everything to `summarize.build_reports`.
Everything temporary lives in one folder that is removed at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..model import Generated, Plan
from ..options import Options
from .expectations import (
    capture_points,
    expectations,
    file_datasets,
    global_states,
    manifest_files,
)
from .job import Job
from .kernel import hash_seed, write_kernelspec
from .model import NotebookRun, VerifyReport
from .notebook_run import run_notebook
from .outside import Outside, outside_paths
from .pipeline_run import run_pipeline
from .steps_run import run_steps
from .summarize import build_reports, global_errors

DEFAULT_OPTIONS = Options()
#: Default seconds a notebook cell, a pipeline node or a script step may run.
DEFAULT_TIMEOUT = 600
#: Nothing outside the conversion root to bring along.
NOTHING_OUTSIDE = Outside()
#: Folders never copied with the conversion root.
ROOT_IGNORE = (".git", ".ipynb_checkpoints", "__pycache__", ".venv", "venv")

#: The note of a verification with no pipeline (docs/mapping.md: notebooks without steps).
NO_PIPELINE = ("no pipeline: the inputs hold only definitions, displays, settings or markdown, so "
               "nothing was converted to compare (`nb2pipe explain -v` says what each holds)")

Progress = Callable[[str], None]


def verify(
    paths: Sequence[Path],
    project: Path | None = None,
    options: Options = DEFAULT_OPTIONS,
    timeout: int = DEFAULT_TIMEOUT,
    runs: int = 2,
    progress: Progress | None = None,
) -> VerifyReport:
    """Check that the generated pipeline reproduces what the notebooks compute.

    Args:
        paths: notebooks or folders, as given to `nb2pipe convert`.
        project: an existing generated project to check (it is not modified; it is copied to
            run). If it does not exist yet, the conversion is written there; if None, the
            conversion goes to a temporary folder.
        options: conversion options (must match the ones the project was converted with).
        timeout: seconds each notebook cell, pipeline node and script step may take; past it
            the run is stopped (with every process it started) and reported as a failure.
        runs: executions of each notebook; with 2 or more, values that differ between them are
            "not reproducible" instead of compared.
        progress: called with a short message before each phase.

    Raises:
        InputError: the inputs cannot be converted.
    """
    say = progress or (lambda message: None)
    with tempfile.TemporaryDirectory(prefix="nb2pipe-verify-") as folder:
        say("converting" if project is None or not project.exists() else "planning")
        job = prepare([Path(p) for p in paths], project, options, Path(folder), timeout)
        shown = str(job.project) if project else ""
        if not job.plan.pipelines:  # nothing converted: no pipeline to run, nothing to compare
            return VerifyReport(shown, (), (), (*job.notes, NO_PIPELINE))
        first = run_notebooks(job, 0, say)
        with ThreadPoolExecutor(max_workers=1) as pool:  # kedro runs while notebooks rerun
            say("running the pipeline with kedro")
            names = [p.name for p in job.plan.pipelines]
            pending = pool.submit(
                run_pipeline, job.project, job.work / "pipeline", names, job.timeout
            )
            again = [run_notebooks(job, number, say) for number in range(1, runs)]
            pipeline = pending.result()
        say("comparing")
        names = [p.name for p in job.plan.pipelines]
        by_source = {s: [r[s] for r in (first, *again) if s in r] for s in names}
        with importable(Path(pipeline.project) / "src"):
            reports = build_reports(job, by_source, pipeline)
    return VerifyReport(shown, reports, global_errors(job.plan, pipeline), job.notes)


def prepare(
    paths: Sequence[Path], project: Path | None, options: Options, work: Path, timeout: int
) -> Job:
    """Plan (and convert when needed), read the sources, and derive the expectations."""
    from .. import api  # the converter is only loaded when verifying (not for the comparators)

    root = api.common_root(paths)
    generated, project_dir, notes = prepare_project(paths, project, options, work)
    plan, units = generated.plan, generated.runs
    manifest = read_manifest(project_dir, plan)
    datasets = file_datasets(plan, manifest)
    return Job(
        plan=plan,
        sources={u.pipeline: u.source for u in units if u.source is not None},
        units=units,
        found={p.name: expectations(p, datasets) for p in plan.pipelines},
        root=root,
        project=project_dir,
        work=work,
        manifest=manifest,
        datasets=datasets,
        timeout=timeout,
        notes=notes,
    )


def prepare_project(
    paths: Sequence[Path], project: Path | None, options: Options, work: Path
) -> tuple[Generated, Path, tuple[str, ...]]:
    """The conversion, the project to run (converted unless ``project`` exists), and notes."""
    from .. import api

    if project is not None and project.exists():
        preview = api.preview(paths, project, options)
        edited = [str(c.path) for c in preview.changes if c.status != "unchanged"]
        notes = (stale_note(edited),) if edited else ()
        return preview.generated, project, notes
    target = project if project is not None else work / "project" / "verified_project"
    generated, _changes = api.convert(paths, target, options)
    return generated, target, ()


def stale_note(edited: Sequence[str]) -> str:
    """Say that the project is not what converting the notebooks now would give."""
    shown = ", ".join(edited[:3]) + (", ..." if len(edited) > 3 else "")
    return (
        f"{len(edited)} project file(s) differ from a fresh conversion ({shown}): "
        "results reflect the project as it is"
    )


def read_manifest(project: Path, plan: Plan) -> dict[str, str]:
    """The manifest's ``"files"`` map, or the plan's version of it when there is no manifest."""
    manifest = project / ".nb2pipe" / "manifest.json"
    if manifest.exists():
        files = json.loads(manifest.read_text(encoding="utf-8")).get("files")
        if isinstance(files, dict):
            return {str(k): str(v) for k, v in files.items()}
    return manifest_files(plan)


def run_notebooks(job: Job, number: int, say: Progress) -> dict[str, NotebookRun]:
    """Run every notebook once, as the project runs it (`driven`), in a fresh copy of the root
    (run ``number``); the runs by pipeline name."""
    kernels = write_kernelspec(job.work / f"kernel-{number}", seed=hash_seed(number))
    outside = outside_paths(job.plan, job.root, job.manifest)
    copy = copy_root(job.root, job.work / f"notebooks-{number}", exclude=job.project, outside=outside)
    states = global_states()
    done: dict[str, NotebookRun] = {}
    for unit in job.units:
        if unit.source is None:
            say(f"running the steps of {unit.pipeline} (run {number + 1})")
            run = run_steps(unit.pipeline, unit.steps, copy, job.timeout)
            if unit.pipeline:
                done[unit.pipeline] = merge_runs(done.get(unit.pipeline), run)
            continue
        say(f"running {unit.source.path} (run {number + 1})")
        captures = job.work / f"captures-{number}" / unit.pipeline
        points = capture_points(job.found[unit.pipeline])
        run = run_notebook(unit.source, points, copy, captures, kernels, job.timeout, states)
        done[unit.pipeline] = run
    return done


def merge_runs(first: NotebookRun | None, then: NotebookRun) -> NotebookRun:
    """The parts of one script's pipeline as one run: their files, the first error."""
    if first is None:
        return then
    return replace(
        first,
        files={**first.files, **then.files},
        seconds=first.seconds + then.seconds,
        error=first.error or then.error,
    )


def copy_root(root: Path, target: Path, exclude: Path, outside: Outside = NOTHING_OUTSIDE) -> Path:
    """Copy the conversion root (without VCS folders, caches and the project) into ``target``,
    with what the sources read and write outside it at the same relative place; returns the
    copy of the root."""
    skip = exclude.resolve()

    def ignore(folder: str, names: list[str]) -> list[str]:
        """Names shutil.copytree must skip in ``folder``."""
        return [n for n in names if n in ROOT_IGNORE or Path(folder, n).resolve() == skip]

    base = outside.base(root)
    around = target / Path(base).name
    copy = around / os.path.relpath(root, base)
    shutil.copytree(root, copy, ignore=ignore, symlinks=True)
    for file in outside.files:
        (around / os.path.relpath(file, base)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, around / os.path.relpath(file, base))
    for folder in outside.folders:
        (around / os.path.relpath(folder, base)).mkdir(parents=True, exist_ok=True)
    return Path(os.path.normpath(copy))


@contextmanager
def importable(folder: Path) -> Iterator[None]:
    """Put the project's ``src`` on ``sys.path`` while unpickling, then forget its modules.

    Modules of the same top-level names loaded before (another project with the same package
    name, in this process) are set aside meanwhile and put back after: pickle must find this
    project's classes, not the other's."""
    entries = folder.iterdir() if folder.is_dir() else ()
    tops = {entry.name.removesuffix(".py") for entry in entries}
    aside = {name: module for name, module in sys.modules.items() if name.split(".")[0] in tops}
    for name in aside:
        del sys.modules[name]
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name, module in list(sys.modules.items()):
            where = str(getattr(module, "__file__", "") or "")
            if name.split(".")[0] in tops or where.startswith(str(folder)):
                del sys.modules[name]
        sys.modules.update(aside)
