"""Planning decisions, one rule per test, on small in-memory notebooks."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from nb2pipe.analysis import analyze
from nb2pipe.model import Cell, Plan, Source, Target
from nb2pipe.options import Options
from nb2pipe.planning import plan
from nb2pipe.readers.workspace import snapshot


def source(name: str, cells: list[str], folder: Path) -> Source:
    made = []
    for index, text in enumerate(cells):
        kind = "markdown" if text.startswith("# ") else "code"
        made.append(Cell(index, str(index + 1), kind, text))  # type: ignore[arg-type]
    return Source(PurePosixPath(name), str(folder / name), "notebook", tuple(made))


def plan_of(folder: Path, **notebooks: list[str]) -> Plan:
    facts = tuple(analyze(source(f"{name}.ipynb", cells, folder)) for name, cells in notebooks.items())
    target = Target(folder / "project", "new")
    return plan(facts, Options(), target, folder, snapshot(folder, facts))


def steps(the_plan: Plan, pipeline: str):  # type: ignore[no-untyped-def]
    """The pipeline's steps but its report (tests/planning/test_report.py tests that one)."""
    return tuple(s for s in next(p for p in the_plan.pipelines if p.name == pipeline).steps if "report" not in s.tags)


def test_a_file_passed_between_notebooks_is_one_dataset_and_orders_them(tmp_path: Path) -> None:
    the_plan = plan_of(
        tmp_path,
        a_reads=["import pandas as pd", "df = pd.read_csv('work/x.csv')\nprint(df)"],
        z_writes=["import pandas as pd", "pd.DataFrame({'a': [1]}).to_csv('work/x.csv')"],
    )
    assert [p.name for p in the_plan.pipelines] == ["z_writes", "a_reads"]
    writer = next(p for p in the_plan.pipelines if p.name == "z_writes")
    reader = next(p for p in the_plan.pipelines if p.name == "a_reads")
    assert writer.shared_outputs == ("x_csv",) and reader.shared_inputs == ("x_csv",)
    entry = next(e for e in the_plan.catalog if e.name == "x_csv")
    assert entry.type == "pandas.CSVDataset" and entry.final_version_of == "work/x.csv"
    assert ("save_args", {"index": True}) in entry.options  # pandas' default, not Kedro's


def test_a_file_written_twice_keeps_both_versions_apart(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import pandas as pd",
        "# First",
        "pd.DataFrame({'a': [1]}).to_csv('out.csv', index=False)",
        "# Read back",
        "first = pd.read_csv('out.csv')",
        "# Second",
        "first.assign(b=2).to_csv('out.csv', index=False)",
    ])
    entries = {e.name: e for e in the_plan.catalog}
    assert entries["out_csv_v1"].filepath != entries["out_csv"].filepath
    assert entries["out_csv"].final_version_of == "out.csv"


def test_a_figure_sees_the_data_as_it_was_when_drawn(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import matplotlib.pyplot as plt",
        "x = [1, 2]\nplt.plot(x)\nx.append(3)",
    ])
    made = steps(the_plan, "nb")
    report = next(s for s in made if s.kind == "reporting")
    first = next(s for s in made if s.kind == "data" and "x" in s.outputs)
    assert report.inputs == ("x",)
    assert first.returns == ("x",)
    assert any(s.inputs == ("x",) and s.outputs == ("x_appended",) for s in made)


def test_random_state_flows_from_drawer_to_drawer(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import numpy as np\nnp.random.seed(1)",
        "# A",
        "a = np.random.rand(2)",
        "# B",
        "b = np.random.rand(2)",
    ])
    made = steps(the_plan, "nb")
    drawer_a = next(s for s in made if "a" in s.returns)
    drawer_b = next(s for s in made if "b" in s.returns)
    state = drawer_a.outputs[drawer_a.returns.index("np_random_state")]
    assert state in drawer_b.inputs
    assert "np.random.set_state(np_random_state)" in drawer_b.code  # the notebook's own `np`


def test_a_generator_never_crosses_a_node_boundary(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "# Make",
        "squares = (i * i for i in range(5))",
        "# Use",
        "total = sum(squares)",
    ])
    made = steps(the_plan, "nb")
    assert not any("squares" in s.outputs for s in made)
    assert any("squares = " in s.code and "sum(squares)" in s.code for s in made)


