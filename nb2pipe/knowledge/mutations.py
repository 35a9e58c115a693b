"""Knowledge as data: what calls change in place (their receiver, an argument) and which
objects hold the objects they are given, not copies. Names are fully qualified
(``random.shuffle``) after import aliases are resolved. Please add rows here rather than `if`
chains elsewhere.
"""

from __future__ import annotations

#: Methods that change their receiver in place (receiver's root variable gets a new version).
MUTATING_METHODS = frozenset(
    {
        # list / dict / set
        "append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse",
        "update", "add", "discard", "setdefault", "popitem", "difference_update",
        "intersection_update", "symmetric_difference_update",
        # estimators (scikit-learn and friends), keras, torch
        "fit", "partial_fit", "fit_transform", "fit_predict", "fit_resample", "set_params",
        "compile", "train", "load_state_dict", "zero_grad", "step", "backward",
        "requires_grad_", "to_", "cuda_",
        # numpy arrays
        "fill", "resize", "itemset", "setflags", "put", "partition", "byteswap",
        # pandas in-place methods
        "__setitem__", "set_flags",
        # random generators (objects)
        "shuffle", "seed",
    }
)

#: Methods that store their arguments into the receiver (a container then holds them).
STORING_METHODS = frozenset({"append", "extend", "insert", "add", "update", "setdefault", "appendleft"})
#: Functions (besides classes: any callable named in CamelCase) whose result holds the objects
#: passed to them, not copies: a change of the result changes them (`make_pipeline(scaler, m)`).
CONTAINER_FACTORIES = frozenset(
    {"sklearn.pipeline.make_pipeline", "sklearn.pipeline.make_union", "collections.deque", "collections.OrderedDict",
     "collections.defaultdict", "types.SimpleNamespace", "functools.partial"}
)

#: Classes whose instances copy the data they are made from (or share it copy-on-write): a change
#: of the instance does not change the argument (`pd.DataFrame(X)`).
#: scikit-learn's meta-estimators clone the estimators they are given (Pipeline and FeatureUnion
#: do not: they fit them in place). sympy's expressions never change once made (`Eq(dfdt, ...)`
#: holds `dfdt`, but no call can change either).
COPYING_CONSTRUCTORS = ("pandas.", "numpy.", "polars.", "torch.", "scipy.sparse.", "xarray.",
                        "sklearn.model_selection.", "sklearn.ensemble.", "sklearn.multiclass.",
                        "sklearn.multioutput.", "sklearn.feature_selection.", "sklearn.compose.",
                        "sklearn.calibration.", "sympy.")

#: Functions that change an argument in place: qualified name → argument position.
INPLACE_FUNCTIONS = {
    "random.shuffle": 0,
    "numpy.random.shuffle": 0,
    "numpy.copyto": 0,
    "numpy.fill_diagonal": 0,
    "numpy.put": 0,
    "numpy.place": 0,
    "numpy.putmask": 0,
    "numpy.random.Generator.shuffle": 0,
    "next": 0,  # advances an iterator: what a later cell iterates starts after it
}
