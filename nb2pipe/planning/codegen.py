"""Python source of generated functions: apply analysis' edits to the user's code (exact spans, so
formatting and comments survive), assemble step functions, and give notebook functions their
free globals as keyword-only parameters (LibCST, which keeps the rest of the code as written)."""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Edit


def apply_edits(code: str, edits: Sequence[Edit], names: Mapping[str, str]) -> str:
    """Rewrite ``code``: "read"/"path" spans become the symbol's argument name, "write" statements
    become `<name> = <value>`, "text" spans become their payload, "drop" spans disappear.
    An edit inside a span another edit replaces is skipped, except inside the value a "write"
    keeps (`pd.read_csv(p).head().to_csv(q)` → `q_csv = p_csv.head()`)."""
    offsets = line_offsets(code)
    spans = []
    for edit in edits:
        start = offsets[edit.line - 1] + edit.col
        end = offsets[edit.end_line - 1] + edit.end_col
        spans.append((start, end, edit))
    return splice(code, 0, spans, names)


def splice(code: str, base: int, spans: list[tuple[int, int, Edit]], names: Mapping[str, str]) -> str:
    """Apply edits at absolute positions (``base``: where ``code`` starts) to ``code``."""
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, Edit, list[tuple[int, int, Edit]]]] = []
    for start, end, edit in spans:
        if kept and start < kept[-1][1] and end <= kept[-1][1] and start != end:
            kept[-1][3].append((start, end, edit))
            continue
        kept.append((start, end, edit, []))
    for start, end, edit, inner in reversed(kept):
        text = replacement(edit, names)
        if edit.kind == "write" and inner:
            text = written_value(code[start - base:end - base], start, edit, inner, names) or text
        code = code[:start - base] + text + code[end - base:]
    return code


def written_value(statement: str, start: int, edit: Edit, inner: list[tuple[int, int, Edit]],
                  names: Mapping[str, str]) -> str | None:
    """`<name> = <value>` with the edits inside the value applied (None: value not found)."""
    found = re.search(r"(?<![\w.])" + re.escape(edit.payload) + r"(?!\w)", statement)
    if not found:
        return None
    at = start + found.start()
    inside = [s for s in inner if at <= s[0] and s[1] <= at + len(edit.payload)]
    return f"{names[edit.symbol]} = {splice(edit.payload, at, inside, names)}"


def replacement(edit: Edit, names: Mapping[str, str]) -> str:
    if edit.kind in ("path", "read"):  # a read's payload: which read of the file (`load_key`)
        return names.get(f"{edit.symbol}|{edit.payload}", names[edit.symbol])
    if edit.kind == "write":
        return f"{names[edit.symbol]} = {edit.payload}"
    if edit.kind == "text":
        return edit.payload
    if edit.kind == "partition":  # the folder argument where "\0" is
        return edit.payload.replace("\0", names.get(f"{edit.symbol}|write", names[edit.symbol]))
    return ""


def line_offsets(code: str) -> list[int]:
    offsets = [0]
    for line in code.split("\n"):
        offsets.append(offsets[-1] + len(line) + 1)
    return offsets


def function_source(
    name: str, arguments: Sequence[str], docstring: str, provenance: str, body: str
) -> str:
    """`def name(args):` with a provenance comment, a docstring and an indented body."""
    doc = docstring_literal(docstring)
    inner = textwrap.indent(body.strip("\n") or "pass", "    ")
    head = f"def {name}({', '.join(arguments)}):"
    parts = [f"# {provenance}", head]
    if doc:
        parts.append(textwrap.indent(doc, "    "))
    parts.append(inner)
    return "\n".join(parts) + "\n"


def docstring_literal(text: str) -> str:
    text = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if not text:
        return ""
    if "\n" in text:
        return f'"""{text}\n"""'
    return f'"""{text}"""'


def return_statement(values: Sequence[str]) -> str:
    if not values:
        return ""
    return "return " + ", ".join(values)


