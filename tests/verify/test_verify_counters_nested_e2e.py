"""verify, end to end, on counter-numbered names nested in a value (python-control's
interconnection: its systems' names are also its index's keys and its signal names). The
notebook's display makes one more block, so the pipeline numbers the second block one lower:
renamed alike everywhere, the value is "not reproducible"; a number taken from a name is a real
difference, "different", even beside names that are only renamed."""

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
    "        self.name = f'blk[{next(Block.made)}]'\n"
    "        self.outputs = [f'{self.name}.y[0]']\n\n"
    "    def __repr__(self):\n"
    "        # showing a block builds its normalised copy, as python-control's displays do\n"
    "        return f'Block({Block(1.0).gain * self.gain})'",
    "first = Block(2.0)\ndisplay(first)",
    "second = Block(3.0)",
    "loop = {'index': {b.name: i for i, b in enumerate([first, second])},\n"
    "        'blocks': (first, second), 'signals': first.outputs + second.outputs}",
    "numbered = {'blocks': [first, second], 'last': int(second.name[4:-1])}",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("nested_counters")
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(text) for text in CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                       "display_name": "Python 3"}
    nbformat.write(notebook, folder / "loop.ipynb")
    return to_json(verify([folder / "loop.ipynb"], runs=2))


def test_nested_counter_names_renamed_alike_are_not_reproducible(report: dict) -> None:
    [entry] = report["notebooks"]
    found = {row["variable"]: row for row in entry["results"] if row["variable"]}
    loop = found["loop"]
    assert loop["status"] == "not reproducible", loop
    assert "process-wide counter" in loop["detail"] and "'blk[2]' != 'blk[1]'" in loop["detail"]


def test_a_number_taken_from_a_counter_name_stays_different(report: dict) -> None:
    [entry] = report["notebooks"]
    found = {row["variable"]: row for row in entry["results"] if row["variable"]}
    assert found["numbered"]["status"] == "different", found["numbered"]
    assert "process-wide counter" not in found["numbered"]["detail"], found["numbered"]
