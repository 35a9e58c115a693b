"""Which statements of a reporting node may print (their text is captured for the report)."""

from __future__ import annotations

import pytest

from nb2pipe.planning.printed import captured, may_print, printing_functions

DEFINITIONS = [
    "def note(df):\n    print(len(df))",
    "def draw(df):\n    note(df)\n    plt.plot(df['x'])",
    "def quiet(df):\n    plt.plot(df['x'])",
]


@pytest.mark.parametrize(("code", "expected"), [
    ("print(model)", True),
    ("log_print('a', 1)", True),
    ("df.info()", True),
    ("model.summary()", True),
    ("train(X, y, verbose=1)", True),
    ("train(X, y, verbose=0)", False),
    ("draw(df)", True),  # calls a notebook function calling one that prints
    ("quiet(df)", False),
    ("plt.plot(df['x'])\nax.set_title('x')", False),
    ("for c in cols:\n    plt.plot(df[c])\n    print(c)", True),
])
def test_may_print(code: str, expected: bool) -> None:
    assert may_print(code, printing_functions(DEFINITIONS), frozenset({"plt", "ax"})) is expected


def test_printing_functions_are_found_through_calls() -> None:
    assert printing_functions(DEFINITIONS) == {"note", "draw"}


def test_captured_runs_the_code_inside_the_capture() -> None:
    assert captured("draw(df)\n", "shown") == "with show_printed(shown):\n    draw(df)"


@pytest.mark.parametrize(("code", "expected"), [
    ("cph.check_assumptions(rossi, show_plots=True)", True),  # lifelines prints its advice
    ("df.plot(x='a')", False),
    ("df.plot.scatter(x='a', y='b')", False),
    ("cph.plot_partial_effects_on_outcome('age', [20, 40])", False),
    ("ax.set_title(df['a'].max())", False),  # a method of the node's axes
    ("plt.gca().set_title('x')", False),  # of a module
    ("xs.sort()", False),
])
def test_methods_of_values_may_print(code: str, expected: bool) -> None:
    assert may_print(code, frozenset(), frozenset({"plt", "ax"})) is expected


@pytest.mark.parametrize("code", [
    "for i in range(4):\n    ax = fig.add_subplot(2, 2, i + 1)\n    ax.imshow(images[i])",
    "for ax in axes.flat:\n    ax.label_outer()",
    "model.predict(X).plot(figsize=(10, 5))",
])
def test_drawing_through_axes_and_drawn_values_prints_nothing(code: str) -> None:
    assert not may_print(code, frozenset(), frozenset({"plt", "fig", "axes"}))


@pytest.mark.parametrize("code", [
    "for i in range(2):\n    ax = axes[i, 0]\n    ax.grid()",
    "model.predict(X, times=ts).diff().plot(ax=ax2)",
])
def test_axes_taken_from_an_array_and_chains_drawn_print_nothing(code: str) -> None:
    assert not may_print(code, frozenset(), frozenset({"plt", "axes", "ax2"}))
