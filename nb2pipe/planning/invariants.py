"""Kedro's rules, checked on the Plan before anything is rendered. A failure is a bug in nb2pipe
(PlanInvariantError), never the user's fault. Each check mirrors a rule in kedro/pipeline."""

from __future__ import annotations

import keyword
import re

from ..errors import PlanInvariantError
from ..model import PipelinePlan, Plan, Step
from .graphs import adjacency, find_cycle
from .ordering_datasets import ORDERING_ORIGIN

NODE_NAME = re.compile(r"^[A-Za-z_]\w*$")


def check(plan: Plan) -> None:
    """Raises PlanInvariantError naming the sources, cells and names involved."""
    for pipeline in plan.pipelines:
        steps = pipeline.steps
        try:
            check_names(steps, pipeline.name)
            check_inputs_differ_from_outputs(steps)
            check_unique_outputs(steps)
            check_acyclic(steps, pipeline.name)
            check_wiring_lengths(steps)
        except PlanInvariantError as error:
            if error.places:
                raise
            places = [place(pipeline, s) for s in steps if s.name in error.names]
            raise PlanInvariantError(error.message, places or [(pipeline.source, "")], error.names) from None
    check_project_names(plan)
    check_free_names(plan)
    check_file_args(plan)


def place(pipeline: PipelinePlan, step: Step) -> tuple[str, str]:
    """(source path, cells) of a step, for the error line."""
    return pipeline.source, ", ".join(step.cells)


def check_project_names(plan: Plan) -> None:
    """A dataset a pipeline leaves un-prefixed (shared) has one producer in the whole project."""
    producers: dict[str, tuple[PipelinePlan, Step]] = {}
    for pipeline in plan.pipelines:
        for step in pipeline.steps:
            for key in {strip(o) for o in step.outputs} & set(pipeline.shared_outputs):
                if key in producers:
                    first, other = producers[key]
                    raise PlanInvariantError(
                        f"{key!r} is produced by {first.name}.{other.name} and {pipeline.name}.{step.name}",
                        [place(first, other), place(pipeline, step)], [key])
                producers[key] = (pipeline, step)


def check_names(steps: tuple[Step, ...], pipeline: str) -> None:
    """Node names are unique, valid identifiers (they are function names too)."""
    seen: set[str] = set()
    if not NODE_NAME.match(pipeline) or keyword.iskeyword(pipeline):
        raise PlanInvariantError(f"pipeline name {pipeline!r} is not a valid identifier")
    for step in steps:
        if not NODE_NAME.match(step.name) or keyword.iskeyword(step.name) or step.name in seen:
            raise PlanInvariantError(f"{pipeline}: node name {step.name!r} is invalid or repeated",
                                     names=[step.name])
        seen.add(step.name)
        for name in (*step.inputs, *step.outputs):
            if "." in strip(name).removeprefix("params:"):
                raise PlanInvariantError(f"{pipeline}.{step.name}: dataset {name!r} contains a dot",
                                         names=[step.name, name])
        if not step.inputs and not step.outputs:
            raise PlanInvariantError(f"{pipeline}.{step.name}: a node needs an input or an output",
                                     names=[step.name])


def check_inputs_differ_from_outputs(steps: tuple[Step, ...]) -> None:
    for step in steps:
        overlap = {strip(i) for i in step.inputs} & {strip(o) for o in step.outputs}
        if overlap:
            raise PlanInvariantError(f"{step.name} reads and writes {sorted(overlap)}",
                                     names=[step.name, *sorted(overlap)])


def check_unique_outputs(steps: tuple[Step, ...]) -> None:
    """Every dataset has one producer within a pipeline (check_project_names: across them)."""
    producers: dict[str, str] = {}
    for step in steps:
        for output in step.outputs:
            key = strip(output)
            if key in producers:
                raise PlanInvariantError(f"{key!r} is produced by {producers[key]} and {step.name}",
                                         names=[producers[key], step.name, key])
            producers[key] = step.name


def check_free_names(plan: Plan) -> None:
    """A name a pipeline leaves un-prefixed is a file (or credential) of the catalog or passes
    to another pipeline: a value or marker only one pipeline uses stays in its namespace."""
    files = {strip(e.name) for e in plan.catalog if e.origin != ORDERING_ORIGIN}
    users: dict[str, set[str]] = {}
    for pipeline in plan.pipelines:
        for name in (*pipeline.shared_inputs, *pipeline.shared_outputs):
            users.setdefault(name, set()).add(pipeline.name)
    for pipeline in plan.pipelines:
        for name in (*pipeline.shared_inputs, *pipeline.shared_outputs):
            if name not in files and len(users[name]) < 2:
                steps = [s for s in pipeline.steps if name in {strip(d) for d in (*s.inputs, *s.outputs)}]
                raise PlanInvariantError(f"{pipeline.name} leaves {name!r} outside its namespace, and "
                                         "no other pipeline uses it", [place(pipeline, s) for s in steps], [name])


def check_file_args(plan: Plan) -> None:
    """Every read a file dataset stands for has that entry's load arguments (and every write its
    save arguments): an entry made for `read_csv(p)` must not feed `read_csv(p, sep=";")`."""
    entries = {e.name: dict(e.options) for e in plan.catalog}
    for pipeline in plan.pipelines:
        for step in pipeline.steps:
            for dataset, key, args in step.file_args:
                given = entries.get(dataset, {}).get(key, {})
                if dataset not in entries or given != dict(args):
                    raise PlanInvariantError(
                        f"{pipeline.name}.{step.name}: {dataset!r} has {key} {given!r}, but the "
                        f"call it stands for has {dict(args)!r}", [place(pipeline, step)], [dataset])


def check_acyclic(steps: tuple[Step, ...], pipeline: str) -> None:
    producer = {strip(o): s.name for s in steps for o in s.outputs}
    edges = [(producer[strip(n)], s.name) for s in steps for n in s.inputs if strip(n) in producer]
    cycle = find_cycle(adjacency([s.name for s in steps], edges))
    if cycle is not None:
        raise PlanInvariantError(f"{pipeline}: the steps form a cycle: {' → '.join([*cycle, cycle[0]])}",
                                 names=list(cycle))


def check_wiring_lengths(steps: tuple[Step, ...]) -> None:
    for step in steps:
        figures = 1 if step.outputs and step.outputs[-1] == f"{step.name}_figures" else 0
        if len(step.arguments) != len(step.inputs) or len(step.returns) + figures != len(step.outputs):
            raise PlanInvariantError(f"{step.name}: arguments/inputs or returns/outputs do not line up",
                                     names=[step.name])


def strip(name: str) -> str:
    """Kedro treats `x@pandas` and `x@path` as one dataset (transcoding)."""
    return name.split("@", 1)[0]
