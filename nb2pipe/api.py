"""The public API: convert(paths, out, options) = write(render(plan(analyze(read(paths))))).

Every entry point (CLI, JupyterLab server extension, tests) goes through these functions, so a
conversion started anywhere produces byte-identical files.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import digests, version_pins, writer
from .analysis import ANALYSIS_LIMIT, recursion_limit
from .analysis.pool import analyze_ahead
from .drivers import Project, analyze_project, run_book
from .drivers.scripts import callers
from .errors import InputError, OutputError, PlanInvariantError
from .model import Diagnostic, Generated, Plan, ProjectRun, Source, SourceFacts, Target
from .options import Options
from .planning import order_sources, plan, unit_names
from .planning.naming import package_problem
from .readers import discover, read
from .readers.files import absolute
from .readers.unread_drivers import unread_drivers
from .readers.workspace import snapshot, take
from .reading import Seen, read_called, refuse_outside
from .reading import analyze_on_disk as analyze_on_disk
from .reading import common_root as common_root
from .reading import read_bash as read_bash
from .rendering import lint_notes, render
from .writer import FileChange

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Preview:
    """What a conversion would write, compared with what is on disk now."""

    generated: Generated
    changes: tuple[FileChange, ...]
    #: sha256 of every input file, so `apply` can refuse when an input changed since the preview.
    fingerprint: str


def generate(
    paths: Sequence[Path], out: Path, options: Options = Options(), progress: Progress | None = None
) -> Generated:
    """Read, analyse, plan and render; nothing is written.

    Args:
        paths: notebooks, scripts or folders (searched recursively).
        out: the target project folder (its name gives the default package name; an existing Kedro
            project there receives the pipelines instead of a new scaffold).
        options: conversion options.
        progress: called as ``progress(path, done, total)`` while sources are analysed.

    Raises:
        InputError: some input cannot be converted (all problems listed), unless
            ``options.keep_going`` is set and at least one input is good.
    """
    with recursion_limit(ANALYSIS_LIMIT):
        try:
            return generate_deep(paths, out, options, progress)
        except RecursionError:
            message = "code nested too deeply to convert (Python's recursion limit)"
            given = ", ".join(map(str, paths))
            raise InputError([Diagnostic("error", "too-deep", message, given)]) from None


def generate_deep(
    paths: Sequence[Path], out: Path, options: Options, progress: Progress | None
) -> Generated:
    """`generate`, under the recursion limit analysis needs."""
    root = common_root(paths)
    disk = take([p for p in paths if p.is_dir()], [root, *(p.parent for p in paths if p.is_file())])
    files = discover(paths, disk)
    sources: list[Source] = []
    problems: list[Diagnostic] = []
    for file in files:
        try:
            sources.append(read(file, root))
        except InputError as error:
            problems.extend(error.problems)
    called: list[Source] = []  # plain .py files scripts run; what a script given alone runs
    while True:
        runs = callers([*sources, *called])
        refuse_outside(runs, root)
        relative = sorted(p for p in runs if not p.startswith("/"))
        more = read_called(relative, [*sources, *called], root)
        if not more:
            break
        called.extend(more)
    converted = {*files, *(absolute(root / str(s.path)) for s in called)}
    unread = unread_drivers(paths, root, converted, disk)
    total = len(sources)
    done: set[str] = set()

    def advance(path: str) -> None:
        done.add(path)
        if progress:
            progress(path, min(len(done), total), total)

    seen = Seen(disk)
    ahead = analyze_ahead(on_their_own(sources), options, seen.analyze, advance, disk)
    project = seen.until_covered(lambda: analyze_project(sources, called, options, ahead, advance, seen.disk))
    facts = list(project.facts)
    problems.extend(project.problems)
    if problems and (not options.keep_going or not facts):
        raise InputError(problems)
    writer.recover(out)  # a write interrupted there (kill -9) is finished or undone first
    target = writer.inspect_target(out)
    the_plan, left_out = plan_keeping_going(facts, options, target, root)
    check_package(the_plan, options, target, out)
    diagnostics = tuple(problems) + unread + tuple(left_out) + project.notes + the_plan.diagnostics
    if options.strict:
        warnings = [d for d in diagnostics if d.level in ("warning", "error")]
        if warnings:
            raise InputError(warnings)
    pins = version_pins.pins(the_plan.third_party, the_plan.pip_installs, options.python)
    rendered = render(the_plan, options, target, pins)
    diagnostics += lint_notes(rendered)
    what_runs = project_runs(project, the_plan, sources, called)
    return Generated(files=rendered, plan=the_plan, diagnostics=diagnostics, runs=what_runs)


def on_their_own(sources: Sequence[Source]) -> list[Source]:
    """The sources most likely converted on their own, as they are: not shell scripts, not run
    by `%run` in another source, not named by any shell script (a script may run it with its
    parameters bound, which is analysed then)."""
    scripts = [c.source for s in sources if s.language == "bash" for c in s.cells]
    inlined = {path for s in sources for path in s.runs}
    return [s for s in sources if s.language != "bash" and str(s.path) not in inlined
            and not any(s.path.name in text for text in scripts)]


def project_runs(
    project: Project, the_plan: Plan, sources: Sequence[Source], called: Sequence[Source]
) -> tuple[ProjectRun, ...]:
    """What the project runs, in order: the notebooks given in plan order, or, when scripts
    drive them, everything as the scripts run it (in the order planning gives the sources)."""
    originals = {str(s.path): s for s in sources}
    if not any(s.language == "bash" for s in sources):
        return run_book.notebook_runs(the_plan, originals)
    ordered, _ = order_sources(project.facts)
    known = {**originals, **{str(s.path): s for s in called}}
    return run_book.driven_runs(project, ordered, unit_names(ordered), the_plan, known)


def plan_keeping_going(facts: list[SourceFacts], options: Options, target: Target, root: Path
                       ) -> tuple[Plan, list[Diagnostic]]:
    """The plan; with ``--keep-going``, a broken invariant (a bug) leaves out the sources it
    involves, each reported as an error, and the others are planned again.

    Raises:
        PlanInvariantError: without ``--keep-going``, or when no source is left.
    """
    left_out: list[Diagnostic] = []
    workspace = snapshot(root, facts, [options.copy_within])
    while True:
        try:
            return plan(tuple(facts), options, target, root, workspace), left_out
        except PlanInvariantError as error:
            bad = set(error.sources)
            kept = [f for f in facts if str(f.source.path) not in bad]
            if not options.keep_going or not kept or len(kept) == len(facts):
                raise
            left_out += [Diagnostic("error", "internal-error", f"left out: {error.summary()}", source,
                                    ", ".join(c for s, c in error.places if s == source and c) or None)
                         for source in error.sources]
            facts = kept


def preview(
    paths: Sequence[Path], out: Path, options: Options = Options(), progress: Progress | None = None
) -> Preview:
    """Generate and diff against the target folder; nothing is written."""
    generated = generate(paths, out, options, progress)
    return Preview(
        generated=generated,
        changes=writer.diff(generated.files, out, force=options.force),
        fingerprint=fingerprint(paths),
    )


def fingerprint(paths: Sequence[Path]) -> str:
    """sha256 over every input file (path and content): it changes when any input changes."""
    return digests.fingerprint(discover(paths))


def apply(the_preview: Preview, out: Path, options: Options = Options()) -> tuple[FileChange, ...]:
    """Write exactly what was previewed (staged, then moved into place)."""
    return write(the_preview.generated.files, out, options)


def convert(
    paths: Sequence[Path], out: Path, options: Options = Options(), progress: Progress | None = None
) -> tuple[Generated, tuple[FileChange, ...]]:
    """Generate the Kedro project for ``paths`` and write it to ``out``."""
    generated = generate(paths, out, options, progress)
    return generated, write(generated.files, out, options)


def write(files: writer.Files, out: Path, options: Options) -> tuple[FileChange, ...]:
    """`writer.write`, with what the system refuses (a folder under /proc or under a file, a
    read-only file system) said in one line: OutputError."""
    try:
        return writer.write(files, out, force=options.force)
    except OSError as error:
        why = error.strerror or str(error)
        raise OutputError(f"cannot write the project to {out}: {why}") from None


def check_package(the_plan: Plan, options: Options, target: Target, out: Path) -> None:
    """The project's package must import: an identifier, no keyword, shadowing nothing."""
    if not options.package and target.package:
        return  # an existing project's own package
    why = package_problem(the_plan.package, the_plan.third_party)
    if why:
        given = "--package" if options.package else f"the package named after {out.name}"
        hint = "; pass another --package" if options.package else "; pass --package NAME"
        raise InputError([Diagnostic("error", "invalid-package", f"{why}{hint}", given)])


