"""Kill `nb2pipe convert` with SIGKILL many times inside its write; print what was left.

The long version of tests/test_write_reliability.py (same harness, tests/reliability_harness.py):
a project with user files (notes, data, ``.git``, edited credentials) is converted back and forth
between two versions, each conversion killed at a random moment of its write (spread evenly over
the measured write window, a little past its end), then recovered as the next run would. The
table says where the kills landed (the last write step the conversion named), what recovery
did, and what the folder was afterwards: the complete old project, the complete new one, or a
mix (never expected), with leftovers and lost user files.

    python benchmarks/reliability.py --kills 200            # fresh `python -m nb2pipe` each time
    python benchmarks/reliability.py --kills 500 --forked   # forked from a warm interpreter
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from reliability_harness import run  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--pause", type=float, default=0.003, help="seconds after each step")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--forked", action="store_true", help="fork from a warm interpreter")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="nb2pipe-reliability-") as work:
        tally = run(Path(work), args.kills, args.pause, args.seed, args.forked)
    seconds = time.monotonic() - started
    mode = "forked" if args.forked else "fresh processes"
    print(f"{tally.kills} kills ({mode}, pause {args.pause} s, seed {args.seed}, "
          f"{seconds:.0f} s)\n")
    print("| kill landed after | kills |\n|---|---:|")
    for step, count in sorted(tally.landed.items()):
        print(f"| {step} | {count} |")
    print("\n| recovery did | kills |\n|---|---:|")
    for done, count in sorted(tally.recoveries.items()):
        print(f"| {done} | {count} |")
    print("\n| folder afterwards | kills |\n|---|---:|")
    rows = [("complete old project", tally.old), ("complete new project", tally.new),
            ("mix of old and new", tally.mixes),
            ("leftover journal/trash/staging", tally.leftovers),
            ("user files lost or changed", tally.user_files_lost)]
    for label, count in rows:
        print(f"| {label} | {count} |")
    return 1 if tally.mixes or tally.leftovers or tally.user_files_lost else 0


if __name__ == "__main__":
    sys.exit(main())
