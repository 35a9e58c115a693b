"""Kedro data layers: what each dataset is decides its layer (knowledge/layers.py), and every
catalog entry carries it as `metadata: kedro-viz: layer:`. Files get their role where they are
placed (files.py); this module tells what a value is from the statement that makes it — a fitted
estimator, a model's predictions, a fitted transformer's output — for the files a statement
writes and for the variables passed between nodes (pickled under the layer's folder)."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from ..knowledge.layers import (
    FEATURE_METHODS,
    FIT_METHODS,
    FITTING_METHODS,
    LAYERS,
    PREDICTION_METHODS,
    TYPE_ROLES,
    layer_of_folder,
)
from ..model import CatalogEntry, PipelinePlan, SourceFacts
from ..model.symbols import File
from .source_names import SourceNames

#: Roles a variable passed between nodes is kept under its own layer for (others: the pattern's).
VARIABLE_ROLES = ("feature", "model", "predictions")
ROLE_TEXT = {"feature": "features a fitted transformer made", "model": "a fitted model",
             "predictions": "a model's predictions"}


def call_name(node: ast.AST | None) -> str:
    """The name a call calls (`m.predict(X)` → predict); "" for anything else."""
    func = node.func if isinstance(node, ast.Call) else None
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def expression_role(node: ast.expr, known: Mapping[str, str]) -> str:
    """"model" for `Est().fit(X, y)`, "feature" for `scaler.transform(X)`, "predictions" for a
    value made from a model's predictions (`m.predict(X)`, `df.assign(p=m.predict(X).round())`,
    `pd.DataFrame({"y": preds})`, as the layers that follow the data would place it); a name has
    its variable's role; "" otherwise."""
    if isinstance(node, ast.Name):
        return known.get(node.id, "")
    method = call_name(node)
    if method in FIT_METHODS:
        return "model"
    if method in FEATURE_METHODS:
        return "feature"
    if any(call_name(n) in PREDICTION_METHODS or (isinstance(n, ast.Name) and known.get(n.id) == "predictions")
           for n in ast.walk(node)):
        return "predictions"
    return ""


def statement_roles(statement: ast.stmt, known: Mapping[str, str]) -> dict[str, str]:
    """The role each variable a statement binds or changes gets ("" ends a former role): the
    receiver of `fit` and friends is a model, whether the statement keeps the result or not."""
    value = getattr(statement, "value", None)
    found: dict[str, str] = {}
    func = value.func if isinstance(value, ast.Call) else None
    if isinstance(func, ast.Attribute) and func.attr in FITTING_METHODS and isinstance(func.value, ast.Name):
        found[func.value.id] = "model"
    if isinstance(statement, (ast.Assign, ast.AnnAssign)) and value is not None:
        role = expression_role(value, known)
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        for target in targets:
            if isinstance(target, ast.Name):
                found[target.id] = role
            elif isinstance(target, (ast.Subscript, ast.Attribute)) and role == "predictions":
                root = target.value  # df["pred"] = m.predict(X): the table holds predictions
                found.update({root.id: role} if isinstance(root, ast.Name) else {})
            else:
                found.update({n.id: "" for n in ast.walk(target) if isinstance(n, ast.Name)})
    return found


class ValueRoles:
    """The role of each variable after each statement of one source, in chunk order."""

    def __init__(self, facts: SourceFacts) -> None:
        self.after: dict[int, dict[str, str]] = {}
        known: dict[str, str] = {}
        for chunk in sorted(facts.chunks, key=lambda c: c.order):
            try:
                body = ast.parse(chunk.code).body
            except SyntaxError:
                body = []
            for statement in body:
                known = {**known, **statement_roles(statement, known)}
            self.after[chunk.order] = known

    def at(self, name: str, order: int) -> str:
        return self.after.get(order, {}).get(name, "")

    def before(self, order: int) -> Mapping[str, str]:
        orders = [o for o in self.after if o < order]
        return self.after[max(orders)] if orders else {}


def written_roles(index: int, facts: SourceFacts, roles: ValueRoles | None = None,
                  ) -> dict[tuple[str, tuple[int, int]], str]:
    """Per file version a statement writes (path, (source, chunk)): the role of the value written
    (``roles``: the source's `ValueRoles`, when the caller has made them already)."""
    roles = roles or ValueRoles(facts)
    found: dict[tuple[str, tuple[int, int]], str] = {}
    for chunk in facts.chunks:
        for edit in chunk.edits:
            if edit.kind != "write" or not isinstance(edit.symbol, File):
                continue
            try:
                value = ast.parse(edit.payload, mode="eval").body
            except SyntaxError:
                continue
            role = expression_role(value, roles.before(chunk.order))
            if role:
                found[(edit.symbol.path, (index, chunk.order))] = role
    return found


