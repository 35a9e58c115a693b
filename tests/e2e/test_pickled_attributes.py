"""Values that keep instance attributes a plain pickle drops: an ndarray subclass defined in the
notebook's own module, and python-control's NamedSignal (`signal_labels`), handed from one node to
the next through the pickled datasets, must load as the notebook had them."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from .helpers import converted_cells, explain, run_tool
from .notebook_values import convert_and_compare, notebook_values, pipeline_values

SIGNALS = '''import numpy as np


class Labelled(np.ndarray):
    """An array that knows the names of its rows."""

    @classmethod
    def of(cls, values, labels):
        array = np.asarray(values, dtype=float).view(cls)
        array.labels = list(labels)
        return array
'''

CELLS = [
    "import numpy as np\nfrom labelled_arrays import Labelled",
    "levels = Labelled.of([3.0, 1.0, 2.0], ['low', 'mid', 'high'])",
    "# a later node reads the attribute\nranked = [levels.labels[i] for i in np.argsort(levels)]",
]


def test_an_ndarray_subclass_keeps_its_attributes_between_nodes(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "nb").mkdir()
    (tmp_path / "nb" / "labelled_arrays.py").write_text(SIGNALS)
    monkeypatch.syspath_prepend(str(tmp_path / "nb"))  # as a kernel started there has it
    expected = notebook_values(tmp_path / "nb", CELLS, tmp_path)
    project, _ = converted_cells(tmp_path, "nb", CELLS, nb2pipe_bin)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    # the pickles name the project's copy of the module (project.labelled_arrays)
    monkeypatch.syspath_prepend(str(project / "src"))
    for name in [m for m in sys.modules if m == "project" or m.startswith("project.")]:
        monkeypatch.delitem(sys.modules, name)  # another test's project of the same name
    got = pipeline_values(project, tmp_path / "nb")
    assert got["ranked"] == expected["ranked"] == ["mid", "high", "low"]
    assert got["levels"].labels == expected["levels"].labels == ["low", "mid", "high"]
    np.testing.assert_array_equal(got["levels"], expected["levels"])


CONTROL_CELLS = [
    "import numpy as np\nimport control",
    "response = control.step_response(control.tf([1], [1, 2]), np.linspace(0, 2, 9))\n"
    "y = response.outputs",
    "# a later node reads the labels NamedSignal carries\n"
    "final = {y.signal_labels[0]: float(y[-1])}",
]


def test_a_named_signal_keeps_its_labels_between_nodes(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    pytest.importorskip("control")
    expected, got, _ = convert_and_compare(tmp_path, CONTROL_CELLS, nb2pipe_bin, kedro_bin)
    assert got["final"] == expected["final"]
    assert got["y"].signal_labels == expected["y"].signal_labels
