"""The `nb2pipe` command: a thin typer layer over nb2pipe.api. Prints; decides nothing."""
# (the docstring is for developers; users see HELP)

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from . import api
from .errors import InputError, Nb2PipeError, PlanInvariantError
from .explain import explain_data, explain_text
from .model import Diagnostic
from .options import Options

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

HELP = """Turn Jupyter notebooks and the bash scripts that drive them into a Kedro 1.x project.

Start with `nb2pipe convert notebooks/ -o my_project`, then `cd my_project && kedro run`.
Bad input: one line per problem naming file and cell, exit code 2, nothing written."""

app = typer.Typer(add_completion=False, no_args_is_help=True, help=HELP)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

Paths = Annotated[list[Path], typer.Argument(help="Notebooks, percent scripts, shell scripts or folders.")]
Output = Annotated[Path, typer.Option("-o", "--output", help="Project folder to create or update.")]


def show_version(value: bool) -> None:
    if value:
        out.print(f"nb2pipe {version()}", highlight=False)
        raise typer.Exit()


def version() -> str:
    from importlib.metadata import PackageNotFoundError  # noqa: PLC0415
    from importlib.metadata import version as installed  # noqa: PLC0415

    try:
        return installed("nb2pipe")
    except PackageNotFoundError:  # run from a checkout that is not installed
        return "unknown (not installed)"


