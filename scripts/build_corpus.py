"""Build (or rebuild) the large notebook corpus under corpus/ from pinned third-party sources.

Usage:
  python scripts/build_corpus.py discover [--jobs 2] [--timeout 120] [--only TEXT ...]
  python scripts/build_corpus.py rebuild [--out DIR]

``discover`` takes every candidate notebook of scripts/corpus_sources.py (GitHub snapshots under
--mirror at the pinned commit, sdists under --sdists at the pinned version, downloaded with pip if
missing), leaves out those that visibly need the network or a package that is not installed, runs
the others once with nbclient (outputs stripped, in a copy of their project folder, --timeout
seconds in all) and writes the ones that ran into corpus/: notebooks with outputs stripped, the
files they read (string literals naming a file of the project) and the local modules they import,
MANIFEST.tsv (one row per file), DROPPED.tsv (why each other candidate is not there) and LICENSES/.
Projects that state no license are rebuild-only: their rows are in MANIFEST.tsv, their folders in
corpus/.gitignore (the files are written here, never committed).
Run results are cached (--cache, keyed by the notebook's sha256) so an interrupted run continues.

Candidates may be sphinx-gallery scripts (`.py`): they run as the notebook of the cells nb2pipe
reads from them, are kept as they are, and are listed with kind "script".

``rebuild`` reads corpus/MANIFEST.tsv, takes each file from its source at the pinned commit or
version, checks its sha256 and writes it (notebooks with outputs stripped) under --out.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import hashlib
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from subprocess import PIPE

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_files import (  # noqa: E402
    DRIVERS,
    MAX_FILE,
    Tree,
    code_of,
    packages,
    parsed,
    slug,
    static_reason,
    stripped,
    support,
)
from corpus_sources import PROJECTS, committed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = (
    "file",
    "kind",
    "source",
    "pin",
    "source_path",
    "license",
    "sha256",
    "runs_offline",
    "seconds",
    "packages",
)
RUNNER = """
import sys, nbformat
from pathlib import Path
from nbclient import NotebookClient
path, folder = sys.argv[1], sys.argv[2]
if path.endswith(".py"):  # a gallery script runs as the notebook nb2pipe reads it as
    from nb2pipe.readers import read
    makers = {"code": nbformat.v4.new_code_cell, "markdown": nbformat.v4.new_markdown_cell}
    nb = nbformat.v4.new_notebook()
    nb.cells = [makers[c.kind](c.source) for c in read(Path(path), Path(folder)).cells]
else:
    nb = nbformat.read(path, as_version=4)
NotebookClient(nb, timeout=int(sys.argv[3]), kernel_name="python3",
               resources={"metadata": {"path": folder}}).execute()
"""


def run_group(
    command: list[str], timeout: float, env: dict[str, str]
) -> subprocess.CompletedProcess[str] | None:
    """Run ``command`` in its own process group; on timeout kill the whole group (the kernel
    and whatever the notebook started too) and return None."""
    with subprocess.Popen(
        command, stdout=PIPE, stderr=PIPE, text=True, env=env, start_new_session=True
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            try:  # a process in a session of its own (the kernel's joblib workers) holds the pipes
                process.communicate(timeout=10)
            except subprocess.TimeoutExpired:
                pass
            return None
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def run(stage: Path, notebook: Path, timeout: int) -> tuple[bool, float, str]:
    """Run one notebook with nbclient in a copy of its project folder: ok, seconds, error."""
    with tempfile.TemporaryDirectory(prefix="nb2pipe-corpus-") as tmp:
        copy = Path(tmp) / "p"
        shutil.copytree(stage, copy)
        target = copy / notebook.relative_to(stage)
        niceness = ["nice", "-n", "10"] if os.nice(0) < 10 else []  # nice 10, not 20
        command = [
            *niceness,
            sys.executable,
            "-c",
            RUNNER,
            str(target),
            str(target.parent),
            str(timeout),
        ]
        started = time.perf_counter()
        done = run_group(command, timeout, {**os.environ, "MPLBACKEND": "Agg"})
        if done is None:
            return False, round(time.perf_counter() - started, 1), f"timeout after {timeout} s"
    seconds = round(time.perf_counter() - started, 1)
    if done.returncode == 0:
        return True, seconds, ""
    errors = [
        line
        for line in re.sub(r"\x1b\[[0-9;]*m", "", done.stderr).splitlines()
        if re.match(r"^\w*(Error|Exception)", line)
    ]
    return False, seconds, (errors or done.stderr.strip().splitlines() or ["failed"])[-1][:200]


def candidates(tree: Tree) -> list[str]:
    project = tree.project
    return sorted(
        p
        for p in tree.files
        if any(fnmatch.fnmatch(p, g) for g in project.notebooks)
        and not any(fnmatch.fnmatch(p, g) for g in project.exclude)
    )


def stage_project(tree: Tree, stage: Path) -> list[dict[str, object]]:
    """Write one project's candidates and their files under ``stage``; a record per candidate."""
    records = []
    for path in candidates(tree):
        data = tree.read(path)
        record: dict[str, object] = {
            "source": tree.project.source,
            "path": path,
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
        }
        try:
            code = code_of(data, path)
        except Exception as error:  # noqa: BLE001 - not a notebook nbformat can read
            records.append({**record, "reason": f"unreadable: {error}"[:200]})
            continue
        trees = parsed(code)
        staged = {
            p
            for p in tree.files
            if any(fnmatch.fnmatch(p, g) for g in tree.project.data) and tree.files[p] < MAX_FILE
        }
        record["support"] = sorted(support(tree, path, trees, code) | staged)
        record["packages"] = packages(trees)
        record["reason"] = static_reason(tree, path, trees, code)
        for name in [path, *record["support"]]:  # type: ignore[misc]
            target = stage / slug(tree.project) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            content = tree.read(name)
            target.write_bytes(stripped(content, name) if name == path else content)
        records.append(record)
    return records


