"""Notebook names that Kedro or the generated project give a meaning of their own keep their
edges: the dataset is renamed, the function argument keeps the user's name."""

from __future__ import annotations

from pathlib import Path

from test_plan_rules import plan_of, steps

from nb2pipe.planning.naming import dataset_base


def test_reserved_dataset_names_are_renamed_others_kept() -> None:
    assert dataset_base("parameters") == "parameters_"
    assert [dataset_base(n) for n in ("params", "catalog", "credentials", "df")] == [
        "params", "catalog", "credentials", "df"]


def test_a_variable_named_parameters_crosses_nodes_under_another_dataset(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "parameters = [1, 2]\nparameters.append(3)",
        "# Later",
        "total = sum(parameters)",
    ])
    producer, consumer = steps(the_plan, "nb")
    assert producer.returns == ("parameters",) and producer.outputs == ("parameters_",)
    assert consumer.arguments == ("parameters",) and consumer.inputs == ("parameters_",)


def test_a_replayed_setting_gets_the_values_it_reads(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import matplotlib.pyplot as plt\nimport pandas as pd",
        "ROWS = 20\npd.set_option('display.max_rows', ROWS)",
        "params = {'figure.figsize': (4, 3)}",
        "plt.rcParams.update(params)",
        "# Plot",
        "plt.plot([1, 2])",
    ])
    plot = next(s for s in steps(the_plan, "nb") if s.kind == "reporting")
    assert dict(zip(plot.arguments, plot.inputs)) == {"ROWS": "params:ROWS", "params": "params"}
    assert "plt.rcParams.update(params)" in plot.code


def test_a_step_never_makes_the_figures_dataset_of_a_variable(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import matplotlib.pyplot as plt",
        "plot_cell_3_figures = len([1, 2])",
        "plt.plot([1, 2])",
        "n = plot_cell_3_figures + 1",
    ])
    outputs = [o for s in steps(the_plan, "nb") for o in s.outputs]
    assert len(outputs) == len(set(outputs))
    assert "plot_cell_3_figures" in outputs


def test_a_file_dataset_never_derives_a_variables_name(tmp_path: Path) -> None:
    """`out.csv` written by path gives `<name>_path`; a variable `out_csv_path` keeps its own."""
    the_plan = plan_of(tmp_path, nb=[
        "import numpy as np",
        "a = np.arange(3)\nnp.savetxt('out.csv', a)\nout_csv_path = str(a.sum())",
        "# Later",
        "text = open('out.csv').read() + out_csv_path",
    ])
    files = {e.name for e in the_plan.catalog if e.filepath.endswith("out.csv")}
    assert files == {"out_csv_file", "out_csv_file_path"}
    writer = next(s for s in steps(the_plan, "nb") if "a" in s.returns)
    assert writer.arguments == ("out_csv_file_path",)
