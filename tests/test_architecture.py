"""The layer rules of nb2pipe's package, read from the source with ``ast`` (nothing imported).

The folders are the pipeline of the tool, and imports point one way down it:

    model, options, merge < errors, digests < knowledge < readers < analysis < drivers < planning
    < rendering, transaction, target_lock, target_folder < writer, version_pins, explain, reading
    < api < verify, jupyter < cli < nb2pipe, __main__

A module imports from its own top-level package or from an earlier layer, never a later one;
`knowledge` (the tables), `model` (the frozen values) and `merge` import nothing but `model` (and
their own package); the front
ends (verify, jupyter, cli) reach the stages only through `api`; no modules import each
other in a cycle; and analysis, drivers and planning never look at the disk (no `open`, `os.path.isfile`,
`Path.read_text`...: readers made a snapshot of what planning needs, `model.Workspace`, and
of what analysis and drivers read, `model.DiskSnapshot`, before them; nor does any module they
import, however far down); readers, analysis and drivers
name no node (no `node:<name>` tag, no `<node>_done` ordering value: planning names) and write
no node code (no `run_shell(` text: planning makes a shell node's code from the typed lines
analysis observed). Every import statement counts, including those inside
functions and ``if TYPE_CHECKING:`` blocks.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "nb2pipe"

LAYERS = (
    ("model", "options", "merge"),
    ("errors", "digests"),
    ("knowledge",),
    ("readers",),
    ("analysis",),
    ("drivers",),
    ("planning",),
    ("rendering", "transaction", "target_lock", "target_folder"),
    ("writer", "version_pins", "explain", "reading"),
    ("api",),
    ("verify", "jupyter"),
    ("cli",),
    ("nb2pipe", "__main__"),
)
LAYER = {stage: n for n, stages in enumerate(LAYERS) for stage in stages}
#: Packages that may import nothing from nb2pipe but `model` (`merge`, the three-way merge of
#: one file's texts, imports nothing at all).
LEAVES = ("model", "knowledge", "merge")
#: The front ends reach the converter's stages only through `api`.
FRONT_ENDS = ("verify", "jupyter", "cli")
STAGES = ("readers", "analysis", "drivers", "planning", "rendering")
#: Packages that never look at the disk (readers did it for them: `workspace.snapshot` for
#: planning, `workspace.take` for analysis and drivers).
PURE = ("analysis", "drivers", "planning")
#: The stages that observe and decide nothing: they name no node.
OBSERVERS = ("readers", "analysis", "drivers")
#: Calls that look at the disk: functions by dotted name, and pathlib methods by name.
DISK_FUNCTIONS = {"open", "os.stat", "os.lstat", "os.listdir", "os.scandir", "os.walk", "os.access",
                  "io.open", "glob.glob", "glob.iglob"} | {
    f"os.path.{f}" for f in ("exists", "lexists", "isfile", "isdir", "islink", "getsize", "getmtime",
                             "realpath", "samefile")}
DISK_METHODS = {"read_text", "read_bytes", "exists", "is_file", "is_dir", "iterdir", "glob",
                "rglob", "stat", "resolve", "open", "samefile"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage_of(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def imports_of(module: str) -> set[str]:
    """The nb2pipe modules ``module`` imports (``from m import name`` counts as m.name when
    that is a module, else as m), relative imports resolved."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            origin = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            names = [f"{origin}.{a.name}" for a in node.names]
            found |= {n if n in MODULES else origin for n in names}
    return {t for t in found if t.split(".")[0] == "nb2pipe"} - {module}


IMPORTS = {m: imports_of(m) for m in MODULES}


def test_every_module_belongs_to_a_layer() -> None:
    assert {stage_of(m) for m in MODULES} <= set(LAYER)
    assert ("nb2pipe.api", "nb2pipe.planning") in {(m, t) for m in IMPORTS for t in IMPORTS[m]}


def test_imports_point_to_the_same_or_an_earlier_layer() -> None:
    later = sorted(f"{m} -> {t}" for m, ts in IMPORTS.items() for t in ts
                   if LAYER[stage_of(t)] > LAYER[stage_of(m)])
    assert later == []


