"""Random numbers and hyper-parameters of calls: the part of `calls.EffectsCollector` that
records seeding and drawing from the global generators (`knowledge.calls.GLOBAL_RNGS`) and the
literal hyper-parameters and seeds that become parameters."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ...knowledge import calls as tables
from ...model import Edit
from ...model.facts import EditKind
from ...model.symbols import Param, Rng, Symbol
from .call_effects import CallEffects
from .walk_state import Context


class RandomEffects(ast.NodeVisitor):
    """Random-number part of EffectsCollector (needs its ctx, fx, inside_plot and edit)."""

    ctx: Context
    fx: CallEffects
    inside_plot: int

    if TYPE_CHECKING:  # EffectsCollector's (calls.py)
        def edit(self, node: ast.expr | ast.stmt, kind: EditKind, symbol: Symbol | None,
                 payload: str = "") -> Edit: ...

    def random(self, node: ast.Call, qual: str | None, method: str | None, receiver: str | None) -> None:
        """Global generators: seeding defines their state; drawing reads and re-defines it."""
        seeded_kw = any(k.arg == "random_state" for k in node.keywords)
        if qual:
            for symbol, rng in tables.GLOBAL_RNGS.items():
                if qual == rng["seed"]:
                    self.fx.defines.add(symbol)
                    if symbol == Rng("numpy"):
                        self.ctx.numpy_seeded = True
                elif qual.startswith(rng["module"] + ".") and is_draw(qual, rng):
                    self.fx.uses.add(symbol)
                    self.fx.defines.add(symbol)
                    if symbol == Rng("numpy") and not self.ctx.numpy_seeded:
                        self.fx.unseeded_draws.append("numpy.random")
            name = qual.split(".")[-1]
            implicit = (qual.startswith(tables.IMPLICIT_NUMPY_DRAW_PREFIXES) and name[:1].islower()
                        or qual in tables.IMPLICIT_NUMPY_DRAW_FUNCTIONS
                        or name in tables.IMPLICIT_NUMPY_DRAW_ANY_METHODS)
        else:  # `km.fit(X)`, or `KMeans(3).fit(X)` (a library class made with no random_state)
            made = node.func.value if isinstance(node.func, ast.Attribute) else None
            chained = isinstance(made, ast.Call) and bool(unseeded_class(made, self.ctx))
            drawing = method in tables.IMPLICIT_NUMPY_DRAW_METHODS
            implicit = (drawing and (receiver is not None or chained)
                        or method in tables.IMPLICIT_NUMPY_DRAW_ANY_METHODS)
        if implicit and self.ctx.numpy_seeded and not seeded_kw:
            self.fx.uses.add(Rng("numpy"))
            self.fx.defines.add(Rng("numpy"))
        elif not self.ctx.numpy_seeded and not seeded_kw:  # nothing seeded it: chance decides
            drawn = unseeded_draw(node, qual, method, receiver, self.ctx)
            if drawn:
                self.fx.unseeded_draws.append(drawn)

    def hyperparameters(self, node: ast.Call, qual: str | None, plotting: bool) -> None:
        """Literal hyper-parameters and seeds become `param:<name>=<value>` symbols (not inside
        a drawing call's arguments: drawing settings stay literal, and the drawing a reporting
        node)."""
        if plotting or self.inside_plot:
            return
        for kw in node.keywords:
            if kw.arg in tables.HYPERPARAMETERS and is_scalar_literal(kw.value):
                self.param(kw.arg, kw.value)
        if qual in tables.SEED_CALLS and node.args and is_scalar_literal(node.args[0]):
            self.param("seed", node.args[0])

    def param(self, name: str, literal: ast.expr) -> None:
        value = ast.literal_eval(literal)
        symbol = Param(name, repr(value))
        self.fx.uses.add(symbol)
        self.fx.edits.append(self.edit(literal, "read", symbol))


def unseeded_draw(node: ast.Call, qual: str | None, method: str | None, receiver: str | None,
                  ctx: Context) -> str:
    """What a call given no `random_state`, with numpy's global generator not seeded, may draw
    from it through (`ChunkFacts.unseeded`), or "": a distribution's `rvs` ("numpy.random");
    a library function (`train_test_split`, `scipy.stats.bootstrap`); the fit of an object a
    library class made with no `random_state` (`km.fit(X)` after `km = KMeans(3)`, or
    `KMeans(3).fit(X)`): its class, since only a class taking a `random_state` draws."""
    name = (qual or "").rsplit(".", 1)[-1] if qual else (method or "")
    if name in tables.IMPLICIT_NUMPY_DRAW_ANY_METHODS:
        return "numpy.random"
    if qual:
        implicit = (qual.startswith(tables.IMPLICIT_NUMPY_DRAW_PREFIXES) and name[:1].islower()
                    or qual in tables.IMPLICIT_NUMPY_DRAW_FUNCTIONS)
        return qual if implicit else ""
    if method not in tables.IMPLICIT_NUMPY_DRAW_METHODS or not isinstance(node.func, ast.Attribute):
        return ""
    if receiver is not None and isinstance(node.func.value, ast.Name):
        return ctx.unseeded_estimators.get(receiver, "")
    made = node.func.value
    return unseeded_class(made, ctx) if isinstance(made, ast.Call) else ""


def unseeded_class(call: ast.Call, ctx: Context) -> str:
    """The qualified name of the library class ``call`` makes with no `random_state`, or ""."""
    qual = ctx.qualname(call.func) or ""
    library = (qual.startswith(tables.IMPLICIT_NUMPY_DRAW_PREFIXES)
               and qual.rsplit(".", 1)[-1][:1].isupper())
    return qual if library and not any(k.arg == "random_state" for k in call.keywords) else ""


def note_estimators(statement: ast.stmt, ctx: Context, rebound: set[str]) -> None:
    """After ``statement``: ``rebound`` names no longer hold what they held; `km = KMeans(3)`
    binds an object fitting it may draw unseeded (`unseeded_draw`)."""
    for name in rebound:
        ctx.unseeded_estimators.pop(name, None)
    if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
        return
    target, value = statement.targets[0], statement.value
    made = unseeded_class(value, ctx) if isinstance(value, ast.Call) else ""
    if made and isinstance(target, ast.Name):
        ctx.unseeded_estimators[target.id] = made


def is_scalar_literal(node: ast.expr) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)) and not isinstance(node.value, bool)


def is_draw(qual: str, rng: tables.GlobalRng) -> bool:
    name = qual.rsplit(".", 1)[-1]
    if "draws" in rng:
        return qual == f"{rng['module']}.{name}" and name in rng["draws"]
    return qual == f"{rng['module']}.{name}" and name not in rng["not_draws"] and not name[:1].isupper()
