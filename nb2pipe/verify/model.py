"""Frozen values of `nb2pipe verify`: what was captured, what was expected, and the verdicts.

Nothing here does I/O. The run modules produce `NotebookRun` / `PipelineRun`; `results.py`
turns them and the plan's `Expectation`s into `DatasetResult`s; `report.py` prints them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

#: Verdict of one comparison. "not reproducible": two runs of the original notebook disagree,
#: so the pipeline cannot be judged; "not compared": a value is missing, unpicklable or of a type
#: no comparator understands. Only "different" (and run errors) make verification fail.
Status = Literal["equal", "different", "not compared", "not reproducible"]
STATUSES: tuple[Status, ...] = ("equal", "different", "not compared", "not reproducible")

#: How a dataset is compared: by value, by the file both sides wrote, or by figure count.
Kind = Literal["value", "file", "figures"]

#: A capture point as `Step.capture_at` gives it: (cell index, 1-based line after which to capture).
Point = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Outcome:
    """The verdict of one comparison, with a short human explanation."""

    status: Status
    detail: str = ""
    #: Path of the part that decided, e.g. ``"['scores'][2]"`` ("" for the value itself).
    where: str = ""
    #: Why a "not reproducible" verdict holds: the parts the notebook's two runs disagree on,
    #: "<unseeded>" for an unseeded estimator, "<from X>" for a value computed from dataset X.
    unstable: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Captured:
    """One value pickled out of a run (notebook kernel or Kedro hook)."""

    #: "ok", "missing" (name not defined at the capture point) or "not picklable: <why>".
    status: str
    #: Absolute path of the pickle when status is "ok".
    path: str | None = None
    #: Figures found in the value (matplotlib / plotly figures, alone or in a container).
    figures: int = 0
    #: Their ``id()`` in the process that made them (one node's outputs may share a figure).
    figure_ids: tuple[int, ...] = ()
    #: Qualified type name of the value, for messages.
    type: str = ""


@dataclass(frozen=True, slots=True)
class NotebookRun:
    """One execution of one original notebook (in a temporary copy of its folder)."""

    source: str
    #: (capture point, variable name) → what the capture cell saved there.
    captures: Mapping[tuple[Point, str], Captured]
    #: Cell index → number of figures the cell displayed.
    figures: Mapping[int, int]
    #: Files the notebook wrote or changed: path relative to the conversion root → absolute path.
    files: Mapping[str, str]
    #: Seconds spent executing the notebook's own cells (capture cells excluded).
    seconds: float
    #: Why the run stopped early ("" when every cell ran).
    error: str = ""
    #: Capture points that could not be honoured exactly (e.g. inside a cell magic).
    notes: tuple[str, ...] = ()
    #: The interactive matplotlib backend the notebook selects (``%matplotlib notebook``), whose
    #: figures are widgets rather than images: verify runs it as inline; "" for image backends.
    backend: str = ""


@dataclass(frozen=True, slots=True)
class PipelineRun:
    """One `kedro run` of the generated project with the capture hook registered."""

    #: Full Kedro dataset name → the value the producing node returned.
    outputs: Mapping[str, Captured]
    #: Full node name → seconds it took.
    node_seconds: Mapping[str, float]
    #: Root of the project copy that was run (file outputs live there).
    project: str
    #: Seconds of `session.run` (start-up excluded).
    seconds: float
    error: str = ""
    #: Full name of the node that raised, if one did.
    failed_node: str = ""


@dataclass(frozen=True, slots=True)
class Expectation:
    """One dataset the conversion promises to reproduce, derived from the plan."""

    #: Kedro dataset name (namespaced unless shared).
    dataset: str
    #: Node that produces it: "<pipeline>.<step>".
    node: str
    #: Refs of the source cells of that node.
    cells: tuple[str, ...]
    #: Notebook variable holding the value (`Step.returns[i]`).
    variable: str
    point: Point
    reporting: bool = False
    #: Original path (relative to the conversion root) of the file holding the dataset, if any.
    file: str = ""
    #: Kedro datasets the node reads (parameters left out): the dataflow verdicts follow.
    inputs: tuple[str, ...] = ()
    #: What the node calls that may draw from numpy's global generator nothing seeded
    #: (`Step.unseeded`; `results.depends_on_chance` decides).
    unseeded: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DatasetResult:
    """One row of the report."""

    #: Kedro dataset name, or the original file path for file rows.
    dataset: str
    kind: Kind
    node: str
    cells: tuple[str, ...]
    status: Status
    detail: str = ""
    variable: str = ""
    #: `Outcome.unstable` of a "not reproducible" row.
    unstable: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NotebookReport:
    """Verification of one source notebook against its namespaced pipeline."""

    source: str
    pipeline: str
    results: tuple[DatasetResult, ...]
    figures_notebook: int = 0
    figures_pipeline: int = 0
    seconds_notebook: float | None = None
    seconds_pipeline: float | None = None
    #: Run failures (notebook or pipeline): each one fails verification.
    errors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def count(self, status: Status) -> int:
        """Number of rows with this status."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> bool:
        """No difference and no run error."""
        return not self.errors and self.count("different") == 0


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """The result of `nb2pipe verify`: one report per notebook plus project-wide errors."""

    project: str
    notebooks: tuple[NotebookReport, ...]
    errors: tuple[str, ...] = field(default=())
    #: Project-wide remarks (e.g. project files edited since conversion); they do not fail.
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when every notebook verified and nothing failed globally."""
        return not self.errors and all(n.ok for n in self.notebooks)

    @property
    def exit_code(self) -> int:
        """0 when verified, 1 on any difference or run failure."""
        return 0 if self.ok else 1
