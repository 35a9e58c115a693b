"""What kind of work one top-level statement does: import, def, param, setting, display, plot or
data. The kinds decide where planning puts the statement (hoisted, moved to a module, replayed,
removed, reporting node or data node)."""

from __future__ import annotations

import ast
import builtins

from ...knowledge import calls as tables
from ...knowledge.pure_calls import WRITING_KEYWORDS, is_pure, is_registered_method
from ...model import ChunkKind
from ...model.symbols import Param, Rng
from .bindings import Bindings
from .call_effects import CallEffects
from .definitions import defined_name, placement
from .walk_state import Context

BUILTINS = frozenset(dir(builtins))


def classify(statement: ast.stmt, fx: CallEffects, binds: Bindings, ctx: Context) -> tuple[ChunkKind, str]:
    """(kind, setting scope) of one statement."""
    if is_import(statement):
        return "import", ""
    if defined_name(statement) is not None:
        # a definition reading notebook data when it is made (a default, a decorator argument, a
        # class body), a class whose methods read notebook values, or a name differing
        # definitions bind (`ctx.redefined`, see `definitions.placement`) stays in its node
        return ("def" if placement(statement, ctx)[0] == "module" else "data"), ""
    if literal_binding(statement) is not None and not fx.uses and not fx.mutates:
        return "param", ""
    scope = setting_scope(statement, ctx)
    if scope:
        return "setting", scope
    if (is_display(statement, fx, ctx) or shows_error(statement, fx, ctx)) and not changes_files(statement, ctx):
        return "display", ""
    if is_plot(fx, binds, ctx) or unpacks_drawing(statement, ctx):
        return "plot", ""
    return "data", ""


def unpacks_drawing(statement: ast.stmt, ctx: Context) -> bool:
    """`fig, (ax1, ax2) = objects`, `ax = axes[0, 1]`, `fig = grid.figure`: names bound to a
    figure or axes variable (``ctx.viz_vars``), a part or an attribute of one, and nothing else:
    drawing work, whose names are figures and axes too."""
    if not isinstance(statement, ast.Assign):
        return False
    value = statement.value
    while isinstance(value, (ast.Subscript, ast.Attribute)):
        literal = (ast.Constant, ast.Tuple)
        if isinstance(value, ast.Subscript) and not isinstance(value.slice, literal):
            return False
        value = value.value
    targets = [n for t in statement.targets for n in ast.walk(t) if isinstance(n, ast.expr)]
    return (
        isinstance(value, ast.Name)
        and value.id in ctx.viz_vars
        and all(isinstance(n, (ast.Name, ast.Tuple, ast.List, ast.Starred)) for n in targets)
    )


def is_import(statement: ast.stmt) -> bool:
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        return True
    if isinstance(statement, (ast.Try, ast.If)):
        inner = [s for s in ast.walk(statement) if isinstance(s, ast.stmt) and s is not statement]
        allowed = (ast.Import, ast.ImportFrom, ast.Pass, ast.Assign, ast.Expr, ast.Raise)
        return any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in inner) and all(
            isinstance(s, allowed) for s in inner
        )
    return False


