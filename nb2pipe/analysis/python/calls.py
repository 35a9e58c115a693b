"""Effects of the calls in one statement: in-place mutation, random draws, file I/O, seeds and
hyper-parameter literals, plotting. Observations only; planning decides what they become.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from ...knowledge import calls as tables
from ...knowledge import io_calls
from ...knowledge.pyplot_drawing import drawing_call
from ...model import Diagnostic, Edit
from ...model.facts import EditKind
from ...model.symbols import Symbol
from . import partitions
from .call_effects import CallEffects
from .file_calls import FileEffects
from .formulas import string_names
from .mutation_calls import MutationEffects, is_true
from .random_calls import RandomEffects
from .walk_state import Context, root_name


class EffectsCollector(FileEffects, RandomEffects, MutationEffects, ast.NodeVisitor):
    """Walks one top-level statement; ``lines`` are the cell's lines (for character columns)."""

    def __init__(self, ctx: Context, lines: list[str], statement: ast.stmt, top_level: bool = True,
                 shown: Sequence[ast.expr] = ()):
        """``top_level``: a statement of a cell (its literals may become parameters), not one of
        a function body (summarised for the calls: files, mutations, drawing). ``shown``: the
        value the cell shows, if the statement ends the cell (`figure_values.shown`)."""
        self.shown = shown
        self.ctx = ctx
        self.top_level = top_level
        self.lines = lines
        self.statement = statement
        self.fx = CallEffects()
        self.inside_plot = 0
        #: Loop variables running over literal strings (`for f in ("a.csv", "b.csv")`).
        self.loop_paths: dict[str, list[ast.Constant]] = {}
        #: The call a statement is made of (`sampler.reset()`): its result is thrown away.
        self.discarded: ast.Call | None = None

    # ------------------------------------------------------------------ assignments
    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Call) and not any(node.value is v for v in self.shown):
            self.discarded = node.value
        self.generic_visit(node)

    def visit_For(self, node: ast.For) -> None:
        """A loop over literal paths: each literal is a file the loop body may open."""
        literals = node.iter.elts if isinstance(node.iter, (ast.Tuple, ast.List)) else []
        strings = [e for e in literals if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if isinstance(node.target, ast.Name) and literals and len(strings) == len(literals):
            self.loop_paths[node.target.id] = strings
            self.generic_visit(node)
            self.loop_paths.pop(node.target.id, None)
        else:
            self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        before = self.fx.plot_calls
        self.visit(node.value)
        for target in node.targets:
            self.store_target(target)
        if isinstance(node.value, ast.Call) and self.fx.plot_calls > before or part_of_figure(node.value, self.ctx):
            # `ax = fig.add_subplot(...)`, `ax = axes[i, 0]`: later calls on `ax` draw too
            self.ctx.viz_vars |= {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self.store_target(node.target)
        self.visit(node.value)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self.store_target(target)

    def store_target(self, target: ast.expr) -> None:
        """`x[k] = v`, `x.a = v`, `del x[k]` change x in place."""
        if isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self.store_target(element)
        elif isinstance(target, (ast.Attribute, ast.Subscript)):
            name = root_name(target)
            if name and name not in self.ctx.aliases:
                self.fx.mutates.add(name)
            self.visit(target)

    # ------------------------------------------------------------------ nested scopes
    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        """A body runs when called (see functions.summarize), not when defined."""
        for child in (*node.decorator_list, *node.args.defaults, *node.args.kw_defaults):
            if child is not None:
                self.visit(child)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node: ast.Lambda) -> None:
        for child in (*node.args.defaults, *node.args.kw_defaults):
            if child is not None:
                self.visit(child)

    # ------------------------------------------------------------------ calls
    def visit_Call(self, node: ast.Call) -> None:
        self.draws_on_axes = any(
            k.arg in ("ax", "axes", "fig", "figure") and isinstance(k.value, ast.Name)
            and k.value.id in self.ctx.viz_vars for k in node.keywords
        )
        qual = self.ctx.qualname(node.func)
        if qual == "print" and not any(k.arg == "file" for k in node.keywords):
            self.log_print(node)
        method = node.func.attr if isinstance(node.func, ast.Attribute) else None
        receiver = root_name(node.func.value) if isinstance(node.func, ast.Attribute) else None
        if receiver in self.ctx.aliases:
            receiver = None
        function = self.ctx.callee(node.func)
        plotting = self.is_plot_call(node.func, qual, method, receiver) or (
            function is not None and function.plots == "only")
        if plotting or draws_when_asked(node) or (function is not None and function.plots == "also"):
            self.fx.plot_calls += 1
            self.fx.quiet_calls += qual in tables.NO_FIGURE_CALLS
        if not plotting and not self.inside_plot and (qual or "") not in tables.HARMLESS_CALLS:
            self.fx.other_calls += 1
        self.mutation(node, qual, method, receiver)
        self.random(node, qual, method, receiver)
        self.query_names(node, method)
        handled = self.file_io(node, qual, method, receiver)
        if node is self.discarded and not plotting and not handled:
            self.discarded_call(method, receiver)
        if self.top_level:
            self.hyperparameters(node, qual, plotting)
        self.notebook_function(node)
        self.inside_plot += plotting
        if not handled:
            self.generic_visit(node)
        self.inside_plot -= plotting

    def log_print(self, node: ast.Call) -> None:
        """`print(...)` in a node logs its text: the report shows what the notebook displayed."""
        self.fx.edits.append(self.edit(node.func, "text", None, "log_print"))
        self.fx.uses.add("log_print")

    def query_names(self, node: ast.Call, method: str | None) -> None:
        """`df.query("x > @limit")`, `smf.ols("y ~ f(x)", df)` read `limit`, `f` from inside a
        string (``formulas.string_names``)."""
        names = string_names(node, self.ctx)
        self.fx.uses |= names
        for name in sorted(n for n in names if self.ctx.functions.get(n) and self.ctx.functions[n].free):
            self.fx.diagnostics.append(Diagnostic(
                "warning", "evaluated-string-function", f"`{name}` is called inside a string the call "
                f"evaluates, which cannot pass it the values it reads (`{'`, `'.join(sorted(self.ctx.functions[name].free))}`, "
                "keyword-only arguments in the functions module): that call fails", line=node.lineno))

    def is_plot_call(
        self, func: ast.expr, qual: str | None, method: str | None, receiver: str | None
    ) -> bool:
        if qual:  # plotting libraries, and functions named like plot_paired / plot_tree
            if io_calls.reads_file(qual):
                return False
            last = qual.rsplit(".", 1)[-1]
            return qual.startswith(tables.PLOT_PREFIXES) or last.startswith(
                tables.PLOT_METHOD_PREFIXES) or last.endswith(tables.PLOT_NAME_SUFFIXES) or (
                drawing_call(qual))
        if receiver in self.ctx.viz_vars or self.draws_on_axes or self.on_drawing(func):
            return True
        if method and method.startswith(tables.PLOT_METHOD_PREFIXES) or (method or "").endswith(
                tables.PLOT_NAME_SUFFIXES):
            return True
        # df.plot.bar(...): the `.plot` accessor makes the call a plotting call
        accessor = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute) and func.value.attr == "plot"
        return method in tables.PLOT_METHODS or accessor

    def on_drawing(self, func: ast.expr) -> bool:
        """A method of what a plotting call returned draws too: `s.plot_hazard(ax=a).legend()`,
        `plt.gca().yaxis.set_ticklabels([])` (the axes, figure or artist it gave)."""
        inner = func.value if isinstance(func, ast.Attribute) else None
        while isinstance(inner, (ast.Attribute, ast.Subscript)):
            inner = inner.value
        if not isinstance(inner, ast.Call):
            return False
        called = inner.func
        method = called.attr if isinstance(called, ast.Attribute) else None
        receiver = root_name(called.value) if isinstance(called, ast.Attribute) else None
        return self.is_plot_call(called, self.ctx.qualname(called), method,
                                 None if receiver in self.ctx.aliases else receiver)

    def notebook_function(self, node: ast.Call) -> None:
        """Calling a notebook function: its globals are read, its parameters may be changed."""
        summary = self.ctx.callee(node.func)
        if summary is None:
            return
        called = io_calls.dotted(node.func) or "the function"
        for position, argument in enumerate(node.args):
            if position < len(summary.params) and summary.params[position] in summary.mutated_params:
                self.mutate_argument(argument)
        for kw in node.keywords:
            if kw.arg in summary.mutated_params:
                self.mutate_argument(kw.value)
        self.fx.mutates |= summary.mutated_globals
        dynamic = summary.dynamic_files
        for param, mode, _ in summary.param_files:  # a default left out: see call_site_edits
            position = summary.params.index(param) if param in summary.params else -1
            path_node = io_calls.path_argument(node, position, param)
            spelled = None if path_node is None else io_calls.static_string(path_node, self.ctx.strings)
            literals = [] if path_node is None or spelled is not None else self.loop_literals(path_node)
            if path_node is not None and spelled is not None:
                self.record_path(node, path_node, spelled, mode)
            for literal in literals:  # `for p in ("a.csv", "b.csv"): load(p)`: the loop's literals
                self.record_path(node, literal, str(literal.value), mode)
            if path_node is not None and spelled is None and not literals:
                dynamic = True
        if summary.item_folders:
            self.fx.diagnostics.append(Diagnostic("warning", "partition-in-function", partitions.function_note(
                called, summary.item_folders), line=node.lineno))
        elif dynamic:
            self.fx.diagnostics.append(Diagnostic(
                "warning", "dynamic-path", f"`{called}()` opens a file at a path only known "
                "at run time: it is no catalog dataset and resolves against the project root when "
                "kedro runs", line=node.lineno))
        unpassed = [(mode, path) for mode, path, parameter in summary.files if not parameter]
        if unpassed:
            opened = ", ".join(f"`{path}` ({mode})" for mode, path in unpassed)
            self.fx.diagnostics.append(Diagnostic(
                "warning", "file-in-function",
                f"`{called}()` opens {opened} itself: not catalog datasets, and under kedro "
                "run a relative path resolves against the project root", line=node.lineno))
        for symbol in summary.draws:
            self.fx.uses.add(symbol)
            self.fx.defines.add(symbol)

    # ------------------------------------------------------------------ helpers
    def visit_all(self, args: list[ast.expr], keywords: list[ast.keyword]) -> None:
        for child in (*args, *keywords):
            self.visit(child)

    def text(self, node: ast.AST) -> str:
        return ast.get_source_segment("\n".join(self.lines), node) or ast.unparse(node)

    def edit(self, node: ast.expr | ast.stmt, kind: EditKind, symbol: Symbol | None,
             payload: str = "") -> Edit:
        line, end_line, end_offset = node.lineno, node.end_lineno, node.end_col_offset
        assert end_line is not None and end_offset is not None, node  # (parsed code has them)
        col = char_col(self.lines[line - 1], node.col_offset)
        end_col = char_col(self.lines[end_line - 1], end_offset)
        return Edit(line, col, end_line, end_col, kind, symbol, payload)


def char_col(line: str, byte_col: int | None) -> int:
    """ast columns count UTF-8 bytes; edits count characters."""
    return len(line.encode("utf-8")[: byte_col or 0].decode("utf-8", errors="ignore"))


def part_of_figure(value: ast.expr, ctx: Context) -> bool:
    """`axes[i, 0]`, `axs.flat[0]`: an item of a figure's axes, without a call."""
    if not isinstance(value, ast.Subscript) or any(isinstance(n, ast.Call) for n in ast.walk(value)):
        return False
    while isinstance(value, (ast.Subscript, ast.Attribute)):
        value = value.value
    return isinstance(value, ast.Name) and value.id in ctx.viz_vars


def draws_when_asked(node: ast.Call) -> bool:
    """A data call asked to draw too: `cph.check_assumptions(df, show_plots=True)`."""
    return any(k.arg in tables.PLOT_KEYWORDS and is_true(k.value) for k in node.keywords)
