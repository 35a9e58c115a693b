"""Names a process-wide counter numbered (`verify/counters.py`): "not reproducible" when they are
the only difference, and never a cover for a real one."""

from __future__ import annotations

import itertools

import pytest

from nb2pipe.verify.counters import counted_pair, counter_names, is_counter, renamer
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


class Interconnection:
    """Systems joined as python-control's `interconnect` joins them: their names also make the
    keys of its index, its state names and its signal names."""

    def __init__(self, *systems: System) -> None:
        self.name = f"sys[{next(System.made)}]"
        self.syslist_index = {s.name: i for i, s in enumerate(systems)}  # before the systems
        self.syslist = list(systems)
        self.state_index = {f"{s.name}_x[0]": i for i, s in enumerate(systems)}
        self.signals = [(s.name, f"{s.name}.y[0]") for s in systems]
        self.named = frozenset(s.name for s in systems)


def made_twice(skip: int) -> tuple[Interconnection, Interconnection]:
    """The same interconnection made by the notebook and by a pipeline whose counter is
    ``skip`` numbers behind (the notebook's displays made more systems)."""
    notebook = Interconnection(System(2.0), System(3.0, "e"))
    for _ in range(skip):
        next(System.made)
    return notebook, Interconnection(System(2.0), System(3.0, "e"))


def test_counter_names_nested_in_keys_signals_and_sets_are_not_reproducible() -> None:
    notebook, pipeline = made_twice(2)
    outcome = counter_names(notebook, pipeline, frozenset())
    assert outcome is not None and outcome.status == "not reproducible", outcome
    first = notebook.syslist[0].name
    assert f"{first!r} != {pipeline.syslist[0].name!r}" in outcome.detail
    assert all(is_counter(p) for p in outcome.unstable) and len(outcome.unstable) == 3


@pytest.mark.parametrize("spoil", [
    lambda p: setattr(p.syslist[1], "gain", 3.5),  # a real difference beside the names
    lambda p: p.state_index.update({p.syslist[0].name + "_x[0]": 7}),  # another state number
    lambda p: setattr(p, "syslist_index", dict(zip(p.syslist_index, [1, 0], strict=True))),
    lambda p: p.signals.__setitem__(1, (p.syslist[0].name, p.signals[1][1])),  # one for two
    lambda p: p.signals.__setitem__(0, (p.signals[0][0], "sys[99].y[0]")),  # a name not renamed
])
def test_a_difference_beside_renamed_counter_names_stays_different(spoil) -> None:
    notebook, pipeline = made_twice(2)
    spoil(pipeline)
    assert counter_names(notebook, pipeline, frozenset()) is None


def test_the_renaming_is_one_to_one() -> None:
    """Each notebook name stands for one pipeline name, and the other way round."""
    notebook = {"name": "sys[1]", "label": "sys[2]", "inputs": ["sys[2].u", "sys[1].u"]}
    pipeline = {"name": "sys[5]", "label": "sys[6]", "inputs": ["sys[6].u", "sys[5].u"]}
    outcome = counter_names(notebook, pipeline, frozenset())
    assert outcome is not None and outcome.status == "not reproducible"
    assert "'sys[1]' != 'sys[5]'" in outcome.detail and "'sys[2]' != 'sys[6]'" in outcome.detail
    one_for_two = {**pipeline, "label": "sys[5]", "inputs": ["sys[5].u", "sys[5].u"]}
    assert counter_names(notebook, one_for_two, frozenset()) is None
    two_for_one = {**notebook, "label": "sys[1]", "inputs": ["sys[1].u", "sys[1].u"]}
    assert counter_names(two_for_one, pipeline, frozenset()) is None


@pytest.mark.parametrize(("a", "b", "names"), [
    ("sys[6].u[0]", "sys[3].u[0]", ("sys[6]", "sys[3]")),
    ("sys[8]$sampled", "sys[12]$sampled", ("sys[8]", "sys[12]")),
    ("model/dense_4/kernel:0", "model/dense_1/kernel:0", ("dense_4", "dense_1")),
    ("conv2d_3", "conv2d_10", ("conv2d_3", "conv2d_10")),
    ("run 3", "run 4", None),  # a number, no numbered name
    ("sys[1]_x[2]", "sys[3]_x[4]", None),  # two numbers differ
    ("sys[1]", "plant[1]", None),
])
def test_counted_pair(a: str, b: str, names: tuple[str, str] | None) -> None:
    assert counted_pair(a, b) == names


def test_renamed_names_are_whole_names() -> None:
    rename = renamer({"sys[3]": "A", "dense_1": "B"})
    text = "sys[3]_x[0] sys[3].u mysys[3] dense_1/k dense_12"
    assert rename(text) == "A_x[0] A.u mysys[3] B/k dense_12"
