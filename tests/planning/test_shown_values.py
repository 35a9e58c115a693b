"""A drawing call's value ending a cell is also shown as a figure when it is one
(`shows.called_value_shown`): before/after pairs, and code that must not change."""

from __future__ import annotations

import pytest

from nb2pipe.planning.shows import called_value_shown, returning_nothing

CHANGED = [
    ("plot_acf(x, ax=ax, lags=4)", "figures.extend(show_figure(plot_acf(x, ax=ax, lags=4)))"),
    ("seasonal_decompose(s, period=7).plot()",
     "figures.extend(show_figure(seasonal_decompose(s, period=7).plot()))"),
    (
        "plot_pacf(\n    x,\n    lags=4,\n)",
        "figures.extend(show_figure(plot_pacf(\n    x,\n    lags=4,\n)))",
    ),
    ("sm.qqplot(x, line='s')", "figures.extend(show_figure(sm.qqplot(x, line='s')))"),
    ("plot_cv(cv, X)", "figures.extend(show_figure(plot_cv(cv, X)))"),  # it may return its figure
]
UNCHANGED = [
    "plot_acf(x, lags=4);",  # quiet: IPython shows nothing
    "plot_acf(x, lags=4);  # quiet",
    "display(fig)",  # a display of its own (`shows.displayed_figures`)
    "fig",  # a name: a display chunk, not a drawing one
    "ax = plot_acf(x).axes[0]",
    "for c in cols:\n    plt.plot(c)",
    "ax.set_title('t')",  # a method of the node's axes: an artist
    "plt.title('t')",  # a pyplot function: an artist
    # no figure by the tables of drawing calls: left a plain statement
    "sns.histplot(df['a'])",  # seaborn's axes-level functions return the Axes
    "sns.despine()",  # None
    "sns.pairplot(df)",  # a grid, drawn when the cell ends
    "df.plot.scatter(x='a', y='b')",  # pandas' accessor: the Axes
    "FuncAnimation(fig, update, frames=3)",  # a class: an object of its own
    "cph.check_assumptions(df, show_plots=True)",  # draws when asked, returns no figure
    "model.fit(X, y)",  # no drawing call at all
    "plot_steps(cv, X)",  # a notebook function returning nothing (below)
]


@pytest.mark.parametrize(("code", "expected"), CHANGED)
def test_a_call_ending_the_cell_is_shown_if_a_figure(code: str, expected: str) -> None:
    assert called_value_shown(code, "figures") == expected


@pytest.mark.parametrize("code", UNCHANGED)
def test_other_statements_are_left_alone(code: str) -> None:
    assert called_value_shown(code, "figures", {"ax", "fig"}, frozenset({"plt"}),
                              returning_nothing(["def plot_steps(cv, X):\n    plt.plot(X)"])) == ""


def test_a_notebook_function_returns_nothing_unless_it_returns_a_value() -> None:
    codes = ["def a():\n    plt.plot([1])", "def b():\n    return plt.gcf()",
             "def c():\n    if x:\n        return\n    plt.plot([1])", "x = 1"]
    assert returning_nothing(codes) == {"a", "c"}
