"""Files written one item per loop iteration and folders listed: the part of
`file_calls.FileEffects` that makes a loop's per-item writes a partitioned dataset the node
writes itself, resumable item by item (`partitions.py`), and reads a listed folder through the
catalog (`listed_folders.py`)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from ...knowledge import io_calls
from ...model import Diagnostic, Edit, FileAccess
from ...model.facts import EditKind
from ...model.symbols import File, Symbol
from . import listed_folders, partitions
from .call_effects import CallEffects
from .walk_state import Context


class PartitionEffects(ast.NodeVisitor):
    """Partition part of FileEffects (needs EffectsCollector's ctx, fx, statement, lines, and
    its methods visit_all, edit, text)."""

    ctx: Context
    fx: CallEffects
    statement: ast.stmt
    lines: list[str]

    if TYPE_CHECKING:  # EffectsCollector's (calls.py)
        def visit_all(self, args: list[ast.expr], keywords: list[ast.keyword]) -> None: ...
        def text(self, node: ast.AST) -> str: ...
        def edit(self, node: ast.expr | ast.stmt, kind: EditKind, symbol: Symbol | None,
                 payload: str = "") -> Edit: ...

    def partition_io(self, node: ast.Call, rule: io_calls.IORule, path_node: ast.expr) -> bool:
        """A write per loop item into a folder named before running: the folder is a partitioned
        dataset the node writes itself (its path is an argument), each item atomically, items on
        disk skipped on resume (`analysis/python/partitions.py`)."""
        folder = partitions.static_folder(path_node, self.ctx.strings)
        at = 0 if rule.value == "receiver" else int(rule.value)
        value: ast.expr | None
        if rule.value == "receiver":  # (a method's: `df.to_csv(p)`)
            assert isinstance(node.func, ast.Attribute), rule
            value = node.func.value
        else:
            value = node.args[at] if len(node.args) > at else None
        found = None if folder is None or value is None else partitions.loop_write(
            self.statement, node, path_node, value)
        if found is None or folder is None or value is None:
            return False
        access = FileAccess(
            io_calls.normalise(folder, self.ctx.workdir, self.ctx.root), folder + "/", "write", "path",
            io_calls.literal_kwargs(node, rule.path_kw) or (), key_of(rule, node, self.ctx),
            partitions.suffix_of(path_node))
        self.fx.files.append(access)
        symbol = File(access.path)
        self.fx.defines.add(symbol)  # the path's names stay: the node computes each item's path
        where = f"{partitions.FOLDER}, {self.text(path_node)}, {folder!r}"
        if not found.not_resumable:  # first: its text goes before the write's at the body's start
            self.resume(found, symbol, where, f"read_partition({where}, {rule.dataset!r})", value)
        self.insert(found.statement, symbol, f"with write_partition({where}) as _partition: ")
        self.fx.edits.append(self.edit(path_node, "text", None, "_partition"))
        if found.not_resumable:
            self.fx.diagnostics.append(Diagnostic(
                "info", "partition-not-resumable", f"the items `{self.text(node)[:60]}` writes are "
                f"computed again on every run: {found.not_resumable}", line=node.lineno))
        self.visit_all(node.args, node.keywords)
        self.visit(node.func)
        return True

    def listing_io(self, node: ast.Call, spelled: str, path_node: ast.expr, rest: str) -> bool:
        """A folder listed (`glob.glob("scores/*.csv")`): read through the catalog's folder when
        a loop writes it one item at a time; planning drops the read otherwise."""
        access = FileAccess(io_calls.normalise(spelled, self.ctx.workdir, self.ctx.root), spelled + "/", "read", "listing")
        self.fx.files.append(access)
        self.fx.uses.add(File(access.path))
        self.fx.edits.append(self.edit(path_node, "partition", File(access.path), partitions.listing_payload(rest)))
        self.ctx.listed.add(access.path)
        for part, text in listed_folders.folder_parts(self.statement, path_node, access.path, self.ctx):
            self.fx.edits.append(self.edit(part, "partition", File(access.path), text))
        others = [a for a in node.args if a is not path_node]
        self.visit_all(others, [k for k in node.keywords if k.value is not path_node])
        inner = node.func.value if isinstance(node.func, ast.Attribute) else None
        self.visit(inner.func if isinstance(inner, ast.Call) and path_node in inner.args else node.func)
        return True

    def below_listed(self, path_node: ast.expr) -> bool:
        return listed_folders.read_below(path_node, self.fx, self.edit, self.ctx)

    def resume(self, found: partitions.LoopWrite, symbol: Symbol, where: str, read: str,
               value: ast.expr) -> None:
        """`if partition_done(...): <rebuild appends>; continue` first in the loop body; the
        appends after the write take the item from disk."""
        first = found.loop.body[0]
        indent = self.lines[first.lineno - 1][: self.edit(first, "text", None).col]
        lines = [f"if partition_done({where}):"]
        if found.appends:
            lines.append(f"    {self.text(value)} = {read}")
            lines += [f"    {self.text(s)}" for s in found.appends]
        lines += ["    continue", ""]
        self.insert(first, symbol, ("\n" + indent).join(lines))
        for stmt in found.appends:
            assert isinstance(stmt.value, ast.Call), stmt  # (appends are `xs.append(x)` calls)
            item = stmt.value.args[0]
            self.fx.edits.append(self.edit(item, "partition", symbol, read))

    def insert(self, before: ast.stmt, symbol: Symbol, text: str) -> None:
        at = self.edit(before, "partition", symbol, text)
        self.fx.edits.append(Edit(at.line, at.col, at.line, at.col, "partition", symbol, text))


def key_of(rule: io_calls.IORule, node: ast.Call, ctx: Context) -> str:
    qual = ctx.qualname(node.func)
    if qual:
        return qual
    assert isinstance(node.func, ast.Attribute), node  # (no qualified name: a method call)
    return "." + node.func.attr
