"""A node that reads one file both through a typed dataset and by its path gets two arguments."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_plan_rules import plan_of, source, steps

from nb2pipe.analysis import analyze
from nb2pipe.model import Target
from nb2pipe.options import Options
from nb2pipe.planning import plan
from nb2pipe.planning.files import type_label
from nb2pipe.readers.workspace import snapshot


def test_a_file_read_with_pandas_and_by_path_in_one_node_gets_both(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import pandas as pd\npd.DataFrame({'a': [1]}).to_csv('a.csv', index=False)",
        "x = pd.read_csv('a.csv')\nwith open('a.csv') as f:\n    text = f.read()",
    ])
    step = next(s for s in steps(the_plan, "nb") if "text" in s.returns)
    assert step.inputs == ("a_csv@pandas", "a_csv@path")
    assert step.arguments == ("a_csv", "a_csv_file")
    assert "x = a_csv\n" in step.code and "open(a_csv_file)" in step.code


FIX_THE_READ = [
    "import pandas as pd",
    "raw = pd.read_csv('data.csv')",
    "df = pd.read_csv('data.csv', sep=';', index_col='day')",
]


def test_reads_with_other_load_arguments_get_their_own_entries(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=FIX_THE_READ)
    entries = {e.name: dict(e.options) for e in the_plan.catalog if e.name.startswith("data_csv")}
    assert entries == {"data_csv@pandas": {}, "data_csv@pandas_2": {"load_args": {"sep": ";", "index_col": "day"}}}
    wired = {s.returns[0]: s.inputs for s in steps(the_plan, "nb")}
    assert wired == {"raw": ("data_csv@pandas",), "df": ("data_csv@pandas_2",)}


def test_one_node_reading_a_file_two_ways_gets_an_argument_per_entry(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=[
        "import pandas as pd",
        "a = pd.read_csv('data.csv')\nb = pd.read_csv('data.csv', sep=';')\nc = pd.read_csv('data.csv')",
    ])
    (step,) = steps(the_plan, "nb")
    assert step.inputs == ("data_csv@pandas", "data_csv@pandas_2")
    assert step.arguments == ("data_csv", "data_csv_2")
    assert "a = data_csv\n    b = data_csv_2\n    c = data_csv\n" in step.code


def test_the_writer_saves_with_its_arguments_through_the_entry_of_a_matching_read(tmp_path: Path) -> None:
    the_plan = plan_of(
        tmp_path,
        a=["import pandas as pd", "pd.DataFrame({'k': [1]}).to_csv('o.csv', sep='|', index=False)"],
        b=["import pandas as pd", "x = pd.read_csv('o.csv', sep='|')\ny = pd.read_csv('o.csv')"],
    )
    entries = {e.name: dict(e.options) for e in the_plan.catalog if e.name.startswith("o_csv")}
    assert entries["o_csv@pandas"] == {"load_args": {"sep": "|"}, "save_args": {"sep": "|", "index": False}}
    assert entries["o_csv@pandas_2"] == {}
    wired = {s.returns[0]: s.inputs for s in steps(the_plan, "b")}
    assert wired == {"x": ("o_csv@pandas", "o_csv@pandas_2")}


def test_the_load_arguments_invariant_catches_merged_reads(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Were reads merged by dataset type alone (the old rule), one entry would feed both reads
    with the first one's options: the plan check refuses that."""
    from nb2pipe.errors import PlanInvariantError
    from nb2pipe.planning import files

    monkeypatch.setattr(files, "load_key", lambda access, package: (*files.dataset_type(access, package), ""))
    with pytest.raises(PlanInvariantError, match="data_csv.*load_args"):
        plan_of(tmp_path, nb=FIX_THE_READ)


def test_a_file_read_again_in_a_node_that_changes_values_is_a_fresh_copy(tmp_path: Path) -> None:
    """Each read of the notebook is a new value: two reads in one node that changes one in place
    are deep copies of the loaded argument (`data = copy.deepcopy(a_csv)`)."""
    the_plan = plan_of(tmp_path, nb=[
        "import pandas as pd\npd.DataFrame({'a': [1]}).to_csv('a.csv', index=False)",
        "data = pd.read_csv('a.csv')\ndata['b'] = 2\ndata = pd.read_csv('a.csv')\nn = len(data.columns)",
    ])
    step = next(s for s in steps(the_plan, "nb") if "n" in s.returns)
    assert step.code.count("data = copy.deepcopy(a_csv)\n") == 2
    assert "copy" in step.needs


def test_a_file_read_once_or_never_changed_is_the_argument_itself(tmp_path: Path) -> None:
    write = "import pandas as pd\npd.DataFrame({'a': [1]}).to_csv('a.csv', index=False)"
    never_changed = plan_of(tmp_path / "a", nb=[
        write, "x = pd.read_csv('a.csv')\ny = pd.read_csv('a.csv')\nn = len(x) + len(y)",
    ])
    read_once = plan_of(tmp_path / "b", nb=[write, "z = pd.read_csv('a.csv')\nz['b'] = 2"])
    code = "".join(s.code for p in (never_changed, read_once) for s in steps(p, "nb"))
    assert "deepcopy" not in code
    assert "x = a_csv\n" in code and "z = a_csv\n" in code


def test_transcoding_labels_name_the_dataset_type_not_the_projects_package(tmp_path: Path) -> None:
    """A project package `tools_pandas` has types `tools_pandas.datasets.FilePathDataset`: a
    path read of a file pandas writes is `@path`, not `@pandas_2`."""
    cells = ["import pandas as pd\npd.DataFrame({'a': [1]}).to_csv('a.csv')",
             "x = pd.read_csv('a.csv')\nwith open('a.csv') as f:\n    text = f.read()"]
    facts = (analyze(source("nb.ipynb", cells, tmp_path)),)
    the_plan = plan(facts, Options(), Target(tmp_path / "tools_pandas", "new"), tmp_path, snapshot(tmp_path, facts))
    assert the_plan.package == "tools_pandas"
    assert {e.name for e in the_plan.catalog if e.name.startswith("a_csv")} == {"a_csv@pandas", "a_csv@path"}
    assert type_label("tools_pandas.datasets.FilePathDataset") == "path"
    assert type_label("pandas.CSVDataset") == "pandas" and type_label("polars.CSVDataset") == "data"
