"""Verdicts from runs, as a table: what each combination of captures gives (no kernel, no kedro)."""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from nb2pipe.verify.figure_rows import UNCLAIMED, groups
from nb2pipe.verify.model import Captured, Expectation, NotebookRun, PipelineRun
from nb2pipe.verify.results import dataset_results, file_results

POINT = (3, 2)
MISSING = object()  # the notebook has no such variable
UNPICKLABLE = object()  # the value could not be pickled


@dataclass(frozen=True)
class ResultCase:
    name: str
    #: Value in each notebook run (one entry per run).
    notebook: tuple[Any, ...]
    #: Value the pipeline produced (None: not produced).
    pipeline: Any
    status: str | None  # None: no row (left to the file rows)
    reporting: bool = False
    file: str = ""
    figures: tuple[int, ...] = ()
    pipeline_figures: int = 0


CASES = [
    ResultCase("equal", (1.0, 1.0), 1.0, "equal"),
    ResultCase("different", (1.0, 1.0), 2.0, "different"),
    ResultCase("one run only", (1.0,), 2.0, "different"),
    ResultCase("runs disagree", (1.0, 1.5), 1.0, "not reproducible"),
    ResultCase("runs disagree even if pipeline differs", (1.0, 1.5), 9.0, "not reproducible"),
    ResultCase(
        "unstable part ignored",
        ({"t": 1, "v": 2}, {"t": 5, "v": 2}),
        {"t": 9, "v": 2},
        "not reproducible",
    ),
    ResultCase(
        "stable part still compared when only a clock differs",
        ({"fit_time": 1, "v": 2}, {"fit_time": 5, "v": 2}),
        {"fit_time": 9, "v": 3},
        "different",
    ),
    ResultCase(
        # best_index_ agreed twice by chance while best_score_ did not: the value is random
        "runs disagree on data: agreeing parts may agree by chance",
        ({"score": 0.5, "best": 19}, {"score": 0.6, "best": 19}),
        {"score": 0.7, "best": 16},
        "not reproducible",
    ),
    ResultCase("notebook lacks the variable", (MISSING,), 1.0, "not compared"),
    ResultCase("unpicklable in notebook", (UNPICKLABLE,), 1.0, "not compared"),
    ResultCase("unpicklable in pipeline", (1.0,), UNPICKLABLE, "not compared"),
    ResultCase("pipeline did not produce it", (1.0,), None, "not compared"),
    ResultCase("file dataset without variable", (MISSING,), "x", None, file="out.csv"),
    ResultCase("file dataset with variable", (1.0,), 2.0, "different", file="out.csv"),
    ResultCase("figures equal", (), "figs", "equal", True, figures=(2, 2), pipeline_figures=2),
    ResultCase("figures differ", (), "figs", "different", True, figures=(2,), pipeline_figures=1),
    ResultCase(
        "figures unstable", (), "figs", "not reproducible", True, figures=(1, 2), pipeline_figures=1
    ),
]


def capture(value: Any, path: Path) -> Captured:
    if value is MISSING:
        return Captured("missing")
    if value is UNPICKLABLE:
        return Captured("not picklable: TypeError: no")
    path.write_bytes(pickle.dumps(value))
    return Captured("ok", str(path))


def runs_for(case: ResultCase, folder: Path) -> list[NotebookRun]:
    count = max(len(case.notebook), len(case.figures))
    runs = []
    for index in range(count):
        captures = {}
        if index < len(case.notebook):
            captures[(POINT, "x")] = capture(case.notebook[index], folder / f"nb{index}.pkl")
        figures = {3: case.figures[index]} if case.figures else {}
        runs.append(NotebookRun("nb.ipynb", captures, figures, {}, 1.0))
    return runs


def pipeline_for(case: ResultCase, folder: Path) -> PipelineRun:
    outputs = {}
    if case.pipeline is not None:
        produced = capture(case.pipeline, folder / "pl.pkl")
        outputs["p.x"] = Captured(produced.status, produced.path, case.pipeline_figures)
    return PipelineRun(outputs, {}, str(folder), 1.0)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_dataset_results(case: ResultCase, tmp_path: Path) -> None:
    expected = Expectation(
        "p.x", "p.step", ("c4",), "" if case.reporting else "x", POINT, case.reporting, case.file
    )
    rows = dataset_results(
        [expected], runs_for(case, tmp_path), pipeline_for(case, tmp_path), {"c4": 3}
    )
    assert [row.status for row in rows] == ([case.status] if case.status else [])
    for row in rows:
        assert (row.dataset, row.node, row.cells) == ("p.x", "p.step", ("c4",))


