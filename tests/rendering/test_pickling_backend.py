"""The pickle backend of the values passed between nodes (the project's pickling.py): a value
loads back equal to the one saved, instance attributes included."""

from __future__ import annotations

import datetime
import importlib.util
import io
import pickle
import sys
import types
from pathlib import PurePosixPath

import numpy as np
import pytest

from nb2pipe.model import Target
from nb2pipe.options import Options
from nb2pipe.rendering import render

from .sample import sample_plan


@pytest.fixture(scope="module")
def pickling(tmp_path_factory) -> types.ModuleType:
    tmp = tmp_path_factory.mktemp("pickling")
    files = render(sample_plan(tmp), Options(), Target(tmp, "new"), ("kedro==1.7.0",))
    path = tmp / "pickling.py"
    path.write_text(files[PurePosixPath("src/demo/pickling.py")])
    spec = importlib.util.spec_from_file_location("nb2pipe_test_pickling", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class Tagged(np.ndarray):
    """An ndarray subclass with instance attributes (ndarray.__reduce__ drops them)."""


class TaggedDate(datetime.date):
    """Another built-in base whose pickle drops the instance __dict__."""


class Cache:
    """A class that leaves an attribute out of its pickle on purpose."""

    def __init__(self) -> None:
        self.kept, self.cache = 1, {"big": 2}

    def __getstate__(self) -> dict:
        return {"kept": self.kept}


def round_trip(pickling: types.ModuleType, value: object) -> object:
    buffer = io.BytesIO()
    pickling.dump(value, buffer)
    buffer.seek(0)
    return pickling.load(buffer)


def test_plain_pickle_loses_the_attributes_of_an_ndarray_subclass() -> None:
    """The cause: what the rule exists for (if numpy ever keeps them, the rule is moot)."""
    tagged = np.arange(3.0).view(Tagged)
    tagged.labels = ["a", "b", "c"]
    assert not hasattr(pickle.loads(pickle.dumps(tagged)), "labels")


def test_an_ndarray_subclass_keeps_its_attributes_inside_containers(pickling) -> None:
    tagged = np.arange(6.0).reshape(2, 3).view(Tagged)
    tagged.labels = ["x", "y"]
    loaded = round_trip(pickling, {"signals": [tagged, tagged]})
    first, second = loaded["signals"]
    assert type(first) is Tagged and first.labels == ["x", "y"]
    np.testing.assert_array_equal(first, tagged)
    assert first is second, "one object saved twice loads as one object"


def test_other_built_in_bases_keep_their_attributes_too(pickling) -> None:
    day = TaggedDate(2024, 2, 29)
    day.note = "leap"
    loaded = round_trip(pickling, day)
    assert loaded == day and loaded.note == "leap"


def test_a_class_with_its_own_pickling_is_pickled_as_it_asks(pickling) -> None:
    loaded = round_trip(pickling, Cache())
    assert vars(loaded) == {"kept": 1}


def test_a_plain_array_and_a_lambda_pickle_as_cloudpickle_does(pickling) -> None:
    array = np.arange(4)
    assert type(round_trip(pickling, array)) is np.ndarray
    assert round_trip(pickling, lambda x: x + 1)(1) == 2


def test_the_files_load_without_the_project_package(pickling) -> None:
    """`restore` travels by value: plain pickle.loads reads the file where the module is gone."""
    tagged = np.arange(2.0).view(Tagged)
    tagged.labels = ["p", "q"]
    data = pickling.dumps(tagged)
    name = pickling.__name__
    sys.modules.pop(name)
    try:
        assert pickle.loads(data).labels == ["p", "q"]
    finally:
        sys.modules[name] = pickling


def test_a_named_signal_keeps_its_labels(pickling) -> None:
    control = pytest.importorskip("control")
    response = control.step_response(control.tf([1], [1, 2]), np.linspace(0, 1, 5))
    loaded = round_trip(pickling, response)
    assert loaded.outputs.signal_labels == response.outputs.signal_labels
    np.testing.assert_array_equal(loaded.outputs, response.outputs)


def test_closures_sharing_a_variable_still_share_it(pickling: types.ModuleType) -> None:
    """Two functions of one call rebinding one variable (`nonlocal step`): after the round trip
    a change one makes is seen by the other (simulating_discrete_nonlinear.ipynb's sampled-data
    controller: its update and output functions share a sample counter)."""

    def make() -> tuple:  # type: ignore[type-arg]
        step = 0

        def tick() -> int:
            nonlocal step
            step += 1
            return step

        def read() -> int:
            return step

        return tick, read

    tick, read = make()
    tick()
    buffer = io.BytesIO()
    pickling.dump((tick, read), buffer)
    tick2, read2 = pickling.loads(buffer.getvalue())
    assert (read2(), tick2(), read2(), tick2(), read2()) == (1, 2, 2, 3, 3)
    assert read() == 1  # the copies share with each other, not with the originals


class Settings:
    """Attributes kept in a dict and read through `__getattr__`, which raises KeyError (not
    AttributeError) for a name it does not hold: pickle's load asks for `__setstate__` and fails."""

    __slots__ = ("__dict__", "label")

    def __init__(self, **values: object) -> None:
        self.__dict__["values"] = dict(values)
        self.label = "settings"

    def __getattr__(self, name: str) -> object:
        return self.__dict__["values"][name]


def test_a_class_whose_getattr_raises_keyerror_loads_back(pickling) -> None:
    value = Settings(alpha=0.5, n=3)
    with pytest.raises(KeyError):
        pickle.loads(pickle.dumps(value))  # what the default pickle backend did
    loaded = round_trip(pickling, [value, value])
    assert loaded[0] is loaded[1] and type(loaded[0]) is Settings
    assert (loaded[0].alpha, loaded[0].n, loaded[0].label) == (0.5, 3, "settings")
    assert round_trip(pickling, Cache()).__dict__ == {"kept": 1}  # own pickling: unchanged
def test_a_unit_quantity_loads_in_the_registry_it_was_made_in(pickling) -> None:
    """pint's own pickle attaches a loaded Quantity to its application registry: mixing it with
    the units of the notebook's `UnitRegistry()` then fails ("different registries")."""
    pint = pytest.importorskip("pint")
    holder = types.ModuleType("nb2pipe_test_units")
    holder.units = pint.UnitRegistry()
    sys.modules[holder.__name__] = holder
    try:
        height = 381 * holder.units.meter
        with pytest.raises(ValueError, match="different registries"):
            pickle.loads(pickle.dumps(height)) + 10 * holder.units.foot
        loaded = round_trip(pickling, {"h": height, "unit": holder.units.second})
        assert loaded["h"]._REGISTRY is holder.units
        assert loaded["unit"]._REGISTRY is holder.units
        assert loaded["h"] + 10 * holder.units.foot == height + 10 * holder.units.foot
    finally:
        del sys.modules[holder.__name__]
    loose = pint.UnitRegistry()  # no module holds it: the very registry of this process
    assert round_trip(pickling, 2 * loose.second)._REGISTRY is loose
    assert pint.application_registry.get() is not loose
