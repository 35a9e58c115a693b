"""Issue #12: converting again after the team edited the generated project (docs/regeneration.md).
The hand edits survive a changed notebook and the project runs; a conflict exits 1 with markers,
the next conversion refuses until it is resolved."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from .helpers import explain, run_tool

pytestmark = pytest.mark.e2e

LOAD = "import pandas as pd\nrate = 0.5\ndf = pd.DataFrame({'a': [1, 2, 3], 'b': [4.0, 5.5, 7.0]})"
SCALE = "scaled = df * rate"
SAVE = "scaled.to_csv('out.csv', index=False)"
TOTAL = (
    "total = scaled['a'].sum()\n"
    "with_total = scaled.assign(total=total)\n"
    "with_total.to_csv('total.csv', index=False)"
)


def write_notebook(folder: Path, cells: list[tuple[str, str]]) -> Path:
    """(markdown heading, code) pairs as a notebook with stable cell ids (as Jupyter keeps them)."""
    nb = nbformat.v4.new_notebook()
    for heading, code in cells:
        key = heading.lower()
        nb.cells += [nbformat.v4.new_markdown_cell(f"# {heading}", id=f"md-{key}"),
                     nbformat.v4.new_code_cell(code, id=f"code-{key}")]
    folder.mkdir(exist_ok=True)
    nbformat.write(nb, folder / "analysis.ipynb")
    return folder


def notebook_files(tmp_path: Path, cells: list[str], rate: float) -> dict[str, pd.DataFrame]:
    """What the notebook's code writes, run here with the parameter ``rate`` (its CSV files)."""
    folder = tmp_path / "ran"
    folder.mkdir()
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        namespace: dict[str, object] = {}
        for code in cells:
            exec(code.replace("rate = 0.5", f"rate = {rate}"), namespace)  # noqa: S102
    finally:
        os.chdir(cwd)
    return {p.name: pd.read_csv(p) for p in folder.glob("*.csv")}


