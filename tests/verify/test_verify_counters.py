"""Names a process-wide counter numbered (`verify/counters.py`): "not reproducible" when they are
the only difference, and never a cover for a real one."""

from __future__ import annotations

import itertools

import pytest

from nb2pipe.verify.counters import counter_names, is_counter
from nb2pipe.verify.dataflow import by_chance
from nb2pipe.verify.model import DatasetResult


class System:
    """Named from a counter as long as the process, as python-control names `sys[N]`."""

    made = itertools.count()

    def __init__(self, gain: float, inputs: str = "u") -> None:
        self.gain = gain
        self.name = f"sys[{next(System.made)}]"
        self.input_labels = [f"{self.name}.{inputs}"]


def test_only_counter_names_differ_is_not_reproducible() -> None:
    notebook = [System(2.0), System(3.0)]
    next(System.made)  # the notebook displayed something that made one more system
    pipeline = [System(2.0), System(3.0)]
    outcome = counter_names(notebook, pipeline, frozenset())
    assert outcome is not None and outcome.status == "not reproducible"
    assert "process-wide counter" in outcome.detail and "!= 'sys[" in outcome.detail
    assert outcome.unstable and all(is_counter(p) for p in outcome.unstable)


@pytest.mark.parametrize("change", [
    {"gain": 2.5},  # a real difference beside the names
    {"name": "plant"},  # a name that is not the counter's number
    {"input_labels": ["sys[9].v"]},  # another signal, not only another number
])
def test_a_real_difference_is_not_hidden(change: dict) -> None:
    notebook, pipeline = System(2.0), System(2.0)
    vars(pipeline).update(change)
    assert counter_names(notebook, pipeline, frozenset()) is None


def test_numbers_outside_names_are_not_counters() -> None:
    assert counter_names({"note": "run 3"}, {"note": "run 4"}, frozenset()) is None
    assert counter_names({"name": "v1.5"}, {"name": "v1.6"}, frozenset()) is None


def test_a_counter_row_taints_nothing_downstream() -> None:
    row = DatasetResult(dataset="p.C", kind="value", node="n", cells=("1",),
                        status="not reproducible",
                        unstable=("<counter>.__dict__['name']",))
    assert not by_chance(row)


def test_counter_names_beside_a_notebook_function_are_not_reproducible() -> None:
    """python-control's `NonlinearIOSystem(update)`: a counter name and the notebook's update
    function (code); the rest equal → not reproducible; a real difference stays visible."""
    namespace: dict[str, object] = {"__name__": "__main__"}
    exec("def update(t, x, u, params):\n    return x", namespace)  # noqa: S102 - a notebook cell
    made_in_node: dict[str, object] = {}
    exec("def use():\n    def update(t, x, u, params):\n        return x\n    return update",  # noqa: S102
         made_in_node)
    notebook, pipeline = System(2.0), System(2.0)
    notebook.updfcn = namespace["update"]  # type: ignore[attr-defined]
    pipeline.updfcn = made_in_node["use"]()  # type: ignore[attr-defined,operator]
    outcome = counter_names(notebook, pipeline, frozenset())
    assert outcome is not None and outcome.status == "not reproducible"
    assert "functions are code" in outcome.detail
    pipeline.gain = 2.5
    assert counter_names(notebook, pipeline, frozenset()) is None
