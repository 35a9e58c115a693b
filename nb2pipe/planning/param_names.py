"""Names of the literal hyper-parameters and seeds (`param:<keyword>=<value>` symbols): by meaning,
never by a counter.

* A keyword the source gives one value (however often, in whatever call) is one parameter named
  after the keyword: `random_state: 0`.
* A keyword given several values, or whose name the notebook already uses, is qualified by where
  each value is used: the called function (`KMeans(n_clusters=3)` → `kmeans_n_clusters`), the
  whole callee for a seeding call, whose keyword is its own name (`np.random.seed(42)` →
  `np_random_seed`, `random.seed(7)` → `random_seed`), else the variable the call's result is
  bound to (`km5 = KMeans(n_clusters=5)` → `km5_n_clusters`).
* Only when all of these clash does a counter remain (`kmeans_n_clusters_2`).
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import ChunkFacts
from ..model.symbols import Param
from .naming import snake, unique


@dataclass(frozen=True, slots=True)
class Use:
    """Where a literal parameter is first used: the callee as written and the bound variable."""

    symbol: Param
    callee: str = ""
    target: str = ""

    @property
    def keyword(self) -> str:
        return self.symbol.name


def candidates(use: Use) -> list[str]:
    """The qualified names of ``use``, best first."""
    keyword, found = use.keyword, []
    words = [w for w in use.callee.split(".") if w]
    if words and words[-1] == keyword:  # a seeding call: `np.random.seed(42)`
        if len(words) > 1:
            found.append(snake("_".join(words)))
    elif words:
        found.append(snake(f"{words[-1]}_{keyword}"))
    if use.target:
        found.append(snake(f"{use.target}_{keyword}"))
    return found


def param_names(uses: Iterable[Use], taken: set[str]) -> dict[Param, str]:
    """Python (and parameters.yml) name per symbol, in the order of ``uses`` (first use first);
    ``taken`` (names the source uses, parameter names given already) grows with each choice."""
    uses = list(uses)
    per_keyword: dict[str, int] = {}
    for use in uses:
        per_keyword[use.keyword] = per_keyword.get(use.keyword, 0) + 1
    # a qualified name two values of one keyword would share (`KMeans(n_clusters=2)`,
    # `KMeans(n_clusters=3)`) qualifies neither: the next candidate does (`small_n_clusters`)
    shared = Counter(c for use in uses for c in dict.fromkeys(candidates(use)))
    chosen: dict[Param, str] = {}
    for use in uses:
        if per_keyword[use.keyword] == 1 and use.keyword not in taken:
            chosen[use.symbol] = unique(use.keyword, taken)
            continue
        free = [c for c in candidates(use) if c not in taken and shared[c] == 1]
        free += [c for c in candidates(use) if c not in taken and c not in free]
        chosen[use.symbol] = unique(free[0] if free else use.keyword, taken)
    return chosen


def first_use(chunks: Iterable[ChunkFacts], symbol: Param) -> Use:
    """The callee and bound variable of the first call passing ``symbol``'s literal."""
    for chunk in chunks:
        for edit in chunk.edits:
            if edit.kind == "read" and edit.symbol == symbol:
                found = call_at(chunk.code, edit.line, edit.col)
                if found is not None:
                    return Use(symbol, *found)
    return Use(symbol)


def call_at(code: str, line: int, col: int) -> tuple[str, str] | None:
    """(callee as written, variable bound to the result) of the call with an argument at
    ``line``/``col`` (character column) of ``code``."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    lines = code.splitlines()
    for statement in ast.walk(tree):
        if not isinstance(statement, ast.stmt):
            continue
        for node in ast.walk(statement):
            if not isinstance(node, ast.Call):
                continue
            values = [*node.args[:1], *(k.value for k in node.keywords)]
            if any(v.lineno == line and char_col(lines, v) == col for v in values):
                return ast.unparse(node.func) if dotted(node.func) else "", target(statement, node)
    return None


def dotted(node: ast.expr) -> bool:
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


def target(statement: ast.stmt, call: ast.Call) -> str:
    """The variable a statement binds to the call's result, or to what is read from it
    (`km = KMeans(...)`, `centers = KMeans(...).fit(x).cluster_centers_`): "km", "centers"."""
    if not (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
    ):
        return ""
    value: ast.expr = statement.value
    while value is not call:
        if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute):
            value = value.func.value
        elif isinstance(value, (ast.Attribute, ast.Subscript)):
            value = value.value
        else:
            return ""
    return statement.targets[0].id


def char_col(lines: list[str], node: ast.expr) -> int:
    """ast's UTF-8 byte column as a character column."""
    text = lines[node.lineno - 1] if node.lineno <= len(lines) else ""
    return len(text.encode("utf-8")[: node.col_offset].decode("utf-8", "replace"))