@app.callback()
def main_options(
    _version: Annotated[
        bool,
        typer.Option(
            "--version", callback=show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """(the commands' shared options)"""


@app.command()
def convert(
    paths: Paths,
    output: Output = Path("kedro_project"),
    memory: Annotated[bool, typer.Option(help="Keep datasets between nodes in memory.")] = False,
    keep_going: Annotated[bool, typer.Option(help="Convert the good inputs when some are bad.")] = False,
    strict: Annotated[bool, typer.Option(help="Treat warnings as errors.")] = False,
    force: Annotated[bool, typer.Option(help="Take the generated text over your edits.")] = False,
    check: Annotated[bool, typer.Option(help="Write nothing; exit 1 with a diff if files would change.")] = False,
    package: Annotated[str | None, typer.Option(help="Python package name of the project.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Also print info diagnostics.")] = False,
    jobs: Annotated[int | None, typer.Option("-j", "--jobs", min=1, help="Processes analysing sources (default: one per core).")] = None,
) -> None:
    """Convert notebooks into a Kedro project (or, with --check, show what would change).
    Files you edited since the last conversion are merged with the new ones; a conflict is
    left between <<<<<<< and >>>>>>> markers and the command exits 1."""
    collect_less()
    options = Options(package=package, memory=memory, keep_going=keep_going, strict=strict, force=force,
                      jobs=jobs)
    run(paths, output, options, check, as_json, verbose)


@app.command("diff")
def diff_command(
    paths: Paths,
    output: Output = Path("kedro_project"),
    memory: Annotated[bool, typer.Option(help="Keep datasets between nodes in memory.")] = False,
    package: Annotated[str | None, typer.Option(help="Python package name of the project.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show what `convert` would change (merged with your edits) as a diff; write nothing;
    exit 1 when anything would change (`convert --check`; the pre-commit hook runs this)."""
    collect_less()
    run(paths, output, Options(package=package, memory=memory), True, as_json, False)


def run(paths: list[Path], output: Path, options: Options, check: bool, as_json: bool,
        verbose: bool) -> None:
    with guarded(), progress_bar(as_json) as progress:
        preview = api.preview(paths, output, options, progress)
        changes = preview.changes if check else api.apply(preview, output, options)
    changed = [c for c in changes if c.status not in ("unchanged", "kept")]
    conflicted = [c for c in changes if c.status == "conflicted"]
    diagnostics = preview.generated.diagnostics
    if as_json:
        print(json.dumps({"changes": [change_data(c) for c in changes],
                          "diagnostics": [diagnostic_data(d) for d in diagnostics]}, indent=2))
    else:
        show_diagnostics(diagnostics, verbose)
        for change in changes:
            if change.note:
                err.print(f"warning: {change.path}: {change.note}", style="yellow",
                          highlight=False, markup=False)
        if check:
            for change in changed:
                internal = change.path.parts[0] == ".nb2pipe"  # the manifest: hashes only
                show_diff(change.diff if change.diff and not internal
                          else f"{change.status}: {change.path}\n")
        verb = "would change" if check else "changed"
        merged = sum(c.status == "merged" for c in changes)
        parts = [f"{merged} merged with your edits"] if merged else []
        parts += [f"{len(conflicted)} with conflicts"] if conflicted else []
        with_edits = f" ({', '.join(parts)})" if parts else ""
        out.print(f"{len(changed)} file(s) {verb} in {output}{with_edits}", highlight=False)
        for change in conflicted:
            for line in change.conflicts:
                err.print(f"conflict: {output / change.path}:{line}", highlight=False, markup=False)
    if conflicted and not check and not as_json:
        err.print("resolve the conflicts (keep one side, delete the markers), then convert again",
                  highlight=False, markup=False)
    if (check and changed) or conflicted:
        raise typer.Exit(1)


#: ANSI colours of diff lines on a terminal, by their first character(s).
DIFF_COLOURS = (("+++", "1"), ("---", "1"), ("@@", "36"), ("+", "32"), ("-", "31"))


def show_diff(text: str) -> None:
    """A unified diff on stdout, coloured when stdout is a terminal."""
    if not out.is_terminal:
        sys.stdout.write(text)
        return
    for line in text.splitlines(keepends=True):
        code = next((c for prefix, c in DIFF_COLOURS if line.startswith(prefix)), "")
        sys.stdout.write(f"\x1b[{code}m{line.rstrip(chr(10))}\x1b[0m\n" if code else line)
    sys.stdout.flush()


@app.command()
def explain(
    paths: Paths,
    output: Output = Path("kedro_project"),
    package: Annotated[str | None, typer.Option(help="Python package name of the project.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show how cells map to nodes, datasets and parameters, with every diagnostic.
    Give the -o (and --package) you convert with: they name the project's package."""
    collect_less()
    with guarded():
        generated = api.generate(paths, output, Options(package=package, keep_going=True))
    if as_json:
        print(json.dumps(explain_data(generated), indent=2))
    else:
        out.print(explain_text(generated), highlight=False, markup=False)


@app.command()
def verify(
    paths: Paths,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Generated project to check (left unchanged); "
                     "default: convert into a temporary folder."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    timeout: Annotated[int, typer.Option(
        help="Seconds each notebook cell, pipeline node or script step may run; past it the "
        "run is stopped (with what it started) and verification fails.")] = 600,
) -> None:
    """Run the notebooks and the generated pipeline; compare every dataset, file and figure."""
    from .verify import print_report, to_json
    from .verify import verify as verify_project

    def say(message: str) -> None:
        if not as_json:
            err.print(f"[dim]{message}…[/]", highlight=False)

    with guarded():
        report = verify_project(paths, output, Options(), timeout=timeout, progress=say)
    if as_json:
        print(json.dumps(to_json(report), indent=2))
    else:
        print_report(report, out)
    raise typer.Exit(report.exit_code)


def collect_less() -> None:
    """Analysis and planning make millions of small objects that live until the command ends;
    with CPython's default thresholds the cycle collector rescans them all again and again
    (about 30 % of the CPU time of a 5,000-cell notebook). This process runs one command, so
    it collects rarely; memory stays the same (the objects hold no reference cycles to free).
    See docs/performance.md."""
    gc.freeze()  # what the imports made is never garbage
    gc.set_threshold(100_000, 50, 100)


def show_diagnostics(diagnostics: tuple[Diagnostic, ...], verbose: bool) -> None:
    for diagnostic in diagnostics:
        if verbose or diagnostic.level != "info":
            err.print(str(diagnostic), style="yellow" if diagnostic.level == "warning" else None,
                      highlight=False, markup=False)


def change_data(change: api.FileChange) -> dict[str, object]:
    return {"path": str(change.path), "status": change.status, "diff": change.diff,
            "conflicts": list(change.conflicts), "note": change.note}


def diagnostic_data(d: Diagnostic) -> dict[str, object]:
    return {"level": d.level, "code": d.code, "message": d.message, "source": d.source,
            "cell": d.cell, "line": d.line}


class guarded:
    """User errors: one line per problem on stderr, exit code 2, no traceback."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if isinstance(error, Nb2PipeError):
            # "error: file cell N line L: message [code]": a problem's own level is not repeated
            problems = error.problems if isinstance(error, InputError) else ()
            lines = [str(p).replace(f": {p.level}: ", ": ", 1) for p in problems]
            for line in lines or str(error).splitlines():
                err.print(f"error: {line}", highlight=False, markup=False)
            raise typer.Exit(error.exit_code)
        if isinstance(error, PlanInvariantError):  # a bug: one line, asking for a report
            err.print(f"error: {error.line()}", highlight=False, markup=False)
            raise typer.Exit(error.exit_code)
        return None


class progress_bar:
    """A rich progress bar while sources are analysed (silent for --json and single files)."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar: Progress | None = None  # made (and imported: ~50 ms) when a bar is shown
        self.task: TaskID | None = None

    def __enter__(self) -> api.Progress:
        return self.update

    def update(self, path: str, done: int, total: int) -> None:
        if self.quiet or total < 2 or not err.is_terminal:
            return
        if self.bar is None:
            from rich.progress import Progress  # noqa: PLC0415

            self.bar = Progress(console=err, transient=True)
            self.bar.start()
            self.task = self.bar.add_task("analysing", total=total)
        assert self.task is not None
        self.bar.update(self.task, completed=done, description=Path(path).name)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def main() -> None:  # pragma: no cover
    app()
