"""An iterator used up in one node and iterated again in a later one (`z = zip(a, b)`,
`list(z)` under one heading, `list(z)` under the next): in the notebook the second pass is
empty. A zip, map, filter or enumerate of lists pickles with its position, so the later node got
a fresh copy from the node that made it (a full list) until iterating became a change of the
iterator: the node that uses it up hands the used-up iterator on. Iterators over a generator
(pickle refuses them) stay in one node with their producer. Converted, `kedro run`, values equal
the notebook's."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .helpers import explain, run_tool
from .notebook_values import notebook_values, pipeline_values
from .test_figures_shown import write_notebook

#: Markdown headings (`# ...`) make the nodes; run as the notebook, they are comments.
CELLS = [
    "# Make",
    "import itertools\na = [1, 2, 3]\nb = [4, 5, 6]\nz = zip(a, b)\nm = map(str, a)\n"
    "f = filter(None, b)\ne = enumerate(b)\nc = itertools.count(5)",
    "# First pass",
    "first = list(z)\nfirst_m = [x for x in m]\nfor k in f:\n    break\nfirst_e = next(e)\n"
    "first_c = 6 in c",
    "# Second pass",
    "second = list(z)\nsecond_m = list(m)\nsecond_f = list(f)\nsecond_e = dict(e)\n"
    "second_c = next(c)",
]
#: An iterator over a generator: one node.
GENERATED = [
    "# Make",
    "g = (x * 10 for x in [1, 2, 3])\npaired = zip(g, [4, 5, 6])",
    "# First pass",
    "first_p = list(paired)",
    "# Second pass",
    "second_p = list(paired)",
]


@pytest.mark.e2e
def test_an_iterator_used_up_in_one_node_is_used_up_in_the_next(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    write_notebook(tmp_path / "nb", "passes", CELLS)
    write_notebook(tmp_path / "nb", "generated", GENERATED)
    code = [c for c in CELLS + GENERATED if not c.startswith("# ")]
    expected = notebook_values(tmp_path / "nb", code, tmp_path / "scratch")
    assert expected["second"] == expected["second_m"] == expected["second_p"] == []
    assert (expected["second_f"], expected["second_e"]) == ([5, 6], {1: 5, 2: 6})
    assert (expected["first_c"], expected["second_c"]) == (True, 7)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    pipelines = project / "src/project/pipelines"
    # the passes over `z` are two nodes; those over the generator one (pickle refuses it)
    assert not any("second = list(z)" in f for f in functions(pipelines / "passes/nodes.py")
                   if "first = list(z)" in f)
    assert any("second_p" in f for f in functions(pipelines / "generated/nodes.py")
               if "first_p = list(paired)" in f)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, tmp_path / "nb")
    names = ("first", "second", "first_m", "second_m", "second_f", "first_e", "second_e",
             "first_c", "second_c", "first_p", "second_p")
    assert {n: got[n] for n in names} == {n: expected[n] for n in names}


def functions(nodes: Path) -> list[str]:
    """The code of each node function of a nodes.py."""
    tree = ast.parse(nodes.read_text())
    return [ast.unparse(f) for f in tree.body if isinstance(f, ast.FunctionDef)]
