"""Reliability fuzzing, longer than the test suite's: random inputs (the strategies of
tests/inputs/fuzzing.py) and byte-level mutations of copies of the public corpus files
(/work/shared/corpus/public: notebooks and bash scripts). Every input is converted in-process
with a deadline; prints a markdown table (inputs tried, crashes, hangs, exit codes) and the
first few failures.

    python benchmarks/fuzz.py --random 500 --mutations 300 --seed 1 --deadline 60 --keep /tmp/f

A mutation flips, deletes, inserts or duplicates a few bytes, or truncates the file.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus" / "public"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus/public")

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from tests.inputs.fuzzing import check_conversion, input_folder, write_folder  # noqa: E402


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not data:
            break
        at = rng.randrange(len(data))
        kind = rng.choice(["flip", "delete", "insert", "duplicate", "truncate"])
        if kind == "flip":
            data[at] ^= 1 << rng.randrange(8)
        elif kind == "delete":
            del data[at : at + rng.randint(1, 16)]
        elif kind == "insert":
            data[at:at] = rng.choice(
                [b"\x00", b"{", b"}", b'"', b"\\", b"\n", b"%%", b"(", b"\xff"]
            )
        elif kind == "duplicate":
            data[at:at] = data[at : at + rng.randint(1, 64)]
        else:
            del data[rng.randint(at, len(data)) :]
    return bytes(data)


def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("notebooks/*.ipynb")) + sorted(CORPUS.glob("bash/**/*.sh"))
    return [f for f in files if f.is_file()]


class Tally:
    def __init__(self, keep: Path | None) -> None:
        self.counts: Counter[str] = Counter()
        self.failures: list[str] = []
        self.keep = keep  # failing inputs are copied here, one folder each

    def add(self, what: str, problem: str, folder: Path) -> None:
        self.counts["tried"] += 1
        kind = "ok" if not problem else "hang" if problem.startswith("crash: Hang") else "crash"
        self.counts[kind] += 1
        if problem:
            self.failures.append(f"{what}: {problem}")
            if self.keep:
                shutil.copytree(folder, self.keep / str(len(self.failures)), symlinks=True)


def run_random(count: int, number: int, seconds: int, tally: Tally) -> None:
    @settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=False,
    )
    @given(files=input_folder())
    def one(files: dict[str, bytes]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            write_folder(Path(tmp) / "in", files)
            tally.add(
                f"random {sorted(files)}",
                check_conversion(Path(tmp) / "in", Path(tmp) / "out", seconds),
                Path(tmp) / "in",
            )

    seed(number)(one)()


def run_mutations(count: int, seed: int, seconds: int, tally: Tally) -> None:
    rng = random.Random(seed)
    files = corpus_files()
    for _ in range(count):
        original = rng.choice(files)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            (folder / original.name).write_bytes(mutate(original.read_bytes(), rng))
            problem = check_conversion(folder, Path(tmp) / "out", seconds)
            tally.add(f"mutated {original.name}", problem, folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=300)
    parser.add_argument("--mutations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--deadline", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="copy each failing input into this folder")
    args = parser.parse_args()
    rows = []
    for name, runner, count in (
        ("random inputs", run_random, args.random),
        ("corpus mutations", run_mutations, args.mutations),
    ):
        tally = Tally(args.keep)
        start = time.perf_counter()
        if count:
            runner(count, args.seed, args.deadline, tally)
        seconds = time.perf_counter() - start
        rows.append((name, tally, seconds))
    print("| inputs | tried | crashes | hangs | seconds |")
    print("|---|---:|---:|---:|---:|")
    for name, tally, seconds in rows:
        c = tally.counts
        print(f"| {name} | {c['tried']} | {c['crash']} | {c['hang']} | {seconds:.0f} |")
    for name, tally, _ in rows:
        for failure in tally.failures[:10]:
            print(f"- {name}: {failure[:300]}")


if __name__ == "__main__":
    main()
