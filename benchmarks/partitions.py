"""Peak memory of a long loop under `kedro run` (issue #13): items written one at a time into a
partitioned dataset, against the same loop keeping every item in memory (a dict the node returns).

Usage: python benchmarks/partitions.py [--items 1 4 8] [--mb 20] [--markdown FILE]

Each variant is a tiny notebook converted by nb2pipe into a fresh project, then `kedro run` in a
subprocess; the peak resident memory of that process (ru_maxrss from wait4) is reported, and the
peak minus that of the same project with no item (Kedro's and numpy's own footprint) as "items
held". The partitioned loop should hold about one item whatever the number of items; the
accumulating loop holds all of them (and the pickle it saves). A table, not a timed test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

BIN = Path(sys.executable).parent

PARTITIONED = """os.makedirs('parts', exist_ok=True)
for i in range(ITEMS):
    item = np.full(SIZE, float(i))
    np.save(f'parts/item_{i:02d}.npy', item)"""

ACCUMULATED = """items = {}
for i in range(ITEMS):
    items[f'item_{i:02d}'] = np.full(SIZE, float(i))"""


def peak_mb(cells: list[str], work: Path) -> float:
    """Convert ``cells`` and `kedro run` the project: peak RSS of the run, in MB."""
    shutil.rmtree(work, ignore_errors=True)
    (work / "nb").mkdir(parents=True)
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, work / "nb" / "loop.ipynb")
    env = dict(os.environ, KEDRO_DISABLE_TELEMETRY="1", DO_NOT_TRACK="1")
    subprocess.run(
        [BIN / "nb2pipe", "convert", work / "nb", "-o", work / "project"],
        check=True,
        capture_output=True,
        env=env,
    )
    process = subprocess.Popen(
        [BIN / "kedro", "run"],
        cwd=work / "project",
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"kedro run failed: {process.stderr.read().decode()[-2000:]}")  # type: ignore[union-attr]
    return usage.ru_maxrss / 1024  # kilobytes on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, nargs="+", default=[1, 4, 8])
    parser.add_argument("--mb", type=int, default=20, help="size of one item (float64 array)")
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    size = args.mb * 1024 * 1024 // 8
    rows = [
        "| loop | items | item MB | peak RSS MB | items held (peak − no-item run), MB |",
        "|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory(prefix="nb2pipe-partitions-") as tmp:
        for label, loop in (
            ("partitioned (nb2pipe)", PARTITIONED),
            ("accumulated in memory", ACCUMULATED),
        ):
            base = peak_mb(
                ["import os\nimport numpy as np", "ITEMS = 0", f"SIZE = {size}", loop],
                Path(tmp) / "w",
            )
            for items in args.items:
                cells = [
                    "import os\nimport numpy as np",
                    f"ITEMS = {items}",
                    f"SIZE = {size}",
                    loop,
                ]
                peak = peak_mb(cells, Path(tmp) / "w")
                rows.append(f"| {label} | {items} | {args.mb} | {peak:.0f} | {peak - base:.0f} |")
                print(rows[-1], flush=True)
    text = "\n".join(rows) + "\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
