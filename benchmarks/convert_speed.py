"""How fast nb2pipe converts notebooks, next to `jupyter nbconvert --to script` (the floor) and
`soorgeon refactor` (the peer); where its time goes; and how the analysis approaches compare.

Usage:
    python benchmarks/convert_speed.py [--repeats 3] [--soorgeon PATH] [--doc docs/performance.md]
                                       [--json results.json] [--quick] [--no-doc]

Inputs: the public corpus (25 real notebooks, each converted alone, plus the whole folder as one
project) and synthetic notebooks of 10, 100, 1,000 and 5,000 cells (benchmarks/synthetic.py).
Every tool runs as a command in a fresh process on a fresh output folder; each measurement is
repeated and the median reported. Wall time is `time.perf_counter` around the process; CPU time
(user + sys) and peak memory (largest resident set of the process or a child it waited for) come
from `os.wait4`. The machine may be shared (2 cores): CPU time is the steadier figure.

soorgeon runs from its own environment: `--soorgeon PATH` or `$SOORGEON` (the `soorgeon`
executable), else `/tmp/soorgeon-venv/bin/soorgeon` when it exists. When it is not found, or a
run fails or times out, the table says so; no number is ever made up.

In-process parts (in a fresh interpreter each): import costs, nb2pipe's stages on the 5,000-cell
notebook, analysis approaches (stdlib `ast`, `symtable`, LibCST with and without its
ScopeProvider), and the growth of analysis + planning CPU time with the number of cells.

With `--doc`, the tables replace the part of the file between `<!-- convert_speed:begin -->` and
`<!-- convert_speed:end -->` (the rest of the file is left as it is).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus" / "public" / "notebooks"
BIN = Path(sys.executable).parent
SIZES = (10, 100, 1000, 5000)
BEGIN, END = "<!-- convert_speed:begin -->", "<!-- convert_speed:end -->"
ENV = {**os.environ, "KEDRO_DISABLE_TELEMETRY": "1", "PLOOMBER_STATS_ENABLED": "false",
       "MPLBACKEND": "Agg", "PYTHONWARNINGS": "ignore"}

sys.path.insert(0, str(HERE))
import synthetic  # noqa: E402


# ----------------------------------------------------------------------------- measuring
@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    ok: bool
    note: str = ""
    #: The end of what the command printed (for error messages).
    output: str = ""


def measure(command: list[str], cwd: Path | None = None, timeout: float = 1800,
            env: dict[str, str] | None = None) -> Run:
    """Run ``command``; wall time, CPU time and peak RSS of it and its waited-for children."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=log, stderr=log,
                                   stdin=subprocess.DEVNULL)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                wall = time.perf_counter() - started
                return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, False,
                           f"timed out after {timeout:.0f} s")
            time.sleep(0.005)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        text = log.read().decode("utf-8", "replace")
    ok = process.returncode == 0 and "Traceback (most recent call last)" not in text
    note = "" if ok else last_line(text)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, ok, note, text[-3000:])


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else "failed without output"


# --------------------------------------------------------------------------------- tools
def nb2pipe_cmd(inputs: list[Path], out: Path) -> list[str]:
    return [str(BIN / "nb2pipe"), "convert", *map(str, inputs), "-o", str(out)]


def nbconvert_cmd(inputs: list[Path], out: Path) -> list[str]:
    return [str(BIN / "jupyter"), "nbconvert", "--to", "script", "--log-level", "ERROR",
            "--output-dir", str(out), *map(str, inputs)]


