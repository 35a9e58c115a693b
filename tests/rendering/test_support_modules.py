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

from nb2pipe.model import Target  # noqa: E402
from nb2pipe.options import Options  # noqa: E402
from nb2pipe.rendering import render  # noqa: E402

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


def test_pop_figures_returns_the_figures_a_cell_shows_and_closes_them(modules, tmp_path):
    """Open figures in number order; an empty figure shows as text in a notebook, not as a PNG."""
    plt.close("all")
    second = plt.figure(2)
    second.add_subplot()
    first = plt.figure(1)
    first.add_subplot()
    plt.figure(3)  # nothing drawn
    figures = modules["figures"].pop_figures()
    assert figures == [first, second]
    assert plt.get_fignums() == []
    figures[0].savefig(tmp_path / "a.png")
    assert (tmp_path / "a.png").stat().st_size > 0
    assert modules["figures"].pop_figures() == []


@pytest.fixture
def figures_backend(modules):
    """The nodes' pyplot backend (set by close_figures), Agg again afterwards."""
    modules["figures"].close_figures()
    assert matplotlib.get_backend() == modules["figures"].BACKEND
    yield modules["figures"]
    plt.switch_backend("Agg")


def test_show_and_pause_with_any_arguments_show_and_close_the_open_figures(figures_backend):
    plt.plot([1, 2])
    plt.show(block=False)  # Agg's show takes no positional argument, the inline backend's does
    plt.plot([2, 1])  # a new figure: show closed the first
    plt.pause(0.001)
    plt.plot([3, 1])
    plt.show(False)  # the inline backend's `close=False`: shown, and again when the cell ends
    fig, ax = plt.subplots()
    ax.plot([1, 3])
    fig.show(warn=False)  # shows nothing by itself: the figure shows when the cell ends
    shown = figures_backend.pop_figures()
    assert len(shown) == 5 and len({id(f) for f in shown}) == 4 and shown[-1] is fig
    assert shown[2] is shown[3] and [len(f.axes[0].lines) for f in shown] == [1, 1, 1, 1, 1]


def test_each_figure_is_returned_as_it_was_shown(figures_backend):
    fig, ax = plt.subplots()
    figures = figures_backend.pop_figures()  # a cell ends: fig shown (empty axes), closed
    ax.plot([1, 2])  # a later cell draws on the closed figure: nothing shows
    assert figures_backend.pop_figures() == []
    figures += figures_backend.show_figure(fig)  # `fig` ends a cell: shown again, with its line
    figures += figures_backend.show_figure(ax)  # not a figure: shows no image
    result = figures_backend.as_shown(figures)
    assert len(result) == 2 and result[1] is fig
    assert [len(f.axes[0].lines) for f in result] == [0, 1]
    assert plt.get_fignums() == []