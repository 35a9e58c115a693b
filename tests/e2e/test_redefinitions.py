"""#9: a notebook that defines a function or class again, differently, in a later cell (a tutorial
refining `Point` step by step): code between two definitions must see the one then in effect.
The functions module can hold one per name (the last won: `Point()` raised `missing 2 required
positional arguments` and `primes()` compared `n < None`), so each such definition stays in its
node; the real `kedro run` must give the notebook's values."""

from __future__ import annotations

import json
from pathlib import Path

from .notebook_values import convert_and_compare

CELLS = [
    "class Point:\n    def norm(self):\n        return abs(self.x) + abs(self.y)\n\n"
    "    def origin(self):\n        return Point()",
    "p = Point()\np.x, p.y = 3, -4\nfirst = p.norm() + isinstance(p.origin(), Point)",
    "def scale(v):\n    return 2 * v",
    "doubled = [scale(v) for v in range(3)]",
    "class Point:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n\n"
    "    def norm(self):\n        return (self.x ** 2 + self.y ** 2) ** 0.5\n\n"
    "    def moved(self, dx):\n        return Point(self.x + dx, self.y)",
    "second = Point(3, 4).moved(3).norm()",
    "def scale(v, factor=10):\n    return factor * v",
    "scaled = [scale(v) for v in range(3)]\nsummary = [first, doubled, second, scaled]",
    "import json\nwith open('summary.json', 'w') as f:\n    json.dump(summary, f)",
]


def test_each_use_sees_the_definition_then_in_effect(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, _, said = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    assert expected["summary"] == [8, [0, 2, 4], (6 ** 2 + 4 ** 2) ** 0.5, [0, 10, 20]]
    (written,) = (tmp_path / "project").rglob("summary.json")
    assert json.loads(written.read_text()) == expected["summary"]
    assert "undefined-name" not in said, said
