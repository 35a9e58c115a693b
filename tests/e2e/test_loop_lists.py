"""Loops of a driver script over a parameter list or a raw folder (issue #13 point 5), really
converted and run with `kedro run`:

* `papermill` in a loop over a literal list or a list read from a file is one partitioned step:
  each executed notebook is one item, written whole; a run failing at item k keeps the items
  before it and the next run computes only the rest; each item shows what the notebook computes
  with that value;
* a glob loop over raw inputs spelled through variables (`"$DATA_DIR"/*.csv`,
  `"${OUT}/part_$(basename "$f")"`) reads the raw folder through the catalog (copied into
  data/01_raw) and writes the partitioned folder item by item, resumed the same way; every file
  equals bash's run of the driver;
* a script given a raw folder and an output folder (`python score.py data/parts out/`, listing
  the first with `os.listdir`) converts: the raw folder is copied and listed there, the output
  folder is partitioned and read by the later `cat out/*.csv`.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
import yaml

from .helpers import BIN, KERNEL_NAME, explain, jupyter_path, run_tool

pytestmark = pytest.mark.e2e

TRAIN_PARAMETERS = "alpha = 0.3"
TRAIN = """\
import os

with open(os.environ["CALLS_LOG"], "a") as log:
    log.write(f"{alpha}\\n")
if os.environ.get("FAIL_AT") == str(alpha):
    raise ValueError(f"alpha {alpha} is broken")