def convert(nb2pipe_bin: Path, tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_tool([nb2pipe_bin, *args, tmp_path / "nb", "-o", tmp_path / "project"],
                    cwd=tmp_path)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_hand_edits_survive_a_changed_notebook_and_the_project_runs(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    write_notebook(tmp_path / "nb", [("Load", LOAD), ("Scale", SCALE), ("Save", SAVE)])
    first = convert(nb2pipe_bin, tmp_path, "convert")
    assert first.returncode == 0, explain(first)
    project = tmp_path / "project"
    nodes = project / "src/project/pipelines/analysis/nodes.py"
    docstring = '    """Scale every column by the rate (the team\'s docstring)."""'
    edit(nodes, '    """Scale"""', docstring)
    edit(project / "conf/base/parameters.yml", "rate: 0.5", "rate: 0.25")
    edit(project / "conf/base/catalog.yml", "data/02_intermediate/out.csv",
         "data/03_primary/out_moved.csv")
    pipeline = project / "src/project/pipelines/analysis/pipeline.py"
    names = re.findall(r'name="(\w+)"', pipeline.read_text())
    helper = project / "src/project/helpers.py"
    helper.write_text("def halve(x):\n    return x / 2\n")

    cells = [("Load", LOAD), ("Scale", SCALE), ("Total", TOTAL), ("Save", SAVE)]
    write_notebook(tmp_path / "nb", cells)  # a new computation in the middle
    second = convert(nb2pipe_bin, tmp_path, "convert")
    assert second.returncode == 0, explain(second)
    assert "merged with your edits" in second.stdout
    assert "the team's docstring" in nodes.read_text()
    new_names = re.findall(r'name="(\w+)"', pipeline.read_text())
    assert [n for n in new_names if n in names] == names and len(new_names) == len(names) + 1
    assert "rate: 0.25" in (project / "conf/base/parameters.yml").read_text()
    catalog = (project / "conf/base/catalog.yml").read_text()
    assert "data/03_primary/out_moved.csv" in catalog and "total.csv" in catalog
    assert helper.read_text() == "def halve(x):\n    return x / 2\n"
    again = convert(nb2pipe_bin, tmp_path, "diff")  # what a pre-commit hook runs
    assert again.returncode == 0, explain(again)

    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    expected = notebook_files(tmp_path, [code for _, code in cells], rate=0.25)
    pd.testing.assert_frame_equal(pd.read_csv(project / "data/03_primary/out_moved.csv"),
                                  expected["out.csv"])
    (total,) = project.glob("data/*/total.csv")
    pd.testing.assert_frame_equal(pd.read_csv(total), expected["total.csv"])


def test_a_conflict_exits_1_with_markers_then_is_refused_until_resolved(
    tmp_path: Path, nb2pipe_bin: Path
) -> None:
    write_notebook(tmp_path / "nb", [("Load", LOAD), ("Scale", SCALE), ("Save", SAVE)])
    assert convert(nb2pipe_bin, tmp_path, "convert").returncode == 0
    params = tmp_path / "project/conf/base/parameters.yml"
    edit(params, "rate: 0.5", "rate: 0.2")
    new_load = LOAD.replace("rate = 0.5", "rate = 0.7")
    write_notebook(tmp_path / "nb", [("Load", new_load), ("Scale", SCALE), ("Save", SAVE)])

    conflicted = convert(nb2pipe_bin, tmp_path, "convert")
    assert conflicted.returncode == 1, explain(conflicted)
    text = params.read_text()
    line = text.splitlines().index("<<<<<<< yours (on disk)") + 1
    assert f"conflict: {params}:{line}" in conflicted.stderr.replace("\n", "")
    assert "rate: 0.2\n=======\n  rate: 0.7\n>>>>>>>" in text  # both sides kept
    fresh = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", tmp_path / "fresh/project"],
                     cwd=tmp_path)
    assert fresh.returncode == 0, explain(fresh)
    for path in (tmp_path / "fresh/project").rglob("*"):  # all else as a clean conversion
        relative = path.relative_to(tmp_path / "fresh/project")
        if path.is_file() and relative != Path("conf/base/parameters.yml"):
            assert path.read_bytes() == (tmp_path / "project" / relative).read_bytes(), relative

    refused = convert(nb2pipe_bin, tmp_path, "convert")
    assert refused.returncode == 2, explain(refused)
    assert "conflict markers" in refused.stderr and "parameters.yml" in refused.stderr
    assert params.read_text() == text

    kept = [ln for ln in text.splitlines(keepends=True)
            if not ln.startswith(("<<<<<<<", ">>>>>>>", "=======", "  rate: 0.7"))]
    params.write_text("".join(kept))  # resolved: the team's value
    resolved = convert(nb2pipe_bin, tmp_path, "convert")
    assert resolved.returncode == 0, explain(resolved)
    assert "rate: 0.2" in params.read_text() and "<<<<<<<" not in params.read_text()
    assert convert(nb2pipe_bin, tmp_path, "diff").returncode == 0
    forced = convert(nb2pipe_bin, tmp_path, "convert", "--force")
    assert forced.returncode == 0 and "rate: 0.7" in params.read_text()


def test_every_kind_of_hand_edit_survives_and_only_a_real_conflict_stops(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    """#12 "Done means": a comment, a new function used from a node, a new module, a catalog
    entry, a parameter and a README line all survive a notebook whose constant changed and which
    gained a cell; the run gives the new notebook's values; then the same parameter changed on
    both sides is a conflict (exit 1, both values) that leaves every other edit as it was."""
    write_notebook(tmp_path / "nb", [("Load", LOAD), ("Scale", SCALE), ("Save", SAVE)])
    assert convert(nb2pipe_bin, tmp_path, "convert").returncode == 0
    project = tmp_path / "project"
    nodes = project / "src/project/pipelines/analysis/nodes.py"
    comment = "    # The team: fixed sample data until the warehouse is ready.\n"
    helper = ("\n\ndef times(frame, factor):\n"
              "    \"\"\"The team's helper.\"\"\"\n    return frame * factor\n")
    edit(nodes, "from project.report import NotebookReport\n",
         "from project.report import NotebookReport\n" + helper)
    edit(nodes, '    """Load"""\n', '    """Load"""\n' + comment)
    edit(nodes, "    scaled = df * rate\n", "    scaled = times(df, rate)\n")
    module = project / "src/project/team_checks.py"
    module.write_text("def non_empty(frame):\n    return len(frame) > 0\n")
    entry = "\nteam_lookup:\n  type: pandas.CSVDataset\n  filepath: data/01_raw/lookup.csv\n"
    catalog = project / "conf/base/catalog.yml"
    catalog.write_text(catalog.read_text() + entry)
    params = project / "conf/base/parameters.yml"
    params.write_text(params.read_text() + "team:\n  threshold: 3\n")
    readme = project / "README.md"
    edit(readme, "# project\n", "# project\n\nOwned by the pricing team.\n")  # not at the end:
    # the parameter table ends the README, and a line added right after a changed line conflicts
    hand_edits = {nodes: [comment, helper, "scaled = times(df, rate)"], module: ["non_empty"],
                  catalog: [entry], params: ["team:\n  threshold: 3\n"],
                  readme: ["Owned by the pricing team."]}

    def all_hand_edits_there() -> None:
        for path, snippets in hand_edits.items():
            for snippet in snippets:
                assert snippet in path.read_text(), (snippet, path)

    cells = [("Load", LOAD.replace("rate = 0.5", "rate = 0.8")), ("Scale", SCALE),
             ("Total", TOTAL), ("Save", SAVE)]
    write_notebook(tmp_path / "nb", cells)  # a changed constant and a new cell
    second = convert(nb2pipe_bin, tmp_path, "convert")
    assert second.returncode == 0, explain(second)
    all_hand_edits_there()
    assert "rate: 0.8" in params.read_text() and "total.csv" in catalog.read_text()
    assert "code-total" in nodes.read_text() and "<<<<<<<" not in nodes.read_text()
    assert convert(nb2pipe_bin, tmp_path, "diff").returncode == 0

    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    expected = notebook_files(tmp_path, [code for _, code in cells], rate=0.8)
    assert set(expected) == {"out.csv", "total.csv"}
    for name, frame in expected.items():
        (written,) = project.glob(f"data/*/{name}")
        pd.testing.assert_frame_equal(pd.read_csv(written), frame)

    edit(params, "rate: 0.8", "rate: 0.2")  # the same parameter, changed on both sides
    cells[0] = ("Load", LOAD.replace("rate = 0.5", "rate = 0.9"))
    write_notebook(tmp_path / "nb", cells)
    conflicted = convert(nb2pipe_bin, tmp_path, "convert")
    assert conflicted.returncode == 1, explain(conflicted)
    assert "parameters.yml" in conflicted.stderr
    both = "<<<<<<< yours (on disk)\n  rate: 0.2\n=======\n  rate: 0.9\n>>>>>>>"
    assert both in params.read_text()
    all_hand_edits_there()
    others = [p for p in hand_edits if p != params]
    assert not any("<<<<<<<" in p.read_text() for p in others)
