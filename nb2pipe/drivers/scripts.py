"""The shell scripts of a conversion: which sources they can run (`Pool`), how each is read as
steps (as a call runs it, from a mount), which files they run (`called_scripts`), and which
scripts are drivers (`entry_scripts`: those no other script runs).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..model import Source
from ..model.shell import BashScript, ScriptCall
from .mount import mount, remap, unmount

_EMPTY: Mapping[str, str | None] = {}


@dataclass(frozen=True, slots=True)
class Pool:
    """The sources scripts can run, by path."""

    notebooks: Mapping[str, Source]
    scripts: Mapping[str, Source]
    shells: Mapping[str, Source]
    #: Code of the Python scripts (to bind their arguments).
    texts: Mapping[str, str]

    @classmethod
    def of(cls, sources: Sequence[Source]) -> Pool:
        scripts = {str(s.path): s for s in sources if s.language == "python"}
        return cls(
            notebooks={str(s.path): s for s in sources if s.kind == "notebook"},
            scripts=scripts,
            shells={str(s.path): s for s in sources if s.language == "bash"},
            texts={p: code_text(s) for p, s in scripts.items()},
        )

    def read(self, source: Source, call: ScriptCall | None = None) -> tuple[BashScript, str]:
        """The script's steps (run as ``call`` runs it) and its mount folder ("" if none)."""
        known = [*self.notebooks, *self.scripts, *self.shells]
        prefix = mount(parse(source, {}), known)
        texts = dict(self.texts)
        if prefix:
            texts.update({f"{prefix}/{p}": t for p, t in self.texts.items()})
        if call is None:
            script = parse(source, texts)
        else:
            script = parse(source, texts, call.cwd, call.argv, dict(call.env))
        return self.python_drivers(remap(script, prefix)), prefix

    def python_drivers(self, script: BashScript) -> BashScript:
        """`python driver.py` running a Python driver (read as a shell script,
        `readers/python_driver.py`) is a call of that script, as `bash driver.sh` is: converted
        with its caller, not on its own."""
        steps = []
        for step in script.steps:
            runs = [c for c in step.python if c.script in self.shells]
            if runs:
                calls = [ScriptCall(c.script, c.argv, step.cwd, runner="python") for c in runs]
                others = tuple(c for c in step.python if c not in runs)
                step = replace(step, python=others, scripts=(*step.scripts, *calls))
            steps.append(step)
        return replace(script, steps=tuple(steps))


def called_scripts(sources: Sequence[Source]) -> tuple[str, ...]:
    """Python scripts, notebooks and shell scripts the shell scripts run (paths relative to the
    root), to be read as sources: plain `.py` files are not found otherwise, nor notebooks and
    other scripts when only the script was given. A script another script runs is also read as
    that call runs it (its `$1`, working folder and variables), as bash would: what
    `bash run.sh notebooks` runs as `"$1/a.ipynb"` is `notebooks/a.ipynb`. Call again with what
    was read to find what those run."""
    return tuple(sorted(p for p in callers(sources) if not p.startswith("/")))


def callers(sources: Sequence[Source]) -> dict[str, str]:
    """Each file `called_scripts` finds (absolute ones included), with the script that runs it."""
    known = [str(s.path) for s in sources]
    shells = {str(s.path): s for s in sources if s.language == "bash"}
    found: dict[str, str] = {}
    todo: list[tuple[Source, ScriptCall | None]] = [(source, None) for source in shells.values()]
    seen: set[tuple[str, ScriptCall | None]] = set()
    while todo:
        source, call = todo.pop()
        if (str(source.path), call) in seen:
            continue
        seen.add((str(source.path), call))
        if call is None:
            script = parse(source, {})
        else:
            script = parse(source, {}, call.cwd, call.argv, dict(call.env))
        prefix = mount(script, known)
        for step in script.steps:
            paths = [c.script for c in step.python if c.script.endswith(".py")]
            paths += [r.notebook for r in step.notebooks] + [c.script for c in step.scripts]
            for path in paths:
                found.setdefault(unmount(path, prefix), str(source.path))
            for c in step.scripts:
                callee = shells.get(unmount(c.script, prefix))
                if callee is not None and len(seen) < MAX_CALLS:
                    todo.append((callee, c))
    return found


#: Bound on the (script, call) pairs `called_scripts` reads: scripts calling each other with
#: ever new arguments stop here (the calls past it are run verbatim, as drivers.py decides).
MAX_CALLS = 200


def entry_scripts(pool: Pool) -> list[Source]:
    """The shell scripts no other script runs, in path order; then, for scripts only reached
    through a cycle (`a.sh` runs `b.sh`, which runs `a.sh`), the first of each cycle."""
    graph = {
        path: {c.script for s in pool.read(source)[0].steps for c in s.scripts}
        for path, source in pool.shells.items()
    }
    called = {c for calls in graph.values() for c in calls}
    entries = sorted(p for p in graph if p not in called)
    reached: set[str] = set()
    stack = list(entries)
    while True:
        while stack:
            path = stack.pop()
            if path not in reached:
                reached.add(path)
                stack.extend(c for c in graph.get(path, ()) if c in graph)
        left = sorted(p for p in graph if p not in reached)
        if not left:
            return [pool.shells[p] for p in entries]
        entries.append(left[0])
        stack.append(left[0])


def parse(
    source: Source,
    texts: Mapping[str, str],
    start: str | None = None,
    args: Sequence[str | None] | None = None,
    env: Mapping[str, str | None] = _EMPTY,
) -> BashScript:
    from ..analysis.shell.steps import script_facts  # the parser (tree-sitter): only for scripts

    root = root_of(source)
    text = source.cells[0].source if source.cells else ""
    return script_facts(text, str(source.path), root, start, texts, args, env)


def root_of(source: Source) -> str:
    path = source.abspath
    for _ in source.path.parts:
        path = posixpath.dirname(path)
    return path


def code_text(source: Source) -> str:
    return "\n".join(c.source for c in source.cells if c.kind == "code")
