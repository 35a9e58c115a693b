"""Python drivers (issue #13 item 5): a `.py` file that only runs notebooks with papermill's
`execute_notebook`, converted and run with `kedro run`, compared with the driver's own run:

* over a list of values it is one partitioned, resumable step, as the bash loop: a run failing at
  the second value keeps the executed notebook before it (untouched by the next run), the next
  run executes only the rest, and every executed notebook prints what the driver's run printed;
* a single run converts the notebook with the parameters bound, as `papermill -p` does: the
  values are in parameters.yml and the file it writes equals the driver's; also when a bash
  script runs the driver (`python driver.py`: a call converted with its caller);
* a `subprocess.run` loop over a glob is one partitioned, resumable step over the raw folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml

from .helpers import BIN, KERNEL_NAME, explain, jupyter_path, run_tool
from .test_loop_lists import CLEAN, calls, printed, train_notebook

pytestmark = pytest.mark.e2e

LOOP_DRIVER = '''\
"""Train once per alpha."""
import os

import papermill as pm

os.makedirs("runs", exist_ok=True)
for alpha in [0.5, 2, 4]:
    pm.execute_notebook("train.ipynb", f"runs/train_{alpha}.ipynb", parameters={"alpha": alpha})
'''


def test_a_python_papermill_loop_is_one_resumable_partitioned_step(
    tmp_path: Path,
    nb2pipe_bin: Path,
    kedro_bin: Path,
    kernel_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_dir))
    source = tmp_path / "src"
    source.mkdir()
    nbformat.write(train_notebook(), source / "train.ipynb")
    (source / "driver.py").write_text(LOOP_DRIVER)
    by_python = shutil.copytree(source, tmp_path / "python_run")
    monkeypatch.setenv("CALLS_LOG", str(tmp_path / "driver_calls.log"))
    subprocess.run([sys.executable, "driver.py"], cwd=by_python, check=True, timeout=600)

    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    assert catalog["runs"]["type"] == "project.datasets.PartitionFolder"
    assert catalog["train_ipynb"]["filepath"].startswith("data/01_raw/")
    pipelines = list((project / "src/project/pipelines").glob("*/pipeline.py"))
    assert len(pipelines) == 1 and pipelines[0].read_text().count("Node(") == 1, "one step"
    folder = project / catalog["runs"]["filepath"]

    log = tmp_path / "pipeline_calls.log"
    monkeypatch.setenv("CALLS_LOG", str(log))
    monkeypatch.setenv("FAIL_AT", "2")
    failed = run_tool([kedro_bin, "run"], cwd=project, timeout=900)
    assert failed.returncode != 0, explain(failed)
    assert calls(log) == ["0.5", "2"]
    assert sorted(p.name for p in folder.iterdir()) == ["train_0.5.ipynb"], "only whole items"
    first = (folder / "train_0.5.ipynb").stat().st_mtime_ns

    monkeypatch.delenv("FAIL_AT")
    resumed = run_tool([kedro_bin, "run"], cwd=project, timeout=900)
    assert resumed.returncode == 0, explain(resumed)
    assert calls(log) == ["0.5", "2", "2", "4"], "the resumed run computes only the rest"
    assert (folder / "train_0.5.ipynb").stat().st_mtime_ns == first
    expected = by_python / "runs"
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in expected.iterdir())
    for item in expected.iterdir():
        assert printed(folder / item.name) == printed(item), item.name


SCORE_PARAMETERS = 'alpha = 0.3\nlabel = "base"\nout_path = "scores.csv"'
SCORE = """\
import pandas as pd

frame = pd.DataFrame({"x": [1.0, 2.0, 4.0]})
frame["y"] = frame["x"] * alpha
frame["label"] = label
frame.to_csv(out_path, index=False)
"""
SINGLE_DRIVER = """\
import papermill as pm