def test_secrets_are_credentials_not_parameters(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=["API_TOKEN = 'abc'\nLIMIT = 3", "print(API_TOKEN, LIMIT)"])
    assert [p.name for p in the_plan.params] == ["LIMIT"]
    assert [c.name for c in the_plan.credentials] == ["API_TOKEN"]
    assert all("abc" not in repr(c) or c.value is None for c in the_plan.credentials)


def test_a_tagged_cell_starts_a_named_node(tmp_path: Path) -> None:
    facts = analyze(Source(PurePosixPath("nb.ipynb"), str(tmp_path / "nb.ipynb"), "notebook", (
        Cell(0, "1", "code", "a = [1]\nprint(a)"),
        Cell(1, "2", "code", "b = a + [2]\nprint(b)", ("node:extend_values",)),
    )))
    the_plan = plan((facts,), Options(), Target(tmp_path / "p", "new"), tmp_path,
                    snapshot(tmp_path, (facts,)))
    assert "extend_values" in [s.name for s in steps(the_plan, "nb")]


def test_a_class_reading_notebook_values_stays_in_its_node_and_in_memory(tmp_path: Path) -> None:
    """`_bounds = [(0, T.max())]` runs when the class is defined: the class cannot move to the
    functions module, and pickle cannot store a class local to a node (nor its instances)."""
    the_plan = plan_of(
        tmp_path,
        nb=[
            "import numpy as np\nT = np.arange(5.0)",
            "class Bounded:\n    upper = T.max()\n    def scale(self, x):\n        return x / self.upper",
            "class Plain:\n    def twice(self, x):\n        return 2 * x",
            "b = Bounded()\nscaled = b.scale(T)\nsummary = float(scaled.sum())",
            "p = Plain()\nresult = p.twice(T)",
            "print(summary, result)",
        ],
    )
    (pipeline,) = the_plan.pipelines
    assert "Plain" in pipeline.functions and "Bounded" not in pipeline.functions
    memory = {e.name.split(".", 1)[1] for e in the_plan.catalog if e.type.endswith("MemoryValueDataset")}
    # the class and whatever code reading it computes (conservatively, even the float)
    crossing = {o for s in pipeline.steps for o in s.outputs}
    assert "Bounded" in memory and memory <= {"Bounded", "b", "scaled", "summary"}
    assert memory == {"Bounded", "b", "scaled", "summary"} & crossing
    assert "result" not in memory and "p" not in memory


def test_an_append_to_a_file_nothing_provides_creates_it(tmp_path: Path) -> None:
    """`open("log.txt", "a")` where no log.txt exists and nothing writes one: the node makes the
    file (empty on every run), it does not ask the catalog for an input that is not there."""
    cells = ['for i in range(3):\n    with open("log.txt", "a") as f:\n        f.write(str(i))',
             'print(open("log.txt").read())']
    the_plan = plan_of(tmp_path, nb=cells)
    first, second = steps(the_plan, "nb")
    assert all(not i.startswith("log_txt") or i.endswith("_path") for i in first.inputs)
    assert 'open(log_txt_path, "w").close()' in first.code
    assert any(i.startswith("log_txt") for i in second.inputs)
    # the same append to a file that exists: the raw file is copied, then appended to
    (tmp_path / "log.txt").write_text("old\n")
    first, _ = steps(plan_of(tmp_path, nb=cells), "nb")
    assert "shutil.copyfile" in first.code and '"w").close()' not in first.code


def test_a_setting_between_a_nodes_statements_applies_from_there(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import matplotlib.pyplot as plt\nx = [1, 2]",
        "plt.plot(x)\nplt.rcParams['figure.figsize'] = (2, 2)\nplt.figure()\nplt.plot(x)",
    ])
    (step,) = [s for s in steps(the_plan, "nb") if s.kind == "reporting"]
    code = step.code.replace('"', "'")
    setting = code.index("plt.rcParams['figure.figsize'] = (2, 2)")
    assert code.index("plt.plot(x)") < setting < code.index("plt.figure()")


