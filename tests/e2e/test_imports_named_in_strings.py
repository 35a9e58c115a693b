"""An import only a string names (`np` in `eval('np.sqrt(df.x)')`, a plotnine mapping
`'count / np.sum(count)'`, a patsy formula) is evaluated in the node module's namespace: tidying
`nodes.py` (ruff's unused-import fix) must keep it, or `kedro run` fails with NameError (run for
real: `nb2pipe verify` runs the notebook and the pipeline and compares every dataset)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.verify import to_json, verify

from .test_figures_shown import write_notebook

pytestmark = pytest.mark.e2e

CELLS = [
    "import numpy as np\nimport pandas as pd",
    "frame = pd.DataFrame({'x': [1.0, 4.0, 9.0]})",
    "roots = eval('np.sqrt(frame.x)')",
    "scaled = frame.eval('x * 2')",
]


def test_an_import_only_a_string_names_reaches_the_node(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb", "named_in_strings", CELLS)
    report = verify([tmp_path / "nb"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    (notebook,) = report.notebooks
    status = {r.variable: r.status for r in notebook.results if r.variable}
    assert status.get("roots") == "equal", to_json(report)
