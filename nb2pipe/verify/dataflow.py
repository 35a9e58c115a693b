"""Not reproducible along the dataflow: a value computed from one the notebook does not pin down.

Two runs of a notebook can agree on a value by chance (an unseeded k-means whose labels came out
in the same order twice) while the pipeline's run does not. When a dataset upstream of it is
"not reproducible" for a reason that is not a clock (its runs disagree on data, or it is an
unseeded estimator), a "different" value is "not reproducible" too, with the upstream dataset
named; so is a "different" value of the same node (its cells run as one unit, and the grouping
often puts a draw and what is computed from it in one node), and one of a node that draws from
numpy's global generator nothing seeded (`Expectation.unseeded`: the draw need not be a row).
The plan says which datasets each node reads (`Expectation.inputs`) and returns, in plan order.

Example: ``km`` (unseeded KMeans, runs disagree on ``cluster_centers_``) → ``labels`` differs →
``labels`` is "not reproducible: computed from `p.km`, ...". Equal values stay equal, and a
dataset whose runs differ only in recorded times (``mean_fit_time``), or whose names only differ
in a process-wide counter's numbers (`counters`), taints nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .counters import is_counter
from .model import DatasetResult, Expectation
from .results import depends_on_chance, is_clock


def by_chance(row: DatasetResult) -> bool:
    """The row is not reproducible because of chance (not only because of recorded times)."""
    return row.status == "not reproducible" and any(
        not is_clock(p) and not is_counter(p) for p in row.unstable)


def origins(rows: Sequence[DatasetResult], found: Sequence[Expectation]) -> dict[str, str]:
    """Dataset → the chance-dependent dataset it is computed from: one its node reads (directly
    or not), or one its node also returns (the node's cells are one unit, run in order)."""
    verdicts = {row.dataset: row for row in rows if row.kind == "value"}
    found_origin: dict[str, str] = {}
    nodes: dict[str, list[Expectation]] = {}
    for expected in found:
        nodes.setdefault(expected.node, []).append(expected)
    for outputs in nodes.values():  # plan order: producers before consumers
        origin = ""
        for name in (*outputs[0].inputs, *(e.dataset for e in outputs)):
            row = verdicts.get(name)
            origin = name if row is not None and by_chance(row) else found_origin.get(name, "")
            if origin:
                break
        for expected in outputs:
            if origin and expected.dataset != origin:
                found_origin[expected.dataset] = origin
    return found_origin


def propagate(rows: Sequence[DatasetResult], found: Sequence[Expectation]) -> list[DatasetResult]:
    """``rows`` with each "different" value computed from a chance-dependent one made
    "not reproducible" (see the module docstring)."""
    found_origin = origins(rows, found)
    draws = {e.dataset: e.unseeded for e in found}
    changed = []
    for row in rows:
        origin = found_origin.get(row.dataset)
        drawn = depends_on_chance(draws.get(row.dataset, ())) if row.status == "different" else ""
        if origin and row.status == "different" and row.kind == "value":
            detail = (
                f"computed from `{origin}`, which depends on chance (see its row); "
                f"the pipeline differs at {row.detail}"
            )
            row = replace(
                row, status="not reproducible", detail=detail, unstable=(f"<from {origin}>",)
            )
        elif drawn and row.kind == "value":
            # two notebook runs may agree by chance (k-means labels of a fit nothing seeded,
            # inside the node and not handed on), the pipeline's run need not
            detail = (
                f"its node draws from numpy's global generator ({drawn}), which nothing "
                f"seeded: the value depends on chance; the pipeline differs at {row.detail}"
            )
            row = replace(row, status="not reproducible", detail=detail, unstable=("<unseeded>",))
        changed.append(row)
    return changed
