"""End to end: folders as teams keep them. Two different notebooks (and driver scripts) whose
steps share every heading, and two copies of one notebook in ``v1/`` and ``v2/``, convert into
one project whose pipelines stay apart: `kedro run` writes what the notebooks and scripts wrote,
and `kedro run --pipeline` of one never runs another's nodes.

Every step kind is there twice under one name: data steps reading and writing files relative to
their notebook, reporting steps, `!cmd` shell lines, notebooks that only print (their one node
hands on `<step>_done`) and shell-script steps that write nothing (`<step>_done` too). Before,
such `_done` markers left their namespace and two pipelines claimed one dataset.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from .helpers import explain, run_notebooks, run_tool, snapshot, text_diff

TEAM = {
    "team_a/alpha.ipynb": [
        "# Load data",
        'import pandas as pd\nimport matplotlib.pyplot as plt\nsales = pd.read_csv("sales.csv")',
        "# Plot",
        'sales["qty"].plot()\nplt.show()',
        "# Save results",
        'summary = sales.groupby("region")["qty"].sum()\nsummary.to_csv("summary.csv")',
        "# Shell",
        "!sort summary.csv > sorted.txt",
    ],
    "team_b/beta.ipynb": [
        "# Load data",
        'import pandas as pd\nimport matplotlib.pyplot as plt\nprices = pd.read_csv("prices.csv")',
        "# Plot",
        'plt.bar(prices["item"], prices["price"])\nplt.show()',
        "# Save results",
        'prices.assign(double=prices["price"] * 2).to_csv("summary.csv", index=False)',
        "# Shell",
        "!wc -l < summary.csv > sorted.txt",
    ],
    "team_a/notes.ipynb": [
        "# Handling JSON files",
        'import json\nprint(json.dumps({"team": "a"}))',
    ],
    "team_b/notes.ipynb": ["# Handling JSON files", 'import json\nprint(sorted({"b": 2, "a": 1}))'],
}
SCRIPTS = {  # every line is one node; `echo` alone writes nothing and hands on `<step>_done`
    "team_a/run.sh": "mkdir -p logs\necho started a > logs/run.txt\necho finished\n",
    "team_b/run.sh": "mkdir -p logs\necho started b > logs/run.txt\necho finished\n",
}
DATA = {
    "team_a/sales.csv": "region,qty\nnorth,1\nsouth,2\nnorth,3\n",
    "team_b/prices.csv": "item,price\npen,2\nbook,12\n",
}
COPIES = ("v1", "v2")


def write_notebook(path: Path, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell(c) if c.startswith("# ") else nbformat.v4.new_code_cell(c)
        for c in cells
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


def team_folder(root: Path) -> Path:
    for name, cells in TEAM.items():
        write_notebook(root / name, cells)
    for name, text in {**SCRIPTS, **DATA}.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def copies_folder(root: Path) -> Path:
    """``v1/`` and ``v2/`` hold the same notebook; each reads its own data, writes its own files."""
    for number, copy in enumerate(COPIES, 1):
        write_notebook(root / copy / "alpha.ipynb", TEAM["team_a/alpha.ipynb"])
        rows = "".join(f"r{k},{k * number}\n" for k in range(1, 4))
        (root / copy / "sales.csv").write_text("region,qty\n" + rows, encoding="utf-8")
    return root


def run_sources(folder: Path, kernel_dir: Path) -> list[str]:
    """Run every notebook (nbclient) and script (bash) in its own folder; the files they wrote."""
    before = snapshot(folder)
    notebooks = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.ipynb"))
    for name in notebooks:
        where = folder / name
        [run] = run_notebooks(where.parent, [where.name], kernel_dir)
        errors = [
            o for c in run.executed.cells for o in c.get("outputs", []) if o.output_type == "error"
        ]
        assert not errors, f"{name}: {errors}"
    for script in sorted(folder.rglob("*.sh")):
        subprocess.run(["bash", script.name], cwd=script.parent, check=True, capture_output=True)
    return sorted(p for p, digest in snapshot(folder).items() if before.get(p) != digest)


def convert_and_run(
    source: Path, project: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> dict[str, str]:
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=source.parent)
    assert converted.returncode == 0, "nb2pipe convert failed\n" + explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, "kedro run failed\n" + explain(ran)
    return json.loads((project / ".nb2pipe" / "manifest.json").read_text())["files"]


def same_files(
    executed: Path, wrote: list[str], project: Path, mapping: dict[str, str]
) -> list[str]:
    problems = []
    for original in wrote:
        if original not in mapping:
            problems.append(f"{original}: not in the manifest's files {sorted(mapping)}")
            continue
        produced = project / mapping[original]
        if not produced.is_file():
            problems.append(f"{original}: the project did not write {mapping[original]}")
        elif produced.read_bytes() != (executed / original).read_bytes():
            problems.append(
                text_diff((executed / original).read_bytes(), produced.read_bytes(), original)
            )
    return problems


def pipeline_names(project: Path) -> list[str]:
    return sorted(
        p.name
        for p in (project / "src" / "project" / "pipelines").iterdir()
        if p.is_dir() and not p.name.startswith("__")
    )


def ran_nodes(output: str) -> set[str]:
    """Nodes Kedro reports it ran ("Completed node: alpha.load_data")."""
    return set(re.findall(r"Completed node: ([\w.]+)", output))


def assert_independent(project: Path, kedro_bin: Path, names: list[str]) -> None:
    """`kedro run --pipelines X` runs X's nodes only (rich logs one line each when wide)."""
    for name in names:
        ran = run_tool([kedro_bin, "run", "--pipelines", name], cwd=project)
        assert ran.returncode == 0, f"kedro run --pipeline {name} failed\n" + explain(ran)
        nodes = ran_nodes(ran.stdout + ran.stderr)
        assert nodes, explain(ran)
        assert {n.split(".", 1)[0] for n in nodes} == {name}, (
            f"--pipeline {name} ran {sorted(nodes)}"
        )


