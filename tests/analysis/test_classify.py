"""The kind of each top-level statement: import, def, param, setting, display, plot, data.

Every case's ``code`` is one chunk (one statement, or statements sharing a line) in the last
cell, after ``IMPORTS`` and the case's own ``setup`` cells; its ``ChunkFacts.kind`` must equal
``kind`` and, for settings, ``scope`` must equal the expected scope ("all", "plot", "chdir").
The ``*_NOOP`` lists hold code that must *not* get a given kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from .support import last_cell_chunks

IMPORTS = "\n".join(
    [
        "import os",
        "from dataclasses import dataclass",
        "import warnings",
        "import numpy as np",
        "import pandas as pd",
        "import matplotlib as mpl",
        "import matplotlib.pyplot as plt",
        "import seaborn as sns",
        "from IPython.display import display",
        "from lifelines import KaplanMeierFitter",
        "from sklearn.linear_model import LinearRegression",
    ]
)
SUBPLOTS = "fig, ax = plt.subplots()"
SEED = "np.random.seed(0)"


@dataclass(frozen=True)
class KindCase:
    code: str
    kind: str
    setup: tuple[str, ...] = ()
    scope: str | None = None


def chunk_of(tmp_path: Path, case: KindCase):  # type: ignore[no-untyped-def]
    chunks = last_cell_chunks(tmp_path, IMPORTS, *case.setup, case.code)
    assert len(chunks) == 1, "a case is one chunk"
    return chunks[0]


KINDS = [
    # import
    KindCase("import os", "import"),
    KindCase("from collections import OrderedDict as OD", "import"),
    KindCase("try:\n    import ujson as json\nexcept ImportError:\n    import json", "import"),
    KindCase("try:\n    import foo\nexcept ImportError:\n    foo = None", "import"),
    KindCase("try:\n    import foo\nexcept ImportError:\n    pass", "import"),
    # def
    KindCase("def f():\n    pass", "def"),
    KindCase("class A:\n    pass", "def"),
    KindCase("class A:\n    n = np.pi\n    def f(self):\n        return len(self.rows)", "def"),
    # a class whose body reads notebook data is defined where the data is: a data node
    KindCase("class A:\n    upper = T.max()", "data"),
    KindCase("class A:\n    def f(self):\n        return LOOKUP[self.key]", "data"),
    KindCase("@dataclass\nclass A:\n    x: int = 0", "def"),
    KindCase("f = lambda x: x + 1", "def"),
    # param: NAME = literal (scalars, lists and dicts of scalars)
    KindCase("N = 5", "param"),
    KindCase("N = -1", "param"),
    KindCase("RATE = 0.1", "param"),
    KindCase('NAME = "x"', "param"),
    KindCase("FLAG = True", "param"),
    KindCase("NOTHING = None", "param"),
    KindCase('COLS = ["a", "b"]', "param"),
    KindCase('CFG = {"a": 1, "b": [1, 2]}', "param"),
    KindCase("LIMIT: int = 10", "param"),
    # setting
    KindCase('pd.set_option("display.max_columns", 50)', "setting", scope="all"),
    KindCase('plt.rcParams["figure.figsize"] = (8, 4)', "setting", scope="plot"),
    KindCase('mpl.rcParams["font.size"] = 12', "setting", scope="plot"),
    KindCase("sns.set_theme()", "setting", scope="plot"),
    KindCase('sns.set_style("whitegrid")', "setting", scope="plot"),
    KindCase('plt.style.use("ggplot")', "setting", scope="plot"),
    KindCase('warnings.filterwarnings("ignore")', "setting", scope="all"),
    KindCase('os.environ["A"] = "1"', "setting", scope="all"),
    KindCase('os.chdir("sub")', "setting", scope="chdir"),
    # style settings are settings, never drawings (a node of them alone would draw nothing)
    KindCase('sns.mpl.rc("figure", figsize=(4, 3))', "setting", scope="plot"),
    KindCase("mpl.rcParams.update({'lines.linewidth': 2})", "setting", scope="plot"),
    KindCase("mpl.rcdefaults()", "setting", scope="plot"),
    KindCase("plt.xkcd()", "setting", scope="plot"),
    KindCase("pd.plotting.register_matplotlib_converters()", "setting", scope="plot"),
    KindCase('plt.rcParams["axes.prop_cycle"] = mpl.cycler(color=["r", "g"])', "setting", scope="plot"),
    KindCase('set_matplotlib_formats("svg")', "setting",
             ("from IPython.display import set_matplotlib_formats",), scope="notebook"),
    # display: a bare expression whose value is only shown
    KindCase("df.head()", "display"),
    KindCase("df.describe()", "display"),
    KindCase("df.info()", "display"),
    KindCase("display(df)", "display"),
    KindCase("df", "display"),
    KindCase("df.shape", "display"),
    KindCase("len(df)", "display"),
    KindCase("df[df.a > 1]", "display"),
    KindCase('df.groupby("a").sum()', "display"),
    KindCase("[x for x in xs]", "display"),
    # library functions that only compute a new value (knowledge/pure_calls.py), one per row kind
    KindCase("np.mean(y == labels)", "display"),  # a listed numpy function
    KindCase("np.linalg.inv(A.T @ A) @ A.T @ y", "display"),  # a module whose functions all are
    KindCase('pd.pivot_table(df, index="a", margins=True)', "display"),  # a listed pandas function
    KindCase("pg.corr(x, y)", "display", setup=("import pingouin as pg",)),
    # a method the imported library adds to DataFrame (`REGISTERED_METHODS`)
    KindCase("df.pcorr().round(3)", "display", setup=("import pingouin as pg",)),
    # a `try` that only shows a value or the error computing it raises (`shows_error`)
    KindCase("try:\n    k + [3, 4]\nexcept ValueError as e:\n    print(e)", "display"),
    KindCase("try:\n    s[0]\nexcept KeyError:\n    print('no key')\nexcept IndexError:\n    pass", "display"),
    KindCase('df.partial_corr(x="a", y="b", covar="c")', "display", setup=("import pingouin",)),
    # a display method of any value, not only of a variable or a call's result
    KindCase("(df > 5).all(axis=1)", "display"),
    KindCase('df.groupby("a")["b"].agg(["mean", "std"]).round(2)', "display"),
    KindCase("m.dot(v) - 3 * v", "display"),
    # plot
    KindCase("plt.plot(x, y)", "plot"),
    KindCase(SUBPLOTS, "plot"),
    KindCase('ax.set_title("t")', "plot", setup=(SUBPLOTS,)),
    KindCase("df.plot.bar()", "plot"),
    KindCase('df["x"].hist()', "plot"),
    KindCase(
        "kmf.plot_survival_function(ax=ax)", "plot", setup=(SUBPLOTS, "kmf = KaplanMeierFitter()")
    ),
    KindCase('sns.histplot(df["a"])', "plot"),
    KindCase("plt.show()", "plot"),
    KindCase("for c in cols:\n    plt.plot(df[c])", "plot"),
    # a method of what a drawing call returned draws too (the axes, figure or artist it gave)
    KindCase('df.plot(ax=ax).legend(["a"])', "plot", setup=(SUBPLOTS,)),
    KindCase('kmf.plot_survival_function().legend(loc="best")', "plot", setup=("kmf = KaplanMeierFitter()",)),
    KindCase("plt.gca().yaxis.set_ticklabels([])", "plot"),
    KindCase("plt.gcf().axes[0].set_title('t')", "plot"),
    # names bound to a figure or axes variable, a part or an attribute of one: figures and axes
    KindCase("fig, (ax1, ax2) = objects", "plot", setup=("objects = plt.subplots(1, 2)",)),
    KindCase("ax = axes[0, 1]", "plot", setup=("fig, axes = plt.subplots(2, 2)",)),
    KindCase("f = fig", "plot", setup=(SUBPLOTS,)),
    KindCase("ax2 = axes[i]", "data", setup=("fig, axes = plt.subplots(2, 2)", "i = 1")),
    KindCase("frame = df[0]", "data", setup=("df = pd.DataFrame({0: [1]})",)),
    # data otherwise
    KindCase("y = x + 1", "data"),
    KindCase('df = pd.read_csv("a.csv")', "data"),
    KindCase("df.sample(5)", "data", setup=(SEED,)),
    KindCase("model.fit(X, y)", "data"),
    KindCase("print(x, file=sys.stderr)", "data"),
    KindCase("print(x)", "display"),  # its text goes to the report
    KindCase("print(model.fit(X, y))", "data"),
    KindCase("xs.sort()", "data"),
    KindCase("T = (1, 2)", "data"),
    KindCase("S = {1, 2}", "data"),
    KindCase("x = np.random.rand(3)", "data"),
    KindCase("r = LinearRegression().fit(X, y)", "data"),
    KindCase("for c in cols:\n    df[c] = df[c] * 2\n    plt.plot(df[c])", "data"),
    # `kmf.fit(T, E).plot()` is split in two (tests/analysis/test_drawing_split.py); asked to draw: one
    # (drawing when nothing it may change is read after it, as here: tests/analysis/test_drawing_unread.py)
    KindCase("kmf.fit(T, E, show_plots=True)", "plot", setup=("kmf = KaplanMeierFitter()",)),
    KindCase("df.dropna().to_csv('a.csv')", "data"),
    # mixed statements on one line form one chunk: data
    KindCase("import json; x = 1", "data"),
    KindCase("x = 1; df.head()", "data"),
    KindCase("plt.plot(x); y = x + 1", "data"),
]


@pytest.mark.parametrize("case", KINDS, ids=lambda c: f"{c.kind}: {c.code}")
def test_kind(case: KindCase, tmp_path: Path) -> None:
    chunk = chunk_of(tmp_path, case)
    assert chunk.kind == case.kind
    if case.scope is not None:
        assert chunk.scope == case.scope


def test_plot_chunks_draw_and_data_chunks_that_draw_say_so(tmp_path: Path) -> None:
    drawing = chunk_of(
        tmp_path, KindCase("for c in cols:\n    df[c] = df[c] * 2\n    plt.plot(df[c])", "data")
    )
    assert drawing.draws
    assert not chunk_of(tmp_path, KindCase("y = x + 1", "data")).draws


SAVE_FIG = 'def save_fig(name):\n    plt.tight_layout()\n    plt.savefig(IMAGES / f"{name}.png")'
FIT_AND_PLOT = "def fit_and_plot(model, X, y):\n    model.fit(X, y)\n    plt.plot(X, model.predict(X))"
PLOT_AND_RETURN = "def hist(x):\n    return plt.hist(x)"


@pytest.mark.parametrize(
    ("setup", "code", "kind", "draws"),
    [
        (SAVE_FIG, 'save_fig("lasso")', "plot", True),
        (f"{SAVE_FIG}\ndef finish(name):\n    plt.grid()\n    save_fig(name)", 'finish("a")', "plot", True),
        # data work that draws; nobody reads `m` after, so drawing (tests/analysis/test_drawing_unread.py)
        (FIT_AND_PLOT, "fit_and_plot(m, X, y)", "plot", True),
        (f"{FIT_AND_PLOT}\ndef run():\n    fit_and_plot(m, X, y)", "run()", "plot", True),
        (PLOT_AND_RETURN, "counts = hist(x)", "data", True),
        ("def double(x):\n    return 2 * x", "y = double(x)", "data", False),
    ],
)
def test_calls_to_notebook_functions_draw_as_their_bodies_do(
    tmp_path: Path, setup: str, code: str, kind: str, draws: bool
) -> None:
    """A `save_fig` helper draws on the current figure: calling it is drawing, so it stays with
    the cell's other drawing statements; a function that fits and draws is data work that draws."""
    chunk = chunk_of(tmp_path, KindCase(code, kind, setup=(setup,)))
    assert (chunk.kind, chunk.draws) == (kind, draws)


