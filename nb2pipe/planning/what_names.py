"""Names from what a statement does: a rebuilt value is named by what rebuilt it, a node that makes
no variable by what it writes or draws. Counters (`df_2`, `clean_2`) are the last resort.

* `df = df.dropna()` → `without_na` (the call, through knowledge/naming_words.py; an unlisted call
  gives its own name: `df = np.log(df)` → `log`); a chain is named by its first call that is not
  a mere copy (`df.dropna().reset_index(drop=True)` → `without_na`).
* `df = df[df["price"] > 0]`, `df = df.loc[mask]` → `filtered`; `df = df[["a", "b"]]` →
  `selected`; `df["total"] = ...`, `df.total = ...` → `with_total`; `del df["id"]` →
  `without_id`; `df.fillna(0, inplace=True)` → `filled`.
* A drawing call names a figure by what it draws and how: `df["price"].hist()`,
  `sns.histplot(data=df, x="price")` → `price_histogram`.

Anything else (a loop, `x += 1`, an unlisted shape) says nothing: "".
"""

from __future__ import annotations

import ast
import re
import unicodedata

from ..knowledge.naming_words import CALL_WORDS, DRAWING_WORDS, FILLER_WORDS, NEUTRAL_CALLS
from .naming import file_name, snake

#: At most this many words describe a value or a figure (the name's base comes before them).
MAX_WORDS = 4
#: Attributes that reach into a value without naming a part of it (`df.price.plot.hist()`).
ACCESSORS = frozenset({"plot", "loc", "iloc", "values", "str", "dt"})
#: A name ending in a counter (`x_2`): says nothing of what it holds.
COUNTER = re.compile(r"_\d+$")
#: Keywords whose string value names the data a drawing call draws, best first.
DRAWN_KEYWORDS = ("y", "x", "column", "data")


def slug(text: str) -> str:
    """`"Sale Price (USD)"` → `sale_price_usd`: lower-case words joined by `_`, to follow a name."""
    return "_".join(slug_all(text).split("_")[:MAX_WORDS])


def heading_words(heading: str) -> str:
    """`"The Normal Equation"` → `normal_equation`: a heading's words that say something (at
    most MAX_WORDS, numbers left out: "2. Pearson correlation" → `pearson_correlation`), to tell
    apart versions its step makes of a value bound again."""
    words = [w for w in slug_all(heading).split("_")
             if w and w not in FILLER_WORDS and not w.isdigit()]
    return "_".join(words[:MAX_WORDS])


def without_heading(name: str, heading: str) -> str:
    """A dataset name without the heading words that told its version apart (`uaf_fitted` for
    `uaf_fitted_custom_parametric_models_handle` under "Custom parametric models to handle..."):
    to follow a node name that holds the heading already."""
    words = heading_words(heading)
    return name.removesuffix(f"_{words}") if words else name


def slug_all(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    return "_".join(re.findall(r"[A-Za-z0-9]+", text.lower()))


def parse(code: str) -> list[ast.stmt]:
    try:
        return ast.parse(code).body
    except SyntaxError:
        return []


def version_words(code: str, symbol: str) -> str:
    """Words for the value ``symbol`` holds after ``code`` (its last statement that binds or
    changes it), or ""."""
    for statement in reversed(parse(code)):
        words = statement_words(statement, symbol)
        if words is not None:
            return slug(words)
    return ""


def statement_words(statement: ast.stmt, symbol: str) -> str | None:
    """None: the statement does not touch ``symbol``; "": it does, and says nothing."""
    if isinstance(statement, (ast.Assign, ast.AnnAssign)):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
        for target in targets:
            if is_name(target, symbol) or (isinstance(target, (ast.Tuple, ast.List)) and any(
                    is_name(e, symbol) for e in target.elts)):
                return value_words(statement.value, symbol) if statement.value is not None else ""
            key = member(target, symbol)
            if key:
                return f"with_{key}"
        return None
    if isinstance(statement, ast.Delete):
        keys = [member(t, symbol) for t in statement.targets]
        return f"without_{keys[0]}" if keys and keys[0] else None
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        func = statement.value.func
        if isinstance(func, ast.Attribute) and is_name(func.value, symbol):
            return call_words(func.attr)
        return None
    if any(is_name(n, symbol) and isinstance(n.ctx, ast.Store)
           for n in ast.walk(statement) if isinstance(n, ast.Name)):
        return ""
    return None


def value_words(value: ast.expr, symbol: str) -> str:
    if isinstance(value, ast.Call):
        calls = chain(value)
        named = [c for c in calls if c not in NEUTRAL_CALLS] or calls
        return call_words(named[0]) if named else ""
    if isinstance(value, ast.Subscript):
        base = value.value
        if isinstance(base, ast.Attribute) and base.attr in ("loc", "iloc"):
            base = base.value
        if not is_name(base, symbol):
            return ""
        index = value.slice
        if isinstance(index, ast.Tuple) and index.elts:  # `.loc[rows, cols]`
            index = index.elts[0]
        if isinstance(index, ast.List):
            return "selected"
        if isinstance(index, ast.Slice):
            return "sliced"
        if isinstance(index, (ast.Compare, ast.BoolOp, ast.UnaryOp, ast.Call, ast.Name, ast.BinOp)):
            return "filtered"
    return ""


def chain(call: ast.Call) -> list[str]:
    """Names of the calls of a method chain, first applied first: `df.a().b()` → [a, b];
    `pd.get_dummies(df)` → [get_dummies]."""
    names: list[str] = []
    node: ast.expr = call
    while True:
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute):
                names.append(func.attr)
                node = func.value
                if not isinstance(node, ast.Call):  # `np.log(...)`, `df.dropna()`: the end
                    break
                continue
            if isinstance(func, ast.Name):
                names.append(func.id)
            break
        break
    return names[::-1]


