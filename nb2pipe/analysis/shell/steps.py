"""Bash scripts and notebook shell lines as `ShellStep`s: the bash layer's public functions.

Each top-level statement of a script is one step, in the order the script runs them: chains
(`a && b`), pipelines, conditionals and loops stay one step; `for` loops over a literal list
with a simple body are unrolled into one step per value, unless the body writes one file per
item into a folder (`loop_items`: one partitioned step). Nothing is dropped: what cannot be
represented is a verbatim "shell" step with a diagnostic. The walking itself is `shell.walk`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType

from nb2pipe.analysis.shell.effects import Effects, combine, diagnostic
from nb2pipe.analysis.shell.loop_items import loop_items, with_items
from nb2pipe.analysis.shell.parse import parse_bash
from nb2pipe.analysis.shell.paths import ROOT_SENTINEL, absolute, display
from nb2pipe.analysis.shell.scope import Context, Scope
from nb2pipe.analysis.shell.syntax import (
    Chain,
    Command,
    Compound,
    Declaration,
    ForLoop,
    FunctionDef,
    Pipeline,
    Statement,
)
from nb2pipe.analysis.shell.walk import compound_notes, loop_values, walk
from nb2pipe.model.shell import BashScript, ShellFunction, ShellStep

_NO_SOURCES: Mapping[str, str] = MappingProxyType({})


def script_facts(
    text: str,
    source: str,
    root: str = ROOT_SENTINEL,
    start: str | None = None,
    python_sources: Mapping[str, str] = _NO_SOURCES,
    args: Sequence[str | None] | None = None,
    env: Mapping[str, str | None] = _NO_SOURCES,
) -> BashScript:
    """The steps of a bash script, in the order it runs them.

    Args:
        text: The script's source.
        source: Its path relative to the conversion root (posix), for diagnostics and `$0`.
        root: Absolute posix path of the conversion root.
        start: Directory the script starts in, relative to the root (default: its own folder).
        python_sources: Source of Python scripts the script calls, by normalised path, to bind
            their arguments (`readers.bash.read_bash` fills it).
        args: Its positional arguments (`$1`...) when another script runs it with them (None
            where a value is dynamic); by default they are unknown.
        env: Variables it inherits (exported by the script that runs it).

    Returns:
        The script's steps and functions; every top-level statement is one step (or several,
        for an unrolled `for` loop).
    """
    folder = start if start is not None else posixpath.dirname(source) or "."
    ctx = Context(root=root.rstrip("/") or "/", source=source, python_sources=python_sources)
    scope = Scope(
        cwd=absolute(folder, ctx.root),
        vars=MappingProxyType(dict(env)),
        exported=frozenset(env),
        args=tuple(args) if args is not None else None,
    )
    program = parse_bash(text)
    comments = dict(program.comments)
    steps: list[ShellStep] = []
    for stmt in program.statements:
        made, scope = statement_steps(stmt, scope, ctx)
        steps.extend(replace(s, comment=_comment_above(stmt.line, comments)) for s in made)
    functions = tuple(
        ShellFunction(s.name, s.line, s.end_line, s.text)
        for s in program.statements
        if isinstance(s, FunctionDef)
    )
    flagged = _flag_early_exit(tuple(steps), ctx)
    return BashScript(source, folder, flagged, functions, tuple(args) if args is not None else None)


def shell_line_facts(
    command_text: str,
    cwd: str,
    *,
    source: str = "",
    cell: str | None = None,
    root: str = ROOT_SENTINEL,
    variables: Mapping[str, str] = _NO_SOURCES,
) -> ShellStep:
    """Facts of a notebook's `!cmd` line or `%%bash` cell, as one step.

    Args:
        command_text: The shell text (without the leading "!" or the `%%bash` line). IPython's
            `{expr}` interpolation must be resolved by the caller; `$name` is read as a shell
            variable (see ``variables``).
        cwd: Directory it runs in, relative to the conversion root (the notebook's folder).
        source: The notebook's path, for diagnostics.
        cell: The cell's ref, for diagnostics.
        root: Absolute posix path of the conversion root.
        variables: Values known for `$name` (e.g. the notebook's string constants).

    Returns:
        One step merging every statement of the text (lines counted from the text's first).

    Example: ``shell_line_facts("wget -q https://h/x.csv", "notebooks")`` is a "download" step
    reading the URL and writing "notebooks/x.csv".
    """
    ctx = Context(root=root.rstrip("/") or "/", source=source, cell=cell)
    start = Scope(cwd=absolute(cwd, ctx.root), vars=MappingProxyType(dict(variables)))
    program = parse_bash(command_text)
    scope = start
    walked = []
    for stmt in program.statements:
        effects, scope = walk(stmt, scope, ctx)
        walked.append(effects)
    end = max((s.end_line for s in program.statements), default=1)
    first = program.statements[0].line if program.statements else 1
    return make_step(first, end, command_text.strip(), combine(*walked), start, ctx)


def statement_steps(
    stmt: Statement, scope: Scope, ctx: Context
) -> tuple[tuple[ShellStep, ...], Scope]:
    """The step(s) of one top-level statement and the scope after it."""
    effects, after = walk(stmt, scope, ctx)
    kind = stmt.kind if isinstance(stmt, Compound) else "for" if isinstance(stmt, ForLoop) else ""
    effects = combine(effects, compound_notes(kind, effects, stmt.line, ctx)) if kind else effects
    items = loop_items(stmt, scope, ctx, effects) if isinstance(stmt, ForLoop) else None
    if isinstance(stmt, ForLoop) and items is None:
        # a loop writing one file per item stays one partitioned step, whatever its list
        unrolled = unroll(stmt, scope, ctx)
        if unrolled is not None:
            return unrolled
    if items and items.not_resumable:
        why = (
            f"the items of `{items.folder}/` are computed again on every run: {items.not_resumable}"
        )
        effects = combine(
            effects,
            Effects(
                diagnostics=(diagnostic(ctx, stmt.line, "info", "partition-not-resumable", why),)
            ),
        )
    step = make_step(stmt.line, stmt.end_line, stmt.text, with_items(effects, items), scope, ctx)
    return (replace(step, items=items) if items else step,), after


def make_step(
    line: int, end: int, text: str, effects: Effects, scope: Scope, ctx: Context
) -> ShellStep:
    """A step from a statement's effects and the scope it starts in."""
    return ShellStep(
        line=line,
        end_line=end,
        text=text,
        kind=effects.kind,
        cwd=display(scope.cwd, ctx.root),
        reads=effects.reads,
        writes=effects.writes,
        removes=effects.removes,
        mentions=effects.mentions,
        commands=effects.commands,
        notebooks=effects.notebooks,
        python=effects.python,
        scripts=effects.scripts,
        setup=effects.setup,
        installs=effects.installs,
        params=effects.params,
        uses=effects.uses,
        assigns=effects.assigns,
        variables=tuple(scope.vars.items()),
        exported=tuple(sorted(scope.exported)),
        options=tuple(sorted(scope.options)),
        diagnostics=effects.diagnostics,
        spellings=effects.spellings,
    )


def unroll(loop: ForLoop, scope: Scope, ctx: Context) -> tuple[tuple[ShellStep, ...], Scope] | None:
    """`for f in a.csv b.csv; do simple; done`: one step per value and body statement."""
    fields = loop_values(loop, scope, ctx)
    simple = all(isinstance(s, (Command, Pipeline, Chain, Declaration)) for s in loop.body)
    globbed = fields is not None and any(c in f for f in fields for c in "*?[")
    if fields is None or not fields or not simple or globbed or loop.redirects:
        return None
    steps: list[ShellStep] = []
    for value in fields:
        scope = scope.assign(loop.var, value)
        for stmt in loop.body:
            made, scope = statement_steps(stmt, scope, ctx)
            steps.extend(made)
    if any(c in ("break", "continue") for s in steps for c in s.commands):
        return None
    return tuple(steps), scope


def _flag_early_exit(steps: tuple[ShellStep, ...], ctx: Context) -> tuple[ShellStep, ...]:
    """`exit` anywhere but in the last step stops the script early: warn and keep verbatim."""
    out = list(steps)
    for i, step in enumerate(steps[:-1]):
        if "exit" in step.commands:
            msg = "`exit` before the end of the script: later steps may not run"
            note = diagnostic(ctx, step.line, "warning", "bash-exit", msg)
            out[i] = replace(step, kind="shell", diagnostics=(*step.diagnostics, note))
    return tuple(out)


def _comment_above(line: int, comments: dict[int, str]) -> str:
    lines: list[str] = []
    while line - 1 in comments and not comments[line - 1].startswith("!"):
        line -= 1
        lines.insert(0, comments[line])
    return "\n".join(lines)
