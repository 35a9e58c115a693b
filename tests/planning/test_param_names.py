"""Spec tables for the names of literal hyper-parameters and seeds (planning/param_names.py), the
seeding statements that move into the node drawing from them (planning/seeds.py), and the
generator state spelled with the notebook's own import (planning/generators.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_plan_rules import plan_of, steps

from nb2pipe.model.symbols import Param, parse_symbol
from nb2pipe.planning.generators import import_alias
from nb2pipe.planning.param_names import Use, call_at, param_names

# (code, line, column of the literal) → (callee as written, variable bound)
CALLS = [
    ("km = KMeans(n_clusters=3)", 1, 23, ("KMeans", "km")),
    ("np.random.seed(42)", 1, 15, ("np.random.seed", "")),
    ("c = KMeans(n_clusters=3).fit(x).cluster_centers_", 1, 22, ("KMeans", "c")),
    ("x = 1\nm = sk.linear_model.Lasso(alpha=0.1)", 2, 32, ("sk.linear_model.Lasso", "m")),
    ("a, b = split(x, test_size=0.2)", 1, 26, ("split", "")),
    ("t = 'é'; m = Ridge(alpha=2)", 1, 25, ("Ridge", "m")),  # a character column, not bytes
    ("f(x)(alpha=1)", 1, 11, ("", "")),  # not a dotted callee
]


@pytest.mark.parametrize(("code", "line", "col", "expected"), CALLS)
def test_the_call_a_literal_is_passed_to(
    code: str, line: int, col: int, expected: tuple[str, str]
) -> None:
    assert call_at(code, line, col) == expected


# uses (symbol, callee, target), names taken → names, in order
NAMES = [
    # one value per keyword: the keyword, wherever it is used
    (
        [("param:random_state=0", "KMeans", "km"), ("param:test_size=0.2", "split", "")],
        set(),
        ["random_state", "test_size"],
    ),
    # several values: qualified by the callee
    (
        [
            ("param:random_state=0", "KMeans", "km"),
            ("param:random_state=1", "train_test_split", ""),
        ],
        set(),
        ["kmeans_random_state", "train_test_split_random_state"],
    ),
    # seeding calls: the whole callee (its last word is the keyword)
    (
        [
            ("param:seed=42", "np.random.seed", ""),
            ("param:seed=7", "random.seed", ""),
            ("param:seed=0", "np.random.default_rng", "rng"),
        ],
        set(),
        ["np_random_seed", "random_seed", "default_rng_seed"],
    ),
    # one callee, several values: the variables bound
    (
        [("param:n_clusters=2", "KMeans", "small"), ("param:n_clusters=3", "KMeans", "large")],
        set(),
        ["small_n_clusters", "large_n_clusters"],
    ),
    # a keyword the notebook uses as a name is qualified even with one value
    ([("param:alpha=0.5", "Ridge", "model")], {"alpha"}, ["ridge_alpha"]),
    # nothing to qualify with: a counter is the last resort
    ([("param:cv=3", "", ""), ("param:cv=5", "", "")], set(), ["cv", "cv_2"]),
]


@pytest.mark.parametrize(("uses", "taken", "expected"), NAMES)
def test_parameter_names_say_what_the_value_is(
    uses: list[tuple[str, str, str]], taken: set[str], expected: list[str]
) -> None:
    symbols = [parse_symbol(u[0]) for u in uses]
    assert all(isinstance(s, Param) for s in symbols)
    names = param_names([Use(s, *u[1:]) for s, u in zip(symbols, uses)], set(taken))  # type: ignore[arg-type]
    assert [names[s] for s in symbols] == expected  # type: ignore[index]


@pytest.mark.parametrize(
    ("code", "module", "alias"),
    [
        ("import numpy as np", "numpy", "np"),
        ("import numpy", "numpy", "numpy"),
        ("import os, numpy as xp", "numpy", "xp"),
        ("from numpy import random", "numpy", ""),
        ("import numpy.random", "numpy", ""),
        ("import random", "random", "random"),
    ],
)
def test_the_import_a_generator_state_is_spelled_with(code: str, module: str, alias: str) -> None:
    assert import_alias(code, module) == alias


def test_a_seed_moves_into_the_node_that_draws_from_it(tmp_path: Path) -> None:
    made = steps(
        plan_of(
            tmp_path,
            nb=[
                "import numpy as np\ndata = np.arange(6)\nnp.random.seed(1)",
                "# A",
                "a = np.random.choice(data)",
                "# B",
                "b = np.random.rand(2)",
            ],
        ),
        "nb",
    )
    drawer_a = next(s for s in made if "a" in s.returns)
    assert "np.random.seed(" in drawer_a.code and "set_state" not in drawer_a.code
    # the node making `data` keeps its work but hands no generator state on
    maker = next(s for s in made if "data" in s.returns)
    assert maker is not drawer_a and not any(o.startswith("np_random_state") for o in maker.outputs)
    # the next drawer still restores the state the first one left (the draws stay identical)
    drawer_b = next(s for s in made if "b" in s.returns)
    assert "np.random.set_state(np_random_state)" in drawer_b.code


def test_a_seed_nothing_draws_from_stays_where_it_is(tmp_path: Path) -> None:
    made = steps(
        plan_of(
            tmp_path,
            nb=[
                "import numpy as np\nnp.random.seed(1)\nx = np.arange(3)",
                "# A",
                "y = x * 2",
            ],
        ),
        "nb",
    )
    assert any("np.random.seed(" in s.code and "x" in s.returns for s in made)


def test_a_constant_stated_again_with_the_same_value_is_one_parameter(tmp_path: Path) -> None:
    """`x_index = 3` in two cells, each drawing with it, was a node making `x_index_2`; a name
    rebound to another value stays data (its versions differ)."""
    the_plan = plan_of(tmp_path, nb=[
        "import numpy as np\ndata = np.arange(12).reshape(4, 3)",
        "col = 1\nfirst = data[:, col].sum()",
        "col = 1\nsecond = data[:, col] * 2",
        "k = 5\na = k + 1",
        "k = 6\nb = k + 1",
    ])
    assert [(p.name, p.value) for p in the_plan.params] == [("col", 1)]
    made = steps(the_plan, "nb")
    assert not [o for s in made for o in s.outputs if o.startswith("col")]
    assert {i for s in made for i in s.inputs if i.startswith("params:")} == {"params:col"}
