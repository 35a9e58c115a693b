"""The report node (planning/report.py): what leaves the data nodes and how the report reads it."""

from __future__ import annotations

from pathlib import Path

from test_plan_rules import plan_of

from nb2pipe.planning.step_docs import DOC_LINES, brief


def pipeline_steps(folder: Path, cells: list[str]):  # type: ignore[no-untyped-def]
    (pipeline,) = plan_of(folder, nb=cells).pipelines
    *data, report = pipeline.steps
    return data, report


def test_a_display_reads_the_version_its_cell_saw(tmp_path: Path) -> None:
    data, report = pipeline_steps(tmp_path, [
        "# Load", "xs = [3, 1, 2]", "len(xs)", "# Sort", "xs.sort()", "xs[0]", "# Use", "total = sum(xs)",
    ])
    assert "report" in report.tags and "reporting" in report.tags and report.outputs == ("report",)
    assert not any("len(xs)" in s.code or "xs[0]" in s.code for s in data)
    assert report.inputs == ("xs", "xs_sorted")
    assert "page.show(lambda: len(xs))" in report.code
    assert "page.show(lambda xs=xs_sorted: xs[0])" in report.code


def test_a_display_of_a_value_only_one_node_holds_is_shown_by_that_node(tmp_path: Path) -> None:
    """The first version of xs lives inside one node only: that node shows it (its HTML in
    `<node>_shown`) and the report places the part where the notebook showed it."""
    data, report = pipeline_steps(tmp_path, [
        "xs = [3, 1, 2]", "xs[0]", "print('n', len(xs))", "xs.sort()", "total = sum(xs)",
    ])
    (node,) = data
    assert "xs[0]" not in report.code
    assert node.outputs[-1] == f"{node.name}_shown" and node.returns[-1] == "shown"
    assert node.code.index("shown.append(show_html(lambda: xs[0]))") < node.code.index(
        "shown.append(show_html(lambda: print('n', len(xs))))") < node.code.index("xs.sort()")
    shown = f"{node.name}_shown"
    assert shown in report.inputs
    assert f"page.part({shown}[0])" in report.code and f"page.part({shown}[1])" in report.code


def test_print_at_top_level_goes_to_the_report_and_inside_a_loop_to_the_log(tmp_path: Path) -> None:
    data, report = pipeline_steps(tmp_path, [
        "# Work", "xs = [1, 2]", "print('n =', len(xs))", "for x in xs:\n    print(x)", "# Use", "y = sum(xs)",
    ])
    code = "\n".join(s.code for s in data)
    assert "log_print(x)" in code and "print('n =', len(xs))" not in code
    assert "page.show(lambda: print('n =', len(xs)))" in report.code


def test_print_to_a_file_stays_as_it_is(tmp_path: Path) -> None:
    data, _ = pipeline_steps(tmp_path, ["import sys", "print('x', file=sys.stderr)"])
    assert "print('x', file=sys.stderr)" in data[0].code


def test_markdown_and_figures_are_in_the_notebooks_order(tmp_path: Path) -> None:
    data, report = pipeline_steps(tmp_path, [
        "# Title", "import matplotlib.pyplot as plt", "plt.plot([1, 2])", "# After", "z = 1",
    ])
    figures = next(o for s in data for o in s.outputs if o.endswith("_figures"))
    assert report.inputs == (figures,)
    code = report.code
    assert code.index("markdown('# Title')") < code.index(f"figures({figures})") < code.index(
        "markdown('# After')")


def test_a_notebook_of_narrative_only_has_a_report_node(tmp_path: Path) -> None:
    data, report = pipeline_steps(tmp_path, ["# Notes\n\nJust words."])
    assert data == [] and report.inputs == ()


def test_docstrings_keep_the_heading_and_a_short_paragraph() -> None:
    assert brief("Title\n\nOne paragraph.") == "Title\n\nOne paragraph."
    long = "Title\n\n" + "\n".join(f"line {i}" for i in range(20)) + "\n\nMore."
    kept = brief(long).splitlines()
    assert len(kept) == DOC_LINES and kept[0] == "Title" and kept[-1].startswith("…")
    assert brief("Title\n\nFirst.\n\nSecond.").splitlines()[-1].startswith("…")


def test_a_display_of_a_value_kept_in_memory_is_left_out(tmp_path: Path) -> None:
    """Values that depend on a class made in a node stay in memory: `--tags reporting` could
    not load them for the report."""
    _, report = pipeline_steps(tmp_path, [
        "# A", "k = [2]", "class Scale:\n    def f(self, x):\n        return x * k[0]", "s = Scale()",
        "n = [1, 2]\nn.append(3)", "# B", "len(n)", "s", "# C", "y = s.f(3)\nk.append(y)\nz = sum(n)",
    ])
    assert "len(n)" in report.code and "lambda: s)" not in report.code


def test_a_constant_the_notebook_only_displays_is_a_parameter_the_report_reads(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=["N = 3", "print('N is', N)"])
    assert [(p.name, p.value) for p in the_plan.params] == [("N", 3)]
    report = the_plan.pipelines[0].steps[-1]
    assert report.inputs == ("params:N",) and "page.show(lambda: print('N is', N))" in report.code


def test_a_displayed_tuple_stays_one_value(tmp_path: Path) -> None:
    """The cause: `page.show(lambda: a, b)` passed two arguments (TypeError at kedro run)."""
    _, report = pipeline_steps(tmp_path, ["a = 1\nb = 2", "a, b", "c = a + b"])
    assert "page.show(lambda: (a, b))" in report.code


def test_a_pure_library_call_shown_alone_goes_to_the_report(tmp_path: Path) -> None:
    """`np.mean(...)`, `np.linalg.pinv(...) @ y`, `pd.pivot_table(...)` compute nothing a later
    cell reads (knowledge/pure_calls.py): the report shows them, no node runs them."""
    data, report = pipeline_steps(tmp_path, [
        "import numpy as np\nimport pandas as pd", "# Load", "y = np.array([1.0, 2.0, 4.0])",
        "X = np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]])", "np.linalg.pinv(X) @ y",
        "np.mean(y == 2.0)", "# Table", "df = pd.DataFrame({'a': ['u', 'v', 'u'], 'b': y})",
        "pd.pivot_table(df, index='a')", "(df.b > 1).all()", "# Use", "total = y.sum() + len(df)",
    ])
    code = "\n".join(s.code for s in data)
    assert not any(shown in code for shown in ("pinv", "np.mean", "pivot_table", ".all()"))
    for shown in ("np.linalg.pinv(X) @ y", "np.mean(y == 2.0)",
                  "pd.pivot_table(df, index='a')", "(df.b > 1).all()"):
        assert f": {shown})" in report.code
