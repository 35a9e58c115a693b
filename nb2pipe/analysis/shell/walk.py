"""The bash walker: the effects of each kind of statement, threading the shell's `Scope`.

`walk(stmt, scope, ctx)` returns what a statement does (`Effects`) and the scope after it, as
bash would run it: `cd` in `a && b` applies to `b`; pipeline members and subshells do not change
the caller's scope; after a conditional, variables its branches disagree on become dynamic.
Function calls expand the function's body with `$1`... bound to the call's words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from types import MappingProxyType

from nb2pipe.analysis.shell.command_effect import command_effect
from nb2pipe.analysis.shell.effects import Effects, combine, diagnostic, effect_facts
from nb2pipe.analysis.shell.expand import Expanded, expand
from nb2pipe.analysis.shell.loop_values import values_effects
from nb2pipe.analysis.shell.python_calls import guess_value
from nb2pipe.analysis.shell.scope import BUILTINS, Context, Scope, merge_scopes
from nb2pipe.analysis.shell.setup import SETUP_EVALS, setup_effect
from nb2pipe.analysis.shell.syntax import (
    Background,
    Chain,
    Command,
    Compound,
    Declaration,
    ForLoop,
    FunctionDef,
    Pipeline,
    Statement,
    Unparsed,
)
from nb2pipe.analysis.shell.word_effects import redirect_facts, variable_params, word_spellings

#: How deep function calls expand (helpers calling helpers, as in fastText's scripts).
MAX_CALL_DEPTH = 3
Walk = tuple[Effects, Scope]


def walk(stmt: Statement, scope: Scope, ctx: Context) -> Walk:
    """Effects of any statement, with its redirections, and the scope after it."""
    walker = WALKERS[type(stmt)]
    effects, after = walker(stmt, scope, ctx)
    if isinstance(stmt, Command) or not stmt.redirects:
        return effects, after
    before, written = redirect_facts(stmt.redirects, scope, ctx, stmt.line)
    return combine(before, effects, written), after


def walk_block(stmts: tuple[Statement, ...], scope: Scope, ctx: Context) -> Walk:
    """Statements run one after the other."""
    parts = []
    for stmt in stmts:
        effects, scope = walk(stmt, scope, ctx)
        parts.append(effects)
    return combine(*parts), scope


# ---------------------------------------------------------------------------- commands
def walk_command(cmd: Command, scope: Scope, ctx: Context) -> Walk:
    """A simple command: builtins that change the scope, function calls, the command table."""
    expansions = [expand(w, scope, ctx) for w in cmd.words]
    argv = [f for e in expansions for f in (e.fields if e.fields is not None else [None])]
    uses = [u for e in expansions for u in e.uses]
    prefix_uses = [
        u for _, w in cmd.assignments if w is not None for u in expand(w, scope, ctx).uses
    ]
    used = Effects(uses=tuple(prefix_uses + uses))
    before, written = redirect_facts(cmd.redirects, scope, ctx, cmd.line)
    name = argv[0] if argv else None
    function = scope.functions.get(name) if name else None
    if isinstance(function, FunctionDef):
        effects, after = call_function(function, argv, scope, ctx, cmd.line)
        return combine(used, before, effects, written), after
    effects = with_prefix_env(run_command(tuple(argv), scope, ctx, cmd.line), cmd, scope, ctx)
    if name == "eval" and SETUP_EVALS.search(cmd.text):  # eval "$(conda shell.bash hook)"
        hook = effect_facts(setup_effect("eval of a shell hook"), scope, ctx, cmd.line)
        effects = combine(Effects(commands=("eval",)), hook)
    after = BUILTINS[name](tuple(argv[1:]), scope) if name in BUILTINS else scope
    if name in ("cd", "pushd", "popd") and after.cwd is None and scope.cwd is not None:
        msg = "`cd` to a directory only known at run time: later relative paths are not tracked"
        effects = combine(
            effects,
            Effects(diagnostics=(diagnostic(ctx, cmd.line, "warning", "bash-dynamic-cwd", msg),)),
        )
    full = combine(used, before, effects, written)
    words = [(w.text, e.fields) for w, e in zip(cmd.words[1:], expansions[1:])]
    full = combine(full, word_spellings(words, full, scope, ctx))
    return combine(full, variable_params(_whole_vars(expansions), full)), after


def with_prefix_env(effects: Effects, cmd: Command, scope: Scope, ctx: Context) -> Effects:
    """`A=1 bash other.sh`: the called script inherits the prefix assignments too."""
    if not effects.scripts or not cmd.assignments:
        return effects
    extra = []
    for name, word in cmd.assignments:
        fields = expand(word, scope, ctx).fields if word is not None else ("",)
        extra.append((name, " ".join(fields) if fields is not None else None))
    calls = tuple(replace(c, env=tuple(dict([*c.env, *extra]).items())) for c in effects.scripts)
    return replace(effects, scripts=calls)


def _whole_vars(expansions: list[Expanded]) -> list[tuple[str | None, str | None, str | None]]:
    """(previous word, variable, value) for each argument that is exactly one `$NAME`."""
    single = [
        e.fields[0] if e.fields is not None and len(e.fields) == 1 else None for e in expansions
    ]
    return [
        (single[i - 1], e.whole_var, single[i])
        for i, e in enumerate(expansions)
        if i > 0 and e.whole_var
    ]


def run_command(argv: tuple[str | None, ...], scope: Scope, ctx: Context, line: int) -> Effects:
    """Effects of a command line from the table, wrapped commands included."""
    effect = command_effect(argv)
    facts = effect_facts(effect, scope, ctx, line)
    names = (argv[0],) if argv and argv[0] else ()
    facts = combine(Effects(commands=names), facts)
    if effect.inner:
        inner = run_command(effect.inner, scope, ctx, line)
        if inner.kind == "setup":  # `sudo apt-get install ...` is set-up, not a verbatim step
            return combine(Effects(commands=names), inner)
        facts = combine(facts, replace(inner, verbatim=inner.verbatim or effect.verbatim))
    return facts


def call_function(
    function: FunctionDef,
    argv: list[str | None],
    scope: Scope,
    ctx: Context,
    line: int,
) -> Walk:
    """Expand a call to a script function: its body, with `$1`... bound to the call's words."""
    if function.name in scope.calling or len(scope.calling) >= MAX_CALL_DEPTH:
        msg = (
            f"call to `{function.name}` not expanded (recursive or nested too deep); kept verbatim"
        )
        note = diagnostic(ctx, line, "info", "bash-function-depth", msg)
        return Effects(kinds=("shell",), commands=(function.name,), diagnostics=(note,)), scope
    inner = replace(scope, args=tuple(argv[1:]), calling=(*scope.calling, function.name))
    effects, after = walk_block(function.body, inner, ctx)
    if function.isolated:
        return effects, scope
    return effects, replace(after, args=scope.args, calling=scope.calling)


