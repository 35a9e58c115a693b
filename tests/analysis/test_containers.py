"""Objects held by containers: a change of one is a change of the other (containers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import analyze_cells

SETUP = ("import pandas as pd\nimport numpy as np\nfrom sklearn.pipeline import make_pipeline, Pipeline\n"
         "from sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import GridSearchCV\n"
         "from sklearn.linear_model import LinearRegression\nX = np.ones((3, 2))\ny = np.ones(3)")


@pytest.mark.parametrize(("cells", "mutates"), [
    (("s = StandardScaler()\nm = LinearRegression()\npipe = make_pipeline(s, m)", "pipe.fit(X, y)"),
     {"pipe", "s", "m"}),
    (("s = StandardScaler()\npipe = Pipeline([('s', s)])", "s.fit(X)"), {"s", "pipe"}),  # and back
    (("a = [1]\nb = a", "a.append(2)"), {"a", "b"}),
    (("m = LinearRegression()\nmodels = {'lr': m}", "for name, est in models.items():\n    est.fit(X, y)"),
     {"models", "m", "est"}),
    (("m = LinearRegression()\nbox = []\nbox.append(m)", "box[0].fit(X, y)"), {"box", "m"}),
    (("m = LinearRegression()\nclass Box:\n    pass\nbox = Box()\nbox.model = m", "box.model.fit(X, y)"),
     {"box", "m"}),
])
def test_a_change_reaches_what_is_held_and_what_holds(tmp_path: Path, cells: tuple[str, ...], mutates: set[str]) -> None:
    chunk = analyze_cells(tmp_path, SETUP, *cells).chunks[-1]
    assert chunk.mutates == mutates
    assert chunk.passed_as_is == mutates


@pytest.mark.parametrize(("cells", "mutates"), [
    (("df = pd.DataFrame(X)", "df['c'] = 1"), {"df"}),  # pandas copies
    (("m = LinearRegression()\ngrid = GridSearchCV(m, {'fit_intercept': [True]})", "grid.fit(X, y)"), {"grid"}),
    (("a = [1]\nb = a\nb = [2]", "a.append(2)"), {"a"}),  # b no longer the same object
    (("s = StandardScaler()\npipe = make_pipeline(s)\ns = StandardScaler()", "pipe.fit(X, y)"), {"pipe"}),
])
def test_copies_and_rebound_names_are_not_changed(tmp_path: Path, cells: tuple[str, ...], mutates: set[str]) -> None:
    chunk = analyze_cells(tmp_path, SETUP, *cells).chunks[-1]
    assert chunk.mutates == mutates and not chunk.passed_as_is


def test_a_builtin_held_by_a_container_is_no_notebook_value(tmp_path: Path) -> None:
    """Found: PythonDataScienceHandbook 05.04, `DictVectorizer(sparse=True, dtype=int)` then
    `vec.fit_transform(data)` made `int` a changed value, an output of the node."""
    chunk = analyze_cells(tmp_path, SETUP, "s = StandardScaler(copy=bool)\nbox = [len, s]", "s.fit(X)").chunks[-1]
    assert chunk.mutates == {"s", "box"}
    shadowed = analyze_cells(tmp_path / "b", SETUP, "list = [1]\nbox = [list]", "box[0].append(2)").chunks[-1]
    assert shadowed.mutates == {"box", "list"}  # a name the notebook bound is its value


@pytest.mark.parametrize(("cells", "mutates"), [
    (("block = StandardScaler()", "out = [block(x) for x in X]"), {"block"}),  # its __call__ runs
    (("def f(x):\n    return x", "out = f(1)"), set()),  # a notebook function
    (("g = lambda x: x", "out = g(1)"), set()),  # a lambda
    (("class C:\n    pass", "out = C()"), set()),  # a class makes a new object
    (("", "out = np.ones(2)"), set()),  # an import
    (("", "out = len(X)"), set()),  # a builtin
])
def test_calling_an_object_the_notebook_made_may_change_it(
        tmp_path: Path, cells: tuple[str, ...], mutates: set[str]) -> None:
    chunk = analyze_cells(tmp_path, SETUP, *cells).chunks[-1]
    assert chunk.mutates == mutates