def test_file_rows(tmp_path: Path) -> None:
    (tmp_path / "nb").mkdir()
    (tmp_path / "project" / "data").mkdir(parents=True)
    for name, text in [("same.csv", "a\n1\n"), ("changed.csv", "a\n1\n"), ("scratch.txt", "x")]:
        (tmp_path / "nb" / name).write_text(text)
    (tmp_path / "project" / "data" / "same.csv").write_text("a\n1\n")
    (tmp_path / "project" / "data" / "changed.csv").write_text("a\n2\n")
    files = {
        name: str(tmp_path / "nb" / name) for name in ("same.csv", "changed.csv", "scratch.txt")
    }
    run = NotebookRun("nb.ipynb", {}, {}, files, 1.0)
    pipeline = PipelineRun({}, {}, str(tmp_path / "project"), 1.0)
    manifest = {"same.csv": "data/same.csv", "changed.csv": "data/changed.csv"}
    producer = Expectation("changed_csv", "p.save", ("c9",), "", (9, 1), file="changed.csv")
    rows = file_results([run], pipeline, manifest, {"changed.csv": producer})
    verdicts = {row.dataset: (row.status, row.node) for row in rows}
    assert verdicts == {
        "changed.csv": ("different", "p.save"),
        "same.csv": ("equal", ""),
        "scratch.txt": ("not compared", ""),
    }


@pytest.mark.parametrize("source", ["nb.ipynb", "notebooks/nb.ipynb"])
def test_files_written_outside_the_catalog_are_found_where_kedro_run_wrote_them(
    tmp_path: Path, source: str
) -> None:
    """A path computed at run time (`save_fig(name)`) is no catalog dataset: the node writes it
    relative to the project root, where the notebook wrote it relative to its own folder."""
    folder = str(Path(source).parent).replace(".", "")
    prefix = f"{folder}/" if folder else ""
    for name, text in [("images/a.txt", "A"), ("images/b.txt", "B"), ("images/c.txt", "C")]:
        (tmp_path / "nb" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "nb" / name).write_text(text)
    (tmp_path / "project" / "images").mkdir(parents=True)
    (tmp_path / "project" / "images" / "a.txt").write_text("A")
    (tmp_path / "project" / "images" / "b.txt").write_text("not B")
    files = {f"{prefix}images/{n}": str(tmp_path / "nb" / "images" / n) for n in "a.txt b.txt c.txt".split()}
    run = NotebookRun(source, {}, {}, files, 1.0)
    rows = file_results([run], PipelineRun({}, {}, str(tmp_path / "project"), 1.0), {}, {})
    verdicts = {row.dataset: row.status for row in rows}
    assert verdicts == {f"{prefix}images/a.txt": "equal", f"{prefix}images/b.txt": "different",
                        f"{prefix}images/c.txt": "not compared"}
    assert all("outside the catalog, at images/" in row.detail for row in rows[:2])


def test_missing_file_after_a_pipeline_failure_is_not_compared(tmp_path: Path) -> None:
    (tmp_path / "out.csv").write_text("a\n")
    run = NotebookRun("nb.ipynb", {}, {}, {"out.csv": str(tmp_path / "out.csv")}, 1.0)
    failed = PipelineRun({}, {}, str(tmp_path / "project"), 1.0, error="boom", failed_node="p.a")
    (row,) = file_results([run], failed, {"out.csv": "data/out.csv"}, {})
    assert row.status == "not compared"
    finished = PipelineRun({}, {}, str(tmp_path / "project"), 1.0)
    (row,) = file_results([run], finished, {"out.csv": "data/out.csv"}, {})
    assert row.status == "different"


def figures_case(shown: dict[int, int], returned: dict[str, int], cells: dict[str, tuple]) -> list:
    """Rows for figure datasets ``returned`` (dataset → count) drawn from ``cells``."""
    found = [Expectation(d, f"p.{d}", cells[d], "", POINT, True) for d in returned]
    outputs = {d: Captured("ok", None, n) for d, n in returned.items()}
    run = NotebookRun("nb.ipynb", {}, shown, {}, 1.0)
    index = {f"c{i}": i for i in range(10)}
    return dataset_results(found, [run], PipelineRun(outputs, {}, "", 1.0), index)


def test_nodes_sharing_a_cell_are_judged_together() -> None:
    rows = figures_case({3: 1}, {"a": 1, "b": 1}, {"a": ("c1", "c3"), "b": ("c3",)})
    assert [(r.dataset, r.status) for r in rows] == [("a", "different"), ("b", "different")]
    assert "nodes p.a, p.b returned 2" in rows[0].detail
    rows = figures_case({3: 2}, {"a": 1, "b": 1}, {"a": ("c1", "c3"), "b": ("c3",)})
    assert [r.status for r in rows] == ["equal", "equal"]


