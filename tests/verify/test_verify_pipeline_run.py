"""The Kedro runner: a real `kedro run` in a subprocess; every node output captured."""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from pathlib import Path
from textwrap import dedent

from live_processes import processes_with

from nb2pipe.verify import pipeline_run
from nb2pipe.verify.pipeline_run import run_pipeline

PROJECT = {
    "pyproject.toml": """
        [tool.kedro]
        package_name = "tiny"
        project_name = "tiny"
        kedro_init_version = "1.7.0"
        """,
    ".telemetry": "consent: false\n",
    "conf/base/catalog.yml": """
        shared_csv:
          type: pandas.CSVDataset
          filepath: data/out.csv
        """,
    "conf/base/parameters.yml": "p:\n  factor: 3\n",
    "conf/local/.gitkeep": "",
    "src/tiny/__init__.py": "",
    "src/tiny/settings.py": "HOOKS = ()\n",
    "src/tiny/pipeline_registry.py": """
        from kedro.framework.project import find_pipelines

        def register_pipelines():
            pipelines = find_pipelines(raise_errors=True)
            pipelines["__default__"] = sum(pipelines.values())
            return pipelines
        """,
    "src/tiny/pipelines/__init__.py": "",
    "src/tiny/pipelines/p/__init__.py": """
        import pandas as pd
        from kedro.pipeline import Node, Pipeline
        from matplotlib.figure import Figure

        class Unpicklable:  # no pickler takes it; Kedro's MemoryDataset copies it
            def __reduce__(self):
                raise TypeError("not for pickling")

            def __deepcopy__(self, memo):
                return self

        def make(factor):
            return pd.DataFrame({"a": [1, 2]}) * factor, Unpicklable()

        def plot(frame):
            return [Figure(), Figure()]

        def create_pipeline(**kwargs):
            return Pipeline(
                [
                    Node(make, "params:factor", ["frame", "gen"], name="make"),
                    Node(plot, "frame", "figures", name="plot"),
                    Node(lambda f: f, "frame", "shared_csv", name="write"),
                ],
                namespace="p",
                outputs={"shared_csv"},
            )
        """,
}


def write_project(root: Path) -> Path:
    for name, text in PROJECT.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text).lstrip())
    return root


def tree_digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_every_node_output_is_captured_and_the_project_is_untouched(tmp_path: Path) -> None:
    project = write_project(tmp_path / "tiny")
    before = tree_digest(project)
    work = tmp_path / "work"
    work.mkdir()
    run = run_pipeline(project, work, ["p"])
    assert run.error == "", run.error
    assert tree_digest(project) == before
    assert set(run.outputs) == {"p.frame", "p.gen", "p.figures", "shared_csv"}
    frame = pickle.loads(Path(run.outputs["p.frame"].path).read_bytes())
    assert frame["a"].tolist() == [3, 6]
    assert run.outputs["p.gen"].status.startswith("not picklable")
    assert run.outputs["p.figures"].figures == 2
    assert len(set(run.outputs["p.figures"].figure_ids)) == 2
    assert set(run.node_seconds) == {"p.make", "p.plot", "p.write"}
    assert (Path(run.project) / "data/out.csv").read_text().splitlines() == ["a", "3", "6"]


def test_a_failing_node_is_named(tmp_path: Path) -> None:
    project = write_project(tmp_path / "tiny")
    nodes = project / "src/tiny/pipelines/p/__init__.py"
    nodes.write_text(
        nodes.read_text().replace("return [Figure(), Figure()]", "raise ValueError('boom')")
    )
    work = tmp_path / "work"
    work.mkdir()
    run = run_pipeline(project, work, ["p"])
    assert run.failed_node == "p.plot"
    assert "boom" in run.error
    assert "p.frame" in run.outputs


def test_an_endless_node_is_stopped_with_what_it_started_and_named(tmp_path: Path) -> None:
    project = write_project(tmp_path / "tiny")
    nodes = project / "src/tiny/pipelines/p/__init__.py"
    marker = f"{os.getpid()}.{time.time_ns() % 10**6}"  # a unique `sleep` duration
    nodes.write_text(
        nodes.read_text().replace(
            "return [Figure(), Figure()]",
            f"import subprocess\n    subprocess.Popen(['sleep', '{marker}'])\n"
            "    while True:\n        pass",
        )
    )
    work = tmp_path / "work"
    work.mkdir()
    started = time.monotonic()
    run = run_pipeline(project, work, ["p"], timeout=2)
    assert time.monotonic() - started < 60
    assert run.failed_node == "p.plot"
    assert run.error == "timed out after 2 s in node p.plot (the run was stopped)"
    assert "p.frame" in run.outputs  # what ran before is still compared
    assert not processes_with(f"sleep {marker}")  # the node's child was killed too


def test_a_project_that_hangs_while_loading_is_stopped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline_run, "STARTUP_TIMEOUT", 3)
    project = write_project(tmp_path / "tiny")
    (project / "src/tiny/settings.py").write_text("import time\ntime.sleep(3600)\nHOOKS = ()\n")
    work = tmp_path / "work"
    work.mkdir()
    run = run_pipeline(project, work, ["p"], timeout=2)
    assert run.error == "timed out after 3 s while loading the project (the run was stopped)"
    assert run.failed_node == "" and not run.outputs
