"""Making an instance of a notebook class runs its methods: a class whose `__init__` (or a
method it calls) draws from a global generator draws when called, so the call comes after
the seed and hands the generator's state on, like a call to a drawing function. Before, a
class call drew nothing as far as nb2pipe knew: the seed moved into a later node and the
instances held other numbers (attr_intro.ipynb's `Guessing(3)` in the large corpus). A class
kept in its node still changes when called (oo_programming.ipynb's instance counter)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .notebook_values import convert_and_compare

pytestmark = pytest.mark.e2e

CELLS = [
    "import json\nimport random",
    "random.seed(11)",
    # a class moved to the functions module
    "class Bag:\n"
    "    def __init__(self, n):\n"
    "        self.items = self.fill(n)\n"
    "\n"
    "    def fill(self, n):\n"
    "        return sorted(random.sample(range(1000), n))",
    "first = Bag(4).items",
    "second = Bag(3).items",
    # defined again differently: the class stays in its node
    "class Bag:\n"
    "    def __init__(self, n):\n"
    "        self.items = [random.randint(0, 999) for _ in range(n)]",
    "third = Bag(5).items",
    "last = random.random()",
    # kept in its node, counting its instances in a class attribute: a call changes the class
    "class Tag:\n    made = 0\n",
    "class Tag:\n    made = 0\n\n    def __init__(self):\n"
    "        self.number = type(self).made\n        type(self).made += 1",
    "tags = [Tag().number]",
    "tags.append(Tag().number)",
    "with open('draws.json', 'w') as f:\n    json.dump([first, second, third, last, tags], f)",
]


def test_a_class_drawing_in_its_methods_draws_where_it_is_called(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, _, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    (written,) = (tmp_path / "project").rglob("draws.json")
    drawn = json.loads(written.read_text())
    assert drawn[:4] == [expected["first"], expected["second"], expected["third"], expected["last"]]
    assert drawn[4] == [0, 1]
    assert len(set(drawn[0]) | set(drawn[1])) == 7  # drawn, not constants
