"""Identity nodes: a data step whose body only hands its inputs on under new names
(``df = raw_csv; return df``) is no node a Kedro engineer would keep. Its readers read the input
dataset directly instead (`wired_through`); `check_no_identity_nodes` holds the pipeline's
steps to it when they are planned.

Kept: a step whose renamed value no other step reads (the notebook's final value of that
variable, which verify compares), a step writing a file (``my_df_csv = my_df``: a reader of the
file reads what the file gives back, not the value written), a step reading a file the project
writes again (``rewritten``: its readers could run after the later write), and a step whose
reader would then get one dataset twice. A kept step that only writes files (the catalog saves
the value) goes into the step making that value instead (`writes_folded`): that step returns the
value to the file's dataset too.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..errors import PlanInvariantError
from ..model import Step


def handed_on(step: Step) -> dict[str, str] | None:
    """Output dataset → the input dataset it only renames, when the step does nothing else
    (its body: a docstring, ``name = argument`` aliases, ``return`` of aliases); else None."""
    if step.kind != "data" or not step.outputs or len(step.returns) != len(step.outputs):
        return None
    try:
        (function,) = ast.parse(step.code).body
    except (SyntaxError, ValueError):
        return None
    if not isinstance(function, ast.FunctionDef):
        return None
    body = [s for s in function.body
            if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if not body or not isinstance(body[-1], ast.Return) or body[-1].value is None:
        return None
    # a name → the input dataset it holds
    source = dict(zip(step.arguments, step.inputs, strict=False))
    for statement in body[:-1]:
        if not (isinstance(statement, ast.Assign) and len(statement.targets) == 1
                and isinstance(statement.targets[0], ast.Name)
                and isinstance(statement.value, ast.Name) and statement.value.id in source):
            return None
        source[statement.targets[0].id] = source[statement.value.id]
    value = body[-1].value
    names = value.elts if isinstance(value, ast.Tuple) else [value]
    if len(names) != len(step.outputs):
        return None
    if not all(isinstance(n, ast.Name) and n.id in source for n in names):
        return None
    pairs = zip(step.outputs, names, strict=True)
    return {output: source[n.id] for output, n in pairs if isinstance(n, ast.Name)}


def wired_through(steps: Sequence[Step], files: frozenset[str] = frozenset(),
                  rewritten: frozenset[str] = frozenset()) -> list[Step]:
    """``steps`` without the identity steps whose renamed values other steps read: those steps
    read the input dataset itself (wired in pipeline.py; their argument names stay). ``files``:
    the datasets standing for files (a transcoded name, `x@pandas`, is one too); ``rewritten``:
    those of files written again later."""
    kept = list(steps)
    for name in [s.name for s in steps]:
        step = next(s for s in kept if s.name == name)  # as an earlier removal rewired it
        rewired = readers_rewired(step, kept, files, rewritten)
        if rewired is not None:
            kept = [rewired.get(s.name, s) for s in kept if s.name != name]
    return kept


def readers_rewired(step: Step, steps: Sequence[Step], files: frozenset[str] = frozenset(),
                    rewritten: frozenset[str] = frozenset()) -> dict[str, Step] | None:
    """The steps reading what ``step`` only renames, each reading the input dataset instead (by
    name), when ``step`` can go: it is an identity step writing no file, other steps read every
    value it renames, and none of them would read one dataset twice. None when it stays."""
    renamed = handed_on(step)
    if renamed is None or any("@" in o or o in files for o in renamed):
        return None
    if any(i.split("@")[0] in rewritten for i in renamed.values()):
        return None
    readers = [s for s in steps if s.name != step.name and set(renamed) & set(s.inputs)]
    if set(renamed) - {i for s in readers for i in s.inputs}:
        return None  # a final value (verify compares it) or a file the notebook writes
    rewired = {s.name: replace(s, inputs=tuple(renamed.get(i, i) for i in s.inputs))
               for s in readers}
    if any(len(set(s.inputs)) != len(s.inputs) for s in rewired.values()):
        return None
    return rewired


def writes_folded(steps: Sequence[Step], files: frozenset[str] = frozenset(),
                  provenance: Callable[[tuple[int, ...]], str] | None = None) -> list[Step]:
    """``steps`` without the identity steps that only hand values to file datasets
    (``df_csv = df; return df_csv``: the catalog writes ``df.csv``): the data step making those
    values returns them to the files' datasets too (``df_csv = df`` before its return). Kept: an
    identity step whose values come from several steps, a parameter or a file (no step of this
    pipeline makes them). ``provenance``: the comment line naming the cells of given chunks."""
    kept = list(steps)
    for name in [s.name for s in steps]:
        step = next(s for s in kept if s.name == name)
        renamed = handed_on(step)
        if renamed is None or not all("@" in o or o in files for o in renamed):
            continue
        makers = [s for s in kept if s.kind == "data" and set(renamed.values()) <= set(s.outputs)]
        if len(makers) != 1 or makers[0].name == name:
            continue
        folded = fold(makers[0], step, renamed)
        if folded is not None and provenance is not None and folded.code.startswith("# "):
            folded = replace(folded, code=f"# {provenance(folded.chunks)}\n" + folded.code.split("\n", 1)[1])
        if folded is not None:
            kept = [folded if s.name == folded.name else s for s in kept if s.name != name]
    return kept


def fold(maker: Step, step: Step, renamed: dict[str, str]) -> Step | None:
    """``maker`` also returning what ``step`` only hands to files: an alias named as in ``step``
    where that name is free in ``maker`` (else the value's own name), before the return; the new
    outputs come before the figures and shown HTML `report` looks for last. None when ``maker``
    does not end in a return of names."""
    tree = ast.parse(maker.code)
    function = tree.body[0]
    last = function.body[-1] if isinstance(function, ast.FunctionDef) else None
    if not isinstance(last, ast.Return) or last.end_lineno is None:
        return None
    used = {n.id for n in ast.walk(function) if isinstance(n, ast.Name)} | set(maker.arguments)
    lines = maker.code.splitlines()
    margin = lines[last.lineno - 1][: last.col_offset]
    aliases: list[str] = []
    added: list[tuple[str, str]] = []  # (returned name, output)
    for output, name in zip(step.outputs, step.returns, strict=True):
        value = maker.returns[maker.outputs.index(renamed[output])]
        if name in used:
            added.append((value, output))
            continue
        used.add(name)
        aliases.append(f"{margin}{name} = {value}")
        added.append((name, output))
    at = next((i for i, o in enumerate(maker.outputs) if o in (f"{maker.name}_figures", f"{maker.name}_shown")),
              len(maker.outputs))
    returns = [*maker.returns[:at], *(n for n, _ in added), *maker.returns[at:]]
    outputs = [*maker.outputs[:at], *(o for _, o in added), *maker.outputs[at:]]
    # the returned expressions as written: the figures' (`as_shown(figures)`) has no name in
    # ``maker.returns``, and is kept last
    values = returned(maker.code, last)
    values = [*values[:at], *(n for n, _ in added), *values[at:]]
    statement = f"{margin}return {', '.join(values)}"
    body = [*lines[: last.lineno - 1], *aliases, statement, *lines[last.end_lineno :]]
    return replace(maker, returns=tuple(returns), outputs=tuple(outputs), code="\n".join(body) + "\n",
                   cells=tuple(dict.fromkeys((*maker.cells, *step.cells))),
                   chunks=tuple(sorted({*maker.chunks, *step.chunks})),
                   file_args=(*maker.file_args, *step.file_args), needs=maker.needs | step.needs)


def returned(code: str, statement: ast.Return) -> list[str]:
    """The source of each value ``statement`` returns (one, or each of a tuple's)."""
    value = statement.value
    items = value.elts if isinstance(value, ast.Tuple) else [value] if value is not None else []
    return [ast.get_source_segment(code, item) or "" for item in items]


def check_no_identity_nodes(steps: Sequence[Step], files: frozenset[str] = frozenset(),
                            rewritten: frozenset[str] = frozenset()) -> None:
    """No node only hands datasets other nodes read on under new names (`df = raw_csv; return
    df`): its readers read the dataset itself (`wired_through`).

    Raises:
        PlanInvariantError: naming the node and its readers.
    """
    for step in steps:
        rewired = readers_rewired(step, steps, files, rewritten)
        if rewired is not None:
            raise PlanInvariantError(
                f"node {step.name} only renames {', '.join(step.inputs)} for "
                f"{', '.join(sorted(rewired))}, which should read it themselves",
                names=[step.name, *sorted(rewired)])
