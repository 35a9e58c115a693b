"""A section that only loads a table (`orders = pd.read_csv(...)`, a node `orders = orders_csv;
return orders` before) makes no node of its own: the nodes reading `orders` read the file's
dataset itself (their argument is still called `orders`), and `kedro run` computes exactly the
notebook's values, the later sections' in-place changes through an alias (`table = orders`)
included."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nb2pipe.api import generate
from nb2pipe.planning.aliases import handed_on
from nb2pipe.verify.compare import compare_values

from .helpers import explain, run_tool
from .notebook_values import notebook_values, pipeline_values

pytestmark = pytest.mark.e2e

CELLS = [
    "import pandas as pd",
    "# Orders\nThe raw export.",
    "orders = pd.read_csv('orders.csv')",
    "## Renamed",
    "table = orders",
    "## Per region",
    "orders_per_region = table.groupby('region')['qty'].sum()",
    "## Totals",
    "table['total'] = table['qty'] * 2\nbig = table[table['total'] > 2]",
]


def test_a_section_that_only_loads_a_table_makes_no_node(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "orders.csv").write_text("region,qty\nnorth,1\nsouth,3\nnorth,2\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if c.startswith("#")
                else nbformat.v4.new_code_cell(c) for c in CELLS]
    nbformat.write(nb, tmp_path / "nb" / "orders.ipynb")
    (pipeline,) = generate([tmp_path / "nb"], tmp_path / "preview").plan.pipelines
    assert not [s.name for s in pipeline.steps if handed_on(s) is not None]
    readers = [s for s in pipeline.steps if "orders" in s.arguments]
    assert readers and all(s.inputs[s.arguments.index("orders")] == "orders_csv" for s in readers)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    code_cells = [c for c in CELLS if not c.startswith("#")]
    expected = notebook_values(tmp_path / "nb", code_cells, tmp_path)
    got = pipeline_values(project, tmp_path / "nb")
    assert {"orders_per_region", "big"} <= got.keys()
    for variable in sorted(got.keys() & expected.keys()):
        outcome = compare_values(expected[variable], got[variable])
        assert outcome.status == "equal", f"{variable}: {outcome.detail}"


WRITES = [
    "import pandas as pd\nfrom pathlib import Path",
    "# Scores",
    "scores = pd.DataFrame({'a': [1, 2, 3]}, index=['x', 'y', 'z'])\nscores['b'] = scores['a'] * 3",
    "## Saving",
    "scores.to_csv('scores.csv')\nscores.to_json('scores.json')",
    "sizes = [len(Path('scores.csv').read_text()), len(Path('scores.json').read_text())]",
    "## Loading",
    "back = pd.read_csv('scores.csv', index_col=0)\ntotal = back['b'].sum()",
]


def test_a_section_that_only_writes_files_goes_into_the_node_making_the_value(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    """`scores.to_csv(...)` alone was a node `scores_csv = scores; return scores_csv`: the node
    making `scores` returns it to the files' datasets too, and the files are the notebook's."""
    (tmp_path / "nb").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if c.startswith("#")
                else nbformat.v4.new_code_cell(c) for c in WRITES]
    nbformat.write(nb, tmp_path / "nb" / "scores.ipynb")
    (pipeline,) = generate([tmp_path / "nb"], tmp_path / "preview").plan.pipelines
    assert not [s.name for s in pipeline.steps if handed_on(s) is not None and s.name != "loading"]
    (maker,) = [s for s in pipeline.steps if "scores_csv@pandas" in s.outputs]
    assert {"scores", "scores_json@pandas"} <= set(maker.outputs)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    code_cells = [c for c in WRITES if not c.startswith("#")]
    expected = notebook_values(tmp_path / "nb", code_cells, tmp_path)
    got = pipeline_values(project, tmp_path / "nb")
    assert {"sizes", "total"} <= got.keys()
    for variable in sorted(got.keys() & expected.keys()):
        outcome = compare_values(expected[variable], got[variable])
        assert outcome.status == "equal", f"{variable}: {outcome.detail}"
    files = generate([tmp_path / "nb"], project).files
    assert not any(path.suffix == ".csv" for path in files)
    for name in ("scores.csv", "scores.json"):
        written = (project / "data" / "02_intermediate" / name).read_text()
        assert written == (tmp_path / "notebook_run" / name).read_text()
