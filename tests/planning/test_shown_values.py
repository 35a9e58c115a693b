"""A drawing call's value ending a cell is also shown as a figure when it is one
(`shows.called_value_shown`): before/after pairs, and code that must not change."""

from __future__ import annotations

import pytest

from nb2pipe.planning.shows import called_value_shown

CHANGED = [
    ("plot_acf(x, ax=ax, lags=4)", "figures.extend(show_figure(plot_acf(x, ax=ax, lags=4)))"),
    ("seasonal_decompose(s, period=7).plot()",
     "figures.extend(show_figure(seasonal_decompose(s, period=7).plot()))"),
    (
        "plot_pacf(\n    x,\n    lags=4,\n)",
        "figures.extend(show_figure(plot_pacf(\n    x,\n    lags=4,\n)))",
    ),
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
]


@pytest.mark.parametrize(("code", "expected"), CHANGED)
def test_a_call_ending_the_cell_is_shown_if_a_figure(code: str, expected: str) -> None:
    assert called_value_shown(code, "figures") == expected


@pytest.mark.parametrize("code", UNCHANGED)
def test_other_statements_are_left_alone(code: str) -> None:
    assert called_value_shown(code, "figures", {"ax", "fig"}, frozenset({"plt"})) == ""
