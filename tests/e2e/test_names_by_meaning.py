"""A notebook rebuilding one frame several times, drawing it before and after, and saving it:
the versions between nodes are named by what rebuilt them (`df_without_na`, `df_with_ratio`, not
`df_2`), the nodes by what they make or draw (`compute_df_without_na`, `plot_a_histogram`,
`plot_a_histogram_df_without_na`), every name is unique, and `kedro run` computes exactly the
notebook's values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nb2pipe.api import generate
from nb2pipe.verify.compare import compare_values

from .helpers import converted_cells, explain, run_tool
from .notebook_values import convert_and_compare, notebook_values, pipeline_values

pytestmark = pytest.mark.e2e

CELLS = [
    "import pandas as pd\nimport matplotlib.pyplot as plt",
    "df = pd.DataFrame({'a': [1.0, None, 3.0, 4.0, 4.0], 'b': [1, 2, 2, 4, 4]})",
    "df['a'].hist()",
    "df = df.dropna()",
    "df['a'].hist()",
    "df = df.drop_duplicates(subset=['b'])",
    "df['ratio'] = df['a'] / df['b']",
    "plt.scatter(df['a'], df['ratio'])",
    "df.to_csv('clean.csv', index=False)",
    "total = df['ratio'].sum()",
]


def test_versions_and_nodes_are_named_by_what_they_hold_and_do(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin, name="frames")
    assert got["df"].equals(expected["df"]) and got["total"] == expected["total"]
    (pipeline,) = generate([tmp_path / "nb"], tmp_path / "again").plan.pipelines
    names = [s.name for s in pipeline.steps]
    datasets = [o for s in pipeline.steps for o in s.outputs]
    assert {"df", "df_without_na", "df_with_ratio", "total", "clean_csv"} <= set(datasets)
    assert not [d for d in datasets if re.search(r"_\d+$", d)], datasets
    assert len(names) == len(set(names))
    assert {"compute_df_without_na", "plot_a_histogram", "plot_a_histogram_df_without_na",
            "plot_ratio_scatter"} <= set(names), names
    # converting again gives the same names (regeneration merges rely on them)
    again = generate([tmp_path / "nb"], tmp_path / "third").plan.pipelines[0]
    assert [s.name for s in again.steps] == names
    assert [o for s in again.steps for o in s.outputs] == datasets


RESTATED = [
    "import numpy as np\ndata = np.arange(12).reshape(4, 3)",
    "col = 1\nfirst = data[:, col].sum()",
    "col = 1\nsecond = data[:, col] * 2",
    "k = 5\na = data[:, 0] + k",
    "k = 6\nb = data[:, 2] + k",
]


def test_a_constant_stated_again_is_one_parameter_and_the_pipeline_computes_the_notebook(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    project, _ = converted_cells(tmp_path, "restated", RESTATED, nb2pipe_bin)
    assert "col: 1" in (project / "conf" / "base" / "parameters.yml").read_text()
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    expected = notebook_values(tmp_path / "nb", RESTATED, tmp_path)
    got = pipeline_values(project, tmp_path / "nb")
    assert {"first", "second", "a", "b"} <= got.keys()
    for variable in sorted(got.keys() & expected.keys()):
        outcome = compare_values(expected[variable], got[variable])
        assert outcome.status == "equal", f"{variable}: {outcome.detail}"