def test_figures_no_node_returns_are_a_difference() -> None:
    rows = figures_case({3: 1, 5: 2}, {"a": 1}, {"a": ("c3",)})
    assert [(r.dataset, r.status, r.cells) for r in rows] == [
        ("a", "equal", ("c3",)),
        (UNCLAIMED, "different", ("c5",)),
    ]


def test_a_figure_returned_twice_by_one_node_counts_once() -> None:
    found = [
        Expectation("p.fig", "p.plot", ("c3",), "fig", POINT),
        Expectation("p.plot_figures", "p.plot", ("c3",), "", POINT, True),
    ]
    outputs = {
        "p.fig": Captured("ok", None, 1, (7,)),
        "p.plot_figures": Captured("ok", None, 2, (7, 8)),
    }
    run = NotebookRun("nb.ipynb", {(POINT, "fig"): Captured("missing")}, {3: 2}, {}, 1.0)
    rows = dataset_results(found, [run], PipelineRun(outputs, {}, "", 1.0), {"c3": 3})
    assert [(r.kind, r.status) for r in rows] == [("figures", "equal"), ("figures", "equal")]


def test_figures_of_interactive_backends_are_counted_both_ways() -> None:
    """The notebook ran with %matplotlib inline instead: extra and missing figures both show."""
    found = [Expectation("p.plot_figures", "p.plot", ("c3",), "", POINT, True)]
    run = NotebookRun("nb.ipynb", {}, {3: 0, 5: 1}, {}, 1.0, backend="notebook")
    outputs = {"p.plot_figures": Captured("ok", None, 1)}
    rows = dataset_results(found, [run], PipelineRun(outputs, {}, "", 1.0), {"c3": 3})
    assert [(r.dataset, r.status) for r in rows] == [
        ("p.plot_figures", "different"),  # an extra figure
        ("(figures no node returns)", "different"),  # a lost one
    ]
    assert "run as inline" in rows[0].detail


def test_a_reporting_output_that_is_not_figures_is_a_value() -> None:
    found = [Expectation("p.ax", "p.plot", ("c3",), "ax", POINT, True)]
    run = NotebookRun("nb.ipynb", {(POINT, "ax"): Captured("missing")}, {3: 1}, {}, 1.0)
    outputs = {"p.ax": Captured("not picklable: TypeError: no", None, 0)}
    rows = dataset_results(found, [run], PipelineRun(outputs, {}, "", 1.0), {"c3": 3})
    assert [(r.kind, r.status) for r in rows] == [
        ("value", "not compared"),
        ("figures", "different"),
    ]


def test_no_lost_figures_row_when_the_pipeline_failed() -> None:
    run = NotebookRun("nb.ipynb", {}, {3: 1}, {}, 1.0)
    failed = PipelineRun({}, {}, "", 1.0, error="ImportError: x")
    assert dataset_results([], [run], failed, {"c3": 3}) == []


def test_groups_merge_transitively_and_keep_plan_order() -> None:
    found = [
        Expectation(name, "p.n", cells, "", POINT, True)
        for name, cells in [("a", ("1",)), ("b", ("2",)), ("c", ("1", "2")), ("d", ("9",))]
    ]
    assert [[e.dataset for e in g] for g in groups(found)] == [["a", "b", "c"], ["d"]]


def test_files_of_a_partitioned_folder_are_compared_item_by_item(tmp_path: Path) -> None:
    """The manifest names the folder a loop writes one item at a time (`scores` → its project
    folder): each item the notebook wrote is compared with the same item there."""
    for name, text in [("a.csv", "x\n1\n"), ("b.csv", "x\n2\n"), ("c.csv", "x\n3\n")]:
        (tmp_path / "nb" / "scores").mkdir(parents=True, exist_ok=True)
        (tmp_path / "nb" / "scores" / name).write_text(text)
    kept = tmp_path / "project" / "data" / "02_intermediate" / "scores"
    kept.mkdir(parents=True)
    (kept / "a.csv").write_text("x\n1\n")
    (kept / "b.csv").write_text("x\n9\n")
    files = {f"scores/{n}": str(tmp_path / "nb" / "scores" / n) for n in ("a.csv", "b.csv", "c.csv")}
    run = NotebookRun("nb.ipynb", {}, {}, files, 1.0)
    manifest = {"scores": "data/02_intermediate/scores", "scores.csv": "data/other.csv"}
    producer = Expectation("scores", "p.loop", ("c3",), "", (3, 1), file="scores")
    rows = file_results([run], PipelineRun({}, {}, str(tmp_path / "project"), 1.0), manifest,
                        {"scores": producer})
    verdicts = {row.dataset: (row.status, row.node) for row in rows}
    assert verdicts == {"scores/a.csv": ("equal", "p.loop"), "scores/b.csv": ("different", "p.loop"),
                        "scores/c.csv": ("different", "p.loop")}  # an item the project lacks
