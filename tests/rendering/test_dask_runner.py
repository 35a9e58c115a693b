"""The project's Dask runner (runner.py), rendered and imported: which scheduler it connects to,
and that values kept in memory pass through the scheduler. The real runs on a local cluster are
tests/e2e/test_runners.py."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
import types
from pathlib import PurePosixPath

import pytest
from kedro.io import DataCatalog, MemoryDataset
from kedro.pipeline import Node, Pipeline
from kedro_datasets.pickle import PickleDataset

from nb2pipe.model import Target
from nb2pipe.options import Options
from nb2pipe.rendering import render

from .sample import sample_plan


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[PurePosixPath, str]:
    tmp = tmp_path_factory.mktemp("runner")
    return render(sample_plan(tmp), Options(), Target(tmp, "new"), ("kedro==1.7.0",))


@pytest.fixture(scope="module")
def runner(rendered, tmp_path_factory) -> types.ModuleType:
    path = tmp_path_factory.mktemp("module") / "runner.py"
    path.write_text(rendered[PurePosixPath("src/demo/runner.py")])
    spec = importlib.util.spec_from_file_location("demo_runner_under_test", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_new_project_has_the_runner_and_the_dask_extra(rendered):
    pyproject = tomllib.loads(rendered[PurePosixPath("pyproject.toml")])
    assert [r.split(">=")[0] for r in pyproject["project"]["optional-dependencies"]["dask"]] == [
        "distributed"
    ]
    assert "distributed" not in rendered[PurePosixPath("requirements.txt")]
    assert "--runner=demo.runner.DaskRunner" in rendered[PurePosixPath("README.md")]


def test_no_runner_is_added_to_an_existing_kedro_project(tmp_path):
    files = render(sample_plan(tmp_path), Options(), Target(tmp_path, "kedro"), ("kedro==1.7.0",))
    assert not [p for p in files if p.name == "runner.py"]


def catalog(dask_client: dict | None) -> DataCatalog:
    parameters = {"factor": 2} if dask_client is None else {"dask_client": dask_client}
    return DataCatalog(datasets={"parameters": MemoryDataset(parameters)})


@pytest.mark.parametrize(
    ("given", "variable", "parameter", "expected"),
    [
        (None, None, None, {}),  # nothing named: a local cluster
        (None, None, {"address": "tcp://conf:1", "timeout": 5},
         {"address": "tcp://conf:1", "timeout": 5}),
        (None, "tcp://env:1", {"address": "tcp://conf:1"}, {"address": "tcp://env:1"}),
        ("tcp://cli:1", "tcp://env:1", {"address": "tcp://conf:1"}, {"address": "tcp://cli:1"}),
    ],
)
def test_the_scheduler_named_first_wins(runner, monkeypatch, given, variable, parameter, expected):
    if variable is None:
        monkeypatch.delenv(runner.ADDRESS_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(runner.ADDRESS_VARIABLE, variable)
    assert runner.DaskRunner(address=given)._client_args(catalog(parameter)) == expected


def identity(x):
    return x


def test_values_kept_in_memory_become_scheduler_datasets(runner, tmp_path):
    """Outputs the catalog would keep in one process (undeclared, or declared MemoryDataset) go
    through the scheduler; files and parameters stay as declared."""
    pipeline = Pipeline([
        Node(identity, "params:factor", "undeclared", name="a"),
        Node(identity, "undeclared", "declared_memory", name="b"),
        Node(identity, "declared_memory", "on_disk", name="c"),
    ])
    data = DataCatalog(datasets={
        "params:factor": MemoryDataset(2),
        "declared_memory": MemoryDataset(),
        "on_disk": PickleDataset(filepath=str(tmp_path / "on_disk.pkl")),
    })
    runner.DaskRunner()._publish_memory_values(pipeline, data)
    kinds = {name: type(data.get(name)).__name__ for name in
             ("params:factor", "undeclared", "declared_memory", "on_disk")}
    assert kinds == {"params:factor": "MemoryDataset", "undeclared": "DaskDataset",
                     "declared_memory": "DaskDataset", "on_disk": "PickleDataset"}