def test_a_figure_the_notebook_displays_again_is_returned_again(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import matplotlib.pyplot as plt\nfrom IPython.display import display\nx = [1, 2]",
        "fig, ax = plt.subplots()",
        "ax.plot(x)\nfig",
        "ax.plot(x)\nfig\nx",  # `fig` does not end the cell: not shown; `x` is not a figure
        "display(fig, x)",
    ])
    (step,) = [s for s in steps(the_plan, "nb") if s.kind == "reporting"]
    assert step.code.count("show_figure(fig)") == 2 and "show_figure(x)" not in step.code
    assert "as_shown(" in step.code


def test_a_notebook_without_data_steps_has_a_pipeline_of_its_report(tmp_path: Path) -> None:
    the_plan = plan_of(
        tmp_path,
        defs=["import numpy as np", "def double(x):\n    return 2 * x", "class Box:\n    pass"],
        notes=["# Only a title"],
        work=["import pandas as pd", "pd.DataFrame({'a': [1]}).to_csv('out.csv')"],
    )
    assert [p.name for p in the_plan.pipelines] == ["defs", "notes", "work"]
    assert steps(the_plan, "defs") == steps(the_plan, "notes") == ()
    assert not [d for d in the_plan.diagnostics if d.code == "no-pipeline"]
    assert not [d for d in the_plan.diagnostics if d.code == "no-nodes"]
    alone = plan_of(tmp_path, defs=["def double(x):\n    return 2 * x"])
    assert [[s.name for s in p.steps] for p in alone.pipelines] == [["report"]]
    assert not [d for d in alone.diagnostics if d.code == "no-nodes"]


def test_a_node_that_only_closes_or_saves_figures_returns_no_figures(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "# Draw", "import matplotlib.pyplot as plt\nplt.plot([1, 2])",
        "# Tidy", "plt.close('all')\nplt.tight_layout()",
    ])
    outputs = {s.name: s.outputs for s in steps(the_plan, "nb")}
    assert outputs == {"plot_draw": ("plot_draw_figures",), "plot_tidy": ("plot_tidy_done",)}


HEADLESS_SEEDED = [
    "import numpy as np",
    "np.random.seed(0)\nframe = np.random.rand(20, 2)",
    "frame[:, 1] *= 2",
    "np.random.seed(1)\nnoise = np.random.normal(size=len(frame))",
    "frame[:, 0] += noise",
    "np.random.seed(2)\nweights = np.random.rand(2)",
    "score = float((frame @ weights).mean())",
]


def test_without_headings_a_cell_that_reseeds_starts_a_node(tmp_path: Path) -> None:
    # one frame changed along every cell: only the seeds say where the notebook's phases start
    made = steps(plan_of(tmp_path, nb=HEADLESS_SEEDED), "nb")
    first_cells = sorted(int(s.cells[0]) for s in made)
    assert first_cells == [2, 4, 6], [(s.name, s.cells) for s in made]
    # a node that seeds draws from its own seed: no random state is handed on
    assert not any("np_random_state" in s.inputs for s in made)


def test_with_headings_the_sections_decide(tmp_path: Path) -> None:
    # a section under planning/coarse.py's size stays whole though a cell reseeds
    headed = ["# All", *HEADLESS_SEEDED[:5]]
    assert len(steps(plan_of(tmp_path, nb=headed), "nb")) == 1


def test_a_handle_stays_with_the_writes_it_makes(tmp_path: Path) -> None:
    """A file opened into a handle in one cell is written by the cells using the handle: the
    node writing the file holds them all (the handle, which pickle cannot store, never crosses
    a node boundary), and the cell reading the file back reads it in the next node."""
    the_plan = plan_of(tmp_path, nb=[
        "log = open('log.txt', 'w')",
        "log.write('first\\n')",
        "log.close()",
        "with open('log.txt') as f:\n    text = f.read()",
        "with open('log.txt', 'a') as f:\n    f.write(text.upper())",
        "with open('log.txt', 'a') as f:\n    f.write('last')",
    ])
    writer, *rest = steps(the_plan, "nb")
    assert writer.cells == ("1", "2", "3") and "log" not in writer.returns
    assert all("f" not in s.returns and "f" not in s.arguments for s in rest)
