"""Names read inside strings that a call evaluates in the caller's namespace: pandas `query` /
`eval` (`"a > @threshold"`) and model formulas (`smf.ols("y ~ np.log(x) + double_it(z)", df)`).

They are reads like any other: the node receives the variable, and imports the function (pandas
and patsy find them among the calling function's locals and its module's globals).

>>> import ast
>>> from nb2pipe.analysis.python.walk_state import Context
>>> ctx = Context(root="/", workdir="/", aliases={"np": "numpy", "smf": "statsmodels.formula.api"})
>>> ctx.bound |= {"df", "t"}
>>> call = ast.parse('smf.ols("y ~ np.log(x) + C(g, Treatment(reference=t))", data=df)').body[0].value
>>> sorted(string_names(call, ctx))
['np', 't']
>>> sorted(string_names(ast.parse('df.query("x > @limit and y < @t.max()")').body[0].value, ctx))
['limit', 't']
"""

from __future__ import annotations

import ast
import io
import keyword
import tokenize

from ...knowledge import calls as tables
from .walk_state import Context


def string_names(call: ast.Call, ctx: Context) -> frozenset[str]:
    """Names the call's evaluated string reads ("formula" names only when the notebook binds
    them: a formula's other names are the data's columns)."""
    row = table_row(call, ctx)
    if row is None:
        return frozenset()
    position, keyword_name, spelling = row
    text = string_argument(call, position, keyword_name)
    if text is None:
        return frozenset()
    names = spelled_names(text, spelling)
    if spelling == "at":
        return names
    known = ctx.bound | ctx.aliases.keys() | ctx.functions.keys() | ctx.later_definitions
    return frozenset(names & known)


def evaluates_formula(node: ast.AST, ctx: Context) -> bool:
    """``node`` calls a formula function of the table, or a notebook function that does."""
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        row = table_row(call, ctx)
        if row is not None and row[2] == "formula":
            return True
        if isinstance(call.func, ast.Name) and call.func.id in ctx.functions and ctx.functions[call.func.id].formulas:
            return True
    return False


def table_row(call: ast.Call, ctx: Context) -> tuple[int, str, str] | None:
    qual = ctx.qualname(call.func)
    if qual:
        if qual in tables.CALLER_NAMESPACE_STRINGS:
            return tables.CALLER_NAMESPACE_STRINGS[qual]
        module = qual.rsplit(".", 1)[0] + ".*"
        if module in tables.CALLER_NAMESPACE_STRINGS:
            return tables.CALLER_NAMESPACE_STRINGS[module]
    if isinstance(call.func, ast.Attribute):
        return tables.CALLER_NAMESPACE_STRINGS.get("." + call.func.attr)
    if isinstance(call.func, ast.Name) and not (call.func.id in ctx.bound or call.func.id in ctx.functions):
        return tables.CALLER_NAMESPACE_STRINGS.get(call.func.id)  # a builtin (`eval`, `exec`)
    return None


def string_argument(call: ast.Call, position: int, keyword_name: str) -> str | None:
    node = call.args[position] if len(call.args) > position else None
    if node is None and keyword_name:
        node = next((k.value for k in call.keywords if k.arg == keyword_name), None)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def spelled_names(text: str, spelling: str) -> frozenset[str]:
    """Names as the string spells them: after `@` ("at"), or every name that is not an attribute,
    a keyword argument or a Python keyword."""
    try:
        tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                  if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return frozenset()
    found = set()
    for i, token in enumerate(tokens):
        if token.type != tokenize.NAME or keyword.iskeyword(token.string):
            continue
        before = tokens[i - 1].string if i else ""
        after = tokens[i + 1].string if i + 1 < len(tokens) else ""
        if spelling == "at":
            if before == "@":
                found.add(token.string)
        elif before not in (".", "@") and after != "=":
            found.add(token.string)
    return frozenset(found)