# ------------------------------------------------------------------ other statements
def walk_declaration(decl: Declaration, scope: Scope, ctx: Context) -> Walk:
    """`X=1`, `export X=1`, `local`, `declare`, `readonly`, `unset`."""
    export = decl.keyword == "export" or (
        decl.keyword in ("declare", "typeset") and "-x" in decl.flags
    )
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
            params.append((name, guess_value(value)))
    return Effects(
        ("setting",),
        commands=(decl.keyword,) if decl.keyword else (),
        uses=tuple(uses),
        assigns=tuple(assigns),
        params=tuple(params),
    ), after


def walk_pipeline(pipe: Pipeline, scope: Scope, ctx: Context) -> Walk:
    """`a | b | c`: each member runs in a subshell, so the scope does not change."""
    parts = [walk(part, scope, ctx)[0] for part in pipe.parts]
    return combine(*parts), scope


def walk_chain(chain: Chain, scope: Scope, ctx: Context) -> Walk:
    """`a && b || c`: one step; `cd` in `a` applies to `b` and after."""
    return walk_block(chain.parts, scope, ctx)


def walk_compound(stmt: Compound, scope: Scope, ctx: Context) -> Walk:
    """if/case/loops/groups/subshells: one step over all branches; scopes merged after."""
    results = [walk_block(branch, scope, ctx) for branch in stmt.branches]
    effects = combine(*(e for e, _ in results))
    ends = [s for _, s in results] + ([] if stmt.exhaustive else [scope])
    return effects, scope if stmt.isolated else merge_scopes(ends, scope)


