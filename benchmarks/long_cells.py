"""Conversion time of one long indented cell (a list literal of N lines), this checkout next to
a baseline revision: reading magics used to rescan earlier lines for every indented line
(quadratic: 26 s for 10,000 lines, 161 s for 20,000).

    python benchmarks/long_cells.py --baseline <rev> --lines 10000 20000 40000 --timeout 300

Each conversion is a subprocess (`python -m nb2pipe convert`) importing nb2pipe from the
checkout, or from `git archive <rev>` unpacked in a temporary folder; a run past --timeout is
shown as "> T s". Prints a markdown table of wall seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def write_notebook(lines: int, folder: Path) -> Path:
    body = "".join(f"    {i},\n" for i in range(lines))
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "id": "c1",
        "metadata": {},
        "outputs": [],
        "source": f"data = [\n{body}]\ntotal = sum(data)\n",
    }
    notebook = {
        "cells": [cell],
        "metadata": {
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "long.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def convert(notebook: Path, out: Path, pythonpath: Path, timeout: float) -> str:
    env = dict(os.environ, PYTHONPATH=str(pythonpath), KEDRO_DISABLE_TELEMETRY="1")
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "nb2pipe", "convert", str(notebook), "-o", str(out)],
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return f"> {timeout:.0f}"
    seconds = time.perf_counter() - start
    return f"{seconds:.1f}" if proc.returncode == 0 else f"{seconds:.1f} (exit {proc.returncode})"


def baseline_tree(rev: str, folder: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "nb2pipe"], check=True, capture_output=True
    ).stdout
    folder.mkdir(parents=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", help="git revision to compare with")
    parser.add_argument("--lines", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        trees = {"this checkout": REPO}
        if args.baseline:
            trees[f"baseline {args.baseline}"] = baseline_tree(args.baseline, work / "baseline")
        print("| lines | " + " | ".join(f"{name} (s)" for name in trees) + " |")
        print("|---:|" + "---:|" * len(trees))
        for lines in args.lines:
            notebook = write_notebook(lines, work / f"in{lines}")
            cells = [
                convert(notebook, work / f"out{lines}_{i}", tree, args.timeout)
                for i, tree in enumerate(trees.values())
            ]
            print(f"| {lines:,} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
