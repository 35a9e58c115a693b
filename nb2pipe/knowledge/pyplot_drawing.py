"""Knowledge as data: functions of other libraries that draw into pyplot's current figure.

A call of one of these makes a figure as a side effect (pyplot opens one when none is open, and
the notebook shows it at the end of the cell), like a call of pyplot itself: it is drawing, and
its node returns the figure. Kept by module, so a bare name a star import brings
(`from control.matlab import *` then `bode(sys)`) resolves to the module it comes from.
"""

from __future__ import annotations

#: pyplot's own drawing and figure-state functions, for bare names a star import of pyplot or
#: pylab brings (a qualified `plt.x` is drawing by its `matplotlib.` prefix already). `step` is
#: left out: python-control's `matlab` module exports a `step` that computes a response.
_PYPLOT = (
    "plot", "scatter", "bar", "barh", "hist", "hist2d", "boxplot", "violinplot", "pie",
    "imshow", "matshow", "contour", "contourf", "pcolor", "pcolormesh", "quiver", "streamplot",
    "loglog", "semilogx", "semilogy", "errorbar", "fill", "fill_between", "stackplot", "stem",
    "polar", "spy", "title", "suptitle", "xlabel", "ylabel", "legend", "grid", "axis", "xlim",
    "ylim", "xticks", "yticks", "text", "annotate", "axhline", "axvline", "colorbar", "subplot",
    "subplots", "figure", "show", "savefig", "close", "clf", "tight_layout",
)
#: python-control's response plots (each draws unless given `plot=False`).
_CONTROL = ("bode", "nyquist", "nichols", "gangof4", "rlocus", "root_locus", "pzmap",
            "sisotool", "phase_plot", "bode_plot", "nyquist_plot", "nichols_plot",
            "gangof4_plot", "pole_zero_plot", "root_locus_plot", "singular_values_plot")

#: module → names of its functions that draw into pyplot's current figure; a name ending in
#: "*" is a prefix (networkx's `draw`, `draw_networkx`, `draw_spring`, ...). Please add rows.
PYPLOT_DRAWING: dict[str, tuple[str, ...]] = {
    "matplotlib.pyplot": _PYPLOT,
    "pylab": _PYPLOT,
    "matplotlib.pylab": _PYPLOT,
    "networkx": ("draw*",),
    "networkx.drawing": ("draw*",),
    "networkx.drawing.nx_pylab": ("draw*",),
    "control": _CONTROL,
    "control.matlab": _CONTROL,
    "control.freqplot": _CONTROL,
    "control.rlocus": _CONTROL,
    "control.pzmap": _CONTROL,
    "sympy": ("plot*",),
    "sympy.plotting": ("plot*",),
    # scikit-learn's visualization API: a Display's `from_estimator` / `from_predictions` /
    # `from_cv_results` computes and draws (`.plot()` is a plotting method already)
    **{f"sklearn.{module}.{display}Display": ("from_*",) for module, displays in {
        "metrics": (
            "ConfusionMatrix", "RocCurve", "PrecisionRecall", "DetCurve", "PredictionError",
        ),
        "inspection": ("DecisionBoundary", "PartialDependence"),
        "calibration": ("Calibration",),
        "model_selection": ("LearningCurve", "ValidationCurve"),
    }.items() for display in displays},
}


def draws_into_pyplot(module: str, name: str) -> bool:
    """Whether ``module.name`` is a function drawing into pyplot's current figure."""
    return any(name.startswith(entry[:-1]) if entry.endswith("*") else name == entry
               for entry in PYPLOT_DRAWING.get(module, ()))


def drawing_call(qualname: str) -> bool:
    """Whether the fully qualified call ``qualname`` draws into pyplot's current figure."""
    module, _, name = qualname.rpartition(".")
    return bool(module) and draws_into_pyplot(module, name)
