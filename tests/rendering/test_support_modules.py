"""The modules nb2pipe adds to a project (datasets.py, figures.py), imported and exercised."""

from __future__ import annotations

import importlib.util
import pickle
import sys
import types
from pathlib import PurePosixPath

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from kedro.io import DatasetError  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from nb2pipe.options import Options  # noqa: E402
from nb2pipe.rendering import render  # noqa: E402
from nb2pipe.model import Target  # noqa: E402

from .sample import sample_plan  # noqa: E402


@pytest.fixture(scope="module")
def modules(tmp_path_factory) -> dict[str, types.ModuleType]:
    tmp = tmp_path_factory.mktemp("support")
    files = render(sample_plan(tmp), Options(), Target(tmp, "new"), ("kedro==1.7.0",))
    loaded = {}
    for name in ("datasets", "figures"):
        path = tmp / f"{name}.py"
        path.write_text(files[PurePosixPath(f"src/demo/{name}.py")])
        spec = importlib.util.spec_from_file_location(f"nb2pipe_test_{name}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # importable by name, as pickle needs
        spec.loader.exec_module(module)
        loaded[name] = module
    return loaded


def test_file_path_dataset_resolves_relative_paths_against_the_cwd(modules, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    dataset = modules["datasets"].FilePathDataset(filepath="data/x.bin")
    assert dataset.load() == str(tmp_path / "data/x.bin")
    assert not dataset.exists()


def test_file_path_dataset_save_warns_when_the_node_did_not_write(modules, tmp_path, caplog):
    """A write inside try/if may not happen, in the notebook as in the node: warn, not fail."""
    target = tmp_path / "out.bin"
    dataset = modules["datasets"].FilePathDataset(filepath=str(target))
    dataset.save(str(target))
    assert str(target) in caplog.text and not dataset.exists()
    target.write_bytes(b"x")
    dataset.save(str(target))
    assert dataset.exists()
    assert str(target) in str(dataset)


def test_numpy_dataset_round_trips_without_pickle(modules, tmp_path):
    dataset = modules["datasets"].NumpyDataset(filepath=str(tmp_path / "sub/a.npy"))
    dataset.save(np.arange(6).reshape(2, 3))
    assert dataset.load().tolist() == [[0, 1, 2], [3, 4, 5]]
    with pytest.raises(DatasetError):
        dataset.save(np.array([object()], dtype=object))


def test_an_npz_file_loads_as_its_arrays_and_can_pass_between_nodes(modules, tmp_path):
    """np.load of an .npz is lazy and holds the file open: pickling it between nodes fails."""
    np.savez(tmp_path / "arrays.npz", a=np.arange(3), b=np.ones((2, 2)))
    loaded = modules["datasets"].NumpyDataset(filepath=str(tmp_path / "arrays.npz")).load()
    with loaded as arrays:  # what the notebook could do with np.load's NpzFile
        assert arrays.files == ["a", "b"] and arrays["a"].tolist() == [0, 1, 2]
    again = pickle.loads(pickle.dumps(loaded))
    assert again["b"].tolist() == [[1.0, 1.0], [1.0, 1.0]] and again.files == ["a", "b"]


def test_pop_figures_returns_open_figures_in_order_and_closes_them(modules, tmp_path):
    plt.close("all")
    second = plt.figure(2)
    first = plt.figure(1)
    figures = modules["figures"].pop_figures()
    assert figures == [first, second]
    assert plt.get_fignums() == []
    figures[0].savefig(tmp_path / "a.png")
    assert (tmp_path / "a.png").stat().st_size > 0
    assert modules["figures"].pop_figures() == []
