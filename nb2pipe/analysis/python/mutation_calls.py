"""Changes calls make in place: the part of `calls.EffectsCollector` that records which
variables a call changes — a mutating method (`knowledge/mutations.py`), a function changing an
argument, calling an object the notebook made, and a method called for what it does (a whole
statement whose value nobody sees)."""

from __future__ import annotations

import ast

from ...knowledge import calls as tables
from ...knowledge import mutations
from ...knowledge.pure_calls import is_pure
from .call_effects import CallEffects
from .constructors import constructs
from .walk_state import Context, root_name


class MutationEffects(ast.NodeVisitor):
    """In-place-change part of EffectsCollector (needs its ctx and fx)."""

    ctx: Context
    fx: CallEffects

    def mutation(self, node: ast.Call, qual: str | None, method: str | None, receiver: str | None) -> None:
        if receiver and method:
            inplace = any(k.arg == "inplace" and is_true(k.value) for k in node.keywords)
            if method in mutations.MUTATING_METHODS or inplace:
                self.fx.mutates.add(receiver)
            if receiver in self.ctx.rng_objects:
                self.fx.mutates.add(receiver)
                if method == "shuffle" and node.args:
                    self.mutate_argument(node.args[0])
        if qual in mutations.INPLACE_FUNCTIONS:
            position = mutations.INPLACE_FUNCTIONS[qual]
            if position < len(node.args):
                self.mutate_argument(node.args[position])
        if isinstance(node.func, ast.Name) and self.is_made_object(node.func.id):
            self.fx.mutates.add(node.func.id)
        for name in passed_names(node) & self.ctx.stateful_objects:  # it may run their closures
            self.fx.mutates.add(name)
        if self.library_function(node, qual):
            built, holds = self.ctx.built, self.ctx.holds
            self.fx.mutates.update(n for n in passed_names(node) if n in built and holds.get(n))
        for argument in node.args:  # `print(*pairs)` iterates: an iterator is used up by it
            if isinstance(argument, ast.Starred) and isinstance(argument.value, ast.Name):
                if self.is_made_object(argument.value.id):
                    self.fx.mutates.add(argument.value.id)

    def discarded_call(self, method: str | None, receiver: str | None) -> None:
        """`sampler.reset()`, `counts.subtract("a")`, `sim.run(100);`: a method of an object the
        notebook made, called as a whole statement whose value nobody sees (not the value ending
        a cell, or ended by `;`), is called for what it does, so it changes the object — unless
        the method only shows, writes it out or gives a new value (`UNCHANGING_METHODS`,
        `OUTWARD_METHOD_PREFIXES`).
        Methods the tables do not know are many (every library's own); taking them as changes
        costs a version of the object at most, while missing one hands the next node the object
        as it was before."""
        if not (receiver and method and self.is_made_object(receiver)):
            return
        if receiver in self.ctx.viz_vars or method in tables.UNCHANGING_METHODS:
            return
        if method.lstrip("_").startswith(tables.OUTWARD_METHOD_PREFIXES):
            return
        self.fx.mutates.add(receiver)

    def library_function(self, node: ast.Call, qual: str | None) -> bool:
        """A function of an imported library that is not known to only compute a new value
        (`pure_calls`) nor a class or container factory (which holds its arguments, `containers`):
        given an object a class built from the notebook's objects (`ctx.built`: an interconnected
        system, a pipeline; not a list of arrays handed to `plt.boxplot`), it may change them:
        python-control's `input_output_response(sys, ..., params={"m": m})` sets the parameters
        of `sys`'s subsystems, which later systems built from them keep. Taking it as a change
        costs versions at most; missing it hands the next node the parts as first made."""
        if not qual or "." not in qual or is_pure(qual) or constructs(node, self.ctx):
            return False
        root = qual.split(".")[0]
        return any(module.split(".")[0] == root for module in self.ctx.aliases.values())

    def is_made_object(self, name: str) -> bool:
        """`block(u)` on a value the notebook made (not a notebook function, class or lambda, not
        an import) runs its `__call__`, a method that may change it: a nonlinear block keeping
        its last output, a layer updating running statistics; a class the node defines, a
        constructor counting instances in a class attribute."""
        ctx = self.ctx
        return name in ctx.node_classes or (
            name in ctx.bound and name not in ctx.functions and name not in ctx.aliases
            and name not in ctx.later_definitions)

    def mutate_argument(self, argument: ast.expr) -> None:
        name = root_name(argument)
        if name and name not in self.ctx.aliases:
            self.fx.mutates.add(name)


def passed_names(call: ast.Call) -> set[str]:
    """Names a call is given as arguments, also inside list, tuple or set literals
    (`ct.interconnect([controller, plant])`)."""
    found: set[str] = set()
    pending = [*call.args, *(k.value for k in call.keywords)]
    while pending:
        argument = pending.pop()
        if isinstance(argument, ast.Starred):
            pending.append(argument.value)
        elif isinstance(argument, (ast.List, ast.Tuple, ast.Set)):
            pending.extend(argument.elts)
        elif isinstance(argument, ast.Name):
            found.add(argument.id)
    return found


def is_true(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is True
