"""Filters that derive Kedro wiring from the plan: node arguments, pipeline inputs/outputs,
the imports a nodes module needs, and the requirement lines the catalog's dataset types need.

Each function is a pure filter registered in ``filters.FILTERS``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Param, PipelinePlan, Step

#: kedro-datasets extra for each dataset type string. Types of the form ``group.NameDataset``
#: that are not listed get ``group-namedataset`` (kedro-datasets' own naming rule); please add
#: rows here for types that break it.
DATASET_EXTRAS: dict[str, str | None] = {
    "pandas.CSVDataset": "pandas-csvdataset",
    "pandas.ParquetDataset": "pandas-parquetdataset",
    "pandas.ExcelDataset": "pandas-exceldataset",
    "pandas.JSONDataset": "pandas-jsondataset",
    "pandas.FeatherDataset": "pandas-featherdataset",
    "pickle.PickleDataset": "pickle-pickledataset",
    "json.JSONDataset": "json-jsondataset",
    "yaml.YAMLDataset": "yaml-yamldataset",
    "text.TextDataset": "text-textdataset",
    "matplotlib.MatplotlibDataset": "matplotlib-matplotlibdataset",
    "plotly.JSONDataset": "plotly-jsondataset",
    "plotly.HTMLDataset": "plotly-htmldataset",
    "pillow.ImageDataset": "pillow-imagedataset",
    "partitions.PartitionedDataset": None,
    "partitions.IncrementalDataset": None,
    "MemoryDataset": None,
    "kedro.io.MemoryDataset": None,
}

#: Distributions the project's own dataset classes (``<package>.datasets.<Class>``) import.
PROJECT_DATASET_REQUIREMENTS: dict[str, str] = {
    "NumpyDataset": "numpy",
}

_PIN_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True, slots=True)
class Wiring:
    """The ``inputs=``, ``outputs=`` and ``parameters=`` of one namespaced ``Pipeline``."""

    #: Shared datasets the pipeline only consumes: Kedro requires these to be free inputs.
    inputs: tuple[str, ...]
    #: Shared datasets produced here (Kedro accepts intermediate ones, even if consumed here).
    outputs: tuple[str, ...]
    #: Parameter keys given in full (top level or another namespace), kept un-prefixed.
    parameters: tuple[str, ...]


def wiring(pipeline: PipelinePlan, params: Iterable[Param]) -> Wiring:
    """Split the pipeline's shared names between Kedro's ``inputs=`` and ``outputs=``.

    Kedro 1.7 (``_validate_inputs_outputs``) accepts only free inputs in ``inputs=`` and any
    produced dataset in ``outputs=``; a shared dataset produced and consumed here therefore goes
    to ``outputs=``. A ``params:k`` input is prefixed with the namespace by Kedro when a param
    ``k`` exists in this pipeline's namespace; any other key is listed in ``parameters=``.
    """
    # shared names are transcoding bases: `x` covers `x@pandas` and `x@path`
    produced = {name.split("@")[0] for step in pipeline.steps for name in step.outputs}
    consumed = {name.split("@")[0] for step in pipeline.steps for name in step.inputs}
    shared = set(pipeline.shared_inputs) | set(pipeline.shared_outputs)
    own = params_of(params).get(pipeline.name, frozenset())
    keys = {name.removeprefix("params:") for name in consumed if name.startswith("params:")}
    return Wiring(
        inputs=tuple(sorted((shared & consumed) - produced)),
        outputs=tuple(sorted(shared & produced)),
        parameters=tuple(sorted(keys - own)),
    )


#: The last project's parameters by namespace: `wiring` runs once per pipeline, and grouping all
#: parameters each time would make rendering quadratic in the number of notebooks.
_BY_NAMESPACE: list[tuple[object, dict[str, frozenset[str]]]] = []


def params_of(params: Iterable[Param]) -> dict[str, frozenset[str]]:
    """Parameter names by namespace (computed once for the same ``params`` object)."""
    if _BY_NAMESPACE and _BY_NAMESPACE[0][0] is params:
        return _BY_NAMESPACE[0][1]
    grouped: dict[str, set[str]] = {}
    for param in params:
        grouped.setdefault(param.namespace, set()).add(param.name)
    result = {namespace: frozenset(names) for namespace, names in grouped.items()}
    _BY_NAMESPACE[:] = [(params, result)]
    return result


def node_inputs(step: Step) -> str:
    """Python source for ``Node(inputs=...)``: a list, or None when the step reads nothing."""
    return _pylist(step.inputs) if step.inputs else "None"


def node_outputs(step: Step) -> str:
    """``Node(outputs=...)``: None, one name (the function returns the bare value) or a list."""
    if not step.outputs:
        return "None"
    if len(step.outputs) == 1:
        return repr(step.outputs[0])
    return _pylist(step.outputs)


def node_tags(step: Step) -> tuple[str, ...]:
    """Sorted tags; reporting steps always carry ``reporting`` (``kedro run --tags reporting``)."""
    tags = set(step.tags) | ({"reporting"} if step.kind == "reporting" else set())
    return tuple(sorted(tags))


def _pylist(names: Iterable[str]) -> str:
    return "[" + ", ".join(repr(n) for n in names) + "]"


def needed_imports(pipeline: PipelinePlan) -> tuple[str, ...]:
    """Import statements (plan order) that bind a name some step of the pipeline needs."""
    needs = _needs(pipeline)
    return tuple(stmt for stmt, names in pipeline.imports if names & needs)


def needed_functions(pipeline: PipelinePlan) -> tuple[str, ...]:
    """Notebook functions the steps call, imported from ``.functions`` (sorted)."""
    return tuple(sorted(pipeline.functions & _needs(pipeline)))


def _needs(pipeline: PipelinePlan) -> frozenset[str]:
    return frozenset().union(*(step.needs for step in pipeline.steps))


def step_names(pipeline: PipelinePlan) -> tuple[str, ...]:
    """Function names pipeline.py imports from ``.nodes`` (sorted, as isort would)."""
    return tuple(sorted(step.name for step in pipeline.steps))


# -------------------------------------------------------------------------------- requirements
def dataset_extras(types: Iterable[str]) -> tuple[str, ...]:
    """kedro-datasets extras for the given dataset type strings (sorted, no duplicates)."""
    extras = set()
    for type_ in types:
        short = type_.removeprefix("kedro_datasets.")
        extra = DATASET_EXTRAS[short] if short in DATASET_EXTRAS else _derived_extra(short)
        if extra:
            extras.add(extra)
    return tuple(sorted(extras))


def _derived_extra(type_: str) -> str | None:
    group, _, cls = type_.rpartition(".")
    if not group or "." in group or group == "kedro" or not cls.endswith("Dataset"):
        return None
    return f"{group}-{cls.lower()}"


def requirements(
    pins: Iterable[str], types: Iterable[str], package: str, extra: Iterable[str] = ()
) -> tuple[str, ...]:
    """requirements.txt lines: the pins, kedro-datasets with the extras the dataset ``types``
    (catalog entries and patterns) need, and the distributions the project's own modules
    import (``extra`` and project dataset classes), unpinned when no pin names them. Sorted
    case-insensitively by distribution name.
    """
    types = tuple(types)
    lines = {canonical_name(pin_name(p)): _with_extras(p, dataset_extras(types)) for p in pins}
    project = f"{package}.datasets."
    wanted = [
        PROJECT_DATASET_REQUIREMENTS.get(t.removeprefix(project), "")
        for t in types
        if t.startswith(project)
    ]
    for name in [*wanted, *extra]:
        if name and canonical_name(name) not in lines:
            lines[canonical_name(name)] = name
    return tuple(lines[key] for key in sorted(lines))


def _with_extras(pin: str, extras: tuple[str, ...]) -> str:
    name = pin_name(pin)
    if canonical_name(name) != "kedro-datasets" or not extras:
        return pin
    return f"{name}[{','.join(extras)}]{pin[len(name) :]}"


def pin_name(pin: str) -> str:
    """The distribution name a requirement line starts with."""
    match = _PIN_NAME.match(pin)
    return match.group(1) if match else pin


def canonical_name(name: str) -> str:
    """PEP 503 normalised distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()
