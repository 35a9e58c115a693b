"""What `nb2pipe verify` runs: each source as the project runs it.

Without driver scripts, every notebook runs as it is, in plan order. When shell scripts drive
the project, everything runs as the scripts run it, in their order (the order analysis gives the
sources, `planning.order`):

* a notebook run with papermill values runs with them injected as papermill injects them: after
  its `parameters`-tagged cell (first when it has none), in the folder the runner gives;
* a Python script runs with the call's arguments in place of its command line (the bound source
  the conversion was made from), in the shell's folder;
* the scripts' own steps (file commands, downloads, steps kept verbatim) run with bash, on the
  script's own paths, so the sources after them find the files they wrote; the folders the
  scripts make (`mkdir`) are made first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..analysis.shell.chunks import ShellRun
from ..model import Plan, Source
from ..model.shell import NotebookRun
from ..options import Options

#: Marks the papermill values appended to a notebook's `parameters` cell.
INJECTED = "# Parameters injected by the driver script (as papermill does)"


@dataclass(frozen=True, slots=True)
class Unit:
    """One thing to run, for the pipeline it became."""

    #: "" for the folders the scripts make (`mkdir`), made first.
    pipeline: str
    #: The source to execute (as the driver runs it); None for a script's own steps.
    source: Source | None = None
    #: A script's own steps, run with bash.
    steps: tuple[ShellRun, ...] = ()


def run_units(
    paths: Sequence[Path], options: Options, plan: Plan, originals: dict[str, Source]
) -> list[Unit]:
    """The units to run, in order. ``originals``: the sources read, by path."""
    if not any(s.language == "bash" for s in originals.values()):
        return [
            Unit(p.name, originals[p.source])
            for p in plan.pipelines
            if p.source in originals and originals[p.source].language == "python"
        ]
    from .. import api
    from ..analysis import analyze
    from ..drivers import analyze_project, called_scripts
    from ..planning import unit_names
    from ..planning.source_order import order_sources

    root = api.common_root(paths)
    sources = list(originals.values())
    called: list[Source] = []
    while more := api.read_called(called_scripts([*sources, *called]), [*sources, *called], root):
        called.extend(more)
    project = analyze_project(sources, called, options, analyze)
    ordered, _ = order_sources(project.facts)
    names = unit_names(ordered)
    planned = {p.name for p in plan.pipelines}
    known = {**originals, **{str(s.path): s for s in called}}
    units = [Unit("", steps=project.folders)] if project.folders else []
    for facts in ordered:
        key, bound = facts.source.key, facts.source
        name = names[key]
        if name not in planned:
            continue
        run = project.runs.get(key)
        if isinstance(run, tuple):
            units.append(Unit(name, steps=run))
        elif bound.language == "python":
            original = known.get(str(bound.path), bound)
            units.append(Unit(name, as_run(original, bound, run)))
    return units


def as_run(original: Source, bound: Source, run: object) -> Source:
    """The source to execute for a run: the bound source, with papermill values injected after
    the original `parameters` cell as papermill does (the conversion writes them in its place,
    which is the same unless the cell uses a value after setting it)."""
    if not isinstance(run, NotebookRun) or not run.parameters:
        return bound
    tagged = next((c for c in original.cells if c.kind == "code" and "parameters" in c.tags), None)
    if tagged is None:  # bind_notebook injected the values first, as papermill does
        return bound
    values = "\n".join(f"{name} = {value!r}" for name, value in run.parameters)
    cells = list(bound.cells)
    text = "\n".join([tagged.source.rstrip("\n"), INJECTED, values])
    cells[tagged.index] = replace(cells[tagged.index], source=text)
    return replace(bound, cells=tuple(cells))


def run_folder(root: Path, source: Source) -> Path:
    """Where a source's code runs: the folder its driver gives, else its own."""
    return root / source.workdir if source.workdir else (root / source.path).parent
