"""Namespaces: every name a generated pipeline leaves free (its `inputs=`/`outputs=`) is a file
of the catalog (named after its unique path) or passes to another pipeline; everything a
notebook makes and uses alone (variable versions, `<step>_done` markers, figures) stays inside
its namespace. Checked on the generated `pipeline.py` and `catalog.yml` of the golden projects,
of multi-folder conversions, and of pairs of generated notebooks sharing every heading; and a
broken invariant is one error line, exit 2 (``--keep-going`` converts the sources not involved).
"""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from nb2pipe import api
from nb2pipe.analysis import analyze
from nb2pipe.cli import app
from nb2pipe.errors import PlanInvariantError
from nb2pipe.model import Cell, CopyFile, Source, Target
from nb2pipe.options import Options
from nb2pipe.planning import invariants, plan, source_to_pipeline
from nb2pipe.readers.workspace import snapshot
from tests.e2e.test_team_folders import copies_folder, team_folder, write_notebook
from tests.planning.test_properties import SETTINGS, notebooks
from tests.test_golden import CASE_DIRS

ORDERING_FOLDER = "data/02_intermediate/order/"


def free_names(pipeline_py: str) -> tuple[str, set[str], set[str]]:
    """(namespace, inputs=, outputs=) of the `Pipeline(...)` a generated pipeline.py returns."""
    call = next(
        n
        for n in ast.walk(ast.parse(pipeline_py))
        if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Pipeline"
    )
    found = {k.arg: ast.literal_eval(k.value) for k in call.keywords}
    return found["namespace"], set(found.get("inputs", ())), set(found.get("outputs", ()))


def namespace_problems(files: dict[PurePosixPath, str]) -> list[str]:
    """Free names that are neither a file of the catalog nor used by another pipeline, and free
    outputs two pipelines claim."""
    catalog = yaml.safe_load(
        next(t for p, t in files.items() if p.as_posix() == "conf/base/catalog.yml")
    )
    on_disk = {
        name.split("@")[0]
        for name, entry in catalog.items()
        if "{" not in name and not str(entry.get("filepath", "")).startswith(ORDERING_FOLDER)
    }
    pipelines = [free_names(text) for path, text in files.items() if path.name == "pipeline.py"]
    assert pipelines, "no pipeline.py"
    problems = []
    for namespace, inputs, outputs in pipelines:
        for name in sorted(inputs | outputs):
            others = [n for n, i, o in pipelines if n != namespace and name in i | o]
            if name not in on_disk and not others:
                problems.append(
                    f"{namespace}: {name!r} is free but no file and no other pipeline's"
                )
        for name in sorted(outputs):
            claims = [n for n, _, o in pipelines if n != namespace and name in o]
            if claims:
                problems.append(f"{namespace}: {name!r} is also an output of {claims}")
    return problems


def texts(generated) -> dict[PurePosixPath, str]:  # type: ignore[no-untyped-def]
    return {
        p: c
        for p, c in generated.files.items()
        if isinstance(c, str) and not isinstance(c, CopyFile)
    }


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_golden_projects_leave_only_files_free(case: Path) -> None:
    expected = case / "expected"
    files = {
        PurePosixPath(p.relative_to(expected).as_posix()): p.read_text(encoding="utf-8")
        for p in expected.rglob("*")
        if p.is_file() and p.suffix in (".py", ".yml")
    }
    assert not namespace_problems(files)


