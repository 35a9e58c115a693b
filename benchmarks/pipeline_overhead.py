"""What running the generated Kedro project costs next to running the notebooks themselves.

Usage:
    python benchmarks/pipeline_overhead.py [--repeats 3] [--notebooks sample_notebooks]
                                           [--doc docs/performance.md] [--json out.json] [--no-doc]

1. The notebooks run in order with nbclient in a fresh copy of their folder. Kernel start-up is
   excluded: the clock starts when the kernel has answered `kernel_info` and runs from the first
   cell's start to the last cell's end. The kernel's CPU time over the same span comes from psutil.
2. nb2pipe converts a pristine copy of the folder, twice: as is (values between nodes pickled)
   and with `--memory` (values kept in memory).
3. `kedro run` runs each project (a fresh process; wall from `time.perf_counter`, CPU and peak
   memory from `os.wait4`).
4. Kedro's fixed start-up: the same project with its pipelines replaced by one node that returns
   1 (same settings, same catalog and parameter files), run the same way.
5. A hook (added to a copy of the project only) splits the run into node code, dataset loads and
   dataset saves, per dataset type, and counts the bytes of persisted intermediates.

The overhead ratio is (kedro run − Kedro start-up) ÷ notebook execution, medians over repeats,
on wall and on CPU time. The machine may be shared: CPU time is the steadier figure.
With `--doc`, the tables replace the part of the file between `<!-- pipeline_overhead:begin -->`
and `<!-- pipeline_overhead:end -->`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import convert_speed  # same folder: run as `python benchmarks/pipeline_overhead.py`

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
BEGIN, END = "<!-- pipeline_overhead:begin -->", "<!-- pipeline_overhead:end -->"
ENV = {**os.environ, "KEDRO_DISABLE_TELEMETRY": "1", "MPLBACKEND": "Agg", "PYTHONWARNINGS": "ignore"}

NOOP_REGISTRY = '''"""Benchmark stand-in: one node that returns 1 (measures Kedro's fixed start-up)."""

from kedro.pipeline import Pipeline, node


def _noop():
    return 1


def register_pipelines() -> dict[str, Pipeline]:
    return {"__default__": Pipeline([node(_noop, None, "benchmark_noop_output", name="benchmark_noop")])}
'''

TIMING_HOOKS = '''
# --- added by benchmarks/pipeline_overhead.py (this copy of the project only) ---
import json as _json
import os as _os
import time as _time

from kedro.framework.hooks import hook_impl as _hook_impl


class _Timing:
    def __init__(self):
        self.started = {}
        self.totals = {"node": 0.0, "load": 0.0, "save": 0.0}
        self.by_type = {}
        self.catalog = None

    @_hook_impl
    def after_catalog_created(self, catalog):
        self.catalog = catalog

    def _type(self, name):
        try:
            return type(self.catalog.get(name)).__name__
        except Exception:  # noqa: BLE001
            return "unknown"

    def _add(self, kind, name, seconds):
        self.totals[kind] += seconds
        key = f"{kind} {self._type(name)}"
        count, total = self.by_type.get(key, (0, 0.0))
        self.by_type[key] = (count + 1, total + seconds)

    @_hook_impl
    def before_dataset_loaded(self, dataset_name, node):
        self.started[("load", dataset_name)] = _time.perf_counter()

    @_hook_impl
    def after_dataset_loaded(self, dataset_name, data, node):
        self._add("load", dataset_name, _time.perf_counter() - self.started.pop(("load", dataset_name)))

    @_hook_impl
    def before_dataset_saved(self, dataset_name, data, node):
        self.started[("save", dataset_name)] = _time.perf_counter()

    @_hook_impl
    def after_dataset_saved(self, dataset_name, data, node):
        self._add("save", dataset_name, _time.perf_counter() - self.started.pop(("save", dataset_name)))

    @_hook_impl
    def before_node_run(self, node):
        self.started[("node", node.name)] = _time.perf_counter()

    @_hook_impl
    def after_node_run(self, node):
        self.totals["node"] += _time.perf_counter() - self.started.pop(("node", node.name))

    @_hook_impl
    def after_pipeline_run(self):
        with open(_os.environ["NB2PIPE_TIMING_FILE"], "w") as f:
            _json.dump({"totals": self.totals, "by_type": self.by_type}, f)


HOOKS = (_Timing(),)
'''


# ----------------------------------------------------------------------------- measuring
def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 900) -> dict:  # type: ignore[type-arg]
    """convert_speed's measurement, failing loudly: this benchmark needs every run to succeed."""
    run = convert_speed.measure(command, cwd, timeout, env or ENV)
    if not run.ok:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{run.output or run.note}")
    return {"wall": run.wall, "cpu": run.cpu, "rss_mb": run.rss_mb}


def run_notebooks(folder: Path, names: list[str]) -> dict:  # type: ignore[type-arg]
    """Execute the notebooks in order in ``folder``; kernel start-up excluded."""
    import nbformat
    import psutil
    from nbclient import NotebookClient

    wall = cpu = 0.0
    per_notebook = {}
    for name in names:
        notebook = nbformat.read(folder / name, as_version=4)
        client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(folder)}})
        with client.setup_kernel():
            client.wait_for_reply(client.kc.kernel_info())
            kernel = psutil.Process(client.km.provisioner.process.pid)

            def kernel_cpu() -> float:
                times = kernel.cpu_times()
                return times.user + times.system + times.children_user + times.children_system

            cpu_before, started = kernel_cpu(), time.perf_counter()
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
            elapsed, used = time.perf_counter() - started, kernel_cpu() - cpu_before
        per_notebook[name] = {"wall": elapsed, "cpu": used}
        wall, cpu = wall + elapsed, cpu + used
    return {"wall": wall, "cpu": cpu, "notebooks": per_notebook}


def convert(source: Path, project: Path, memory: bool) -> dict:  # type: ignore[type-arg]
    command = [str(BIN / "nb2pipe"), "convert", str(source), "-o", str(project)]
    return measure(command + (["--memory"] if memory else []), cwd=source.parent)


def kedro_run(project: Path, env: dict[str, str] | None = None) -> dict:  # type: ignore[type-arg]
    return measure([str(BIN / "kedro"), "run"], cwd=project, env=env)


def noop_copy(project: Path, target: Path) -> Path:
    shutil.copytree(project, target)
    registry = next(target.glob("src/*/pipeline_registry.py"))
    registry.write_text(NOOP_REGISTRY, encoding="utf-8")
    return target


def timed_copy(project: Path, target: Path) -> Path:
    shutil.copytree(project, target)
    settings = next(target.glob("src/*/settings.py"))
    settings.write_text(settings.read_text(encoding="utf-8") + TIMING_HOOKS, encoding="utf-8")
    return target


def intermediates_bytes(project: Path) -> tuple[int, int]:
    """(files, bytes) of the pickles nb2pipe's catalog pattern writes between nodes."""
    found = [p for p in (project / "data").rglob("*") if p.is_file() and p.suffix in (".pkl", ".pickle")]
    return len(found), sum(p.stat().st_size for p in found)


def med(samples: list[dict], key: str) -> float:  # type: ignore[type-arg]
    return statistics.median(s[key] for s in samples)


# ---------------------------------------------------------------------------------- report
def markdown(r: dict) -> str:  # type: ignore[type-arg]
    nb, start = r["notebooks"], r["startup"]
    lines = [
        BEGIN, "",
        f"*Generated by `benchmarks/pipeline_overhead.py` on {r['date']} ({r['repeats']} repeats, medians; "
        f"load average {r['load_before']} before, {r['load_after']} after; kedro {r['kedro']}, "
        f"nbclient {r['nbclient']}; nb2pipe {r['nb2pipe']}).*", "",
        f"Notebooks: `{r['folder']}` ({', '.join(r['names'])}), run in order.", "",
        "| what | wall s | CPU s | peak MB |", "|---|---|---|---|",
        f"| notebooks in nbclient (kernel start excluded; kernel CPU) | {nb['wall']:.2f} | {nb['cpu']:.2f} | — |",
        f"| Kedro start-up: same project, one no-op node | {start['wall']:.2f} | {start['cpu']:.2f} | {start['rss_mb']:.0f} |",
    ]
    for variant in r["variants"]:
        v = r["variants"][variant]
        lines.append(f"| `kedro run`, {variant} | {v['wall']:.2f} | {v['cpu']:.2f} | {v['rss_mb']:.0f} |")
    lines += ["", "| project | (run − start-up) ÷ notebooks, wall | same, CPU | intermediates pickled |",
              "|---|---|---|---|"]
    for variant, v in r["variants"].items():
        wall = (v["wall"] - start["wall"]) / nb["wall"]
        cpu = (v["cpu"] - start["cpu"]) / nb["cpu"]
        files, size = v["intermediates"]
        lines.append(f"| {variant} | {wall:.2f}× | {cpu:.2f}× | {files} files, {size / 1024:.0f} KiB |")
    lines += ["", "Where a run's time goes (hook timings, one instrumented run per project, seconds):", "",
              "| project | node code | dataset loads | dataset saves | slowest dataset types (count, s) |",
              "|---|---|---|---|---|"]
    for variant, v in r["variants"].items():
        t = v["timing"]
        top = sorted(t["by_type"].items(), key=lambda kv: -kv[1][1])[:4]
        kinds = "; ".join(f"{k} ({c}, {s:.2f})" for k, (c, s) in top)
        lines.append(f"| {variant} | {t['totals']['node']:.2f} | {t['totals']['load']:.2f} "
                     f"| {t['totals']['save']:.2f} | {kinds} |")
    lines += ["", "Per notebook (nbclient, medians): " + ", ".join(
        f"{name} {v['wall']:.2f} s / {v['cpu']:.2f} s CPU" for name, v in nb["notebooks"].items()), "", END]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--notebooks", type=Path, default=REPO / "sample_notebooks")
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "performance.md")
    parser.add_argument("--no-doc", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    import importlib.metadata as md

    names = sorted(p.name for p in args.notebooks.glob("*.ipynb"))
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    result: dict = {  # type: ignore[type-arg]
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "repeats": args.repeats,
        "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg()), "kedro": md.version("kedro"),
        "nbclient": md.version("nbclient"), "nb2pipe": commit, "names": names,
        "folder": os.path.relpath(args.notebooks, REPO),
    }
    os.environ.update({k: v for k, v in ENV.items() if k in ("MPLBACKEND", "KEDRO_DISABLE_TELEMETRY")})
    with tempfile.TemporaryDirectory(prefix="overhead-") as tmp:
        root = Path(tmp)
        runs = []
        for index in range(args.repeats):
            folder = root / f"notebooks_{index}"
            shutil.copytree(args.notebooks, folder)
            print(f"notebooks, run {index + 1} ...", flush=True)
            runs.append(run_notebooks(folder, names))
        result["notebooks"] = {
            "wall": med(runs, "wall"), "cpu": med(runs, "cpu"),
            "notebooks": {n: {"wall": statistics.median(r["notebooks"][n]["wall"] for r in runs),
                              "cpu": statistics.median(r["notebooks"][n]["cpu"] for r in runs)} for n in names},
        }
        pristine = root / "source" / args.notebooks.name
        shutil.copytree(args.notebooks, pristine)
        variants = {"values pickled between nodes (default)": False, "`--memory`": True}
        result["variants"] = {}
        for label, memory in variants.items():
            project = root / ("project_memory" if memory else "project")
            convert(pristine, project, memory)
            print(f"kedro run, {label} ...", flush=True)
            samples = [kedro_run(project) for _ in range(args.repeats)]
            timed = timed_copy(project, root / (project.name + "_timed"))
            timing_file = root / f"{project.name}_timing.json"
            kedro_run(timed, {**ENV, "NB2PIPE_TIMING_FILE": str(timing_file)})
            result["variants"][label] = {
                "wall": med(samples, "wall"), "cpu": med(samples, "cpu"), "rss_mb": max(s["rss_mb"] for s in samples),
                "intermediates": intermediates_bytes(project),
                "timing": json.loads(timing_file.read_text(encoding="utf-8")),
            }
            if not memory:
                noop = noop_copy(project, root / "project_noop")
                print("kedro start-up ...", flush=True)
                samples = [kedro_run(noop) for _ in range(args.repeats)]
                result["startup"] = {"wall": med(samples, "wall"), "cpu": med(samples, "cpu"),
                                     "rss_mb": max(s["rss_mb"] for s in samples)}
    result["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text = markdown(result)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    if not args.no_doc:
        convert_speed.write_doc(args.doc, text, BEGIN, END)
        print(f"wrote {args.doc}")


if __name__ == "__main__":
    main()
