"""A Python driver (a `.py` script or a notebook that only runs other notebooks and scripts) read
as the bash driver doing the same runs, so the shell analysis converts it: one step model.

```python
import papermill as pm
for alpha in [0.1, 0.5]:
    pm.execute_notebook("train.ipynb", f"runs/train_{alpha}.ipynb", parameters={"alpha": alpha})
```

reads as

```bash
set -e
for alpha in 0.1 0.5; do
  papermill train.ipynb "runs/train_${alpha}.ipynb" -p alpha "${alpha}"
done
```

A file is a driver when every statement is an import of `DRIVER_MODULES`, a literal assignment,
a folder made, a `print`, a run (`knowledge/driver_calls.py`) or a `for` loop over a literal list,
a glob or a folder listing whose body is made of those, and it runs something. Any other
statement makes it an ordinary script. The text is only read (`ast`), never run.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import replace

from ..knowledge.driver_calls import (
    ARGV_RUNS,
    FOLDER_MAKERS,
    INTERPRETERS,
    LISTINGS,
    PAPERMILL_OPTIONS,
    PAPERMILL_QUIET,
    PAPERMILL_RUNS,
    SHELL_RUNS,
)
from ..model import Cell, Diagnostic, Source
from .driver_words import BARE, DriverWords, Kind, NotDriver


def as_driver(source: Source) -> Source:
    """``source`` read as a bash driver when its code only runs things; else ``source``."""
    if source.language != "python":
        return source
    text = "\n".join(c.source for c in source.cells if c.kind == "code")
    bash = driver_text(text)
    if bash is None:
        return source
    note = Diagnostic(
        "info",
        "python-driver",
        "only runs notebooks and scripts: read as the bash driver making the same runs",
        str(source.path),
    )
    cell = Cell(index=0, ref="1", kind="code", source=bash)
    return replace(
        source, kind="script", cells=(cell,), language="bash", notes=(*source.notes, note)
    )


def driver_text(text: str) -> str | None:
    """The bash script running what ``text`` runs, or None when ``text`` is not a driver."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    reader, lines = read_driver(tree)
    if lines is None:
        return None
    mode = [(1, "set -e")] if reader.raising else []
    return "\n".join(laid_out([*mode, *lines])) + "\n"


def read_driver(tree: ast.Module) -> tuple[DriverReader, list[tuple[int, str]] | None]:
    """The reading of ``tree`` and its bash lines, None when it is no driver (then
    ``reader.refused`` is the statement it does not know, if one is)."""
    reader = DriverReader()
    try:
        lines = reader.block(unwrap_main(tree.body), "")
    except NotDriver:
        return reader, None
    if not reader.runs or (reader.raising and reader.going_on):
        return reader, None  # runs stopping the driver on failure and runs it goes on after
    return reader, lines


def laid_out(lines: Sequence[tuple[int, str]]) -> list[str]:
    """Bash lines placed on the line numbers of the Python statements they come from (blank
    lines between), so what the shell analysis says about "line N" points at the driver's own
    line; a line whose place is taken (`set -e` on line 1, a loop's `done`) moves the rest down."""
    out: list[str] = []
    for number, text in lines:
        out.extend([""] * (number - 1 - len(out)))
        out.append(text)
    return out


def unwrap_main(body: Sequence[ast.stmt]) -> list[ast.stmt]:
    """The statements, an `if __name__ == "__main__":` block's body in its place."""
    out: list[ast.stmt] = []
    for statement in body:
        if isinstance(statement, ast.If) and not statement.orelse and is_main(statement.test):
            out.extend(statement.body)
        else:
            out.append(statement)
    return out


def is_main(test: ast.expr) -> bool:
    return ast.unparse(test).replace("'", '"') == '__name__ == "__main__"'


