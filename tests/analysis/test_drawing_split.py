"""A statement computing and drawing at once is written as its computing parts, each bound to a
name, then the drawing call reading them (analysis/python/drawing_split.py): the receiver of the
drawing method, computing arguments in the order Python evaluates them. What cannot leave (the
drawing itself computes, a library call asked to draw) stays one data statement."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import last_cell_chunks

SETUP = ("import matplotlib.pyplot as plt\nimport numpy as np",
         "class Tally:\n    def __init__(self):\n        self.n = 0\n"
         "    def fit(self, k):\n        self.n += k\n        return self\n"
         "    def plot(self, ax=None):\n        plt.bar([0], [self.n])",
         "t = Tally()\nxs = np.arange(4.0)")

#: (statement, [(kind, code) of the chunks it becomes])
CASES = [
    ("t.fit(3).plot()", [("data", "t_fit = t.fit(3)"), ("plot", "t_fit.plot()")]),
    ("plt.hist(np.random.rand(50), bins=5)",
     [("data", "random_rand = np.random.rand(50)"), ("plot", "plt.hist(random_rand, bins=5)")]),
    ("plt.plot(xs, np.random.normal(size=4), color=np.random.choice(['r', 'g']))",
     [("data", "random_normal = np.random.normal(size=4)"),
      ("data", "random_choice = np.random.choice(['r', 'g'])"),
      ("plot", "plt.plot(xs, random_normal, color=random_choice)")]),
    # the receiver first, as Python evaluates it
    ("t.fit(np.random.randint(1, 3)).plot(ax=plt.gca())",
     [("data", "t_fit = t.fit(np.random.randint(1, 3))"), ("plot", "t_fit.plot(ax=plt.gca())")]),
    # a name already taken gets the drawing's name
    ("random_rand = 1\nplt.hist(np.random.rand(5))",
     [("param", "random_rand = 1"), ("data", "random_rand_for_hist = np.random.rand(5)"),
      ("plot", "plt.hist(random_rand_for_hist)")]),
    # two parts alike in one statement get two names; a later statement binds them again
    ("plt.plot(np.random.rand(2), np.random.rand(2))\nplt.hist(np.random.rand(3))",
     [("data", "random_rand = np.random.rand(2)"), ("data", "random_rand_for_plot = np.random.rand(2)"),
      ("plot", "plt.plot(random_rand, random_rand_for_plot)"),
      ("data", "random_rand = np.random.rand(3)"), ("plot", "plt.hist(random_rand)")]),
]
#: Statements that stay whole: drawing only, computing only, or no part that can leave.
WHOLE = [
    ("plt.plot(xs, xs ** 2)", "plot"),
    ("ys = np.random.rand(4)", "data"),
    # a library call asked to draw computes and draws inside: whole (a drawing when nothing it
    # may change is read after it: tests/analysis/test_drawing_unread.py)
    ("t.fit(2, plot=True)\nn = t.n", "data"),
]


@pytest.mark.parametrize("statement, expected", CASES)
def test_computing_parts_leave_the_drawing_call(tmp_path: Path, statement: str, expected: list) -> None:
    chunks = last_cell_chunks(tmp_path, *SETUP, "np.random.seed(0)\n" + statement)
    assert [(c.kind, c.code.strip()) for c in chunks[1:]] == expected


@pytest.mark.parametrize("statement, kind", WHOLE)
def test_statements_without_parts_to_move_stay_whole(tmp_path: Path, statement: str, kind: str) -> None:
    chunks = last_cell_chunks(tmp_path, *SETUP, statement)
    assert [(c.kind, c.code) for c in chunks][:1] == [(kind, statement.split("\n")[0])]


def test_a_part_changing_what_the_drawing_reads_stays(tmp_path: Path) -> None:
    """`plt.plot(xs, xs.sort())`: xs is read before sort changes it; after a split it would be
    read after: no split."""
    chunks = last_cell_chunks(tmp_path, *SETUP, "plt.plot(xs, xs.sort())\nfirst = xs[0]")
    assert [c.kind for c in chunks] == ["data", "data"]


def test_a_notebook_function_whose_work_stays_inside_only_draws(tmp_path: Path) -> None:
    """Its data work (a list built and filled) is not seen by the caller: calling it draws."""
    chunks = last_cell_chunks(
        tmp_path, *SETUP,
        "def show(values):\n    masks = []\n    for v in values:\n        masks.append(np.sqrt(v))\n"
        "    plt.plot(masks)",
        "def tally(values):\n    out = [np.sqrt(v) for v in values]\n    plt.plot(out)\n    return out",
        "show(xs)\nkept = tally(xs)")
    assert [c.kind for c in chunks] == ["plot", "data"]
