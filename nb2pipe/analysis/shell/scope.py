"""The shell state the bash walker threads through a script, and the builtins that change it.

`Scope` holds variables with their static values (None when only known at run time), the
working directory, positional parameters, functions and `set` options. Directories are absolute
posix paths here; they become root-relative only when a step is built (`shell.paths.display`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from nb2pipe.analysis.shell.paths import ROOT_SENTINEL, absolute

_EMPTY: Mapping[str, object] = MappingProxyType({})
_EMPTY_SOURCES: Mapping[str, str] = MappingProxyType({})
_NO_VARS: Mapping[str, str | None] = MappingProxyType({})
Args = tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class Context:
    """What does not change while walking one script."""

    #: Absolute posix path of the conversion root.
    root: str = ROOT_SENTINEL
    #: The script's path relative to the root ("" for notebook shell lines): diagnostics, `$0`.
    source: str = ""
    #: Shell lines of a notebook cell carry the cell's ref in their diagnostics.
    cell: str | None = None
    #: Source of the Python scripts the script calls, by normalised path (to bind arguments).
    python_sources: Mapping[str, str] = field(default_factory=lambda: _EMPTY_SOURCES)


@dataclass(frozen=True, slots=True)
class Scope:
    """Shell state before a statement runs. Updated by returning new values, never in place."""

    cwd: str | None
    vars: Mapping[str, str | None] = field(default_factory=lambda: _NO_VARS)
    exported: frozenset[str] = frozenset()
    #: Positional parameters ($1...); None for the script's own, which are unknown.
    args: tuple[str | None, ...] | None = None
    functions: Mapping[str, object] = field(default_factory=lambda: _EMPTY)
    options: frozenset[str] = frozenset()
    #: Function calls being expanded (to stop recursion and bound the depth).
    calling: tuple[str, ...] = ()
    #: The pushd stack.
    dirs: tuple[str | None, ...] = ()

    def assign(self, name: str, value: str | None, export: bool = False) -> Scope:
        """The scope with ``name`` bound to ``value`` (and exported if asked)."""
        exported = self.exported | {name} if export else self.exported
        return replace(self, vars=MappingProxyType({**self.vars, name: value}), exported=exported)

    def unset(self, name: str) -> Scope:
        """The scope without ``name``."""
        kept = {k: v for k, v in self.vars.items() if k != name}
        return replace(self, vars=MappingProxyType(kept), exported=self.exported - {name})


def merge_scopes(ends: list[Scope], before: Scope) -> Scope:
    """The scope after one of several branches ran: values they disagree on become dynamic."""
    if not ends:
        return before
    names = dict.fromkeys(n for s in ends for n in s.vars)
    merged = {n: _agreed([s.vars.get(n, "\0unset") for s in ends]) for n in names}
    functions = {k: v for s in ends for k, v in s.functions.items()}
    return replace(
        ends[0],
        vars=MappingProxyType(merged),
        cwd=_agreed([s.cwd for s in ends]),
        exported=frozenset().union(*(s.exported for s in ends)),
        functions=MappingProxyType(functions),
    )


def _agreed(values: list[str | None]) -> str | None:
    return values[0] if all(v == values[0] for v in values) and values[0] != "\0unset" else None


def _cd(args: Args, scope: Scope) -> Scope:
    """`cd dir` (`cd -` goes back to $OLDPWD; `cd` alone to the unknown $HOME)."""
    target = args[-1] if args else None
    if target == "-":
        cwd = scope.vars.get("OLDPWD")
    else:
        cwd = absolute(target, scope.cwd) if target else None
    return replace(scope.assign("OLDPWD", scope.cwd), cwd=cwd)


def _pushd(args: Args, scope: Scope) -> Scope:
    return replace(_cd(args, scope), dirs=(scope.cwd, *scope.dirs))


def _popd(args: Args, scope: Scope) -> Scope:
    return (
        replace(scope, cwd=scope.dirs[0], dirs=scope.dirs[1:])
        if scope.dirs
        else replace(scope, cwd=None)
    )


#: `set -o NAME` options that have a one-letter flag: kept as the flag, so `set -o errexit`
#: and `set +e` undo each other.
SET_FLAGS = {"allexport": "a", "errexit": "e", "errtrace": "E", "noclobber": "C", "noglob": "f",
             "nounset": "u", "verbose": "v", "xtrace": "x", "hashall": "h", "functrace": "T"}


def _set(args: Args, scope: Scope) -> Scope:
    """`set -e`, `set +x`, `set -euo pipefail`, `set -o errexit`: flags and `-o` names."""
    options = set(scope.options)
    words = [a for a in args if a is not None]
    while words:
        word = words.pop(0)
        if word[:1] not in ("-", "+") or word == "--":
            break
        change = options.add if word[0] == "-" else options.discard
        for flag in word[1:]:
            name = words.pop(0) if flag == "o" and words else flag
            change(SET_FLAGS.get(name, name))
    return replace(scope, options=frozenset(options))


def _read(args: Args, scope: Scope) -> Scope:
    values = {"-p", "-d", "-n", "-N", "-t", "-u", "-a", "-i"}
    names: list[str] = []
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word in values and rest:
            rest.pop(0)
        elif word is not None and word.isidentifier():
            names.append(word)
    for name in names or ["REPLY"]:
        scope = scope.assign(name, None)
    return scope


def _shift(args: Args, scope: Scope) -> Scope:
    count = int(args[0]) if args and args[0] and args[0].isdigit() else 1
    return replace(scope, args=scope.args[count:] if scope.args is not None else None)


#: Builtins that change the shell's state: name → (arguments, scope) → scope after.
BUILTINS: dict[str, Callable[[Args, Scope], Scope]] = {
    "cd": _cd,
    "pushd": _pushd,
    "popd": _popd,
    "set": _set,
    "read": _read,
    "shift": _shift,
}
