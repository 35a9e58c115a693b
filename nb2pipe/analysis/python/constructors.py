"""Which calls make an object that keeps its arguments (a class, a container factory): shared by
the holding links (`containers`) and the changes calls make (`mutation_calls`)."""

from __future__ import annotations

import ast

from ...knowledge import mutations
from .walk_state import Context


def constructs(call: ast.Call, ctx: Context) -> bool:
    """A class (a CamelCase name) or a container factory: the result keeps its arguments."""
    qual = ctx.qualname(call.func)
    if qual in mutations.CONTAINER_FACTORIES:
        return True
    if qual and qual.startswith(mutations.COPYING_CONSTRUCTORS):
        return False
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    return name[:1].isupper() and not name.isupper()
