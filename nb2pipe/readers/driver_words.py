"""Python expressions of a driver as bash words (`python_driver.py` reads the statements):
string literals, numbers, f-strings and names of the driver's variables, `os.path.join`,
`os.path.basename`; imports resolve the dotted names of calls (`pm.execute_notebook` is
`papermill.execute_notebook`). Anything else is `NotDriver`."""

from __future__ import annotations

import ast
import re

from ..knowledge.driver_calls import DRIVER_MODULES

BARE = re.compile(r"[\w@%+=:,./-]+")
Kind = str  # "number" or "str": how papermill receives a value (-p or -r)


def import_aliases(node: ast.Import | ast.ImportFrom) -> dict[str, str]:
    """The names an import binds → the dotted names they stand for (any module)."""
    if isinstance(node, ast.Import):
        return {
            a.asname or a.name.split(".")[0]: a.name if a.asname else a.name.split(".")[0]
            for a in node.names
        }
    return {a.asname or a.name: f"{node.module}.{a.name}" for a in node.names if node.module}


class NotDriver(Exception):
    """A statement the driver reading does not know: the file is an ordinary script."""


class DriverWords:
    """What a driver's expressions mean as bash: its imports (aliases) and variables (kinds)."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}
        self.kinds: dict[str, Kind] = {}

    def imports(self, node: ast.Import | ast.ImportFrom) -> None:
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module]
        if any(m not in DRIVER_MODULES for m in modules) or (
            isinstance(node, ast.ImportFrom) and node.level
        ):
            raise NotDriver
        self.aliases.update(import_aliases(node))

    def kind(self, value: ast.expr) -> Kind:
        if isinstance(value, ast.Constant) and isinstance(value.value, int | float):
            return "number"
        if isinstance(value, ast.Name) and value.id in self.kinds:
            return self.kinds[value.id]
        return "str"

    def word(self, value: ast.expr) -> str:
        """One bash word with the value's text: bare when it needs no quotes."""
        text = self.fragment(value)
        return text if BARE.fullmatch(text) else f'"{text}"'

    def fragment(self, value: ast.expr, quoted: bool = True) -> str:
        """The value's text inside bash double quotes (``quoted``) or as shell code."""
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return re.sub(r'([\\"$`])', r"\\\1", value.value) if quoted else value.value
        if isinstance(value, ast.Constant) and isinstance(value.value, int | float):
            if isinstance(value.value, bool):
                raise NotDriver
            return repr(value.value)
        if isinstance(value, ast.Name) and (value.id in self.kinds):
            return "${" + value.id + "}"
        if isinstance(value, ast.JoinedStr):
            return "".join(self.fragment(v, quoted) for v in value.values)
        if (
            isinstance(value, ast.FormattedValue)
            and value.conversion == -1
            and value.format_spec is None
        ):
            return self.fragment(value.value, quoted)
        if isinstance(value, ast.Call) and self.dotted(value.func) == "os.path.basename" and quoted:
            return f'$(basename "{self.fragment(value.args[0])}")'
        if isinstance(value, ast.Call) and self.dotted(value.func) in ("os.path.join", "str"):
            return "/".join(self.fragment(a, quoted) for a in value.args)
        raise NotDriver

    def dotted(self, node: ast.expr) -> str:
        if isinstance(node, ast.Name):
            return self.aliases.get(node.id, node.id)
        if isinstance(node, ast.Attribute):
            return f"{self.dotted(node.value)}.{node.attr}"
        return ""
