"""Execute one original notebook with nbclient, capturing dataset values, files and figures.

The notebook runs in a temporary copy of the conversion root (the caller makes the copy), with
its own folder as working directory (or the one its driver script gives it), on a kernel for the
running interpreter (`kernel`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from ..model import Cell, Source
from .capture import NO_STATES, Instrumented, instrument
from .driven import run_folder
from .kernel import KERNEL_NAME, kernel_env, kernel_manager
from .model import Captured, NotebookRun, Point

#: Output mime types that count as one displayed figure.
FIGURE_MIMES = ("image/png", "image/jpeg", "image/svg+xml", "application/vnd.plotly.v1+json")
#: An output that also carries one of these is a value's rendering, not a figure: sympy's
#: `init_printing()` shows each expression as LaTeX and as a PNG of that LaTeX.
RENDERING_MIMES = ("text/latex",)
#: The text of an output showing an image object rather than a drawing: `Image("diagram.png")`
#: shows a file as it is, a report item (nb2pipe converts it as a display, nothing draws it).
SHOWN_IMAGE_TEXTS = ("<IPython.core.display.Image object>",)
#: ``%matplotlib <backend>`` lines; backends other than these show widgets or windows, not images.
BACKEND_MAGIC = re.compile(r"^\s*%matplotlib(?:[ \t]+(\S+))?", re.MULTILINE)
IMAGE_BACKENDS = frozenset({"", "inline"})
#: The backend word of one ``%matplotlib`` line (its indentation kept).
BACKEND_LINE = re.compile(r"^([ \t]*)%matplotlib[ \t]+(\S+)", re.MULTILINE)
#: Folders never listed when looking for written files.
IGNORED_DIRS = frozenset({".ipynb_checkpoints", "__pycache__", ".git"})

Listing = dict[str, tuple[int, int]]


def run_notebook(
    source: Source,
    points: Mapping[Point, Sequence[str]],
    root: Path,
    captures: Path,
    kernels: Path,
    timeout: int,
    states: Mapping[str, tuple[str, str]] = NO_STATES,
) -> NotebookRun:
    """Run the copy of ``source`` under ``root``; pickle the values at ``points`` to ``captures``.

    Args:
        source: the notebook as read by nb2pipe; its cells are what runs.
        points: capture point → names to capture there (from the plan's steps).
        root: the temporary copy of the conversion root.
        captures: an empty folder for the pickles.
        kernels: folder holding the kernelspec (`kernel.write_kernelspec`).
        timeout: seconds each cell may take.
        states: values held by modules rather than variables (`capture.capture_statement`).
    """
    captures.mkdir(parents=True, exist_ok=True)
    plan = instrument(inline_cells(source), points, str(captures), states)
    notebook = to_notebook(plan)
    cwd = run_folder(root, source)
    before = listing(root)
    error = execute(notebook, cwd, kernels, timeout, captures / "kernel.log")
    if error:
        error = f"{failed_cell(source, plan, notebook)}: {error}"
    written = written_files(before, listing(root))
    return NotebookRun(
        source=str(source.path),
        captures=read_captures(plan, captures),
        figures=figures_by_cell(plan, notebook),
        files={rel: str(root / rel) for rel in written},
        seconds=cell_seconds(plan, notebook),
        error=error,
        notes=plan.notes,
        backend=interactive_backend(source),
    )


def interactive_backend(source: Source) -> str:
    """The last non-image backend a ``%matplotlib`` magic selects ("" if none)."""
    chosen = ""
    for cell in source.cells:
        if cell.kind == "code":
            for match in BACKEND_MAGIC.finditer(cell.source):
                chosen = match.group(1) or ""
    return "" if chosen in IMAGE_BACKENDS else chosen


def inline_cells(source: Source) -> tuple[Cell, ...]:
    """The cells, with ``%matplotlib <interactive backend>`` run as ``%matplotlib inline``: the
    pipeline shows figures as the inline backend does, and widgets cannot be counted, so the
    notebook's figures are counted as images and compared (missing and extra ones alike)."""

    def inline(match: re.Match[str]) -> str:
        if match.group(2) in IMAGE_BACKENDS:
            return match.group(0)
        return f"{match.group(1)}%matplotlib inline"

    return tuple(replace(c, source=BACKEND_LINE.sub(inline, c.source)) if c.kind == "code" else c
                 for c in source.cells)


def to_notebook(plan: Instrumented) -> Any:
    """An nbformat v4 notebook of the instrumented cells, set to run on our kernel."""
    import nbformat

    makers: dict[str, Any] = {
        "code": nbformat.v4.new_code_cell,
        "markdown": nbformat.v4.new_markdown_cell,
        "raw": nbformat.v4.new_raw_cell,
    }
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [makers[cell.kind](cell.source) for cell in plan.cells]
    notebook.metadata["kernelspec"] = {
        "name": KERNEL_NAME,
        "language": "python",
        "display_name": KERNEL_NAME,
    }
    return notebook


def execute(notebook: Any, cwd: Path, kernels: Path, timeout: int, log: Path | None = None) -> str:
    """Run every cell; returns "" or why execution stopped. Outputs are stored in ``notebook``.

    The kernel process's own stdout/stderr (its log, C-level prints) go to ``log``, not to ours.
    """
    from nbclient import NotebookClient

    client = NotebookClient(
        notebook,
        km=kernel_manager(kernels),
        timeout=timeout,
        allow_errors=False,
        record_timing=True,
        resources={"metadata": {"path": str(cwd)}},
    )
    with open(log or os.devnull, "ab") as stream:
        return _execute(client, stream, timeout)


def _execute(client: Any, log: Any, timeout: int) -> str:
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    try:  # we own the kernel manager, so we must ask for the kernel to be shut down
        client.execute(env=kernel_env(), cleanup_kc=True, stdout=log, stderr=log)
    except CellExecutionError as failure:
        return f"{failure.ename}: {failure.evalue}".strip()
    except CellTimeoutError:
        return f"a cell ran longer than the timeout ({timeout} s)"
    except DeadKernelError as failure:
        return f"the kernel died: {failure}"
    except (RuntimeError, TimeoutError) as failure:  # the kernel did not start
        return f"the kernel failed: {failure}"
    return ""


def failed_cell(source: Source, plan: Instrumented, notebook: Any) -> str:
    """The ``cell <ref>`` of the first cell whose outputs hold an error, for messages."""
    for run_cell, cell in zip(plan.cells, notebook.cells, strict=True):
        outputs = cell.get("outputs", [])
        if any(out.get("output_type") == "error" for out in outputs):
            return f"cell {source.cells[run_cell.origin].ref}"
    return "notebook"


def listing(root: Path) -> Listing:
    """Every file under ``root``: posix path relative to it → (size, mtime in ns)."""
    found: Listing = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in IGNORED_DIRS)
        for name in files:
            path = Path(folder, name)
            stat = path.stat()
            found[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


def written_files(before: Listing, after: Listing) -> tuple[str, ...]:
    """Files that are new, or whose size or modification time changed."""
    return tuple(sorted(path for path, stat in after.items() if before.get(path) != stat))


def read_captures(plan: Instrumented, folder: Path) -> dict[tuple[Point, str], Captured]:
    """What the capture code saved; points the run never reached are absent."""
    captured: dict[tuple[Point, str], Captured] = {}
    for key, (point, _names) in plan.keys.items():
        status_file = folder / f"{key}.json"
        if not status_file.exists():
            continue
        for name, entry in json.loads(status_file.read_text(encoding="utf-8")).items():
            captured[(point, name)] = Captured(
                status=entry["status"], path=entry.get("path"), type=entry.get("type", "")
            )
    return captured


def figures_by_cell(plan: Instrumented, notebook: Any) -> dict[int, int]:
    """Original cell index → figures it displayed (capture cells excluded)."""
    counts: dict[int, int] = {}
    for run_cell, cell in zip(plan.cells, notebook.cells, strict=True):
        if run_cell.capture or cell.cell_type != "code":
            continue
        shown = sum(1 for out in cell.outputs if is_figure(out.get("data", {})))
        counts[run_cell.origin] = counts.get(run_cell.origin, 0) + shown
    return counts


def is_figure(data: Mapping[str, Any]) -> bool:
    """An output's data is a displayed figure (not a value rendered as an image too, nor an
    image object shown as it is)."""
    text = data.get("text/plain", "")
    shown_image = isinstance(text, str) and text.startswith(SHOWN_IMAGE_TEXTS)
    return (any(m in data for m in FIGURE_MIMES) and not any(m in data for m in RENDERING_MIMES)
            and not shown_image)


def cell_seconds(plan: Instrumented, notebook: Any) -> float:
    """Seconds the notebook's own cells took, from nbclient's timing metadata."""
    total = 0.0
    for run_cell, cell in zip(plan.cells, notebook.cells, strict=True):
        timing = cell.get("metadata", {}).get("execution", {})
        start, end = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if run_cell.capture or not start or not end:
            continue
        total += (_timestamp(end) - _timestamp(start)).total_seconds()
    return total


def _timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
