"""The rendered sample project really runs under Kedro (new project and existing Kedro project)."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nb2pipe import version_pins
from nb2pipe.options import Options
from nb2pipe.rendering import render
from nb2pipe.writer import file_digest, inspect_target, write

from .sample import sample_plan

pytestmark = pytest.mark.e2e

KEDRO = str(Path(sys.executable).parent / "kedro")
ENV = {**os.environ, "KEDRO_DISABLE_TELEMETRY": "1", "COLUMNS": "200"}
PINS = version_pins.pins(("numpy", "pandas", "matplotlib"), (), None)


def kedro(project: Path, *args: str) -> str:
    result = subprocess.run(
        [KEDRO, *args], cwd=project, env=ENV, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result.stdout + result.stderr


def convert(tmp: Path, out: Path):
    target = inspect_target(out)
    return write(render(sample_plan(tmp), Options(), target, PINS), out)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("new")
    out = tmp / "demo"
    convert(tmp, out)
    kedro(out, "run")
    return out


def summary(project: Path) -> dict:
    return json.loads((project / "data/08_reporting/report/summary.json").read_text())


def test_kedro_run_writes_every_output(project):
    assert summary(project) == {"rows": 2, "big": 2}
    assert (project / "data/03_primary/clean.csv").read_text() == "a,b\n6.0,2\n18.0,4\n"
    assert (project / "data/08_reporting/clean/plot.png").stat().st_size > 0
    assert np.load(project / "data/04_feature/clean/lengths.npy").tolist() == [6, 12]
    pickled = project / "data/02_intermediate/clean"
    assert sorted(p.name for p in pickled.iterdir()) == [
        "df.pkl",
        "df_2.pkl",
        "n_rows.pkl",
        "notes_path.pkl",
    ]


def test_file_path_dataset_gets_an_absolute_path(project):
    path = pickle.loads((project / "data/02_intermediate/clean/notes_path.pkl").read_bytes())
    assert path == str(project / "data/01_raw/notes.txt")


def test_telemetry_does_not_touch_pyproject(project):
    assert "kedro_telemetry" not in (project / "pyproject.toml").read_text()


def test_single_node_runs_from_persisted_inputs(project):
    plot = project / "data/08_reporting/clean/plot.png"
    plot.unlink()
    log = kedro(project, "run", "--nodes", "clean.plot")
    assert plot.exists()
    assert "Completed 1 out of 1 tasks" in log


def test_tags_and_namespaced_params(project):
    log = kedro(project, "run", "--tags", "reporting")
    assert "Running node: plot" in log and "summarize" not in log
    kedro(project, "run", "--params", "clean.factor=1")
    assert summary(project) == {"rows": 2, "big": 1}
    kedro(project, "run")
    assert summary(project) == {"rows": 2, "big": 2}


def test_existing_kedro_project_receives_the_pipelines(tmp_path):
    subprocess.run(
        [KEDRO, "new", "--name", "demo", "--tools", "none", "--example", "n", "--telemetry", "no"],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        check=True,
        timeout=300,
    )
    out = tmp_path / "demo"
    theirs = {p: file_digest(p) for p in out.rglob("*") if p.is_file()}
    assert inspect_target(out).kind == "kedro"
    changes = convert(tmp_path, out)
    assert {c.status for c in changes} == {"added"}
    assert all(file_digest(p) == sha for p, sha in theirs.items())  # nothing of theirs touched
    assert not (out / "conf/base/parameters.yml").read_text().strip()
    kedro(out, "run")
    assert summary(out) == {"rows": 2, "big": 2}
    again = convert(tmp_path, out)
    assert {c.status for c in again} == {"unchanged"}
    assert inspect_target(out).kind == "kedro"
