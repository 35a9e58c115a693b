"""Python source of generated functions: apply analysis' edits to the user's code (exact spans, so
formatting and comments survive), assemble step functions, and give notebook functions their
free globals as keyword-only parameters (LibCST, which keeps the rest of the code as written)."""

from __future__ import annotations

import ast
import functools
import re
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from ..analysis.python.code_text import indent_code
from ..analysis.python.scopes import keywords
from ..knowledge.calls import MAIN_NAMESPACE_NAMES
from ..model import Edit
from ..model.symbols import ArgKey, use_key

#: How the functions module (src/<package>/pipelines/<name>/functions.py) imports the project's
#: `binding.with_globals`, which binds the globals of a function passed as a value.
BINDING_IMPORT = "from ...binding import with_globals"


def apply_edits(code: str, edits: Sequence[Edit], names: Mapping[ArgKey, str]) -> str:
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


def splice(code: str, base: int, spans: list[tuple[int, int, Edit]], names: Mapping[ArgKey, str]) -> str:
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
                  names: Mapping[ArgKey, str]) -> str | None:
    """`<name> = <value>` with the edits inside the value applied (None: value not found)."""
    found = re.search(r"(?<![\w.])" + re.escape(edit.payload) + r"(?!\w)", statement)
    if not found:
        return None
    at = start + found.start()
    inside = [s for s in inner if at <= s[0] and s[1] <= at + len(edit.payload)]
    assert edit.symbol is not None, edit  # (a "write" names what it writes)
    return f"{names[edit.symbol]} = {splice(edit.payload, at, inside, names)}"


