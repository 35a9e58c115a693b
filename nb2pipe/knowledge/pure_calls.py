"""Knowledge as data: library functions that only compute a new value from their arguments. They
change no argument, draw no random number, touch no file and set nothing process-wide, so a bare
expression calling them (`np.mean(y == labels)`, `pd.pivot_table(df, index="a")`,
`pg.corr(x, y)`) only shows its value: it leaves the data node for the report. One row per
module: the functions of that module (qualified after import aliases are resolved), or "*" when
every function of the module is pure. A call given `out=` writes into an array: never pure.
Please add rows here.
"""

from __future__ import annotations

from collections.abc import Iterable

#: Module → the names of its pure functions ("*": all of them).
PURE_FUNCTIONS: dict[str, frozenset[str]] = {
    "numpy": frozenset(
        {
            # reductions and statistics
            "mean", "average", "median", "std", "var", "sum", "prod", "min", "max", "amin",
            "amax", "ptp", "percentile", "quantile", "nanmean", "nanmedian", "nanstd", "nanvar",
            "nansum", "nanmin", "nanmax", "nanpercentile", "nanquantile", "all", "any", "allclose",
            "isclose", "array_equal", "array_equiv", "corrcoef", "cov", "histogram", "bincount",
            "count_nonzero", "argmax", "argmin", "argsort", "argwhere", "nonzero", "flatnonzero",
            "cumsum", "cumprod", "diff", "trace",
            # new arrays
            "array", "asarray", "arange", "linspace", "logspace", "zeros", "ones", "full", "eye",
            "identity", "zeros_like", "ones_like", "full_like", "diag", "tri", "tril", "triu",
            "meshgrid", "ix_", "indices", "copy",
            # shapes and joins (views or copies; the argument is not changed)
            "reshape", "ravel", "transpose", "squeeze", "expand_dims", "swapaxes", "moveaxis",
            "concatenate", "stack", "vstack", "hstack", "dstack", "column_stack", "split",
            "array_split", "tile", "repeat", "flip", "fliplr", "flipud", "roll", "rot90",
            "broadcast_to", "atleast_1d", "atleast_2d", "shape", "ndim", "size", "unique", "sort",
            "where", "select", "clip", "digitize", "searchsorted", "interp", "polyfit", "polyval",
            # arithmetic (ufuncs: with `out=` they write, see the module note)
            "dot", "vdot", "matmul", "inner", "outer", "cross", "kron", "tensordot", "einsum",
            "add", "subtract", "multiply", "divide", "true_divide", "floor_divide", "power", "mod",
            "abs", "absolute", "sign", "sqrt", "square", "exp", "log", "log2", "log10", "log1p",
            "sin", "cos", "tan", "arcsin", "arccos", "arctan", "arctan2", "sinh", "cosh", "tanh",
            "round", "around", "rint", "floor", "ceil", "trunc", "maximum", "minimum", "fmax",
            "fmin", "equal", "not_equal", "greater", "greater_equal", "less", "less_equal",
            "logical_and", "logical_or", "logical_not", "logical_xor", "isnan", "isinf", "isfinite",
        }
    ),
    "numpy.linalg": frozenset({"*"}),
    "pandas": frozenset(
        {
            "pivot_table", "crosstab", "concat", "merge", "merge_asof", "merge_ordered", "melt",
            "wide_to_long", "get_dummies", "from_dummies", "cut", "qcut", "factorize", "unique",
            "value_counts", "isna", "isnull", "notna", "notnull", "to_datetime", "to_numeric",
            "to_timedelta", "date_range", "bdate_range", "period_range", "timedelta_range",
            "interval_range", "DataFrame", "Series", "Index", "MultiIndex", "Categorical",
            "Timestamp", "Timedelta", "Period", "Interval",
        }
    ),
    # statistics on data given (no state, no files, no global random numbers)
    "pingouin": frozenset(
        {
            "corr", "pairwise_corr", "partial_corr", "rm_corr", "distance_corr", "normality",
            "homoscedasticity", "sphericity", "anova", "rm_anova", "mixed_anova", "welch_anova",
            "ancova", "ttest", "mwu", "wilcoxon", "kruskal", "friedman", "cochran",
            "pairwise_tests", "pairwise_ttests", "pairwise_tukey", "pairwise_gameshowell",
            "chi2_independence", "linear_regression", "logistic_regression", "compute_effsize",
            "intraclass_corr", "cronbach_alpha", "power_ttest", "power_anova", "power_corr",
            "bayesfactor_pearson", "bayesfactor_ttest", "madmedianrule",
        }
    ),
}

#: Module → the methods importing it adds to pandas objects, computing like its functions
#: (`import pingouin` registers `df.pcorr()`, `df.partial_corr(...)` on DataFrame): a bare
#: expression ending in one, in a notebook importing the module, only shows its value.
#: Please add rows here.
REGISTERED_METHODS: dict[str, frozenset[str]] = {
    "pingouin": frozenset(
        {
            "anova", "ancova", "welch_anova", "rm_anova", "mixed_anova", "partial_corr", "pcorr",
            "rcorr", "pairwise_corr", "pairwise_tests", "pairwise_ttests", "pairwise_tukey",
            "pairwise_gameshowell", "ptests",
        }
    ),
}


def is_registered_method(method: str, imported: Iterable[str]) -> bool:
    """``df.pcorr()`` where ``imported`` (the qualified names of the notebook's imports) holds
    ``pingouin``: a method of `REGISTERED_METHODS`."""
    modules = {name.split(".")[0] for name in imported}
    return any(method in REGISTERED_METHODS.get(module, ()) for module in modules)


#: A keyword argument that makes a call write into a given object (`np.add(a, b, out=a)`).
WRITING_KEYWORDS = frozenset({"out"})


def is_pure(qualified: str) -> bool:
    """``numpy.linalg.pinv`` → True: a function of a row above."""
    module, _, name = qualified.rpartition(".")
    names = PURE_FUNCTIONS.get(module, frozenset())
    return name in names or ("*" in names and bool(name))