def round_robin(records: list[dict[str, object]]) -> list[dict[str, object]]:
    """One candidate of each project in turn, so that a partial run covers every project."""
    queues: dict[object, list[dict[str, object]]] = {}
    for record in sorted(records, key=lambda r: int(r.get("size", 0))):  # type: ignore[call-overload]
        queues.setdefault(record["source"], []).append(record)
    ordered = []
    while any(queues.values()):
        ordered += [queue.pop(0) for queue in queues.values() if queue]
    return ordered


def run_all(records: list[dict[str, object]], stage: Path, args: argparse.Namespace) -> None:
    """Run every candidate without a static reason (cached by sha256 in --cache)."""
    cache = json.loads(args.cache.read_text()) if args.cache.exists() else {}
    todo = [r for r in records if not r["reason"] and f"{r['path']}@{r['sha256']}" not in cache]
    todo = round_robin(todo) if not args.write_only else []

    def one(record: dict[str, object]) -> None:
        folder = stage / slug(next(p for p in PROJECTS if p.source == record["source"]))
        ok, seconds, error = run(folder, folder / str(record["path"]), args.timeout)
        cache[f"{record['path']}@{record['sha256']}"] = [ok, seconds, error]
        args.cache.write_text(json.dumps(cache, indent=0))
        print(
            f"{'ok  ' if ok else 'FAIL'} {seconds:6.1f}s {record['source']} {record['path']} "
            f"{error}",
            flush=True,
        )

    with ThreadPoolExecutor(args.jobs) as pool:
        list(pool.map(one, todo))
    for record in records:
        if not record["reason"]:
            if f"{record['path']}@{record['sha256']}" not in cache:  # --write-only
                record["reason"] = "not run yet"
                continue
            ok, seconds, error = cache[f"{record['path']}@{record['sha256']}"]
            record.update(ok=ok, seconds=seconds, reason="" if ok else f"run failed: {error}")


