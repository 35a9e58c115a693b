"""Values that lose something when pickled between nodes, and what the real `kedro run` makes
of them: a unit quantity comes back in the registry it was made in (not in pint's application
registry, which its own pickle picks); a notebook function handed to a caller as a value stays a
function, with its name and signature (not a `functools.partial`)."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest

from .helpers import explain, run_tool
from .test_function_scopes import notebook_result, written

pytestmark = pytest.mark.e2e

#: A registry a local module holds (`from modsim import units`) and one the notebook makes.
UNITS_MODULE = "import pint\n\nunits = pint.UnitRegistry()\n"
UNITS = [
    "import json\nimport pint\nfrom unit_setup import units\nmeter = units.meter\nsecond = units.second",
    "own = pint.UnitRegistry()\nspan = 3 * own.hour",
    "## Fall",
    "a = 9.8 * meter / second**2\nh = 381 * meter\nt = (2 * h / a) ** 0.5",
    "## Summary",
    "foot = units.foot\ntotal = h + 10 * foot\nlonger = span + 30 * own.minute\n"
    "out = [round(total.to(meter).magnitude, 6), str(total.units), round(t.magnitude, 6),\n"
    "       round(longer.to(own.minute).magnitude, 6)]",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]


def convert_and_run(tmp_path: Path, cells: list[str], modules: dict[str, str],
                    nb2pipe_bin: Path, kedro_bin: Path) -> Path:
    """Convert the notebook of ``cells`` (a folder with ``modules`` beside it) and `kedro run` it."""
    folder = tmp_path / "nb"
    folder.mkdir()
    for name, text in modules.items():
        (folder / name).write_text(text)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if c.startswith("## ") else nbformat.v4.new_code_cell(c)
                for c in cells]
    nbformat.write(nb, folder / "book.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", folder, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    return project


def notebook_with_modules(tmp_path: Path, cells: list[str], modules: dict[str, str]) -> object:
    """`notebook_result` with ``modules`` importable (beside the notebook, as in its folder)."""
    folder = tmp_path / "modules"
    folder.mkdir()
    for name, text in modules.items():
        (folder / name).write_text(text)
    sys.path.insert(0, str(folder))
    try:
        return notebook_result(tmp_path, cells)
    finally:
        sys.path.remove(str(folder))
        for name in modules:
            sys.modules.pop(name.removesuffix(".py"), None)


def test_unit_quantities_keep_their_registry_across_nodes(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    pytest.importorskip("pint")
    modules = {"unit_setup.py": UNITS_MODULE}
    expected = notebook_with_modules(tmp_path, UNITS, modules)
    project = convert_and_run(tmp_path, UNITS, modules, nb2pipe_bin, kedro_bin)
    nodes = "".join(p.read_text() for p in project.rglob("nodes.py"))
    assert nodes.count("\ndef ") >= 3, "the quantities cross node boundaries"
    assert written(project) == expected


#: A notebook function reading notebook variables (`scale`, `offset`), handed as a value to
#: callers that look at it as `interact` and python-control's `NonlinearIOSystem` do: by name,
#: by signature (one keyword argument per parameter), and kept inside a value another node reads.
PASSED = [
    "import inspect\nimport json\nscale = 3\noffset = 0.5",
    "def shift(x=1.0, y=2.0):\n    \"\"\"Scaled and shifted.\"\"\"\n    return scale * x + y + offset",
    "def widgets(f, **ranges):\n    params = list(inspect.signature(f).parameters)\n"
    "    return f.__name__, params, f(**{p: ranges[p][1] for p in params})",
    "## Use",
    "shown = widgets(shift, x=(0, 4), y=(1, 5))\nholder = {'update': shift, 'name': 'plant'}",
    "## Later",
    "kept = holder['update']\nout = [list(shown), type(kept).__name__, kept.__name__, kept.__doc__,\n"
    "       list(inspect.signature(kept).parameters), kept(2.0), kept(1.0, y=0.0)]",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]


def test_a_function_passed_as_a_value_stays_a_function(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, PASSED)
    assert expected[1] == "function" and expected[0][1] == ["x", "y"]
    project = convert_and_run(tmp_path, PASSED, {}, nb2pipe_bin, kedro_bin)
    nodes = "".join(p.read_text() for p in project.rglob("nodes.py"))
    assert "with_globals(shift, " in nodes, "the function reads notebook values: they are bound"
    assert written(project) == expected
