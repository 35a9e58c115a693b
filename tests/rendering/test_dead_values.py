"""Values a node computes and throws away are dropped from the tidied nodes.py
(`rendering/dead_values.py`): what only computes goes, what may do anything else stays."""

from __future__ import annotations

from textwrap import dedent

import pytest

from nb2pipe.rendering.dead_values import drop_dead_values
from nb2pipe.rendering.pyformat import format_python

HEAD = "import numpy as np\n\n\ndef node(df, xs, J):\n    \"\"\"Doc.\"\"\"\n"


def body(code: str) -> str:
    return HEAD + "".join(f"    {line}\n" if line else "\n" for line in dedent(code).strip("\n").splitlines())


@pytest.mark.parametrize(("before", "after"), [
    ("for k in xs:\n    J * k\n    np.mean(J) - J.min()\n    df.head()\n    y = k\nreturn y",
     "for k in xs:\n    y = k\nreturn y"),
    ("if xs:\n    J.max()\nreturn J", "if xs:\n    pass\nreturn J"),
    ("len(df)\ndf['a'] + 1\nreturn df", "return df"),
])
def test_values_only_computed_are_dropped(before: str, after: str) -> None:
    assert drop_dead_values(body(before)) == body(after)


@pytest.mark.parametrize("kept", [
    "try:\n    J + [1, 2]\nexcept ValueError as e:\n    print(e)",  # evaluated to see it raise
    "for k in xs:\n    print(k)",
    "for k in xs:\n    df.info()",  # prints
    "for k in xs:\n    fit(k)",  # anything
    "max(iter(xs))",  # may use up an iterator
    "[k for k in xs]",
    "df.drop(columns='a', inplace=True)",
    "np.add(J, 1, out=J)",
    "J * 2; J.max()",
    "...",
])
def test_what_may_do_more_than_compute_stays(kept: str) -> None:
    assert drop_dead_values(body(kept)) == body(kept)


def test_the_tidy_drops_what_removing_an_unused_local_leaves() -> None:
    """ruff's fix of `levels_j = ...` (an unused local) leaves the expression: dropped too."""
    code = body("for k in xs:\n    levels_j = J * (J.max() - J.min()) + k\n    total = J.sum()\nreturn total")
    tidied = format_python(code, "src/p/pipelines/a/nodes.py", tidy=True)
    assert "J.max() - J.min()" not in tidied and "total = J.sum()" in tidied
