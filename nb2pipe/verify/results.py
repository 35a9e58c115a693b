"""Judge each expected dataset: notebook runs + pipeline run + plan → `NotebookReport` rows.

Values are compared by `compare.compare_values`, files by `files.compare_files`, figures by
count (`figure_rows`). With two notebook runs, the parts of a value that differ between them
(a timestamp attribute, an unseeded column) are not held against the pipeline: the notebook
itself does not pin them down. If the rest is equal the value is "not reproducible"; a
difference in the rest is still "different".
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pickle
import re
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from .compare import compare_values, unstable_paths
from .counters import counter_names
from .figure_rows import figure_rows
from .files import compare_files, latest_version
from .kinds import is_estimator
from .model import (
    Captured,
    DatasetResult,
    Expectation,
    Kind,
    NotebookRun,
    Outcome,
    PipelineRun,
)


def load(captured: Captured) -> tuple[Any, str]:
    """The value of a capture, or (None, why it cannot be loaded)."""
    if captured.status != "ok" or not captured.path:
        return None, captured.status
    try:
        with open(captured.path, "rb") as stream:
            return pickle.load(stream), ""  # noqa: S301 - pickles this verification just wrote
    except Exception as error:  # noqa: BLE001 - e.g. a class defined in the notebook's __main__
        return None, f"cannot unpickle: {type(error).__name__}: {error}"


def value_result(
    expected: Expectation, runs: Sequence[NotebookRun], pipeline: PipelineRun
) -> DatasetResult:
    """Compare the notebook variable with the dataset the pipeline produced."""
    outcome = judge_value(expected, runs, pipeline)
    return _row(expected, "value", outcome)


def judge_value(
    expected: Expectation, runs: Sequence[NotebookRun], pipeline: PipelineRun
) -> Outcome:
    """The verdict for one value dataset (see the module docstring)."""
    where = f"line {expected.point[1]} of cell #{expected.point[0] + 1}"  # position, 1-based
    if expected.point[0] < 0:
        return Outcome("not compared", "the plan gives no capture point")
    first = runs[0].captures.get((expected.point, expected.variable)) if runs else None
    if first is None:
        reason = "the notebook did not run" if not runs else "the notebook stopped before"
        return Outcome("not compared", f"{reason} {where}")
    produced = pipeline.outputs.get(expected.dataset)
    if produced is None:
        return Outcome("not compared", "the pipeline did not produce it")
    notebook_value, problem = load(first)
    if problem:
        return Outcome("not compared", f"notebook: {problem} (`{expected.variable}` at {where})")
    pipeline_value, problem = load(produced)
    if problem:
        return Outcome("not compared", f"pipeline: {problem}")
    unstable = unstable_parts(notebook_value, expected, runs)
    outcome = compare_values(notebook_value, pipeline_value, unstable)
    parts = ", ".join(sorted(readable(p) for p in unstable)[:3])
    found = tuple(sorted(unstable))
    if unstable and outcome.status == "equal":
        rest = "; the rest is equal" if "" not in unstable else ""
        return Outcome("not reproducible", f"two notebook runs differ at {parts}{rest}", "", found)
    if outcome.status == "different" and any(not is_clock(p) for p in unstable):
        # the notebook's own runs disagree on data, not only on clocks: the value depends on
        # unseeded randomness, and parts that agreed twice may have agreed by chance
        return Outcome("not reproducible", f"two notebook runs differ at {parts}, so the value "
                       f"depends on chance; the pipeline also differs at {outcome.detail}", "",
                       found)
    counted = counter_names(notebook_value, pipeline_value, unstable) if (
        outcome.status == "different") else None
    if counted is not None:  # names a process-wide counter numbered (see `counters`)
        return counted
    seed = unseeded(notebook_value)
    if outcome.status == "different" and seed and not reads_global_rng(expected):
        # both notebook runs may agree by chance (k-means labels of well-separated clusters)
        return Outcome("not reproducible", f"{seed}=None and no global seed: the fitted value "
                       f"depends on chance; the pipeline differs at {outcome.detail}", "",
                       ("<unseeded>",))
    return outcome


def depends_on_chance(calls: Sequence[str]) -> str:
    """The first of ``calls`` (`Expectation.unseeded`) that draws from numpy's global
    generator, or "": "numpy.random" does; a library function or class does if it takes a
    `random_state` (looked up in the library, which verify may import: it runs the notebook)."""
    return next((c for c in calls if c == "numpy.random" or takes_random_state(c)), "")


@functools.cache
def takes_random_state(qualified: str) -> bool:
    """The function or class ``qualified`` (`sklearn.cluster.KMeans`) has a `random_state`
    parameter (a class: its constructor's)."""
    module, _, name = qualified.rpartition(".")
    try:
        found = getattr(importlib.import_module(module), name)
        return "random_state" in inspect.signature(found).parameters
    except Exception:  # noqa: BLE001 - not importable, no signature: not known to draw
        return False


#: A path's attribute steps as `compare` writes them: ``.__dict__['name']`` → ``.name``.
ATTRIBUTE = re.compile(r"\.(?:__dict__|<fitted>|<state>)\[['\"](\w+)['\"]\]")


def readable(path: str) -> str:
    """``path`` (`Outcome.where`) with attributes written as such: ``._results.model._tmp``."""
    return ATTRIBUTE.sub(r".\1", path) or "the value"


def unseeded(value: Any) -> str:
    """The name of a ``random_state`` parameter left to None in an estimator (a pipeline's
    steps included), or "": such a fit draws from a generator nobody seeded."""
    if not is_estimator(value):
        return ""
    try:
        params = value.get_params(deep=True)
    except Exception:  # noqa: BLE001 - a user estimator's get_params may raise anything
        return ""
    names = [k for k, v in params.items() if k.split("__")[-1] == "random_state" and v is None]
    return min(names, default="")


def reads_global_rng(expected: Expectation) -> bool:
    """The node reads a global random generator's state: the plan seeds it like the notebook."""
    from .expectations import global_states

    states = global_states()
    return any(name.rsplit(".", 1)[-1] in states for name in expected.inputs)


#: Parts of a value that record time, not results (sklearn's cv_results_ fit and score times,
#: lifelines' _time_fit_was_called): two runs differ there without any randomness.
CLOCK_WORDS = ("time", "timestamp", "duration", "elapsed", "date")


def is_clock(path: str) -> bool:
    """The part ``path`` (e.g. ``.<fitted>['cv_results_']['mean_fit_time']``) records a time."""
    last = re.findall(r"\w+", path)[-1:] or [""]
    return any(word in last[0].lower() for word in CLOCK_WORDS)


def unstable_parts(
    value: Any, expected: Expectation, runs: Sequence[NotebookRun]
) -> frozenset[str]:
    """The parts of ``value`` that the second notebook run computed differently.

    Those parts are not held against the pipeline; a difference anywhere else still is.
    """
    second = runs[1].captures.get((expected.point, expected.variable)) if len(runs) > 1 else None
    if second is None:
        return frozenset()
    other, problem = load(second)
    return frozenset() if problem else unstable_paths(value, other)


def file_result(
    original: str,
    runs: Sequence[NotebookRun],
    pipeline: PipelineRun,
    project_path: str | None,
    producer: Expectation | None,
) -> DatasetResult:
    """Compare a file the notebook wrote with the project's final version of it."""
    outside = None
    if project_path is None:
        outside = written_outside_catalog(original, runs[0].source, pipeline)
        project_path = outside
    written = project_path is not None and latest_version(Path(pipeline.project, project_path))
    if project_path is None:
        outcome = Outcome("not compared", "the project does not write this file")
    elif pipeline.error and not (written and written.exists()):
        outcome = Outcome("not compared", f"the pipeline stopped before writing {project_path}")
    else:
        outcome = compare_files(Path(runs[0].files[original]), Path(pipeline.project, project_path))
        if len(runs) > 1 and original in runs[1].files:
            again = compare_files(Path(runs[0].files[original]), Path(runs[1].files[original]))
            if again.status == "different":
                outcome = Outcome("not reproducible", f"two notebook runs differ: {again.detail}")
        if outside is not None:
            where = f"written outside the catalog, at {outside}"
            outcome = Outcome(outcome.status, f"{outcome.detail}; {where}" if outcome.detail else where)
    node = producer.node if producer else ""
    cells = producer.cells if producer else ()
    return DatasetResult(original, "file", node, cells, outcome.status, outcome.detail)


def written_outside_catalog(original: str, source: str, pipeline: PipelineRun) -> str | None:
    """Where a node wrote a file that is no catalog dataset (a path computed at run time): a
    relative path resolves against the project root under `kedro run`, and against the notebook's
    folder when the notebook ran. None if the project run wrote no such file."""
    folder = PurePosixPath(source).parent
    relative = PurePosixPath(original)
    if folder != PurePosixPath(".") and relative.is_relative_to(folder):
        relative = relative.relative_to(folder)
    return str(relative) if Path(pipeline.project, relative).is_file() else None


def _row(expected: Expectation, kind: Kind, outcome: Outcome) -> DatasetResult:
    return DatasetResult(
        dataset=expected.dataset,
        kind=kind,
        node=expected.node,
        cells=expected.cells,
        status=outcome.status,
        detail=outcome.detail,
        variable=expected.variable,
        unstable=outcome.unstable,
    )


def dataset_results(
    found: Sequence[Expectation],
    runs: Sequence[NotebookRun],
    pipeline: PipelineRun,
    cell_index: Mapping[str, int],
) -> list[DatasetResult]:
    """One row per expected dataset, in plan order, then the row of figures no node returns.

    Figure outputs (values holding figures, and reporting outputs the notebook never named) are
    counted (`figure_rows`); datasets held in a file the notebook writes as a side effect (no
    variable in the notebook) are left to the file rows.
    """
    figures, values = [], []
    for expected in found:
        produced = pipeline.outputs.get(expected.dataset)
        first = runs[0].captures.get((expected.point, expected.variable)) if runs else None
        in_notebook = first is not None and first.status != "missing"
        if (produced and produced.figures) or (expected.reporting and not expected.variable):
            figures.append(expected)
        elif not (expected.file and not in_notebook):
            values.append(expected)
    by_dataset, unclaimed = figure_rows(figures, runs, pipeline, cell_index)
    by_dataset.update({e.dataset: value_result(e, runs, pipeline) for e in values})
    rows = [by_dataset[e.dataset] for e in found if e.dataset in by_dataset]
    return rows + ([unclaimed] if unclaimed else [])


def file_results(
    runs: Sequence[NotebookRun],
    pipeline: PipelineRun,
    manifest: Mapping[str, str],
    producers: Mapping[str, Expectation],
) -> list[DatasetResult]:
    """One row per file the (first) notebook run wrote.

    Args:
        manifest: original path → project filepath (the manifest's ``"files"``).
        producers: original path → the expectation of the dataset stored in that file.
    """
    if not runs:
        return []
    rows = []
    for original in sorted(runs[0].files):
        # a file inside a folder the project writes one item at a time (a partitioned dataset)
        folder = next((f for f in manifest if original.startswith(f + "/")), None)
        project_path = manifest.get(original) or (
            folder and manifest[folder] + original[len(folder):])
        producer = producers.get(original) or (producers.get(folder) if folder else None)
        rows.append(file_result(original, runs, pipeline, project_path, producer))
    return rows
