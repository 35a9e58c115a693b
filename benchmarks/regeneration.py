"""Stable identity across regenerations (issue #12, docs/regeneration.md): for each notebook of a
corpus, insert one new computation cell in the middle, convert before and after, and count the
generated lines that change and the node names that change.

Usage: python benchmarks/regeneration.py [CORPUS_DIR] [--only NAME] [--ids]

``--ids`` first saves each copy as Jupyter saves notebooks today (nbformat 4.5: every cell has an
id), for corpora of older notebooks that have none.

Nothing is written to the corpus: each notebook is copied to a temporary folder and converted in
process (`api.generate`, no files written). Counted over every generated text file except
nb2pipe's own (.nb2pipe/): lines added and removed (a unified diff), and lines removed outside
the files the new cell must change less the ones it adds (`churn`: removed lines, since an
inserted cell only needs to add lines, plus the changes of the pipeline's wiring lists).
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat

from nb2pipe import api
from nb2pipe.errors import Nb2PipeError
from nb2pipe.options import Options

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "public" / "notebooks"
NEW_CELL = "nb2pipe_bench_answer = sum(range(7)) * 2"
NODE_NAME = re.compile(r'name="([^"]+)"')


def generated(notebook: Path, project: Path) -> dict[str, str]:
    files = api.generate([notebook], project, Options(keep_going=True)).files
    return {str(p): c for p, c in files.items()
            if isinstance(c, str) and not str(p).startswith(".nb2pipe/")}


def node_names(files: dict[str, str]) -> list[str]:
    return [n for p, text in sorted(files.items()) if p.endswith("pipeline.py")
            for n in NODE_NAME.findall(text)]


def measure(notebook: Path, ids: bool = False) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="nb2pipe-regen-") as tmp:
        work = Path(tmp) / notebook.name
        shutil.copyfile(notebook, work)
        if ids:
            with_ids(work)
        before = generated(work, Path(tmp) / "project")
        nb = nbformat.read(work, as_version=4)
        middle = len(nb.cells) // 2
        cell = nbformat.v4.new_code_cell(NEW_CELL, id="nb2pipe-bench-cell")
        if (nb.nbformat, nb.nbformat_minor) < (4, 5):
            del cell["id"]  # cell ids came with nbformat 4.5
        nb.cells.insert(middle, cell)
        nbformat.write(nb, work)
        after = generated(work, Path(tmp) / "project")
    added = removed = 0
    for path in sorted(before.keys() | after.keys()):
        lines = difflib.unified_diff(before.get(path, "").splitlines(),
                                     after.get(path, "").splitlines(), lineterm="", n=0)
        for line in lines:
            if line.startswith("+") and not line.startswith("+++"):
                added += 1
            elif line.startswith("-") and not line.startswith("---"):
                removed += 1
    old, new = node_names(before), node_names(after)
    kept = [n for n in new if n in old]
    return {
        "notebook": notebook.name, "cells": len(nb.cells) - 1,
        "lines": sum(t.count("\n") for t in before.values()),
        "added": added, "removed": removed,
        "nodes": len(old), "new_nodes": len(new) - len(kept),
        "renamed": len([n for n in old if n not in new]),
        "reordered": kept != [n for n in old if n in new],
    }


def with_ids(path: Path) -> None:
    """Give every cell an id, as Jupyter does when it saves a notebook (nbformat 4.5)."""
    nb = nbformat.read(path, as_version=4)
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    for number, cell in enumerate(nb.cells):
        cell.setdefault("id", f"cell-{number:04d}")
    nbformat.write(nb, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--only", default="")
    parser.add_argument("--ids", action="store_true", help="give the cells ids first (nbformat 4.5)")
    args = parser.parse_args()
    rows = []
    for notebook in sorted(args.corpus.glob("*.ipynb")):
        if args.only not in notebook.name:
            continue
        try:
            rows.append(measure(notebook, args.ids))
        except Nb2PipeError as error:
            print(f"{notebook.name}: not converted: {str(error).splitlines()[0]}", file=sys.stderr)
    header = "| notebook | cells | generated lines | +lines | -lines | nodes | new nodes | " \
             "renamed nodes | order kept |"
    print(header)
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['notebook'][:60]} | {r['cells']} | {r['lines']} | {r['added']} | "
              f"{r['removed']} | {r['nodes']} | {r['new_nodes']} | {r['renamed']} | "
              f"{'no' if r['reordered'] else 'yes'} |")
    totals = {k: sum(int(r[k]) for r in rows) for k in ("lines", "added", "removed", "renamed")}
    print(f"\n{len(rows)} notebooks: {totals['lines']} generated lines; inserting one cell added "
          f"{totals['added']} and removed {totals['removed']} lines; "
          f"{totals['renamed']} node names changed; "
          f"{sum(1 for r in rows if r['reordered'])} notebooks with nodes reordered")


if __name__ == "__main__":
    main()
