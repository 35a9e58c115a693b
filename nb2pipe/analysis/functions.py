"""Summaries of the functions a notebook defines: what a call to them reads and changes."""

from __future__ import annotations

import ast

from .context import Context, FunctionSummary
from .effects import EffectsCollector
from .names import free_names


def summarize(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda, ctx: Context, lines: list[str]) -> FunctionSummary:
    """What calling the function does, seen from the caller (used at every call site)."""
    args = node.args
    params = tuple(a.arg for a in (*args.posonlyargs, *args.args))
    every_param = set(params) | {a.arg for a in args.kwonlyargs}
    every_param |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
    body = node.body if isinstance(node.body, list) else [ast.Expr(value=node.body)]
    mutated: set[str] = set()
    uses: set[str] = set()
    defines: set[str] = set()
    for statement in body:
        collector = EffectsCollector(ctx, lines, statement, record_io=False)
        collector.visit(statement)
        mutated |= collector.fx.mutates
        uses |= collector.fx.uses
        defines |= collector.fx.defines
    free = {n for n in free_names(node) if n not in ctx.aliases and n not in ctx.functions} - builtin_names()
    draws = {s for s in uses | defines if s.startswith("rng:")}
    for callee in called_functions(node, ctx):
        summary = ctx.functions[callee]
        free |= summary.free
        draws |= summary.draws
        mutated |= summary.mutated_globals
    return FunctionSummary(
        params=params,
        mutated_params=frozenset(mutated & every_param),
        free=frozenset(free),
        mutated_globals=frozenset(mutated & free),
        draws=frozenset(draws),
        generator=any(isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)
                      if not isinstance(node, ast.Lambda)),
    )


def called_functions(node: ast.AST, ctx: Context) -> set[str]:
    """Notebook functions referenced inside ``node`` (called or passed along)."""
    return {
        n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in ctx.functions
    }


def builtin_names() -> frozenset[str]:
    import builtins

    return frozenset(dir(builtins))