xs = [1.0, 2.0, 4.0]
print(f"alpha={alpha} total={sum(x * alpha for x in xs):.4f}")
"""
LOOP = (
    "for alpha in {values}; do\n"
    '  papermill train.ipynb "runs/train_$alpha.ipynb" -p alpha "$alpha"\n'
    "done\n"
)


def train_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell(TRAIN_PARAMETERS)
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [parameters, nbformat.v4.new_code_cell(TRAIN)]
    nb.metadata["kernelspec"] = {
        "name": KERNEL_NAME,
        "display_name": "Python",
        "language": "python",
    }
    return nb


def computed(alpha: float, log: Path) -> str:
    """What the notebook prints with ``alpha``: its cells run here, the value injected last."""
    out = io.StringIO()
    scope: dict[str, object] = {}
    with contextlib.redirect_stdout(out):
        exec(TRAIN_PARAMETERS, scope)
        scope["alpha"] = alpha
        saved = os.environ.get("CALLS_LOG")
        os.environ["CALLS_LOG"] = str(log)
        try:
            exec(TRAIN, scope)
        finally:
            os.environ["CALLS_LOG"] = saved or ""
    return out.getvalue()


def printed(executed: Path) -> str:
    nb = nbformat.read(executed, as_version=4)
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", ()))


def calls(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


@pytest.mark.parametrize("spelled", ["literal", "file"])
def test_a_papermill_loop_is_one_resumable_partitioned_step(
    spelled: str,
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
    (source / "alphas.txt").write_text("0.5\n2\n")
    values = "0.5 2" if spelled == "literal" else "$(cat alphas.txt)"
    (source / "run.sh").write_text("set -e\nmkdir -p runs\n" + LOOP.format(values=values))

    project = tmp_path / "project"
    with jupyter_path(kernel_dir):
        converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    entry = catalog["runs"]
    assert entry["type"] == "project.datasets.PartitionFolder"
    assert entry["filename_suffix"] == ".ipynb"
    assert catalog["train_ipynb"]["filepath"].startswith("data/01_raw/")
    if spelled == "file":
        assert catalog["alphas_txt"]["filepath"] == "data/01_raw/alphas.txt"
    assert "papermill" in (project / "requirements.txt").read_text()
    pipelines = list((project / "src/project/pipelines").glob("*/pipeline.py"))
    assert len(pipelines) == 1 and pipelines[0].read_text().count("Node(") == 1, "not unrolled"
    folder = project / entry["filepath"]

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
    assert calls(log) == ["0.5", "2", "2"], "the second run computes only the item not on disk"
    assert (folder / "train_0.5.ipynb").stat().st_mtime_ns == first
    assert sorted(p.name for p in folder.iterdir()) == ["train_0.5.ipynb", "train_2.ipynb"]
    for alpha, name in ((0.5, "train_0.5.ipynb"), (2, "train_2.ipynb")):
        assert printed(folder / name) == computed(alpha, tmp_path / "test_calls.log")
    assert not (project / "train.ipynb").exists(), "the notebook is only copied there to run"


DRIVER = """\
set -e
DATA_DIR=data/raw
OUT=clean
mkdir -p "$OUT"
for f in "$DATA_DIR"/*.csv; do
  python clean.py "$f" "${OUT}/part_$(basename "$f")"
done
cat "$OUT"/*.csv > all.csv
"""
CLEAN = """\
import os
import sys

import pandas as pd

source, target = sys.argv[1], sys.argv[2]
with open(os.environ["CALLS_LOG"], "a") as log:
    log.write(os.path.basename(source) + "\\n")
if os.environ.get("FAIL_AT") == os.path.basename(source):
    raise SystemExit(f"{source} is broken")
frame = pd.read_csv(source)
frame.assign(total=frame["a"] * 2 + frame["b"]).to_csv(target, index=False)
"""


def test_a_glob_loop_over_raw_inputs_reads_the_raw_folder_and_resumes(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    source = tmp_path / "src"
    (source / "data/raw").mkdir(parents=True)
    (source / "run.sh").write_text(DRIVER)
    (source / "clean.py").write_text(CLEAN)
    for name, rows in (("jan", "1,2\n3,4\n"), ("feb", "5,6\n"), ("mar", "7,8\n9,10\n")):
        (source / "data/raw" / f"{name}.csv").write_text("a,b\n" + rows)
    by_bash = shutil.copytree(source, tmp_path / "bash_run")
    monkeypatch.setenv("CALLS_LOG", str(tmp_path / "bash_calls.log"))
    subprocess.run(["bash", "run.sh"], cwd=by_bash, check=True, timeout=300)

    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    raw = next(e for e in catalog.values() if e.get("filepath", "").startswith("data/01_raw/raw"))
    assert sorted(p.name for p in (project / raw["filepath"]).iterdir()) == [
        "feb.csv",
        "jan.csv",
        "mar.csv",
    ], "the raw folder is copied into the project"
    entry = catalog["clean@partitions"]
    assert entry["type"] == "project.datasets.PartitionFolder"
    folder = project / entry["filepath"]

    log = tmp_path / "pipeline_calls.log"
    monkeypatch.setenv("CALLS_LOG", str(log))
    monkeypatch.setenv("FAIL_AT", "jan.csv")
    failed = run_tool([kedro_bin, "run"], cwd=project)
    assert failed.returncode != 0 and "jan.csv is broken" in failed.stdout + failed.stderr
    assert calls(log) == ["feb.csv", "jan.csv"]
    assert sorted(p.name for p in folder.iterdir()) == ["part_feb.csv"]

    monkeypatch.delenv("FAIL_AT")
    resumed = run_tool([kedro_bin, "run"], cwd=project)
    assert resumed.returncode == 0, explain(resumed)
    assert calls(log) == ["feb.csv", "jan.csv", "jan.csv", "mar.csv"]
    expected = by_bash / "clean"
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in expected.iterdir())
    for item in folder.iterdir():
        assert item.read_bytes() == (expected / item.name).read_bytes()
    gathered = project / catalog["all_csv"]["filepath"]
    assert gathered.read_bytes() == (by_bash / "all.csv").read_bytes()


SCORE_FOLDER = """\
import os
import sys

import pandas as pd

parts = sys.argv[1]
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
for name in sorted(os.listdir(parts)):
    frame = pd.read_csv(os.path.join(parts, name))
    frame.fillna(0).assign(score=frame["a"].fillna(0) * 10).to_csv(
        os.path.join(out, name), index=False
    )
"""


UNPACKED = "parts, out = sys.argv[1], sys.argv[2]\n"


@pytest.mark.parametrize("arguments", ["separate", "unpacked"])
def test_a_script_given_folders_lists_the_raw_one_and_fills_the_other(
    arguments: str,
    tmp_path: Path,
    nb2pipe_bin: Path,
    kedro_bin: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    source = tmp_path / "src"
    (source / "data/parts").mkdir(parents=True)
    (source / "run.sh").write_text(
        "set -e\npython score.py data/parts out/\ncat out/*.csv > all.csv\n"
    )
    score = SCORE_FOLDER
    if arguments == "unpacked":
        score = score.replace("parts = sys.argv[1]\nout = sys.argv[2]\n", UNPACKED)
        assert UNPACKED in score
    (source / "score.py").write_text(score)
    (source / "data/parts/p1.csv").write_text("a,b\n1,2\n,3\n")
    (source / "data/parts/p2.csv").write_text("a,b\n4,\n")
    by_bash = shutil.copytree(source, tmp_path / "bash_run")
    subprocess.run(["bash", "run.sh"], cwd=by_bash, check=True, timeout=300)

    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    assert "bash-verbatim-run" not in converted.stdout + converted.stderr, "the script converts"
    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    paths = [e.get("filepath", "") for e in catalog.values()]
    raw = project / next(p for p in paths if p.startswith("data/01_raw/") and "parts" in p)
    assert sorted(p.name for p in raw.iterdir()) == ["p1.csv", "p2.csv"], "copied raw folder"
    partitioned = [e for e in catalog.values() if e.get("type", "").endswith(".PartitionFolder")]
    assert [e["filepath"] for e in partitioned] == ["data/02_intermediate/out"]
    folder = project / partitioned[0]["filepath"]

    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    expected = by_bash / "out"
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in expected.iterdir())
    for item in folder.iterdir():
        assert item.read_bytes() == (expected / item.name).read_bytes()
    gathered = project / catalog["all_csv"]["filepath"]
    assert gathered.read_bytes() == (by_bash / "all.csv").read_bytes()
