"""benchmarks/fidelity_causes.py: a notebook's failures become cause keys (case table)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from fidelity_causes import cause_table, causes, stages  # noqa: E402


def converted(errors: list[str] = (), rows: list[tuple[str, str, str]] = ()) -> dict:  # type: ignore[assignment]
    results = [{"dataset": d, "kind": k, "status": "different", "detail": t} for d, k, t in rows]
    return {
        "notebook": "p/a.ipynb",
        "converted": True,
        "ok": not errors and not rows,
        "errors": [],
        "notebooks": [{"errors": list(errors), "results": results}],
    }


CASES = [
    (
        {
            "notebook": "p/a.ipynb",
            "converted": False,
            "reason": "a.ipynb cell 3: error: star import [star-import]\nb [unsupported-magic]",
        },
        [("conversion", "[star-import]"), ("conversion", "[unsupported-magic]")],
    ),
    (
        {"notebook": "p/a.ipynb", "converted": None, "reason": "verify timed out (900 s)"},
        [("verify", "timed out")],
    ),
    (
        converted(["pipeline: node p.fit failed: KeyError: 'price'"]),
        [("kedro run", "KeyError: '…'")],
    ),
    (
        converted(["notebook: cell 4: FileNotFoundError: [Errno 2] No such file: 'x.csv'"]),
        [("notebook run", "FileNotFoundError: [Errno N] No such file: '…'")],
    ),
    (
        converted(
            rows=[
                ("p.df", "value", "shape (3, 2) != (4, 2)"),
                ("out.csv", "file", "text differs from line 2"),
                ("p.figs", "figures", "cells showed 2 figure(s), p.plot returned 1"),
            ]
        ),
        [
            ("difference", "shape differs (value)"),
            ("difference", "file content differs (file)"),
            ("difference", "figure count differs (figures)"),
        ],
    ),
    (
        converted(
            rows=[
                ("p.rx", "value", r"re.compile('\n    (?P<d>\\d+)\n    ') != re.compile('\n..."),
                ("p.ry", "value", r"re.compile('\n    (?P<d>\\d+)') != re.compile('\n  (?P<e>"),
                ("p.rz", "value", "'a b' != 'ab c'"),
            ]
        ),
        [
            ("difference", "whitespace differs (text re-indented?) (value)"),
            ("difference", "scalar or object differs (value)"),
            ("difference", "scalar or object differs (value)"),
        ],
    ),
]


@pytest.mark.parametrize(("result", "expected"), CASES)
def test_causes(result: dict, expected: list[tuple[str, str]]) -> None:
    assert [(stage, cause) for stage, cause, _ in causes(result)] == expected


def test_table_counts_notebooks_once_per_cause() -> None:
    twice = converted(["pipeline: KeyError: 'a'", "pipeline: KeyError: 'b'"])
    other = {**converted(["pipeline: KeyError: 'c'"]), "notebook": "p/b.ipynb"}
    [(stage, cause, count, example)] = cause_table([twice, other])
    assert (stage, cause, count) == ("kedro run", "KeyError: '…'", 2)
    assert example.startswith("p/a.ipynb: ")


def test_stages() -> None:
    assert stages(converted(["pipeline: ValueError: x"])) == {
        "converted": True,
        "notebook ran": True,
        "kedro ran": False,
        "verified": False,
    }
    assert stages({"notebook": "n", "converted": False})["converted"] is False