def license_row(tree: Tree, out: Path) -> dict[str, str]:
    project = tree.project
    path = project.license_file.split("#")[0]
    data = tree.read(path)
    name = f"LICENSES/{slug(project)}__{posixpath.basename(path)}"
    (out / name).parent.mkdir(parents=True, exist_ok=True)
    (out / name).write_bytes(data)
    return {
        "file": name,
        "kind": "license",
        "source": project.source,
        "pin": project.pin,
        "source_path": path,
        "license": project.license,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def kind_of(path: str, candidate: bool = False) -> str:
    if path.endswith(".ipynb"):
        return "notebook"
    if path.endswith(".py") and candidate:
        return "script"  # a gallery example, converted on its own
    if path.endswith(".py"):
        return "module"
    if any(fnmatch.fnmatch(posixpath.basename(path), d) for d in DRIVERS):
        return "driver"
    return "data"


def write_project(tree: Tree, kept: list[dict[str, object]], out: Path) -> list[dict[str, str]]:
    """Write the kept notebooks of one project and their files; their MANIFEST rows."""
    project, rows = tree.project, []
    shutil.rmtree(out / slug(project), ignore_errors=True)
    files = {str(r["path"]): r for r in kept}
    for record in kept:
        files.update({name: {} for name in record["support"] if name not in files})  # type: ignore[union-attr]
    for name, record in sorted(files.items()):
        data = tree.read(name)
        target = out / slug(project) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(stripped(data, name) if record else data)
        rows.append(
            {
                "file": f"{slug(project)}/{name}",
                "kind": kind_of(name, bool(record)),
                "source": project.source,
                "pin": project.pin,
                "source_path": name,
                "license": project.license,
                "sha256": hashlib.sha256(data).hexdigest(),
                "runs_offline": "yes" if record else "",
                "seconds": str(record.get("seconds", "")),
                "packages": str(record.get("packages", "")),
            }
        )
    return [license_row(tree, out), *rows] if kept and committed(project) else rows


def write_gitignore(out: Path) -> None:
    """corpus/.gitignore: the folders of the projects that state no license (rebuild-only)."""
    folders = sorted(f"/{slug(p)}/" for p in PROJECTS if not committed(p))
    head = "# Projects that state no license: rebuild-only (scripts/build_corpus.py rebuild).\n"
    (out / ".gitignore").write_text(head + "".join(f"{f}\n" for f in folders), encoding="utf-8")


def write_tsv(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(
            handle, columns, delimiter="\t", lineterminator="\n", extrasaction="ignore"
        )
        writer.writeheader()
        writer.writerows(rows)


def chosen(args: argparse.Namespace, source: str) -> bool:
    """Whether --only (none, or one or more texts) selects the project ``source``."""
    return not args.only or any(text in source for text in args.only)


def others(args: argparse.Namespace, table: Path) -> list[dict[str, str]]:
    """With --only, the rows of ``table`` of the projects not selected (kept as they are)."""
    if not args.only or not table.exists():
        return []
    with table.open(encoding="utf-8") as handle:
        return [r for r in csv.DictReader(handle, delimiter="\t") if not chosen(args, r["source"])]


def discover(args: argparse.Namespace) -> None:
    stage = Path(tempfile.mkdtemp(prefix="nb2pipe-corpus-stage-"))
    args.out.mkdir(parents=True, exist_ok=True)
    trees = [Tree(p, args.mirror, args.sdists) for p in PROJECTS if chosen(args, p.source)]
    records = [r for tree in trees for r in stage_project(tree, stage)]
    print(
        f"{len(records)} candidates, {sum(1 for r in records if not r['reason'])} to run",
        flush=True,
    )
    run_all(records, stage, args)
    rows: list[dict[str, str]] = []
    for tree in trees:
        rows += write_project(
            tree,
            [r for r in records if r["source"] == tree.project.source and r.get("ok")],
            args.out,
        )
    manifest = args.out / "MANIFEST.tsv"
    write_tsv(manifest, others(args, manifest) + rows, COLUMNS)
    dropped = [
        {"source": r["source"], "path": r["path"], "sha256": r["sha256"], "reason": r["reason"]}
        for r in records
        if r["reason"]
    ]
    table = args.out / "DROPPED.tsv"
    write_tsv(table, others(args, table) + dropped, ("source", "path", "sha256", "reason"))
    write_gitignore(args.out)
    shutil.rmtree(stage)
    kept = sum(1 for r in records if r.get("ok"))
    print(f"kept {kept} of {len(records)} candidates; {len(rows)} files in {manifest}")


def rebuild(args: argparse.Namespace) -> None:
    with (ROOT / "corpus" / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    trees: dict[str, Tree] = {}
    for row in rows:
        project = next(p for p in PROJECTS if p.source == row["source"] and p.pin == row["pin"])
        tree = trees.setdefault(project.source, Tree(project, args.mirror, args.sdists))
        data = tree.read(row["source_path"])
        if hashlib.sha256(data).hexdigest() != row["sha256"]:
            sys.exit(f"sha256 mismatch: {row['source']} {row['source_path']}")
        target = args.out / row["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(stripped(data) if row["kind"] == "notebook" else data)
    print(f"{len(rows)} files written under {args.out}, every sha256 checked")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=("discover", "rebuild"))
    parser.add_argument("--out", type=Path, default=ROOT / "corpus")
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--sdists", type=Path, default=Path.home() / ".cache" / "nb2pipe-sdists")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "nb2pipe-corpus-runs.json"
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=120)
    parser.add_argument(
        "--only", nargs="*", default=[], help="only the projects whose source has one of these"
    )
    parser.add_argument(
        "--write-only", action="store_true", help="run nothing: write what the cache holds"
    )
    args = parser.parse_args()
    (discover if args.command == "discover" else rebuild)(args)


if __name__ == "__main__":
    main()
