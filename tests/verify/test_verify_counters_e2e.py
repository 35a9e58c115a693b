"""verify, end to end, on names a process-wide counter numbers: the notebook's display makes one
more object (the pipeline drops displays), so every later name is numbered one higher there. Those
rows are "not reproducible", named as counter names; a real difference stays "different"."""

from __future__ import annotations

import nbformat
import pytest

from nb2pipe.verify import to_json, verify

pytestmark = pytest.mark.e2e

CELLS = [
    "import itertools\n"
    "class Block:\n"
    "    made = itertools.count()\n\n"
    "    def __init__(self, gain):\n"
    "        self.gain = gain\n"
    "        self.name = f'blk[{next(Block.made)}]'\n\n"
    "    def __repr__(self):\n"
    "        # showing a block builds its normalised copy, as python-control's displays do\n"
    "        return f'Block({Block(1.0).gain * self.gain})'",
    "first = Block(2.0)\ndisplay(first)",
    "second = Block(3.0)",
    "gains = [first.gain, second.gain]",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("counters")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(text) for text in CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                       "display_name": "Python 3"}
    nbformat.write(notebook, folder / "blocks.ipynb")
    return to_json(verify([folder / "blocks.ipynb"], runs=2))


def test_counter_numbered_names_are_not_reproducible_and_named(report: dict) -> None:
    [entry] = report["notebooks"]
    found = {row["variable"]: row for row in entry["results"] if row["variable"]}
    second = found["second"]
    assert second["status"] == "not reproducible", second
    assert "process-wide counter" in second["detail"] and "'blk[2]' != 'blk[1]'" in second["detail"]
    assert found["first"]["status"] == "equal", found["first"]
    assert found["gains"]["status"] == "equal", found["gains"]
    assert report["ok"], report
