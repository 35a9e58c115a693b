"""The project points at nothing outside itself: inputs that are not on disk get project paths,
and paths outside the conversion root are named relative to it."""

from __future__ import annotations

from pathlib import Path

from test_plan_rules import plan_of


def test_a_missing_input_gets_a_project_path_not_an_absolute_one(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=["import pandas as pd", "df = pd.read_csv('../in/gone.csv')"])
    (entry,) = [e for e in the_plan.catalog if e.name == "gone_csv"]
    assert entry.filepath == "data/01_raw/gone.csv" and entry.copy_from is None
    (warning,) = [d for d in the_plan.diagnostics if d.code == "missing-input"]
    assert str(tmp_path) not in warning.message and "../in/gone.csv" in warning.message


def test_a_file_read_below_a_folder_a_step_writes_is_that_folders_file(tmp_path: Path) -> None:
    """`cp -r`, `python prep.py out`: a file nothing writes by name, under a written folder."""
    the_plan = plan_of(tmp_path, nb=[
        "import shutil",
        "shutil.copytree('src', 'out')",
        "with open('out', 'a') as f:\n    pass",
        "text = open('out/part1.csv').read()",
    ])
    entries = {e.name: e for e in the_plan.catalog}
    folder = next(e for e in entries.values() if e.final_version_of == "out")
    assert entries["part1_csv"].filepath == folder.filepath + "/part1.csv"
    assert not [d for d in the_plan.diagnostics if d.code == "missing-input"]


def test_files_written_outside_the_root_are_named_relative_to_it(tmp_path: Path) -> None:
    the_plan = plan_of(tmp_path, nb=["import pandas as pd", "pd.DataFrame({'a': [1]}).to_csv('../out/z.csv')"])
    (entry,) = [e for e in the_plan.catalog if e.final_version_of]
    assert entry.final_version_of == "../out/z.csv" and not Path(entry.filepath).is_absolute()


def test_a_file_on_disk_below_a_written_folder_is_still_a_raw_input(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "part1.csv").write_text("a\n")
    the_plan = plan_of(tmp_path, nb=[
        "import shutil",
        "with open('out', 'a') as f:\n    pass",
        "text = open('out/part1.csv').read()",
    ])
    entries = {e.name: e for e in the_plan.catalog}
    assert entries["part1_csv"].filepath.startswith("data/01_raw/") and entries["part1_csv"].copy_from
