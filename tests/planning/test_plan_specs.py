"""Planning as a function of facts: hand-built `SourceFacts` in, the plan's shape out.

No analysis and no disk: each case spells the facts analysis would hand over (chunks with
their defines, uses and files) and the nodes, datasets and catalog planning must decide for
them. A change in analysis cannot move these; a change in a planning rule shows up here as a
one-line table difference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

from nb2pipe.model import (
    Cell,
    ChunkFacts,
    Edit,
    FileAccess,
    Plan,
    Source,
    SourceFacts,
    Target,
    Workspace,
)
from nb2pipe.options import Options
from nb2pipe.planning import plan
from nb2pipe.model.symbols import File

ROOT = Path("/nowhere")  # planning never looks at the disk: the folder need not exist


def source(name: str, *cells: str) -> Source:
    """A notebook whose cells are ``cells`` ("# ..." cells are markdown)."""
    made = tuple(
        Cell(i, str(i + 1), "markdown" if text.startswith("# ") else "code", text)
        for i, text in enumerate(cells)
    )
    return Source(PurePosixPath(name), str(ROOT / name), "notebook", made)


def chunk(cell: int, order: int, code: str, kind: str = "data", defines: tuple[str, ...] = (),
          uses: tuple[str, ...] = (), files: tuple[FileAccess, ...] = (),
          edits: tuple[Edit, ...] = ()) -> ChunkFacts:
    return ChunkFacts(cell=cell, order=order, code=code, line=1, kind=kind,  # type: ignore[arg-type]
                      defines=frozenset(defines), uses=frozenset(uses), files=files, edits=edits,
                      end_line=code.count("\n") + 1)


def facts(src: Source, *chunks: ChunkFacts, imports: tuple[str, ...] = (), driver: str = "",
          after: tuple[str, ...] = ()) -> SourceFacts:
    names = tuple(frozenset({i.split()[-1]}) for i in imports)
    return SourceFacts(src, chunks, imports, names, (), (), (), frozenset(), (), (),
                       driver=driver, after=after)


PANDAS = "import pandas as pd"
CSV = "work/x.csv"


def sections() -> tuple[SourceFacts, ...]:
    a = source("a.ipynb", "# Load", "x = 1", "# Use", "y = x + 1")
    return (facts(a, chunk(1, 0, "x = 1", defines=("x",)),
                  chunk(3, 1, "y = x + 1", defines=("y",), uses=("x",))),)


def driver_order() -> tuple[SourceFacts, ...]:
    b, c = source("b.ipynb", "z = 2"), source("c.ipynb", "w = 3")
    return (facts(c, chunk(0, 0, "w = 3", defines=("w",)), driver="run.sh", after=(b.key,)),
            facts(b, chunk(0, 0, "z = 2", defines=("z",)), driver="run.sh"))


def file_between() -> tuple[SourceFacts, ...]:
    write = "pd.DataFrame().to_csv('work/x.csv')"
    read = "df = pd.read_csv('work/x.csv')"
    w, r = source("w.ipynb", PANDAS, write), source("r.ipynb", PANDAS, read)
    wrote = FileAccess(CSV, CSV, "write", ".to_csv", (("index", True),))
    was_read = FileAccess(CSV, CSV, "read", "pandas.read_csv")
    return (
        facts(r, chunk(0, 0, PANDAS, "import", ("pd",)),
              chunk(1, 1, read, defines=("df",), uses=("pd", File(CSV)), files=(was_read,),
                    edits=(Edit(1, 5, 1, 30, "read", File(CSV), "pandas.read_csv()"),)),
              imports=(PANDAS,)),
        facts(w, chunk(0, 0, PANDAS, "import", ("pd",)),
              chunk(1, 1, write, defines=(File(CSV),), uses=("pd",), files=(wrote,),
                    edits=(Edit(1, 0, 1, 35, "write", File(CSV), "pd.DataFrame()"),)),
              imports=(PANDAS,)),
    )


Steps = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


@dataclass(frozen=True)
class PlanCase:
    name: str
    facts: Callable[[], tuple[SourceFacts, ...]]
    #: Per pipeline, in plan order: (name, shared inputs, shared outputs, steps as
    #: (name, inputs, outputs)).
    pipelines: tuple[tuple[str, tuple[str, ...], tuple[str, ...], Steps], ...]
    #: (dataset, type, filepath) of the catalog entries.
    catalog: tuple[tuple[str, str, str], ...]


#: Every notebook pipeline ends in its report node (tags report, reporting).
REPORT = ("report", (), ("report",))


def report_entry(pipeline: str) -> tuple[str, str, str]:
    return (f"{pipeline}.report", "text.TextDataset", f"data/08_reporting/{pipeline}/report.html")


CASES = [
    PlanCase("markdown sections make nodes, a variable crossing them is a dataset", sections,
             (("a", (), (), (("load", (), ("x",)), ("use", ("x",), ("y",)), REPORT)),),
             (report_entry("a"),)),
    PlanCase("a driver's order with no file between: an ordering dataset", driver_order,
             (("b", (), ("b_done",), (("compute_z", (), ("z", "b_done")), REPORT)),
              ("c", ("b_done",), (), (("compute_w", ("b_done",), ("w",)), REPORT))),
             (report_entry("b"),
              ("b_done", "pickle.PickleDataset", "data/02_intermediate/order/b_done.pkl"),
              report_entry("c"))),
    PlanCase("a file one source writes and another reads: one dataset, writer first", file_between,
             (("w", (), ("x_csv",), (("save_x_csv", (), ("x_csv",)), REPORT)),
              ("r", ("x_csv",), (), (("compute_df", ("x_csv",), ("df",)), REPORT))),
             (report_entry("r"), report_entry("w"),
              ("x_csv", "pandas.CSVDataset", "data/02_intermediate/work/x.csv"))),
]


def shape(the_plan: Plan):  # type: ignore[no-untyped-def]
    return tuple(
        (p.name, p.shared_inputs, p.shared_outputs,
         tuple((s.name, s.inputs, s.outputs) for s in p.steps))
        for p in the_plan.pipelines
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_facts_make_the_plan(case: PlanCase) -> None:
    the_plan = plan(case.facts(), Options(), Target(ROOT / "project", "new"), ROOT, Workspace())
    assert shape(the_plan) == case.pipelines
    assert tuple((e.name, e.type, e.filepath) for e in the_plan.catalog) == case.catalog


def test_the_plan_does_not_depend_on_the_order_facts_come_in() -> None:
    target = Target(ROOT / "project", "new")
    for case in CASES:
        given = case.facts()
        assert shape(plan(given, Options(), target, ROOT, Workspace())) == shape(
            plan(given[::-1], Options(), target, ROOT, Workspace()))


def raw_input() -> tuple[SourceFacts, ...]:
    read = "df = pd.read_csv('in.csv')"
    src = source("nb.ipynb", PANDAS, read)
    return (facts(src, chunk(0, 0, PANDAS, "import", ("pd",)),
                  chunk(1, 1, read, defines=("df",), uses=("pd", File("in.csv")),
                        files=(FileAccess("in.csv", "in.csv", "read", "pandas.read_csv"),),
                        edits=(Edit(1, 5, 1, 26, "read", File("in.csv"), "pandas.read_csv()"),)),
                  imports=(PANDAS,)),)


@pytest.mark.parametrize(("on_disk", "copied", "codes"), [
    ({str(ROOT / "in.csv"): 10}, True, []),
    ({str(ROOT / "in.csv"): 10**9}, False, []),  # too large to copy: referenced where it is
    ({}, False, ["missing-input"]),
])
def test_raw_inputs_follow_the_workspace_snapshot(on_disk: dict[str, int], copied: bool,
                                                 codes: list[str]) -> None:
    """Copied when present and small, referenced when large, a warning when absent: all decided
    from the snapshot (ROOT does not exist)."""
    the_plan = plan(raw_input(), Options(), Target(ROOT / "project", "new"), ROOT,
                    Workspace(on_disk))
    entry = next(e for e in the_plan.catalog if e.name == "in_csv")
    assert (entry.copy_from is not None) == copied
    assert [d.code for d in the_plan.diagnostics if d.level == "warning"] == codes
