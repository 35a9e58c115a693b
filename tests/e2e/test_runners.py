"""End to end: the generated sample projects run unchanged with Kedro's ParallelRunner and with
the project's own Dask runner (a local cluster of worker processes on 127.0.0.1), and every file
they write equals what the sequential `kedro run` writes.

Compared file by file under data/ (raw inputs aside), with the run's timestamp taken out of the
paths of versioned datasets: bytes equal, else for a pickle the loaded values equal (pickles of
equal values may differ in bytes), for a PNG the same size in pixels.
"""

from __future__ import annotations

import pickle
import re
import shutil
import struct
from pathlib import Path

import nbformat
import pytest

from nb2pipe.verify.compare import compare_values
from nb2pipe.verify.orchestrate import importable

from . import test_sample_notebooks, test_sample_pipeline
from .helpers import explain, run_tool
from .test_function_scopes import notebook_result, written

pytestmark = pytest.mark.e2e

#: The folder of one version of a versioned dataset (Kedro's save version).
VERSION = re.compile(r"/\d{4}-\d\d-\d\dT\d\d\.\d\d\.\d\d\.\d{3}Z/")
PICKLES = {".pkl", ".pickle", ".joblib"}
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

SAMPLES = {
    "sample_notebooks": test_sample_notebooks.fresh_copy,
    "sample_pipeline": test_sample_pipeline.fresh_copy,
}


def outputs(project: Path) -> dict[str, Path]:
    """Every file a run wrote under data/ (not data/01_raw), keyed without the save version."""
    data = project / "data"
    return {
        VERSION.sub("/<version>/", "/" + p.relative_to(data).as_posix())[1:]: p
        for p in sorted(data.rglob("*"))
        if p.is_file() and p.name != ".gitkeep" and p.relative_to(data).parts[0] != "01_raw"
    }


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_MAGIC, f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


def load_pickle(path: Path, project: Path) -> object:
    with importable(project / "src"):  # values may name the project's modules
        if path.suffix == ".joblib":
            import joblib

            return joblib.load(path)
        with path.open("rb") as handle:
            return pickle.load(handle)


def difference(
    name: str, expected: Path, produced: Path, projects: tuple[Path, Path]
) -> str | None:
    """None when ``produced`` holds what ``expected`` holds, else why not."""
    want, got = expected.read_bytes(), produced.read_bytes()
    if want == got:
        return None
    if want[:8] == PNG_MAGIC:
        sizes = png_size(expected), png_size(produced)
        return None if sizes[0] == sizes[1] else f"{name}: figure of {sizes[0]} px, now {sizes[1]}"
    if expected.suffix in PICKLES:
        outcome = compare_values(
            load_pickle(expected, projects[0]), load_pickle(produced, projects[1])
        )
        return None if outcome.status == "equal" else f"{name}: {outcome.detail}"
    return f"{name}: {len(want)} bytes in the sequential run, {len(got)} now"


def compare_runs(sequential: Path, other: Path) -> list[str]:
    want, got = outputs(sequential), outputs(other)
    problems = [f"missing {n}" for n in sorted(want.keys() - got.keys())]
    problems += [f"extra {n}" for n in sorted(got.keys() - want.keys())]
    for name in sorted(want.keys() & got.keys()):
        problem = difference(name, want[name], got[name], (sequential, other))
        if problem:
            problems.append(problem)
    return problems


@pytest.fixture(scope="module", params=sorted(SAMPLES))
def sequential(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
               nb2pipe_bin: Path, kedro_bin: Path) -> Path:
    """The sample converted into a project, run once with the default (sequential) runner; the
    project next to it (``<project>.clean``) as converted, never run."""
    root = tmp_path_factory.mktemp(request.param)
    source = SAMPLES[request.param](root / request.param)
    project = root / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=root)
    assert converted.returncode == 0, explain(converted)
    shutil.copytree(project, root / "project.clean")
    ran = run_tool([kedro_bin, "run"], cwd=project, timeout=600)
    assert ran.returncode == 0, "sequential kedro run failed\n" + explain(ran)
    assert outputs(project), "the sequential run wrote nothing"
    return project


def run_with(sequential: Path, name: str, runner: list[str], kedro_bin: Path) -> Path:
    project = sequential.parent / name
    shutil.copytree(sequential.parent / "project.clean", project)
    ran = run_tool([kedro_bin, "run", *runner], cwd=project, timeout=900)
    assert ran.returncode == 0, f"kedro run {' '.join(runner)} failed\n" + explain(ran)
    return project


def test_parallel_runner_writes_what_the_sequential_run_writes(
    sequential: Path, kedro_bin: Path
) -> None:
    runner = ["--runner", "ParallelRunner", "--runner-params", "max_workers=2"]
    project = run_with(sequential, "parallel", runner, kedro_bin)
    assert compare_runs(sequential, project) == []


def test_dask_runner_on_local_processes_writes_what_the_sequential_run_writes(
    sequential: Path, kedro_bin: Path
) -> None:
    package = next((sequential / "src").glob("*/runner.py")).parent.name
    project = run_with(sequential, "dask", [f"--runner={package}.runner.DaskRunner",
                                            "--runner-params", "n_workers=2"], kedro_bin)
    assert compare_runs(sequential, project) == []


#: Values passed between steps in memory (`--memory`), one of them an instance of a class the
#: notebook defines: on Dask they pass between worker processes through the scheduler.
IN_MEMORY = [
    "import json\nclass Tally:\n    def __init__(self, items):\n        self.items = list(items)\n"
    "    def total(self):\n        return sum(self.items)",
    "## Make",
    "tally = Tally(range(10))\nsquares = [i * i for i in tally.items]",
    "## Use",
    "result = {'total': tally.total(), 'squares': sum(squares)}",
    "## Write",
    "with open('out.json', 'w') as f:\n    json.dump(result, f)",
]


def test_dask_runner_passes_values_kept_in_memory_between_workers(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, IN_MEMORY)
    (tmp_path / "nb").mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if c.startswith("## ")
                else nbformat.v4.new_code_cell(c) for c in IN_MEMORY]
    nbformat.write(nb, tmp_path / "nb" / "tally.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project, "--memory"],
                         cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run", "--runner=project.runner.DaskRunner",
                    "--runner-params", "n_workers=2"], cwd=project, timeout=900)
    assert ran.returncode == 0, explain(ran)
    assert written(project) == expected
