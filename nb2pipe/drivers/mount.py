"""Scripts that run the project from a mount: `/opt/shared/notebooks/x.ipynb` for the
folder's `notebooks/x.ipynb` means `/opt/shared` is the conversion root (a Docker image's mount).
`mount` finds that folder; `remap` reads every path of a script relative to the root instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..model.shell import BashScript


def mount(script: BashScript, known: Iterable[str]) -> str:
    """The absolute folder a script takes the conversion root to be, if it runs a known source
    by an absolute path outside the root (`/opt/shared/notebooks/x.ipynb` for
    `notebooks/x.ipynb`: `/opt/shared`)."""
    known = set(known)
    runs = [r.notebook for s in script.steps for r in s.notebooks]
    runs += [c.script for s in script.steps for c in s.python]
    runs += [c.script for s in script.steps for c in s.scripts]
    for path in runs:
        if not path.startswith("/"):
            continue
        parts = path.strip("/").split("/")
        for cut in range(1, len(parts)):
            if "/".join(parts[cut:]) in known:
                return "/" + "/".join(parts[:cut])
    return ""


def unmount(path: str, prefix: str) -> str:
    """``path`` relative to the root when it is under the mount folder ``prefix``."""
    if not prefix or not path.startswith("/"):
        return path
    if path == prefix:
        return "."
    return path[len(prefix) + 1 :] if path.startswith(prefix + "/") else path


def remap(script: BashScript, prefix: str) -> BashScript:
    """Every path under the mount folder made relative to the root."""
    if not prefix:
        return script

    def m(path: str | None) -> str | None:
        return unmount(path, prefix) if path is not None else None

    def files(paths: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(unmount(p, prefix) for p in paths)

    steps = tuple(
        replace(
            s,
            cwd=m(s.cwd),
            reads=files(s.reads),
            writes=files(s.writes),
            removes=files(s.removes),
            mentions=files(s.mentions),
            spellings=tuple((w, unmount(p, prefix)) for w, p in s.spellings),
            notebooks=tuple(
                replace(
                    r,
                    notebook=unmount(r.notebook, prefix),
                    output=m(r.output),
                    cwd=m(r.cwd),
                    paths=tuple((k, unmount(v, prefix)) for k, v in r.paths),
                )
                for r in s.notebooks
            ),
            python=tuple(replace(c, script=unmount(c.script, prefix)) for c in s.python),
            scripts=tuple(
                replace(c, script=unmount(c.script, prefix), cwd=m(c.cwd)) for c in s.scripts
            ),
        )
        for s in script.steps
    )
    return replace(script, steps=steps, start=unmount(script.start, prefix))
