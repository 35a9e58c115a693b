"""Drafts → Steps: one Step per draft, its wiring (step_wiring.py) and its function source
(step_body.py, step_docs.py); names are source_names.py's and step_names.py's."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..knowledge.calls import PARTITION_HELPERS
from ..model import Step
from ..model.symbols import ArgKey, File, FileUse
from . import codegen, printed, report
from .files import FileRegistry
from .flow import Version
from .groups_to_drafts import Draft
from .source_names import SourceNames, python_name
from .step_body import step_body
from .step_docs import docstring, provenance
from .step_wiring import (
    file_loads,
    file_version,
    first_mode,
    last_writer,
    other_reads,
    path_writes,
    unused_name,
    wire_input,
    wire_output,
)


def build_step(src: SourceNames, draft: Draft, name: str, registry: FileRegistry,
               file_python: Mapping[File, str], package: str,
               after: tuple[str, ...] = (), done: tuple[str, ...] = ()) -> Step:
    """One Step: wiring plus function source. ``after`` are ordering values the node waits for
    (extra arguments it ignores) and ``done`` those it hands on (it returns True for each)."""
    facts = src.facts
    chunks = [facts.chunks[o] for o in draft.chunks]
    writes = path_writes(chunks)
    names: dict[ArgKey, str] = {s: python_name(src, s, file_python) for c in chunks for s in c.uses | c.defines}
    # a file only a replayed setting reads (`plt.style.use("my.mplstyle")`: `setting_code`)
    names |= {v.symbol: file_python[v.symbol] for v in draft.consumes
              if isinstance(v.symbol, File) and v.symbol not in names}
    for symbol in writes:
        target = file_python[symbol] + "_path"
        names[FileUse(symbol, "write")] = names[FileUse(symbol, "append")] = target
        if not any(v.symbol == symbol for v in draft.consumes):
            names[symbol] = target
    arguments: list[str] = []
    inputs: list[str] = []
    loads: list[tuple[str, str, tuple[tuple[str, object], ...]]] = []
    later: dict[Version, str] = {}  # a later version a drawing node reads: its argument
    for version in draft.consumes:
        changed = version.symbol in writes
        arg, dataset = wire_input(src, version, names, chunks, registry, package, changed)
        if arg in arguments and dataset not in inputs and not isinstance(version.symbol, File):
            arg = later[version] = unused_name(dataset, set(arguments) | set(names.values()) | {
                s for c in chunks for s in c.uses | c.defines | c.maybe_defines if isinstance(s, str)})
        if arg not in arguments:
            arguments.append(arg)
            inputs.append(dataset)
        if isinstance(version.symbol, File):  # other entries of the file: more arguments
            wired = other_reads(src, version, names, chunks, registry, package, dataset)
            arguments.extend(a for a, _ in wired)
            inputs.extend(d for _, d in wired)
            loads.extend(file_loads(file_version(src, version, registry), chunks, package))
    for symbol in writes:
        written = registry.get(symbol.path, (src.index, last_writer(chunks, symbol)))
        arguments.append(names[FileUse(symbol, "write")])
        inputs.append(f"{written.name}_path")
    for marker in after:
        arguments.append(marker if marker not in arguments else f"{marker}_")
        inputs.append(marker)
    returns, outputs = [], []
    for version in draft.produces:
        ret, dataset = wire_output(src, version, names, registry, package, writes)
        returns.append(ret)
        outputs.append(dataset)
        writer = file_version(src, version, registry).writer if isinstance(version.symbol, File) else None
        if writer is not None and writer.io != "path":
            loads.append((dataset, "save_args", writer.args))
    returns += ["True"] * len(done)
    outputs += done
    if printed.shown_parts(src, chunks, draft.kind == "reporting" and report.has_report(facts)):
        returns.append(src.shown_name)
        outputs.append(f"{name}_shown")
    if not inputs and not outputs and not draft.figures:
        # Kedro needs an input or an output: a node whose results the notebook never keeps
        # reports that it ran
        returns, outputs = ["True"], [f"{name}_done"]
    body, needs = step_body(src, draft, chunks, names, returns, later)
    needs |= {h for h in PARTITION_HELPERS if re.search(rf"\b{h}\(", body)}
    appended = [s for s in writes if any(v.symbol == s for v in draft.consumes)]
    if appended:
        copies = "\n".join(f"shutil.copyfile({names[s]}, {names[FileUse(s, 'write')]})" for s in appended)
        body, needs = copies + "\n" + body, needs | {"shutil"}
    # a file the notebook's first append created starts empty on every run, not with the last
    # run's lines
    created = [s for s in writes if s not in appended and first_mode(chunks, s) == "append"]
    if created:
        fresh = "\n".join(f'open({names[FileUse(s, "write")]}, "w").close()' for s in created)
        body = fresh + "\n" + body
    if draft.figures:
        outputs.append(f"{name}_figures")
    code = codegen.function_source(name, arguments, docstring(src, draft), provenance(facts, chunks), body)
    last = chunks[-1]
    return Step(
        name=name, kind="reporting" if draft.kind == "reporting" else "data",
        cells=tuple(dict.fromkeys(facts.source.cells[c.cell].ref for c in chunks)),
        arguments=tuple(arguments), inputs=tuple(inputs), returns=tuple(returns),
        outputs=tuple(outputs), code=code, needs=frozenset(needs),
        tags=("reporting",) if draft.kind == "reporting" else (),
        chunks=draft.chunks, capture_at=(last.cell, last.end_line), file_args=tuple(loads),
        unseeded=tuple(dict.fromkeys(n for c in chunks for n in c.unseeded)),
    )
