"""What one cell defines, uses, mutates, deletes and maybe defines, as a specification table.

Each ``FactsCase`` runs ``nb2pipe.analysis.analyze`` on an in-memory notebook: the ``setup``
cells first (imports, functions, seeds: analysis reads cells in order), then ``code``. The facts
of the last cell are folded over its chunks (``support.cell_view``): a name an earlier statement
of the cell bound is not a use of a later one.

How each field is compared (a field left as ``None`` is not checked):

* ``defines``, ``mutates``, ``deletes``, ``maybe_defines``: **equal** to the expected set,
  pseudo-symbols included (``file:<path relative to root>``, ``rng:numpy``/``rng:random``/
  ``rng:torch``). Exact, because every extra name becomes a dataset version downstream.
* ``uses``: **superset** of the expected set. Builtins (``print``, ``len``), import aliases
  (``np``) and ``param:<kw>=<repr>`` symbols appear too and are not listed in every case.
  ``not_uses`` lists names that must *not* be uses (bound before the read, or local to a
  nested scope).
* ``kind``: equal, when given.

``FACTS_NOOP`` (pyupgrade style) lists code that must not mutate anything nor define anything at
module level beyond the one name it visibly binds (``binds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from nb2pipe.model.symbols import Rng

from .support import cell_view, last_cell_chunks, words

NUMPY = "import numpy as np"
RANDOM = "import random"
PANDAS = "import pandas as pd"


@dataclass(frozen=True)
class FactsCase:
    name: str
    code: str
    defines: str | None = None
    uses: str | None = None
    mutates: str | None = None
    deletes: str | None = None
    maybe_defines: str | None = None
    kind: str | None = None
    not_uses: str = ""
    setup: tuple[str, ...] = ()


# --------------------------------------------------------------- STYLE.md §2.5, one row each
STYLE_2_5 = [
    FactsCase("2.5 read before rebinding", "df = df.dropna()", defines="df", uses="df", mutates=""),
    FactsCase("2.5 use then bind", "print(y)\ny = 2", defines="y", uses="y"),
    FactsCase("2.5 augassign uses its target", "x += 1", defines="x", uses="x"),
    FactsCase("2.5 subscript store", 'df["a"] = 1', defines="", uses="df", mutates="df"),
    FactsCase("2.5 attribute store", "obj.attr = 3", defines="", uses="obj", mutates="obj"),
    FactsCase("2.5 fit mutates", "model.fit(X)", defines="", uses="model X", mutates="model"),
    FactsCase("2.5 append mutates", "xs.append(1)", defines="", uses="xs", mutates="xs"),
    FactsCase("2.5 del", "del model", defines="", mutates="", deletes="model"),
    FactsCase(
        "2.5 free name in function",
        "def f(a): return a + k",
        defines="f",
        uses="k",
        not_uses="a",
        kind="def",
    ),
    FactsCase(
        "2.5 loop",
        "for i in items: total = i",
        defines="",
        uses="items",
        maybe_defines="i total",
        not_uses="i",
    ),
    FactsCase("2.5 shadowed builtin", "list = [1]", defines="list", not_uses="list"),
]

# ------------------------------------------------------------------------------- defines
DEFINES = [
    FactsCase("literal", "x = 1", defines="x", uses="", kind="param"),
    FactsCase("tuple unpacking", "a, b = pair", defines="a b", uses="pair"),
    FactsCase("starred unpacking", "(first, *rest) = xs", defines="first rest", uses="xs"),
    FactsCase("chained assignment", "a = b = 0", defines="a b"),
    FactsCase("annotated", "x: int = 3", defines="x"),
    FactsCase("annotation only binds nothing", "x: int", defines="", maybe_defines=""),
    FactsCase("import alias", NUMPY, defines="np", kind="import"),
    FactsCase("dotted import binds its top", "import os.path", defines="os", kind="import"),
    FactsCase("from import alias", "from os import path as p", defines="p", kind="import"),
    FactsCase("function", "def f():\n    return 1", defines="f", kind="def"),
    FactsCase("class", "class C:\n    x = 1", defines="C", kind="def"),
    FactsCase("lambda binding", "g = lambda a: a * 2", defines="g", kind="def"),
    FactsCase("with target", "with lock:\n    y = 1", defines="y", uses="lock"),
    FactsCase("conditional expression", "y = a if c else b", defines="y", uses="a b c"),
]

# ---------------------------------------------------------------------------------- uses
USES = [
    FactsCase("inside function", "def f():\n    return k + 1", defines="f", uses="k"),
    FactsCase("function default", "def f(a=k):\n    return a", defines="f", uses="k", not_uses="a"),
    FactsCase("decorator", "@cache\ndef f():\n    pass", defines="f", uses="cache"),
    FactsCase("lambda body", "g = lambda a: a * k", defines="g", uses="k", not_uses="a"),
    FactsCase(
        "class body and method",
        "class C:\n    size = k\n    def m(self):\n        return j",
        defines="C",
        uses="k j",
        not_uses="size self m",
    ),
    FactsCase(
        "list comprehension", "ys = [v * k for v in xs]", defines="ys", uses="k xs", not_uses="v"
    ),
    FactsCase(
        "comprehension filter",
        "ys = [v for v in xs if v > k]",
        defines="ys",
        uses="k xs",
        not_uses="v",
    ),
    FactsCase(
        "nested comprehension",
        "[a for row in grid for a in row if a > t]",
        defines="",
        uses="grid t",
        not_uses="row a",
    ),
    FactsCase(
        "dict comprehension",
        "d = {a: b for a, b in pairs}",
        defines="d",
        uses="pairs",
        not_uses="a b",
    ),
    FactsCase(
        "generator expression",
        "total = sum(v for v in xs)",
        defines="total",
        uses="xs",
        not_uses="v",
    ),
    FactsCase(
        "if/else blocks", "if flag:\n    print(a)\nelse:\n    print(b)", defines="", uses="flag a b"
    ),
    FactsCase("for block", "for v in xs:\n    print(v, k)", uses="xs k", not_uses="v"),
    FactsCase("while block", "while n > 0:\n    n = n - 1", uses="n", maybe_defines="n"),
    FactsCase(
        "try/except blocks",
        "try:\n    r = load(a)\nexcept ValueError:\n    r = b",
        uses="load a b ValueError",
    ),
    FactsCase("augmented assignment", "total += x", defines="total", uses="total x"),
    FactsCase(
        "read after rebinding in a loop",
        "for i in r:\n    t = t + i",
        uses="r t",
        maybe_defines="i t",
        not_uses="i",
    ),
    FactsCase("f-string", 'msg = f"{name}: {value}"', defines="msg", uses="name value"),
    FactsCase(
        "walrus bound before its read",
        "if (n := len(xs)) > 3:\n    print(n)",
        defines="n",
        uses="xs",
        not_uses="n",
    ),
    FactsCase(
        "global statement in a function",
        "def f():\n    global k\n    k = 1",
        defines="f k",  # made in its node, which binds k first (`k = None`) for `nonlocal k`
        maybe_defines="",
        mutates="",
    ),
]

# ------------------------------------------------------------------------------ mutates
MUTATES = [
    FactsCase("subscript store", "x[k] = v", defines="", uses="x k v", mutates="x"),
    FactsCase("attribute store", "x.attr = v", defines="", uses="x v", mutates="x"),
    FactsCase("nested subscript store", "x[0][1] = v", defines="", mutates="x"),
    FactsCase(".loc store", 'df.loc[df.a > 0, "b"] = 0', defines="", mutates="df"),
    FactsCase("subscript augassign", 'df["a"] += 1', defines="", mutates="df"),
    FactsCase("del subscript", "del x[0]", defines="", deletes="", mutates="x"),
    FactsCase("inplace=True", "df.dropna(inplace=True)", defines="", mutates="df"),
    FactsCase(
        "inplace=True with other args",
        'df.drop(columns=["a"], inplace=True)',
        defines="",
        mutates="df",
    ),
    FactsCase("fit", "model.fit(X, y)", defines="", uses="model X y", mutates="model"),
    FactsCase("append", "xs.append(1)", defines="", mutates="xs"),
    FactsCase("extend", "xs.extend(ys)", defines="", uses="xs ys", mutates="xs"),
    FactsCase("update", "d.update(e)", defines="", uses="d e", mutates="d"),
    FactsCase("sort", "xs.sort()", defines="", mutates="xs"),
    FactsCase(
        "random.shuffle",
        "random.shuffle(xs)",
        setup=(RANDOM,),
        defines="rng:random",
        uses="xs rng:random",
        mutates="xs",
    ),
    FactsCase(
        "np.random.shuffle",
        "np.random.shuffle(arr)",
        setup=(NUMPY,),
        defines="rng:numpy",
        uses="arr rng:numpy",
        mutates="arr",
    ),
    FactsCase(
        "draw from a generator object",
        "z = rng.normal()",
        setup=(NUMPY, "rng = np.random.default_rng(0)"),
        defines="z",
        uses="rng",
        mutates="rng",
    ),
    FactsCase(
        "generator object shuffles its argument",
        "rng.shuffle(xs)",
        setup=(NUMPY, "rng = np.random.default_rng(0)"),
        defines="",
        uses="rng xs",
        mutates="rng xs",
    ),
    FactsCase(
        "notebook function mutates its parameter",
        "add_col(df)",
        setup=('def add_col(frame):\n    frame["c"] = 1',),
        defines="",
        uses="add_col df",
        mutates="df",
    ),
    FactsCase(
        "only the mutated parameter's argument",
        "push(a, b)",
        setup=("def push(items, v):\n    items.append(v)",),
        defines="",
        uses="a b",
        mutates="a",
    ),
    FactsCase(
        "mutated parameter passed by keyword",
        "push(v=b, items=a)",
        setup=("def push(items, v):\n    items.append(v)",),
        defines="",
        mutates="a",
    ),
    FactsCase(
        "lambda mutates its parameter",
        "push(a, b)",
        setup=("push = lambda items, v: items.append(v)",),
        mutates="a",
    ),
    FactsCase(
        "notebook function mutates a global",
        "log()",
        setup=("def log():\n    history.append(1)",),
        uses="history",
        mutates="history",
    ),
    FactsCase(
        "function that copies first",
        "f(xs)",
        setup=("def f(a):\n    b = a.copy()\n    b.sort()\n    return b",),
        mutates="",
    ),
    FactsCase(
        "class body runs when defined", "class C:\n    xs.append(1)", defines="C", mutates="xs"
    ),
    FactsCase(
        "default argument runs when defined",
        "def f(d=xs.append(1)):\n    pass",
        defines="f",
        mutates="xs",
    ),
    FactsCase("comprehension runs", "[xs.append(v) for v in ys]", defines="", mutates="xs"),
]

# ------------------------------------------------------------------------------ deletes
DELETES = [
    FactsCase("del name", "del x", defines="", deletes="x", mutates=""),
    FactsCase("del several", "del a, b", defines="", deletes="a b"),
    FactsCase("del in a branch", "if c:\n    del x", deletes="x", uses="c"),
]

# ------------------------------------------------------------------------------- walrus
WALRUS = [
    FactsCase("bare walrus", "(m := 5)", defines="m", uses=""),
    FactsCase("walrus in a call", "print(m := 3)", defines="m", not_uses="m"),
    FactsCase(
        "walrus in an if test",
        "if (n := len(xs)) > 3:\n    print(n)",
        defines="n",
        maybe_defines="",
    ),
    FactsCase(
        "walrus after `and` may not run",
        "ok = c and (z := 1)",
        defines="ok",
        maybe_defines="z",
        uses="c",
    ),
]

# ---------------------------------------------------------------- conditional definitions
CONDITIONAL = [
    FactsCase("if without else", "if c:\n    a = 1", defines="", maybe_defines="a", uses="c"),
    FactsCase(
        "if/else both bind", "if c:\n    a = 1\nelse:\n    a = 2", defines="a", maybe_defines=""
    ),
    FactsCase(
        "if/else, one branch binds more",
        "if c:\n    a = 1\n    b = 2\nelse:\n    a = 3",
        defines="a",
        maybe_defines="b",
    ),
    FactsCase("for body", "for v in xs:\n    last = v", defines="", maybe_defines="v last"),
    FactsCase(
        "for/else",
        "for v in xs:\n    pass\nelse:\n    done = True",
        defines="",
        maybe_defines="v done",
    ),
    FactsCase("while body", "while cond:\n    n = 1", defines="", maybe_defines="n"),
    FactsCase(
        "try body", "try:\n    r = 1\nexcept Exception:\n    pass", defines="", maybe_defines="r"
    ),
    FactsCase(
        "match case",
        "match p:\n    case [a, b]:\n        s = a + b",
        defines="",
        maybe_defines="a b s",
        uses="p",
    ),
    FactsCase(
        "except E as e: e is gone afterwards",
        "try:\n    r = 1\nexcept Exception as e:\n    print(e)",
        defines="",
        maybe_defines="r",
        not_uses="e",
    ),
    FactsCase(
        "except E as err in a binding",
        "try:\n    pass\nexcept ValueError as err:\n    msg = str(err)",
        defines="",
        maybe_defines="msg",
        not_uses="err",
    ),
]

# --------------------------------------------------------------------- pseudo-symbols
SYMBOLS = [
    FactsCase(
        "numpy seed",
        "np.random.seed(42)",
        setup=(NUMPY,),
        defines="rng:numpy",
        uses="param:seed=42",
        not_uses="rng:numpy",
    ),
    FactsCase(
        "numpy global draw",
        "x = np.random.rand(3)",
        setup=(NUMPY,),
        defines="x rng:numpy",
        uses="rng:numpy",
    ),
    FactsCase(
        "random seed",
        "random.seed(1)",
        setup=(RANDOM,),
        defines="rng:random",
        uses="param:seed=1",
        not_uses="rng:random",
    ),
    FactsCase(
        "random global draw",
        "v = random.random()",
        setup=(RANDOM,),
        defines="v rng:random",
        uses="rng:random",
    ),
    FactsCase("torch seed", "torch.manual_seed(0)", setup=("import torch",), defines="rng:torch"),
    FactsCase(
        "torch draw",
        "t = torch.rand(3)",
        setup=("import torch",),
        defines="t rng:torch",
        uses="rng:torch",
    ),
    FactsCase(
        "generator object seeded by a literal",
        "rng = np.random.default_rng(0)",
        setup=(NUMPY,),
        defines="rng",
        uses="param:seed=0",
        mutates="",
    ),
    FactsCase(
        "hyper-parameters",
        "a, b = train_test_split(X, test_size=0.2, random_state=42)",
        setup=("from sklearn.model_selection import train_test_split",),
        defines="a b",
        uses="X param:test_size=0.2 param:random_state=42",
    ),
    FactsCase(
        "negative hyper-parameter",
        "m = RandomForestClassifier(n_estimators=100, max_depth=-3)",
        setup=("from sklearn.ensemble import RandomForestClassifier",),
        defines="m",
        uses="param:n_estimators=100 param:max_depth=-3",
    ),
    FactsCase(
        "sample after a numpy seed draws",
        "s = df.sample(5)",
        setup=(NUMPY, "np.random.seed(0)"),
        defines="s rng:numpy",
        uses="df rng:numpy",
    ),
    FactsCase(
        "sample with random_state does not draw",
        "s = df.sample(5, random_state=1)",
        setup=(NUMPY, "np.random.seed(0)"),
        defines="s",
        uses="param:random_state=1",
        not_uses="rng:numpy",
    ),
    FactsCase(
        "scipy.stats rvs after a numpy seed draws",
        "b = stats.norm.rvs(size=4)\nc = stats.norm(1).rvs(3)",
        setup=(NUMPY, "from scipy import stats", "np.random.seed(0)"),
        defines="b c rng:numpy",
        uses="rng:numpy",
    ),
    FactsCase(
        "scipy.stats bootstrap after a numpy seed draws",
        "r = stats.bootstrap((x,), np.mean)",
        setup=(NUMPY, "from scipy import stats", "np.random.seed(0)"),
        defines="r rng:numpy",
        uses="x rng:numpy",
    ),
    FactsCase(
        "scipy.stats rvs with random_state does not draw",
        "b = stats.norm.rvs(size=4, random_state=2)",
        setup=(NUMPY, "from scipy import stats", "np.random.seed(0)"),
        defines="b",
        uses="param:random_state=2",
        not_uses="rng:numpy",
    ),
    FactsCase(
        "notebook function drawing globally",
        "z = draw(3)",
        setup=(NUMPY, "def draw(n):\n    return np.random.rand(n)"),
        defines="z rng:numpy",
        uses="rng:numpy",
    ),
    FactsCase(
        "file read",
        'df = pd.read_csv("data/a.csv")',
        setup=(PANDAS,),
        defines="df",
        uses="file:data/a.csv",
    ),
    FactsCase(
        "file write",
        'df.to_csv("out/b.csv", index=False)',
        setup=(PANDAS,),
        defines="file:out/b.csv",
        uses="df",
        mutates="",
    ),
]

CASES = STYLE_2_5 + DEFINES + USES + MUTATES + DELETES + WALRUS + CONDITIONAL + SYMBOLS


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_facts(case: FactsCase, tmp_path: Path) -> None:
    view = cell_view(last_cell_chunks(tmp_path, *case.setup, case.code))
    for field in ("defines", "mutates", "deletes", "maybe_defines"):
        expected = words(getattr(case, field))
        if expected is not None:
            assert getattr(view, field) == expected, field
    expected_uses = words(case.uses)
    if expected_uses is not None:
        assert expected_uses <= view.uses, f"missing uses: {sorted(expected_uses - view.uses)}"
    unexpected = words(case.not_uses) & view.uses  # type: ignore[operator]
    assert not unexpected, f"must not be uses: {sorted(unexpected)}"
    if case.kind is not None:
        assert view.kind == case.kind


def test_case_names_are_unique() -> None:
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))


# ------------------------------------------------------------------------------------ noop
@dataclass(frozen=True)
class Noop:
    code: str
    #: The one module-level name the code visibly binds ("" for none).
    binds: str = ""
    setup: tuple[str, ...] = ()


FACTS_NOOP = [
    Noop("def f():\n    y = 1", binds="f"),
    Noop("def f(d):\n    d2 = dict(d)\n    return d2", binds="f"),
    Noop("class A:\n    x = 1", binds="A"),
    Noop("[x for x in xs]"),
    Noop("{k: v for k, v in pairs}"),
    Noop("df.head()"),
    Noop("df.describe()"),
    Noop("df.shape"),
    Noop("sorted(xs)"),
    Noop("len(xs)"),
    Noop("print(x)"),
    Noop('df.groupby("a").sum()'),
    Noop("y = df.copy()", binds="y"),
    Noop('y = df["a"].copy()', binds="y"),
    Noop("y = xs[:]", binds="y"),
    Noop("y = sorted(xs)", binds="y"),
    Noop("z = np.sort(arr)", binds="z", setup=(NUMPY,)),
    Noop("df2 = df.assign(b=1)", binds="df2"),
    Noop("x = obj.attr", binds="x"),
    Noop("x = d[k]", binds="x"),
    Noop("x = d.get(k)", binds="x"),
    Noop("g = f", binds="g", setup=("def f(a):\n    a.sort()",)),
    Noop("seed = rng", binds="seed", setup=(NUMPY, "rng = np.random.default_rng(0)")),
]


@pytest.mark.parametrize("case", FACTS_NOOP, ids=lambda c: c.code)
def test_facts_noop(case: Noop, tmp_path: Path) -> None:
    view = cell_view(last_cell_chunks(tmp_path, *case.setup, case.code))
    assert view.mutates == frozenset()
    assert view.defines == words(case.binds)
    assert view.maybe_defines == frozenset()
    assert view.deletes == frozenset()


#: (setup, code, what the last cell calls that may draw from numpy's unseeded global generator)
UNSEEDED = [
    ((NUMPY,), "x = np.random.normal(size=3)", ("numpy.random",)),
    ((NUMPY, "np.random.seed(0)"), "x = np.random.normal(size=3)", ()),
    (("from sklearn.cluster import KMeans",), "km = KMeans(n_clusters=3).fit(X)",
     ("sklearn.cluster.KMeans",)),
    (("from sklearn.cluster import KMeans",), "km = KMeans(n_clusters=3, random_state=0).fit(X)",
     ()),
    (("from sklearn.cluster import KMeans",), "km = KMeans(3)\nkm.fit(X)",
     ("sklearn.cluster.KMeans",)),
    (("from sklearn.cluster import KMeans", "km = KMeans(3, random_state=1)"), "km.fit(X)", ()),
    (("from sklearn.cluster import KMeans", "km = KMeans(3)", "km = 5"), "km.fit(X)", ()),
    ((NUMPY, "np.random.seed(1)", "from sklearn.cluster import KMeans"),
     "km = KMeans(n_clusters=3).fit(X)", ()),
    ((NUMPY, "rng = np.random.default_rng(0)"), "x = rng.normal(size=3)", ()),
    ((PANDAS,), "s = df.sample(5, random_state=1)", ()),
    (("from sklearn.model_selection import train_test_split",), "a, b = train_test_split(X)",
     ("sklearn.model_selection.train_test_split",)),
    (("from scipy import stats",), "b = stats.norm.rvs(size=4)", ("numpy.random",)),
]


@pytest.mark.parametrize(("setup", "code", "unseeded"), UNSEEDED, ids=[c for _, c, _ in UNSEEDED])
def test_a_draw_nothing_seeded_is_named(setup: tuple[str, ...], code: str,
                                        unseeded: tuple[str, ...], tmp_path: Path) -> None:
    chunks = last_cell_chunks(tmp_path, *setup, code)
    assert tuple(n for c in chunks for n in c.unseeded) == unseeded


def test_a_chained_fit_after_a_seed_draws_from_the_global_generator(tmp_path: Path) -> None:
    """`KMeans(3).fit(X)` after `np.random.seed(1)`: the node must get the generator's state as
    the notebook left it (before, only `km.fit(X)` on a name counted as a draw)."""
    chunks = last_cell_chunks(tmp_path, NUMPY, "np.random.seed(1)",
                              "from sklearn.cluster import KMeans", "km = KMeans(3).fit(X)")
    assert all(Rng("numpy") in c.uses and Rng("numpy") in c.defines for c in chunks)
