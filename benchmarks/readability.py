"""How readable are the generated projects? Counts over what `nb2pipe convert` makes (nothing runs).

Usage: python benchmarks/readability.py FOLDER_OR_NOTEBOOK... [--each] [--json OUT]

Each argument is converted as one project (``--each``: every notebook of a folder alone, as the
public corpus' notebooks are unrelated), with ``--keep-going``, into memory (``api.generate``).
The table sums, over the generated projects:

* nodes; data nodes that also return figures; drawing statements (plot chunks) left in data
  nodes, apart those of a node whose statement computing and drawing has no split (a
  `drawing-cannot-split` note); figure/axes objects passed as datasets (names a drawing statement binds, returned by
  a node);
* display-only statements left in data nodes (a bare expression, `print(...)`, `display(...)`, a
  DISPLAY_METHODS call as a whole statement: what computes and throws away);
* counter-suffixed parameters (`random_state_2`) and datasets (`df_3`), duplicated node names
  (`clean_2`), identity nodes (a body that only returns its arguments);
* unused outputs (a variable version no node reads while a later version of it exists; the
  last version nobody reads is the notebook's final value, kept on purpose, counted apart);
* duplicate imports (a module imported twice in one nodes.py: `import numpy` beside
  `import numpy as np`); nodes that read or make a generator state (`np_random_state`) and
  never draw from it (they only seed it, or only hand it on);
* docstrings over 6 lines, and the longest; `ruff check` findings in the generated nodes.py (`--isolated`:
  ruff's defaults) and in the whole project as its user runs it (its pyproject.toml, "ruff in project")
  (by rule code with --json);
* the largest data node (statements in its body, nested ones counted, docstring and return
  left out / datasets it returns) and data nodes over LONG_NODE statements.
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
#: A data node over this many statements is counted as long (the public corpus' 90th
#: percentile of statements per data node was 17 before planning/coarse.py).
LONG_NODE = 20
DISPLAY_CALLS = {"print", "display", "pprint"}
COLUMNS = ("projects", "nodes", "data+figures", "drawings in data",
           "drawings in data (diagnosed impossible)", "figure datasets", "displays in data",
           "counter params", "counter datasets", "docstrings >6", "longest docstring",
           "duplicated names", "identity nodes", "unused outputs", "duplicate imports",
           "rng through non-drawing", "ruff findings", "ruff in project", "report nodes",
           "largest node (statements / outputs)", f"nodes over {LONG_NODE} statements")
RNG_DATASETS = {rng["dataset"]: rng for rng in tables.GLOBAL_RNGS.values()}


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
    """The node only hands its arguments on (`return df`, also through aliases: `df = raw_csv;
    return df`), or only binds aliases and returns nothing: it computes nothing."""
    body = [s for s in function.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    known = {a.arg for a in function.args.args + function.args.kwonlyargs}
    for statement in body[:-1] if body and isinstance(body[-1], ast.Return) else body:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(statement.value, ast.Name) and statement.value.id in known):
            return False
        known.add(statement.targets[0].id)
    if not body or not isinstance(body[-1], ast.Return):
        return bool(body)
    value = body[-1].value
    if value is None:
        return True
    names = value.elts if isinstance(value, ast.Tuple) else [value]
    return all(isinstance(n, ast.Name) and n.id in known for n in names)


def statements(function: ast.FunctionDef) -> int:
    """Statements in a node's body, nested ones counted (docstring and final return left out)."""
    body = list(function.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if body and isinstance(body[-1], ast.Return):
        body = body[:-1]
    return sum(isinstance(n, ast.stmt) for s in body for n in ast.walk(s))


def duplicate_imports(tree: ast.Module) -> int:
    """Modules a nodes.py imports more than once (`import numpy` and `import numpy as np`)."""
    modules = Counter(a.name for s in tree.body if isinstance(s, ast.Import) for a in s.names)
    return sum(n - 1 for n in modules.values())


def draws(function: ast.FunctionDef, rng: dict, implicit: frozenset[str] = frozenset()) -> bool:
    """Whether the node draws from the generator: calls its module (`np.random.normal(...)`,
    `random.choice`) for anything but seeding and saving or restoring the state, or, for numpy,
    a call that draws from numpy's global generator unseen (as analysis takes them: a `fit`,
    a function of ``implicit``, the sklearn functions the module imports)."""
    module = rng["module"].split(".")
    not_draws = rng.get("not_draws", frozenset())
    for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
        parts, node = [], call.func
        while isinstance(node, ast.Attribute):
            parts.insert(0, node.attr)
            node = node.value
        if isinstance(node, ast.Name):
            parts.insert(0, node.id)
        if module[0] == "numpy" and parts and (
                (len(parts) == 1 and parts[0] in implicit)
                or (len(parts) > 1 and parts[-1] in tables.IMPLICIT_NUMPY_DRAW_METHODS)):
            return True
        if len(parts) < 2:
            continue
        name, head = parts[-1], parts[:-1]
        aliases = (module, ["np", *module[1:]]) if module[0] == "numpy" else (module,)
        drawn = name not in not_draws if "draws" not in rng else name in rng["draws"]
        if any(head == a for a in aliases) and drawn and not name.endswith(("seed", "state")):
            return True
    return False


def implicit_draws(tree: ast.Module) -> frozenset[str]:
    """Functions a nodes.py imports from the packages analysis takes to draw implicitly."""
    prefixes = tuple(p.rstrip(".") for p in tables.IMPLICIT_NUMPY_DRAW_PREFIXES)
    return frozenset(a.asname or a.name for s in tree.body if isinstance(s, ast.ImportFrom)
                     and (s.module or "").startswith(prefixes) for a in s.names if a.name[:1].islower())


def count_nodes_file(text: str, kinds: dict[str, str], counts: Counter,
                     rng_args: dict[str, set[str]] | None = None) -> None:
    tree = ast.parse(text)
    counts["duplicate imports"] += duplicate_imports(tree)
    rng_args = rng_args or {}
    implicit = implicit_draws(tree)
    for function in tree.body:
        if not isinstance(function, ast.FunctionDef) or function.name not in kinds:
            continue
        doc = ast.get_docstring(function) or ""
        lines = len(doc.splitlines())
        counts["docstrings >6"] += lines > 6
        counts["longest docstring"] = max(counts["longest docstring"], lines)
        counts["identity nodes"] += identity(function)
        counts["rng through non-drawing"] += any(not draws(function, RNG_DATASETS[d], implicit)
                                                 for d in rng_args.get(function.name, ()))
        if kinds[function.name] == "data":
            size = statements(function)
            counts["largest statements"] = max(counts["largest statements"], size)
            counts[f"nodes over {LONG_NODE} statements"] += size > LONG_NODE
            counts["displays in data"] += sum(display_only(s) for s in ast.walk(function)
                                              if isinstance(s, ast.stmt) and s is not function)


def ruff_findings(files: dict[str, str], codes: Counter,
                  project: dict[str, str] | None = None) -> int:
    """`ruff check` findings in ``files``, each at its place among the ``project``'s Python modules
    (so ruff finds the package under `src/`: first-party, as in the project)."""
    if not files:
        return 0
    with tempfile.TemporaryDirectory(prefix="nb2pipe-readability-") as tmp:
        for key, text in {**(project or {}), **files}.items():
            Path(tmp, key).parent.mkdir(parents=True, exist_ok=True)
            Path(tmp, key).write_text(text, encoding="utf-8")
        ruff = Path(sys.executable).parent / "ruff"
        done = subprocess.run([str(ruff), "check", "--no-cache", "--isolated", "--output-format",
                               "json", *files], capture_output=True, text=True, check=False, cwd=tmp)
        found = json.loads(done.stdout or "[]")
        codes.update(f["code"] for f in found)
        return len(found)


def ruff_in_project(files: dict[str, str], codes: Counter) -> int:
    """`ruff check` findings as the project's user gets them: run in the project folder, over all
    its Python modules, with the project's own configuration (its pyproject.toml)."""
    with tempfile.TemporaryDirectory(prefix="nb2pipe-readability-") as tmp:
        for key, text in files.items():
            Path(tmp, key).parent.mkdir(parents=True, exist_ok=True)
            Path(tmp, key).write_text(text, encoding="utf-8")
        ruff = Path(sys.executable).parent / "ruff"
        done = subprocess.run([str(ruff), "check", "--no-cache", "--output-format", "json", "."],
                              capture_output=True, text=True, check=False, cwd=tmp)
        found = json.loads(done.stdout or "[]")
        codes.update(f"project:{f['code']}" for f in found)
        return len(found)


def unused_outputs(steps, counts: Counter) -> None:  # type: ignore[no-untyped-def]
    """Variable versions no node reads: an output not read while a later node returns another
    version of the same variable (`df` when `df_without_na` follows). A variable's last version
    nobody reads is the notebook's final value, kept on purpose (verify compares it): counted
    apart as "final values". Files, figures, ordering values and generator states are not
    counted."""
    read = {i.split("@")[0] for s in steps for i in s.inputs}
    outputs = [(variable, output) for s in steps if s.name != "report"
               for variable, output in zip(s.returns, s.outputs)
               if not output.endswith(("_figures", "_done")) and output not in RNG_DATASETS]
    latest: dict[str, str] = {}
    for variable, output in outputs:  # in node order: the last seen is the latest version
        latest[variable] = output
    for variable, output in outputs:
        if output.split("@")[0] not in read:
            counts["unused outputs" if latest[variable] != output else "final values"] += 1


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


def count_drawings(pipeline, counts: Counter, diagnostics=()) -> None:  # type: ignore[no-untyped-def]
    """Drawing statements in data nodes, and names drawing statements bind returned by a node.
    Those of a node whose statement has no split (a `drawing-cannot-split` note names it: a loop
    computing and drawing, a library call asked to draw, a notebook function returning data and
    drawing) are counted apart, as "drawings in data (diagnosed impossible)"."""
    facts = next((f for f in FACTS if str(f.source.path) == pipeline.source), None)
    if facts is None:
        return
    impossible = {(d.cell, d.line) for d in diagnostics
                  if d.code == "drawing-cannot-split" and d.source == pipeline.source}
    for step in pipeline.steps:
        chunks = [facts.chunks[c] for c in step.chunks if c < len(facts.chunks)]
        drawn = {s for c in chunks if c.kind == "plot" for s in c.defines}
        diagnosed = any((facts.source.cells[c.cell].ref, c.line) in impossible for c in chunks)
        column = "drawings in data (diagnosed impossible)" if diagnosed else "drawings in data"
        counts[column] += sum(c.kind == "plot" for c in chunks) if step.kind == "data" else 0
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
        # a generator state read or made (seeding) by a node
        rng_args = {s.name: {COUNTER.sub("", d) for d in (*s.arguments, *s.outputs)} & set(RNG_DATASETS)
                    for s in pipeline.steps}
        unused_outputs(pipeline.steps, counts)
        names = Counter(COUNTER.sub("", s.name) for s in pipeline.steps)
        counts["duplicated names"] += sum(n - 1 for n in names.values())
        counts["nodes"] += len(pipeline.steps)
        counts["largest outputs"] = max([counts["largest outputs"]] + [
            len(s.outputs) for s in pipeline.steps if s.kind == "data"])
        counts["report nodes"] += sum(s.name == "report" for s in pipeline.steps)
        datasets = {o for s in pipeline.steps for o in s.outputs}
        counts["counter datasets"] += sum(bool(COUNTER.search(d)) and not d.endswith("_figures") for d in datasets)
        count_drawings(pipeline, counts, plan.diagnostics)
        counts["data+figures"] += sum(s.kind == "data" and any(o.endswith("_figures") for o in s.outputs)
                                      for s in pipeline.steps)
        key = f"src/{plan.package}/pipelines/{pipeline.name}/nodes.py"
        for path, text in generated.files.items():
            if str(path) == key and isinstance(text, str):
                nodes[key] = text
                count_nodes_file(text, kinds, counts, rng_args)
    codes: Counter = Counter()
    modules = {str(p): t for p, t in generated.files.items()
               if p.suffix == ".py" and isinstance(t, str)}
    counts["ruff findings"] += ruff_findings(nodes, codes, modules)
    texts = {str(p): t for p, t in generated.files.items()
             if (p.suffix == ".py" or str(p) == "pyproject.toml") and isinstance(t, str)}
    counts["ruff in project"] += ruff_in_project(texts, codes)
    counts.update({f"ruff:{code}": n for code, n in codes.items()})
    return counts


#: Counts that are the largest over the projects, not sums.
MAXIMA = ("longest docstring", "largest statements", "largest outputs")


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
            largest = {k: max(total[k], counts[k]) for k in MAXIMA}
            total.update(counts)
            for key, value in largest.items():
                total[key] = value
    shown: dict[str, object] = {**total, "largest node (statements / outputs)":
                                f"{total['largest statements']} / {total['largest outputs']}"}
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    print("| " + " | ".join(str(shown.get(c, 0)) for c in COLUMNS) + " |")
    print("final values (unread, kept):", total["final values"], "; ruff:",
          ", ".join(f"{k[5:]} {v}" for k, v in total.most_common() if k.startswith("ruff:")))
    if total["failed"]:
        print(f"{total['failed']} conversions failed")
    if args.json:
        extra = sorted(k for k in total if k.startswith("ruff:")) + ["final values", "failed", *MAXIMA[1:]]
        args.json.write_text(json.dumps({c: shown.get(c, 0) for c in (*COLUMNS, *extra)}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