def find_soorgeon(option: str | None) -> Path | None:
    """The option if given (even when it names nothing), else $SOORGEON, else the usual venv."""
    candidates = [option] if option else [os.environ.get("SOORGEON"), "/tmp/soorgeon-venv/bin/soorgeon"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def run_tool(tool: str, inputs: list[Path], soorgeon: Path | None, timeout: float) -> Run:
    """One run of ``tool`` on ``inputs`` in fresh temporary folders."""
    with tempfile.TemporaryDirectory(prefix=f"speed-{tool}-") as tmp:
        out = Path(tmp) / "project"
        if tool == "nb2pipe":
            return measure(nb2pipe_cmd(inputs, out), timeout=timeout)
        if tool == "nbconvert":
            return measure(nbconvert_cmd(inputs, out), timeout=timeout)
        assert soorgeon is not None and len(inputs) == 1
        # soorgeon writes next to the notebook and refuses existing outputs: a fresh copy each time
        work = Path(tmp) / "work"
        work.mkdir()
        shutil.copy(inputs[0], work / "notebook.ipynb")
        return measure([str(soorgeon), "refactor", "notebook.ipynb"], cwd=work, timeout=timeout)


@dataclass
class Row:
    """Medians over repeats of one tool on one input set."""

    wall: float | None = None
    cpu: float | None = None
    rss_mb: float | None = None
    ok: int = 0
    total: int = 0
    note: str = ""
    walls: list[float] = field(default_factory=list)
    #: Seconds after which a run was stopped (its time is then only a lower bound).
    timed_out: float | None = None


def repeated(tool: str, sets: list[list[Path]], repeats: int, soorgeon: Path | None,
             timeout: float, only: set[int] | None = None) -> tuple[Row, list[bool]]:
    """Each repeat runs ``tool`` once on every input set; the row holds the medians of the
    per-repeat sums (over the sets ``only`` lists, or all) and whether each set succeeded."""
    walls, cpus, rss, oks, notes = [], [], [], [True] * len(sets), []
    stopped: float | None = None
    for _ in range(repeats):
        wall = cpu = 0.0
        for index, inputs in enumerate(sets):
            if only is not None and index not in only:
                continue
            if not oks[index]:
                continue  # a failure is not retried: it would fail the same way
            run = run_tool(tool, inputs, soorgeon, timeout)
            wall, cpu = wall + run.wall, cpu + run.cpu
            rss.append(run.rss_mb)
            if not run.ok:
                oks[index] = False
                if run.note.startswith("timed out") and len(sets) == 1:
                    stopped = run.wall
                notes.append(f"{inputs[0].name if len(inputs) == 1 else 'folder'}: {run.note}")
        walls.append(wall)
        cpus.append(cpu)
    considered = [i for i in range(len(sets)) if only is None or i in only]
    good = [i for i in considered if oks[i]]
    row = Row(total=len(considered), ok=len(good), note="; ".join(dict.fromkeys(notes)), timed_out=stopped)
    if len(good) == len(considered) and good:
        row.wall, row.cpu = statistics.median(walls), statistics.median(cpus)
        row.rss_mb = max(rss)
        row.walls = walls
    return row, oks


# ------------------------------------------------------------------------- in-process parts
CHILD_STAGES = r'''
import json, resource, sys, tempfile, time
from pathlib import Path
def cpu():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
result = {}
def timed(name, action):
    wall, used = time.perf_counter(), cpu()
    value = action()
    result[name] = [time.perf_counter() - wall, cpu() - used]
    return value
def load():
    global environment, writer, analyze, Options, plan, discover, read, render, common_root, snapshot
    from nb2pipe import version_pins as environment, writer
    from nb2pipe.drivers import analyze_source as analyze
    try:  # analysis on readers' snapshot of the folder, as a conversion does it (absent before)
        from nb2pipe.api import analyze_on_disk
        alone = analyze
        analyze = lambda s, o: alone(s, o) if s.language == "bash" else analyze_on_disk(s, o, [folder])  # noqa: E731
    except ImportError:
        pass
    from nb2pipe.api import common_root
    from nb2pipe.options import Options
    from nb2pipe.planning import plan
    from nb2pipe.readers import discover, read
    from nb2pipe.readers.workspace import snapshot
    from nb2pipe.rendering import render
timed("import", load)
try:  # the CLI's garbage-collector settings (absent before they existed)
    from nb2pipe.cli import collect_less
    collect_less()
except ImportError:
    pass
folder = Path(sys.argv[1])
out = Path(tempfile.mkdtemp()) / "project"
options = Options()
files = discover([folder])
root = common_root([folder])
sources = timed("read", lambda: [read(f, root) for f in files])
facts = timed("analyze", lambda: tuple(analyze(s, options) for s in sources))
target = writer.inspect_target(out)
the_plan = timed("plan", lambda: plan(facts, options, target, root, snapshot(root, facts)))
pins = timed("pins", lambda: environment.pins(the_plan.third_party, the_plan.pip_installs, options.python))
files_out = timed("render", lambda: render(the_plan, options, target, pins))
timed("write", lambda: writer.write(files_out, out, force=False))
print(json.dumps(result))
'''

CHILD_IMPORT = r'''
import json, sys, time, resource
def cpu():
    s = resource.getrusage(resource.RUSAGE_SELF)
    return s.ru_utime + s.ru_stime
wall, used = time.perf_counter(), cpu()
__import__(sys.argv[1])
print(json.dumps([time.perf_counter() - wall, cpu() - used]))
'''

CHILD_ANALYSIS = r'''
import ast, json, resource, symtable, sys, time
from pathlib import Path
def cpu():
    s = resource.getrusage(resource.RUSAGE_SELF)
    return s.ru_utime + s.ru_stime
approach = sys.argv[2]
from nb2pipe.readers import read
from nb2pipe.readers.ipython import translate
path = Path(sys.argv[1])
source = read(path, path.parent)
codes = [translate(c.source).code for c in source.cells if c.kind == "code" and "skip" not in c.tags]
defines = []
def ast_names():
    for code in codes:
        found = set()
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                found.add(node.id)
        defines.append(found)
def nb2pipe_facts():
    from nb2pipe.analysis import analyze
    facts = analyze(source)
    by_cell = {}
    for chunk in facts.chunks:
        by_cell.setdefault(chunk.cell, set()).update(
            s for s in chunk.defines | chunk.maybe_defines if s.isidentifier())
    defines.extend(by_cell.get(c.index, set()) for c in source.cells
                   if c.kind == "code" and "skip" not in c.tags)
def libcst_visitor():
    import libcst as cst
    class Names(cst.CSTVisitor):
        def __init__(self):
            self.names = set()
        def visit_Name(self, node):
            self.names.add(node.value)
    for code in codes:
        visitor = Names()
        cst.parse_module(code).visit(visitor)
def libcst_scope():
    import libcst as cst
    from libcst.metadata import GlobalScope, MetadataWrapper, ScopeProvider
    for code in codes:
        scopes = MetadataWrapper(cst.parse_module(code)).resolve(ScopeProvider)
        globals_ = next(s for s in scopes.values() if isinstance(s, GlobalScope))
        defines.append({a.name for a in globals_.assignments})
def libcst_scope_module():
    import libcst as cst
    from libcst.metadata import MetadataWrapper, ScopeProvider
    module = "\n".join(codes)
    MetadataWrapper(cst.parse_module(module)).resolve(ScopeProvider)
APPROACHES = {
    "ast.parse": lambda: [ast.parse(code) for code in codes],
    "ast.parse + walk (names)": ast_names,
    "symtable": lambda: [symtable.symtable(code, "<cell>", "exec") for code in codes],
    "nb2pipe analyze (all facts)": nb2pipe_facts,
    "libcst.parse_module": lambda: [__import__("libcst").parse_module(code) for code in codes],
    "libcst parse + visitor (names)": libcst_visitor,
    "libcst ScopeProvider (per cell)": libcst_scope,
    "libcst ScopeProvider (whole module)": libcst_scope_module,
}
if approach.startswith("libcst"):
    import libcst, libcst.metadata  # import time is not part of the measurement
wall, used = time.perf_counter(), cpu()
APPROACHES[approach]()
result = {"wall": time.perf_counter() - wall, "cpu": cpu() - used, "cells": len(codes)}
if defines:
    result["defines"] = [sorted(d) for d in defines]
print(json.dumps(result))
'''

CHILD_GROWTH = r'''
import json, resource, sys, time
from pathlib import Path
def cpu():
    s = resource.getrusage(resource.RUSAGE_SELF)
    return s.ru_utime + s.ru_stime
from nb2pipe import writer
from nb2pipe.analysis import analyze
from nb2pipe.options import Options
from nb2pipe.planning import plan
from nb2pipe.readers import read
from nb2pipe.readers.workspace import snapshot
if sys.argv[2] == "cli":  # the CLI's garbage-collector settings (absent before they existed)
    try:
        from nb2pipe.cli import collect_less
        collect_less()
    except ImportError:
        pass
path = Path(sys.argv[1])
source = read(path, path.parent)
used = cpu()
facts = analyze(source)
analysed = cpu()
plan((facts,), Options(), writer.inspect_target(path.parent / "no-such-project"), path.parent,
     snapshot(path.parent, (facts,)))
print(json.dumps({"analyze": analysed - used, "plan": cpu() - analysed}))
'''


def child(script: str, *args: str, timeout: float = 1800) -> dict | list:  # type: ignore[type-arg]
    # cwd: `python -c` puts the current folder first on sys.path, before PYTHONPATH
    result = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                            env=ENV, timeout=timeout, check=False, cwd=tempfile.gettempdir())
    if result.returncode != 0:
        raise RuntimeError(f"{script.splitlines()[1][:40]}... failed: {last_line(result.stderr)}")
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def median_pair(samples: list[list[float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


# ---------------------------------------------------------------------------------- report
def fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or b is None or b == 0 else f"{a / b:.2f}×"


def row_cell(row: Row, value: float | None) -> str:
    if row.total == 0:
        return "not run"
    if value is None:
        return f"failed ({row.total - row.ok}/{row.total})"
    return fmt(value)


def speed_table(results: dict) -> list[str]:  # type: ignore[type-arg]
    lines = [
        "| input | cells | nbconvert wall / CPU s | nb2pipe wall / CPU s | soorgeon wall / CPU s "
        "| nb2pipe ÷ nbconvert (wall / CPU) | soorgeon ÷ nb2pipe (wall / CPU) "
        "| nb2pipe cells/s (wall) | peak MB nbconvert / nb2pipe / soorgeon |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for item in results["inputs"]:
        nbc, nbp, sg = (Row(**item[t]) if item.get(t) else Row() for t in ("nbconvert", "nb2pipe", "soorgeon"))
        soorgeon = (f"{row_cell(sg, sg.wall)} / {row_cell(sg, sg.cpu)}" if sg.total
                    else item.get("soorgeon_note", "not available"))
        if sg.total and item.get("soorgeon_note"):
            soorgeon += f" ({item['soorgeon_note']})"
        if sg.total and sg.wall is None:
            soorgeon = f"failed on {sg.total - sg.ok} of {sg.total}"
            if sg.timed_out:
                soorgeon = f"> {sg.timed_out:.0f} (stopped) / —"
        per_second = f"{item['cells'] / nbp.wall:,.0f}" if nbp.wall else "—"
        lines.append(
            f"| {item['name']} | {item['cells']:,} | {row_cell(nbc, nbc.wall)} / {row_cell(nbc, nbc.cpu)} "
            f"| {row_cell(nbp, nbp.wall)} / {row_cell(nbp, nbp.cpu)} | {soorgeon} "
            f"| {ratio(nbp.wall, nbc.wall)} / {ratio(nbp.cpu, nbc.cpu)} "
            f"| {'> ' + ratio(sg.timed_out, nbp.wall) if sg.timed_out else ratio(sg.wall, nbp.wall)} / "
            f"{ratio(sg.cpu, nbp.cpu)} | {per_second} "
            f"| {fmt(nbc.rss_mb, 0)} / {fmt(nbp.rss_mb, 0)} / {fmt(sg.rss_mb, 0) if sg.total else '—'} |"
        )
    return lines


def markdown(results: dict) -> str:  # type: ignore[type-arg]
    env = results["environment"]
    out = [
        BEGIN,
        "",
        f"*Generated by `benchmarks/convert_speed.py` on {env['date']} "
        f"(nb2pipe {env['nb2pipe']}, {results['repeats']} repeats, medians).*",
        "",
        "**Machine and load.** " + ", ".join(f"{k}: {v}" for k, v in env.items() if k != "date"),
        "",
        "### Conversion time",
        "",
        "Each cell of the table is the median over the repeats of the total for that input "
        "(for the corpus: the sum over its notebooks, each converted alone in a fresh process). "
        "Peak MB is the largest resident set of any one run.",
        "",
        *speed_table(results),
        "",
    ]
    notes = [f"* {i['name']}, {tool}: {i[tool]['note']}" for i in results["inputs"]
             for tool in ("nb2pipe", "nbconvert", "soorgeon") if i.get(tool) and i[tool]["note"]]
    if results.get("soorgeon_subset"):
        s = results["soorgeon_subset"]
        out += [
            f"On the {s['count']} corpus notebooks soorgeon converts, one run each: soorgeon "
            f"{fmt(s['soorgeon'][0])} s wall / {fmt(s['soorgeon'][1])} s CPU, nb2pipe "
            f"{fmt(s['nb2pipe'][0])} s / {fmt(s['nb2pipe'][1])} s, nbconvert {fmt(s['nbconvert'][0])} s / "
            f"{fmt(s['nbconvert'][1])} s (soorgeon ÷ nb2pipe: {ratio(s['soorgeon'][0], s['nb2pipe'][0])} wall, "
            f"{ratio(s['soorgeon'][1], s['nb2pipe'][1])} CPU).",
            "",
        ]
    if notes:
        out += ["Failures and notes:", "", *notes, ""]
    out += ["### Import costs (fresh interpreter, medians)", "",
            "| module | wall s | CPU s |", "|---|---|---|"]
    out += [f"| `{name}` | {fmt(v[0])} | {fmt(v[1])} |" for name, v in results["imports"].items()]
    out += ["", f"### nb2pipe stages in one process, {results['stages_cells']:,}-cell notebook", "",
            "| stage | wall s | CPU s |", "|---|---|---|"]
    out += [f"| {name} | {fmt(v[0])} | {fmt(v[1])} |" for name, v in results["stages"].items()]
    out += ["", f"### Analysis approaches, {results['stages_cells']:,}-cell notebook (code cells, magics translated)",
            "", "| approach | wall s | CPU s | what it computes | defined names agree with nb2pipe |",
            "|---|---|---|---|---|"]
    for name, value in results["analysis"].items():
        out.append(f"| {name} | {fmt(value.get('wall'))} | {fmt(value.get('cpu'))} | {value.get('what', '')} "
                   f"| {value.get('agreement', '')} |")
    growth = results["growth"]
    cli, default = growth["cli"], growth["default"]
    out += ["", "### Growth with the number of cells (analysis + planning CPU s, one process each)", "",
            "With the garbage-collector settings of the CLI (`collect_less`), and with CPython's defaults "
            "(as when nb2pipe runs inside another process, e.g. the JupyterLab extension).", "",
            "| cells | analyze (CLI) | plan (CLI) | analyze (default GC) | plan (default GC) |",
            "|---|---|---|---|---|"]
    out += [f"| {int(n):,} | {fmt(v['analyze'])} | {fmt(v['plan'])} | {fmt(default['sizes'][n]['analyze'])} "
            f"| {fmt(default['sizes'][n]['plan'])} |" for n, v in sorted(cli["sizes"].items(), key=lambda kv: int(kv[0]))]
    out += ["", "Fitted exponent (CPU ∝ cells^k, least squares on log-log): "
                f"CLI: analyze k = {cli['exponent']['analyze']:.2f}, plan k = {cli['exponent']['plan']:.2f}; "
                f"default GC: analyze k = {default['exponent']['analyze']:.2f}, "
                f"plan k = {default['exponent']['plan']:.2f}.", "", END]
    return "\n".join(out)


def write_doc(doc: Path, text: str, begin: str = BEGIN, end: str = END) -> None:
    """Put ``text`` (which starts with ``begin`` and ends with ``end``) in place of the marked
    section of ``doc``, or at its end; the other benchmarks write their sections with it too."""
    current = doc.read_text(encoding="utf-8") if doc.exists() else f"# Performance\n\n{begin}\n{end}\n"
    if begin in current and end in current:
        head, rest = current.split(begin, 1)
        current = head + text + rest.split(end, 1)[1]
    else:
        current = current.rstrip("\n") + "\n\n" + text + "\n"
    doc.write_text(current, encoding="utf-8")


# ------------------------------------------------------------------------------------ main
def version_of(command: list[str]) -> str:
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=120, check=False)
        return (result.stdout.strip() or result.stderr.strip()).splitlines()[-1]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def environment(soorgeon: Path | None) -> dict[str, str]:
    def dist(name: str) -> str:
        import importlib.metadata
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "not installed"
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "nb2pipe"], capture_output=True,
                           text=True, check=False).stdout.strip()
    found = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "nb2pipe": f"{commit}{' + uncommitted changes' if dirty else ''}"
                   + (f" (PYTHONPATH={os.environ['PYTHONPATH']})" if os.environ.get("PYTHONPATH") else ""),
        "cores": str(os.cpu_count()),
        "load average before": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "nbconvert": dist("nbconvert"), "nbformat": dist("nbformat"), "jsonschema": dist("jsonschema"),
        "rfc3987-syntax": dist("rfc3987-syntax"), "libcst": dist("libcst"), "ruff": dist("ruff"),
        "kedro": dist("kedro"),
    }
    if soorgeon:
        python = soorgeon.parent / "python"
        probe = "import importlib.metadata as m, platform; print(m.version('soorgeon'), m.version('ploomber'), platform.python_version())"
        parts = version_of([str(python), "-c", probe]).split()
        if len(parts) == 3:
            found["soorgeon"] = f"{parts[0]} (ploomber {parts[1]}, Python {parts[2]}, own venv)"
    else:
        found["soorgeon"] = "not available"
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--soorgeon", help="path of the soorgeon executable (else $SOORGEON)")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--growth", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--timeout", type=float, default=1800, help="per run, seconds")
    parser.add_argument("--doc", type=Path, default=REPO / "docs" / "performance.md")
    parser.add_argument("--no-doc", action="store_true")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--quick", action="store_true", help="1 repeat, no corpus, no slow LibCST runs")
    parser.add_argument("--from-json", type=Path,
                        help="reuse the command runs (conversion table) of an earlier --json; measure the rest")
    parser.add_argument("--skip-soorgeon-over", type=int, default=None,
                        help="do not run soorgeon on synthetic notebooks with more cells than this")
    parser.add_argument("--slow-over", type=int, default=1000,
                        help="soorgeon runs once (not --repeats times) on inputs with more cells")
    args = parser.parse_args()
    if args.quick:
        args.repeats = 1
    soorgeon = find_soorgeon(args.soorgeon)
    results: dict = {"repeats": args.repeats, "environment": environment(soorgeon), "inputs": []}  # type: ignore[type-arg]
    print(f"soorgeon: {soorgeon or 'not available'}", flush=True)

    with tempfile.TemporaryDirectory(prefix="speed-inputs-") as tmp:
        synthetic_paths = {n: synthetic.write(n, Path(tmp)) for n in sorted(set(args.sizes) | set(args.growth))}
        notebooks = [] if args.quick else sorted(args.corpus.glob("*.ipynb"))
        sets: list[tuple[str, int, list[list[Path]]]] = []
        if notebooks:
            cells = sum(len(json.loads(p.read_text(encoding="utf-8"))["cells"]) for p in notebooks)
            sets.append((f"corpus, {len(notebooks)} notebooks one by one", cells, [[p] for p in notebooks]))
            sets.append(("corpus folder, one command", cells, [notebooks]))
        sets += [(f"synthetic {n:,}", n, [[synthetic_paths[n]]]) for n in args.sizes]
        if args.from_json:
            earlier = json.loads(args.from_json.read_text(encoding="utf-8"))
            results["inputs"] = earlier["inputs"]
            if "soorgeon_subset" in earlier:
                results["soorgeon_subset"] = earlier["soorgeon_subset"]
            results["environment"] = {**earlier["environment"], "in-process parts measured": results["environment"]["date"]}
            sets, notebooks = [], []
        soorgeon_ok: list[bool] = []
        for name, cells, input_sets in sets:
            item: dict = {"name": name, "cells": cells}  # type: ignore[type-arg]
            for tool in ("nbconvert", "nb2pipe", "soorgeon"):
                if tool == "soorgeon":
                    if soorgeon is None:
                        item["soorgeon_note"] = "not available"
                        continue
                    if any(len(s) > 1 for s in input_sets):
                        item["soorgeon_note"] = "one notebook at a time only"
                        continue
                    if args.skip_soorgeon_over is not None and cells > args.skip_soorgeon_over and name.startswith("synthetic"):
                        item["soorgeon_note"] = f"not run (over {args.skip_soorgeon_over} cells)"
                        continue
                print(f"{name}: {tool} ...", flush=True)
                repeats = args.repeats
                if tool == "soorgeon" and cells > args.slow_over:
                    repeats = 1  # minutes per run
                    item["soorgeon_note"] = "1 run"
                row, oks = repeated(tool, input_sets, repeats, soorgeon, args.timeout)
                item[tool] = asdict(row)
                if tool == "soorgeon" and name.startswith("corpus,"):
                    soorgeon_ok = oks
                print(f"  wall {fmt(row.wall)} s, CPU {fmt(row.cpu)} s, ok {row.ok}/{row.total} {row.note[:200]}", flush=True)
            results["inputs"].append(item)
        if notebooks and soorgeon is not None and any(soorgeon_ok):
            subset = {i for i, ok in enumerate(soorgeon_ok) if ok}
            per_tool = {}
            for tool in ("soorgeon", "nb2pipe", "nbconvert"):
                row, _ = repeated(tool, [[p] for p in notebooks], 1, soorgeon, args.timeout, only=subset)
                per_tool[tool] = (row.wall, row.cpu)
            results["soorgeon_subset"] = {"count": len(subset), **per_tool}

        print("imports ...", flush=True)
        results["imports"] = {}
        for module in ("nb2pipe.cli", "nbformat", "libcst", "typer", "jinja2", "nbconvert"):
            samples = [child(CHILD_IMPORT, module) for _ in range(max(args.repeats, 3))]
            results["imports"][module] = median_pair(samples)  # type: ignore[arg-type]

        big = max(args.sizes)
        results["stages_cells"] = big
        print(f"stages on {big} cells ...", flush=True)
        samples = [child(CHILD_STAGES, str(synthetic_paths[big].parent)) for _ in range(args.repeats)]
        results["stages"] = {k: median_pair([s[k] for s in samples]) for k in samples[0]}  # type: ignore[index]

        print("analysis approaches ...", flush=True)
        results["analysis"] = analysis_approaches(synthetic_paths[big], args.repeats, args.quick)

        print("growth ...", flush=True)
        results["growth"] = {}
        for mode in ("cli", "default"):
            sizes = {}
            for n in args.growth:
                runs = [child(CHILD_GROWTH, str(synthetic_paths[n]), mode) for _ in range(args.repeats)]
                sizes[n] = {k: statistics.median(r[k] for r in runs) for k in ("analyze", "plan")}  # type: ignore[index]
            results["growth"][mode] = {"sizes": sizes,
                                       "exponent": {k: exponent(sizes, k) for k in ("analyze", "plan")}}
    results["environment"]["load average after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())

    text = markdown(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    if not args.no_doc:
        write_doc(args.doc, text)
        print(f"wrote {args.doc}")


WHAT = {
    "nb2pipe analyze (all facts)": "chunks, defines/uses/mutates in order, files, RNG, plots, edits",
    "ast.parse": "syntax trees only",
    "ast.parse + walk (names)": "trees + every assigned name (no scopes, no order)",
    "symtable": "symbol tables (scopes) only",
    "libcst.parse_module": "concrete syntax trees only",
    "libcst parse + visitor (names)": "trees + every name (no scopes)",
    "libcst ScopeProvider (per cell)": "scopes: global assignments and accesses",
    "libcst ScopeProvider (whole module)": "scopes, all cells as one module",
}


def analysis_approaches(notebook: Path, repeats: int, quick: bool) -> dict:  # type: ignore[type-arg]
    found: dict = {}  # type: ignore[type-arg]
    reference = None
    for approach in WHAT:
        slow = approach.startswith("libcst ScopeProvider")
        if quick and slow:
            continue
        runs = [child(CHILD_ANALYSIS, str(notebook), approach) for _ in range(1 if slow else repeats)]
        value = {"wall": statistics.median(r["wall"] for r in runs),  # type: ignore[index]
                 "cpu": statistics.median(r["cpu"] for r in runs), "what": WHAT[approach]}  # type: ignore[index]
        if slow:
            value["what"] += " (1 run)"
        defines = runs[0].get("defines")  # type: ignore[union-attr]
        if approach.startswith("nb2pipe"):
            reference = defines
            value["agreement"] = "(reference)"
        elif defines is not None and reference is not None:
            same = sum(1 for a, b in zip(defines, reference) if set(a) == set(b))
            value["agreement"] = f"{same:,} of {len(reference):,} cells"
        found[approach] = value
    return found


def exponent(sizes: dict, key: str) -> float:  # type: ignore[type-arg]
    points = [(math.log(n), math.log(v[key])) for n, v in sizes.items() if v[key] > 0]
    if len(points) < 2:
        return float("nan")
    mx = statistics.mean(p[0] for p in points)
    my = statistics.mean(p[1] for p in points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


if __name__ == "__main__":
    main()
