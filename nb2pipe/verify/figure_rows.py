"""Figures are compared by count: cells' displayed figures vs figures the nodes returned.

Nodes that share source cells are judged together (a data step that draws and the reporting
step that finishes its plot may both hold the same cell): per group of such nodes, the figures
the group's cells displayed must equal the figures the group's nodes returned. Figures shown by
cells that no figure-returning node covers are reported in one extra row: a figure the
pipeline lost.

Example: the notebook's cell 18 shows one scatter plot; the conversion draws half of it in
``compute`` (cells 3-18) and the rest in ``plot_cell_18`` (cell 18), each node returning one
figure. The group {compute, plot_cell_18} covers cells 3-18: 1 figure shown, 2 returned →
both rows "different".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import DatasetResult, Expectation, NotebookRun, Outcome, PipelineRun

#: Dataset column of the row for figures that no node returns.
UNCLAIMED = "(figures no node returns)"


def figure_rows(
    found: Sequence[Expectation],
    runs: Sequence[NotebookRun],
    pipeline: PipelineRun,
    cell_index: Mapping[str, int],
) -> tuple[dict[str, DatasetResult], DatasetResult | None]:
    """The row of each figure dataset in ``found``, and the unclaimed-figures row (if any)."""
    rows: dict[str, DatasetResult] = {}
    claimed: set[int] = set()
    for group in groups(found):
        cells = {cell_index.get(ref, -1) for e in group for ref in e.cells}
        claimed |= cells
        outcome = judge_group(group, cells, runs, pipeline)
        rows.update({e.dataset: _row(e, outcome) for e in group})
    unclaimed = None if pipeline.error else unclaimed_row(claimed, runs, cell_index)
    return rows, unclaimed


def groups(found: Sequence[Expectation]) -> list[list[Expectation]]:
    """Expectations joined when they share a cell, directly or through others; in order."""
    result: list[list[Expectation]] = []
    for expected in found:
        touching = [g for g in result if any(set(e.cells) & set(expected.cells) for e in g)]
        merged = [e for g in touching for e in g] + [expected]
        result = [g for g in result if g not in touching] + [merged]
    order = {e.dataset: i for i, e in enumerate(found)}
    return sorted(
        (sorted(g, key=lambda e: order[e.dataset]) for g in result),
        key=lambda g: order[g[0].dataset],
    )


def judge_group(
    group: Sequence[Expectation],
    cells: set[int],
    runs: Sequence[NotebookRun],
    pipeline: PipelineRun,
) -> Outcome:
    """Shown (per notebook run) vs returned figures for one group of nodes."""
    produced = [pipeline.outputs.get(e.dataset) for e in group]
    if any(p is None for p in produced):
        return Outcome("not compared", "the pipeline did not produce it")
    if not runs or runs[0].error:
        return Outcome("not compared", "the notebook did not run to the end")
    shown = [sum(run.figures.get(i, 0) for i in cells) for run in runs if not run.error]
    returned = returned_figures(group, pipeline)
    nodes = f"nodes {', '.join(sorted({e.node for e in group}))}" if len(group) > 1 else "node"
    if len(set(shown)) > 1:
        return Outcome("not reproducible", f"two notebook runs showed {shown} figures")
    inline = f" (%matplotlib {runs[0].backend} run as inline)" if runs[0].backend else ""
    if shown[0] != returned:
        return Outcome(
            "different", f"cells showed {shown[0]} figure(s), {nodes} returned {returned}{inline}"
        )
    return Outcome("equal", f"{returned} figure(s){inline}")


def returned_figures(group: Sequence[Expectation], pipeline: PipelineRun) -> int:
    """Distinct figures the group's nodes returned: a node returning ``fig`` and the list of
    its figures (which holds ``fig``) returned one figure, not two."""
    distinct: set[tuple[str, int]] = set()
    total = 0
    for expected in group:
        produced = pipeline.outputs[expected.dataset]
        if produced.figure_ids:
            distinct |= {(expected.node, i) for i in produced.figure_ids}
        else:
            total += produced.figures
    return total + len(distinct)


def unclaimed_row(
    claimed: set[int], runs: Sequence[NotebookRun], cell_index: Mapping[str, int]
) -> DatasetResult | None:
    """A "different" row when cells outside every figure group showed figures."""
    if not runs or runs[0].error:
        return None
    refs = {index: ref for ref, index in cell_index.items()}
    lost = {i: n for i, n in runs[0].figures.items() if n and i not in claimed}
    if not lost:
        return None
    cells = tuple(refs.get(i, str(i + 1)) for i in sorted(lost))
    detail = f"{sum(lost.values())} figure(s) shown by cells no figure-returning node covers"
    return DatasetResult(UNCLAIMED, "figures", "", cells, "different", detail)


def _row(expected: Expectation, outcome: Outcome) -> DatasetResult:
    return DatasetResult(
        dataset=expected.dataset,
        kind="figures",
        node=expected.node,
        cells=expected.cells,
        status=outcome.status,
        detail=outcome.detail,
        variable=expected.variable,
    )
