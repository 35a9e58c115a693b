"""What the conversion promises, read off the plan: which notebook value each dataset holds.

Pure. In pipeline ``p``, ``step.returns[i]`` (a notebook variable, at ``step.capture_at``) becomes
the Kedro dataset ``f"{p.name}.{step.outputs[i]}"``, or ``step.outputs[i]`` itself when it is one
of ``p.shared_outputs`` (files shared between notebooks). The node is ``f"{p.name}.{step.name}"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import PipelinePlan, Plan, Step
from .model import Expectation, Point


def dataset_name(pipeline: PipelinePlan, output: str) -> str:
    """The Kedro dataset name of a step output inside its namespaced pipeline (a transcoded
    `x@pandas` is shared when `x` is)."""
    return output if output.split("@", 1)[0] in pipeline.shared_outputs else f"{pipeline.name}.{output}"


def input_name(pipeline: PipelinePlan, name: str) -> str:
    """The Kedro dataset name of a step input inside its namespaced pipeline."""
    shared = name in pipeline.shared_inputs or name in pipeline.shared_outputs
    return name if shared else f"{pipeline.name}.{name}"


def node_name(pipeline: PipelinePlan, step: Step) -> str:
    """The Kedro node name (namespaces prefix node names too)."""
    return f"{pipeline.name}.{step.name}"


def file_datasets(plan: Plan, files: Mapping[str, str]) -> dict[str, str]:
    """Dataset name → original file path, for datasets stored in a file the sources write.

    Args:
        files: the manifest's ``"files"`` map (original path → project filepath).
    """
    by_filepath = {filepath: original for original, filepath in files.items()}
    found = {e.name: by_filepath[e.filepath] for e in plan.catalog if e.filepath in by_filepath}
    for entry in plan.catalog:
        if entry.final_version_of and entry.name not in found:
            found[entry.name] = entry.final_version_of
    return found


def manifest_files(plan: Plan) -> dict[str, str]:
    """The manifest's ``"files"`` map as the plan defines it (original path → project filepath)."""
    return {e.final_version_of: e.filepath for e in plan.catalog if e.final_version_of}


def expectations(pipeline: PipelinePlan, files: Mapping[str, str]) -> tuple[Expectation, ...]:
    """One `Expectation` per output of every step of ``pipeline``, in plan order.

    Args:
        files: dataset name → original file path (`file_datasets`).
    """
    found: list[Expectation] = []
    for step in pipeline.steps:
        if "report" in step.tags:  # the HTML page nb2pipe adds: no notebook value to compare it with
            continue
        for index, output in enumerate(step.outputs):
            if output == f"{step.name}_shown":  # HTML of what the node displayed, for the report
                continue
            # reporting steps return figures the notebook never named: no variable
            variable = step.returns[index] if index < len(step.returns) else ""
            dataset = dataset_name(pipeline, output)
            found.append(
                Expectation(
                    dataset=dataset,
                    node=node_name(pipeline, step),
                    cells=step.cells,
                    variable=variable,
                    point=step.capture_at,
                    reporting=step.kind == "reporting",
                    file=files.get(dataset, ""),
                    inputs=tuple(input_name(pipeline, name) for name in step.inputs
                                 if not name.startswith("params:")),
                    unseeded=step.unseeded,
                )
            )
    return tuple(found)


def capture_points(found: Sequence[Expectation]) -> dict[Point, tuple[str, ...]]:
    """Capture point → the variables to pickle there (points before the first cell are skipped)."""
    points: dict[Point, list[str]] = {}
    for expectation in found:
        if expectation.point[0] < 0 or not expectation.variable:
            continue
        names = points.setdefault(expectation.point, [])
        if expectation.variable not in names:
            names.append(expectation.variable)
    return {point: tuple(names) for point, names in points.items()}


def global_states() -> dict[str, tuple[str, str]]:
    """Variables the plan invents for global random generators → (module, expression).

    The notebook has no such variable: the capture code reads the generator's state instead
    (``numpy.random.get_state()`` for ``np_random_state``), from the analysis table.
    """
    from ..knowledge.calls import GLOBAL_RNGS

    states = {}
    for row in GLOBAL_RNGS.values():
        expression = str(row["get"])
        states[str(row["dataset"])] = (expression.split(".")[0], expression)
    return states
