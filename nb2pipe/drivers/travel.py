"""The files a verbatim shell node runs: they travel into the project with it.

A step that runs a Python script, a notebook or another shell script as it is (no conversion:
`bash-verbatim-run`) reads those files, and the local modules the scripts and notebooks import
(their import closure, `analysis.python.local_modules`): they are inputs of its node, which
puts them where the step expects them (relative to the folder it runs in) while it runs
(`shell.chunks.node_chunk`), so the project runs wherever it is copied. Only sources of the
conversion count (a file outside the folder, or one an earlier step writes, is not carried).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import InputError
from ..model import Source
from ..model.shell import ShellStep
from .runs import State
from .scripts import Pool, parse


def ran_files(
    state: State,
    pool: Pool,
    step: ShellStep,
    produced: Sequence[str],
    seen: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """The sources ``step`` runs and the local modules they import, root-relative, in order; a
    shell script it runs brings what its own steps run (``seen``: the scripts on the way)."""
    named = [c.script for c in step.python if c.script]
    named += [n.notebook for n in step.notebooks]
    sources = {**pool.scripts, **pool.notebooks}
    found: list[str] = []
    for path in dict.fromkeys(named):
        source = sources.get(path)
        if source is not None and path not in produced:
            found += [path, *imported_modules(state, source)]
    for call in step.scripts:
        shell = pool.shells.get(call.script)
        if shell is None or call.script in seen or call.script in produced:
            continue
        found.append(call.script)
        inner = parse(shell, pool.texts, call.cwd, call.argv, dict(call.env))
        for inner_step in inner.steps:
            # the files its steps read are its inputs too: they are where its steps expect them
            found += [p for p in inner_step.reads if plain(p)]
            found += ran_files(state, pool, inner_step, produced, seen | {call.script})
    return tuple(dict.fromkeys(p for p in found if p not in produced))


def plain(path: str) -> bool:
    """A file in the folder (no URL, folder, glob, or path outside it)."""
    outside = path.startswith(("/", "../"))
    return (
        not outside
        and "://" not in path
        and not path.endswith("/")
        and not any(c in path for c in "*?[")
    )


def imported_modules(state: State, source: Source) -> list[str]:
    """The local modules a script or notebook imports (its import closure) and the files its
    code reads, root-relative."""
    try:
        facts = state.analyze(source, state.options)
    except InputError:
        return []  # (the step still runs it: Python reports the missing module)
    found = [m.origin for m in facts.local_modules]
    found += [a.path for c in facts.chunks for a in c.files if a.mode == "read"]
    return [p for p in found if plain(p)]
