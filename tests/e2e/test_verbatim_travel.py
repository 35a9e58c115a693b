"""Scripts a shell node runs as they are travel with the project: a driver's step running a
Python script verbatim (`bash-verbatim-run`: its file use is not seen), a script it runs from
another folder (`cd sub && python x.py`) and one a second shell script runs (`bash other.sh >
log`), with the local modules they import and the files the second script reads; a file a
step sources (`source settings.sh`); and a notebook a verbatim step executes with
papermill, with the module it imports. The project is converted with `-o` to a separate
folder, then copied elsewhere (the source folder removed) before `kedro run`; every file it
writes equals what running the driver with bash wrote."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest
import yaml

from .helpers import BIN, KERNEL_NAME, explain, jupyter_path, run_tool

pytestmark = pytest.mark.e2e

DRIVER = """\
set -e
mkdir -p out
python scripts/pack.py --source data.txt --out out/packed.zip
cd sub && python tally.py --source ../data.txt --out ../out/tally.zip
cd ..
source settings.sh && echo "$GREETING" > out/greeting.txt
bash other.sh > out/other.log
"""
OTHER = """\
echo "packing again"
mkdir -p again
python scripts/pack.py --source data.txt --out again/again.zip
"""
# the file it zips is named in a call analysis does not follow: the step runs verbatim
PACK = """\
import argparse
import os
import zipfile

from naming import entry_name

parser = argparse.ArgumentParser()
parser.add_argument("--source")
parser.add_argument("--out")
args = parser.parse_args()
with zipfile.ZipFile(args.out, "w") as archive:
    archive.write(args.source, entry_name(os.path.basename(args.source)))
"""
NAMING = """\
def entry_name(path):
    return "entry-" + path.replace("/", "_").replace(".", "_")
"""
TALLY = PACK


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_scripts_run_verbatim_travel_with_the_project(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    source = tmp_path / "src"
    (source / "scripts").mkdir(parents=True)
    (source / "sub").mkdir()
    (source / "run.sh").write_text(DRIVER)
    (source / "other.sh").write_text(OTHER)
    (source / "scripts/pack.py").write_text(PACK)
    (source / "scripts/naming.py").write_text(NAMING)
    (source / "sub/tally.py").write_text(TALLY)
    (source / "sub/naming.py").write_text(NAMING.replace('"entry-"', '"tally-"'))
    (source / "data.txt").write_text("Some Text\nto zip\n")
    (source / "settings.sh").write_text("GREETING='set in settings.sh'\n")
    ran_by_bash = shutil.copytree(source, tmp_path / "bash_run")
    subprocess.run(["bash", "run.sh"], cwd=ran_by_bash, check=True, timeout=300)

    converted = run_tool([nb2pipe_bin, "convert", source, "-o", tmp_path / "made"], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    assert "bash-verbatim-run" in converted.stdout + converted.stderr
    # the project runs wherever it is copied, without the folder it was converted from
    project = shutil.move(tmp_path / "made", tmp_path / "elsewhere" / "project")
    shutil.rmtree(source)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)

    catalog = yaml.safe_load((project / "conf/base/catalog.yml").read_text())
    paths = {Path(e["filepath"]).name: project / e["filepath"] for e in catalog.values()}
    for name in ("packed.zip", "tally.zip"):
        assert entries(paths[name]) == entries(ran_by_bash / "out" / name), name
    # (a file the second script writes is no dataset: it lands where the script writes it)
    assert entries(project / "again/again.zip") == entries(ran_by_bash / "again/again.zip")
    assert paths["greeting.txt"].read_text() == "set in settings.sh\n"
    assert paths["other.log"].read_text() == (ran_by_bash / "out/other.log").read_text()
    # each is copied in place only while its node runs
    assert not (project / "scripts/pack.py").exists() and not (project / "sub/tally.py").exists()
    assert not (project / "other.sh").exists()


# the step also writes another file: it runs as a whole, the notebook unconverted
NOTEBOOK_DRIVER = """\
set -e
cd notebooks && papermill -k {kernel} count.ipynb ran.ipynb && echo done > ../done.txt
"""
COUNT = """\
from words import counted

counted("../data.txt", "../counts.txt")
"""
WORDS = """\
def counted(source, target):
    words = open(source).read().split()
    with open(target, "w") as out:
        out.write(f"{len(words)} words, longest {max(words, key=len)}\\n")
"""


def test_a_notebook_run_verbatim_travels_with_its_module(
    tmp_path: Path,
    nb2pipe_bin: Path,
    kedro_bin: Path,
    kernel_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    source = tmp_path / "src"
    (source / "notebooks").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(COUNT)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python", "language": "python"}
    nbformat.write(nb, source / "notebooks/count.ipynb")
    (source / "notebooks/words.py").write_text(WORDS)
    (source / "run.sh").write_text(NOTEBOOK_DRIVER.replace("{kernel}", KERNEL_NAME))
    (source / "data.txt").write_text("a notebook counts these words\n")
    ran_by_bash = shutil.copytree(source, tmp_path / "bash_run")
    with jupyter_path(kernel_dir):
        subprocess.run(["bash", "run.sh"], cwd=ran_by_bash, check=True, timeout=600)

    converted = run_tool([nb2pipe_bin, "convert", source, "-o", tmp_path / "made"], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    project = shutil.move(tmp_path / "made", tmp_path / "elsewhere" / "project")
    shutil.rmtree(source)
    with jupyter_path(kernel_dir):
        ran = run_tool([kedro_bin, "run"], cwd=project, timeout=900)
    assert ran.returncode == 0, explain(ran)
    # (the file the notebook writes is no dataset here: it lands where the notebook writes it)
    assert (project / "counts.txt").read_text() == (ran_by_bash / "counts.txt").read_text()
    assert not (project / "notebooks/count.ipynb").exists()
    assert not (project / "notebooks/words.py").exists()


def test_a_failing_verbatim_script_still_warns_after_its_copies_go(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without `set -e` bash goes on after a failing script, with a warning naming its status:
    removing the script's copy afterwards does not hide that status."""
    monkeypatch.setenv("PATH", os.pathsep.join([str(BIN), os.environ.get("PATH", "")]))
    source = tmp_path / "src"
    (source / "scripts").mkdir(parents=True)
    (source / "run.sh").write_text("python scripts/pack.py --source data.txt --out packed.zip\n")
    (source / "scripts/pack.py").write_text(PACK + "raise SystemExit(3)\n")
    (source / "scripts/naming.py").write_text(NAMING)
    (source / "data.txt").write_text("x\n")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    assert "exited with status 3" in " ".join((ran.stdout + ran.stderr).split()), explain(ran)
    assert not (project / "scripts/pack.py").exists()
