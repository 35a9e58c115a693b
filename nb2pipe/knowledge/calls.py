"""Knowledge as data: what calls draw figures, display, or set process-wide state (what they
change in place: `mutations.py`; what draws random numbers and which literals tune it:
`randomness.py`, its names also importable from here). Names are fully qualified
(``numpy.random.seed``) after import aliases are resolved. Please add rows here rather than `if`
chains elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model.symbols import Symbol
from .randomness import GLOBAL_RNGS as GLOBAL_RNGS
from .randomness import HYPERPARAMETERS as HYPERPARAMETERS
from .randomness import IMPLICIT_NUMPY_DRAW_METHODS as IMPLICIT_NUMPY_DRAW_METHODS
from .randomness import IMPLICIT_NUMPY_DRAW_ANY_METHODS as IMPLICIT_NUMPY_DRAW_ANY_METHODS
from .randomness import IMPLICIT_NUMPY_DRAW_FUNCTIONS as IMPLICIT_NUMPY_DRAW_FUNCTIONS
from .randomness import IMPLICIT_NUMPY_DRAW_PREFIXES as IMPLICIT_NUMPY_DRAW_PREFIXES
from .randomness import RNG_CONSTRUCTORS as RNG_CONSTRUCTORS
from .randomness import SEED_CALLS as SEED_CALLS
from .randomness import GlobalRng as GlobalRng

#: Calls giving a one-shot iterator (qualified names): iterating it uses it up, so a statement
#: iterating it changes it (`analysis/python/iterators.py`). Generator expressions and notebook
#: functions that yield give one too. Please add rows here.
ITERATOR_MAKERS = frozenset(
    {"zip", "map", "filter", "enumerate", "reversed", "iter", "csv.reader", "csv.DictReader"}
    | {f"itertools.{name}" for name in (
        "accumulate", "batched", "chain", "chain.from_iterable", "combinations",
        "combinations_with_replacement", "compress", "count", "cycle", "dropwhile",
        "filterfalse", "groupby", "islice", "pairwise", "permutations", "product", "repeat",
        "starmap", "takewhile", "zip_longest")}
)
#: Calls that read an iterator without iterating it (its repr, its type).
NOT_ITERATING = frozenset(
    {"print", "display", "IPython.display.display", "repr", "str", "type", "id", "isinstance",
     "hash", "callable", "bool"}
)

#: Call prefixes that only draw figures.
PLOT_PREFIXES = ("matplotlib.", "seaborn.", "plotly.", "pandas.plotting.")
#: Plotting calls that never make a figure the notebook shows (they close, clear, save or lay out
#: what is open, and a figure they create is empty): a node of them alone returns no figures.
NO_FIGURE_CALLS = frozenset(
    {"matplotlib.pyplot.close", "matplotlib.pyplot.clf", "matplotlib.pyplot.cla",
     "matplotlib.pyplot.savefig", "matplotlib.pyplot.tight_layout", "matplotlib.pyplot.show",
     "matplotlib.pyplot.pause", "matplotlib.pyplot.ion", "matplotlib.pyplot.ioff",
     "matplotlib.pyplot.figure"}
)
#: Methods that draw when called on data (pandas .plot accessor and friends).
PLOT_METHODS = frozenset({"plot", "hist", "boxplot", "scatter_matrix", "imshow"})
#: Methods named like this draw (lifelines' plot_survival_function, statsmodels' plot_diagnostics).
PLOT_METHOD_PREFIXES = ("plot", "hist", "boxplot", "violinplot")
#: Functions and methods named like this draw (python-control's bode_plot, singular_values_plot).
PLOT_NAME_SUFFIXES = ("_plot",)
#: Drawing calls whose value is never a figure: seaborn's axes-level functions (an Axes), its
#: figure-level ones (a grid, shown when the cell ends), `despine` (None). A cell ending with one
#: shows no figure as its value (`planning/shows.py`). Please add rows.
NOT_FIGURE_VALUES = frozenset(
    {"histplot", "kdeplot", "ecdfplot", "rugplot", "scatterplot", "lineplot", "barplot",
     "countplot", "stripplot", "swarmplot", "pointplot", "boxenplot", "violinplot", "heatmap",
     "regplot", "residplot", "despine", "relplot", "catplot", "displot", "lmplot", "pairplot",
     "jointplot", "clustermap", "distplot"}
)
#: Calls that may return the figure they drew on though their names are no drawing names above:
#: statsmodels' `qqplot`, `mosaic`, pyplot's `figure`/`gcf`, a `Figure`. Please add rows.
FIGURE_MAKING_CALLS = frozenset({"qqplot", "qqplot_2samples", "mosaic", "figure", "gcf", "Figure"})
#: Keyword arguments that make any call draw when true: data calls that also draw, like
#: lifelines' `cph.check_assumptions(df, show_plots=True)`.
PLOT_KEYWORDS = frozenset(
    {"show_plots", "show_plot", "plot", "plots", "make_plots", "plot_results", "show_figures",
     "plot_diagnostics", "display_plot"}
)
#: Methods that, asked to draw (a `PLOT_KEYWORDS` keyword), change neither their receiver nor
#: their arguments (`analysis/python/unread_drawing.py`), with the global generator they may draw
#: from ("" for none): lifelines' `check_assumptions` bootstraps its loess curves with
#: `np.random.choice` when `show_plots=True`. Please add rows, with the library named.
READ_ONLY_DRAWING_METHODS: dict[str, str] = {
    "check_assumptions": "numpy",  # lifelines fitters (CoxPHFitter, CoxTimeVaryingFitter...)
}
#: Builtins that may appear in a plotting statement without making it data work.
HARMLESS_CALLS = frozenset(
    {"range", "len", "zip", "enumerate", "list", "tuple", "dict", "set", "str", "int", "float",
     "round", "min", "max", "sum", "abs", "sorted", "reversed", "print", "format", "map", "repr",
     "IPython.display.display", "display"}
)

#: Methods whose call on a variable, as a whole statement, only displays a value.
DISPLAY_METHODS = frozenset(
    {"head", "tail", "describe", "info", "value_counts", "nunique", "unique", "isnull", "isna",
     "notnull", "notna", "sum", "mean", "median", "std", "var", "min", "max", "count", "corr",
     "cov", "memory_usage", "get_params", "to_string", "to_markdown", "keys", "values", "items",
     "any", "all", "duplicated", "round", "dtypes", "agg", "groupby", "sort_values", "sort_index",
     "query", "filter", "select_dtypes", "astype", "equals", "score", "predict", "predict_proba",
     "transform", "summary", "print_summary", "mode", "quantile", "idxmax", "idxmin", "argmax",
     "argmin", "tolist", "to_list", "to_dict", "to_numpy", "nlargest", "nsmallest", "pivot_table", "crosstab", "reshape", "ravel", "flatten",
     "copy", "T", "to_frame", "reset_index", "set_index", "drop", "rename", "loc", "iloc", "cumsum",
     "cumprod", "diff", "pct_change", "shift", "rolling", "mean_squared_error", "__repr__", "dot", "to_period"}
)
#: Method names (prefixes) that send their receiver out — write, show, log — without changing
#: it: a whole-statement call of one is no change of the receiver (`df.to_csv(f"{k}.csv")`,
#: `fig.savefig(p)`, `results.summary()`). Any other method of an object the notebook made,
#: called as a whole statement, is a change of it (see `calls.EffectsCollector.discarded_call`).
OUTWARD_METHOD_PREFIXES = (
    "to_", "save", "write", "dump", "export", "print", "show", "display", "plot", "draw",
    "render", "log", "summary", "describe", "info", "head", "tail", "close",
)
#: Methods that give a new value and leave their receiver as it was (pandas, numpy, str, dict;
#: with `inplace=True` a pandas one changes it, which `calls.mutation` sees): a whole-statement
#: call of one computes and throws away, no change of the receiver.
RETURNING_METHODS = frozenset(
    {"assign", "tz_localize", "tz_convert", "fillna", "dropna", "drop_duplicates", "pivot",
     "melt", "merge", "join", "stack", "unstack", "explode", "sample", "resample", "asfreq",
     "interpolate", "reindex", "isin", "between", "where", "mask", "clip", "pipe", "aggregate",
     "apply", "applymap", "map", "replace", "combine_first", "add_prefix", "add_suffix",
     "squeeze", "transpose", "swaplevel", "droplevel", "get", "format", "strip", "lower",
     "upper", "split", "startswith", "endswith", "abs", "all", "any", "sum", "nunique"}
)
#: Display methods that print what they show rather than return it (`df.info()`): inside a node
#: their call is output, never a value thrown away (`rendering/dead_values.py`).
PRINTING_METHODS = frozenset({"info", "print_summary"})
#: Methods that print in some library (keras' `model.summary()` prints, statsmodels' returns) and
#: keywords asking a call to print its progress (`fit(..., verbose=1)`, scipy's `disp=True`): a
#: reporting node's statement calling one has its printed text captured for the report
#: (`planning/printed.py`).
MAY_PRINT_METHODS = PRINTING_METHODS | frozenset({"summary"})
PRINTING_KEYWORDS = frozenset({"verbose", "disp"})
#: Methods whose whole-statement call leaves its receiver as it was (derived from the three
#: tables above it: showing, returning a new value, drawing without changing).
UNCHANGING_METHODS = DISPLAY_METHODS | RETURNING_METHODS | frozenset(READ_ONLY_DRAWING_METHODS)
#: Functions whose call as a whole statement only displays.
DISPLAY_FUNCTIONS = frozenset({"display", "IPython.display.display", "IPython.display.HTML",
                               "IPython.display.Markdown", "IPython.display.Image"})

#: Calls whose string argument is code evaluated in the *caller's* namespace: the names it reads
#: are reads of the calling code. Key: a qualified name, "prefix.*" (every function of a module)
#: or ".method" (any receiver). Value: (argument position, keyword, how names are spelled):
#: "at" — only `@name` is a variable (pandas `query`/`eval`: bare names are columns); "formula"
#: — any name the notebook binds (patsy and formulaic look names up in the data, then in the
#: caller's frame: `y ~ np.log(x) + double_it(z)`); "names" — any name (`pandas.eval`).
#: Please add rows here.
CALLER_NAMESPACE_STRINGS = {
    ".query": (0, "expr", "at"),
    ".eval": (0, "expr", "at"),
    "pandas.eval": (0, "expr", "names"),
    "statsmodels.formula.api.*": (0, "formula", "formula"),
    ".from_formula": (0, "formula", "formula"),
    "patsy.dmatrices": (0, "formula_like", "formula"),
    "patsy.dmatrix": (0, "formula_like", "formula"),
    "formulaic.model_matrix": (0, "spec", "formula"),
    "formulaic.Formula": (0, "", "formula"),
    # plotnine evaluates mapping expressions in the namespace the plot was made in
    "plotnine.after_stat": (0, "x", "formula"),
    "plotnine.after_scale": (0, "x", "formula"),
    "plotnine.aes": (0, "x", "formula"),
    # Python's own: the code string runs in the calling namespace
    "eval": (0, "", "names"),
    "exec": (0, "", "names"),
}

#: Names whose reading sees the plotting settings ("plot" below): a node reading one replays
#: them, as a node that draws does (`size = plt.rcParams["figure.figsize"]` in a data node).
PLOT_SETTINGS_READ = ("rcParams",)

#: Process-wide settings: re-applied in the nodes that follow them. Value: which nodes
#: ("plot": nodes that draw; "all": every node; "notebook": none, the setting only changes how
#: the notebook shows figures). Settings are never drawings: a node of them alone draws nothing.
SETTINGS = {
    "pandas.set_option": "all",
    "pandas.reset_option": "all",
    "pandas.options": "all",
    "numpy.set_printoptions": "all",
    "numpy.seterr": "all",
    "warnings.filterwarnings": "all",
    "warnings.simplefilter": "all",
    "sklearn.set_config": "all",
    "os.environ": "all",
    "matplotlib.rcParams": "plot",
    "matplotlib.rc": "plot",
    "matplotlib.use": "plot",
    "matplotlib.pyplot.rc": "plot",
    "matplotlib.pyplot.rcParams": "plot",
    "matplotlib.pyplot.style.use": "plot",
    "matplotlib.style.use": "plot",
    "matplotlib.pyplot.rcdefaults": "plot",
    "matplotlib.pyplot.ion": "plot",
    "matplotlib.pyplot.ioff": "plot",
    "seaborn.set": "plot",
    "seaborn.set_theme": "plot",
    "seaborn.set_style": "plot",
    "seaborn.set_context": "plot",
    "seaborn.set_palette": "plot",
    "seaborn.set_color_codes": "plot",
    "plotly.io.templates": "plot",
    "matplotlib.rcdefaults": "plot",
    "matplotlib.rc_file": "plot",
    "matplotlib.rc_file_defaults": "plot",
    "matplotlib.pyplot.rc_file": "plot",
    "matplotlib.pyplot.rc_file_defaults": "plot",
    "matplotlib.pyplot.xkcd": "plot",
    "seaborn.mpl.rc": "plot",
    "seaborn.mpl.rcParams": "plot",
    "seaborn.mpl.style.use": "plot",
    "matplotlib.font_manager.fontManager.addfont": "plot",
    "seaborn.reset_defaults": "plot",
    "seaborn.reset_orig": "plot",
    "pandas.plotting.register_matplotlib_converters": "plot",
    "pandas.plotting.deregister_matplotlib_converters": "plot",
    # how the notebook front end shows figures: nothing to replay in a pipeline ("notebook")
    "IPython.display.set_matplotlib_formats": "notebook",
    "IPython.core.display.set_matplotlib_formats": "notebook",
    "matplotlib_inline.backend_inline.set_matplotlib_formats": "notebook",
    "matplotlib_inline.backend_inline.set_matplotlib_close": "notebook",
    "os.chdir": "chdir",
    # local modules are copied into the package, so their folder need not be on sys.path
    "sys.path.append": "syspath",
    "sys.path.insert": "syspath",
}

#: Constant names that look secret: they go to conf/local/credentials.yml, never parameters.
SECRET_WORDS = ("password", "passwd", "secret", "token", "api_key", "apikey", "access_key",
                "private_key", "credential")

#: Calls that create directories: no file access of their own (the catalog creates the folders
#: of the files it knows), but kept in their node, like every change of the file system.
MKDIR_CALLS = frozenset({"os.makedirs", "os.mkdir", "pathlib.Path.mkdir"})

#: Calls that change the file system. A statement calling (or passing, `map(os.remove, old)`)
#: one is an effect, never display-only: it stays in its node. "prefix.*" is every function of a
#: module. Please add rows here.
FILESYSTEM_CALLS = frozenset(
    {"os.makedirs", "os.mkdir", "os.remove", "os.unlink", "os.rmdir", "os.removedirs",
     "os.rename", "os.renames", "os.replace", "os.symlink", "os.link", "os.chmod", "os.chown",
     "os.utime", "os.truncate", "os.mkfifo", "shutil.*", "tempfile.*",
     "pathlib.Path.mkdir", "pathlib.Path.unlink", "pathlib.Path.rmdir", "pathlib.Path.touch"}
)
#: Path methods that change the file system, whatever the receiver (no data library has them).
FILESYSTEM_METHODS = frozenset(
    {"mkdir", "unlink", "rmdir", "touch", "symlink_to", "hardlink_to", "write_text",
     "write_bytes", "chmod", "lchmod"}
)
#: Helpers of the generated project's datasets.py that the rewrites of per-item writes in loops
#: call (`analysis/python/partitions.py`): nodes import them from there.
PARTITION_HELPERS = ("partition_done", "read_partition", "write_partition")
#: Path methods that change the file system when called on a `Path(...)` (pandas frames have
#: `rename`/`replace` too: on a name they stay display methods).
FILESYSTEM_PATH_METHODS = frozenset({"rename", "replace"})

#: Names that are never dataset edges: the throwaway `_` (`fig, _ = plt.subplots()`,
#: `for _ in range(3)`) and IPython's output and input history (`__`, `___`, `_7`, `_i`, `_ii`,
#: `_iii`, `_i7`, `_oh`, `_ih`, `_dh`). A value bound to one stays in its node; read without a
#: binding, it is IPython's history, which a pipeline does not have (flow warns). Add rows here.
IPYTHON_HISTORY = re.compile(r"_{1,3}|_\d+|_i{1,3}|_i\d+|_oh|_ih|_dh")


def throwaway(names: Iterable[Symbol]) -> set[str]:
    return {n for n in names if isinstance(n, str) and IPYTHON_HISTORY.fullmatch(n)}

#: Calls that always give None. A name bound to one (`x = print(...)`, `res = random.shuffle(xs)`)
#: holds None, which Kedro refuses to save: it never crosses nodes. Calls with `inplace=True` and
#: notebook functions that return nothing give None too. Please add rows here.
NONE_FUNCTIONS = frozenset({
    "print", "display", "IPython.display.display", "pprint.pprint", "exec", "setattr", "delattr",
    "random.seed", "random.shuffle", "numpy.random.seed", "numpy.random.shuffle", "time.sleep",
    "os.makedirs", "os.mkdir", "os.remove", "os.chdir", "matplotlib.pyplot.show",
    "warnings.filterwarnings",
})
#: Methods that give None whatever object they are called on (lists, sets, arrays, frames: none
#: of these returns a value). `append`/`update`/`add` are not here: pandas' and plotly's do.
NONE_METHODS = frozenset({"sort", "reverse", "extend", "insert", "clear", "shuffle"})

#: Values Jupyter shows as a figure when they end a cell or are displayed, though nothing is drawn
#: until then (their display draws them): callables making such values (qualified name, or its
#: prefix ending in ".") → the method that draws one into a matplotlib figure. A value built from
#: one with an operator (`ggplot(df) + geom_point()`, `p1 | p2`) is one too. Please add rows here.
FIGURE_VALUES = {
    "plotnine.ggplot": "draw",
    "plotnine.qplot": "draw",
    "plotnine.composition.": "draw",
}

#: Names whose value in a notebook's `__main__` differs from the one an imported module sees
#: (`__builtins__` is the builtins module in `__main__`, its dict elsewhere): code moved into a
#: module reads the module instead, imported under a name user code hardly binds:
#: name → (import statement, the name it binds).
MAIN_NAMESPACE_NAMES = {"__builtins__": ("import builtins as _builtins", "_builtins")}
