"""Not reproducible along the dataflow, and unseeded estimators (no kernel, no kedro)."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from sklearn.cluster import KMeans

from nb2pipe.verify.dataflow import propagate
from nb2pipe.verify.model import Captured, DatasetResult, Expectation, NotebookRun, PipelineRun
from nb2pipe.verify.results import dataset_results, readable

POINT = (2, 1)


def row(name: str, status: str, unstable: tuple[str, ...] = ()) -> DatasetResult:
    return DatasetResult(
        f"p.{name}", "value", f"p.make_{name}", ("c1",), status, "x", name, unstable
    )  # type: ignore[arg-type]


def expected(name: str, *inputs: str) -> Expectation:
    return Expectation(
        f"p.{name}", f"p.make_{name}", ("c1",), name, POINT, inputs=tuple(f"p.{i}" for i in inputs)
    )


@dataclass(frozen=True)
class FlowCase:
    name: str
    #: (dataset, status, unstable parts, inputs) in plan order.
    rows: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...]
    #: Status of each dataset after propagation.
    after: tuple[str, ...]


FLOW_CASES = [
    FlowCase(
        "computed from a value that depends on chance",
        (
            ("km", "not reproducible", (".cluster_centers_",), ()),
            ("labels", "different", (), ("km",)),
        ),
        ("not reproducible", "not reproducible"),
    ),
    FlowCase(
        "through an equal value in between",
        (
            ("noise", "not reproducible", ("",), ()),
            ("n", "equal", (), ("noise",)),
            ("flag", "different", (), ("n",)),
        ),
        ("not reproducible", "equal", "not reproducible"),
    ),
    FlowCase(
        "an unseeded estimator taints what it predicts",
        (("km", "not reproducible", ("<unseeded>",), ()), ("labels", "different", (), ("km",))),
        ("not reproducible", "not reproducible"),
    ),
    FlowCase(
        "recorded times taint nothing",
        (
            ("search", "not reproducible", (".<fitted>['cv_results_']['mean_fit_time']",), ()),
            ("best", "different", (), ("search",)),
        ),
        ("not reproducible", "different"),
    ),
    FlowCase(
        "not downstream: still different",
        (("noise", "not reproducible", ("",), ()), ("other", "different", (), ())),
        ("not reproducible", "different"),
    ),
    FlowCase(
        "upstream of the chance: still different",
        (("clean", "different", (), ()), ("noise", "not reproducible", ("",), ("clean",))),
        ("different", "not reproducible"),
    ),
]


@pytest.mark.parametrize("case", FLOW_CASES, ids=lambda c: c.name)
def test_propagate(case: FlowCase) -> None:
    rows = [row(name, status, unstable) for name, status, unstable, _ in case.rows]
    found = [expected(name, *inputs) for name, _, _, inputs in case.rows]
    after = propagate(rows, found)
    assert tuple(r.status for r in after) == case.after
    for before, now in zip(rows, after, strict=True):
        if before.status != now.status:
            assert "computed from `p." in now.detail and "differs at x" in now.detail


def kmeans(centers: list[list[float]], seed: int | None) -> KMeans:
    """A k-means as fitting leaves it (without fitting: the test fixes what it learned)."""
    model = KMeans(n_clusters=2, n_init=1, random_state=seed)
    model.cluster_centers_ = np.array(centers)
    model.labels_ = np.array([0, 1])
    return model


def save(value: object, path: Path) -> Captured:
    path.write_bytes(pickle.dumps(value))
    return Captured("ok", str(path))


@pytest.mark.parametrize(
    ("seed", "inputs", "status"),
    [
        (None, (), "not reproducible"),  # runs agreed by chance: labels permuted in the pipeline
        (0, (), "different"),  # seeded: the pipeline must reproduce it
        (None, ("p.np_random_state",), "different"),  # the notebook seeds numpy globally
    ],
)
def test_unseeded_estimator(
    seed: int | None, inputs: tuple[str, ...], status: str, tmp_path: Path
) -> None:
    notebook = kmeans([[0.0, 0.0], [5.0, 5.0]], seed)
    permuted = kmeans([[5.0, 5.0], [0.0, 0.0]], seed)
    runs = [
        NotebookRun("nb.ipynb", {(POINT, "km"): save(notebook, tmp_path / f"nb{i}.pkl")}, {}, {}, 1)
        for i in range(2)
    ]
    pipeline = PipelineRun({"p.km": save(permuted, tmp_path / "pl.pkl")}, {}, str(tmp_path), 1.0)
    found = [Expectation("p.km", "p.fit", ("c1",), "km", POINT, inputs=inputs)]
    [result] = dataset_results(found, runs, pipeline, {"c1": 1})
    assert result.status == status
    if status == "not reproducible":
        assert result.detail.startswith("random_state=None") and result.unstable == ("<unseeded>",)


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (
            ".__dict__['_results'].__dict__['model'].__dict__['_tmp_like_exog']",
            "._results.model._tmp_like_exog",
        ),
        (".<fitted>['cluster_centers_']", ".cluster_centers_"),
        ("['scores'][2]", "['scores'][2]"),
        ("", "the value"),
    ],
)
def test_readable(path: str, shown: str) -> None:
    assert readable(path) == shown


def test_same_node_outputs_share_the_chance() -> None:
    """A draw and what is computed from it, grouped into one node."""
    rows = [row("noise", "not reproducible", ("",)), row("flag", "different")]
    found = [
        Expectation("p.noise", "p.both", ("c1",), "noise", POINT),
        Expectation("p.flag", "p.both", ("c1",), "flag", POINT),
    ]
    assert [r.status for r in propagate(rows, found)] == ["not reproducible"] * 2


@pytest.mark.parametrize(
    ("unseeded", "status"),
    [
        (("sklearn.cluster.KMeans",), "not reproducible"),  # takes a random_state: it draws
        (("numpy.random",), "not reproducible"),
        (("sklearn.linear_model.LinearRegression",), "different"),  # draws nothing
        (("no_such_module.Thing",), "different"),  # not known to draw
        ((), "different"),
    ],
)
def test_a_value_of_a_node_drawing_unseeded(
    unseeded: tuple[str, ...], status: str, tmp_path: Path
) -> None:
    """A mask computed in a node from k-means labels of a fit nothing seeded (the estimator is
    not handed on, so its row cannot say so): both notebook runs gave the same mask by chance,
    the pipeline's run another one. The plan says the node draws unseeded (`Step.unseeded`)."""
    runs = [
        NotebookRun("nb.ipynb", {(POINT, "mask"): save([True, False], tmp_path / f"nb{i}.pkl")},
                    {}, {}, 1)
        for i in range(2)
    ]
    pipeline = PipelineRun({"p.mask": save([False, True], tmp_path / "pl.pkl")}, {},
                           str(tmp_path), 1.0)
    found = [Expectation("p.mask", "p.cluster", ("c1",), "mask", POINT, unseeded=unseeded)]
    [result] = propagate(dataset_results(found, runs, pipeline, {"c1": 1}), found)
    assert result.status == status
    if status == "not reproducible":
        assert f"({unseeded[0]}), which nothing seeded" in result.detail
        assert result.unstable == ("<unseeded>",)
