"""Kedro's rules, checked on the Plan before anything is rendered. A failure is a bug in nb2pipe
(PlanInvariantError), never the user's fault. Each check mirrors a rule in kedro/pipeline."""

from __future__ import annotations

import keyword
import re

from ..errors import PlanInvariantError
from ..model import Plan, Step
from .graphs import adjacency, find_cycle

NODE_NAME = re.compile(r"^[A-Za-z_]\w*$")


def check(plan: Plan) -> None:
    for pipeline in plan.pipelines:
        steps = pipeline.steps
        check_names(steps, pipeline.name)
        check_inputs_differ_from_outputs(steps)
        check_unique_outputs(steps)
        check_acyclic(steps, pipeline.name)
        check_wiring_lengths(steps)
    check_unique_outputs([s for p in plan.pipelines for s in p.steps], qualified=plan)
    check_file_args(plan)


def check_names(steps: tuple[Step, ...], pipeline: str) -> None:
    """Node names are unique, valid identifiers (they are function names too)."""
    seen: set[str] = set()
    if not NODE_NAME.match(pipeline) or keyword.iskeyword(pipeline):
        raise PlanInvariantError(f"pipeline name {pipeline!r} is not a valid identifier")
    for step in steps:
        if not NODE_NAME.match(step.name) or keyword.iskeyword(step.name) or step.name in seen:
            raise PlanInvariantError(f"{pipeline}: node name {step.name!r} is invalid or repeated")
        seen.add(step.name)
        for name in (*step.inputs, *step.outputs):
            if "." in strip(name).removeprefix("params:"):
                raise PlanInvariantError(f"{pipeline}.{step.name}: dataset {name!r} contains a dot")
        if not step.inputs and not step.outputs:
            raise PlanInvariantError(f"{pipeline}.{step.name}: a node needs an input or an output")


def check_inputs_differ_from_outputs(steps: tuple[Step, ...]) -> None:
    for step in steps:
        overlap = {strip(i) for i in step.inputs} & {strip(o) for o in step.outputs}
        if overlap:
            raise PlanInvariantError(f"{step.name} reads and writes {sorted(overlap)}")


def check_unique_outputs(steps, qualified: Plan | None = None) -> None:  # type: ignore[no-untyped-def]
    """Every dataset has one producer (project-wide for shared datasets)."""
    producers: dict[str, str] = {}
    shared = {d for p in qualified.pipelines for d in p.shared_outputs} if qualified is not None else set()
    for step in steps:
        for output in step.outputs:
            key = strip(output)
            if qualified is not None and output not in shared:  # is_shared, for every output at once
                continue
            if key in producers:
                raise PlanInvariantError(f"{key!r} is produced by {producers[key]} and {step.name}")
            producers[key] = step.name


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
                        f"call it stands for has {dict(args)!r}")


def is_shared(plan: Plan, dataset: str) -> bool:
    return any(dataset in p.shared_outputs for p in plan.pipelines)


def check_acyclic(steps: tuple[Step, ...], pipeline: str) -> None:
    producer = {strip(o): s.name for s in steps for o in s.outputs}
    edges = [(producer[strip(n)], s.name) for s in steps for n in s.inputs if strip(n) in producer]
    cycle = find_cycle(adjacency([s.name for s in steps], edges))
    if cycle is not None:
        raise PlanInvariantError(f"{pipeline}: the steps form a cycle: {' → '.join([*cycle, cycle[0]])}")


def check_wiring_lengths(steps: tuple[Step, ...]) -> None:
    for step in steps:
        figures = 1 if step.outputs and step.outputs[-1] == f"{step.name}_figures" else 0
        if len(step.arguments) != len(step.inputs) or len(step.returns) + figures != len(step.outputs):
            raise PlanInvariantError(f"{step.name}: arguments/inputs or returns/outputs do not line up")


def strip(name: str) -> str:
    """Kedro treats `x@pandas` and `x@path` as one dataset (transcoding)."""
    return name.split("@", 1)[0]
