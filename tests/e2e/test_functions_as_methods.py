"""#9 (gjbex dynamic_classes): a notebook function written as a method (first parameter `self`)
that reads notebook values, stored on a class built with `type(...)` or `setattr`. Passed as
`functools.partial(f, legs=legs)` it was not bound to the instance (a partial is no descriptor):
`animal_init() missing 1 required positional argument`. The real `kedro run` must give the
notebook's values."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import converted_cells, explain, run_tool
from .notebook_values import notebook_values

CELLS = [
    "legs = 4\nsuffix = '!'",
    "def animal_init(self, name):\n    self.name = name\n    self.legs = legs",
    "def describe(self, loud=False):\n    return f'{self.name}:{self.legs}' + (suffix if loud else '')",
    "def count(items):\n    return len(items) * legs",
    "Animal = type('Animal', (), {'__init__': animal_init})\nsetattr(Animal, 'describe', describe)",
    "rex = Animal('rex')\ntexts = [rex.describe(), rex.describe(loud=True)]",
    "# a plain function passed as a value still works\ncounts = list(map(count, [[1], [1, 2]]))",
    "import json\nwith open('animals.json', 'w') as f:\n    json.dump([texts, counts], f)",
]


def test_a_function_stored_on_a_class_is_bound_to_the_instance(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    (tmp_path / "nb").mkdir()
    expected = notebook_values(tmp_path / "nb", CELLS, tmp_path)
    project, _ = converted_cells(tmp_path, "nb", CELLS, nb2pipe_bin)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    assert expected["texts"] == ["rex:4", "rex:4!"] and expected["counts"] == [4, 8]
    (written,) = (tmp_path / "project").rglob("animals.json")
    assert json.loads(written.read_text()) == [expected["texts"], expected["counts"]]