def test_model_and_knowledge_import_only_model() -> None:
    """(and their own package: `knowledge.calls` re-exports the tables of `knowledge.randomness`)"""
    wrong = sorted(f"{m} -> {t}" for m, ts in IMPORTS.items() if stage_of(m) in LEAVES
                   for t in ts if stage_of(t) not in ("model", stage_of(m)))
    assert wrong == []


def test_front_ends_use_the_api_not_the_stages() -> None:
    wrong = sorted(f"{m} -> {t}" for m, ts in IMPORTS.items() if stage_of(m) in FRONT_ENDS
                   for t in ts if stage_of(t) in STAGES)
    assert wrong == []


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def disk_calls(module: str) -> list[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    return [f"{module}:{c.lineno} {dotted(c.func) or ast.unparse(c.func)}" for c in calls
            if dotted(c.func) in DISK_FUNCTIONS
            or isinstance(c.func, ast.Attribute) and c.func.attr in DISK_METHODS]


def test_analysis_drivers_and_planning_never_touch_the_disk() -> None:
    found = sorted(call for m in MODULES if stage_of(m) in PURE for call in disk_calls(m))
    assert found == []
    assert disk_calls("nb2pipe.readers.workspace")  # the check sees the calls it forbids


def reached(module: str) -> set[str]:
    """The nb2pipe modules ``module`` imports, directly or through others."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        for t in IMPORTS[todo.pop()] & MODULES.keys():
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return seen


def test_pure_stages_read_the_disk_through_no_other_module() -> None:
    """What analysis, drivers and planning import from readers (or any other stage) touches no
    disk either, however far down: they see the disk only as values readers made before them
    (`model.DiskSnapshot` through `readers.disk_view`, `model.Workspace`), never through a
    function that reads it when asked."""
    found = sorted(f"{m} -> {t}: {call}" for m in MODULES if stage_of(m) in PURE
                   for t in reached(m) if stage_of(t) not in PURE for call in disk_calls(t))
    assert found == []
    assert "nb2pipe.readers.workspace" in reached("nb2pipe.api")  # the walk sees readers' modules


def naming_texts(module: str) -> list[str]:
    """String pieces that make a node's name (a `node:<name>` cell tag) or an ordering value
    (`<node>_done`)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    pieces = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return [f"{module}:{n.lineno} {n.value!r}" for n in pieces
            if n.value.startswith("node:") or n.value.startswith("_done")]


def test_only_planning_names_nodes() -> None:
    """Readers, analysis and drivers observe; planning names nodes and orders them (shell
    steps: `planning/shell_steps.py`)."""
    found = sorted(t for m in MODULES if stage_of(m) in OBSERVERS for t in naming_texts(m))
    assert found == []
    assert naming_texts("nb2pipe.planning.shell_steps")  # the check sees the texts it forbids


def code_texts(module: str) -> list[str]:
    """String pieces of a shell node's code (`run_shell(`), docstrings left out."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    docs = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and n.body and isinstance(n.body[0], ast.Expr)
    }
    pieces = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    return [f"{module}:{n.lineno} {n.value!r}" for n in pieces
            if "run_shell(" in n.value and id(n) not in docs]


def test_only_planning_writes_shell_node_code() -> None:
    """Readers, analysis and drivers hand over a shell command's lines with typed words
    (`model.ShellCommand`); planning makes its code (`planning/shell_code.py`)."""
    found = sorted(t for m in MODULES if stage_of(m) in OBSERVERS for t in code_texts(m))
    assert found == []
    assert code_texts("nb2pipe.planning.shell_code")  # the check sees the texts it forbids


def test_no_import_cycles() -> None:
    """Tarjan's strongly connected components of the module graph: all of size one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        index[m] = low[m] = len(index)
        stack.append(m)
        for t in sorted(IMPORTS[m] & MODULES.keys()):
            if t not in index:
                visit(t)
                low[m] = min(low[m], low[t])
            elif t in stack:
                low[m] = min(low[m], index[t])
        if low[m] == index[m]:
            component = []
            while not component or component[-1] != m:
                component.append(stack.pop())
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    assert cycles == []