class DriverReader(DriverWords):
    """Statements → bash lines, tracking the runs and how a failure of each ends the driver."""

    def __init__(self) -> None:
        super().__init__()
        self.lists: dict[str, list[str]] = {}
        self.runs = 0
        self.raising = False
        self.going_on = False
        self.refused: ast.stmt | None = None  # the first statement the reading does not know

    def block(self, body: Sequence[ast.stmt], indent: str) -> list[tuple[int, str]]:
        """The bash lines of ``body``, each with the Python line it comes from."""
        return [(n, indent + text) for node in body for n, text in self.statement(node)]

    def statement(self, node: ast.stmt) -> list[tuple[int, str]]:
        try:
            if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and not node.orelse:
                return self.loop(node, node.target.id)
            return [(node.lineno + i, text) for i, text in enumerate(self.simple(node))]
        except NotDriver:
            self.refused = self.refused or node
            raise

    def simple(self, node: ast.stmt) -> list[str]:
        if isinstance(node, ast.Import | ast.ImportFrom):
            self.imports(node)
            return []
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            return [f"# {line}".rstrip() for line in str(node.value.value).strip().splitlines()]
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
        ):
            return self.assign(node.targets[0].id, node.value)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
            return [self.call(node.value)]
        if isinstance(node, ast.Pass):
            return []
        raise NotDriver

    def assign(self, name: str, value: ast.expr) -> list[str]:
        if isinstance(value, ast.List | ast.Tuple):
            self.lists[name] = self.items(value)
            return []
        self.kinds[name] = self.kind(value)
        return [f"{name}={self.word(value)}"]

    def loop(self, node: ast.For, name: str) -> list[tuple[int, str]]:
        words = self.listing(node.iter)
        self.kinds[name] = self.item_kind(node.iter)
        inner = self.block(node.body, "  ")
        if not inner:
            raise NotDriver
        header = (node.lineno, f"for {name} in {' '.join(words)}; do")
        return [header, *inner, (node.end_lineno or node.lineno, "done")]

    def listing(self, values: ast.expr) -> list[str]:
        """The loop's list as bash words: literal items, a glob, `$(ls folder)`."""
        if (
            isinstance(values, ast.Call)
            and self.dotted(values.func) == "sorted"
            and len(values.args) == 1
        ):
            values = values.args[0]
        if isinstance(values, ast.List | ast.Tuple):
            return self.items(values)
        if isinstance(values, ast.Name) and values.id in self.lists:
            return self.lists[values.id]
        if isinstance(values, ast.Call) and len(values.args) == 1 and not values.keywords:
            how = LISTINGS.get(self.dotted(values.func))
            if how == "glob":
                return [self.fragment(values.args[0])]  # unquoted: bash expands the pattern
            if how == "names":
                return [f"$(ls {self.word(values.args[0])})"]
        raise NotDriver

    def items(self, values: ast.List | ast.Tuple) -> list[str]:
        if not all(isinstance(v, ast.Constant) for v in values.elts):
            raise NotDriver
        return [self.word(v) for v in values.elts]

    def item_kind(self, values: ast.expr) -> Kind:
        if isinstance(values, ast.Name) and values.id in self.lists:
            return (
                "number"
                if all(re.fullmatch(r"[-\d.e]+", w) for w in self.lists[values.id])
                else "str"
            )
        if isinstance(values, ast.List | ast.Tuple):
            return (
                "str"
                if any(isinstance(v.value, str) for v in values.elts if isinstance(v, ast.Constant))
                else "number"
            )  # noqa: E501
        return "str"

    def call(self, call: ast.Call) -> str:
        name = self.dotted(call.func)
        if name in PAPERMILL_RUNS:
            self.runs += 1
            self.raising = True
            return self.papermill(call)
        if name in ARGV_RUNS:
            self.runs += 1
            return self.argv_run(call, ARGV_RUNS[name])
        if name in SHELL_RUNS and len(call.args) == 1 and not call.keywords:
            self.runs += 1
            self.going_on = True
            return self.fragment(call.args[0], quoted=False)
        if name in FOLDER_MAKERS and call.args:
            return f"{FOLDER_MAKERS[name]} {self.word(call.args[0])}"
        if name == "print" and not call.keywords:
            return " ".join(["echo", *(self.word(a) for a in call.args)])
        raise NotDriver

    def papermill(self, call: ast.Call) -> str:
        keywords = {k.arg: k.value for k in call.keywords if k.arg}
        paths = list(call.args[:2])
        for key in ("input_path", "output_path")[len(paths) :]:
            if key not in keywords:
                raise NotDriver
            paths.append(keywords.pop(key))
        if len(call.args) > 2 or len(keywords) < len(call.keywords) - 2:
            raise NotDriver
        words = ["papermill", *(self.word(p) for p in paths)]
        for key, value in keywords.items():
            if key == "parameters":
                words.extend(self.parameters(value))
            elif key in PAPERMILL_OPTIONS:
                words.extend([PAPERMILL_OPTIONS[key], self.word(value)])
            elif key not in PAPERMILL_QUIET:
                raise NotDriver
        return " ".join(words)

    def parameters(self, value: ast.expr) -> list[str]:
        """`parameters={"alpha": alpha}` (or `dict(alpha=alpha)`) → `-p alpha "$alpha"`; strings
        are raw (`-r`), as Python passes them, numbers parsed (`-p`)."""
        if isinstance(value, ast.Call) and self.dotted(value.func) == "dict" and not value.args:
            pairs: list[tuple[object, ast.expr]] = [(k.arg, k.value) for k in value.keywords]
        elif isinstance(value, ast.Dict):
            pairs = [
                (k.value if isinstance(k, ast.Constant) else None, v)
                for k, v in zip(value.keys, value.values, strict=True)
            ]
        else:
            raise NotDriver
        words: list[str] = []
        for key, item in pairs:
            if not isinstance(key, str) or not BARE.fullmatch(key):
                raise NotDriver
            words.extend(["-p" if self.kind(item) == "number" else "-r", key, self.word(item)])
        return words

    def argv_run(self, call: ast.Call, fails: str) -> str:
        if len(call.args) != 1 or not isinstance(call.args[0], ast.List | ast.Tuple):
            raise NotDriver
        keywords = {k.arg: k.value for k in call.keywords}
        checked = keywords.pop("check", None)
        if keywords:
            raise NotDriver
        raises = fails == "raises" or (
            fails == "check" and isinstance(checked, ast.Constant) and checked.value is True
        )
        self.raising = self.raising or raises
        self.going_on = self.going_on or not raises
        argv = [
            "python" if self.dotted(a) in INTERPRETERS else self.word(a) for a in call.args[0].elts
        ]
        return " ".join(argv)
