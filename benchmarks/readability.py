"""How readable are the generated projects? Counts over what `nb2pipe convert` makes (nothing runs).

Usage: python benchmarks/readability.py FOLDER_OR_NOTEBOOK... [--each] [--json OUT]

Each argument is converted as one project (``--each``: every notebook of a folder alone, as the
public corpus' notebooks are unrelated), with ``--keep-going``, into memory (``api.generate``).
The table sums, over the generated projects:

* nodes; data nodes that also return figures; drawing statements (plot chunks) left in data
  nodes; figure/axes objects passed as datasets (names a drawing statement binds, returned by
  a node);
* display-only statements left in data nodes (a bare expression, `print(...)`, `display(...)`, a
  DISPLAY_METHODS call as a whole statement: what computes and throws away);
* counter-suffixed parameters (`random_state_2`) and datasets (`df_3`), duplicated node names
  (`clean_2`), identity nodes (a body that only returns its arguments);
* docstrings over 6 lines, and the longest; `ruff check` findings in the generated nodes.py.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from nb2pipe import api  # noqa: E402
from nb2pipe.knowledge import calls as tables  # noqa: E402
from nb2pipe.errors import InputError  # noqa: E402
from nb2pipe.options import Options  # noqa: E402

COUNTER = re.compile(r"_\d+$")
DISPLAY_CALLS = {"print", "display", "pprint"}
COLUMNS = ("projects", "nodes", "data+figures", "drawings in data", "figure datasets", "displays in data",
           "counter params", "counter datasets", "docstrings >6", "longest docstring",
           "duplicated names", "identity nodes", "ruff findings", "report nodes")


def display_only(statement: ast.stmt) -> bool:
    """A statement that only shows a value: what the notebook displayed, thrown away here."""
    if not isinstance(statement, ast.Expr):
        return False
    value = statement.value
    if isinstance(value, ast.Constant):
        return value.value is not Ellipsis and not isinstance(value.value, str)
    if isinstance(value, ast.Call):
        func = value.func
        if isinstance(func, ast.Name):
            return func.id in DISPLAY_CALLS
        if isinstance(func, ast.Attribute):  # not `df.drop(..., inplace=True)`
            return func.attr in tables.DISPLAY_METHODS and not any(k.arg == "inplace" for k in value.keywords)
        return False
    return not isinstance(value, (ast.Await, ast.Yield, ast.YieldFrom))


def identity(function: ast.FunctionDef) -> bool:
    body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return False
    value = body[0].value
    names = value.elts if isinstance(value, ast.Tuple) else [value]
    arguments = {a.arg for a in function.args.args + function.args.kwonlyargs}
    return all(isinstance(n, ast.Name) and n.id in arguments for n in names)


def count_nodes_file(text: str, kinds: dict[str, str], counts: Counter) -> None:
    tree = ast.parse(text)
    for function in tree.body:
        if not isinstance(function, ast.FunctionDef) or function.name not in kinds:
            continue
        doc = ast.get_docstring(function) or ""
        lines = len(doc.splitlines())
        counts["docstrings >6"] += lines > 6
        counts["longest docstring"] = max(counts["longest docstring"], lines)
        counts["identity nodes"] += identity(function)
        if kinds[function.name] == "data":
            counts["displays in data"] += sum(display_only(s) for s in ast.walk(function)
                                              if isinstance(s, ast.stmt) and s is not function)


def ruff_findings(files: dict[str, str]) -> int:
    if not files:
        return 0
    with tempfile.TemporaryDirectory(prefix="nb2pipe-readability-") as tmp:
        for i, text in enumerate(files.values()):
            Path(tmp, f"nodes_{i}.py").write_text(text, encoding="utf-8")
        ruff = Path(sys.executable).parent / "ruff"
        done = subprocess.run([str(ruff), "check", "--no-cache", "--isolated", "--output-format", "json", tmp],
                              capture_output=True, text=True, check=False)
        return len(json.loads(done.stdout or "[]"))


def planned_facts() -> list:
    """The SourceFacts the last `api.generate` planned (what each chunk is: a drawing or not)."""
    seen: list = []
    plan_keeping_going = api.plan_keeping_going

    def keep(facts, *args):  # type: ignore[no-untyped-def]
        seen[:] = list(facts)
        return plan_keeping_going(facts, *args)

    api.plan_keeping_going = keep  # type: ignore[assignment]
    return seen


FACTS = planned_facts()


def count_drawings(pipeline, counts: Counter) -> None:  # type: ignore[no-untyped-def]
    """Drawing statements in data nodes, and names drawing statements bind returned by a node."""
    facts = next((f for f in FACTS if str(f.source.path) == pipeline.source), None)
    if facts is None:
        return
    for step in pipeline.steps:
        chunks = [facts.chunks[c] for c in step.chunks if c < len(facts.chunks)]
        drawn = {s for c in chunks if c.kind == "plot" for s in c.defines}
        counts["drawings in data"] += sum(c.kind == "plot" for c in chunks) if step.kind == "data" else 0
        counts["figure datasets"] += sum(r in drawn for r in step.returns)


def measure(paths: list[Path], out: Path) -> Counter:
    counts: Counter = Counter(projects=1)
    try:
        generated = api.generate(paths, out, Options(keep_going=True))
    except InputError:
        counts["failed"] += 1
        return counts
    plan = generated.plan
    params = {p.name for p in plan.params}
    counts["counter params"] += sum(bool(COUNTER.search(p)) for p in params)
    nodes: dict[str, str] = {}
    for pipeline in plan.pipelines:
        kinds = {s.name: s.kind for s in pipeline.steps}
        names = Counter(COUNTER.sub("", s.name) for s in pipeline.steps)
        counts["duplicated names"] += sum(n - 1 for n in names.values())
        counts["nodes"] += len(pipeline.steps)
        counts["report nodes"] += sum(s.name == "report" for s in pipeline.steps)
        datasets = {o for s in pipeline.steps for o in s.outputs}
        counts["counter datasets"] += sum(bool(COUNTER.search(d)) and not d.endswith("_figures") for d in datasets)
        count_drawings(pipeline, counts)
        counts["data+figures"] += sum(s.kind == "data" and any(o.endswith("_figures") for o in s.outputs)
                                      for s in pipeline.steps)
        key = f"src/{plan.package}/pipelines/{pipeline.name}/nodes.py"
        for path, text in generated.files.items():
            if str(path) == key and isinstance(text, str):
                nodes[key] = text
                count_nodes_file(text, kinds, counts)
    counts["ruff findings"] += ruff_findings(nodes)
    return counts


def targets(arguments: list[Path], each: bool) -> list[list[Path]]:
    found: list[list[Path]] = []
    for path in arguments:
        if each and path.is_dir():
            found += [[p] for p in sorted(path.rglob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts]
        else:
            found.append([path])
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("--each", action="store_true", help="convert every notebook of a folder alone")
    parser.add_argument("--json", type=Path, help="also write the counts as JSON")
    args = parser.parse_args()
    total: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="nb2pipe-readability-") as tmp:
        for paths in targets(args.paths, args.each):
            counts = measure(paths, Path(tmp) / "project")
            longest = max(total["longest docstring"], counts["longest docstring"])
            total.update(counts)
            total["longest docstring"] = longest
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    print("| " + " | ".join(str(total[c]) for c in COLUMNS) + " |")
    if total["failed"]:
        print(f"{total['failed']} conversions failed")
    if args.json:
        args.json.write_text(json.dumps({c: total[c] for c in (*COLUMNS, "failed")}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