@functools.cache
def free_globals_transformer() -> Any:
    """The LibCST transformer class, built on first use: importing libcst costs about 0.2 s, and
    most conversions never need it (see ``functions_module``)."""
    import libcst as cst  # noqa: PLC0415

    class FreeGlobalsTransformer(cst.CSTTransformer):
        """Notebook functions read module-level values as keyword-only parameters; calls between
        notebook functions pass them on (`f(x)` → `f(x, threshold=threshold)`)."""

        def __init__(self, free: Mapping[str, Sequence[str]],
                     paths: Mapping[str, Sequence[tuple[str, str]]] = {},  # noqa: B006
                     defaults: Mapping[str, str] = {}):  # noqa: B006
            """``defaults``: parameter → the literal it defaults to (none: a required one)."""
            super().__init__()
            self.free = free
            self.defaults = defaults
            self.paths = {name: dict(pairs) for name, pairs in paths.items()}
            self.inside: list[str] = []
            #: A function was passed as a value: the module needs `import functools`.
            self.partials = False
            #: Module-level `f = lambda ...` statements (by id) being visited.
            self.lambdas: set[int] = set()

        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            self.inside.append(node.name.value)
            return True

        def visit_Assign(self, node: cst.Assign) -> bool:
            """`f = lambda ...` at module level is a notebook function named f."""
            if not self.inside and lambda_target(node):
                self.inside.append(lambda_target(node))
                self.lambdas.add(id(node))
            return True

        def leave_Assign(self, original: cst.Assign, updated: cst.Assign) -> cst.Assign:
            if id(original) not in self.lambdas:
                return updated
            self.inside.pop()
            return updated.with_changes(value=self.with_keywords(lambda_target(original), updated.value))

        def with_keywords(self, name: str, node: Any) -> Any:
            """``node`` (a def or a lambda) takes the names ``name`` reads as keyword-only."""
            names = self.free.get(name)
            if not names:
                return node
            params = node.params
            existing = {p.name.value for p in (*params.params, *params.kwonly_params)}
            extra = [cst.Param(cst.Name(n), default=cst.SimpleString(repr(self.defaults[n])) if n in self.defaults
                               else None) for n in names if n not in existing]
            star = params.star_arg if params.star_arg is not cst.MaybeSentinel.DEFAULT else cst.ParamStar()
            return node.with_changes(
                params=params.with_changes(star_arg=star, kwonly_params=(*params.kwonly_params, *extra))
            )

        def leave_SimpleString(self, original: cst.SimpleString, updated: cst.BaseExpression
                               ) -> cst.BaseExpression:
            """A path literal the caller now passes becomes its parameter."""
            paths = self.paths.get(self.inside[-1], {}) if self.inside else {}
            value = original.evaluated_value
            return cst.Name(paths[value]) if isinstance(value, str) and value in paths else updated

        def leave_FunctionDef(self, original: cst.FunctionDef, updated: cst.FunctionDef) -> cst.FunctionDef:
            self.inside.pop()
            return self.with_keywords(original.name.value, updated)  # type: ignore[no-any-return]

        def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
            """A function passed as a value (`map(f, xs)`) takes its keyword arguments along."""
            value = updated.value
            if not (self.inside and isinstance(value, cst.Name) and self.free.get(value.value)):
                return updated
            self.partials = True
            text = ", ".join([value.value, *(f"{n}={n}" for n in self.free[value.value])])
            return updated.with_changes(value=cst.parse_expression(f"functools.partial({text})"))

        def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
            if not isinstance(original.func, cst.Name) or original.func.value not in self.free:
                return updated
            given = {a.keyword.value for a in updated.args if a.keyword is not None}
            extra = [
                cst.Arg(keyword=cst.Name(n), value=cst.Name(n), equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")))
                for n in self.free[original.func.value] if n not in given
            ]
            args = list(updated.args)
            if args and extra:
                args[-1] = args[-1].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            return updated.with_changes(args=(*args, *extra))

    def lambda_target(node: cst.Assign) -> str:
        """"f" for `f = lambda ...`, else ""."""
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name) and isinstance(node.value, cst.Lambda):
            return node.targets[0].target.value
        return ""

    return FreeGlobalsTransformer


def functions_module(imports: Sequence[str], definitions: Sequence[str],
                     free: Mapping[str, Sequence[str]],
                     paths: Mapping[str, Sequence[tuple[str, str]]] = {}) -> str:  # noqa: B006
    """The module holding a notebook's own functions and classes; ``paths``: per function, the
    path literals its callers now pass (literal → parameter)."""
    body = "\n\n\n".join(d.strip("\n") for d in definitions) + "\n"
    if any(free.values()):
        import libcst as cst  # noqa: PLC0415

        module = cst.parse_module(body)
        transformer = free_globals_transformer()(free, paths)
        body = module.visit(transformer).code
        imports = [*imports, "import functools"] if transformer.partials else imports
    # else: nothing to change, and LibCST round-trips exactly (`parse_module(code).code == code`)
    parts = ["\n".join(dict.fromkeys(imports)), body]
    return "\n\n".join(p for p in parts if p.strip()) + "\n"


def local_module_code(code: str, files: Mapping[str, Sequence[tuple[str, str]]],
                      paths: Mapping[str, Sequence[tuple[str, str]]]) -> str:
    """A local module whose functions open literal paths: each such path becomes a keyword-only
    parameter defaulting to the literal (`def load(*, records_json_file="records.json")`), which
    the pipeline's calls pass the catalog's path to; calls between its functions pass it on."""
    if not files:
        return code
    import libcst as cst  # noqa: PLC0415

    try:
        module = cst.parse_module(code)
    except cst.ParserSyntaxError:
        return code  # the user's module: copied as it is, Python reports the error
    free = {name: [p for p, _ in pairs] for name, pairs in files.items()}
    defaults = {p: literal for pairs in files.values() for p, literal in pairs}
    return module.visit(free_globals_transformer()(free, paths, defaults)).code