def replacement(edit: Edit, names: Mapping[ArgKey, str]) -> str:
    if edit.kind == "text":
        return edit.payload
    if edit.kind == "drop" or edit.symbol is None:
        return ""
    if edit.kind in ("path", "read"):  # the payload: the mode of a path, which read (`load_key`)
        return names.get(use_key(edit.symbol, edit.payload), names[edit.symbol])
    if edit.kind == "write":
        return f"{names[edit.symbol]} = {edit.payload}"
    # "partition": the folder argument where "\0" is
    return edit.payload.replace("\0", names.get(use_key(edit.symbol, "write"), names[edit.symbol]))


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
    inner = indent_code(body.strip("\n") or "pass", "    ")  # string literals' contents stay
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
    from libcst.metadata import BuiltinAssignment, GlobalScope, ScopeProvider  # noqa: PLC0415

    class FreeGlobalsTransformer(cst.CSTTransformer):
        """Notebook functions read module-level values as keyword-only parameters; calls between
        notebook functions pass them on (`f(x)` → `f(x, threshold=threshold)`). Only a module-level
        def takes them, and only a name that resolves to it passes them: a nested def, parameter
        or local of the same name is another function (visit through a MetadataWrapper)."""

        METADATA_DEPENDENCIES = (ScopeProvider,)

        def __init__(self, free: Mapping[str, Sequence[str]],
                     paths: Mapping[str, Sequence[tuple[str, str]]] = {},  # noqa: B006
                     defaults: Mapping[str, str] = {},  # noqa: B006
                     keywords: Mapping[str, Mapping[str, str]] = {}):  # noqa: B006
            """``defaults``: parameter → the literal it defaults to (none: a required one);
            ``keywords``: per function, the global → keyword it takes it by, where not the same
            (``scopes.keywords``)."""
            super().__init__()
            self.free = free
            self.keywords = keywords
            self.defaults = defaults
            self.paths = {name: dict(pairs) for name, pairs in paths.items()}
            self.inside: list[str] = []
            #: A function was passed as a value: the module imports the project's `with_globals`.
            self.partials = False
            #: Module-level `f = lambda ...` statements (by id) being visited.
            self.lambdas: set[int] = set()
            #: Module-level definitions made so far (above the one being visited).
            self.made: set[str] = set()

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
            self.made.add(lambda_target(original))
            return updated.with_changes(value=self.with_keywords(lambda_target(original), updated.value))

        def with_keywords(self, name: str, node: Any) -> Any:
            """``node`` (a def or a lambda) takes the names ``name`` reads as keyword-only."""
            names = self.free.get(name)
            params = node.params
            existing = {p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)}
            # a definition of this module made above defaults to itself: a node that defines it
            # again passes its own, calls made before that pass nothing
            extra = [cst.Param(cst.Name(self.keyword(name, n)), default=cst.SimpleString(repr(self.defaults[n]))
                               if n in self.defaults else cst.Name(n) if n in self.made else None)
                     for n in names or () if self.keyword(name, n) not in existing]
            if not extra:  # a bare `*` needs a keyword-only parameter after it
                return node
            # after `*args` or an existing `*`; before `**kwargs` (LibCST keeps that order)
            star = params.star_arg if isinstance(params.star_arg, (cst.Param, cst.ParamStar)) else cst.ParamStar()
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
            if not isinstance(self.get_metadata(ScopeProvider, original, None), GlobalScope):
                return updated  # a nested def: not the module's function of that name
            self.made.add(original.name.value)
            return self.with_keywords(original.name.value, updated)

        def leave_ClassDef(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
            if isinstance(self.get_metadata(ScopeProvider, original, None), GlobalScope):
                self.made.add(original.name.value)
            return updated

        def keyword(self, function: str, name: str) -> str:
            """The keyword ``function`` takes global ``name`` by."""
            return self.keywords.get(function, {}).get(name, name)

        def passed(self, function: str) -> list[str]:
            """`keyword=value` for each global ``function`` takes, inside the current function."""
            here = self.inside[0] if self.inside else ""
            return [f"{self.keyword(function, n)}={self.keyword(here, n)}" for n in self.free[function]]

        def module_function(self, name: cst.Name) -> bool:
            """``name`` is read where the module's function of that name is the visible binding
            (inside a function: at module level there is nothing to pass)."""
            scope = self.get_metadata(ScopeProvider, name, None)
            if scope is None or isinstance(scope, GlobalScope) or not self.free.get(name.value):
                return False
            return all(isinstance(a.scope, GlobalScope) for a in scope[name.value])

        def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
            """A `__main__`-only name (`__builtins__`) reads its module (tables.MAIN_NAMESPACE_NAMES)."""
            _, module = MAIN_NAMESPACE_NAMES.get(original.value, ("", ""))
            scope = self.get_metadata(ScopeProvider, original, None) if module else None
            if scope is None or any(not isinstance(a, BuiltinAssignment) for a in scope[original.value]):
                return updated  # not read, or bound by the code itself
            return updated.with_changes(value=module)

        def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
            """A function passed as a value (`map(f, xs)`) takes its keyword arguments along."""
            value = original.value
            if not (self.inside and isinstance(value, cst.Name) and self.module_function(value)):
                return updated
            self.partials = True
            text = ", ".join([value.value, *self.passed(value.value)])
            return updated.with_changes(value=cst.parse_expression(f"with_globals({text})"))

        def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
            if not isinstance(original.func, cst.Name) or not self.module_function(original.func):
                return updated
            given = {a.keyword.value for a in updated.args if a.keyword is not None}
            extra = [
                cst.Arg(keyword=cst.Name(keyword), value=cst.Name(value), equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")))
                for keyword, value in (p.split("=") for p in self.passed(original.func.value)) if keyword not in given
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
    if any(free.values()) or any(name in body for name in MAIN_NAMESPACE_NAMES):
        import libcst as cst  # noqa: PLC0415

        module = cst.parse_module(body)
        transformer = free_globals_transformer()(free, paths, keywords=keywords(ast.parse(body), free))
        body = cst.MetadataWrapper(module).visit(transformer).code
        imports = [*imports, BINDING_IMPORT] if transformer.partials else imports
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
    return cst.MetadataWrapper(module).visit(free_globals_transformer()(free, paths, defaults)).code
