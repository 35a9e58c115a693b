"""What a new user meets first: --help, --version, a driver script given alone, the package
name, and error lines (one per problem, exit 2, nothing written)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.drivers.scripts import called_scripts
from nb2pipe.readers import read

from .cli_run import notebook, run


def test_help_speaks_to_users_and_version_prints() -> None:
    helped = run("--help")
    assert helped.exit_code == 0
    assert "Kedro" in helped.stdout and "convert" in helped.stdout
    assert "typer" not in helped.stdout and "decides nothing" not in helped.stdout
    shown = run("--version")
    assert shown.exit_code == 0
    assert shown.stdout.startswith("nb2pipe ") and shown.stdout.split()[1][0].isdigit()


def test_a_called_script_is_read_as_its_call_runs_it(tmp_path: Path) -> None:
    """`bash sub.sh nbs` runs `"$1/a.ipynb"`: the notebook is nbs/a.ipynb, found from the
    driver alone."""
    (tmp_path / "run.sh").write_text("bash sub.sh nbs\n", encoding="utf-8")
    (tmp_path / "sub.sh").write_text('papermill "$1/a.ipynb" out.ipynb\n', encoding="utf-8")
    sources = [read(tmp_path / name, tmp_path) for name in ("run.sh", "sub.sh")]
    assert called_scripts(sources) == ("nbs/a.ipynb", "sub.sh")
    assert called_scripts(sources[1:]) == ()  # alone, $1 is unknown


def test_a_script_running_a_notebook_outside_the_folder_is_refused(tmp_path: Path) -> None:
    notebook(tmp_path / "proj" / "nb" / "x.ipynb", "x = 1")
    drive = tmp_path / "proj" / "drive"
    drive.mkdir()
    (drive / "run.sh").write_text("papermill ../nb/x.ipynb out.ipynb\n", encoding="utf-8")
    result = run("convert", drive / "run.sh", "-o", tmp_path / "out")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: run.sh: runs ") and "x.ipynb, outside the folder" in line
    assert "nb2pipe convert " in line and "[run-outside-root]" in line
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("package", "why"),
    [
        ("1-bad pkg", "not a Python identifier"),
        ("class", "keyword"),
        ("json", "standard library"),
        ("kedro", "shadow the package kedro"),
        ("pandas", "shadow the package pandas"),  # the notebook imports it
    ],
)
def test_a_package_that_cannot_import_is_refused(package: str, why: str, tmp_path: Path) -> None:
    notebook(tmp_path / "nb" / "a.ipynb", "import pandas as pd", "df = pd.DataFrame({'a': [1]})")
    result = run("convert", tmp_path / "nb", "-o", tmp_path / "out", "--package", package)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: --package: ") and why in line
    assert not (tmp_path / "out").exists()


def test_a_folder_named_like_a_stdlib_module_needs_a_package(tmp_path: Path) -> None:
    notebook(tmp_path / "nb" / "a.ipynb", "x = 1")
    result = run("convert", tmp_path / "nb", "-o", tmp_path / "json")
    assert result.exit_code == 2 and "pass --package NAME" in result.stderr
    assert run("convert", tmp_path / "nb", "-o", tmp_path / "json", "--package", "j").exit_code == 0


def test_error_lines_have_one_prefix(tmp_path: Path) -> None:
    bad = tmp_path / "n.ipynb"
    bad.write_text("{", encoding="utf-8")
    result = run("convert", bad, "-o", tmp_path / "out")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("error: n.ipynb: not valid JSON") and line.count("error:") == 1


@pytest.mark.parametrize(
    ("args", "package"), [(["-o", "shop"], "shop"), (["--package", "sales_pkg"], "sales_pkg")]
)
def test_explain_names_the_projects_package(args: list[str], package: str, tmp_path: Path) -> None:
    """Project-local dataset types are named in the package -o (or --package) gives, as in
    catalog.yml; the header says which package that is."""
    notebook(tmp_path / "nb" / "a.ipynb", "with open('notes.txt', 'w') as f:\n    f.write('x')")
    result = run("explain", tmp_path / "nb", *args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"package {package} ")
    assert f"{package}.datasets.FilePathDataset" in result.stdout
    assert "kedro_project." not in result.stdout
