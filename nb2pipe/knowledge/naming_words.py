"""Knowledge as data: the words names are made of (planning/what_names.py).

A rebuilt value is named by what rebuilt it: the method or function called, as the participle a
reader expects (`df.dropna()` → `df_without_na`, `pd.get_dummies(df)` → `df_encoded`); a call not
listed here gives its own name (`df.explode()` → `df_explode`). Please add rows.
"""

from __future__ import annotations

#: callee (last name of the function or method) → words for the value it returns (or changes).
CALL_WORDS: dict[str, str] = {
    "dropna": "without_na",
    "drop_duplicates": "deduplicated",
    "fillna": "filled",
    "interpolate": "interpolated",
    "replace": "replaced",
    "get_dummies": "encoded",
    "fit_transform": "transformed",
    "transform": "transformed",
    "inverse_transform": "inverse_transformed",
    "merge": "merged",
    "join": "joined",
    "concat": "concatenated",
    "append": "appended",
    "sort_values": "sorted",
    "sort_index": "sorted",
    "sort": "sorted",
    "groupby": "grouped",
    "pivot": "pivoted",
    "pivot_table": "pivoted",
    "melt": "melted",
    "stack": "stacked",
    "unstack": "unstacked",
    "rename": "renamed",
    "astype": "converted",
    "to_datetime": "as_datetime",
    "to_numeric": "as_numeric",
    "query": "filtered",
    "sample": "sampled",
    "resample": "resampled",
    "reindex": "reindexed",
    "set_index": "indexed",
    "agg": "aggregated",
    "aggregate": "aggregated",
    "apply": "applied",
    "map": "mapped",
    "assign": "assigned",
    "clip": "clipped",
    "round": "rounded",
    "reshape": "reshaped",
    "transpose": "transposed",
    "flatten": "flattened",
    "ravel": "flattened",
    "squeeze": "squeezed",
    "normalize": "normalized",
    "scale": "scaled",
    "fit": "fitted",
    "predict": "predicted",
    "cumsum": "cumulative",
    "diff": "differenced",
    "shift": "shifted",
    "rolling": "rolling",
    "head": "head",
    "tail": "tail",
    "filter": "filtered",
    "select_dtypes": "selected",
}

#: Methods that only copy or re-wrap: the name comes from the next call of the chain
#: (`df.dropna().copy()` → `df_without_na`).
NEUTRAL_CALLS = frozenset({"copy", "to_frame", "values", "to_numpy", "reset_index"})

#: drawing callee → the kind of figure (`df.price.hist()` → `plot_price_histogram`).
DRAWING_WORDS: dict[str, str] = {
    "hist": "histogram",
    "histplot": "histogram",
    "distplot": "histogram",
    "displot": "histogram",
    "hist2d": "histogram",
    "kdeplot": "density",
    "scatter": "scatter",
    "scatterplot": "scatter",
    "scatter_matrix": "scatter_matrix",
    "pairplot": "pairs",
    "boxplot": "boxplot",
    "violinplot": "violins",
    "bar": "bars",
    "barh": "bars",
    "barplot": "bars",
    "countplot": "counts",
    "heatmap": "heatmap",
    "imshow": "image",
    "matshow": "matrix",
    "pie": "pie",
    "lineplot": "lines",
    "plot": "plot",
    "errorbar": "errorbars",
    "contour": "contour",
    "contourf": "contour",
    "regplot": "regression",
    "lmplot": "regression",
}

#: Words of a heading that say nothing of a value when the heading names a version of it
#: (`X` made under "The Normal Equation" → `X_normal_equation`).
FILLER_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with",
                          "by", "from", "at", "as", "is", "are", "using", "how", "what", "why",
                          "let", "s", "we", "our", "your", "this", "that", "it", "its"})
