"""`verify()`: convert (or reuse) a project, run the notebooks and the pipeline, compare.

Responsibilities:
  * get the `Plan` (always regenerated from the sources: it maps datasets to notebook values)
    and the project (converted into a temporary folder, or the one given);
  * run every notebook ``runs`` times, each run in a fresh copy of the conversion root, in plan
    order (later notebooks may read what earlier ones wrote);
  * run the project once through Kedro, in a copy, with the capture hook;
  * turn all that into one `NotebookReport` per pipeline.
Everything temporary lives in one folder that is removed at the end.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..model import PipelinePlan, Plan, Source
from ..options import Options
from .expectations import (
    capture_points,
    expectations,
    file_datasets,
    global_states,
    manifest_files,
)
from .kernel import write_kernelspec
from .model import Expectation, NotebookReport, NotebookRun, PipelineRun, VerifyReport
from .notebook_run import run_notebook
from .pipeline_run import run_pipeline
from .results import dataset_results, file_results

DEFAULT_OPTIONS = Options()
#: Default seconds a notebook cell may run.
DEFAULT_TIMEOUT = 600
#: Folders never copied with the conversion root.
ROOT_IGNORE = (".git", ".ipynb_checkpoints", "__pycache__", ".venv", "venv")

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
        timeout: seconds each notebook cell may take.
        runs: executions of each notebook; with 2 or more, values that differ between them are
            "not reproducible" instead of compared.
        progress: called with a short message before each phase.

    Raises:
        InputError: the inputs cannot be converted.
    """
    from .. import api  # the converter is only loaded when verifying (not for the comparators)
    from ..readers import discover, read

    say = progress or (lambda message: None)
    paths = [Path(p) for p in paths]
    root = api.common_root(paths)
    with tempfile.TemporaryDirectory(prefix="nb2pipe-verify-") as folder:
        work = Path(folder)
        say("converting" if project is None or not project.exists() else "planning")
        plan, project_dir = prepare_project(paths, project, options, work)
        sources = {str(s.path): s for s in (read(f, root) for f in discover(paths))}
        manifest = read_manifest(project_dir, plan)
        datasets = file_datasets(plan, manifest)
        found = {p.name: expectations(p, datasets) for p in plan.pipelines}
        notebook_runs = run_notebooks(
            plan, sources, found, root, work, timeout, runs, say, project_dir
        )
        say("running the pipeline with kedro")
        pipeline = run_pipeline(project_dir, work / "pipeline", [p.name for p in plan.pipelines])
        say("comparing")
        with importable(Path(pipeline.project) / "src"):
            reports = build_reports(
                plan, sources, found, notebook_runs, pipeline, manifest, datasets
            )
    return VerifyReport(str(project_dir if project else ""), reports, global_errors(plan, pipeline))


def prepare_project(
    paths: Sequence[Path], project: Path | None, options: Options, work: Path
) -> tuple[Plan, Path]:
    """The plan, and the project to run (converted unless ``project`` exists)."""
    from .. import api

    if project is not None and project.exists():
        return api.generate(paths, project, options).plan, project
    target = project if project is not None else work / "project" / "verified_project"
    generated, _changes = api.convert(paths, target, options)
    return generated.plan, target


def read_manifest(project: Path, plan: Plan) -> dict[str, str]:
    """The manifest's ``"files"`` map, or the plan's version of it when there is no manifest."""
    manifest = project / ".nb2pipe" / "manifest.json"
    if manifest.exists():
        files = json.loads(manifest.read_text(encoding="utf-8")).get("files")
        if isinstance(files, dict):
            return {str(k): str(v) for k, v in files.items()}
    return manifest_files(plan)


