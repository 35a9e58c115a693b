"""Effects of statements: command-table results and redirections as normalised facts.

`Effects` accumulates what a statement does (files, notebooks, Python calls, parameters,
diagnostics); `combine` merges the effects of commands run one after the other, so a file one
member writes is not an input of a later member of the same step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

from nb2pipe.analysis.shell.paths import absolute, display, normalise
from nb2pipe.analysis.shell.python_calls import (
    argparse_spec,
    bind_arguments,
    looks_like_path,
)
from nb2pipe.analysis.shell.rules import CommandEffect, Note, NotebookCall
from nb2pipe.analysis.shell.scope import Context, Scope
from nb2pipe.model import Diagnostic, Level
from nb2pipe.model.shell import NotebookRun, PythonCall, ScriptCall, StepKind

#: Most significant first: a step's kind is the first of its members' kinds in this order.
KIND_RANK: tuple[StepKind, ...] = (
    "notebook",
    "python",
    "shell",
    "download",
    "file",
    "setup",
    "setting",
)


@dataclass(frozen=True, slots=True)
class Effects:
    """What a statement does, paths normalised; the fields mirror `ShellStep`'s."""

    kinds: tuple[StepKind, ...] = ()
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    removes: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()
    commands: tuple[str, ...] = ()
    notebooks: tuple[NotebookRun, ...] = ()
    python: tuple[PythonCall, ...] = ()
    scripts: tuple[ScriptCall, ...] = ()
    setup: tuple[str, ...] = ()
    installs: tuple[str, ...] = ()
    params: tuple[tuple[str, object], ...] = ()
    uses: tuple[str, ...] = ()
    assigns: tuple[tuple[str, str | None], ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    verbatim: bool = False
    #: (word as written, normalised path) for the words that name a file, in order.
    spellings: tuple[tuple[str, str], ...] = ()

    @property
    def kind(self) -> StepKind:
        """The most significant member kind ("shell" when verbatim; "file" for a setting
        that touches files, such as `echo x > out`)."""
        if self.verbatim:
            return "shell"
        kind: StepKind = next((k for k in KIND_RANK if k in self.kinds), "setting")
        if kind == "setting" and (self.reads or self.writes or self.removes):
            return "file"
        return kind


def combine(*parts: Effects) -> Effects:
    """Effects of statements run in order: reads of files written earlier are internal."""
    out = Effects()
    for part in parts:
        written = out.writes
        fresh = tuple(r for r in part.reads if not _covered(r, written))
        out = Effects(
            kinds=out.kinds + part.kinds,
            reads=_unique(out.reads + fresh),
            writes=_unique(out.writes + part.writes),
            removes=_unique(out.removes + part.removes),
            mentions=_unique(out.mentions + part.mentions),
            commands=out.commands + part.commands,
            notebooks=out.notebooks + part.notebooks,
            python=out.python + part.python,
            scripts=out.scripts + part.scripts,
            setup=_unique(out.setup + part.setup),
            installs=_unique(out.installs + part.installs),
            params=_unique(out.params + part.params),
            uses=_unique(out.uses + part.uses),
            assigns=out.assigns + part.assigns,
            diagnostics=_unique(out.diagnostics + part.diagnostics),
            verbatim=out.verbatim or part.verbatim,
            spellings=_unique(out.spellings + part.spellings),
        )
    return out


def _covered(path: str, written: tuple[str, ...]) -> bool:
    return path in written or any(w.endswith("/") and path.startswith(w) for w in written)


T = TypeVar("T")


def _unique(items: Iterable[T]) -> tuple[T, ...]:
    return tuple(dict.fromkeys(items))


def diagnostic(ctx: Context, line: int, level: Level, code: str, message: str) -> Diagnostic:
    """A diagnostic about ``line`` of the script (or cell) being walked."""
    return Diagnostic(level, code, message, source=ctx.source, cell=ctx.cell, line=line)


def note_effects(ctx: Context, line: int, notes: Iterable[Note]) -> Effects:
    """Rule notes as diagnostics."""
    return Effects(
        diagnostics=tuple(diagnostic(ctx, line, n.level, n.code, n.message) for n in notes)
    )


def paths(
    spelled: Iterable[str], cwd: str | None, ctx: Context, line: int
) -> tuple[tuple[str, ...], Effects]:
    """Normalise spelled paths; relative ones under an unknown directory are reported."""
    found: list[str] = []
    lost: list[str] = []
    for path in spelled:
        shown = normalise(path, cwd, ctx.root)
        if shown is not None:
            found.append(shown)
        elif cwd is None and path and not path.startswith("/"):
            lost.append(path)
    if not lost:
        return tuple(found), Effects()
    message = "the working directory is only known at run time: relative paths are not tracked"
    return tuple(found), Effects(
        diagnostics=(diagnostic(ctx, line, "warning", "bash-unknown-cwd", message),)
    )


def effect_facts(effect: CommandEffect, scope: Scope, ctx: Context, line: int) -> Effects:
    """A command-table effect with its paths normalised, notebooks resolved, scripts bound."""
    reads, lost_r = paths(effect.reads, scope.cwd, ctx, line)
    writes, lost_w = paths(effect.writes, scope.cwd, ctx, line)
    removes, lost_x = paths(effect.removes, scope.cwd, ctx, line)
    mentions, _ = paths(effect.mentions, scope.cwd, ctx, line)
    base = Effects((effect.kind,), reads, writes, removes, mentions, verbatim=effect.verbatim)
    runs = tuple(notebook_run(call, scope, ctx) for call in effect.notebooks)
    params = tuple(p for run in runs for p in run.parameters)
    notebooks = Effects(notebooks=runs, params=params)
    python = python_facts(effect.python, scope, ctx, line) if effect.python else Effects()
    called = Effects(
        scripts=(script_call(effect.script, effect.script_runner, scope, ctx),)
        if effect.script
        else (),
        setup=(effect.setup,) if effect.setup else (),
        installs=effect.installs,
    )
    return combine(
        base,
        notebooks,
        python,
        called,
        lost_r,
        lost_w,
        lost_x,
        note_effects(ctx, line, effect.notes),
    )


def script_call(
    argv: tuple[str | None, ...], runner: str, scope: Scope, ctx: Context
) -> ScriptCall:
    """A called shell script resolved against the shell's working directory, with the
    variables it inherits (the exported ones)."""
    spelled = argv[0] or ""
    return ScriptCall(
        script=normalise(spelled, scope.cwd, ctx.root) or spelled,
        argv=tuple(argv[1:]),
        cwd=display(scope.cwd, ctx.root),
        env=tuple((n, scope.vars.get(n)) for n in sorted(scope.exported)),
        runner=runner,
    )


def notebook_run(call: NotebookCall, scope: Scope, ctx: Context) -> NotebookRun:
    """A spelled notebook call resolved against the shell's working directory."""
    run_dir = absolute(call.cwd or ".", scope.cwd)
    shown = [
        (k, normalise(v, run_dir, ctx.root))
        for k, v in call.parameters
        if isinstance(v, str) and looks_like_path(v)
    ]
    return NotebookRun(
        runner=call.runner,
        notebook=normalise(call.notebook, scope.cwd, ctx.root) or call.notebook,
        output=normalise(call.output, scope.cwd, ctx.root) if call.output else None,
        parameters=call.parameters,
        cwd=display(run_dir, ctx.root),
        paths=tuple((k, v) for k, v in shown if v is not None),
    )


def python_facts(call: PythonCall, scope: Scope, ctx: Context, line: int) -> Effects:
    """Bind a Python call's arguments to the script's CLI (when its source is known)."""
    script = normalise(call.script, scope.cwd, ctx.root) or call.script if call.script else ""
    sources = ctx.python_sources
    spec = argparse_spec(sources[script]) if script in sources else ()
    bound = bind_arguments(spec, call.argv)
    values = {
        role: [
            v
            for b in bound.values()
            if b.role == role and b.given
            for v in (b.value if isinstance(b.value, list) else [b.value])
            if isinstance(v, str)
        ]
        for role in ("read", "write")
    }
    reads, lost_r = paths(values["read"], scope.cwd, ctx, line)
    writes, lost_w = paths(values["write"], scope.cwd, ctx, line)
    params = tuple((b.dest, b.value) for b in bound.values() if b.role == "param" and b.given)
    how = spec[0].declared_by if spec else "generic"
    resolved = replace(call, script=script, arguments=tuple(bound.values()), bound_with=how)
    facts = Effects(reads=reads, writes=writes, python=(resolved,), params=params)
    return combine(facts, lost_r, lost_w)


