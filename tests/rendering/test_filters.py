"""Each filter of FILTERS, as a specification: input → exact output."""

from __future__ import annotations

import math
import warnings

import pytest
import tomllib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nb2pipe.errors import PlanInvariantError
from nb2pipe.model import CatalogEntry, Param, PipelinePlan, Step
from nb2pipe.rendering import filters
from nb2pipe.rendering.filters import FILTERS
from nb2pipe.rendering.wiring import Wiring

TESTED: set[str] = set()


def covers(*names: str):
    """Record which filters a test covers (test_every_filter_is_tested checks the table)."""
    TESTED.update(names)
    return lambda func: func


def step(name="s", inputs=(), outputs=(), kind="data", tags=(), needs=()) -> Step:
    return Step(
        name=name,
        kind=kind,
        cells=("1",),
        arguments=tuple(f"a{i}" for i in range(len(inputs))),
        inputs=tuple(inputs),
        returns=tuple(f"r{i}" for i in range(len(outputs))),
        outputs=tuple(outputs),
        code=f"def {name}():\n    pass\n",
        needs=frozenset(needs),
        tags=tuple(tags),
    )


def pipeline(steps, name="p", shared_inputs=(), shared_outputs=(), **kwargs) -> PipelinePlan:
    return PipelinePlan(
        name=name,
        source="nb.ipynb",
        steps=tuple(steps),
        imports=kwargs.pop("imports", ()),
        shared_inputs=tuple(shared_inputs),
        shared_outputs=tuple(shared_outputs),
        **kwargs,
    )


# ----------------------------------------------------------------------------------------- YAML
@covers("to_yaml")
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({}, "{}"),
        ({"b": 1, "a": [1, 2]}, "b: 1\na:\n- 1\n- 2"),
        ({"s": "1e3", "t": "yes", "n": None, "f": 0.5}, "s: '1e3'\nt: 'yes'\nn: null\nf: 0.5"),
        ({"x": "${a}"}, "x: \\${a}"),
        ({"{namespace}.{name}": {"type": "T"}}, "'{namespace}.{name}':\n  type: T"),
        ({"t": (1, 2)}, "t:\n- 1\n- 2"),
    ],
)
def test_to_yaml(value, expected):
    assert filters.to_yaml(value) == expected


@covers("nest_params")
def test_nest_params_nests_by_namespace_in_plan_order():
    params = [Param("train", "seed", 1), Param("", "lr", 0.1), Param("a.b", "k", (1, "x"))]
    assert filters.nest_params(params) == {
        "train": {"seed": 1},
        "lr": 0.1,
        "a": {"b": {"k": [1, "x"]}},
    }


@pytest.mark.parametrize(
    "params",
    [
        [Param("p", "x", 1), Param("p", "x", 2)],
        [Param("", "p", 1), Param("p", "x", 2)],
    ],
)
def test_nest_params_rejects_clashes(params):
    with pytest.raises(PlanInvariantError):
        filters.nest_params(params)


@covers("credential_placeholders")
def test_credential_placeholders_never_contain_the_secret():
    creds = [Param("", "token", "s3cr3t", "cell 1"), Param("db", "password", "hunter2")]
    tree = filters.credential_placeholders(creds)
    assert tree == {"token": "", "db": {"password": ""}}
    assert "s3cr3t" not in filters.to_yaml(tree)


@covers("catalog_entry")
def test_catalog_entry():
    entry = CatalogEntry(
        "a.b", "pandas.CSVDataset", "data/x.csv", (("save_args", {"index": False}),)
    )
    assert filters.catalog_entry(entry) == {
        "a.b": {
            "type": "pandas.CSVDataset",
            "filepath": "data/x.csv",
            "save_args": {"index": False},
        }
    }
    assert filters.catalog_entry(CatalogEntry("m", "MemoryDataset", "")) == {
        "m": {"type": "MemoryDataset"}
    }


@covers("comment")
@pytest.mark.parametrize(("text", "expected"), [("a", "# a"), ("a\n\nb", "# a\n#\n# b"), ("", "")])
def test_comment(text, expected):
    assert filters.comment(text) == expected


_KEYS = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
    | st.sampled_from(
        [
            "1e3",
            "yes",
            "no",
            "on",
            "null",
            "~",
            "0x1F",
            "017",
            "1_000",
            ".5",
            "${a}",
            "\\${a}",
            "a\\",
            "a: b",
        ]
    )
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=8,
)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


