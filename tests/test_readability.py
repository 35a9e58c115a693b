"""Readability of the generated projects, as a test (issue #10): `benchmarks/readability.py`'s
counts over the golden cases and sample_notebooks must be zero where the converter has reached
zero, and over the public corpus (when it is next to the checkout) must not grow past what they
are now (a ratchet: lower them here when a change lowers them)."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NB2PIPE_SHARED", ROOT.parent / "shared"))
PUBLIC = SHARED / "corpus" / "public" / "notebooks"

spec = importlib.util.spec_from_file_location("readability", ROOT / "benchmarks" / "readability.py")
assert spec is not None and spec.loader is not None
readability = importlib.util.module_from_spec(spec)
sys.modules["readability"] = readability
spec.loader.exec_module(readability)

#: Counts that are zero everywhere now ("ruff in project": `ruff check` in the project folder,
#: with the project's pyproject.toml, which keeps the notebook's own design as written).
ZERO = ("figure datasets", "counter params", "docstrings >6", "duplicate imports",
        "rng through non-drawing", "failed", "drawings in data", "ruff in project", "displays in data",
        "identity nodes")
#: On the golden cases and sample_notebooks, these are zero too (`ruff check` clean nodes.py).
ZERO_ON_OWN = ("data+figures", "drawings in data (diagnosed impossible)", "displays in data", "duplicated names",
               "ruff findings")
#: The public corpus, every notebook alone (docs/readability.md): upper bounds, the counts at
#: the session-5 merge. ruff: 92 → 32 when nodes.py became tidy (the 32 left are the notebooks'
#: own code, but for 3); displays in data: 26 → 4 (pure library calls are displays, and a node
#: shows what only it holds).
#: drawings in data: 72 → 0, and 49 in nodes whose statement has no split (a loop computing and
#: drawing, a library call asked to draw, a notebook function returning data and drawing: each
#: with a `drawing-cannot-split` note); data+figures 16 → 10. counter datasets 61 → 69 and
#: duplicated names 5 → 6 with it: the split values are datasets at each version the figures drew
#: (`kmf_fit_2`), and a cell drawing `y_pred` at four versions hands each on.
#: Session 7: displays in data 4 → 0 (a `try` showing an error is a display, values computed and
#: thrown away are dropped, pingouin's DataFrame methods compute), identity nodes 2 → 0 (a node
#: only writing files goes into the node making the value); loop fission and drawings whose data
#: work nobody reads: data+figures 10 → 3, diagnosed 49 → 25.
#: Session 8: a version bound again is named by the heading of the step making it
#: (`X_polynomial_regression`, was `X_2`), a node that only shows by what it reads, a drawing
#: method by what it draws (`plot_three_f_hazard`): counter datasets 67 → 5, duplicated names 3 → 0.
PUBLIC_AT_MOST = {"data+figures": 3, "drawings in data (diagnosed impossible)": 25,
                  "counter datasets": 5, "duplicated names": 0, "ruff findings": 27}
OWN = [ROOT / "sample_notebooks", *sorted((ROOT / "tests" / "cases").glob("*/input"))]
#: Nodes that only hand a dataset on, over all of OWN: an upper bound. The loads (`df = raw_csv;
#: return df`) are gone, and the file writes (`clean_csv = sales`) went into the node making the
#: value (planning/aliases).
OWN_IDENTITY_AT_MOST = 0


def counts_of(targets: list[list[Path]], tmp_path: Path) -> Counter:
    total: Counter = Counter()
    for index, paths in enumerate(targets):
        total.update(readability.measure(paths, tmp_path / f"project_{index}"))
    return total


def case_id(folder: Path) -> str:
    return folder.parent.name if folder.name == "input" else folder.name


@pytest.mark.parametrize("folder", OWN, ids=case_id)
def test_own_inputs_convert_to_readable_projects(folder: Path, tmp_path: Path) -> None:
    counts = counts_of([[folder]], tmp_path)
    assert counts["nodes"] > 0
    assert {c: counts[c] for c in ZERO + ZERO_ON_OWN if counts[c]} == {}


def test_identity_nodes_in_own_inputs_do_not_grow(tmp_path: Path) -> None:
    counts = counts_of([[folder] for folder in OWN], tmp_path)
    assert counts["identity nodes"] <= OWN_IDENTITY_AT_MOST


@pytest.mark.skipif(not PUBLIC.is_dir(), reason="the public corpus is not next to the checkout")
def test_the_public_corpus_gets_no_less_readable(tmp_path: Path) -> None:
    counts = counts_of(readability.targets([PUBLIC], each=True), tmp_path)
    assert counts["projects"] == 25
    assert {c: counts[c] for c in ZERO if counts[c]} == {}
    worse = {c: (counts[c], bound) for c, bound in PUBLIC_AT_MOST.items() if counts[c] > bound}
    assert worse == {}, worse
