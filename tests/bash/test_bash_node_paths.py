"""Shell nodes write their files where the catalog says, whatever folder the script `cd`s to
(docs/bash.md, "Shell nodes").

The end-to-end test runs a driver that moves between folders with bash, converts it, runs
`kedro run`, and checks that every file the script wrote is, with the same content, at the
catalog path the manifest gives for it, and that the run wrote nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from nb2pipe.api import generate
from nb2pipe.options import Options

BIN = Path(sys.executable).parent

DRIVER = """\
set -e
cd data
# named files: the node gets the catalog's paths
sort raw.csv > sorted.csv
# gzip names its output after its input: the node runs on the script's own paths
gzip -kn sorted.csv
mkdir -p parts
cut -d, -f1 sorted.csv > parts/ids.txt
# a folder the earlier steps filled: its files are copied there first
tar --mtime=2020-01-01 --owner=0 --group=0 -cf ../bundle.tar parts
cd ..
bash steps/count.sh data/parts/ids.txt out
"""
COUNT = 'mkdir -p "$2"\ncd "$2"\nwc -l < "../$1" > count.txt\n'


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def source(folder: Path) -> Path:
    write(folder, "data/raw.csv", "id,v\n2,b\n1,a\n")
    write(folder, "run.sh", DRIVER)
    write(folder, "steps/count.sh", COUNT)
    return folder


def snapshot(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_a_step_writing_a_file_it_does_not_name_runs_on_the_scripts_paths(tmp_path: Path) -> None:
    generated = generate([source(tmp_path / "src")], tmp_path / "out", Options())
    code = next(str(v) for k, v in generated.files.items() if str(k).endswith("run/nodes.py"))
    assert '"gzip -kn sorted.csv",' in code
    assert 'f"mkdir -p . && cp {quote(sorted_csv)} sorted.csv",' in code
    assert 'f"mv sorted.csv.gz {quote(sorted_csv_gz_path)}",' in code
    assert '"rm -f sorted.csv",' in code  # the staged copy goes: only the catalog holds it


def test_a_folder_read_stands_for_the_files_written_under_it(tmp_path: Path) -> None:
    generated = generate([source(tmp_path / "src")], tmp_path / "out", Options())
    run = next(p for p in generated.plan.pipelines if p.name == "run")
    tar = next(s for s in run.steps if s.name == "tar_bundle")
    assert "ids_txt" in tar.inputs
    assert not any(e.filepath.endswith("/parts") for e in generated.plan.catalog)


@pytest.mark.e2e
def test_every_file_a_cd_ing_driver_writes_is_at_its_catalog_path(tmp_path: Path) -> None:
    original = source(tmp_path / "original")
    before = snapshot(original)
    ran = subprocess.run(["bash", "run.sh"], cwd=original, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    after = snapshot(original)
    wrote = {p: d for p, d in after.items() if before.get(p) != d}
    assert set(wrote) == {
        "data/sorted.csv",
        "data/sorted.csv.gz",
        "data/parts/ids.txt",
        "bundle.tar",
        "out/count.txt",
    }

    project = tmp_path / "project"
    generate_and_write = subprocess.run(
        [BIN / "nb2pipe", "convert", source(tmp_path / "src"), "-o", project],
        capture_output=True,
        text=True,
    )
    assert generate_and_write.returncode == 0, generate_and_write.stderr
    start = snapshot(project)
    env = dict(os.environ, KEDRO_DISABLE_TELEMETRY="1", DO_NOT_TRACK="1")
    kedro = subprocess.run(
        [BIN / "kedro", "run"], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )
    assert kedro.returncode == 0, kedro.stdout[-3000:] + kedro.stderr[-3000:]
    end = snapshot(project)
    made = {p: d for p, d in end.items() if start.get(p) != d}

    files = json.loads((project / ".nb2pipe/manifest.json").read_text(encoding="utf-8"))["files"]
    for original_path, digest in wrote.items():
        assert original_path in files, f"{original_path} has no catalog entry"
        assert made.get(files[original_path]) == digest, f"{original_path} differs or is missing"
    catalog = {
        entry["filepath"]
        for entry in yaml.safe_load(
            (project / "conf/base/catalog.yml").read_text(encoding="utf-8")
        ).values()
    }
    pickled = re.compile(r"data/02_intermediate/\w+/\w+\.pkl")  # the `{namespace}.{name}` pattern
    stray = [p for p in made if p not in catalog and not pickled.fullmatch(p)]
    assert not stray, f"files written outside the catalog: {stray}"
