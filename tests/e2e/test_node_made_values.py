"""Values whose class a node makes, and a value's own `show()`, run for real (`nb2pipe verify`:
the notebook in a kernel and the generated `kedro run`, every dataset compared).

- A namedtuple class built by a statement (`Point = namedtuple(...)`) lives in a node: its
  values are compared by value (cloudpickle), not left "not compared" for failing to pickle.
- `curves.show()` on a value the notebook made runs that value's `show`, which draws a new
  figure (a sympy `Plot`'s); only pyplot's own `plt.show()` stands for the figures open.
- An expression sympy's `init_printing()` shows as LaTeX and as a PNG of it is a value shown,
  not a figure: the notebook's figure count leaves it out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import figure_rows, write_notebook

pytestmark = pytest.mark.e2e

CELLS = [
    "# Made in nodes",
    "from collections import namedtuple\nfrom sympy import init_printing, sin, symbols\n"
    "from sympy.plotting import plot",
    "## Points",
    "Point = namedtuple('Point', 'x y')\npoints = [Point(i, i * i) for i in range(4)]",
    "far = max(points, key=lambda p: p.y)",
    "## Curves",
    "init_printing()\nt = symbols('t')",
    "sin(t) ** 2 + t",
    "curves = plot(sin(t), (t, 0, 3), show=False)\n"
    "curves.append(plot(t / 3, (t, 0, 3), show=False)[0])\ncurves.show()",
]


def test_node_made_classes_are_compared_and_a_values_own_show_draws(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "made", CELLS)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    (notebook,) = report.notebooks
    status = {r.variable: r.status for r in notebook.results if r.variable}
    assert status.get("points") == "equal" and status.get("far") == "equal", to_json(report)
    assert figure_rows(report)["made.ipynb"] == (1, 1, ["equal"]), to_json(report)
