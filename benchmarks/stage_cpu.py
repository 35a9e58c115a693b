"""Where converting a large folder spends its CPU: analysis, planning and rendering, at several
folder sizes, for this checkout and a baseline checkout side by side in the same run.

Usage:
    python benchmarks/stage_cpu.py [--notebooks 250 500 1000 2000] [--cells 12]
                                   [--baseline REV] [--markdown FILE]

Builds one folder per size of synthetic notebooks (the same folders `benchmarks/scale.py`
converts: benchmarks/synthetic.py, one seed per notebook), then, in a fresh process per
(checkout, size), runs `api.generate` on it in one process (`--jobs 1`) and measures
`time.process_time()` around planning (`api.plan_keeping_going`) and rendering (`api.render`);
analysis is the rest of `generate` (reading and analysing every source). The baseline is a
detached git worktree of REV (default: HEAD~1) made in a temporary folder. The table gives the
CPU seconds per stage and the growth exponent k between the smallest and largest size
(CPU ∝ notebooks^k: 1 is linear). With --markdown, the table replaces the part of FILE between
`<!-- stage-cpu:begin -->` and `<!-- stage-cpu:end -->`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BEGIN, END = "<!-- stage-cpu:begin -->", "<!-- stage-cpu:end -->"
STAGES = ("analysis", "planning", "rendering")

#: Run in a fresh interpreter with PYTHONPATH set to the checkout measured.
CHILD = """
import json, sys, time
from pathlib import Path
from nb2pipe import api
from nb2pipe.options import Options
spent = {"planning": 0.0, "rendering": 0.0}
def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start
    return wrapper
api.plan_keeping_going = timed("planning", api.plan_keeping_going)
api.render = timed("rendering", api.render)
if __name__ == "__main__":
    start = time.process_time()
    api.generate([Path(sys.argv[1])], Path(sys.argv[2]), Options(jobs=1))
    total = time.process_time() - start
    spent["analysis"] = total - spent["planning"] - spent["rendering"]
    print(json.dumps(spent))
"""


def measure(checkout: Path, folder: Path, work: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout), "KEDRO_DISABLE_TELEMETRY": "1"}
    script = work / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(folder), str(work / "out" / "project")],
                          env=env, capture_output=True, text=True, check=True, cwd=work)
    return json.loads(done.stdout.strip().splitlines()[-1])


def exponent(small: float, large: float, n_small: int, n_large: int) -> str:
    if small <= 0 or large <= 0 or n_small == n_large:
        return "–"
    return f"{math.log(large / small) / math.log(n_large / n_small):.2f}"


def table(sizes: list[int], results: dict[str, dict[int, dict[str, float]]], labels: dict[str, str]) -> str:
    lines = ["| checkout | notebooks | " + " | ".join(f"{s} (s)" for s in STAGES) + " |",
             "|---|---:|" + "---:|" * len(STAGES)]
    for key, label in labels.items():
        for size in sizes:
            cpu = results[key][size]
            lines.append(f"| {label} | {size} | " + " | ".join(f"{cpu[s]:.2f}" for s in STAGES) + " |")
        first, last = sizes[0], sizes[-1]
        ks = [exponent(results[key][first][s], results[key][last][s], first, last) for s in STAGES]
        lines.append(f"| {label} | k ({first}→{last}) | " + " | ".join(ks) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notebooks", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--cells", type=int, default=12)
    parser.add_argument("--baseline", default="HEAD~1")
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    import scale  # noqa: PLC0415 (benchmarks/ is not a package)

    sizes = sorted(args.notebooks)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                          text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(base), args.baseline], cwd=REPO, check=True)
        try:
            rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=base, capture_output=True,
                                 text=True, check=True).stdout.strip()
            labels = {"baseline": f"baseline {rev}", "this": f"this {head}"}
            results: dict[str, dict[int, dict[str, float]]] = {"baseline": {}, "this": {}}
            for size in sizes:
                folder = Path(tmp) / f"notebooks_{size}"
                scale.build(folder, size, args.cells)
                for key, checkout in (("baseline", base), ("this", REPO)):
                    work = Path(tmp) / f"work_{key}_{size}"
                    work.mkdir()
                    results[key][size] = measure(checkout, folder, work)
                    print(f"{labels[key]} {size}: " + ", ".join(f"{s} {results[key][size][s]:.2f} s" for s in STAGES),
                          file=sys.stderr, flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=REPO, check=False)
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    text = (f"*Generated by `python benchmarks/stage_cpu.py --notebooks {' '.join(map(str, sizes))} "
            f"--cells {args.cells} --baseline {args.baseline}` at nb2pipe {head}; CPU seconds of one "
            f"process (`--jobs 1`); load average after: {load}.*\n\n" + table(sizes, results, labels))
    print(text)
    if args.markdown:
        page = args.markdown.read_text(encoding="utf-8")
        if BEGIN in page and END in page:
            page = page.split(BEGIN)[0] + BEGIN + "\n" + text + "\n" + END + page.split(END, 1)[1]
        else:
            page = page.rstrip("\n") + "\n\n" + BEGIN + "\n" + text + "\n" + END + "\n"
        args.markdown.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