def variable_entries(src: SourceNames, outputs: Iterable[str], package: str,
                     declared: Iterable[str], roles: ValueRoles | None = None) -> list[CatalogEntry]:
    """Models, predictions and features passed between nodes, pickled in their layer's folder
    (`data/06_models/<pipeline>/model.pkl`) instead of the pattern's 02_intermediate."""
    roles, wanted, skip = roles or ValueRoles(src.facts), set(outputs), set(declared)
    entries = []
    for version, name in sorted(src.versions.items(), key=lambda kv: kv[1]):
        dataset = f"{src.pipeline}.{name}"
        symbol = version.symbol  # a variable's role; files and random states have none here
        role = roles.at(symbol, version.producer) if isinstance(symbol, str) and (
            version.producer >= 0) else ""
        if name in wanted and dataset not in skip and role in VARIABLE_ROLES:
            entries.append(CatalogEntry(
                name=dataset, type="pickle.PickleDataset",
                filepath=f"data/{LAYERS[role].folder}/{src.pipeline}/{name}.pkl",
                options=(("backend", f"{package}.pickling"),),
                origin=f"{version.symbol}: {ROLE_TEXT[role]}", layer=LAYERS[role].name))
    return entries


def with_layers(entries: Sequence[CatalogEntry]) -> list[CatalogEntry]:
    """Every entry with a layer: the one its role gave it, else its folder's, else its type's."""
    result = []
    for entry in entries:
        layer = entry.layer
        if not layer:
            folder = layer_of_folder(entry.filepath)
            role = TYPE_ROLES.get(entry.type.rpartition(".")[2], "table")
            layer = folder.name if folder else LAYERS[role].name
        result.append(dataclasses.replace(entry, layer=layer) if layer != entry.layer else entry)
    return result


#: A value computed from a model (its coefficients, residuals, a score) is the model's output.
APPLIED = {LAYERS["model"].name: LAYERS["predictions"].name}


def full_name(pipeline: PipelinePlan, name: str) -> str:
    """The catalog name of a step's input or output (Kedro prefixes all but shared files)."""
    name = name.split("@")[0]
    if name.startswith("params:") or name == "parameters":
        return ""
    shared = name in pipeline.shared_inputs or name in pipeline.shared_outputs
    return name if shared else f"{pipeline.name}.{name}"


def lifted(pipelines: Sequence[PipelinePlan], entries: Sequence[CatalogEntry], package: str,
           memory: bool) -> list[CatalogEntry]:
    """Layers that follow the data: a node's outputs are in no earlier layer than its inputs
    (kedro-viz orders layers by the pipeline and draws none when they form a cycle: predictions
    feeding a score kept in `intermediate`). An output below an input's layer moves up to it
    (to `model_output` from a model's layer), its folder with it; a variable the pattern pickles gets an entry in that layer's folder.
    What no node writes is an input, in the first layer whatever its folder (`x_path`: where a
    node writes x; a namespace's inputs must come before its outputs in the collapsed view)."""
    rank = {layer.name: number for number, layer in enumerate(LAYERS.values())}
    by_name = {layer.name: layer for layer in LAYERS.values()}
    produced = {full_name(p, o) for p in pipelines for s in p.steps for o in s.outputs}
    layer_of = {(base := e.name.split("@")[0]): e.layer if base in produced else LAYERS["raw"].name
                for e in entries}
    default = "" if memory else LAYERS["table"].name
    changed = True
    while changed:  # layers only go up, so this ends
        changed = False
        for pipeline in pipelines:
            for step in pipeline.steps:
                inputs = [layer_of.get(n, default) for n in map(lambda i: full_name(pipeline, i), step.inputs) if n]
                floor = max(inputs, key=lambda layer: rank.get(layer, -1), default="")
                for output in filter(None, (full_name(pipeline, o) for o in step.outputs)):
                    # what a node computes from a model is that model's output, unless another model
                    need = APPLIED.get(floor, floor) if layer_of.get(output, default) != floor else floor
                    if rank.get(layer_of.get(output, default), -1) < rank.get(need, -1):
                        layer_of[output], changed = need, True
    moved = {}  # a written file moves, and so do the other entries of that path (`x_path`)
    for entry in entries:
        layer, old = layer_of[entry.name.split("@")[0]], layer_of_folder(entry.filepath)
        if old is not None and layer != old.name and entry.name.split("@")[0] in produced:
            moved[entry.filepath] = f"data/{by_name[layer].folder}/" + entry.filepath.split("/", 2)[2]
    result = [dataclasses.replace(entry, layer=layer_of[entry.name.split("@")[0]],
                                  filepath=relocated(entry.filepath, moved)) for entry in entries]
    declared = {e.name.split("@")[0] for e in entries}
    for name in sorted(set(layer_of) - declared):
        if layer_of[name] != default and default:
            namespace, _, short = name.rpartition(".")
            result.append(CatalogEntry(
                name=name, type="pickle.PickleDataset",
                filepath=f"data/{by_name[layer_of[name]].folder}/{namespace}/{short}.pkl",
                options=(("backend", f"{package}.pickling"),),
                origin=f"{short}: computed from {layer_of[name]} data, so in that layer", layer=layer_of[name]))
    return result


def relocated(filepath: str, moved: Mapping[str, str]) -> str:
    """``filepath`` after the moves (also a file inside a moved folder: `out/part1.csv`)."""
    if filepath in moved:
        return moved[filepath]
    folder = next((f for f in moved if filepath.startswith(f.rstrip("/") + "/")), None)
    return moved[folder].rstrip("/") + filepath[len(folder.rstrip("/")):] if folder else filepath
