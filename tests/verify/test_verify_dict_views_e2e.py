"""A dict view kept under a name (`keys = d.keys()`) does not pickle: verify compares it as the
list of its elements on both sides, instead of reporting it "not compared" (found on the large
corpus: a course notebook's `keys`, `values`, `items`, 3 values hidden as not compared)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nb2pipe.verify import kedro_runner, to_json, verify
from nb2pipe.verify.capture import DICT_VIEWS

CELLS = [
    "prices = {'apple': 3, 'pear': 2}\nprices['plum'] = 5",
    "keys = prices.keys()\nvalues = prices.values()\nitems = prices.items()",
    "total = sum(values)",
]


def test_the_pipeline_side_knows_the_same_views() -> None:
    assert kedro_runner.DICT_VIEWS == DICT_VIEWS
    assert {type(v).__name__ for v in ({}.keys(), {}.values(), {}.items())} == set(DICT_VIEWS)


@pytest.mark.e2e
def test_dict_views_are_compared(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(text) for text in CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "P"}
    nbformat.write(notebook, tmp_path / "views.ipynb")
    report = to_json(verify([tmp_path / "views.ipynb"], runs=2))
    [entry] = report["notebooks"]
    found = {row["variable"]: row for row in entry["results"] if row["variable"]}
    for name in ("keys", "values", "items", "total"):
        assert found[name]["status"] == "equal", found[name]
    assert report["ok"], report
