"""Small-notebook conversion cost, this checkout next to a baseline revision, in the same run.

On small notebooks `nb2pipe convert` is mostly its fixed cost (interpreter, imports, version
pins), so this benchmark isolates it: each input is converted by the working tree and by a
baseline revision (a temporary git worktree, imported first through PYTHONPATH from the same
interpreter), interleaved run by run so that both see the same machine load, plus soorgeon when
it is installed (the peer of issue 4). It prints a markdown table of median wall and CPU seconds.

    python benchmarks/startup.py --baseline 914eb4f~1 --repeats 7
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from convert_speed import ENV, REPO, find_soorgeon, measure
from synthetic import write as write_synthetic

CORPUS_SMALL = REPO.parent / "shared" / "corpus" / "public" / "notebooks"
#: Small corpus notebooks soorgeon accepts (it refuses 11 of 25, see docs/fidelity.md).
SMALL = ("ploomber__soorgeon__exploratory_nb.ipynb", "raphaelvallat__pingouin__01_ANOVA.ipynb")


def inputs(work: Path) -> dict[str, Path]:
    found = {"synthetic, 10 cells": write_synthetic(10, work / "synthetic"),
             "sample_notebooks/ (3 notebooks)": REPO / "sample_notebooks"}
    for name in SMALL:
        if (CORPUS_SMALL / name).is_file():
            found[name.split("__")[-1]] = CORPUS_SMALL / name
    return found


def nb2pipe(path: Path, out: Path, pythonpath: str | None) -> tuple[list[str], dict[str, str]]:
    """The CLI of this checkout, or of the baseline worktree put first on PYTHONPATH."""
    env = dict(ENV, PYTHONPATH=pythonpath) if pythonpath else dict(ENV)
    return [sys.executable, "-m", "nb2pipe", "convert", str(path), "-o", str(out)], env


def run_once(tool: str, path: Path, baseline: Path,
             soorgeon: Path | None) -> tuple[float, float] | None:
    """(wall, CPU) of one conversion; None when soorgeon refuses the input."""
    with tempfile.TemporaryDirectory(prefix="startup-") as tmp:
        out = Path(tmp) / "project"
        if tool == "soorgeon":
            work = Path(tmp) / "work"
            work.mkdir()
            shutil.copy(path, work / "notebook.ipynb")
            run = measure([str(soorgeon), "refactor", "notebook.ipynb"], cwd=work)
        else:
            command, env = nb2pipe(path, out, str(baseline) if tool == "baseline" else None)
            run = measure(command, env=env)
        if not run.ok and tool == "soorgeon":
            return None
        if not run.ok:
            raise SystemExit(f"{tool} failed on {path}: {run.note}")
        return run.wall, run.cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", required=True, help="git revision to compare with")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--soorgeon", help="path of the soorgeon executable (else $SOORGEON)")
    args = parser.parse_args()
    soorgeon = find_soorgeon(args.soorgeon)
    with tempfile.TemporaryDirectory(prefix="startup-") as tmp:
        work = Path(tmp)
        baseline = work / "baseline"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "-q", "--detach", str(baseline),
                        args.baseline], check=True)
        try:
            rows = measure_all(inputs(work), baseline, soorgeon, args.repeats)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(baseline)],
                           check=False)
    print(table(rows, args.baseline, args.repeats, soorgeon is not None))


def measure_all(found: dict[str, Path], baseline: Path, soorgeon: Path | None,
                repeats: int) -> dict[str, dict[str, tuple[float, float]]]:
    tools = ["baseline", "current"] + (["soorgeon"] if soorgeon else [])
    rows: dict[str, dict[str, tuple[float, float]]] = {}
    for label, path in found.items():
        samples: dict[str, list[tuple[float, float]]] = {t: [] for t in tools}
        for _ in range(repeats):
            for tool in tools:  # interleaved: both revisions see the same load
                if tool == "soorgeon" and path.is_dir():
                    continue
                sample = run_once(tool, path, baseline, soorgeon)
                samples[tool] += [sample] if sample else []
        rows[label] = {t: (statistics.median(w for w, _ in s), statistics.median(c for _, c in s))
                       for t, s in samples.items() if s}
    return rows


def table(rows: dict[str, dict[str, tuple[float, float]]], baseline: str, repeats: int,
          with_soorgeon: bool) -> str:
    load = " ".join(f"{v:.1f}" for v in os.getloadavg())
    head = ["input", f"baseline {baseline} wall / CPU s", "current wall / CPU s", "CPU saved"]
    head += ["soorgeon wall / CPU s", "soorgeon ÷ current (CPU)"] if with_soorgeon else []
    lines = [f"Medians of {repeats} interleaved runs; load average after: {load}.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, row in rows.items():
        (bw, bc), (cw, cc) = row["baseline"], row["current"]
        cells = [label, f"{bw:.2f} / {bc:.2f}", f"{cw:.2f} / {cc:.2f}", f"{(bc - cc) / bc:.0%}"]
        if with_soorgeon:
            sw, sc = row.get("soorgeon", (None, None))
            cells += [f"{sw:.2f} / {sc:.2f}", f"{sc / cc:.1f}×"] if sc else ["—", "—"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
