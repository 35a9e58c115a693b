"""End to end: the driver script of ``sample_pipeline/``, converted by nb2pipe, gives the same
files under `kedro run` as the script itself.

``run_all.sh`` runs a Python script with arguments (`scripts/prepare.py`), a file command
(`cut`) and two notebooks (`jupyter nbconvert --execute`) that pass a file to each other; the
second draws a chart, saves it and writes metrics. The module-scoped ``driver_run`` fixture runs
the script with bash in a temporary copy (this interpreter's `python` and `jupyter` first on
PATH, a `python3` kernel on this interpreter) and records every file it wrote. The conversion
test converts a fresh copy, runs `kedro run`, and looks for each of those files, by content,
anywhere under the project's data/ folder; every figure a notebook showed must be saved too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
import yaml

from .helpers import BIN, copy_tree, count_figures, explain, run_tool, snapshot, write_kernelspec

SAMPLE = Path(__file__).resolve().parents[2] / "sample_pipeline"
#: Folders the driver writes; removed from every copy (a run made in place leaves them).
OUTPUT_DIRS = ("work", "reports")
#: The executed copies `jupyter nbconvert --execute --output X` writes: reports of the run, not
#: data (docs/bash.md), so the pipeline does not make them.
EXECUTED = ("notebooks/01_summarize.out.ipynb", "notebooks/02_report.out.ipynb")
EXPECTED_WRITES = {
    "work/prepared.csv",
    "work/columns.csv",
    "work/summary.csv",
    "reports/revenue.png",
    "reports/metrics.json",
}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def fresh_copy(dst: Path) -> Path:
    copy_tree(SAMPLE, dst)
    for rel in OUTPUT_DIRS:
        shutil.rmtree(dst / rel, ignore_errors=True)
    for rel in EXECUTED:
        (dst / rel).unlink(missing_ok=True)
    return dst


@dataclass(frozen=True)
class DriverRun:
    folder: Path
    #: Files the script created or changed (executed notebooks excluded), relative, posix.
    wrote: tuple[str, ...]
    #: Figures the notebooks displayed (image/png outputs of the executed copies).
    figures: int
    seconds: float


@pytest.fixture(scope="module")
def driver_run(tmp_path_factory: pytest.TempPathFactory) -> DriverRun:
    base = tmp_path_factory.mktemp("driver")
    folder = fresh_copy(base / "sample_pipeline")
    kernels = write_kernelspec(base / "jupyter", name="python3")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(PATH=os.pathsep.join([str(BIN), env.get("PATH", "")]), JUPYTER_PATH=str(kernels))
    before = snapshot(folder)
    start = time.perf_counter()
    proc = subprocess.run(
        ["bash", "run_all.sh"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, "run_all.sh failed\n" + explain(proc)
    after = snapshot(folder)
    wrote = tuple(sorted(p for p, d in after.items() if before.get(p) != d and p not in EXECUTED))
    figures = sum(count_figures(nbformat.read(folder / rel, as_version=4)) for rel in EXECUTED)
    return DriverRun(folder, wrote, figures, seconds)


@pytest.mark.e2e
def test_driver_script_writes_the_expected_files(driver_run: DriverRun) -> None:
    assert set(driver_run.wrote) == EXPECTED_WRITES
    assert driver_run.figures == 1


@pytest.mark.e2e
@pytest.mark.parametrize("given", ["sample_pipeline", "sample_pipeline/run_all.sh"])
def test_converted_driver_reproduces_every_file(
    given: str, driver_run: DriverRun, tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    """The folder, or the driver script alone (the README's `nb2pipe convert
    sample_pipeline/run_all.sh -o my_project`): the script converts what it runs."""
    source = fresh_copy(tmp_path / "sample_pipeline")
    before = snapshot(source)
    project = tmp_path / "project"

    converted = run_tool([nb2pipe_bin, "convert", given, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, "nb2pipe convert failed\n" + explain(converted)
    assert snapshot(source) == before, "nb2pipe convert changed the sample's folder"
    pipelines = sorted(p.name for p in project.glob("src/*/pipelines/*") if p.is_dir())
    assert pipelines == ["prepare", "report", "run_all", "summarize"], pipelines

    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, "kedro run failed\n" + explain(ran)

    produced: dict[str, list[str]] = {}
    for path in sorted((project / "data").rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            produced.setdefault(digest, []).append(path.relative_to(project).as_posix())
    missing = [
        rel
        for rel in driver_run.wrote
        if hashlib.sha256((driver_run.folder / rel).read_bytes()).hexdigest() not in produced
    ]
    assert not missing, f"no file under data/ has the content of {missing}"

    manifest = json.loads((project / ".nb2pipe" / "manifest.json").read_text(encoding="utf-8"))
    assert set(driver_run.wrote) <= set(manifest["files"]), manifest["files"]

    figures = [
        p
        for p in (project / "data" / "08_reporting").rglob("*")
        if p.is_file() and p.open("rb").read(8) == PNG_MAGIC and "revenue" not in p.name
    ]
    assert len(figures) >= driver_run.figures, figures


@pytest.mark.e2e
def test_converted_driver_keeps_the_script_readable(tmp_path: Path, nb2pipe_bin: Path) -> None:
    """The file command is a node running the command with the catalog's paths; the Python
    script is real nodes with its --min-qty a parameter."""
    source = fresh_copy(tmp_path / "sample_pipeline")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    package = next(project.glob("src/*/pipelines")).parent
    shell = (package / "pipelines" / "run_all" / "nodes.py").read_text(encoding="utf-8")
    assert 'f"cut -d, -f2,4,6 {quote(prepared_csv)} > {quote(columns_csv_path)}"' in shell
    prepare = (package / "pipelines" / "prepare" / "nodes.py").read_text(encoding="utf-8")
    assert "argparse" not in prepare and "subprocess" not in prepare
    params = yaml.safe_load((project / "conf/base/parameters.yml").read_text(encoding="utf-8"))
    assert params["prepare"] == {"min_qty": 2}