def run_notebooks(
    plan: Plan,
    sources: Mapping[str, Source],
    found: Mapping[str, Sequence[Expectation]],
    root: Path,
    work: Path,
    timeout: int,
    runs: int,
    say: Progress,
    project: Path,
) -> dict[str, list[NotebookRun]]:
    """Run every notebook ``runs`` times; source path → its runs in order."""
    kernels = write_kernelspec(work)
    states = global_states()
    done: dict[str, list[NotebookRun]] = {p.source: [] for p in plan.pipelines}
    for number in range(max(runs, 1)):
        copy = copy_root(root, work / f"notebooks-{number}", exclude=project)
        for pipeline in plan.pipelines:
            source = sources.get(pipeline.source)
            if source is None or source.language != "python":
                continue
            say(f"running {pipeline.source} ({number + 1}/{max(runs, 1)})")
            captures = work / f"captures-{number}" / pipeline.name
            points = capture_points(found[pipeline.name])
            run = run_notebook(source, points, copy, captures, kernels, timeout, states)
            done[pipeline.source].append(run)
    return done


def copy_root(root: Path, target: Path, exclude: Path) -> Path:
    """Copy the conversion root (without VCS folders, caches and the project) into ``target``."""
    skip = exclude.resolve()

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n in ROOT_IGNORE or Path(folder, n).resolve() == skip]

    copy = target / root.name
    shutil.copytree(root, copy, ignore=ignore, symlinks=True)
    return copy


def build_reports(
    plan: Plan,
    sources: Mapping[str, Source],
    found: Mapping[str, Sequence[Expectation]],
    runs: Mapping[str, Sequence[NotebookRun]],
    pipeline: PipelineRun,
    manifest: Mapping[str, str],
    datasets: Mapping[str, str],
) -> tuple[NotebookReport, ...]:
    """One report per pipeline, in plan order."""
    by_dataset = {e.dataset: e for expected in found.values() for e in expected}
    producers = {
        original: by_dataset[name] for name, original in datasets.items() if name in by_dataset
    }
    return tuple(
        notebook_report(
            p,
            sources.get(p.source),
            found[p.name],
            runs.get(p.source, []),
            pipeline,
            manifest,
            producers,
        )
        for p in plan.pipelines
    )


def notebook_report(
    pipeline_plan: PipelinePlan,
    source: Source | None,
    found: Sequence[Expectation],
    runs: Sequence[NotebookRun],
    pipeline: PipelineRun,
    manifest: Mapping[str, str],
    producers: Mapping[str, Expectation],
) -> NotebookReport:
    """The rows, figures, times and errors of one notebook."""
    cell_index = {c.ref: c.index for c in source.cells} if source else {}
    rows = dataset_results(found, runs, pipeline, cell_index)
    rows += file_results(runs, pipeline, manifest, producers)
    prefix = pipeline_plan.name + "."
    errors = [f"notebook: {runs[0].error}"] if runs and runs[0].error else []
    if pipeline.failed_node.startswith(prefix):
        errors.append(f"pipeline: {pipeline.error}")
    if not runs:
        errors.append("notebook: not executed (not a Python notebook)")
    outputs = {e.dataset for e in found}
    return NotebookReport(
        source=pipeline_plan.source,
        pipeline=pipeline_plan.name,
        results=tuple(rows),
        figures_notebook=sum(runs[0].figures.values()) if runs else 0,
        figures_pipeline=sum(c.figures for d, c in pipeline.outputs.items() if d in outputs),
        seconds_notebook=runs[0].seconds if runs else None,
        seconds_pipeline=sum(s for n, s in pipeline.node_seconds.items() if n.startswith(prefix)),
        errors=tuple(errors),
        notes=tuple(note for run in runs[:1] for note in run.notes),
    )


def global_errors(plan: Plan, pipeline: PipelineRun) -> tuple[str, ...]:
    """A pipeline failure that no notebook's node accounts for (e.g. the project did not load)."""
    prefixes = tuple(p.name + "." for p in plan.pipelines)
    if pipeline.error and not pipeline.failed_node.startswith(prefixes):
        return (f"pipeline: {pipeline.error}",)
    return ()


@contextmanager
def importable(folder: Path) -> Iterator[None]:
    """Put the project's ``src`` on ``sys.path`` while unpickling, then forget its modules."""
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))
        for name, module in list(sys.modules.items()):
            if str(getattr(module, "__file__", "") or "").startswith(str(folder)):
                del sys.modules[name]