@pytest.mark.e2e
def test_notebooks_sharing_every_step_heading_convert_and_stay_apart(
    tmp_path: Path,
    kernel_dir: Path,
    nb2pipe_bin: Path,
    kedro_bin: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    executed = team_folder(tmp_path / "executed")
    wrote = run_sources(executed, kernel_dir)
    assert {
        "team_a/summary.csv",
        "team_b/summary.csv",
        "team_a/sorted.txt",
        "team_b/sorted.txt",
        "team_a/logs/run.txt",
        "team_b/logs/run.txt",
    } <= set(wrote)
    source = team_folder(tmp_path / "source")
    project = tmp_path / "project"
    mapping = convert_and_run(source, project, nb2pipe_bin, kedro_bin)
    assert not same_files(executed, wrote, project, mapping), "\n\n".join(
        same_files(executed, wrote, project, mapping)
    )
    names = pipeline_names(project)
    assert len(names) == len(TEAM) + len(SCRIPTS), names
    figures = list((project / "data" / "08_reporting").rglob("*.png"))
    assert {p.relative_to(project / "data" / "08_reporting").parts[0] for p in figures} == {
        "alpha",
        "beta",
    }
    # the print-only notebooks and the `echo` steps hand on markers inside their namespaces
    notes = (project / "src" / "project" / "pipelines" / "team_a_notes" / "pipeline.py").read_text()
    assert '"handling_json_files_done"' in notes and "outputs={" not in notes
    assert_independent(project, kedro_bin, names)


@pytest.mark.e2e
def test_two_copies_of_a_notebook_write_their_own_files(
    tmp_path: Path,
    kernel_dir: Path,
    nb2pipe_bin: Path,
    kedro_bin: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    executed = copies_folder(tmp_path / "executed")
    wrote = run_sources(executed, kernel_dir)
    assert wrote == [f"{c}/{f}" for c in COPIES for f in ("sorted.txt", "summary.csv")]
    source = copies_folder(tmp_path / "source")
    project = tmp_path / "project"
    mapping = convert_and_run(source, project, nb2pipe_bin, kedro_bin)
    assert not same_files(executed, wrote, project, mapping), "\n\n".join(
        same_files(executed, wrote, project, mapping)
    )
    assert len({mapping[w] for w in wrote}) == len(wrote), mapping  # two copies, two files each
    names = pipeline_names(project)
    assert len(names) == len(COPIES), names
    assert_independent(project, kedro_bin, names)