@given(st.dictionaries(_KEYS, _VALUES, min_size=1, max_size=4))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_parameters_yaml_loads_back_through_kedro(tmp_path_factory, values):
    """What parameters.yml says is what nodes get: via Kedro's own OmegaConfigLoader."""
    from kedro.config import OmegaConfigLoader

    params = [Param("ns", key, value) for key, value in values.items()]
    conf = tmp_path_factory.mktemp("conf")
    (conf / "base").mkdir()
    (conf / "local").mkdir()
    (conf / "base" / "parameters.yml").write_text(filters.to_yaml(filters.nest_params(params)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = OmegaConfigLoader(str(conf), base_env="base", default_run_env="local")[
            "parameters"
        ]
    assert _same(loaded, {"ns": values}), loaded


# --------------------------------------------------------------------------------- Python, TOML
@covers("pyrepr")
@pytest.mark.parametrize(
    ("value", "expected"), [("a", "'a'"), (["a", 'b"'], "['a', 'b\"']"), (3, "3"), (None, "None")]
)
def test_pyrepr(value, expected):
    assert filters.pyrepr(value) == expected


@covers("pyset")
def test_pyset_is_sorted():
    assert filters.pyset(("b", "a")) == "{'a', 'b'}"


@covers("docstring")
def test_docstring_escapes_quotes_and_backslashes():
    text = filters.docstring('a """b""" \\n')
    assert eval('"""' + text + '"""') == 'a """b""" \\n'


@covers("toml_str", "toml_list")
@pytest.mark.parametrize("text", ["plain", 'q"uote', "back\\slash", "tab\tnew\nline\x7f", "ünï"])
def test_toml_strings_load_back(text):
    document = "\n".join(
        [f"a = {filters.toml_str(text)}", f"b = {filters.toml_list([text, 'x'])}", "c = []"]
    )
    assert tomllib.loads(document) == {"a": text, "b": [text, "x"], "c": []}


@covers("to_json")
def test_to_json_is_sorted_without_final_newline():
    assert filters.to_json({"b": 1, "a": "é"}) == '{\n  "a": "é",\n  "b": 1\n}'


# ------------------------------------------------------------------------------------ Markdown
@covers("md_cell")
@pytest.mark.parametrize(("value", "expected"), [("a|b\nc", "a\\|b c"), (("1", "2"), "1, 2")])
def test_md_cell(value, expected):
    assert filters.md_cell(value) == expected


@covers("md_code")
@pytest.mark.parametrize(
    ("value", "expected"), [("x", "`x`"), ("a`b", "``a`b``"), ("`x", "`` `x ``")]
)
def test_md_code(value, expected):
    assert filters.md_code(value) == expected


@covers("md_codes")
def test_md_codes():
    assert filters.md_codes(["a", "b|c"]) == "`a`, `b\\|c`"
    assert filters.md_codes([]) == "—"


# -------------------------------------------------------------------------------------- wiring
@covers("wiring")
def test_wiring_splits_shared_names_as_kedro_requires():
    steps = [
        step("a", inputs=["raw", "params:k", "params:top"], outputs=["shared_made"]),
        step("b", inputs=["shared_made", "params:other.x"], outputs=["out"]),
    ]
    plan = pipeline(
        steps, shared_inputs=["raw", "shared_made", "unused"], shared_outputs=["shared_made"]
    )
    params = [Param("p", "k", 1), Param("", "top", 2), Param("other", "x", 3)]
    assert filters.wiring(plan, params) == Wiring(
        inputs=("raw",), outputs=("shared_made",), parameters=("other.x", "top")
    )


@covers("node_inputs", "node_outputs")
@pytest.mark.parametrize(
    ("inputs", "outputs", "expected_in", "expected_out"),
    [
        ((), ("a",), "None", "'a'"),
        (("x",), ("a", "b"), "['x']", "['a', 'b']"),
        (("x", "params:y"), (), "['x', 'params:y']", "None"),
    ],
)
def test_node_arguments(inputs, outputs, expected_in, expected_out):
    s = step(inputs=inputs, outputs=outputs)
    assert (filters.node_inputs(s), filters.node_outputs(s)) == (expected_in, expected_out)


@covers("node_tags")
def test_node_tags_add_reporting_and_sort():
    assert filters.node_tags(step(tags=("z", "a"))) == ("a", "z")
    assert filters.node_tags(step(kind="reporting", tags=("reporting", "b"))) == ("b", "reporting")


@covers("needed_imports", "needed_functions", "step_names")
def test_imports_are_exactly_the_needed_ones_in_plan_order():
    plan = pipeline(
        [step("z", needs={"pd", "helper"}), step("a", needs={"np", "unknown"})],
        imports=(
            ("import pandas as pd", frozenset({"pd"})),
            ("import os", frozenset({"os"})),
            ("import numpy as np", frozenset({"np"})),
        ),
        functions=frozenset({"helper", "unused"}),
    )
    assert filters.needed_imports(plan) == ("import pandas as pd", "import numpy as np")
    assert filters.needed_functions(plan) == ("helper",)
    assert filters.step_names(plan) == ("a", "z")


@covers("requirements")
def test_requirements_add_extras_and_project_needs():
    pins = ("pandas==3.1.1", "kedro-datasets==9.6.0", "kedro==1.7.0", "Numpy==2.0")
    types = [
        "pandas.CSVDataset",
        "kedro_datasets.pickle.PickleDataset",
        "pandas.CSVDataset",
        "partitions.PartitionedDataset",
        "polars.CSVDataset",
        "demo.datasets.NumpyDataset",
        "demo.datasets.FilePathDataset",
        "kedro.io.MemoryDataset",
    ]
    assert filters.requirements(pins, types, "demo", ["matplotlib"]) == (
        "kedro==1.7.0",
        "kedro-datasets[pandas-csvdataset,pickle-pickledataset,polars-csvdataset]==9.6.0",
        "matplotlib",
        "Numpy==2.0",
        "pandas==3.1.1",
    )


def test_every_filter_is_tested():
    assert set(FILTERS) == TESTED