def call_words(name: str) -> str:
    return CALL_WORDS.get(name, name)


def is_name(node: ast.AST, symbol: str) -> bool:
    return isinstance(node, ast.Name) and node.id == symbol


def member(target: ast.expr, symbol: str) -> str:
    """The column or attribute a target of ``symbol`` names (`df["a b"]`, `df.a`): snake, or ""."""
    if isinstance(target, ast.Subscript) and is_name(target.value, symbol):
        key = target.slice
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            return slug(key.value)
    if isinstance(target, ast.Attribute) and is_name(target.value, symbol):
        return slug(target.attr)
    return ""


def drawing_words(codes: list[str]) -> str:
    """`price_histogram` for the first drawing call of ``codes`` that a table names; ""."""
    for code in codes:
        for statement in parse(code):
            for node in ast.walk(statement):
                if isinstance(node, ast.Call):
                    words = drawn(node)
                    if words:
                        return words
    return ""


def drawn(call: ast.Call) -> str:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else (
        func.id if isinstance(func, ast.Name) else "")
    if name.startswith("plot_") and name not in DRAWING_WORDS:
        # a method or function named for what it draws: `fitter.plot_hazard()` → `fitter_hazard`,
        # `plot_learning_curves(model)` → `learning_curves`
        what = text(func.value) if isinstance(func, ast.Attribute) else ""
        figure = slug(name.removeprefix("plot_"))
        return f"{slug(what)}_{figure}" if what and figure else figure
    if name not in DRAWING_WORDS:
        return ""
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    kind = text(keywords["kind"]) if "kind" in keywords else ""  # `df.plot(kind="bar")`
    figure = DRAWING_WORDS.get(kind, kind) if kind else DRAWING_WORDS[name]
    said = (text(keywords[k]) for k in DRAWN_KEYWORDS if k in keywords)
    what = next((w for w in said if w), "")
    if not what and isinstance(func, ast.Attribute):
        what = text(func.value)  # `df["price"].hist()`, `df.price.plot()`
    if not what and call.args:
        what = text(call.args[-1] if len(call.args) <= 2 else call.args[0])
    what = "_".join(slug(what).split("_")[: MAX_WORDS - 2])
    if figure == "plot":  # the generic figure: what it draws alone (`plot_price`), or nothing
        return what
    return f"{what}_{figure}" if what else figure


def text(node: ast.expr) -> str:
    """What an expression names: a string, a variable, a column, an attribute; else ""."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return node.id if node.id not in ("plt", "sns", "ax", "axes", "fig") else ""
    if isinstance(node, ast.Subscript):
        return text(node.slice) if isinstance(node.slice, ast.Constant) else ""
    if isinstance(node, ast.Attribute):
        return node.attr if node.attr not in ACCESSORS else text(node.value)
    return ""


def action_name(kind: str, written: list[str], drawing_codes: list[str],
                read: tuple[str, ...] | list[str] = ()) -> str:
    """The name of a node that makes no variable, from what it does: a reporting node by what it
    draws (`plot_price_histogram`), a data node by the first file it writes (`save_cleaned_csv`,
    from the path `out/cleaned.csv`), else by what it draws, else (it only shows) by the first
    dataset it reads (`show_my_array`); "" when none says."""
    drawn = drawing_words(drawing_codes)
    if kind != "reporting" and written:
        return f"save_{file_name(written[0], 1)}"
    if drawn:
        return f"plot_{drawn}"
    return f"show_{slug(read[0])}" if kind != "reporting" and read else ""


def by_what_it_makes(name: str, heading: str, made: list[str], taken: set[str]) -> str:
    """A node name another node has, told apart by a dataset the node makes that no counter
    names (`matplotlib_x_linspace` beside `matplotlib_x`, not `matplotlib_x_2`): ``heading``
    joined with the first such dataset whose name is free; ``name`` when none is."""
    if name not in taken or not heading:
        return name
    # the heading's words once (`deviance_residuals_r`, not `..._r_deviance_residuals`)
    for dataset in made:
        short = without_heading(dataset, heading)
        candidates = (f"{snake(heading)}_{snake(short)}",
                      f"compute_{dataset}" if short != dataset else "")
        free = next((c for c in candidates if c and c not in taken), "")
        if not COUNTER.search(dataset) and free:
            return free
    return name
