"""Walk parsed bash and turn each top-level statement into a `ShellStep`.

The walker threads a `Scope` (variables, working directory, functions, `set` options) through
the script, statement by statement, as bash would. Chains (`a && b`), pipelines, conditionals
and loops stay one step; `for` loops over a literal list with a simple body are unrolled;
function calls expand the function's body. Nothing is dropped: what cannot be represented is a
verbatim "shell" step with a diagnostic.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType

from nb2pipe.analysis.bash_effects import (
    Effects,
    combine,
    diagnostic,
    effect_facts,
    redirect_facts,
    variable_params,
)
from nb2pipe.analysis.bash_expand import (
    ROOT_SENTINEL,
    Context,
    Expanded,
    Scope,
    absolute,
    display,
    expand,
)
from nb2pipe.analysis.bash_model import BashScript, ShellFunction, ShellStep
from nb2pipe.analysis.bash_syntax import (
    Background, Chain, Command, Compound, Declaration, ForLoop, FunctionDef, Pipeline,
    Statement, Unparsed, parse_bash,
)  # fmt: skip
from nb2pipe.analysis.shell_commands import command_effect

#: How deep function calls expand (helpers calling helpers, as in fastText's scripts).
MAX_CALL_DEPTH = 3
Walk = tuple[Effects, Scope]
_NO_SOURCES: Mapping[str, str] = MappingProxyType({})


def script_facts(text: str, source: str, root: str = ROOT_SENTINEL, start: str | None = None,
                 python_sources: Mapping[str, str] = _NO_SOURCES) -> BashScript:  # fmt: skip
    """The steps of a bash script, in the order it runs them.

    Args:
        text: The script's source.
        source: Its path relative to the conversion root (posix), for diagnostics and `$0`.
        root: Absolute posix path of the conversion root.
        start: Directory the script starts in, relative to the root (default: its own folder).
        python_sources: Source of Python scripts the script calls, by normalised path, to bind
            their arguments (`readers.bash.read_bash` fills it).

    Returns:
        The script's steps and functions; every top-level statement is one step (or several,
        for an unrolled `for` loop).
    """
    folder = start if start is not None else posixpath.dirname(source) or "."
    ctx = Context(root=root.rstrip("/") or "/", source=source)
    scope = Scope(cwd=absolute(folder, ctx.root))
    program = parse_bash(text)
    comments = dict(program.comments)
    steps: list[ShellStep] = []
    for stmt in program.statements:
        made, scope = statement_steps(stmt, scope, ctx, python_sources)
        steps.extend(replace(s, comment=_comment_above(stmt.line, comments)) for s in made)
    functions = tuple(
        ShellFunction(s.name, s.line, s.end_line, s.text)
        for s in program.statements if isinstance(s, FunctionDef)
    )  # fmt: skip
    return BashScript(source, folder, _flag_early_exit(tuple(steps), ctx), functions)


def shell_line_facts(command_text: str, cwd: str, *, source: str = "", cell: str | None = None,
                     root: str = ROOT_SENTINEL) -> ShellStep:  # fmt: skip
    """Facts of a notebook's `!cmd` line or `%%bash` cell, as one step.

    Args:
        command_text: The shell text (without the leading "!" or the `%%bash` line).
        cwd: Directory it runs in, relative to the conversion root (the notebook's folder).
        source: The notebook's path, for diagnostics; cell: the cell's ref.
        root: Absolute posix path of the conversion root.

    Returns:
        One step merging every statement of the text (lines counted from the text's first).
    """
    ctx = Context(root=root.rstrip("/") or "/", source=source, cell=cell)
    scope = Scope(cwd=absolute(cwd, ctx.root))
    program = parse_bash(command_text)
    walked = []
    for stmt in program.statements:
        effects, scope_after = walk(stmt, scope, ctx, _NO_SOURCES)
        walked.append(effects)
        scope = scope_after
    end = max((s.end_line for s in program.statements), default=1)
    first = program.statements[0].line if program.statements else 1
    start_scope = Scope(cwd=absolute(cwd, ctx.root))
    return make_step(first, end, command_text.strip(), combine(*walked), start_scope, ctx)


def statement_steps(stmt: Statement, scope: Scope, ctx: Context,
                    sources: Mapping[str, str]) -> tuple[tuple[ShellStep, ...], Scope]:  # fmt: skip
    """The step(s) of one top-level statement and the scope after it."""
    if isinstance(stmt, ForLoop):
        unrolled = unroll(stmt, scope, ctx, sources)
        if unrolled is not None:
            return unrolled
    effects, after = walk(stmt, scope, ctx, sources)
    kind = stmt.kind if isinstance(stmt, Compound) else "for" if isinstance(stmt, ForLoop) else ""
    effects = combine(effects, compound_notes(kind, effects, stmt.line, ctx)) if kind else effects
    return (make_step(stmt.line, stmt.end_line, stmt.text, effects, scope, ctx),), after


def make_step(line: int, end: int, text: str, effects: Effects, scope: Scope, ctx: Context) -> ShellStep:
    """A step from a statement's effects and the scope it starts in."""
    return ShellStep(
        line=line, end_line=end, text=text, kind=effects.kind, cwd=display(scope.cwd, ctx.root),
        reads=effects.reads, writes=effects.writes, removes=effects.removes,
        mentions=effects.mentions, commands=effects.commands, notebooks=effects.notebooks,
        python=effects.python, params=effects.params, uses=effects.uses, assigns=effects.assigns,
        variables=tuple(scope.vars.items()), exported=tuple(sorted(scope.exported)),
        options=tuple(sorted(scope.options)), diagnostics=effects.diagnostics,
    )  # fmt: skip


def walk(stmt: Statement, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """Effects of any statement, with its redirections, and the scope after it."""
    walker = WALKERS[type(stmt)]
    effects, after = walker(stmt, scope, ctx, sources)
    if isinstance(stmt, Command) or not stmt.redirects:
        return effects, after
    before, written = redirect_facts(stmt.redirects, scope, ctx, stmt.line)
    return combine(before, effects, written), after


def walk_block(stmts: tuple[Statement, ...], scope: Scope, ctx: Context,
               sources: Mapping[str, str]) -> Walk:  # fmt: skip
    """Statements run one after the other."""
    parts = []
    for stmt in stmts:
        effects, scope = walk(stmt, scope, ctx, sources)
        parts.append(effects)
    return combine(*parts), scope


# ---------------------------------------------------------------------------- commands
def walk_command(cmd: Command, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """A simple command: builtins that change the scope, function calls, the command table."""
    expansions = [expand(w, scope, ctx) for w in cmd.words]
    argv = [f for e in expansions for f in (e.fields if e.fields is not None else [None])]
    uses = [u for e in expansions for u in e.uses]
    prefix_uses = [u for _, w in cmd.assignments if w is not None for u in expand(w, scope, ctx).uses]
    used = Effects(uses=tuple(prefix_uses + uses))
    before, written = redirect_facts(cmd.redirects, scope, ctx, cmd.line)
    name = argv[0] if argv else None
    function = scope.functions.get(name) if name else None
    if isinstance(function, FunctionDef):
        effects, after = call_function(function, argv, scope, ctx, sources, cmd.line)
        return combine(used, before, effects, written), after
    effects = run_command(tuple(argv), scope, ctx, sources, cmd.line)
    after = BUILTINS[name](tuple(argv[1:]), scope) if name in BUILTINS else scope
    if name in ("cd", "pushd", "popd") and after.cwd is None and scope.cwd is not None:
        msg = "`cd` to a directory only known at run time: later relative paths are not tracked"
        effects = combine(effects, Effects(diagnostics=(diagnostic(ctx, cmd.line, "warning", "bash-dynamic-cwd", msg),)))
    full = combine(used, before, effects, written)
    return combine(full, variable_params(_whole_vars(expansions), full)), after


def _whole_vars(expansions: list[Expanded]) -> list[tuple[str | None, str | None, str | None]]:
    """(previous word, variable, value) for each argument that is exactly one `$NAME`."""
    single = [e.fields[0] if e.fields is not None and len(e.fields) == 1 else None for e in expansions]
    return [(single[i - 1], e.whole_var, single[i]) for i, e in enumerate(expansions) if i > 0 and e.whole_var]


def run_command(argv: tuple[str | None, ...], scope: Scope, ctx: Context,
                sources: Mapping[str, str], line: int) -> Effects:  # fmt: skip
    """Effects of a command line from the table, wrapped commands included."""
    effect = command_effect(argv)
    facts = effect_facts(effect, scope, ctx, line, sources)
    names = (argv[0],) if argv and argv[0] else ()
    facts = combine(Effects(commands=names), facts)
    if effect.inner:
        inner = run_command(effect.inner, scope, ctx, sources, line)
        facts = combine(facts, replace(inner, verbatim=inner.verbatim or effect.verbatim))
    return facts


def call_function(function: FunctionDef, argv: list[str | None], scope: Scope, ctx: Context,
                  sources: Mapping[str, str], line: int) -> Walk:  # fmt: skip
    """Expand a call to a script function: its body, with `$1`... bound to the call's words."""
    if function.name in scope.calling or len(scope.calling) >= MAX_CALL_DEPTH:
        msg = f"call to `{function.name}` not expanded (recursive or nested too deep); kept verbatim"
        note = diagnostic(ctx, line, "info", "bash-function-depth", msg)
        return Effects(kinds=("shell",), commands=(function.name,), diagnostics=(note,)), scope
    inner = replace(scope, args=tuple(argv[1:]), calling=(*scope.calling, function.name))
    effects, after = walk_block(function.body, inner, ctx, sources)
    if function.isolated:
        return effects, scope
    return effects, replace(after, args=scope.args, calling=scope.calling)


def _cd(args: tuple[str | None, ...], scope: Scope) -> Scope:
    target = args[-1] if args else None
    return replace(scope, cwd=absolute(target, scope.cwd) if target and target != "-" else None)


def _pushd(args: tuple[str | None, ...], scope: Scope) -> Scope:
    return replace(_cd(args, scope), dirs=(scope.cwd, *scope.dirs))


def _popd(args: tuple[str | None, ...], scope: Scope) -> Scope:
    return replace(scope, cwd=scope.dirs[0], dirs=scope.dirs[1:]) if scope.dirs else replace(scope, cwd=None)


def _set(args: tuple[str | None, ...], scope: Scope) -> Scope:
    options = set(scope.options)
    words = [a for a in args if a is not None]
    for i, word in enumerate(words):
        if word in ("-o", "+o") and i + 1 < len(words):
            (options.add if word == "-o" else options.discard)(words[i + 1])
        elif word[:1] in "-+" and word not in ("-o", "+o", "--"):
            for flag in word[1:]:
                (options.add if word[0] == "-" else options.discard)(flag)
    return replace(scope, options=frozenset(options))


def _read(args: tuple[str | None, ...], scope: Scope) -> Scope:
    values = {"-p", "-d", "-n", "-N", "-t", "-u", "-a", "-i"}
    names: list[str] = []
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word in values and rest:
            rest.pop(0)
        elif word is not None and word.isidentifier():
            names.append(word)
    for name in names or ["REPLY"]:
        scope = scope.assign(name, None)
    return scope


def _shift(args: tuple[str | None, ...], scope: Scope) -> Scope:
    count = int(args[0]) if args and args[0] and args[0].isdigit() else 1
    return replace(scope, args=scope.args[count:] if scope.args is not None else None)


#: Builtins that change the shell's state: name → (arguments, scope) → scope after.
BUILTINS: dict[str, Callable[[tuple[str | None, ...], Scope], Scope]] = {
    "cd": _cd, "pushd": _pushd, "popd": _popd, "set": _set, "read": _read, "shift": _shift,
}  # fmt: skip


# ------------------------------------------------------------------ other statements
def walk_declaration(decl: Declaration, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """`X=1`, `export X=1`, `local`, `declare`, `readonly`, `unset`."""
    export = decl.keyword == "export" or (decl.keyword in ("declare", "typeset") and "-x" in decl.flags)
    assigns: list[tuple[str, str | None]] = []
    uses: list[str] = []
    params: list[tuple[str, object]] = []
    after = scope
    for name, word in decl.assignments:
        if decl.keyword in ("unset", "unsetenv"):
            after = after.unset(name)
            continue
        if word is None:  # `export NAME` of an existing variable
            after = after.assign(name, after.vars.get(name), export) if export else after
            continue
        expanded = expand(word, scope, ctx)
        value = " ".join(expanded.fields) if expanded.fields is not None else None
        uses.extend(expanded.uses)
        assigns.append((name, value))
        after = after.assign(name, value, export)
        if export and value is not None:
            params.append((name, value))
    kinds = ("setting",)
    return Effects(kinds, commands=(decl.keyword,) if decl.keyword else (), uses=tuple(uses),
                   assigns=tuple(assigns), params=tuple(params)), after  # fmt: skip


def walk_pipeline(pipe: Pipeline, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """`a | b | c`: each member runs in a subshell, so the scope does not change."""
    parts = [walk(part, scope, ctx, sources)[0] for part in pipe.parts]
    return combine(*parts), scope


def walk_chain(chain: Chain, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """`a && b || c`: one step; `cd` in `a` applies to `b` and after."""
    return walk_block(chain.parts, scope, ctx, sources)


def walk_compound(stmt: Compound, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """if/case/loops/groups/subshells: one step over all branches; scopes merged after."""
    results = [walk_block(branch, scope, ctx, sources) for branch in stmt.branches]
    effects = combine(*(e for e, _ in results))
    ends = [s for _, s in results] + ([] if stmt.exhaustive else [scope])
    return effects, scope if stmt.isolated else merge_scopes(ends, scope)


def compound_notes(kind: str, effects: Effects, line: int, ctx: Context) -> Effects:
    """Diagnostics for a statement kept as one step around other commands."""
    if effects.notebooks or effects.python:
        msg = f"notebooks or scripts run inside `{kind}`: kept verbatim, not converted"
        return Effects(verbatim=True, diagnostics=(diagnostic(ctx, line, "warning", "bash-conditional-run", msg),))
    if kind in ("while", "for", "until", "select"):
        msg = f"`{kind}` loop kept as one verbatim step (files named in the body are seen once)"
        return Effects(verbatim=True, diagnostics=(diagnostic(ctx, line, "warning", "bash-loop", msg),))
    if kind in ("if", "case"):
        msg = f"`{kind}` kept as one step: its condition decides at run time"
        return Effects(diagnostics=(diagnostic(ctx, line, "info", "bash-conditional", msg),))
    return Effects()


def merge_scopes(ends: list[Scope], before: Scope) -> Scope:
    """The scope after one of several branches ran: values they disagree on become dynamic."""
    if not ends:
        return before
    names = dict.fromkeys(n for s in ends for n in s.vars)
    merged = {n: _agreed([s.vars.get(n, "\0unset") for s in ends]) for n in names}
    functions = {k: v for s in ends for k, v in s.functions.items()}
    return replace(
        ends[0], vars=MappingProxyType(merged), cwd=_agreed([s.cwd for s in ends]),
        exported=frozenset().union(*(s.exported for s in ends)),
        functions=MappingProxyType(functions),
    )  # fmt: skip


def _agreed(values: list[str | None]) -> str | None:
    return values[0] if all(v == values[0] for v in values) and values[0] != "\0unset" else None


def walk_for(loop: ForLoop, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """A loop kept as one step: the body is walked once, with the variable bound to the single
    glob pattern it iterates over (`for f in *.csv`), else to a dynamic value."""
    fields = _loop_values(loop, scope, ctx)
    pattern = fields[0] if fields is not None and len(fields) == 1 else None
    effects, end = walk_block(loop.body, scope.assign(loop.var, pattern), ctx, sources)
    return effects, merge_scopes([end, scope], scope)


def unroll(loop: ForLoop, scope: Scope, ctx: Context,
           sources: Mapping[str, str]) -> tuple[tuple[ShellStep, ...], Scope] | None:  # fmt: skip
    """`for f in a.csv b.csv; do simple; done`: one step per value and body statement."""
    fields = _loop_values(loop, scope, ctx)
    simple = all(isinstance(s, (Command, Pipeline, Chain, Declaration)) for s in loop.body)
    globbed = fields is not None and any(c in f for f in fields for c in "*?[")
    if fields is None or not fields or not simple or globbed or loop.redirects:
        return None
    steps: list[ShellStep] = []
    for value in fields:
        scope = scope.assign(loop.var, value)
        for stmt in loop.body:
            made, scope = statement_steps(stmt, scope, ctx, sources)
            steps.extend(made)
    if any(c in ("break", "continue") for s in steps for c in s.commands):
        return None
    return tuple(steps), scope


def _loop_values(loop: ForLoop, scope: Scope, ctx: Context) -> list[str] | None:
    if loop.values is None:
        return [a for a in scope.args if a is not None] if scope.args is not None and None not in scope.args else None
    out: list[str] = []
    for word in loop.values:
        fields = expand(word, scope, ctx).fields
        if fields is None:
            return None
        out.extend(fields)
    return out


def walk_function(fdef: FunctionDef, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """A function definition: remembered for later calls."""
    functions = MappingProxyType({**scope.functions, fdef.name: fdef})
    return Effects(kinds=("setting",)), replace(scope, functions=functions)


def walk_background(stmt: Background, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """`cmd &`: runs concurrently with what follows; kept verbatim."""
    effects, _ = walk(stmt.inner, scope, ctx, sources)
    msg = "runs in the background (`&`): kept verbatim; its outputs may not exist when the next step starts"
    note = diagnostic(ctx, stmt.line, "warning", "bash-background", msg)
    return combine(effects, Effects(verbatim=True, diagnostics=(note,))), scope


def walk_unparsed(stmt: Unparsed, scope: Scope, ctx: Context, sources: Mapping[str, str]) -> Walk:
    """Text the parser could not read: kept verbatim."""
    note = diagnostic(ctx, stmt.line, "warning", "bash-parse-error", f"{stmt.reason}; kept verbatim")
    return Effects(kinds=("shell",), verbatim=True, diagnostics=(note,)), scope


WALKERS: dict[type, Callable[..., Walk]] = {
    Command: walk_command, Declaration: walk_declaration, Pipeline: walk_pipeline,
    Chain: walk_chain, Compound: walk_compound, ForLoop: walk_for, FunctionDef: walk_function,
    Background: walk_background, Unparsed: walk_unparsed,
}  # fmt: skip


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
