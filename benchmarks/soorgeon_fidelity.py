"""soorgeon next to nb2pipe on the same notebooks: does the refactored pipeline reproduce them?

Usage:
    python benchmarks/soorgeon_fidelity.py [CORPUS_DIR] [--only NAME] [--timeout 600]
        [--soorgeon /tmp/soorgeon-venv/bin/soorgeon] [--json results.json] [--from-json FILE]
        [--doc docs/fidelity.md] [--no-nb2pipe]

For each notebook of the corpus, each in its own subprocess (a crash or hang is a result):

1. **soorgeon**, in a temporary copy of the notebook's folder: `soorgeon refactor <nb>` (success,
   or the first line of its error), then `ploomber build` (success or the failing task and its
   exception, wall time). Both run from soorgeon's own venv (`--soorgeon`, `$SOORGEON`, else
   `/tmp/soorgeon-venv/bin/soorgeon`), with `PLOOMBER_STATS_ENABLED=false` and without
   `MPLBACKEND` (figures must be shown, as in the notebook).
2. **The original notebook**, twice, each time in another fresh copy of the folder, with nbclient
   on a kernel of soorgeon's venv (the interpreter ploomber's tasks run on), through
   `nb2pipe.verify.notebook_run.run_notebook`: files written, figures displayed per cell, and the
   value of every variable soorgeon pickles as a product (`output/<task>-<var>.pkl`), captured
   where soorgeon's task ends (after the last code cell of the H2 section, soorgeon's own split).
3. **Compared** with nb2pipe verify's rules (`nb2pipe.verify.compare.compare_values`,
   `nb2pipe.verify.files.compare_files`; parts that differ between the two notebook runs are
   "not reproducible", never held against the pipeline):
   * files: each file the notebook writes vs the same path after `ploomber build` (tasks run in
     the project folder, as the notebook ran in its own);
   * figures: per task, images displayed by the section's cells in the notebook vs images in the
     executed task notebook (`output/<task>.ipynb`) ploomber keeps;
   * products: each pickled product vs the notebook's variable at the end of the section.
4. **nb2pipe** on the same notebook: `benchmarks/fidelity.py`'s child (`nb2pipe verify`, a fresh
   copy of the folder); its rows are split by kind (value / file / figures) so that the
   file-and-figure verdict is on the same terms as soorgeon's.

Verdicts: *verified (files + figures)*: everything ran (refactor/conversion, build/run, the
notebook) and no file or figure row is "different"; *verified (all)*: also no product / dataset
value is "different" (nb2pipe: `nb2pipe verify`'s own verdict). "not compared" and "not
reproducible" rows do not fail a notebook, as in nb2pipe verify.

Other engineers may be editing nb2pipe/ in this checkout while it runs: to measure one commit,
run nb2pipe from a snapshot (the children inherit PYTHONPATH; soorgeon's tools do not):

    git archive --prefix=nb2pipe-head/ HEAD | tar -x -C /tmp
    git rev-parse HEAD > /tmp/nb2pipe-head/.commit
    PYTHONPATH=/tmp/nb2pipe-head python benchmarks/soorgeon_fidelity.py --doc docs/fidelity.md

With `--doc`, the report replaces the part of the file between `<!-- soorgeon_fidelity:begin -->`
and `<!-- soorgeon_fidelity:end -->` (appended when absent; the rest of the file is kept, and
`benchmarks/fidelity.py --markdown` keeps this part when it rewrites the file).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "public" / "notebooks"
DEFAULT_SOORGEON = "/tmp/soorgeon-venv/bin/soorgeon"
BEGIN, END = "<!-- soorgeon_fidelity:begin -->", "<!-- soorgeon_fidelity:end -->"
STATUSES = ("equal", "different", "not compared", "not reproducible")
#: Environment variables dropped for soorgeon / ploomber (MPLBACKEND=Agg would hide figures).
DROPPED_ENV = ("MPLBACKEND", "PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
#: Capture after the last line of a cell (any line number past the end means "end of cell").
END_OF_CELL = 10**9
#: soorgeon's H2 detector (`soorgeon.split._get_h2_header`), applied to markdown cells.
H2 = re.compile(r"^\s*##\s+(.+)")

sys.path.insert(0, str(HERE))


# ------------------------------------------------------------------------------ commands
def tool_env(venv_bin: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    env.update(
        PLOOMBER_STATS_ENABLED="false",
        PLOOMBER_VERSION_CHECK_DISABLED="true",
        PYTHONWARNINGS="ignore",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    env["PATH"] = f"{venv_bin}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_command(
    command: list[str], cwd: Path, env: dict[str, str], timeout: float
) -> dict[str, Any]:
    """Run ``command`` in its own process group; the group is killed when it overruns."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        errors="replace",
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        timed_out = True
    return {
        "rc": process.returncode,
        "seconds": round(time.perf_counter() - started, 1),
        "stdout": out,
        "stderr": err,
        "timed_out": timed_out,
    }


