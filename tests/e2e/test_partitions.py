"""Long loops writing one file per item (issue #13): the folder is a partitioned dataset written
one item at a time; a run that fails at item k keeps items < k, whole, on disk, and the next run
computes only the rest. Calls are counted through a side file the notebook's function appends to
(its path, and the item that fails, come from the environment: the notebook's inputs)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from .helpers import converted_cells, explain, run_tool
from .notebook_values import convert_and_compare, notebook_values, pipeline_values

pytestmark = pytest.mark.e2e

CELLS = [
    "import os\nimport pandas as pd",
    "BATCHES = 5",
    "def score(i):\n"
    "    with open(os.environ['CALLS_LOG'], 'a') as log:\n"
    "        log.write(f'{i}\\n')\n"
    "    if os.environ.get('FAIL_AT') == str(i):\n"
    "        raise RuntimeError(f'item {i} is broken')\n"
    "    return pd.DataFrame({'item': [i] * 3, 'x': [0.5 * i, 1.0, 2.0 + i]})",
    "os.makedirs('scores', exist_ok=True)\n"
    "results = []\n"
    "for i in range(BATCHES):\n"
    "    part = score(i)\n"
    "    part.to_csv(f'scores/batch_{i:02d}.csv', index=False)\n"
    "    results.append(part)\n"
    "summary = pd.concat(results)",
]


def calls(log: Path) -> list[int]:
    return [int(line) for line in log.read_text().split()] if log.exists() else []


def test_a_failed_run_resumes_where_it_stopped(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "nb").mkdir()
    monkeypatch.setenv("CALLS_LOG", str(tmp_path / "notebook_calls.log"))
    expected = notebook_values(tmp_path / "nb", CELLS, tmp_path)
    written = tmp_path / "notebook_run" / "scores"
    project, said = converted_cells(tmp_path, "long", CELLS, nb2pipe_bin)
    assert "display-only `os.makedirs" not in said
    entry = yaml.safe_load((project / "conf/base/catalog.yml").read_text())["scores"]
    assert entry["type"] == "project.datasets.PartitionFolder"
    assert entry["dataset"] == {"type": "pandas.CSVDataset", "save_args": {"index": False}}
    folder = project / entry["filepath"]
    readme = (project / "README.md").read_text()
    assert "### Folders written one item at a time" in readme and "rm -r <folder>" in readme

    log = tmp_path / "pipeline_calls.log"
    monkeypatch.setenv("CALLS_LOG", str(log))
    monkeypatch.setenv("FAIL_AT", "3")
    failed = run_tool([kedro_bin, "run"], cwd=project)
    assert failed.returncode != 0 and "item 3 is broken" in failed.stdout + failed.stderr, explain(
        failed
    )
    assert calls(log) == [0, 1, 2, 3]
    # items before the failure are on disk, whole (equal to the notebook's), and nothing else
    assert sorted(p.name for p in folder.iterdir()) == [
        "batch_00.csv",
        "batch_01.csv",
        "batch_02.csv",
    ]
    for item in folder.iterdir():
        assert item.read_bytes() == (written / item.name).read_bytes(), item.name

    finished = {item.name: item.stat().st_mtime_ns for item in folder.iterdir()}
    monkeypatch.delenv("FAIL_AT")
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    assert calls(log) == [0, 1, 2, 3, 3, 4], "the second run computes only the items not on disk"
    assert {name: (folder / name).stat().st_mtime_ns for name in finished} == finished, (
        "the items the failed run finished are not written again"
    )
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in written.iterdir())
    for item in folder.iterdir():
        assert item.read_bytes() == (written / item.name).read_bytes(), item.name
    got = pipeline_values(project, tmp_path / "nb")
    pd.testing.assert_frame_equal(got["summary"], expected["summary"])
    assert len(got["results"]) == len(expected["results"]) == 5
    for mine, theirs in zip(got["results"], expected["results"], strict=False):
        pd.testing.assert_frame_equal(mine, theirs)

    # a completed run computes nothing again; removing an item recomputes that item only
    (folder / "batch_01.csv").unlink()
    again = run_tool([kedro_bin, "run"], cwd=project)
    assert again.returncode == 0, explain(again)
    assert calls(log) == [0, 1, 2, 3, 3, 4, 1]
    pd.testing.assert_frame_equal(
        pipeline_values(project, tmp_path / "nb")["summary"], expected["summary"]
    )


READER = [
    "import os\nimport pandas as pd",
    "def score(i):\n    return pd.DataFrame({'item': [i], 'y': [i * i]})",
    # the body does more than compute and write the item: every run computes all items again,
    # still each one written whole, and the folder is still one partitioned dataset
    "os.makedirs('out', exist_ok=True)\ntotal = 0\n"
    "for name in ['a', 'b', 'c']:\n"
    "    frame = score(len(name) + total)\n"
    "    total += 1\n"
    "    frame.to_csv(os.path.join('out', name + '.csv'))\n",
]


def test_a_loop_that_cannot_skip_items_writes_them_all(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    (tmp_path / "nb").mkdir()
    notebook_values(tmp_path / "nb", READER, tmp_path)
    project, _ = converted_cells(tmp_path, "loop", READER, nb2pipe_bin)
    told = run_tool([nb2pipe_bin, "explain", tmp_path / "nb"], cwd=tmp_path).stdout
    assert "computed again on every run: the loop does more than compute the item" in told, told
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    entry = yaml.safe_load((project / "conf/base/catalog.yml").read_text())["out"]
    folder = project / entry["filepath"]
    written = tmp_path / "notebook_run" / "out"
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv", "b.csv", "c.csv"]
    for item in folder.iterdir():
        assert item.read_bytes() == (written / item.name).read_bytes(), item.name


NAMED_FOLDER = [
    "import os\nfrom pathlib import Path\nimport numpy as np\nimport pandas as pd",
    # the folder is a constant (a parameter): each item's path still reads it in the node
    "OUT = 'results'\nos.makedirs(OUT, exist_ok=True)\n"
    "frames = [pd.DataFrame({'a': [k]}) for k in range(3)]",
    "for i, f in enumerate(frames):\n    f.to_parquet(Path(OUT) / f'part_{i}.parquet')",
    "arrays = []\nfor name in ['x', 'y']:\n    arr = np.arange(3) * len(name)\n"
    "    np.save(f'{OUT}/arr_{name}.npy', arr)\n    arrays.append(arr)\n"
    "total = sum(a.sum() for a in arrays)",
]


def test_items_in_a_folder_named_by_a_constant(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(tmp_path, NAMED_FOLDER, nb2pipe_bin, kedro_bin)
    assert {"arrays", "total", "frames"} <= set(got)
    catalog = yaml.safe_load((tmp_path / "project/conf/base/catalog.yml").read_text())
    folder = tmp_path / "project" / catalog["results"]["filepath"]
    assert sorted(p.name for p in folder.iterdir()) == ["arr_x.npy", "arr_y.npy"]
    assert (np.load(folder / "arr_y.npy") == expected["arrays"][1]).all()


BRANCHES = [
    "import os\nimport pandas as pd",
    "def save(frame, i):\n    frame.to_csv(f'by_call/item_{i}.csv', index=False)",
    # items written in the branches of an `if`: each one whole, into the one partitioned folder
    "os.makedirs('parts', exist_ok=True)\nos.makedirs('by_call', exist_ok=True)\n"
    "for i in range(4):\n    part = pd.DataFrame({'i': [i], 'sq': [i * i]})\n"
    "    if i % 2 == 0:\n        part.to_csv(f'parts/even_{i}.csv', index=False)\n"
    "    else:\n        part.to_csv(f'parts/odd_{i}.csv', index=False)",
    # a function writing one file per call: said so, written in place as before
    "for i in range(2):\n    save(pd.DataFrame({'i': [i]}), i)",
]


def test_items_written_in_branches_and_by_a_function(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    (tmp_path / "nb").mkdir()
    notebook_values(tmp_path / "nb", BRANCHES, tmp_path)
    project, said = converted_cells(tmp_path, "branches", BRANCHES, nb2pipe_bin)
    assert "`save()` writes one file per call into `by_call/`" in said, said
    assert "[partition-in-function]" in said
    entry = yaml.safe_load((project / "conf/base/catalog.yml").read_text())["parts"]
    assert entry["type"] == "project.datasets.PartitionFolder"
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    folder, written = project / entry["filepath"], tmp_path / "notebook_run"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in (written / "parts").iterdir()
    )
    for item in folder.iterdir():
        assert item.read_bytes() == (written / "parts" / item.name).read_bytes(), item.name
    for item in (written / "by_call").iterdir():
        assert (project / "by_call" / item.name).read_bytes() == item.read_bytes()
