"""End to end: the bundled sample notebooks, converted by nb2pipe, give the same results under
`kedro run` as the notebooks themselves.

The module-scoped ``sample_run`` fixture executes the three notebooks of ``sample_notebooks/``
(in a temporary copy, each from its own folder, with a kernel on this interpreter) and records
the files they wrote and the figures they displayed. The conversion test then converts a fresh
copy, runs the project, and compares every written file through the manifest's ``files`` map.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from .helpers import (
    SAMPLE_NOTEBOOKS,
    SAMPLE_ORDER,
    NotebookRun,
    copy_tree,
    explain,
    load_model,
    run_notebooks,
    run_tool,
    snapshot,
    text_diff,
)

#: Folders the sample notebooks write; removed from every copy so stale outputs of a run made
#: in place (they are git-ignored) never leak into the test.
SAMPLE_OUTPUT_DIRS = ("data/intermediate", "data/features", "data/models", "data/reporting")

#: What the sample notebooks write and show (also documented in sample_notebooks/README.md).
EXPECTED_WRITES = {
    "01_ingest_clean.ipynb": ("data/intermediate/clean.csv",),
    "02_features.ipynb": ("data/features/feature_list.json", "data/features/features.csv"),
    "03_train_evaluate.ipynb": ("data/models/model.joblib", "data/reporting/metrics.json"),
}
EXPECTED_FIGURES = {
    "01_ingest_clean.ipynb": 2,
    "02_features.ipynb": 1,
    "03_train_evaluate.ipynb": 2,
}

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TEXT_SUFFIXES = {".csv", ".json", ".txt", ".tsv", ".yml", ".yaml", ".md"}
MODEL_SUFFIXES = {".joblib", ".pkl", ".pickle"}


def fresh_copy(dst: Path) -> Path:
    """A copy of sample_notebooks/ as committed: notebooks, raw data, no outputs."""
    copy_tree(SAMPLE_NOTEBOOKS, dst)
    for rel in SAMPLE_OUTPUT_DIRS:
        shutil.rmtree(dst / rel, ignore_errors=True)
    return dst


@dataclass(frozen=True)
class SampleRun:
    folder: Path
    runs: tuple[NotebookRun, ...]

    @property
    def written(self) -> dict[str, str]:
        """Every file the notebooks wrote → the notebook that wrote it last."""
        return {path: run.name for run in self.runs for path in run.wrote}


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory, kernel_dir: Path) -> SampleRun:
    folder = fresh_copy(tmp_path_factory.mktemp("executed") / "sample_notebooks")
    runs = run_notebooks(folder, SAMPLE_ORDER, kernel_dir)
    return SampleRun(folder=folder, runs=tuple(runs))


# ------------------------------------------------------------------------------ the notebooks
@pytest.mark.e2e
def test_sample_notebooks_are_clean_nbformat_v4() -> None:
    for name in SAMPLE_ORDER:
        nb = nbformat.read(SAMPLE_NOTEBOOKS / name, as_version=nbformat.NO_CONVERT)
        nbformat.validate(nb)
        assert nb.nbformat == 4 and nb.nbformat_minor >= 5, name
        assert nb.metadata.kernelspec.name == "python3", name
        for cell in nb.cells:
            assert cell.get("id"), f"{name}: cell without id"
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, (
                    f"{name} cell {cell.id} has stored outputs: clear them before committing"
                )


@pytest.mark.e2e
def test_sample_notebooks_run_and_write_expected_files(sample_run: SampleRun) -> None:
    for run in sample_run.runs:
        errors = [
            output
            for cell in run.executed.cells
            if cell.cell_type == "code"
            for output in cell.outputs
            if output.output_type == "error"
        ]
        assert not errors, f"{run.name}: {errors}"
    assert {run.name: run.wrote for run in sample_run.runs} == EXPECTED_WRITES
    assert {run.name: run.figures for run in sample_run.runs} == EXPECTED_FIGURES
    assert sum(run.seconds for run in sample_run.runs) < 60


# ------------------------------------------------------------------------------ the conversion
@pytest.mark.e2e
def test_converted_sample_project_reproduces_notebook_outputs(
    sample_run: SampleRun, tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    source = fresh_copy(tmp_path / "sample_notebooks")
    before = snapshot(source)
    project = tmp_path / "project"

    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, "nb2pipe convert failed\n" + explain(converted)
    assert snapshot(source) == before, "nb2pipe convert changed the notebooks' folder"

    manifest_path = project / ".nb2pipe" / "manifest.json"
    assert manifest_path.is_file(), f"no {manifest_path}"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    mapping: dict[str, str] = manifest["files"]

    written = sample_run.written
    unmapped = sorted(set(written) - set(mapping))
    assert not unmapped, f"manifest 'files' lacks files the notebooks write: {unmapped}\n{mapping}"

    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, "kedro run failed\n" + explain(ran)

    problems = []
    for original in sorted(written):
        expected = sample_run.folder / original
        produced = project / mapping[original]
        if not produced.is_file():
            problems.append(f"{original}: the project did not write {mapping[original]}")
            continue
        problem = compare_outputs(original, expected, produced, sample_run.folder)
        if problem:
            problems.append(problem)
    assert not problems, "\n\n".join(problems)

    check_figures(project, sample_run)


def compare_outputs(original: str, expected: Path, produced: Path, executed: Path) -> str | None:
    """None if ``produced`` reproduces ``expected``, else a readable explanation."""
    suffix = expected.suffix.lower()
    if suffix in MODEL_SUFFIXES:
        return compare_models(original, expected, produced, executed)
    want, got = expected.read_bytes(), produced.read_bytes()
    if want == got:
        return None
    if suffix in TEXT_SUFFIXES:
        return f"{original} differs from {produced.name}:\n" + text_diff(want, got, original)
    return f"{original}: {len(want)} bytes in the notebook run, {len(got)} in the project's"


def compare_models(original: str, expected: Path, produced: Path, executed: Path) -> str | None:
    """Fitted models agree: same class, same predictions and probabilities, same importances."""
    import numpy as np
    import pandas as pd

    want, got = load_model(expected), load_model(produced)
    if type(want) is not type(got):
        return f"{original}: notebook saved {type(want).__name__}, project {type(got).__name__}"
    spec = json.loads((executed / "data/features/feature_list.json").read_text(encoding="utf-8"))
    X = pd.read_csv(executed / "data/features/features.csv")[spec["features"]]
    if not np.array_equal(want.predict(X), got.predict(X)):
        return f"{original}: the project's model predicts differently on features.csv"
    if hasattr(want, "predict_proba") and not np.allclose(
        want.predict_proba(X), got.predict_proba(X), rtol=1e-9, atol=0
    ):
        return f"{original}: the project's model gives different probabilities on features.csv"
    for attr in ("feature_importances_", "classes_", "n_features_in_"):
        if hasattr(want, attr) and not np.array_equal(
            np.asarray(getattr(want, attr)), np.asarray(getattr(got, attr))
        ):
            return f"{original}: fitted attribute {attr} differs"
    return None


# ---------------------------------------------------------------------------------- figures
def png_files(project: Path) -> list[str]:
    """Files under data/08_reporting that are PNG images (by content), relative, posix."""
    root = project / "data" / "08_reporting"
    if not root.is_dir():
        return []
    return sorted(
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.open("rb").read(8) == PNG_MAGIC
    )


def _key(name: str) -> str:
    """Letters only: '01_ingest_clean.ipynb' and pipeline 'ingest_clean' both give 'ingestclean'."""
    return re.sub(r"[^a-z]", "", name.removesuffix(".ipynb").lower())


def figures_per_notebook(project: Path, pngs: list[str], names: list[str]) -> dict[str, int] | None:
    """Attribute each PNG to the notebook whose pipeline (namespace) saved it, if that is clear.

    A PNG belongs to namespace ``ns`` when its first path component below data/08_reporting is
    ``ns`` or starts with ``ns.``, or when it lies under the filepath of a catalog entry named
    ``ns.<something>``. Returns None when some PNG cannot be attributed to exactly one notebook.
    """
    pipelines = [p.name for p in project.glob("src/*/pipelines/*") if p.is_dir()]
    namespace = {}
    for name in names:
        matches = [p for p in pipelines if _key(p) == _key(name)]
        if len(matches) != 1:
            return None
        namespace[name] = matches[0]

    owners: dict[str, set[str]] = {png: set() for png in pngs}
    catalog = project / "conf" / "base" / "catalog.yml"
    entries = {}
    if catalog.is_file():
        import yaml

        entries = yaml.safe_load(catalog.read_text(encoding="utf-8")) or {}
    for name, ns in namespace.items():
        prefixes = []
        for entry, conf in entries.items():
            path = str(conf.get("filepath", "")) if isinstance(conf, dict) else ""
            if entry.startswith(ns + ".") and path.startswith("data/08_reporting/"):
                prefixes.append(path.removeprefix("data/08_reporting/"))
        for png in pngs:
            first = png.split("/", 1)[0]
            if first == ns or first.startswith(ns + "."):
                owners[png].add(name)
            elif any(png == p or png.startswith(p.rstrip("/") + "/") for p in prefixes):
                owners[png].add(name)
    if any(len(o) != 1 for o in owners.values()):
        return None
    counts = dict.fromkeys(names, 0)
    for o in owners.values():
        counts[o.pop()] += 1
    return counts


def check_figures(project: Path, sample_run: SampleRun) -> None:
    pngs = png_files(project)
    shown = {run.name: run.figures for run in sample_run.runs}
    assert len(pngs) >= sum(shown.values()), (
        f"the notebooks displayed {sum(shown.values())} figures ({shown}), but "
        f"data/08_reporting holds {len(pngs)} PNG files: {pngs}"
    )
    per_notebook = figures_per_notebook(project, pngs, list(shown))
    if per_notebook is not None:
        short = {n: (per_notebook[n], shown[n]) for n in shown if per_notebook[n] < shown[n]}
        assert not short, f"PNG files saved vs figures shown, per notebook: {short}\n{pngs}"


# ----------------------------------------------------------------------- conversion is static
@pytest.mark.e2e
def test_convert_does_not_execute_notebook_code(tmp_path: Path, nb2pipe_bin: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Side effects"),
        nbformat.v4.new_code_cell('open("side_effect.txt", "w").write("x")'),
        nbformat.v4.new_code_cell('with open("side_effect_2.txt", "w") as f:\n    f.write("y")'),
    ]
    nbformat.write(nb, source / "side_effects.ipynb")
    workdir = tmp_path / "cwd"
    workdir.mkdir()

    proc = run_tool([nb2pipe_bin, "convert", source, "-o", tmp_path / "project"], cwd=workdir)

    created = sorted(str(p) for p in tmp_path.rglob("side_effect*.txt") if p.is_file())
    assert not created, f"nb2pipe convert ran notebook code: {created}\n" + explain(proc)
    assert proc.returncode == 0, "nb2pipe convert failed\n" + explain(proc)