def copy_folder(source: Path, target: Path) -> None:
    """A writable copy (the corpus is read-only and copytree copies permissions)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    for folder, dirs, files in os.walk(target):
        for name in [*dirs, *files]:
            path = Path(folder, name)
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    target.chmod(target.stat().st_mode | stat.S_IWUSR)


# ---------------------------------------------------------------------- failure reasons
def refactor_reason(stdout: str, stderr: str) -> str:
    """soorgeon's message: the text after its last ``Error:`` (its "Error details" when given),
    first line plus the line that names the culprit."""
    text = stderr if "Error:" in stderr else stdout + stderr
    message = text.rsplit("Error: ", 1)[-1] if "Error: " in text else text
    if "Error details:" in message:
        message = message.split("Error details:", 1)[1]
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if not lines:
        return "failed without output"
    first, rest = lines[0].strip('"'), lines[1:]
    culprit = next((line for line in rest if line.startswith(("* ", "from ", "import ", ":"))), "")
    if not culprit and first.endswith(":") and rest and not rest[0].startswith("http"):
        culprit = rest[0]
    return f"{first} {culprit}".strip()[:300]


#: (cause, short label, pattern) for grouping soorgeon's refactor failures; the first match wins.
CAUSES = (
    (
        "no H2 headings (soorgeon splits tasks at `## ` headings only)",
        "no H2 heading",
        r"only H2 headings are supported|at least one markdown H2 heading",
    ),
    ("star import refused", "star import", r"Star imports are not supported"),
    (
        "a function reads global variables (refused)",
        "function reads globals",
        r"functions are using global variables|Function '",
    ),
    ("pyflakes: undefined name (IPython's `display` builtin)", "undefined name", r"undefined name"),
    (
        "soorgeon crash in its lambda parser (`too many values to unpack`)",
        "soorgeon crash",
        r"too many values to unpack",
    ),
    (
        "name analysis: a variable used in a section is not found in an earlier one (the name it "
        "reports changes from run to run)",
        "name analysis",
        r"could not find an earlier section",
    ),
    ("invalid syntax", "invalid syntax", r"invalid syntax"),
)


#: (pattern, mechanism) for `ploomber build` failures, checked by reading the generated tasks.
BUILD_CAUSES = (
    (
        r"static check failed: .*undefined name",
        "ploomber's static check of the task: soorgeon did not pass this name in from an "
        "earlier task",
    ),
    (
        r"NameError: name '\w+' is not defined",
        "a name the code needs is not defined where soorgeon put it: not passed in from an earlier "
        "task, or used by a class or function soorgeon moved to `exported.py` (its global-variable "
        "check covers function bodies, not class bodies)",
    ),
    (
        r"has no attribute",
        "soorgeon keeps in each task only the imports whose names it uses: an import needed "
        "for its "
        "side effect (pingouin adding `DataFrame.rcorr`) is dropped",
    ),
)


def build_cause(reason: str) -> str:
    return next((why for pattern, why in BUILD_CAUSES if re.search(pattern, reason)), "")


def cause_of(reason: str, short: bool = False) -> str:
    for cause, label, pattern in CAUSES:
        if re.search(pattern, reason, re.IGNORECASE):
            return label if short else cause
    return "other" if short else "other: " + reason[:80]


def build_reason(stdout: str, stderr: str) -> tuple[str, list[str]]:
    """(first failing task and why, names of the failed tasks) from ploomber's report.

    ploomber prints a "DAG build failed" block: per failed task a ``- NotebookRunner: <task> ->``
    line, then the cell's traceback (its last ``SomeError: ...`` line is the cause) or the
    static-analysis message ("An error happened when checking the source code." + the problem).
    """
    text = stdout + "\n" + stderr
    block = text.split("DAG build failed", 1)[1] if "DAG build failed" in text else text
    block = block.split("Summary (", 1)[0]
    parts = re.split(r"^- NotebookRunner: (\S+) -> .*$", block, flags=re.MULTILINE)
    failed = parts[1::2]
    first = parts[2] if len(parts) > 2 else block
    causes = [
        m
        for m in re.finditer(
            r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit)): (.+)$", first, re.MULTILINE
        )
        if not m.group(1).startswith("ploomber.")
    ]
    lines = [
        line.strip()
        for line in first.splitlines()
        if line.strip() and not line.startswith(("-" * 10, "- /"))
    ]
    if causes:
        why = f"{causes[-1].group(1)}: {causes[-1].group(2).strip()}"
    elif any("checking the source code" in line for line in lines):
        at = next(i for i, line in enumerate(lines) if "checking the source code" in line)
        why = "static check failed: " + (lines[at + 1] if at + 1 < len(lines) else "")
    else:
        why = lines[-1] if lines else "failed without output"
    where = f"task {failed[0]}: " if failed else ""
    return (where + why)[:300], failed


# ------------------------------------------------------------------------ soorgeon's split
def sections(cells: list[Any]) -> list[tuple[str, range]]:
    """soorgeon's tasks: (name, cell range) split at markdown cells holding an H2 heading; the
    first task starts at cell 0 (`soorgeon.split.split_with_breaks`)."""
    breaks = [c.index for c in cells if c.kind == "markdown" and h2_name(c.source)]
    if not breaks:
        return []
    names = [h2_name(cells[i].source) for i in breaks]
    bounds = [0, *breaks[1:], len(cells)]
    return [(name, range(a, b)) for name, a, b in zip(names, bounds, bounds[1:], strict=False)]


def h2_name(markdown: str) -> str:
    """`soorgeon.split._get_h2_header` + `_sanitize_name` ("" when the cell has no H2)."""
    for line in markdown.splitlines():
        match = H2.search(line)
        if match:
            name = re.sub("[^0-9a-zA-Z]+", "-", match.group(1).lower())
            return "section-" + name if name[0].isdigit() else name
    return ""


def read_tasks(project: Path) -> list[dict[str, Any]]:
    """pipeline.yaml → [{name, notebook (executed copy), products {variable: path}}]."""
    import yaml

    spec = yaml.safe_load((project / "pipeline.yaml").read_text(encoding="utf-8"))
    tasks = []
    for task in spec.get("tasks", []):
        product = task.get("product", {})
        if isinstance(product, str):
            product = {"nb": product}
        tasks.append(
            {
                "name": Path(task["source"]).stem,
                "notebook": product.get("nb", ""),
                "products": {k: v for k, v in product.items() if k != "nb"},
            }
        )
    return tasks


# -------------------------------------------------------------------------- one notebook
def write_kernelspec(folder: Path, python: Path) -> Path:
    """A kernelspec named like nb2pipe verify's, but for soorgeon's interpreter."""
    from nb2pipe.verify.kernel import KERNEL_NAME

    spec_dir = folder / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"Python ({python})",
        "language": "python",
        "metadata": {"debugger": False},
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec), encoding="utf-8")
    return folder / "kernels"


def figures_in(executed: Path) -> int | None:
    """Images in the outputs of an executed task notebook (None if it is not there)."""
    from nb2pipe.verify.notebook_run import FIGURE_MIMES

    if not executed.is_file():
        return None
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    return sum(
        1
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "code"
        for out in cell.get("outputs", [])
        if any(m in out.get("data", {}) for m in FIGURE_MIMES)
    )


def load_product(path: Path) -> tuple[Any, str]:
    import pickle

    try:
        if path.suffix == ".parquet":
            import pandas  # type: ignore[import-untyped]

            return pandas.read_parquet(path), ""
        if path.suffix == ".csv":
            import pandas  # type: ignore[import-untyped]

            return pandas.read_csv(path), ""
        with path.open("rb") as stream:
            return pickle.load(stream), ""  # noqa: S301 - a pickle this run just wrote
    except Exception as error:  # noqa: BLE001
        return None, f"cannot load: {type(error).__name__}: {str(error)[:120]}"


def soorgeon_one(notebook: Path, soorgeon: Path, timeout: int) -> dict[str, Any]:
    """Refactor, build, run the original twice, compare (runs inside the child process)."""
    from nb2pipe.readers.notebook import read_notebook
    from nb2pipe.verify.compare import compare_values, unstable_paths
    from nb2pipe.verify.files import compare_files
    from nb2pipe.verify.notebook_run import listing, run_notebook, written_files
    from nb2pipe.verify.results import load

    venv_bin = soorgeon.parent
    env = tool_env(venv_bin)
    result: dict[str, Any] = {"notebook": notebook.name, "rows": [], "errors": []}
    source = read_notebook(notebook, PurePosixPath(notebook.name))
    split = sections(list(source.cells))
    with tempfile.TemporaryDirectory(prefix="soorgeon-fidelity-") as tmp:
        work = Path(tmp)
        project = work / "soorgeon"
        copy_folder(notebook.parent, project)
        refactor = run_command([str(soorgeon), "refactor", notebook.name], project, env, 120)
        ok = refactor["rc"] == 0 and not refactor["timed_out"]
        reason = (
            ""
            if ok
            else (
                "timed out after 120 s"
                if refactor["timed_out"]
                else refactor_reason(refactor["stdout"], refactor["stderr"])
            )
        )
        result["refactor"] = {"ok": ok, "seconds": refactor["seconds"], "reason": reason}
        tasks: list[dict[str, Any]] = []
        written: tuple[str, ...] = ()
        if ok:
            tasks = read_tasks(project)
            result["tasks"] = len(tasks)
            if [t["name"] for t in tasks] != [name for name, _ in split]:
                result["errors"].append(
                    "soorgeon's tasks do not match its H2 sections here; products not compared"
                )
            before = listing(project)
            build = run_command([str(venv_bin / "ploomber"), "build"], project, env, timeout)
            built = build["rc"] == 0 and not build["timed_out"]
            failed: list[str] = []
            if build["timed_out"]:
                why, failed = f"timed out after {timeout} s", []
            else:
                why, failed = ("", []) if built else build_reason(build["stdout"], build["stderr"])
            result["build"] = {
                "ok": built,
                "seconds": build["seconds"],
                "reason": why,
                "failed_tasks": failed,
            }
            written = written_files(before, listing(project))
        # the original, twice (nb2pipe verify's default), on soorgeon's interpreter
        kernels = write_kernelspec(work, venv_bin / "python")
        split_ok = bool(tasks) and [t["name"] for t in tasks] == [n for n, _ in split]
        points: dict[tuple[int, int], list[str]] = {}
        ends: dict[str, tuple[int, int]] = {}
        if split_ok:
            for task, (_name, cells) in zip(tasks, split, strict=True):
                code = [i for i in cells if source.cells[i].kind == "code"]
                if task["products"] and code:
                    ends[task["name"]] = (code[-1], END_OF_CELL)
                    points.setdefault(ends[task["name"]], []).extend(task["products"])
        runs = []
        for attempt in (1, 2) if ok else (1,):
            root = work / f"original{attempt}"
            copy_folder(notebook.parent, root)
            run = run_notebook(source, points, root, work / f"captures{attempt}", kernels, timeout)
            runs.append(run)
        first = runs[0]
        result["notebook_seconds"] = round(first.seconds, 1)
        result["figures_notebook"] = sum(first.figures.values())
        result["files_notebook"] = len(first.files)
        if first.error:
            result["errors"].append(f"notebook: {first.error[:200]}")
        if not ok:
            return result
        rows: list[dict[str, str]] = result["rows"]
        built = result["build"]["ok"]
        # files the notebook wrote vs the same paths after the build
        for rel in sorted(first.files):
            if rel in written:
                outcome = compare_files(Path(first.files[rel]), project / rel)
                status, detail = outcome.status, outcome.detail
                if len(runs) > 1 and rel in runs[1].files:
                    again = compare_files(Path(first.files[rel]), Path(runs[1].files[rel]))
                    if again.status == "different":
                        status, detail = (
                            "not reproducible",
                            f"two notebook runs differ: {again.detail}",
                        )
            elif built:
                status, detail = "different", "ploomber build did not write it"
            else:
                status, detail = "not compared", "the build stopped before writing it"
            rows.append({"kind": "file", "name": rel, "status": status, "detail": detail})
        # figures per task
        figures_pipeline = 0
        for index, task in enumerate(tasks):
            shown_by = (
                [
                    sum(run.figures.get(i, 0) for i in split[index][1])
                    for run in runs
                    if not run.error
                ]
                if split_ok
                else []
            )
            executed = figures_in(project / task["notebook"]) if task["notebook"] else None
            figures_pipeline += executed or 0
            if not split_ok:
                status, detail = "not compared", "tasks do not match the H2 sections"
            elif first.backend:
                status, detail = "not compared", f"%matplotlib {first.backend}: widgets, not images"
            elif executed is None:
                status, detail = "not compared", "the task did not run"
            elif task["name"] in result["build"]["failed_tasks"]:
                status, detail = "not compared", f"the task failed ({executed} figure(s) before)"
            elif not shown_by:
                status, detail = "not compared", "the notebook did not run to the end"
            elif len(set(shown_by)) > 1:
                status, detail = "not reproducible", f"two notebook runs showed {shown_by} figures"
            elif shown_by[0] != executed:
                status, detail = "different", f"cells showed {shown_by[0]}, task showed {executed}"
            else:
                status, detail = "equal", f"{executed} figure(s)"
            rows.append(
                {"kind": "figures", "name": task["name"], "status": status, "detail": detail}
            )
        result["figures_pipeline"] = figures_pipeline
        # products vs the notebook's variables where the section ends
        for task in tasks:
            for variable, product in task["products"].items():
                name = f"{task['name']}.{variable}"
                point = ends.get(task["name"])
                captured = first.captures.get((point, variable)) if point else None
                path = project / product
                if captured is None:
                    status, detail = (
                        "not compared",
                        "no capture point (the notebook stopped before)",
                    )
                elif not path.is_file():
                    status, detail = "not compared", "the pipeline did not produce it"
                else:
                    ours, problem = load(captured)
                    theirs, problem2 = load_product(path)
                    if problem or problem2:
                        status, detail = "not compared", problem or problem2
                    else:
                        unstable: frozenset[str] = frozenset()
                        second = (
                            runs[1].captures.get((point, variable))
                            if point and len(runs) > 1
                            else None
                        )
                        if second is not None:
                            other, issue = load(second)
                            unstable = frozenset() if issue else unstable_paths(ours, other)
                        outcome = compare_values(ours, theirs, unstable)
                        status, detail = outcome.status, outcome.detail
                        if unstable and status == "equal":
                            status, detail = "not reproducible", "two notebook runs differ"
                rows.append(
                    {"kind": "value", "name": name, "status": status, "detail": detail[:200]}
                )
    return result


def run_child(notebook: Path, soorgeon: Path, timeout: int) -> dict[str, Any]:
    """`soorgeon_one` in a subprocess (own process group); a crash or hang becomes a result."""
    command = [
        sys.executable,
        __file__,
        "--child",
        str(notebook),
        "--timeout",
        str(timeout),
        "--soorgeon",
        str(soorgeon),
    ]
    budget = 120 + timeout * 4  # refactor, build, two notebook runs, comparisons
    done = run_command(command, REPO, dict(os.environ), budget)
    lines = [line for line in done["stdout"].splitlines() if line.startswith("{")]
    if done["timed_out"]:
        return {"notebook": notebook.name, "crashed": f"stopped after {budget} s"}
    if done["rc"] != 0 or not lines:
        reason = (done["stderr"].strip().splitlines() or ["no output"])[-1][:300]
        return {"notebook": notebook.name, "crashed": reason}
    return json.loads(lines[-1])  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------ verdicts
def count(rows: list[dict[str, Any]], kinds: tuple[str, ...]) -> Counter[str]:
    return Counter(r["status"] for r in rows if r["kind"] in kinds)


def soorgeon_summary(result: dict[str, Any]) -> dict[str, Any]:
    refactor = result.get("refactor", {})
    build = result.get("build", {})
    rows = result.get("rows", [])
    ran = (
        not result.get("crashed")
        and refactor.get("ok")
        and build.get("ok")
        and not result.get("errors")
    )
    files, figures, values = (count(rows, (k,)) for k in ("file", "figures", "value"))
    ff_ok = bool(ran) and not files["different"] and not figures["different"]
    return {
        "refactor": refactor.get("ok", False),
        "build": build.get("ok") if refactor.get("ok") else None,
        "build_seconds": build.get("seconds"),
        "files": files,
        "figures_rows": figures,
        "values": values,
        "figures": (result.get("figures_notebook"), result.get("figures_pipeline")),
        "files_ff_ok": ff_ok,
        "all_ok": ff_ok and not values["different"],
    }


def nb2pipe_summary(result: dict[str, Any] | None) -> dict[str, Any] | None:
    if result is None:
        return None
    rows: list[dict[str, Any]] = []
    errors: list[str] = list(result.get("errors", []) or [])
    figures = [0, 0]
    for entry in result.get("notebooks", []) or []:
        rows += [{"kind": r["kind"], "status": r["status"]} for r in entry["results"]]
        errors += entry["errors"]
        figures[0] += entry["figures_notebook"]
        figures[1] += entry["figures_pipeline"]
    converted = bool(result.get("converted"))
    files, figs, values = (count(rows, (k,)) for k in ("file", "figures", "value"))
    ff_ok = converted and not errors and not files["different"] and not figs["different"]
    return {
        "converted": converted,
        "files": files,
        "figures_rows": figs,
        "values": values,
        "figures": tuple(figures),
        "errors": errors,
        "files_ff_ok": ff_ok,
        "all_ok": bool(result.get("ok")) and converted,
        "reason": "" if converted else str(result.get("reason", "")),
    }


# ------------------------------------------------------------------------------ report
def yes(flag: Any) -> str:
    return "yes" if flag else "no"


def eq_of(counter: Counter[str]) -> str:
    total = sum(counter.values())
    return f"{counter['equal']} / {total}" if total else "—"


def four(counter: Counter[str]) -> str:
    return " / ".join(str(counter[s]) for s in STATUSES) if sum(counter.values()) else "—"


def sum_counter(
    items: list[dict[str, Any]] | list[dict[str, Any] | None], key: str
) -> Counter[str]:
    total: Counter[str] = Counter()
    for item in items:
        if item:
            total.update(item[key])
    return total


def short_name(name: str) -> str:
    return name.removesuffix(".ipynb")


def markdown(results: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    """The side-by-side section (between the markers)."""
    lines = [
        BEGIN,
        "## Side by side: soorgeon",
        "",
        f"*Generated by `python benchmarks/soorgeon_fidelity.py --doc docs/fidelity.md` on "
        f"{meta['date']} (nb2pipe {meta['commit']}, {meta['soorgeon']}); the nb2pipe columns come "
        "from the same run, so they may differ from the table above when that one is older.*"
        if "nb2pipe_commit" not in meta else
        f"*soorgeon's side generated by `python benchmarks/soorgeon_fidelity.py --json ...` on "
        f"{meta['date']} ({meta['soorgeon']}); nb2pipe's side is the run of the table above "
        f"(`fidelity.py --json`, {meta['nb2pipe_date']}, nb2pipe {meta['nb2pipe_commit']}), "
        "joined with `--from-json ... --nb2pipe-json ...`.*",
        "",
        "The same notebooks, each in a fresh copy of its folder: `soorgeon refactor <nb>` then "
        "`ploomber build` in soorgeon's own venv (same pins as the corpus), against the original "
        "run twice with nbclient on that venv's interpreter; nb2pipe is `nb2pipe verify` as in the "
        "table above. Files are compared by content, figures by count (per soorgeon task / per "
        "nb2pipe node group), and soorgeon's pickled products with the notebook's variables where "
        "the task's section ends, all with `nb2pipe verify`'s comparators and tolerances. "
        "See the notes below for what is and is not comparable.",
        "",
    ]
    sg = [soorgeon_summary(r["soorgeon"]) for r in results]
    nb = [nb2pipe_summary(r.get("nb2pipe")) for r in results]
    have_nb = any(n is not None for n in nb)
    n = len(results)
    refactored = sum(1 for s in sg if s["refactor"])
    built = sum(1 for s in sg if s["build"])
    totals = {
        "sg_ff": sum(1 for s in sg if s["files_ff_ok"]),
        "sg_all": sum(1 for s in sg if s["all_ok"]),
        "nb_ff": sum(1 for s in nb if s and s["files_ff_ok"]),
        "nb_all": sum(1 for s in nb if s and s["all_ok"]),
        "nb_conv": sum(1 for s in nb if s and s["converted"]),
        "nb_ran": sum(1 for s in nb if s and s["converted"] and not s["errors"]),
    }
    lines += [
        "| | soorgeon + ploomber | nb2pipe + Kedro |",
        "|---|---|---|",
        f"| notebooks | {n} | {n} |",
        f"| converted | {refactored} (`soorgeon refactor`) | "
        + (f"{totals['nb_conv']} (`nb2pipe convert`) |" if have_nb else "not run |"),
        f"| pipeline ran to the end | {built} (`ploomber build`) | "
        + (f"{totals['nb_ran']} (`kedro run`, no error) |" if have_nb else "not run |"),
        f"| **verified on files + figures** | **{totals['sg_ff']}** | "
        + (f"**{totals['nb_ff']}** |" if have_nb else "not run |"),
        f"| verified on files + figures + values | {totals['sg_all']} (pickled products) | "
        + (f"{totals['nb_all']} (every dataset: `nb2pipe verify`) |" if have_nb else "not run |"),
        f"| file rows: equal / different / not compared / not reproducible | "
        f"{four(sum_counter(sg, 'files'))} | "
        + (f"{four(sum_counter(nb, 'files'))} |" if have_nb else "not run |"),
        f"| figure rows: equal / different / not compared / not reproducible | "
        f"{four(sum_counter(sg, 'figures_rows'))} (one per task) | "
        + (
            f"{four(sum_counter(nb, 'figures_rows'))} (one per node group) |"
            if have_nb
            else "not run |"
        ),
        f"| value rows: equal / different / not compared / not reproducible | "
        f"{four(sum_counter(sg, 'values'))} (products) | "
        + (f"{four(sum_counter(nb, 'values'))} (datasets) |" if have_nb else "not run |"),
        "",
        "Per notebook (files: equal / compared rows; figures: shown by the notebook / by the "
        "pipeline; values: equal / different / not compared / not reproducible; "
        "verified: files + figures, then + values):",
        "",
        "| notebook | soorgeon refactor | ploomber build s | sg files | sg figures | sg products | "
        "sg verified | nb2pipe files | nb2pipe figures | nb2pipe datasets | nb2pipe verified |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for result, s, b in zip(results, sg, nb, strict=True):
        raw = result["soorgeon"]
        if raw.get("crashed"):
            refactor, build = f"crashed: {raw['crashed'][:60]}", ""
        else:
            refactor = (
                f"ok, {raw.get('tasks')} task(s)"
                if s["refactor"]
                else f"refused: {cause_of(raw['refactor']['reason'], short=True)}"
            )
            if not s["refactor"]:
                build = "—"
            else:
                build = f"{raw['build']['seconds']}" + ("" if s["build"] else " (failed)")
        fig = (
            f"{s['figures'][0]} / {s['figures'][1]}"
            if s["refactor"] and s["figures"][0] is not None
            else (f"{s['figures'][0]} / —" if s["figures"][0] is not None else "—")
        )
        sg_cells = [
            refactor,
            build,
            eq_of(s["files"]) if s["refactor"] else "—",
            fig,
            four(s["values"]) if s["refactor"] else "—",
            f"{yes(s['files_ff_ok'])} / {yes(s['all_ok'])}",
        ]
        if b is None:
            nb_cells = ["not run"] * 4
        elif not b["converted"]:
            nb_cells = ["—", "—", "—", "no / no (not converted)"]
        else:
            nb_cells = [
                eq_of(b["files"]),
                f"{b['figures'][0]} / {b['figures'][1]}",
                four(b["values"]),
                f"{yes(b['files_ff_ok'])} / {yes(b['all_ok'])}",
            ]
        lines.append(
            f"| {short_name(result['notebook'])} | " + " | ".join([*sg_cells, *nb_cells]) + " |"
        )
    lines += ["", *failure_notes(results, sg), "", *comparability_notes(), END]
    return "\n".join(lines) + "\n"


def failure_notes(results: list[dict[str, Any]], sg: list[dict[str, Any]]) -> list[str]:
    """soorgeon's refactor failures grouped by cause, build failures and differences."""
    lines = ["### soorgeon failures, by cause", ""]
    causes: dict[str, list[str]] = defaultdict(list)
    for result in results:
        raw = result["soorgeon"]
        if raw.get("crashed"):
            causes["benchmark child crashed or stopped"].append(
                f"`{short_name(raw['notebook'])}`: {raw['crashed']}"
            )
        elif not raw["refactor"]["ok"]:
            reason = raw["refactor"]["reason"]
            causes[cause_of(reason)].append(f"`{short_name(raw['notebook'])}`: {reason}")
    for cause, items in sorted(causes.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        lines.append(f"* **`soorgeon refactor`: {cause}** ({len(items)})")
        lines += [f"  * {item.replace('|', '/')}" for item in items]
    builds = [
        r["soorgeon"]
        for r in results
        if r["soorgeon"].get("refactor", {}).get("ok") and not r["soorgeon"]["build"]["ok"]
    ]
    if builds:
        lines.append(f"* **`ploomber build` failed** ({len(builds)})")
        for r in builds:
            why = build_cause(r["build"]["reason"])
            lines.append(
                f"  * `{short_name(r['notebook'])}`: {r['build']['reason'].replace('|', '/')}"
                + (f" ({why})" if why else "")
            )
    errors = [
        (r["soorgeon"]["notebook"], e) for r in results for e in r["soorgeon"].get("errors", [])
    ]
    if errors:
        lines.append(f"* **other errors** ({len(errors)})")
        lines += [f"  * `{short_name(name)}`: {error.replace('|', '/')}" for name, error in errors]
    different = [
        (r["soorgeon"]["notebook"], row)
        for r in results
        for row in r["soorgeon"].get("rows", [])
        if row["status"] == "different"
    ]
    if different:
        lines += ["", "Rows where soorgeon's pipeline differs from the notebook:", ""]
        lines += [
            f"* `{short_name(name)}` {row['kind']} `{row['name']}`: "
            + row["detail"].replace("|", "/")
            for name, row in different
        ]
    return lines


def comparability_notes() -> list[str]:
    return [
        "### What is comparable",
        "",
        "* **Files** (every file the notebook writes, compared by content) and **figures** "
        "(counted) are judged the same way on both sides; the *verified on files + figures* row is "
        "the like-for-like verdict. Figures are grouped differently: per soorgeon task (the images "
        "in ploomber's executed copy of the task notebook vs those the section's cells showed) and "
        "per nb2pipe node group (figures the nodes return vs those their cells showed), so the row "
        "counts differ; a notebook passes when all its rows are equal. A file the notebook writes "
        "that a finished `ploomber build` does not rewrite counts as *different* (nb2pipe: a file "
        "its manifest does not map is *not compared*).",
        "* **Values are not the same set.** `nb2pipe verify` compares every dataset of the plan "
        "(each node output, at the node's end). soorgeon keeps only the variables a later section "
        "reads, pickled at the end of the section; those products are compared with the "
        "notebook's variable at the same place. Variables no later section reads are not "
        "products and are not checked, and a notebook soorgeon turns into a single task has no "
        "products at all (the *tasks* column): its pipeline is the notebook run by papermill. "
        "So the *+ values* rows measure different depths; the figure and file verdicts do not.",
        "* **Environments.** soorgeon's side runs the notebook and the tasks on soorgeon's venv "
        "(Python 3.11, the corpus pins); nb2pipe's side on the dev venv (same corpus pins). Each "
        "tool is compared with the notebook run on its own interpreter.",
        "* **Failures are binary for soorgeon**: when `soorgeon refactor` refuses a notebook "
        "there is no pipeline to judge (its `--single-task` fallback copies the notebook "
        "unchanged into one task, which is not a refactoring and is not measured). A notebook "
        "whose original run fails is not verified on either side.",
        "* **Time**: *ploomber build s* is the wall time of the whole build (kernel start per "
        "task included) on a shared 2-core machine; see docs/performance.md for conversion speed.",
    ]


def replace_section(doc: Path, text: str) -> None:
    """Put ``text`` (markers included) in place of the marked part of ``doc``, or append it."""
    old = doc.read_text(encoding="utf-8") if doc.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        new = head + text.rstrip("\n") + rest.split(END, 1)[1]
    else:
        new = old.rstrip("\n") + ("\n\n" if old else "") + text
    doc.write_text(new if new.endswith("\n") else new + "\n", encoding="utf-8")


def print_table(results: list[dict[str, Any]]) -> None:
    print(
        f"{'notebook':62} {'refactor':8} {'build s':>10} {'figs nb/sg':>10} {'sg ok':>7} "
        f"{'nb2p ok':>8}"
    )
    for result in results:
        s = soorgeon_summary(result["soorgeon"])
        b = nb2pipe_summary(result.get("nb2pipe"))
        build = "" if not s["refactor"] else f"{s['build_seconds']}{'' if s['build'] else '!'}"
        figs = f"{s['figures'][0]}/{'-' if s['figures'][1] is None else s['figures'][1]}"
        nbok = "-" if b is None else f"{yes(b['files_ff_ok'])}/{yes(b['all_ok'])}"
        print(
            f"{short_name(result['notebook'])[:62]:62} {yes(s['refactor']):8} {build:>10} "
            f"{figs:>10} "
            f"{yes(s['files_ff_ok']) + '/' + yes(s['all_ok']):>7} {nbok:>8}"
        )


def nb2pipe_version() -> str:
    """The commit of the nb2pipe that runs: a snapshot's ``.commit`` file (see the module
    docstring), else this checkout's HEAD, marked when nb2pipe/ has uncommitted changes."""
    import nb2pipe

    root = Path(nb2pipe.__file__).resolve().parent.parent
    if (root / ".commit").is_file():
        return (root / ".commit").read_text(encoding="utf-8").strip()[:12]
    git = ["git", "-C", str(root)]
    commit = (
        subprocess.run(
            [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        or "unknown"
    )
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "nb2pipe"], capture_output=True, text=True
    ).stdout.strip()
    return f"{commit} + uncommitted changes" if dirty else commit


def replace_nb2pipe(data: dict[str, Any], results: Path) -> None:
    """nb2pipe's side from a later `benchmarks/fidelity.py --json` run, next to the stored
    soorgeon results (soorgeon does not change between nb2pipe commits; its side takes most of
    a full run's hour). The file's commit and date are those of the fidelity run."""
    by_name = {r["notebook"]: r for r in json.loads(results.read_text(encoding="utf-8"))}
    for entry in data["results"]:
        entry["nb2pipe"] = by_name.get(entry["notebook"])
    stamp = datetime.fromtimestamp(results.stat().st_mtime, timezone.utc)
    data["meta"]["nb2pipe_commit"] = nb2pipe_version()
    data["meta"]["nb2pipe_date"] = stamp.strftime("%Y-%m-%d %H:%M UTC")


def environment(soorgeon: Path) -> dict[str, str]:
    commit = nb2pipe_version()
    probe = (
        "import importlib.metadata as m, platform; "
        "print(m.version('soorgeon'), m.version('ploomber'), platform.python_version())"
    )
    done = subprocess.run(
        [str(soorgeon.parent / "python"), "-c", probe], capture_output=True, text=True
    )
    parts = done.stdout.split()
    tool = (
        f"soorgeon {parts[0]}, ploomber {parts[1]}, Python {parts[2]}"
        if len(parts) == 3
        else "soorgeon: version unknown"
    )
    return {
        "commit": commit,
        "soorgeon": tool,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--only", default="", help="only notebooks whose name contains this")
    parser.add_argument(
        "--timeout",
        type=int,
        default=600,
        help="seconds for ploomber build, and for each notebook cell (default 600)",
    )
    parser.add_argument(
        "--soorgeon", type=Path, default=Path(os.environ.get("SOORGEON") or DEFAULT_SOORGEON)
    )
    parser.add_argument(
        "--nb2pipe-timeout",
        type=int,
        default=300,
        help="fidelity.py's --timeout for the nb2pipe side (default 300)",
    )
    parser.add_argument("--no-nb2pipe", action="store_true", help="soorgeon side only")
    parser.add_argument("--json", type=Path, help="write every result (both tools) here")
    parser.add_argument("--from-json", type=Path, help="report an earlier --json; run nothing")
    parser.add_argument(
        "--nb2pipe-json",
        type=Path,
        help="with --from-json: nb2pipe's side from `fidelity.py --json` (a later nb2pipe run)",
    )
    parser.add_argument("--doc", type=Path, help="replace the marked section of this Markdown file")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(soorgeon_one(args.child, args.soorgeon, args.timeout)))
        return
    if args.from_json:
        data = json.loads(args.from_json.read_text(encoding="utf-8"))
        if args.nb2pipe_json:
            replace_nb2pipe(data, args.nb2pipe_json)
    else:
        if not args.soorgeon.is_file():
            sys.exit(
                f"soorgeon not found at {args.soorgeon}: python3 -m venv /tmp/soorgeon-venv && "
                "/tmp/soorgeon-venv/bin/pip install soorgeon ploomber -r <corpus>/requirements.txt"
            )
        import fidelity

        data = {"meta": environment(args.soorgeon), "results": []}
        for notebook in sorted(args.corpus.glob("*.ipynb")):
            if args.only and args.only not in notebook.name:
                continue
            print(f"--- {notebook.name}", flush=True)
            entry: dict[str, Any] = {"notebook": notebook.name}
            entry["soorgeon"] = run_child(notebook, args.soorgeon, args.timeout)
            if not args.no_nb2pipe:
                entry["nb2pipe"] = fidelity.run_child(notebook, args.nb2pipe_timeout, 2)
            data["results"].append(entry)
            print_table([entry])
            if args.json:
                args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    print_table(data["results"])
    text = markdown(data["results"], data["meta"])
    print(text)
    if args.doc:
        replace_section(args.doc, text)


if __name__ == "__main__":
    main()
