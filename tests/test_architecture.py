"""Import direction between nb2pipe's stages, read from the source with ``ast`` (nothing imported).

The stages run one way: read < analysis < planning < rendering < writer/api/cli. A module may
import anything from its own stage; across stages it may only import from an *earlier* one
(``ORDER``), and the core stages may import only the entries of their row in ``ALLOWED``:

========== =====================================================================================
stage      may import (besides its own stage)
========== =====================================================================================
model      nothing from nb2pipe
options    nothing from nb2pipe
errors     model
readers    model, errors
analysis   model, errors, options, readers.magics (the MAGICS translation runs before parsing),
           readers.pip_magic (pip's option table, shared with the bash set-up table)
planning   model, errors, options, analysis.tables and analysis.io_calls (knowledge tables),
           analysis.scopes and analysis.code_text (Python's scoping rules and string-safe
           indentation: one home for what analysis and codegen must agree on)
rendering  model, errors, options, digests (sha256 of file contents, for the manifest)
digests    model
transaction model, errors, digests (the journal of a write)
target_lock errors (one writer per output folder)
merge      nothing from nb2pipe (three-way merge of one file's texts)
writer     model, errors, digests, transaction, target_lock, merge
cli        api, explain, errors, model, options
========== =====================================================================================

No stage imports a later one. Every import statement counts, including those inside functions
and ``if TYPE_CHECKING:`` blocks.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "nb2pipe"

#: Position of each stage in the data flow; an import must point to a smaller number.
ORDER = {
    "model": 0,
    "options": 0,
    "errors": 1,
    "digests": 1,
    "merge": 1,
    "readers": 2,
    "analysis": 3,
    "planning": 4,
    "rendering": 5,
    "transaction": 5,
    "target_lock": 5,
    "writer": 6,
    "environment": 6,
    "explain": 6,
    "api": 7,
    "verify": 8,
    "jupyter": 8,
    "cli": 9,
    "nb2pipe": 10,
    "__main__": 10,
}

ALLOWED: dict[str, tuple[str, ...]] = {
    "model": (),
    "options": (),
    "errors": ("model",),
    "readers": ("model", "errors"),
    "analysis": ("model", "errors", "options", "readers.magics", "readers.pip_magic"),
    "planning": ("model", "errors", "options", "analysis.tables", "analysis.io_calls",
                 "analysis.scopes", "analysis.code_text"),
    "rendering": ("model", "errors", "options", "digests"),
    "digests": ("model",),
    "transaction": ("model", "errors", "digests"),
    "target_lock": ("errors",),
    "merge": (),
    "writer": ("model", "errors", "digests", "transaction", "target_lock", "merge"),
    "cli": ("api", "explain", "errors", "model", "options", "verify"),
}


@dataclass(frozen=True, order=True)
class Edge:
    """``module`` imports ``target`` (a module, or ``module.name`` for ``from m import name``)."""

    module: str
    target: str
    line: int

    @property
    def stage(self) -> str:
        return stage_of(self.module)

    @property
    def target_stage(self) -> str:
        return stage_of(self.target)

    def __str__(self) -> str:
        return f"{self.module} -> {self.target}"


def stage_of(dotted: str) -> str:
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[Edge]:
    """Every nb2pipe import of one module, relative imports resolved."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    edges: list[Edge] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            targets = [f"{origin}.{a.name}" for a in node.names if a.name != "*"] or [origin]
        else:
            continue
        edges += [Edge(module, t, node.lineno) for t in targets if t.split(".")[0] == "nb2pipe"]
    return edges


MODULES = sorted(PACKAGE.rglob("*.py"))
EDGES = sorted(e for path in MODULES for e in imports_of(path))
CROSS_STAGE = [e for e in EDGES if e.stage != e.target_stage]


def allowed(edge: Edge) -> bool:
    row = ALLOWED[edge.stage]
    return any(
        edge.target == f"nb2pipe.{a}" or edge.target.startswith(f"nb2pipe.{a}.") for a in row
    )


def test_every_module_belongs_to_a_stage() -> None:
    stages = {stage_of(module_name(p)) for p in MODULES}
    assert stages <= set(ORDER), f"place these in ORDER: {sorted(stages - set(ORDER))}"
    assert set(ALLOWED) <= stages


def test_the_parser_sees_the_stage_imports() -> None:
    """Guard against a resolver that finds nothing: the known pipeline imports are there."""
    found = {(e.module, e.target) for e in EDGES}
    assert ("nb2pipe.analysis", "nb2pipe.readers.magics.translate") in found
    assert ("nb2pipe.api", "nb2pipe.planning.plan") in found
    assert ("nb2pipe.planning.roles", "nb2pipe.analysis.tables") in found
    assert ("nb2pipe.rendering", "nb2pipe.digests.digest") in found


def test_model_imports_nothing_from_nb2pipe() -> None:
    assert [str(e) for e in EDGES if e.module == "nb2pipe.model"] == []


@pytest.mark.parametrize("edge", CROSS_STAGE, ids=str)
def test_no_stage_imports_a_later_stage(edge: Edge) -> None:
    assert ORDER[edge.target_stage] < ORDER[edge.stage], f"line {edge.line}"


@pytest.mark.parametrize("edge", [e for e in CROSS_STAGE if e.stage in ALLOWED], ids=str)
def test_stage_imports_only_its_allowed_entries(edge: Edge) -> None:
    assert allowed(edge), f"line {edge.line}: {edge.stage} may import {ALLOWED[edge.stage]}"