LOOPS = frozenset({"while", "for", "until", "select"})
CONDITIONALS = frozenset({"if", "case"})


def compound_notes(kind: str, effects: Effects, line: int, ctx: Context) -> Effects:
    """Diagnostics for a loop or conditional kept as one step (groups and subshells need none)."""
    notes = []
    if kind in LOOPS:
        msg = f"`{kind}` loop kept as one verbatim step (files named in the body are seen once)"
        notes.append(diagnostic(ctx, line, "warning", "bash-loop", msg))
    if (kind in LOOPS or kind in CONDITIONALS) and (effects.notebooks or effects.python):
        msg = f"notebooks or scripts run inside `{kind}`: kept verbatim, not converted"
        notes.append(diagnostic(ctx, line, "warning", "bash-conditional-run", msg))
    elif kind in CONDITIONALS:
        msg = f"`{kind}` kept as one step: its condition decides at run time"
        notes.append(diagnostic(ctx, line, "info", "bash-conditional", msg))
    verbatim = any(n.level == "warning" for n in notes)
    return Effects(verbatim=verbatim, diagnostics=tuple(notes))


def walk_for(loop: ForLoop, scope: Scope, ctx: Context) -> Walk:
    """A loop kept as one step: the body is walked once, with the variable bound to the single
    glob pattern it iterates over (`for f in *.csv`), else to a dynamic value."""
    fields = loop_values(loop, scope, ctx)
    pattern = fields[0] if fields is not None and len(fields) == 1 else None
    effects, end = walk_block(loop.body, scope.assign(loop.var, pattern), ctx)
    # the values' variables (`for n in $(seq 1 "$N")`) are read before the body runs
    uses = tuple(u for w in loop.values or () for u in expand(w, scope, ctx).uses)
    listed = values_effects(loop, scope, ctx)  # `$(cat list.txt)`, `data/*.csv`
    return combine(Effects(uses=uses), listed, effects), merge_scopes([end, scope], scope)


def loop_values(loop: ForLoop, scope: Scope, ctx: Context) -> list[str] | None:
    """The words a `for` loop iterates over, or None when they are only known at run time."""
    if loop.values is None:
        return (
            [a for a in scope.args if a is not None]
            if scope.args is not None and None not in scope.args
            else None
        )
    out: list[str] = []
    for word in loop.values:
        fields = expand(word, scope, ctx).fields
        if fields is None:
            return None
        out.extend(fields)
    return out


def walk_function(fdef: FunctionDef, scope: Scope, ctx: Context) -> Walk:
    """A function definition: remembered for later calls."""
    functions = MappingProxyType({**scope.functions, fdef.name: fdef})
    return Effects(kinds=("setting",)), replace(scope, functions=functions)


def walk_background(stmt: Background, scope: Scope, ctx: Context) -> Walk:
    """`cmd &`: runs concurrently with what follows; kept verbatim."""
    effects, _ = walk(stmt.inner, scope, ctx)
    msg = (
        "runs in the background (`&`): kept verbatim; its outputs may be missing for the next step"
    )
    note = diagnostic(ctx, stmt.line, "warning", "bash-background", msg)
    return combine(effects, Effects(verbatim=True, diagnostics=(note,))), scope


def walk_unparsed(stmt: Unparsed, scope: Scope, ctx: Context) -> Walk:
    """Text the parser could not read: kept verbatim."""
    note = diagnostic(
        ctx, stmt.line, "warning", "bash-parse-error", f"{stmt.reason}; kept verbatim"
    )
    return Effects(kinds=("shell",), verbatim=True, diagnostics=(note,)), scope


WALKERS: dict[type, Callable[..., Walk]] = {
    Command: walk_command,
    Declaration: walk_declaration,
    Pipeline: walk_pipeline,
    Chain: walk_chain,
    Compound: walk_compound,
    ForLoop: walk_for,
    FunctionDef: walk_function,
    Background: walk_background,
    Unparsed: walk_unparsed,
}
