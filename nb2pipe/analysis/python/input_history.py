"""IPython's input history (`In[N]`, `_ih[N]`, `_iN`, `_i`, `_ii`, `_iii`) → the text it holds.

In a notebook, `_i3` holds the text of the cell whose execution count is 3, `In[3]` the Python
IPython ran for it, and `_i`, `_ii`, `_iii` the text of the cells run one, two and three before
the reading cell (`''` before the first). A pipeline has no history, so the reading node failed
with a NameError. The text is known when converting: the read becomes that string, a constant.
N is the execution count of a fresh top-to-bottom run (code cells with code, counted from 1:
`output_history.execution_counts`), which `verify` keeps too (its capture cells give their
numbers back).

The values are IPython's (`HistoryManager.store_inputs`): `_iN` is the cell as written, trailing
newlines dropped; `In[N]` is the cell after IPython's input transformations, the same text for
a cell of plain Python (its leading blank lines dropped too).

Left alone (a warning for `In[N]`, flow's otherwise): a read inside a function, class or lambda
body (run later, when `_i` means another cell) or an f-string, a name the notebook binds itself,
an entry no cell gave yet, and `In[N]` of a cell with IPython syntax (magics, `!`), which ran as
IPython's translation, not nb2pipe's.
"""

from __future__ import annotations

import ast
import re

from ...model import Diagnostic, Source
from ...readers.ipython import translate
from .chunks import CellCode
from .output_history import LATER, execution_counts, respell, top_level_matches

RELATIVE = {"_i": 1, "_ii": 2, "_iii": 3}
NUMBERED = re.compile(r"_i(\d+)")
#: The lists IPython keeps the transformed inputs in (`In is _ih`).
LISTS = ("In", "_ih")
#: First lines IPython's input transformations change beyond blank lines (an indented first
#: line, a pasted ``>>>`` or ``In [1]:`` prompt): such a cell's `In[N]` is left alone.
TRANSFORMED = re.compile(r"\s|>>>|In \[\d+\]:")


def bind_input_history(
    source: Source, cells: list[CellCode]
) -> tuple[list[CellCode], list[Diagnostic]]:
    """``cells`` with every resolvable input history read replaced by the text it holds."""
    counts = execution_counts(source)
    texts = {counts[cell.index]: cell.source for cell in source.cells if cell.index in counts}
    bound = {name for cell in cells for name in top_level_bindings(cell.tree)}
    edited: list[CellCode] = []
    notes: list[Diagnostic] = []
    for cell in cells:
        count = counts.get(cell.cell.index)
        spans: list[tuple[ast.expr, str]] = []
        for node in top_level_reads(cell.tree, bound) if count is not None else []:
            wanted = referred_count(node, count or 0)
            if wanted is None:
                continue
            text = input_text(node, wanted, texts)
            where = (str(source.path), cell.cell.ref, node.lineno)
            if text is None:
                notes.append(Diagnostic(
                    "warning", "ipython-history", f"`{ast.unparse(node)}` is IPython's translation "
                    f"of the magics of the cell with execution count {wanted}, which nb2pipe does "
                    "not reproduce: the node cannot run; bind that text to a name in the "
                    "notebook", *where))
                continue
            spans.append((node, repr(text)))
            which = f"the cell with execution count {wanted}" if wanted > 0 else "no cell (yet)"
            notes.append(Diagnostic(
                "info", "ipython-history", f"`{ast.unparse(node)}` is IPython's input history: "
                f"the text of {which}, written as a string", *where))
        edited.append(respell(cell, spans) if spans else cell)
    return edited, notes


def top_level_reads(tree: ast.Module, bound: set[str]) -> list[ast.expr]:
    """Input history reads outside function, class and lambda bodies and f-strings (whose
    fields take no `\n` before 3.12), of names the notebook does not bind: `_i`, `_ii`, `_iii`,
    `_i7`, `In[7]`, `_ih[7]` (a literal index)."""
    return top_level_matches(tree, lambda node: (
        isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in bound
        and bool(node.id in RELATIVE or NUMBERED.fullmatch(node.id))
    ) or (isinstance(node, ast.Subscript) and listed_count(node, bound) is not None),
        skip=(*LATER, ast.JoinedStr))


def listed_count(node: ast.Subscript, bound: set[str]) -> int | None:
    """N of `In[N]` / `_ih[N]` (a positive literal index), else None."""
    if (isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name)
            and node.value.id in LISTS and node.value.id not in bound
            and isinstance(node.slice, ast.Constant) and type(node.slice.value) is int
            and node.slice.value > 0):
        return node.slice.value
    return None


def referred_count(node: ast.expr, count: int) -> int | None:
    """The execution count whose input ``node``, read in the cell of execution count ``count``,
    holds (0 or less: the empty text IPython starts with); None when it holds none yet."""
    if isinstance(node, ast.Subscript):
        wanted = listed_count(node, set())
    elif isinstance(node, ast.Name) and node.id in RELATIVE:
        return count - RELATIVE[node.id]
    else:
        match = NUMBERED.fullmatch(node.id) if isinstance(node, ast.Name) else None
        wanted = int(match.group(1)) if match else None
    return wanted if wanted is not None and 0 < wanted <= count else None


def input_text(node: ast.expr, wanted: int, texts: dict[int, str]) -> str | None:
    """The text ``node`` reads: the cell as written (`_iN`), or as IPython ran it (`In[N]`),
    None when that is IPython's translation of its magics."""
    if wanted < 1:
        return ""
    raw = texts[wanted].rstrip("\n")
    if not isinstance(node, ast.Subscript):
        return raw
    lines = raw.split("\n")
    written = next(i for i, line in enumerate(lines) if line.strip())  # IPython drops the rest
    ran = "\n".join(lines[written:])
    if translate(raw).code != raw or TRANSFORMED.match(ran):
        return None
    return ran


def top_level_bindings(tree: ast.Module) -> set[str]:
    """Names the notebook binds at top level (then `In`, `_i` are its own, not IPython's)."""
    scoped = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            found.add(node.id)
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.update((a.asname or a.name).split(".")[0] for a in node.names)
        if isinstance(node, scoped):
            found.add(getattr(node, "name", ""))
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found
