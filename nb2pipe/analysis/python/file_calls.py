"""File I/O effects of a statement's calls: which files it reads and writes (the KNOWN_IO table)
and the rewrites that hand that I/O to the catalog. Mixed into EffectsCollector.

IPython's own calls the magics translation leaves are file effects too: shell lines
(`python.shell_lines`) and `%store` (`stored_values`)."""

from __future__ import annotations

import ast
import os
from dataclasses import replace
from typing import TYPE_CHECKING

from ...knowledge import calls as tables
from ...knowledge import io_calls
from ...model import Diagnostic, Edit, FileAccess
from ...model.facts import AccessMode, EditKind
from ...model.symbols import File, Symbol
from . import partitions, shell_lines, stored_values
from .call_effects import CallEffects
from .partition_calls import PartitionEffects, key_of
from .walk_state import Context


class FileEffects(PartitionEffects, ast.NodeVisitor):
    """File I/O part of EffectsCollector (needs its ctx, fx, statement, loop_paths, lines, and
    its methods visit_all, edit, text)."""

    ctx: Context
    fx: CallEffects
    statement: ast.stmt
    loop_paths: dict[str, list[ast.Constant]]
    lines: list[str]

    if TYPE_CHECKING:  # EffectsCollector's (calls.py)
        def visit_all(self, args: list[ast.expr], keywords: list[ast.keyword]) -> None: ...
        def text(self, node: ast.AST) -> str: ...
        def edit(self, node: ast.expr | ast.stmt, kind: EditKind, symbol: Symbol | None,
                 payload: str = "") -> Edit: ...

    def file_io(self, node: ast.Call, qual: str | None, method: str | None, receiver: str | None) -> bool:
        """Record a file access and the rewrite that hands its I/O to the catalog.

        Returns True when the call's arguments were fully handled (not visited again)."""
        if qual in tables.MKDIR_CALLS:
            return False
        if (listing := partitions.folder_listing(node, qual, method, self.ctx)) is not None:
            return self.listing_io(node, *listing)
        if method in shell_lines.METHODS and (shell := shell_lines.shell_call(node)) is not None:
            return self.shell_io(node, shell)
        if method == "run_line_magic" and (stored := stored_values.stored_name(node)) is not None:
            return self.store_io(node, *stored)
        if qual in io_calls.EXISTENCE_CHECKS or method in io_calls.EXISTENCE_CHECKS:
            return self.existence_check(node, qual, method)
        if qual in io_calls.CONFIG_FILES:
            return self.config_files(node, *io_calls.CONFIG_FILES[qual])
        rule = io_calls.KNOWN_IO.get(qual or "")
        # `df.to_csv(p)`, also `pd.DataFrame(...).to_csv(p)`: any receiver that is not a module
        on_data = method is not None and qual is None
        if rule is None and method in io_calls.KNOWN_WRITE_METHODS and on_data:
            rule = io_calls.KNOWN_WRITE_METHODS[method]
        if rule is not None:
            return self.typed_io(node, rule)
        if qual in io_calls.PATH_PASSING:
            position, keyword, mode = io_calls.PATH_PASSING[qual]
            return self.path_io(node, position, keyword, io_calls.mode_of(node, mode))
        if method in io_calls.PATH_PASSING_METHODS and (receiver in self.ctx.viz_vars or qual):
            return self.path_io(node, 0, "fname", "write")
        if method in io_calls.DATA_PATH_METHODS and on_data:
            position, keyword = io_calls.DATA_PATH_METHODS[method]
            return self.path_io(node, position, keyword, "write")
        if method in io_calls.REMOVING_PATH_METHODS and isinstance(node.func, ast.Attribute):
            return self.removal(node.func.value)
        if method in io_calls.PATHLIB_METHODS and isinstance(node.func, ast.Attribute):
            inner = node.func.value
            if isinstance(inner, ast.Call) and self.ctx.qualname(inner.func) in ("pathlib.Path", "pathlib.PurePath"):
                self.path_io(inner, 0, "", io_calls.MODE_LETTERS[io_calls.PATHLIB_METHODS[method]])
                self.visit_all(node.args, node.keywords)
                return True
        if io_calls.reading_name(method or (qual or "").rpartition(".")[2]):
            for argument in [*node.args, *(k.value for k in node.keywords)]:
                self.files_read(node, argument)  # the call and its arguments go on as usual
        return False

    def removal(self, receiver: ast.expr) -> bool:
        """`p.unlink()`, `Path("x.csv").unlink()`: a change of the file the earlier cells left (it
        is gone after), at the catalog's path: the receiver becomes `pathlib.Path(<path>)`."""
        spelled = io_calls.static_string(receiver, self.ctx.strings)
        if spelled is None:
            return False
        access = self.access(spelled, "append", "path", (), "os.remove")
        symbol = File(access.path)
        self.fx.uses.add(symbol)
        self.fx.defines.add(symbol)
        self.fx.path_names |= names_in(receiver)
        self.fx.edits.append(self.edit(receiver, "partition", symbol, "pathlib.Path(\0)"))
        self.fx.uses.add("pathlib")
        if "pathlib" not in self.ctx.aliases:
            self.ctx.implied_imports.add("import pathlib")
        return True

    def existence_check(self, node: ast.Call, qual: str | None, method: str | None) -> bool:
        """`os.path.exists(p)`, `Path(p).is_file()`: a read of p when p is a file on disk (a raw
        input, copied by the catalog); anything else is left as it is."""
        if qual in io_calls.EXISTENCE_CHECKS:
            call, (position, keyword) = node, io_calls.EXISTENCE_CHECKS[qual]
        elif isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Call) and (
                self.ctx.qualname(node.func.value.func) in ("pathlib.Path", "pathlib.PurePath")):
            call, (position, keyword) = node.func.value, (0, "")
        else:
            return False
        path_node = io_calls.path_argument(call, position, keyword)
        return path_node is not None and self.file_on_disk(call, path_node)

    def config_files(self, node: ast.Call, position: int, keyword: str) -> bool:
        """`plt.style.use("dashboard.mplstyle")`, `plt.style.use(["ggplot", "my.mplstyle"])`:
        each argument naming a file on disk is read (CONFIG_FILES); a style's own name is not."""
        argument = io_calls.path_argument(node, position, keyword)
        if argument is None or not self.files_read(node, argument):
            return False
        self.visit_all([a for a in node.args if a is not argument],
                       [k for k in node.keywords if k.value is not argument])
        return True

    def files_read(self, node: ast.Call, argument: ast.expr) -> bool:
        """Whether ``argument`` (or an item of a list or tuple there) names files on disk, each
        then read by ``node`` (`file_on_disk`)."""
        items = argument.elts if isinstance(argument, (ast.List, ast.Tuple)) else [argument]
        return bool([item for item in items if self.file_on_disk(node, item)])

    def file_on_disk(self, call: ast.Call, path_node: ast.expr) -> bool:
        """A read of the path ``path_node`` spells when it is a file on disk (a raw input, copied
        by the catalog); False, and nothing recorded, for anything else."""
        spelled = io_calls.static_string(path_node, self.ctx.strings)
        if spelled is None or not self.ctx.files.has_file(
                os.path.join(self.ctx.workdir, os.path.expanduser(spelled))):
            return False
        self.record_path(call, path_node, spelled, "read")
        return True

    def typed_io(self, node: ast.Call, rule: io_calls.IORule) -> bool:
        path_node = io_calls.path_argument(node, rule.path_arg, rule.path_kw)
        if path_node is None:  # df.to_csv() with no path returns text: no file involved
            return False
        spelled = io_calls.static_string(path_node, self.ctx.strings)
        if spelled is None and self.loop_literals(path_node):
            return self.path_io(node, rule.path_arg, rule.path_kw, rule.mode)
        if spelled is None and rule.mode == "write" and self.partition_io(node, rule, path_node):
            return True
        if spelled is None and rule.mode == "read" and self.below_listed(path_node):
            return False
        if spelled is None:
            self.dynamic(node)
            return False
        kwargs = io_calls.literal_kwargs(node, rule.path_kw)
        direct = isinstance(self.statement, ast.Expr) and self.statement.value is node
        if kwargs is None or (rule.mode == "write" and not direct):
            return self.path_io(node, rule.path_arg, rule.path_kw, rule.mode)
        access = self.access(spelled, rule.mode, key_of(rule, node, self.ctx), kwargs + defaults_missing(rule, kwargs))
        symbol = File(access.path)
        self.fx.path_names |= names_in(path_node)
        if rule.mode == "read":  # the payload tells this read from others of the file
            self.fx.uses.add(symbol)
            self.fx.edits.append(self.edit(node, "read", symbol, io_calls.load_key(access)))
            return True
        if rule.value == "receiver":  # (a method's: `df.to_csv(p)`)
            assert isinstance(node.func, ast.Attribute), rule
            value = node.func.value
        else:
            value = node.args[int(rule.value)]
        self.fx.defines.add(symbol)
        self.fx.edits.append(self.edit(self.statement, "write", symbol, self.text(value)))
        self.visit(value)
        return True

    def path_io(self, node: ast.Call, position: int, keyword: str, mode: AccessMode | None) -> bool:
        path_node = io_calls.path_argument(node, position, keyword)
        if path_node is None:
            return False
        spelled = io_calls.static_string(path_node, self.ctx.strings)
        literals = self.loop_literals(path_node)
        if spelled is None and literals and mode is not None:
            for literal in literals:  # the loop's literals become the catalog's paths
                self.record_path(node, literal, str(literal.value), mode)  # string literals only
            self.visit_all(node.args, node.keywords)
            return True
        if spelled is None and mode == "read" and self.below_listed(path_node):
            return False
        if spelled is None or mode is None:
            self.dynamic(node)
            return False
        self.record_path(node, path_node, spelled, mode)
        others = [a for a in node.args if a is not path_node]
        self.visit_all(others, [k for k in node.keywords if k.value is not path_node])
        self.visit(node.func)
        return True

    def loop_literals(self, path_node: ast.expr) -> list[ast.Constant]:
        if isinstance(path_node, ast.Name):
            return self.loop_paths.get(path_node.id, [])
        if isinstance(path_node, ast.Call) and len(path_node.args) == 1 and (
                self.ctx.qualname(path_node.func) in ("pathlib.Path", "str")):
            return self.loop_literals(path_node.args[0])
        return []

    def record_path(self, node: ast.Call, path_node: ast.expr, spelled: str, mode: AccessMode) -> None:
        """A path-passing access: the path expression becomes the catalog's path."""
        access = self.access(spelled, mode, "path", (), self.ctx.qualname(node.func) or "")
        symbol = File(access.path)
        if mode in ("read", "append"):
            self.fx.uses.add(symbol)
        if mode in ("write", "append"):
            self.fx.defines.add(symbol)
        self.fx.path_names |= names_in(path_node)
        self.fx.edits.append(self.edit(path_node, "path", symbol, mode))

    def access(self, spelled: str, mode: AccessMode, io: str, args: tuple[tuple[str, object], ...],
               qual: str = "") -> FileAccess:
        suffix = io_calls.ADDED_SUFFIX.get(qual or io, "")
        if suffix and not spelled.endswith(suffix):
            spelled += suffix
        path = io_calls.normalise(spelled, self.ctx.workdir, self.ctx.root)
        access = FileAccess(path=path, spelled=spelled, mode=mode, io=io, args=args)
        self.fx.files.append(access)
        return access

    def shell_io(self, node: ast.Call, call: shell_lines.ShellCall) -> bool:
        """A shell line: its files, and the call replaced by the code running its lines with the
        catalog's paths (a "shell" edit, made in planning)."""
        done = shell_lines.rewrite(call, self.ctx.workdir, self.ctx.root, self.ctx.strings)
        for access in done.files:
            self.fx.files.append(access)
            symbol = File(access.path)
            if access.mode in ("read", "append"):
                self.fx.uses.add(symbol)
            if access.mode in ("write", "append"):
                self.fx.defines.add(symbol)
        self.fx.uses |= done.names
        self.fx.diagnostics.extend(done.diagnostics)
        replaced = self.edit(node, "text", None, "")
        self.fx.edits.append(replace(replaced, kind="shell", command=done.command))
        return True

    def store_io(self, node: ast.Call, mode: AccessMode, name: str) -> bool:
        """`%store x` writes the dataset of x, `%store -r x` reads it (stored_values)."""
        io = stored_values.SAVE if mode == "write" else stored_values.RESTORE
        access = FileAccess(stored_values.store_path(name), f"%store {name}", mode, io)
        self.fx.files.append(access)
        symbol = File(access.path)
        if mode == "read":
            self.fx.uses.add(symbol)
            self.fx.edits.append(self.edit(node, "read", symbol))
            return True
        self.fx.defines.add(symbol)
        self.fx.uses.add(name)
        self.fx.edits.append(self.edit(self.statement, "write", symbol, name))
        return True

    def dynamic(self, node: ast.Call) -> None:
        self.fx.diagnostics.append(
            Diagnostic(
                "warning",
                "dynamic-path",
                f"file path in `{self.text(node)[:60]}` is not known before running; the call is "
                "kept as is and resolves relative to the project root when kedro runs",
                line=node.lineno,
            )
        )


def defaults_missing(rule: io_calls.IORule, given: tuple[tuple[str, object], ...]) -> tuple[tuple[str, object], ...]:
    names = {io_calls.ARGUMENT_ALIASES.get(name, name) for name, _ in given}
    return tuple((k, v) for k, v in rule.defaults if k not in names)


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
