"""A driver script's loop writing one file per item (issue #13 item 5): the folder is one
partitioned dataset; a `kedro run` that fails part-way keeps the finished items, the next run
computes only the rest (their files untouched), and the step reading the folder afterwards gets it
as an input. The called script reads the item to fail at and a log of its calls from the
environment; everything is compared with running the driver itself with bash."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from .helpers import BIN, explain, run_tool

pytestmark = pytest.mark.e2e

DRIVER = """\
set -e
N=4
mkdir -p scores
# Score each item (minutes each).
for n in $(seq 1 "$N"); do
  python score.py "$n" "scores/item_$n.csv"
done
# Gather the items.
cat scores/*.csv > all.csv
"""
SCORE = """\
import os
import sys

import pandas as pd

n = int(sys.argv[1])
out = sys.argv[2]
with open(os.environ["CALLS_LOG"], "a") as log:
    log.write(f"{n}\\n")
if os.environ.get("FAIL_AT") == str(n):
    raise SystemExit(f"item {n} is broken")
pd.DataFrame({"item": [n, n], "x": [n * 0.5, n + 1.0]}).to_csv(out, index=False)
"""


def calls(log: Path) -> list[int]:
    return [int(line) for line in log.read_text().split()] if log.exists() else []


def test_a_driver_loop_resumes_where_it_stopped(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    source = tmp_path / "src"
    source.mkdir()
    (source / "run.sh").write_text(DRIVER)
    (source / "score.py").write_text(SCORE)
    ran_by_bash = shutil.copytree(source, tmp_path / "bash_run")
    monkeypatch.setenv("CALLS_LOG", str(tmp_path / "bash_calls.log"))
    subprocess.run(["bash", "run.sh"], cwd=ran_by_bash, check=True, timeout=300)

    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    entry = catalog["scores@partitions"]
    assert entry["type"] == "project.datasets.PartitionFolder"
    assert entry["filename_suffix"] == ".csv"
    folder = project / entry["filepath"]
    pipeline = next((project / "src/project/pipelines").glob("*/pipeline.py")).read_text()
    assert '"scores@path"' in pipeline, "the step reading the folder gets it as an input"

    log = tmp_path / "pipeline_calls.log"
    monkeypatch.setenv("CALLS_LOG", str(log))
    monkeypatch.setenv("FAIL_AT", "3")
    failed = run_tool([kedro_bin, "run"], cwd=project)
    assert failed.returncode != 0 and "item 3 is broken" in failed.stdout + failed.stderr, explain(
        failed
    )
    assert calls(log) == [1, 2, 3]
    # the items before the failure are in the folder, whole, and nothing else
    assert sorted(p.name for p in folder.iterdir()) == ["item_1.csv", "item_2.csv"]
    for item in folder.iterdir():
        assert item.read_bytes() == (ran_by_bash / "scores" / item.name).read_bytes()
    finished = {item.name: item.stat().st_mtime_ns for item in folder.iterdir()}

    monkeypatch.delenv("FAIL_AT")
    resumed = run_tool([kedro_bin, "run"], cwd=project)
    assert resumed.returncode == 0, explain(resumed)
    assert calls(log) == [1, 2, 3, 3, 4], "the second run computes only the items not on disk"
    assert {name: (folder / name).stat().st_mtime_ns for name in finished} == finished
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        p.name for p in (ran_by_bash / "scores").iterdir()
    )
    for item in folder.iterdir():
        assert item.read_bytes() == (ran_by_bash / "scores" / item.name).read_bytes()
    gathered = project / catalog["all_csv"]["filepath"]
    assert gathered.read_bytes() == (ran_by_bash / "all.csv").read_bytes()
    assert not (project / "score.py").exists(), "the script is only copied there while it runs"

    # a completed run computes no item again; removing one recomputes it alone
    (folder / "item_2.csv").unlink()
    again = run_tool([kedro_bin, "run"], cwd=project)
    assert again.returncode == 0, explain(again)
    assert calls(log) == [1, 2, 3, 3, 4, 2]
    assert gathered.read_bytes() == (ran_by_bash / "all.csv").read_bytes()
