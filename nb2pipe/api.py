"""The public API: convert(paths, out, options) = write(render(plan(analyze(read(paths))))).

Every entry point (CLI, JupyterLab server extension, tests) goes through these functions, so a
conversion started anywhere produces byte-identical files.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from . import digests, version_pins, writer
from .analysis import ANALYSIS_LIMIT, analyze, recursion_limit
from .analysis.pool import analyze_ahead
from .drivers import Project, analyze_project, run_book
from .drivers.scripts import callers
from .errors import InputError, OutputError, PlanInvariantError
from .model import Diagnostic, Generated, Plan, ProjectRun, Source, SourceFacts, Target
from .model.disk import DiskSnapshot
from .model.shell import BashScript
from .options import Options
from .planning import order_sources, plan, unit_names
from .planning.naming import package_problem
from .readers import discover, read
from .readers.disk_view import UnseenPaths
from .readers.files import absolute
from .readers.unread_drivers import unread_drivers
from .readers.workspace import covering, snapshot, take
from .rendering import lint_notes, render
from .writer import FileChange

Progress = Callable[[str, int, int], None]
T = TypeVar("T")


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


class Seen:
    """Readers' snapshot of the disk, grown as analyses ask about paths it does not cover: each
    such analysis runs again on the grown snapshot (`analysis.analyze` never reads the disk)."""

    def __init__(self, disk: DiskSnapshot) -> None:
        self.disk = disk

    def until_covered(self, run: Callable[[], T]) -> T:
        """``run()``, again after each `UnseenPaths`, with those paths read into the snapshot."""
        while True:
            try:
                return run()
            except UnseenPaths as unseen:
                self.disk = covering(self.disk, unseen.missing, unseen.unread)

    def analyze(self, source: Source, options: Options) -> SourceFacts:
        return self.until_covered(lambda: analyze(source, options, self.disk))


def analyze_on_disk(source: Source, options: Options = Options(), folders: Sequence[Path] = ()
                    ) -> SourceFacts:
    """``source``'s facts as a conversion finds them: analysed on readers' snapshot of
    ``folders`` (and of the source's own folder), grown as the analysis asks (tests, tools)."""
    return Seen(take(folders, [Path(source.abspath).parent])).analyze(source, options)


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


def read_called(paths: Sequence[str], sources: Sequence[Source], root: Path) -> list[Source]:
    """The Python scripts, notebooks and shell scripts shell scripts run that are not sources
    already (plain `.py` files; notebooks and scripts when only the script was given)."""
    known = {str(s.path) for s in sources}
    found = []
    for path in paths:
        file = root / path
        if path not in known and file.suffix in (".py", ".ipynb", ".sh") and file.is_file():
            try:
                found.append(read(file, root))
            except InputError:
                continue
    return found


def check_package(the_plan: Plan, options: Options, target: Target, out: Path) -> None:
    """The project's package must import: an identifier, no keyword, shadowing nothing."""
    if not options.package and target.package:
        return  # an existing project's own package
    why = package_problem(the_plan.package, the_plan.third_party)
    if why:
        given = "--package" if options.package else f"the package named after {out.name}"
        hint = "; pass another --package" if options.package else "; pass --package NAME"
        raise InputError([Diagnostic("error", "invalid-package", f"{why}{hint}", given)])


def refuse_outside(runs: Mapping[str, str], root: Path) -> None:
    """A script runs a notebook or script outside the folder converted: the project could not
    run it (it is neither converted nor copied), so say which folder to convert instead."""
    problems = []
    for path, caller in sorted(runs.items()):
        file = (root / path).resolve()
        if file.suffix not in (".py", ".ipynb", ".sh") or file.is_relative_to(root):
            continue
        if file.is_file():
            folder = Path(os.path.commonpath([root, file]))
            message = (
                f"runs {relative_to_cwd(file)}, outside the folder converted "
                f"({relative_to_cwd(root)}): convert a folder holding "
                f"both, e.g. `nb2pipe convert {relative_to_cwd(folder)}`"
            )
            problems.append(Diagnostic("error", "run-outside-root", message, caller))
    if problems:
        raise InputError(problems)


def relative_to_cwd(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def read_bash(path: str | Path, root: str | Path, start: str | None = None) -> BashScript:
    """The steps of a bash script, with the Python scripts it calls (under ``root``) read, so
    their argparse/click/sys.argv arguments are bound to the call's words.

    Args:
        path: The script.
        root: The conversion root: paths in the result are relative to it when inside it.
        start: Directory the script is run from, relative to the root; default: its own folder.

    Raises:
        OSError: If the script cannot be read.
    """
    from .analysis.shell.steps import script_facts  # noqa: PLC0415 (tree-sitter: only for scripts)

    script_path, root_path = Path(path).resolve(), Path(root).resolve()
    text = script_path.read_text(encoding="utf-8", errors="replace")
    try:
        source = script_path.relative_to(root_path).as_posix()
    except ValueError:
        source = script_path.as_posix()
    first = script_facts(text, source, root_path.as_posix(), start)
    called = sorted({c.script for s in first.steps for c in s.python if c.script.endswith(".py")})
    texts = {}
    for name in called:
        file = root_path / name
        if not name.startswith("/") and file.is_file():
            texts[name] = file.read_text(encoding="utf-8", errors="replace")
    if not texts:
        return first
    return script_facts(text, source, root_path.as_posix(), start, texts)


def common_root(paths: Sequence[Path]) -> Path:
    """The folder conversion paths are relative to: the folder given, or the files' common parent."""
    resolved = [p.resolve() for p in paths]
    parents = [p if p.is_dir() else p.parent for p in resolved]
    root = parents[0]
    for parent in parents[1:]:
        while root not in (parent, *parent.parents):
            root = root.parent
    return root
