"""`nb2pipe explain`: the plan in readable (or JSON) form — cells → nodes, datasets, parameters,
removed display-only expressions and every diagnostic."""

from __future__ import annotations

from typing import Any, TypedDict

from .model import Generated


class Explained(TypedDict):
    """What `nb2pipe explain --json` prints: the plan's pipelines (nodes, cells), catalog entries,
    parameters and diagnostics, each a JSON object."""

    package: str
    pipelines: list[dict[str, Any]]
    catalog: list[dict[str, Any]]
    parameters: list[dict[str, Any]]
    diagnostics: list[dict[str, Any]]


def explain_data(generated: Generated) -> Explained:
    plan = generated.plan
    pipelines: list[dict[str, Any]] = []
    for pipeline in plan.pipelines:
        cells: dict[str, list[str]] = {}
        for step in pipeline.steps:
            for ref in step.cells:
                cells.setdefault(ref, []).append(f"{pipeline.name}.{step.name}")
        pipelines.append({
            "pipeline": pipeline.name,
            "source": pipeline.source,
            "cells": cells,
            "nodes": [
                {"name": f"{pipeline.name}.{s.name}", "kind": s.kind, "cells": list(s.cells),
                 "inputs": list(s.inputs), "outputs": list(s.outputs)}
                for s in pipeline.steps
            ],
        })
    return {
        "package": plan.package,
        "pipelines": pipelines,
        "catalog": [{"name": e.name, "type": e.type, "filepath": e.filepath, "origin": e.origin}
                    for e in plan.catalog],
        "parameters": [{"name": f"{p.namespace}.{p.name}" if p.namespace else p.name,
                        "value": p.value, "origin": p.origin} for p in plan.params],
        "diagnostics": [{"level": d.level, "code": d.code, "message": d.message,
                         "source": d.source, "cell": d.cell, "line": d.line}
                        for d in generated.diagnostics],
    }


def explain_text(generated: Generated) -> str:
    data = explain_data(generated)
    lines: list[str] = [
        f"package {data['package']}  (-o names the project folder, --package the package)",
        "nodes, as `kedro run --nodes <name>` names them (run alone after a full `kedro run`):",
    ]
    for pipeline in data["pipelines"]:
        lines.append(f"pipeline {pipeline['pipeline']}  (from {pipeline['source']})")
        for node in pipeline["nodes"]:
            cells = ", ".join(node["cells"])
            lines.append(f"  {node['name']}  [{node['kind']}; cells {cells}]")
            lines.append(f"      in:  {', '.join(node['inputs']) or '-'}")
            lines.append(f"      out: {', '.join(node['outputs']) or '-'}")
    lines.append("catalog")
    for entry in data["catalog"]:
        lines.append(f"  {entry['name']}: {entry['type']} {entry['filepath']}  ({entry['origin']})")
    lines.append("parameters")
    for param in data["parameters"]:
        lines.append(f"  {param['name']} = {param['value']!r}  ({param['origin']})")
    lines.append("diagnostics")
    for d in generated.diagnostics:
        lines.append(f"  {d}")
    return "\n".join(lines)
