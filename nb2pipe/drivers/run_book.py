"""What the project runs, in order, each thing for the pipeline it became (`ProjectRun`s, what
`nb2pipe verify` runs); resolved once, when converting, and carried by `Generated.runs`.

Without driver scripts, every notebook runs as it is, in plan order. When shell scripts drive
the project, everything runs as the scripts run it, in their order (the order planning gives the
sources, `planning.source_order`):

* a notebook run with papermill values runs with them injected as papermill injects them: after
  its `parameters`-tagged cell (first when it has none), in the folder the runner gives;
* a Python script runs with the call's arguments in place of its command line (the bound source
  the conversion was made from), in the shell's folder;
* the scripts' own steps (file commands, downloads, steps kept verbatim) run with bash, on the
  script's own paths, so the sources after them find the files they wrote; the folders the
  scripts make (`mkdir`) are made first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..model import Plan, ProjectRun, Source, SourceFacts
from ..model.shell import NotebookRun
from . import Project

#: Marks the papermill values appended to a notebook's `parameters` cell.
INJECTED = "# Parameters injected by the driver script (as papermill does)"


def notebook_runs(plan: Plan, originals: Mapping[str, Source]) -> tuple[ProjectRun, ...]:
    """No driver script: each notebook as it is, in plan order. ``originals``: by path."""
    return tuple(
        ProjectRun(p.name, originals[p.source])
        for p in plan.pipelines
        if p.source in originals and originals[p.source].language == "python"
    )


def driven_runs(
    project: Project,
    ordered: Sequence[SourceFacts],
    names: Mapping[str, str],
    plan: Plan,
    originals: Mapping[str, Source],
) -> tuple[ProjectRun, ...]:
    """Driver scripts: each source as they run it, in ``ordered`` order, named by ``names``
    (pipeline per source key). ``originals``: the sources read (and those scripts call), by path."""
    planned = {p.name for p in plan.pipelines}
    runs = [ProjectRun("", steps=project.folders)] if project.folders else []
    for facts in ordered:
        key, bound = facts.source.key, facts.source
        name = names[key]
        if name not in planned:
            continue
        run = project.runs.get(key)
        if isinstance(run, tuple):
            runs.append(ProjectRun(name, steps=run))
        elif bound.language == "python":
            original = originals.get(str(bound.path), bound)
            runs.append(ProjectRun(name, as_run(original, bound, run)))
    return tuple(runs)


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
