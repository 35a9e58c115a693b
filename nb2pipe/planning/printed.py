"""What a reporting node prints goes to the report, at the cell that printed it.

Drawing work moved out of the data nodes (`analysis/python/unread_drawing.py`, a notebook
function that only draws, a cell's drawing statements) may print: `df.info()`, a notebook
function's `print(...)`, a fit asked to be verbose. The notebook showed that text under the cell;
a node's stdout is only the console's. A reporting node runs each of its statements that may print
inside ``with show_printed(shown):``, which captures the text (and logs it) and hands it to the
report as one part of the node's ``<node>_shown`` list (`report.report_step` places it at the
statement's cell, before the figures the cell drew, as the notebook showed them). Planning only.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Iterable

from ..knowledge.calls import (
    DISPLAY_METHODS,
    MAY_PRINT_METHODS,
    NONE_METHODS,
    NOT_FIGURE_VALUES,
    PLOT_METHOD_PREFIXES,
    PLOT_METHODS,
    PLOT_NAME_SUFFIXES,
    PRINTING_KEYWORDS,
    RETURNING_METHODS,
)
from ..model import ChunkFacts
from . import shows
from .source_names import SourceNames

#: The project's `report.py` helper capturing a statement's printed text for the report.
HELPER = "show_printed"
#: Calls that print (a whole-statement `print` in a node is `log_print`, which the capture sees).
PRINT_FUNCTIONS = frozenset({"print", "log_print", "pprint"})
#: Methods computing or changing a value, which print nothing (`df["x"].max()`, `xs.sort()`).
QUIET_METHODS = (DISPLAY_METHODS | RETURNING_METHODS | NONE_METHODS) - MAY_PRINT_METHODS


def printing_functions(codes: Iterable[str]) -> frozenset[str]:
    """The notebook's functions (in ``codes``, its definitions) that may print: their body prints
    (`may_print`), or calls one of them."""
    bodies = shows.defined_functions(codes)
    found: set[str] = set()
    grown = True
    while grown:  # a function calling a printing function prints too
        before = len(found)
        found |= {name for name, body in bodies.items() if prints(body, frozenset(found))}
        grown = len(found) > before
    return frozenset(found)


def may_print(code: str, functions: frozenset[str], quiet: frozenset[str] = frozenset()) -> bool:
    """The statement calls something that prints: `print`, a printing method (`df.info()`,
    `MAY_PRINT_METHODS`), a call asked to be verbose (`PRINTING_KEYWORDS` given a value other than
    a false constant), a notebook function that prints (``functions``), or a method of a value
    (`cph.check_assumptions(df, show_plots=True)` prints its advice) other than a drawing method
    (`df.plot(...)`, `df.plot.scatter(...)`) or one computing a value (`df["x"].max()`): not of a
    module or of the node's figures and axes (``quiet``: `plt.gca().set_title(...)`)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return False
    if prints(tree, functions):
        return True
    quiet = quiet | handles_bound(tree, quiet)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    # `model.predict(X).plot()`: the value a drawing method draws is computed, not printed
    drawn = {id(r) for c in calls if isinstance(c.func, ast.Attribute) and drawing_name(c.func.attr)
             for r in receivers(c.func.value)}
    return any(id(c) not in drawn and value_method(c.func, quiet) for c in calls)


def receivers(node: ast.expr) -> list[ast.expr]:
    """The expressions a method chain is made of (`m.predict(X).diff()`: both calls)."""
    found: list[ast.expr] = []
    while isinstance(node, (ast.Call, ast.Attribute, ast.Subscript)):
        found.append(node)
        node = node.func if isinstance(node, ast.Call) else node.value
    return found


def handles_bound(tree: ast.AST, quiet: frozenset[str]) -> set[str]:
    """Names the statement binds from the node's figures and axes (`ax = fig.add_subplot(...)`,
    `for ax in axes.flat:`): its axes too."""
    found: set[str] = set()
    for node in ast.walk(tree):
        pairs = ([(t, node.value) for t in node.targets] if isinstance(node, ast.Assign)
                 else [(node.target, node.iter)] if isinstance(node, (ast.For, ast.comprehension))
                 else [])
        for target, value in pairs:
            base = receivers(value)[-1] if receivers(value) else value
            if shows.root(base.value if isinstance(base, ast.Subscript) else base) in quiet | found:
                found |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
    return found


def drawing_name(name: str) -> bool:
    return (name in PLOT_METHODS or name in NOT_FIGURE_VALUES
            or name.startswith(PLOT_METHOD_PREFIXES) or name.endswith(PLOT_NAME_SUFFIXES))


def value_method(func: ast.expr, quiet: frozenset[str]) -> bool:
    """A method of a value, neither drawing nor computing a value (`may_print`)."""
    if not isinstance(func, ast.Attribute) or shows.root(func) in quiet | {""}:
        return False
    if isinstance(func.value, ast.Attribute) and func.value.attr in PLOT_METHODS:
        return False  # `df.plot.scatter(...)`: pandas' drawing accessor
    return not drawing_name(func.attr) and func.attr not in QUIET_METHODS


def prints(tree: ast.AST, functions: frozenset[str]) -> bool:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = (func.id if isinstance(func, ast.Name)
                else func.attr if isinstance(func, ast.Attribute) else "")
        if isinstance(func, ast.Name) and (name in PRINT_FUNCTIONS or name in functions):
            return True
        if isinstance(func, ast.Attribute) and name in MAY_PRINT_METHODS:
            return True
        if any(k.arg in PRINTING_KEYWORDS
               and not (isinstance(k.value, ast.Constant) and not k.value.value)
               for k in node.keywords):
            return True
    return False


def printing_chunks(chunks: list[ChunkFacts], facts_chunks: tuple[ChunkFacts, ...],
                    modules: frozenset[str]) -> list[int]:
    """The orders of a reporting node's own statements that may print; ``modules``: the
    notebook's module names (their functions print nothing but by the rules of `prints`)."""
    functions = printing_functions(c.code for c in facts_chunks if c.kind == "def")
    found, quiet = [], set(modules)
    for chunk in chunks:
        if chunk.kind != "display" and may_print(chunk.code, functions, frozenset(quiet)):
            found.append(chunk.order)
        if chunk.draws or chunk.kind == "plot":  # the figures and axes it binds
            quiet |= {s for s in chunk.defines if isinstance(s, str)}
    return found


def captured(code: str, shown: str) -> str:
    """``code`` run inside ``with show_printed(shown):``."""
    return f"with {HELPER}({shown}):\n" + textwrap.indent(code.strip("\n"), "    ")


def shown_parts(src: SourceNames, chunks: list[ChunkFacts], reporting: bool) -> list[int]:
    """The chunk orders of a node's ``<node>_shown`` parts, in order: the displays of values only
    it holds (`shows.shown_by`) and, in a reporting node of a source with a report
    (``reporting``), its statements that may print."""
    parts = shows.shown_by(src.facts.chunks, src.roles.of, chunks, src.flow.module_names, src.held)
    if reporting:
        parts += printing_chunks(chunks, src.facts.chunks, src.flow.module_names)
    return sorted(set(parts))
