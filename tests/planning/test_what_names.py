"""Spec tables for names from what a statement does (planning/what_names.py): a rebuilt value is
named by what rebuilt it, a node that makes no variable by what it writes or draws; counters only
when nothing says (or the name is taken)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_plan_rules import plan_of, steps

from nb2pipe.planning.what_names import (
    COUNTER,
    action_name,
    by_what_it_makes,
    drawing_words,
    heading_words,
    version_words,
)

# (statement, variable) → words for the value it holds after the statement
VERSIONS = [
    ("df = df.dropna()", "df", "without_na"),
    ("df = df.dropna().reset_index(drop=True)", "df", "without_na"),  # a copy says nothing
    ("df = df.reset_index()", "df", "reset_index"),  # ...unless it is all there is
    ("df = pd.get_dummies(df, columns=['a'])", "df", "encoded"),
    ("X = scaler.fit_transform(X)", "X", "transformed"),
    ("df = np.log1p(df)", "df", "log1p"),  # an unlisted call: its own name
    ("df = df[df['price'] > 0]", "df", "filtered"),
    ("df = df.loc[df.a > 0, ['a']]", "df", "filtered"),
    ("df = df[['a', 'b']]", "df", "selected"),
    ("df = df[10:]", "df", "sliced"),
    ("df['Total Price'] = df.a * df.b", "df", "with_total_price"),
    ("df.total = 1", "df", "with_total"),
    ("del df['id']", "df", "without_id"),
    ("df.fillna(0, inplace=True)", "df", "filled"),
    ("xs.append(3)", "xs", "appended"),
    ("model.fit(X, y)", "model", "fitted"),
    ("a = 1\ndf = df.dropna()", "df", "without_na"),  # the statement that binds it
    # nothing says: the heading of the step making it names the version (below)
    ("df += 1", "df", ""),
    ("for df in frames:\n    pass", "df", ""),
    ("df = other", "df", ""),
    ("df.loc[df.a > 0, 'b'] = 1", "df", ""),
    ("df = df[", "df", ""),  # not Python
]


@pytest.mark.parametrize(("code", "symbol", "words"), VERSIONS)
def test_a_version_is_named_by_the_statement_that_made_it(
    code: str, symbol: str, words: str
) -> None:
    assert version_words(code, symbol) == words


# drawing statement → what it draws and how
DRAWINGS = [
    ("df['price'].hist()", "price_histogram"),
    ("df.price.plot(kind='bar')", "price_bars"),
    ("sns.histplot(data=df, x='sale price')", "sale_price_histogram"),
    ("plt.scatter(df.area, df.price)", "price_scatter"),
    ("ax.boxplot(values)", "values_boxplot"),
    ("sns.heatmap(df.corr())", "heatmap"),
    ("plt.scatter(x=df.area, y=df.price)", "price_scatter"),  # y is what is drawn against x
    ("df.plot(x='a', y='b', ax=ax)", "b"),  # a plain plot: what it draws alone
    ("plt.plot([1, 2])", ""),
    ("plt.title('x')\nplt.show()", ""),
    ("fitter.plot_hazard(ax=axs[0])", "fitter_hazard"),  # a method named for what it draws
    ("plot_learning_curves(model, X, y)", "learning_curves"),
]


@pytest.mark.parametrize(("code", "words"), DRAWINGS)
def test_a_figure_is_named_by_what_it_draws(code: str, words: str) -> None:
    assert drawing_words([code]) == words


ACTIONS = [
    (("data", ["out/cleaned.csv"], []), "save_cleaned_csv"),
    (("data", [], ["df['price'].hist()"]), "plot_price_histogram"),
    (("reporting", ["fig.png"], ["plt.hist(ages)"]), "plot_ages_histogram"),
    (("data", [], ["plt.show()"]), ""),
    (("data", [], [], ["my_array_npy"]), "show_my_array_npy"),  # it only shows what it reads
    (("reporting", [], [], ["df"]), ""),
]


@pytest.mark.parametrize(("args", "name"), ACTIONS)
def test_a_node_making_no_variable_is_named_by_what_it_does(args: tuple, name: str) -> None:  # type: ignore[type-arg]
    assert action_name(*args) == name


def test_nodes_under_one_heading_are_told_apart_by_what_they_do(tmp_path: Path) -> None:
    made = steps(plan_of(tmp_path, nb=[
        "import numpy as np\nimport matplotlib.pyplot as plt",
        "# Residuals", "r = np.arange(4.0)", "r = r.cumsum()", "plt.plot(r)",
        "r = np.arange(3.0)\nr = r.cumsum()", "plt.plot(r)\nplt.show()",
        "# Save", "np.save('a.npy', r)",
        "# Save", "with open('a.npy', 'rb') as f:\n    print(f.read())",
    ]), "nb")
    names = [s.name for s in made]
    assert not any(COUNTER.search(n) for n in names), names
    assert "show_a_npy" in names, names


def test_versions_and_nodes_of_a_notebook(tmp_path: Path) -> None:
    made = steps(plan_of(tmp_path, nb=[
        "import pandas as pd\nimport matplotlib.pyplot as plt",
        "# Load", "df = pd.DataFrame({'a': [1, None, 3]})",
        "# Clean", "df = df.dropna()",
        "# Clean", "df = df.dropna()",  # the same words again: the heading says what changed
        "# Clean", "df['b'] = df.a * 2",
        "# Show", "df.a.hist()",
        "# Show", "plt.scatter(df.a, df.b)",
        # written by the node's own code (a node only handing a value to the catalog goes into
        # the node making it: `aliases.writes_folded`)
        "# Save", "df.to_html('out.html')",
        "# Save", "df.to_html('all.html')",
    ]), "nb")
    outputs = [o for s in made for o in s.outputs if not o.endswith(("_figures", "report"))]
    assert outputs[:4] == ["df", "df_without_na", "df_clean", "df_with_b"]
    names = [s.name for s in made]
    assert len(names) == len(set(names))
    assert names[1:3] == ["clean", "clean_df"]
    assert names[3] == "clean_df_with_b"  # `clean_df` is taken: the dataset it makes
    assert {"plot_show", "plot_b_scatter", "save", "save_all_html"} <= set(names), names


def test_a_heading_naming_a_variable_names_its_nodes_compute_and_plot(tmp_path: Path) -> None:
    made = steps(plan_of(tmp_path, nb=[
        "import matplotlib.pyplot as plt", "# Noise",
        "noise = [x / 2 for x in range(3)]\nplt.plot(noise)",
    ]), "nb")
    names = {s.kind: s.name for s in made if s.name != "report"}
    assert names == {"data": "compute_noise", "reporting": "plot_noise"}, names


def test_a_long_heading_keeps_what_its_later_nodes_make(tmp_path: Path) -> None:
    made = steps(plan_of(tmp_path, nb=[
        "import matplotlib.pyplot as plt",
        "# One two three four five six seven", "a = [1.0]", "plt.plot(a)", "a = a + [2.0]",
        "plt.plot(a)", "b = [x * 2 for x in a]", "plt.plot(b)", "# Use", "c = len(a) + len(b)",
    ]), "nb")
    names = [s.name for s in made if s.kind == "data"]
    # `snake` alone would cut the suffix off at six words: `..._six_2`
    assert names[:2] == ["one_two_three_four_five_six", "one_two_three_four_five_six_a"], names


def test_a_taken_node_name_is_told_apart_by_a_dataset_it_makes_not_by_a_counter() -> None:
    taken = {"matplotlib", "matplotlib_x"}
    # `x_2` says nothing: the next dataset it makes does
    assert by_what_it_makes("matplotlib_x", "Matplotlib", ["x_2", "x_linspace", "y"], taken) == \
        "matplotlib_x_linspace"
    assert by_what_it_makes("matplotlib_x", "Matplotlib", ["x_2"], taken) == "matplotlib_x"
    assert by_what_it_makes("plot_x", "Matplotlib", ["x_linspace"], taken) == "plot_x"  # free
    assert by_what_it_makes("matplotlib_x", "", ["x_linspace"], taken) == "matplotlib_x"


HEADINGS = [
    ("Polynomial Regression", "polynomial_regression"),
    ("The Normal Equation", "normal_equation"),  # words saying nothing are left out
    ("2. Pearson correlation", "pearson_correlation"),  # and numbers
    ("Using `np.random` to draw the noise of our model", "np_random_draw_noise"),  # 4 words
    ("", ""),
]


@pytest.mark.parametrize(("heading", "words"), HEADINGS)
def test_a_heading_gives_the_words_of_the_versions_its_step_makes(heading: str, words: str) -> None:
    assert heading_words(heading) == words


def test_a_value_bound_again_is_named_by_the_step_it_comes_from(tmp_path: Path) -> None:
    made = steps(plan_of(tmp_path, nb=[
        "import numpy as np",
        "# Linear data", "x = np.arange(5.0)\ny = 2 * x",
        "# Linear sum", "t = float((x + y).sum())",
        "# Quadratic data", "x = 3 * np.arange(3.0)",  # a whole new value: nothing in it says what
        "y = x ** 2 + 1",
        "total = 0.0\nfor step in range(3):\n    total = total + step",
        "# Cubic data", "for step in range(4):\n    y = y + step",  # a loop's last pass
        "# Sum", "s = float(x.sum() + y.sum() + total + step + t)",
    ]), "nb")
    outputs = {o for s in made for o in s.outputs
               if not o.endswith(("_figures", "report", "shown"))}
    assert {"x", "y", "x_quadratic_data", "y_quadratic_data", "step", "y_cubic_data",
            "step_cubic_data"} <= outputs, " ".join(sorted(outputs))
    assert not any(COUNTER.search(o) for o in outputs), outputs
