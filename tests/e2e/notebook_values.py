"""Values side by side: what a notebook's cells compute (run top to bottom in one namespace, in a
copy of its folder) and what the datasets of its converted project hold after `kedro run`.

Cells must be plain Python (no magics): they run with `exec`, not in a kernel.
"""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Sequence
from contextlib import nullcontext
from keyword import iskeyword
from pathlib import Path
from typing import Any

from nb2pipe.api import generate
from nb2pipe.verify.compare import compare_values
from nb2pipe.verify.orchestrate import importable

from .helpers import converted_cells, explain, is_heading, run_tool


def notebook_values(folder: Path, cells: Sequence[str], scratch: Path) -> dict[str, Any]:
    """Run ``cells`` in a copy of ``folder`` (the notebook's working directory) and return the
    names they bound (modules and dunder names left out)."""
    import matplotlib

    matplotlib.use("Agg")
    work = scratch / "notebook_run"
    shutil.copytree(folder, work)
    namespace: dict[str, Any] = {"__name__": "__main__"}
    here = os.getcwd()
    os.chdir(work)
    try:
        for number, cell in enumerate(cells, 1):
            exec(compile(cell, f"<cell {number}>", "exec"), namespace)  # noqa: S102 - the test's own cells
    finally:
        os.chdir(here)
    return {k: v for k, v in namespace.items() if not k.startswith("__") and type(v).__name__ != "module"}


def pipeline_values(project: Path, notebooks: Path) -> dict[str, Any]:
    """After `kedro run`: each notebook variable a node hands on → the value in the dataset of
    its last version (read from the pickles under data/02_intermediate, or where the catalog
    puts it: models, features and predictions in their layer's folder)."""
    plan = generate([notebooks], project).plan
    declared = {e.name: e.filepath for e in plan.catalog if e.type == "pickle.PickleDataset"}
    found: dict[str, Any] = {}
    for pipeline in plan.pipelines:
        for step in pipeline.steps:
            for variable, dataset in zip(step.returns, step.outputs):
                pattern = f"data/02_intermediate/{pipeline.name}/{dataset}.pkl"
                path = project / declared.get(f"{pipeline.name}.{dataset}", pattern)
                # an ordering value is the literal True, no notebook variable
                if variable.isidentifier() and not iskeyword(variable) and path.exists():
                    with path.open("rb") as f:
                        found[variable] = pickle.load(f)  # noqa: S301 - files this test made
    return found


def convert_and_compare(tmp_path: Path, cells: Sequence[str], nb2pipe_bin: Path, kedro_bin: Path,
                        files: dict[str, str] | None = None, name: str = "nb",
                        by_identity: Sequence[str] = (), headings: bool = False,
                        project_classes: bool = False) -> tuple[dict, dict, str]:  # type: ignore[type-arg]
    """Write ``files`` next to the notebook, convert, `kedro run` (must succeed), and return the
    notebook's values, the pipeline's, and what nb2pipe said. Every value the pipeline holds
    must equal the notebook's (of the names the notebook binds), except ``by_identity``: values holding functions, which compare
    by identity (the test checks what they compute instead). With ``headings``, cells starting
    `# ` are markdown headings (`helpers.is_heading`: one section each); with
    ``project_classes``, values of the project's own classes are loaded with its modules
    importable."""
    (tmp_path / "nb").mkdir()
    for file, text in (files or {}).items():
        (tmp_path / "nb" / file).write_text(text)
    code = [c for c in cells if not (headings and is_heading(c))]
    expected = notebook_values(tmp_path / "nb", code, tmp_path)
    project, said = converted_cells(tmp_path, name, cells, nb2pipe_bin, headings=headings)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    with importable(project / "src") if project_classes else nullcontext():
        got = pipeline_values(project, tmp_path / "nb")
    for variable, value in got.items():
        if variable in by_identity or variable not in expected:  # (`np_random_state`: no variable)
            continue
        outcome = compare_values(expected[variable], value)
        assert outcome.status == "equal", f"{variable}: {outcome.detail}"
    return expected, got, said
