"""A statement computing and drawing whose computing nobody reads is drawing work
(analysis/python/unread_drawing.py): its value is dropped and nothing it may change is read
after it — a library call asked to draw (its receiver and arguments count as changed unless
`READ_ONLY_DRAWING_METHODS` says otherwise), a notebook function that fits and draws. Where a
later statement reads what it may change, it stays data work."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.analysis.python.unread_drawing import loaded_names

from .support import analyze_cells

SETUP = ("import matplotlib.pyplot as plt\nimport numpy as np",
         "class Model:\n    def __init__(self):\n        self.k = 0\n"
         "    def check(self, data, show_plots=False):\n        plt.plot(data)\n        return len(data)\n"
         "    def check_assumptions(self, data, show_plots=False):\n        plt.plot(data)",
         "def fit_and_draw(values, scale):\n    fitted = [v * scale for v in values]\n"
         "    plt.plot(fitted)\n    return fitted",
         "def fit_into(store, values):\n    store.append(sum(values))\n    plt.plot(values)",
         "m = Model()\nxs = np.arange(4.0)\nstore = []")

#: (cells after the set-up, the kind of the first statement of the first of them)
CASES = [
    # result unused, nothing read after: drawing
    (["m.check(xs, show_plots=True)"], "plot"),
    (["fit_and_draw(xs, 2)", "total = xs.sum()"], "plot"),
    # the receiver is read after (the call may have changed it): data
    (["m.check(xs, show_plots=True)", "k = m.k"], "data"),
    # ... unless the table says the method changes neither receiver nor arguments
    (["m.check_assumptions(xs, show_plots=True)", "k = m.k"], "plot"),
    # an argument is read after: data
    (["m.check(xs, show_plots=True)", "total = xs.sum()"], "data"),
    # the result is kept: data
    (["fitted = fit_and_draw(xs, 2)"], "data"),
    # the function changes `store`, read after: data; not read after: drawing
    (["fit_into(store, xs)", "n = len(store)"], "data"),
    (["fit_into(store, xs)", "n = len(xs)"], "plot"),
    # a name a later function only binds locally is not read by it
    (["m.check(xs, show_plots=True)", "def later():\n    m = 1\n    return m"], "plot"),
    # a method drawing from numpy's generator (the table says so) with a later draw from it: data
    (["m.check_assumptions(xs, show_plots=True)", "noise = np.random.rand(3)"], "data"),
]


@pytest.mark.parametrize("cells, kind", CASES)
def test_unread_drawing(tmp_path: Path, cells: list[str], kind: str) -> None:
    facts = analyze_cells(tmp_path, *SETUP, *cells)
    first = next(c for c in facts.chunks if c.cell == len(SETUP))
    assert first.kind == kind, first.code


def test_loaded_names_leave_out_locals() -> None:
    import ast
    tree = ast.parse("def f(a):\n    b = a + c\n    return b\nlam = lambda x: x + d\n"
                     "ys = [y * e for y in zs]\nprint(g)")
    assert loaded_names(tree.body) == {"c", "d", "e", "zs", "print", "g"}