pm.execute_notebook(
    "score.ipynb",
    "score_run.ipynb",
    parameters=dict(alpha=0.7, label="7", out_path="scored.csv"),
    kernel_name="{kernel}",
)
"""


@pytest.mark.parametrize("run", ["alone", "by run.sh"])
def test_a_single_execute_notebook_converts_the_notebook_with_its_values_bound(
    run: str,
    tmp_path: Path,
    nb2pipe_bin: Path,
    kedro_bin: Path,
    kernel_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    source = tmp_path / "src"
    source.mkdir()
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell(SCORE_PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell(SCORE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python", "language": "python"}
    nbformat.write(nb, source / "score.ipynb")
    (source / "driver.py").write_text(SINGLE_DRIVER.replace("{kernel}", KERNEL_NAME))
    if run == "by run.sh":  # `python driver.py` is a call of the driver, as `bash x.sh` is
        (source / "run.sh").write_text("set -e\npython driver.py\n")
    by_python = shutil.copytree(source, tmp_path / "python_run")
    with jupyter_path(kernel_dir):
        subprocess.run([sys.executable, "driver.py"], cwd=by_python, check=True, timeout=600)

    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    parameters_yml = yaml.safe_load((project / "conf/base/parameters.yml").read_text())
    assert parameters_yml["score"]["alpha"] == 0.7
    assert parameters_yml["score"]["label"] == "7", "a string stays a string (papermill -r)"
    pipelines = sorted(p.name for p in (project / "src/project/pipelines").iterdir())
    assert pipelines == ["__init__.py", "score"], "the notebook's pipeline only, converted once"
    nodes = (project / "src/project/pipelines/score/nodes.py").read_text()
    assert "papermill" not in nodes and "alpha" in nodes, "the notebook's own code, converted"
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    written = next(e for e in catalog.values() if e.get("filepath", "").endswith("scored.csv"))

    ran = run_tool([kedro_bin, "run"], cwd=project, timeout=900)
    assert ran.returncode == 0, explain(ran)
    expected = pd.read_csv(by_python / "scored.csv", dtype=str)
    assert expected["y"].tolist() == ["0.7", "1.4", "2.8"] and set(expected["label"]) == {"7"}
    pd.testing.assert_frame_equal(pd.read_csv(project / written["filepath"], dtype=str), expected)


GLOB_DRIVER = """\
import glob
import os
import subprocess
import sys

os.makedirs("clean", exist_ok=True)
for f in sorted(glob.glob("data/raw/*.csv")):
    subprocess.run([sys.executable, "clean.py", f, f"clean/part_{os.path.basename(f)}"], check=True)
"""


def test_a_python_subprocess_loop_over_a_glob_reads_the_raw_folder_and_resumes(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    source = tmp_path / "src"
    (source / "data/raw").mkdir(parents=True)
    (source / "driver.py").write_text(GLOB_DRIVER)
    (source / "clean.py").write_text(CLEAN)
    for name, rows in (("jan", "1,2\n3,4\n"), ("feb", "5,6\n"), ("mar", "7,8\n")):
        (source / "data/raw" / f"{name}.csv").write_text("a,b\n" + rows)
    by_python = shutil.copytree(source, tmp_path / "python_run")
    monkeypatch.setenv("CALLS_LOG", str(tmp_path / "driver_calls.log"))
    subprocess.run([sys.executable, "driver.py"], cwd=by_python, check=True, timeout=300)

    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    folder = project / catalog["clean"]["filepath"]
    assert catalog["clean"]["type"] == "project.datasets.PartitionFolder"

    log = tmp_path / "pipeline_calls.log"
    monkeypatch.setenv("CALLS_LOG", str(log))
    monkeypatch.setenv("FAIL_AT", "jan.csv")
    failed = run_tool([kedro_bin, "run"], cwd=project)
    assert failed.returncode != 0 and "jan.csv is broken" in failed.stdout + failed.stderr
    assert calls(log) == ["feb.csv", "jan.csv"]
    assert sorted(p.name for p in folder.iterdir()) == ["part_feb.csv"]
    first = (folder / "part_feb.csv").stat().st_mtime_ns

    monkeypatch.delenv("FAIL_AT")
    resumed = run_tool([kedro_bin, "run"], cwd=project)
    assert resumed.returncode == 0, explain(resumed)
    assert calls(log) == ["feb.csv", "jan.csv", "jan.csv", "mar.csv"]
    assert (folder / "part_feb.csv").stat().st_mtime_ns == first
    expected = by_python / "clean"
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in expected.iterdir())
    for item in expected.iterdir():
        assert (folder / item.name).read_bytes() == item.read_bytes()
