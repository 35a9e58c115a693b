"""A class whose body reads notebook data stays in its node: the real `kedro run` must pass the
class and its instances between nodes, which plain pickle cannot store."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import converted_cells, explain, run_tool

CELLS = [
    "import json\nimport numpy as np\nT = np.arange(1.0, 6.0)",
    "class Scaler:\n    upper = T.max()\n\n    def scale(self, x):\n        return x / self.upper",
    "scaler = Scaler()",
    "# a later cell, a later node: the instance crossed a node boundary\nscaled = scaler.scale(T)",
    "with open('scaled.json', 'w') as f:\n    json.dump([float(v) for v in scaled], f)",
]


def test_a_class_defined_from_data_runs_across_nodes(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    project, _ = converted_cells(tmp_path, "classes", CELLS, nb2pipe_bin)
    nodes = (project / "src" / "project" / "pipelines" / "classes" / "nodes.py").read_text()
    assert "class Scaler" in nodes, "the class reads `T`: it is defined where T is available"
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)

    (written,) = project.rglob("scaled.json")
    assert json.loads(written.read_text()) == [0.2, 0.4, 0.6, 0.8, 1.0]
