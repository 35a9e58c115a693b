"""Verify every notebook of a corpus: does the generated pipeline compute what the notebook did?

Usage: python benchmarks/fidelity.py [CORPUS_DIR] [--markdown docs/fidelity.md] [--only NAME]
                                     [--timeout 300] [--runs 2]

Each notebook is verified alone (`nb2pipe.verify.verify`), from a fresh temporary copy of its
folder, in its own subprocess (so one notebook's imports or crash cannot affect the next).
Prints one JSON line per notebook, then a Markdown summary (also written with --markdown):
datasets equal / different / not compared / not reproducible, figures and times, and the
differences grouped by node so that converter bugs stand out. Rewriting the --markdown file keeps
the parts other scripts generate in it (between `<!-- name:begin -->` and `<!-- name:end -->`,
e.g. benchmarks/soorgeon_fidelity.py's side-by-side section), at its end.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "public" / "notebooks"
STATUSES = ("equal", "different", "not compared", "not reproducible")
#: Parts of the --markdown file that other scripts generate between ``<!-- name:begin -->`` and
#: ``<!-- name:end -->`` (benchmarks/soorgeon_fidelity.py): kept, at the end, when it is rewritten.
MARKED = re.compile(r"<!-- ([\w-]+):begin -->.*?<!-- \1:end -->", re.DOTALL)


def verify_one(notebook: Path, timeout: int, runs: int) -> dict[str, object]:
    """Verify one notebook in a copy of its folder (run inside the child process)."""
    from nb2pipe.errors import Nb2PipeError
    from nb2pipe.verify import to_json, verify

    with tempfile.TemporaryDirectory(prefix="nb2pipe-fidelity-") as tmp:
        folder = Path(tmp) / "src"
        shutil.copytree(notebook.parent, folder)
        started = time.perf_counter()
        try:
            report = verify([folder / notebook.name], timeout=timeout, runs=runs)
        except Nb2PipeError as error:
            return {"notebook": notebook.name, "converted": False, "reason": str(error)[:300]}
        data = to_json(report)
    data["notebook"] = notebook.name
    data["converted"] = True
    data["seconds"] = round(time.perf_counter() - started, 1)
    return data


def run_child(notebook: Path, timeout: int, runs: int) -> dict[str, object]:
    """`verify_one` in a subprocess; a crash or a hang becomes a result, not an exception."""
    command = [sys.executable, __file__, "--child", str(notebook), "--timeout", str(timeout)]
    command += ["--runs", str(runs)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout * 4)
    except subprocess.TimeoutExpired:
        return {"notebook": notebook.name, "converted": None, "reason": "verify timed out"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        reason = (done.stderr.strip().splitlines() or ["no output"])[-1][:300]
        return {"notebook": notebook.name, "converted": None, "reason": f"verify crashed: {reason}"}
    return json.loads(lines[-1])


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
        "reason": "; ".join(errors)[:200],
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
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--only", default="")
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write every notebook's full verify result here")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(verify_one(args.child, args.timeout, args.runs)))
        return
    results = []
    for notebook in sorted(args.corpus.glob("*.ipynb")):
        if args.only and args.only not in notebook.name:
            continue
        result = run_child(notebook, args.timeout, args.runs)
        results.append(result)
        print(json.dumps(summary(result)), flush=True)
        if args.json:  # as it goes: soorgeon_fidelity.py --nb2pipe-json reads it
            args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    text = markdown(results)
    print(text)
    if args.markdown:
        args.markdown.write_text(keep_marked(args.markdown, text), encoding="utf-8")


def keep_marked(path: Path, text: str) -> str:
    """``text``, followed by the marked parts of the file it replaces (see `MARKED`)."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    kept = [match.group(0) for match in MARKED.finditer(old)]
    return text + "".join(f"\n{part}\n" for part in kept)


if __name__ == "__main__":
    main()
