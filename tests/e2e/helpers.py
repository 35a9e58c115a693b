"""Helpers for the end-to-end tests: run notebooks with this interpreter, snapshot folders,
compare the files a generated Kedro project writes with the ones the notebooks wrote."""

from __future__ import annotations

import difflib
import hashlib
import os
import pickle
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import nbformat

from nb2pipe.verify import kernel

BIN = Path(sys.executable).parent
KERNEL_NAME = "nb2pipe-e2e-python"
SAMPLE_NOTEBOOKS = Path(__file__).resolve().parents[2] / "sample_notebooks"
SAMPLE_ORDER = ("01_ingest_clean.ipynb", "02_features.ipynb", "03_train_evaluate.ipynb")
IGNORED_PARTS = frozenset({".ipynb_checkpoints", "__pycache__", ".virtual_documents"})


# ------------------------------------------------------------------------------------ kernel
def write_kernelspec(base: Path, name: str = KERNEL_NAME) -> Path:
    """Write a kernelspec running ipykernel on *this* interpreter; returns the JUPYTER_PATH dir.

    Nothing user-level is touched or relied on: the spec lives under ``base``.
    """
    kernel.write_kernelspec(base, name)
    return base


@contextmanager
def jupyter_path(path: Path) -> Iterator[None]:
    """Put ``path`` first on JUPYTER_PATH while kernels are looked up and started."""
    saved = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(path), saved]))
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = saved


# ---------------------------------------------------------------------------------- snapshots
def snapshot(root: Path) -> dict[str, str]:
    """posix path relative to ``root`` → sha256 of every file below it."""
    result: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and not IGNORED_PARTS.intersection(rel.parts):
            result[rel.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def changed_files(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """Files created or modified between two snapshots."""
    return sorted(p for p, digest in after.items() if before.get(p) != digest)


# ---------------------------------------------------------------------------------- notebooks
@dataclass(frozen=True)
class NotebookRun:
    name: str
    #: Files the notebook created or changed, relative to the copied folder, posix.
    wrote: tuple[str, ...]
    #: Number of image/png outputs (displayed figures).
    figures: int
    seconds: float
    executed: nbformat.NotebookNode


def count_figures(nb: nbformat.NotebookNode) -> int:
    return sum(
        1
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    )


def run_notebooks(
    folder: Path, names: Sequence[str], kernel_dir: Path, timeout: int = 120
) -> list[NotebookRun]:
    """Execute ``names`` in order, each in its own kernel with ``folder`` as working directory."""
    from jupyter_client.kernelspec import KernelSpecManager
    from nbclient import NotebookClient

    # Figures must reach the notebook as image/png, whatever backend the test environment sets.
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    runs = []
    with jupyter_path(kernel_dir):
        argv = KernelSpecManager().get_kernel_spec(KERNEL_NAME).argv
        assert argv[0] == sys.executable, f"kernel would run {argv}, not {sys.executable}"
        for name in names:
            nb = nbformat.read(folder / name, as_version=4)
            before = snapshot(folder)
            start = time.perf_counter()
            client = NotebookClient(
                nb,
                kernel_name=KERNEL_NAME,
                timeout=timeout,
                resources={"metadata": {"path": str(folder)}},
            )
            client.execute(env=env)
            seconds = time.perf_counter() - start
            after = snapshot(folder)
            runs.append(
                NotebookRun(
                    name=name,
                    wrote=tuple(changed_files(before, after)),
                    figures=count_figures(nb),
                    seconds=seconds,
                    executed=nb,
                )
            )
    return runs


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(*IGNORED_PARTS))
    return dst


# -------------------------------------------------------------------------------- subprocesses
def run_tool(
    args: Sequence[str | Path], cwd: Path, timeout: int = 300
) -> subprocess.CompletedProcess:
    env = dict(os.environ, KEDRO_DISABLE_TELEMETRY="1", DO_NOT_TRACK="1", MPLBACKEND="Agg")
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def is_heading(cell: str) -> bool:
    """With ``headings``, a cell starting `# ` or `## ` is a markdown heading (a section)."""
    return cell.startswith(("# ", "## "))


def converted_cells(
    tmp_path: Path, name: str, cells: Sequence[str], nb2pipe_bin: Path, headings: bool = False
) -> tuple[Path, str]:
    """Write ``cells`` as the notebook ``<tmp>/nb/<name>.ipynb`` (with ``headings``, the cells
    `is_heading` says are markdown), convert that folder into ``<tmp>/project`` (the test fails
    if converting does): the project and what nb2pipe said."""
    (tmp_path / "nb").mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(c) if headings and is_heading(c)
                else nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, tmp_path / "nb" / f"{name}.ipynb")
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", tmp_path / "nb", "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    return project, converted.stdout + converted.stderr


def explain(proc: subprocess.CompletedProcess, limit: int = 6000) -> str:
    out = (proc.stdout or "")[-limit:]
    err = (proc.stderr or "")[-limit:]
    return f"exit code {proc.returncode}\n--- stdout (tail)\n{out}\n--- stderr (tail)\n{err}"


# -------------------------------------------------------------------------------- comparisons
def text_diff(expected: bytes, actual: bytes, name: str, max_lines: int = 60) -> str:
    """A readable unified diff of two byte strings (decoded leniently)."""

    def norm(data: bytes) -> bytes:
        return data.replace(b"\r\n", b"\n")

    if norm(expected) == norm(actual):
        crlf = expected.count(b"\r\n"), actual.count(b"\r\n")
        return (
            f"{name}: same text, different line endings "
            f"(CRLF line ends: {crlf[0]} in the notebook's file, {crlf[1]} in the project's)"
        )
    a = norm(expected).decode("utf-8", errors="replace").split("\n")
    b = norm(actual).decode("utf-8", errors="replace").split("\n")
    lines = list(
        difflib.unified_diff(
            a, b, fromfile=f"notebook: {name}", tofile=f"project: {name}", n=2, lineterm=""
        )
    )
    if not lines:  # pragma: no cover - norm() differs, so the split lines differ
        return f"{name}: {len(expected)} bytes in the notebook run, {len(actual)} in the project's"
    more = f"\n... {len(lines) - max_lines} more diff lines" if len(lines) > max_lines else ""
    return "\n".join(lines[:max_lines]) + more


def load_model(path: Path) -> object:
    """Load a joblib or plain pickle file."""
    import joblib

    try:
        return joblib.load(path)
    except Exception:  # noqa: BLE001 - fall back to plain pickle
        with path.open("rb") as f:
            return pickle.load(f)


def reporting_pngs(project: Path) -> list[str]:
    root = project / "data" / "08_reporting"
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.png"))