@pytest.mark.parametrize(
    ("code", "draws"),
    [
        ("cph.check_assumptions(df, show_plots=True)", True),
        ("res = model.fit(X, plot=True)", True),
        ("cph.check_assumptions(df, show_plots=False)", False),
        ("cph.check_assumptions(df)", False),
        ("cph.check_assumptions(df, show_plots=flag)", False),
    ],
)
def test_a_data_call_asked_to_draw_draws(tmp_path: Path, code: str, draws: bool) -> None:
    """Library calls that draw when a keyword asks them to stay data work and save figures."""
    chunk = chunk_of(tmp_path, KindCase(code, "data", setup=("cph = CoxPHFitter()",)))
    # a bare call asked to draw that changes nothing read after it is drawing (test_drawing_unread.py)
    assert chunk.kind == ("plot" if draws and code.startswith("cph.") else "data")
    assert chunk.draws is draws


# -------------------------------------------------------------------------------- noops
#: Bare expressions that are not display-only: they change state, draw random numbers or print
#: to a stream.
DISPLAY_NOOP = [
    KindCase("df.sample(5)", "data", setup=(SEED,)),
    KindCase("model.fit(X, y)", "data"),
    KindCase("print(x, file=sys.stderr)", "data"),
    KindCase("xs.append(1)", "data"),
    KindCase("df.dropna(inplace=True)", "data"),
    KindCase("np.random.rand(3)", "data", setup=(SEED,)),
    KindCase('df.to_csv("a.csv")', "data"),
    KindCase("np.add(a, b, out=a)", "data"),  # a pure function given `out=` writes into `a`
    KindCase("np.random.permutation(xs)", "data", setup=(SEED,)),  # numpy.random: no row
    KindCase("np.save('a.npy', a)", "data"),  # not a listed numpy function
    KindCase("pg.read_dataset('anova')", "data", setup=("import pingouin as pg",)),
    KindCase("df.pcorr().round(3)", "data"),  # pingouin not imported: an unknown method
    KindCase("try:\n    x = k + [3]\nexcept ValueError as e:\n    print(e)", "data"),  # binds x
    KindCase("try:\n    fit(k)\nexcept ValueError as e:\n    print(e)", "data"),  # an unknown call
    KindCase("try:\n    k + [3]\nexcept ValueError as e:\n    print(e)\nfinally:\n    k.clear()", "data"),
]

