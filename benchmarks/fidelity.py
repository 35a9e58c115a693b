"""Verify every notebook of a corpus: does the generated pipeline compute what the notebook did?

Usage: python benchmarks/fidelity.py [--corpus public|large|all] [--markdown docs/fidelity.md]
                                     [--jobs 2] [--only NAME] [--sample N --seed S]
                                     [--timeout 300] [--limit 900]
                                     [--runs 2] [--json FILE] [--cache DIR]

Each notebook is verified alone (`nb2pipe.verify.verify`), from a fresh temporary copy of its
folder (public corpus) or of its project (large corpus, corpus/<project>/: notebooks there read
files and import modules from elsewhere in their project), in its own subprocess (so one
notebook's imports or crash cannot affect the next), ``--jobs`` at a time, each stopped after
``--limit`` seconds. Results are cached in ``--cache``, keyed by the notebook's sha256 and the
nb2pipe commit (plus "-dirty" when nb2pipe/ has uncommitted changes), so an interrupted run
continues where it stopped and a rerun at the same commit costs nothing.
Prints one JSON line per notebook, then a Markdown summary (also written with --markdown):
datasets equal / different / not compared / not reproducible, figures and times, and the
differences grouped by node so that converter bugs stand out; the large corpus section also
groups the failures by cause (benchmarks/fidelity_causes.py). Rewriting the --markdown file keeps
the parts other scripts generate in it (between `<!-- name:begin -->` and `<!-- name:end -->`,
e.g. benchmarks/soorgeon_fidelity.py's side-by-side section), at its end; the large corpus
section is such a part (``fidelity-large``) and replaces its previous version in place.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from subprocess import PIPE

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
#: shared/ beside the checkout (or beside the folder of worktrees, /work/wt/<name>).
DEFAULT_CORPUS = (
    next(
        (p for p in (HERE.parents[1], HERE.parents[2]) if (p / "shared").is_dir()), HERE.parents[1]
    )
    / "shared"
    / "corpus"
    / "public"
    / "notebooks"
)
LARGE_CORPUS = HERE.parent / "corpus"
DEFAULT_CACHE = Path.home() / ".cache" / "nb2pipe-fidelity"
STATUSES = ("equal", "different", "not compared", "not reproducible")
#: Parts of the --markdown file that other scripts generate between ``<!-- name:begin -->`` and
#: ``<!-- name:end -->`` (benchmarks/soorgeon_fidelity.py): kept, at the end, when it is rewritten.
MARKED = re.compile(r"<!-- ([\w-]+):begin -->.*?<!-- \1:end -->", re.DOTALL)


@dataclass(frozen=True)
class Item:
    """One notebook to verify: its name in the report, its file, the folder copied to run it."""

    name: str
    notebook: Path
    folder: Path
    #: sha256 of the original notebook (corpus/MANIFEST.tsv), "" for the file's own.
    sha256: str = ""


def public_items(corpus: Path) -> list[Item]:
    """Every notebook of a flat folder (the public corpus), run from a copy of that folder."""
    return [Item(nb.name, nb, nb.parent) for nb in sorted(corpus.glob("*.ipynb"))]


def large_items(corpus: Path = LARGE_CORPUS) -> list[Item]:
    """The notebooks of corpus/MANIFEST.tsv, each run from a copy of its project folder."""
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = [
            r for r in csv.DictReader(handle, delimiter="\t") if r["kind"] in ("notebook", "script")
        ]
    return [
        Item(r["file"], corpus / r["file"], corpus / r["file"].split("/")[0], r["sha256"])
        for r in rows
    ]


def verify_one(notebook: Path, folder: Path, timeout: int, runs: int) -> dict[str, object]:
    """Verify one notebook in a copy of ``folder`` (run inside the child process)."""
    from nb2pipe.errors import Nb2PipeError
    from nb2pipe.verify import to_json, verify

    with tempfile.TemporaryDirectory(prefix="nb2pipe-fidelity-") as tmp:
        copy = Path(tmp) / "src"
        shutil.copytree(folder, copy)
        started = time.perf_counter()
        try:
            report = verify([copy / notebook.relative_to(folder)], timeout=timeout, runs=runs)
        except Nb2PipeError as error:
            return {"notebook": notebook.name, "converted": False, "reason": str(error)[:300]}
        data = to_json(report)
    data["notebook"] = notebook.name
    data["converted"] = True
    data["seconds"] = round(time.perf_counter() - started, 1)
    return data


def run_child(item: Item, timeout: int, runs: int, limit: int) -> dict[str, object]:
    """`verify_one` in a subprocess; a crash or a hang becomes a result, not an exception."""
    command = [
        sys.executable,
        __file__,
        "--child",
        str(item.notebook),
        "--folder",
        str(item.folder),
        "--timeout",
        str(timeout),
        "--runs",
        str(runs),
    ]
    # its own process group: on timeout the kernels and `kedro run` it started die with it
    with subprocess.Popen(
        command, stdout=PIPE, stderr=PIPE, text=True, start_new_session=True
    ) as process:
        try:
            out, err = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return {
                "notebook": item.name,
                "converted": None,
                "reason": f"verify timed out ({limit} s)",
            }
    done = subprocess.CompletedProcess(command, process.returncode, out, err)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1][:300]
        return {"notebook": item.name, "converted": None, "reason": f"verify crashed: {reason}"}
    return {**json.loads(lines[-1]), "notebook": item.name}


def nb2pipe_commit() -> str:
    """The last commit that changed the nb2pipe package, "-dirty" when nb2pipe/ has uncommitted
    changes (commits elsewhere, docs or benchmarks, keep the cache)."""
    git = ["git", "-C", str(HERE.parent)]
    head = (
        subprocess.run(
            [*git, "log", "-1", "--format=%h", "--abbrev=12", "--", "nb2pipe"],
            capture_output=True,
            text=True,
        ).stdout.strip()
        or "unknown"
    )
    dirty = subprocess.run(
        [*git, "status", "--porcelain", "--", "nb2pipe"], capture_output=True, text=True
    ).stdout.strip()
    return head + ("-dirty" if dirty else "")


def cached_run(item: Item, args: argparse.Namespace, cache: Path) -> dict[str, object] | None:
    """`run_child`, or its result cached under ``cache`` for this notebook's sha256 (None with
    --cached-only when there is none yet)."""
    # the large corpus: the original's sha256 (stripping outputs is not a change to verify)
    digest = (item.sha256 or hashlib.sha256(item.notebook.read_bytes()).hexdigest())[:24]
    path = cache / f"{digest}-t{args.timeout}-r{args.runs}.json"
    if path.exists():
        return {**json.loads(path.read_text(encoding="utf-8")), "notebook": item.name}
    if args.cached_only:
        return None
    result = run_child(item, args.timeout, args.runs, args.limit)
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result), encoding="utf-8")
    return result


def run_items(items: list[Item], args: argparse.Namespace) -> list[dict[str, object]]:
    """Verify ``items``, ``--jobs`` at a time; the results in the order of ``items``."""
    cache = args.cache / nb2pipe_commit()
    results: dict[str, dict[str, object]] = {}
    with ThreadPoolExecutor(max(1, args.jobs)) as pool:
        futures = {pool.submit(cached_run, item, args, cache): item for item in items}
        for future in as_completed(futures):
            result = future.result()
            if result is not None:
                results[futures[future].name] = result
                print(json.dumps(summary(result)), flush=True)
    return [results[item.name] for item in items if item.name in results]


def summary(result: dict[str, object]) -> dict[str, object]:
    """One flat line per notebook for the table."""
    if not result.get("converted"):
        return {"notebook": result["notebook"], "ok": False, "reason": result.get("reason", "")}
    counts: Counter[str] = Counter()
    errors: list[str] = list(result.get("errors", []))  # type: ignore[arg-type]
    figures = [0, 0]
    for entry in result["notebooks"]:  # type: ignore[union-attr]
        counts.update(entry["counts"])
        errors += entry["errors"]
        figures[0] += entry["figures_notebook"]
        figures[1] += entry["figures_pipeline"]
    return {
        "notebook": result["notebook"],
        "ok": result["ok"],
        **{status: counts[status] for status in STATUSES},
        "figures": f"{figures[0]} / {figures[1]}",
        "seconds": result.get("seconds", ""),
        # no pipeline (nothing converted): verify's note says so
        "reason": "; ".join(errors or ([] if result["notebooks"] else result["notes"]))[:200],
    }


def differences(results: list[dict[str, object]]) -> list[str]:
    """Every "different" row: notebook, dataset, node, cells, detail."""
    lines = []
    for result in results:
        for entry in result.get("notebooks", []) or []:  # type: ignore[union-attr]
            for row in entry["results"]:
                if row["status"] == "different":
                    cells = ", ".join(row["cells"])
                    lines.append(
                        f"- `{result['notebook']}`: `{row['dataset']}` from `{row['node']}` "
                        f"(cells {cells}): {row['detail'][:160]}"
                    )
    return lines


def markdown(results: list[dict[str, object]]) -> str:
    """The Markdown report: totals, one row per notebook, then every difference."""
    rows = [summary(r) for r in results]
    verified = sum(1 for r in rows if r["ok"])
    totals = {s: sum(int(r.get(s, 0) or 0) for r in rows) for s in STATUSES}
    lines = [
        "# nb2pipe fidelity on the public corpus",
        "",
        "Generated by `python benchmarks/fidelity.py --markdown docs/fidelity.md`: each notebook",
        "verified alone (`nb2pipe verify`: notebook run twice, pipeline run once, every dataset",
        "compared). See docs/verify.md for the rules.",
        "",
        f"- notebooks: {len(rows)}; verified (no difference, no error): {verified}",
        "- datasets: " + ", ".join(f"{totals[s]} {s}" for s in STATUSES),
        "",
        "| notebook | ok | " + " | ".join(STATUSES) + " | figures nb / pipe | s | errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        reason = str(r.get("reason", "")).replace("|", "\\|").replace("\n", " ")
        cells = [str(r.get(s, "")) for s in STATUSES]
        lines.append(
            f"| {r['notebook']} | {'yes' if r['ok'] else 'no'} | {' | '.join(cells)} | "
            f"{r.get('figures', '')} | {r.get('seconds', '')} | {reason} |"
        )
    found = differences(results)
    if found:
        lines += ["", "## Differences", "", *found]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "corpus_dir", nargs="?", type=Path, default=DEFAULT_CORPUS, help="the public corpus folder"
    )
    parser.add_argument("--corpus", choices=("public", "large", "all"), default="public")
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--only", default="")
    parser.add_argument(
        "--sample", type=int, default=0, help="verify this many notebooks drawn at random"
    )
    parser.add_argument("--seed", type=int, default=0, help="the --sample draw's seed")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks verified at once")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per notebook cell")
    parser.add_argument("--limit", type=int, default=900, help="seconds per notebook in all")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--cached-only", action="store_true", help="run nothing: report the cached results"
    )
    parser.add_argument("--json", type=Path, help="write every notebook's full verify result here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder = args.folder or args.child.parent
        print(json.dumps(verify_one(args.child, folder, args.timeout, args.runs)))
        return
    for corpus in ("public", "large") if args.corpus == "all" else (args.corpus,):
        items = public_items(args.corpus_dir) if corpus == "public" else large_items()
        items = [item for item in items if args.only in item.name]
        if 0 < args.sample < len(items):  # a larger sample (same seed) holds the smaller
            order = list(range(len(items)))
            random.Random(args.seed).shuffle(order)
            drawn = set(order[: args.sample])
            items = [item for number, item in enumerate(items) if number in drawn]
        results = run_items(items, args)
        if args.json:  # soorgeon_fidelity.py --nb2pipe-json reads the public corpus's
            path = args.json if corpus == "public" else args.json.with_suffix(".large.json")
            path.write_text(json.dumps(results, indent=1), encoding="utf-8")
        if corpus == "public":
            text = markdown(results)
            print(text)
            if args.markdown:
                args.markdown.write_text(keep_marked(args.markdown, text), encoding="utf-8")
            continue
        from fidelity_causes import large_markdown, raw_results

        text = large_markdown(results, summary, nb2pipe_commit(), len(items) - len(results))
        print(text)
        if args.markdown:  # a docs run: its raw results are committed beside the page
            raw = HERE / "results" / "fidelity-large.json"
            raw.parent.mkdir(exist_ok=True)
            raw.write_text(
                json.dumps(raw_results(results, nb2pipe_commit()), indent=1) + "\n", encoding="utf-8"
            )
            args.markdown.write_text(replace_marked(args.markdown, text), encoding="utf-8")


def replace_marked(path: Path, part: str) -> str:
    """The file with its marked part of the same name as ``part`` replaced (or added at the end)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    name = MARKED.match(part.strip())
    if name:
        for match in MARKED.finditer(old):
            if match.group(1) == name.group(1):
                return old[: match.start()] + part.strip() + old[match.end() :]
    return old.rstrip("\n") + "\n\n" + part.strip() + "\n"


def keep_marked(path: Path, text: str) -> str:
    """``text``, followed by the marked parts of the file it replaces (see `MARKED`)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = [match.group(0) for match in MARKED.finditer(old)]
    return text + "".join(f"\n{part}\n" for part in kept)


if __name__ == "__main__":
    main()