@pytest.mark.parametrize("make", [team_folder, copies_folder], ids=["shared_headings", "copies"])
def test_multi_folder_conversion_leaves_only_files_free(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    generated = api.generate([make(tmp_path / "in")], tmp_path / "project")
    assert not namespace_problems(texts(generated))


def test_print_only_notebooks_keep_their_done_markers(tmp_path: Path) -> None:
    """The cause: `<step>_done` of two notebooks with one heading was a free output of both."""
    for team in ("a", "b"):
        write_notebook(
            tmp_path / "in" / team / "notes.ipynb", ["# Handling JSON files", f"import sys\nprint({team!r}, file=sys.stderr)"]
        )
    generated = api.generate([tmp_path / "in"], tmp_path / "project")
    for pipeline in generated.plan.pipelines:
        assert [s.outputs for s in pipeline.steps] == [("handling_json_files_done",), ("report",)]
        assert pipeline.shared_outputs == ()


def two_sources(first: list[tuple[str, str]], second: list[tuple[str, str]], folder: Path) -> tuple:  # type: ignore[type-arg]
    """The two notebooks in folders `a/` and `b/`, every markdown cell one shared heading."""
    facts = []
    for team, cells in (("a", first), ("b", second)):
        made = tuple(
            Cell(i, str(i + 1), kind, "# Step" if kind == "markdown" else text)  # type: ignore[arg-type]
            for i, (kind, text) in enumerate(cells)
        )
        facts.append(
            analyze(
                Source(
                    PurePosixPath(f"{team}/nb.ipynb"),
                    str(folder / team / "nb.ipynb"),
                    "notebook",
                    made,
                )
            )
        )
    return tuple(facts)


#: Notebooks that only print to a stream (a bare `print` goes to the report): their one node hands
#: on `<step>_done`.
PRINTING = st.lists(st.sampled_from(["import sys\nprint(1, file=sys.stderr)", "import sys\nprint('x', file=sys.stderr)"]), min_size=1, max_size=3).map(
    lambda lines: [("markdown", ""), *[("code", line) for line in lines]]
)


@SETTINGS
@given(st.one_of(notebooks(), PRINTING), st.one_of(notebooks(), PRINTING))
def test_two_notebooks_sharing_headings_share_no_dataset(tmp_path: Path, first, second) -> None:  # type: ignore[no-untyped-def]
    """Planning checks the rule itself (invariants.check_free_names): it must not raise."""
    facts = two_sources(first, second, tmp_path)
    target = Target(tmp_path / "p", "new")
    the_plan = plan(facts, Options(), target, tmp_path, snapshot(tmp_path, facts))
    assert all(p.shared_inputs == p.shared_outputs == () for p in the_plan.pipelines)


# ------------------------------------------------------------ a broken invariant, reported
def old_rule(dataset: str, wide: frozenset[str]) -> bool:
    """The rule before the fix: markers were project-wide too (the bug, put back for the test)."""
    return dataset.split("@")[0] in wide or dataset.endswith("_done")


def clash_folder(root: Path) -> Path:
    for team in ("a", "b"):
        write_notebook(root / team / "notes.ipynb", ["# Handling JSON files", f"import sys\nprint({team!r}, file=sys.stderr)"])
    write_notebook(
        root / "good.ipynb", ["x = [1, 2]", "with open('out.txt', 'w') as f:\n    f.write(str(x))"]
    )
    return root


def test_a_broken_invariant_is_one_line_exit_2_and_nothing_written(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(source_to_pipeline, "shared", old_rule)
    result = CliRunner().invoke(
        app, ["convert", str(clash_folder(tmp_path / "in")), "-o", str(tmp_path / "out")]
    )
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.output, result.stderr
    assert re.match(
        r"error: a/notes.ipynb cell \w+; b/notes.ipynb cell \w+: internal error: ", lines[0]
    )
    assert "handling_json_files_done" in lines[0] and "report" in lines[0]
    assert not (tmp_path / "out").exists()


def test_keep_going_converts_the_sources_outside_the_clash(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(source_to_pipeline, "shared", old_rule)
    result = CliRunner().invoke(
        app,
        [
            "convert",
            str(clash_folder(tmp_path / "in")),
            "-o",
            str(tmp_path / "out"),
            "--keep-going",
        ],
    )
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if "[internal-error]" in line]
    assert [e.split(" cell ")[0] for e in errors] == ["a/notes.ipynb", "b/notes.ipynb"], (
        result.stderr
    )
    pipelines = tmp_path / "out" / "src" / "out" / "pipelines"
    assert sorted(p.name for p in pipelines.iterdir() if not p.name.startswith("__")) == ["good"]


def test_an_invariant_broken_inside_a_pipeline_names_its_steps_cells(tmp_path: Path) -> None:
    """Two steps of one pipeline producing one dataset: the error names both steps' cells."""
    cells = ["# One", "a = [1]", "# Two", "a.append(2)", "# Three", "c = len(a)"]
    write_notebook(tmp_path / "in" / "nb.ipynb", cells)
    the_plan = api.generate([tmp_path / "in"], tmp_path / "project").plan
    (pipeline,) = the_plan.pipelines
    first, middle, second, report = pipeline.steps
    broken = replace(pipeline, steps=(first, middle, replace(second, outputs=first.outputs), report))
    with pytest.raises(PlanInvariantError) as raised:
        invariants.check(replace(the_plan, pipelines=(broken,)))
    assert raised.value.places == (("nb.ipynb", first.cells[0]), ("nb.ipynb", second.cells[0]))
    assert first.outputs[0] in raised.value.names
    assert raised.value.line().startswith(f"nb.ipynb cell {first.cells[0]}; nb.ipynb cell ")
