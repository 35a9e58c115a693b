"""`h5py.File(path, mode)` opens a file itself: "w" writes it, "r" (the default) reads it, "r+"
and "a" change it in place. Each is a catalog file in that mode, so the nodes run in the
notebook's order and every change works on the version before it. Before, the path was no file
at all to nb2pipe: nothing ordered the nodes and `kedro run` failed with FileNotFoundError
(gjbex's h5py.ipynb in the large corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .notebook_values import convert_and_compare

pytestmark = pytest.mark.e2e

CELLS = [
    "import json\nimport h5py\nimport numpy as np",
    "store = h5py.File('grid.h5', 'w')",
    "store.create_dataset('x', data=np.arange(6.0))",
    "store.close()",
    "with h5py.File('grid.h5', 'r') as f:\n    first = f['x'][:].tolist()",
    "with h5py.File('grid.h5', 'r+') as f:\n    f.create_dataset('y', data=f['x'][:] ** 2)",
    "with h5py.File('grid.h5', 'a') as f:\n    f['y'][0] = -1.0\n    f.attrs['units'] = 'km'",
    "with h5py.File('grid.h5') as f:\n"
    "    final = {'y': f['y'][:].tolist(), 'units': str(f.attrs['units'])}",
    "with open('final.json', 'w') as out:\n    json.dump([first, final], out)",
]


def test_hdf5_files_opened_in_every_mode_follow_the_notebook(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, _, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    (written,) = (tmp_path / "project").rglob("final.json")
    assert json.loads(written.read_text()) == [expected["first"], expected["final"]]
    assert expected["final"] == {"y": [-1.0, 1.0, 4.0, 9.0, 16.0, 25.0], "units": "km"}