def literal_binding(statement: ast.stmt) -> tuple[str, object] | None:
    """`NAME = <literal>` (scalar, or list/dict of scalars) → (NAME, value)."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target, value = statement.targets[0], statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        target, value = statement.target, statement.value
    else:
        return None
    if not isinstance(target, ast.Name) or isinstance(value, (ast.Tuple, ast.Set)):
        return None
    try:
        literal = ast.literal_eval(value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return (target.id, literal) if yaml_safe(literal) else None


def yaml_safe(value: object, depth: int = 0) -> bool:
    """Values that survive parameters.yml unchanged: scalars, and lists/dicts of them."""
    if isinstance(value, (bool, int, float, str)) or value is None:
        return not (isinstance(value, float) and value != value)
    if depth > 2:
        return False
    if isinstance(value, list):
        return all(yaml_safe(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and yaml_safe(v, depth + 1) for k, v in value.items())
    return False


def setting_scope(statement: ast.stmt, ctx: Context) -> str:
    """"all", "plot" or "chdir" when the statement only changes a process-wide setting."""
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        return scope_of(ctx.qualname(statement.value.func))
    if isinstance(statement, (ast.Assign, ast.AugAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        scopes = {scope_of(ctx.qualname(strip_subscripts(t))) for t in targets}
        calls = any(isinstance(n, ast.Call) for n in ast.walk(statement.value))
        if len(scopes) == 1 and (not calls or static_value(statement.value, ctx)):
            return scopes.pop()
    return ""


def static_value(value: ast.expr, ctx: Context) -> bool:
    """A value made only from imported modules, builtins and literals (`cycler(color="rg")`):
    computing it again in a later node gives the same setting."""
    names = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
    calls = [ctx.qualname(n.func) or "" for n in ast.walk(value) if isinstance(n, ast.Call)]
    random = tuple(rng["module"] + "." for rng in tables.GLOBAL_RNGS.values())
    return names <= ctx.aliases.keys() | BUILTINS and not any(q.startswith(random) for q in calls)


def strip_subscripts(node: ast.expr) -> ast.expr:
    while isinstance(node, ast.Subscript):
        node = node.value
    return node


def scope_of(qual: str | None) -> str:
    if not qual:
        return ""
    for key, scope in tables.SETTINGS.items():
        if qual == key or qual.startswith(key + "."):
            return scope
    return ""


def changes_files(statement: ast.stmt, ctx: Context) -> bool:
    """The statement calls, or hands on (`map(os.remove, old)`), something that changes the file
    system (`tables.FILESYSTEM_CALLS`, `Path(...).unlink()`): an effect, never a display."""
    for node in ast.walk(statement):
        if isinstance(node, (ast.Name, ast.Attribute)) and filesystem_call(ctx.qualname(node)):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in tables.FILESYSTEM_METHODS:
                return True
            if node.func.attr in tables.FILESYSTEM_PATH_METHODS and is_path_value(node.func.value, ctx):
                return True
    return False


def filesystem_call(qual: str | None) -> bool:
    if not qual:
        return False
    return qual in tables.FILESYSTEM_CALLS or f"{qual.rpartition('.')[0]}.*" in tables.FILESYSTEM_CALLS


def is_path_value(node: ast.expr, ctx: Context) -> bool:
    """`Path(...)`, `Path(...) / "x"`: an expression that is a pathlib path."""
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        node = node.left
    return isinstance(node, ast.Call) and ctx.qualname(node.func) in ("pathlib.Path", "pathlib.PurePath")


def is_display(statement: ast.stmt, fx: CallEffects, ctx: Context) -> bool:
    """A bare expression whose value is only shown (`df.head()`, `display(df)`, `df`)."""
    if not isinstance(statement, ast.Expr) or fx.mutates or fx.files or fx.defines:
        return False
    if any(isinstance(s, Rng) for s in fx.uses):
        return False
    if isinstance(statement.value, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
        return False
    return all(is_display_call(call, ctx) for call in ast.walk(statement.value) if isinstance(call, ast.Call))


def shows_error(statement: ast.stmt, fx: CallEffects, ctx: Context) -> bool:
    """``try: k + [1, 2]`` / ``except ValueError as e: print(e)``: a `try` that only shows a value
    or the error computing it raises (its body and handlers only display-only expressions and
    prints, no `else`/`finally`, nothing bound but the handlers' names): a display."""
    if not isinstance(statement, ast.Try) or statement.orelse or statement.finalbody:
        return False
    caught = {h.name for h in statement.handlers if h.name}
    if fx.mutates or fx.files or not {s for s in fx.defines if isinstance(s, str)} <= caught:
        return False
    if any(isinstance(s, (Rng, Param)) for s in fx.uses | fx.defines):
        return False
    inner = [*statement.body, *(s for h in statement.handlers for s in h.body)]
    return all(isinstance(s, ast.Pass) or (
        isinstance(s, ast.Expr) and not isinstance(s.value, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr))
        and all(is_display_call(c, ctx) for c in ast.walk(s.value) if isinstance(c, ast.Call))) for s in inner)


def is_display_call(call: ast.Call, ctx: Context) -> bool:
    qual = ctx.qualname(call.func)
    if qual == "print":  # what it prints goes to the report; not `print(..., file=f)`
        return not any(k.arg == "file" for k in call.keywords)
    if any(k.arg in WRITING_KEYWORDS for k in call.keywords):
        return False
    if qual is not None:
        return qual in tables.DISPLAY_FUNCTIONS or qual in tables.HARMLESS_CALLS or is_pure(qual)
    # a display method of any value: a variable, a call's result, `(df > 5).all()`,
    # `g["a"].agg(...)`
    return isinstance(call.func, ast.Attribute) and (
        call.func.attr in tables.DISPLAY_METHODS or is_registered_method(call.func.attr, ctx.aliases.values()))


def is_plot(fx: CallEffects, binds: Bindings, ctx: Context) -> bool:
    """Only draws: plotting calls, nothing else changed but figure and axes variables."""
    if not fx.plot_calls or fx.other_calls:
        return False
    if any(isinstance(s, (Rng, Param)) for s in fx.uses | fx.defines):
        return False
    if any(f.mode == "read" or f.io != "path" for f in fx.files):
        return False
    return not (fx.mutates - ctx.viz_vars)
