"""verify, end to end, on names a process-wide counter numbers: the notebook's display makes one
more object (the pipeline drops displays), so every later name is numbered one higher there. Those
rows are "not reproducible", named as counter names; a real difference stays "different". Also
names nested in a value (python-control's interconnection: its systems' names are also its
index's keys and its signal names): renamed alike everywhere, "not reproducible"; a number taken
from a name is a real difference, "different", even beside names that are only renamed."""

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
    "gains = [first.gain, second.gain]",
]

#: The same blocks, their names nested in a value (keys, signal names) and read as numbers.
NESTED = [
    *CELLS[:3],
    "loop = {'index': {b.name: i for i, b in enumerate([first, second])},\n"
    "        'blocks': (first, second), 'signals': first.outputs + second.outputs}",
    "numbered = {'blocks': [first, second], 'last': int(second.name[4:-1])}",
]


def verified(tmp_path_factory: pytest.TempPathFactory, name: str, cells: list[str]) -> dict:
    """``cells`` as the notebook ``<name>.ipynb``, verified with two notebook runs."""
    folder = tmp_path_factory.mktemp(name)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(text) for text in cells]
    notebook.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                       "display_name": "Python 3"}
    nbformat.write(notebook, folder / f"{name}.ipynb")
    return to_json(verify([folder / f"{name}.ipynb"], runs=2))


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return verified(tmp_path_factory, "blocks", CELLS)


@pytest.fixture(scope="module")
def nested(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return verified(tmp_path_factory, "loop", NESTED)


def test_counter_numbered_names_are_not_reproducible_and_named(report: dict) -> None:
    [entry] = report["notebooks"]
    found = {row["variable"]: row for row in entry["results"] if row["variable"]}
    second = found["second"]
    assert second["status"] == "not reproducible", second
    assert "process-wide counter" in second["detail"] and "'blk[2]' != 'blk[1]'" in second["detail"]
    assert found["first"]["status"] == "equal", found["first"]
    assert found["gains"]["status"] == "equal", found["gains"]
    assert report["ok"], report


def test_nested_counter_names_renamed_alike_are_not_reproducible(nested: dict) -> None:
    [entry] = nested["notebooks"]
    found = {row["variable"]: row for row in entry["results"] if row["variable"]}
    loop = found["loop"]
    assert loop["status"] == "not reproducible", loop
    assert "process-wide counter" in loop["detail"] and "'blk[2]' != 'blk[1]'" in loop["detail"]


def test_a_number_taken_from_a_counter_name_stays_different(nested: dict) -> None:
    [entry] = nested["notebooks"]
    found = {row["variable"]: row for row in entry["results"] if row["variable"]}
    assert found["numbered"]["status"] == "different", found["numbered"]
    assert "process-wide counter" not in found["numbered"]["detail"], found["numbered"]
