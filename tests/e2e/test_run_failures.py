"""Ways a converted project stopped at `kedro run` (large corpus, session 6), each on a small
notebook or script: `nb2pipe verify` runs it and the generated `kedro run`, and every value must
come out equal to what the notebook computed."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from nb2pipe.verify import to_json, verify

from .helpers import explain, run_tool
from .test_figures_shown import figure_rows, write_notebook

pytestmark = pytest.mark.e2e


def statuses(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {r.variable: r.status for n in report.notebooks for r in n.results if r.variable}


#: An imported name read, then bound again in one node, and a parameter of the next (sympy's
#: `from sympy.abc import x` then `x, y = symbols("x y")`): the node reads the module's `x`
#: through `globals()`, and the module-level import must survive ruff although every other `x`
#: is a local or a parameter (it was removed: KeyError 'x').
REBOUND = [
    "# Turns",
    "import math\nfrom math import tau as x",
    "## Half a turn",
    "half = x / 2\nx = round(x, 3)\nratio = x / half",
    "## Later",
    "sine = math.sin(x)",
]


def test_an_import_read_then_bound_again_reaches_its_node(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "turns", REBOUND)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    found = statuses(report)
    assert found.get("half") == found.get("ratio") == found.get("sine") == "equal", found


#: A node whose drawing code does not run (the plot is under an `if` the data makes false): it
#: returns no figure, and its figures dataset still gets a version the report loads (kedro's
#: versioned save failed: "Did not find any versions").
DRAWLESS = [
    "# Only when large",
    "import matplotlib.pyplot as plt\nvalues = [3, 1, 2]",
    "## Plot",
    "if max(values) > 10:\n    plt.plot(values)\n    plt.show()\ntotal = sum(values)",
]


def test_a_node_that_draws_nothing_this_time_saves_an_empty_figures_version(
    tmp_path: Path, kedro_bin: Path
) -> None:
    write_notebook(tmp_path / "nb", "drawless", DRAWLESS)
    project = tmp_path / "project"
    report = verify([tmp_path / "nb"], project=project, runs=1)
    assert report.ok, to_json(report)
    assert statuses(report).get("total") == "equal", to_json(report)
    shown, returned, _ = figure_rows(report)["drawless.ipynb"]
    assert shown == returned == 0
    ran = run_tool([kedro_bin, "run"], cwd=project)  # the report node too, loading the figures
    assert ran.returncode == 0, explain(ran)
    assert list((project / "data" / "08_reporting").rglob("report.html")), explain(ran)


#: A script (sphinx-gallery) printing a value it changes again in the same block: a script has
#: no report, so its nodes show nothing (they used `show_html` from a report.py nobody wrote:
#: ImportError when Kedro loaded the pipeline).
SCRIPT = '''\
"""
Spread
======

A value printed, then changed again in the same block.
"""
import numpy as np

values = np.arange(6)
spread = int(values.max() - values.min())
print(f"spread: {spread}")
values = values * 2
spread = int(values.max() - values.min())
print(f"spread: {spread}")
'''


def test_a_script_printing_a_value_it_changes_again_runs(tmp_path: Path) -> None:
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "plot_spread.py").write_text(dedent(SCRIPT))
    report = verify([tmp_path / "scripts"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    found = statuses(report)
    assert found.get("spread") == found.get("values") == "equal", found


#: A class of the notebook's folder keeping its attributes in a dict read by `__getattr__`, which
#: raises KeyError for other names (gjbex's `Parameterized` mix-in): the object pickles, but
#: pickle's load asked it for `__setstate__` and failed (DatasetError loading it in the next node).
STORE = '''\
class Store:
    def __init__(self, **values):
        self.__dict__["values"] = dict(values)

    def __getattr__(self, name):
        return self.__dict__["values"][name]

    def __setattr__(self, name, value):
        self.__dict__["values"][name] = value
'''

STORE_NOTEBOOK = [
    "# Stored settings",
    "from store import Store",
    "## Make",
    "settings = Store(alpha=0.5, n=3)\nsettings.alpha = 0.25",
    "## Use",
    "scaled = settings.alpha * settings.n",
]


def test_an_object_whose_getattr_raises_keyerror_passes_between_nodes(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "stored", STORE_NOTEBOOK)
    (tmp_path / "nb" / "store.py").write_text(STORE)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    assert statuses(report).get("scaled") == "equal", to_json(report)