#: Literal bindings that are not parameters: tuples, sets, computed values.
PARAM_NOOP = [
    KindCase("T = (1, 2)", "data"),
    KindCase("S = {1, 2}", "data"),
    KindCase("N = len(xs)", "data"),
    KindCase("N = M", "data"),
    KindCase("a, b = 1, 2", "data"),
]


@pytest.mark.parametrize("case", DISPLAY_NOOP, ids=lambda c: c.code)
def test_display_noop(case: KindCase, tmp_path: Path) -> None:
    assert chunk_of(tmp_path, case).kind != "display"


@pytest.mark.parametrize("case", PARAM_NOOP, ids=lambda c: c.code)
def test_param_noop(case: KindCase, tmp_path: Path) -> None:
    chunk = chunk_of(tmp_path, case)
    assert chunk.kind != "param"
    assert chunk.constants == ()


PARAMS = [
    ("N = 5", ("N", 5)),
    ('COLS = ["a", "b"]', ("COLS", ["a", "b"])),
    ('CFG = {"a": 1, "b": [1, 2]}', ("CFG", {"a": 1, "b": [1, 2]})),
    ("X = None", ("X", None)),
]


@pytest.mark.parametrize(("code", "constant"), PARAMS, ids=[c for c, _ in PARAMS])
def test_param_constants(code: str, constant: tuple, tmp_path: Path) -> None:
    chunk = chunk_of(tmp_path, KindCase(code, "param"))
    assert chunk.kind == "param"
    assert chunk.constants == (constant,)


@pytest.mark.parametrize(
    ("qualified", "pure"),
    [("numpy.mean", True), ("numpy.linalg.pinv", True), ("pandas.crosstab", True),
     ("pingouin.pairwise_corr", True), ("numpy.save", False), ("numpy.random.rand", False),
     ("numpy.linalg", False), ("pandas.read_csv", False), ("mean", False)],
)
def test_pure_functions_table(qualified: str, pure: bool) -> None:
    """A row lists functions of one module, or all of them ("*"); nothing else is pure."""
    from nb2pipe.knowledge.pure_calls import is_pure

    assert is_pure(qualified) is pure
