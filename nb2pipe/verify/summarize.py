"""Sum up the runs of each notebook and of the pipeline into `NotebookReport`s."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import PipelinePlan, Plan, Source
from .dataflow import propagate
from .figure_rows import returned_figures
from .job import Job
from .model import Expectation, NotebookReport, NotebookRun, PipelineRun
from .results import dataset_results, file_results


def build_reports(
    job: Job, runs: Mapping[str, Sequence[NotebookRun]], pipeline: PipelineRun
) -> tuple[NotebookReport, ...]:
    """One report per pipeline, in plan order."""
    by_dataset = {e.dataset: e for expected in job.found.values() for e in expected}
    producers = {
        original: by_dataset[name] for name, original in job.datasets.items() if name in by_dataset
    }
    return tuple(
        notebook_report(
            p,
            job.sources.get(p.name),
            job.found[p.name],
            runs.get(p.name, []),
            pipeline,
            job.manifest,
            producers,
        )
        for p in job.plan.pipelines
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
    # a script's own steps hold no values to capture: their files are what is compared
    rows = dataset_results(found, runs, pipeline, cell_index) if source or not runs else []
    rows = propagate(rows, found)
    rows += file_results(runs, pipeline, manifest, producers)
    prefix = pipeline_plan.name + "."
    errors = [f"notebook: {runs[0].error}"] if runs and runs[0].error else []
    if pipeline.failed_node.startswith(prefix):
        errors.append(f"pipeline: {pipeline.error}")
    if not runs:
        errors.append("notebook: not executed (not a Python notebook)")
    return NotebookReport(
        source=pipeline_plan.source,
        pipeline=pipeline_plan.name,
        results=tuple(rows),
        figures_notebook=sum(runs[0].figures.values()) if runs else 0,
        figures_pipeline=returned_figures(
            [e for e in found if e.dataset in pipeline.outputs], pipeline
        ),
        seconds_notebook=runs[0].seconds if runs else None,
        seconds_pipeline=sum(s for n, s in pipeline.node_seconds.items() if n.startswith(prefix)),
        errors=tuple(errors),
        notes=run_notes(runs),
    )


def run_notes(runs: Sequence[NotebookRun]) -> tuple[str, ...]:
    """Capture points that moved, and a later run failing where the first did not."""
    notes = list(runs[0].notes) if runs else []
    for number, run in enumerate(runs[1:], start=2):
        if run.error and not runs[0].error:
            notes.append(f"run {number} failed (so its values are not checked): {run.error}")
    return tuple(notes)


def global_errors(plan: Plan, pipeline: PipelineRun) -> tuple[str, ...]:
    """A pipeline failure that no notebook's node accounts for (e.g. the project did not load)."""
    prefixes = tuple(p.name + "." for p in plan.pipelines)
    if pipeline.error and not pipeline.failed_node.startswith(prefixes):
        return (f"pipeline: {pipeline.error}",)
    return ()
