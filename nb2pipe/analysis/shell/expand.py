"""Static expansion of bash words against the variables in scope (paths: `paths`).

Expansion follows bash for what can be known before running: variables with static values,
`${VAR:-default}`, simple `$(...)` (SUBSTITUTIONS), word splitting of unquoted expansions.
Anything else makes the word dynamic (None).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from nb2pipe.analysis.shell.paths import absolute
from nb2pipe.analysis.shell.words import Dynamic, Lit, Param, Subst, Word

if TYPE_CHECKING:
    from nb2pipe.analysis.shell.scope import Context, Scope



@dataclass(frozen=True, slots=True)
class Expanded:
    """The fields a word expands to (None when dynamic) and the variables it reads."""

    fields: tuple[str, ...] | None
    uses: tuple[str, ...] = ()
    #: The variable when the word is exactly `$NAME`, `"$NAME"` or `${NAME}`.
    whole_var: str | None = None


def expand(word: Word, scope: Scope, ctx: Context) -> Expanded:
    """Expand ``word`` statically: variables, defaults, simple `$(...)`, word splitting.

    Example: with ``DATA=data`` in scope, ``"${DATA}/x.csv"`` gives ``("data/x.csv",)`` and
    ``$UNSET`` gives ``None`` (an environment variable, only known at run time).
    """
    fields: list[str] = [""]
    keep = not word.parts  # an empty word such as "" is one empty field
    uses: list[str] = []
    for part in word.parts:
        if isinstance(part, Param) and part.name.isidentifier():
            uses.append(part.name)
        uses.extend(_inner_uses(part, scope, ctx))
        pieces = _part_value(part, scope, ctx)
        if pieces is None:
            return Expanded(None, tuple(uses), _whole_var(word))
        split = not getattr(part, "quoted", True) and not isinstance(part, Lit)
        keep = keep or bool(getattr(part, "quoted", False)) or isinstance(part, Lit)
        _append(fields, pieces, split)
    if fields == [""] and not keep:
        return Expanded((), tuple(uses), _whole_var(word))
    return Expanded(tuple(f for f in fields if f or keep), tuple(uses), _whole_var(word))


def expand_all(
    words: tuple[Word, ...], scope: Scope, ctx: Context
) -> tuple[list[str | None], list[str]]:
    """Expand words into arguments (a dynamic word gives one None) and the variables read."""
    argv: list[str | None] = []
    uses: list[str] = []
    for word in words:
        result = expand(word, scope, ctx)
        uses.extend(result.uses)
        argv.extend(result.fields if result.fields is not None else [None])
    return argv, uses


def _inner_uses(part: object, scope: Scope, ctx: Context) -> list[str]:
    """Variables read inside `$(seq 1 "$N")` or `$((N + 1))`: the command needs them too."""
    if isinstance(part, Subst) and part.commands is not None:
        return [u for cmd in part.commands for w in cmd for u in expand(w, scope, ctx).uses]
    if isinstance(part, Dynamic):
        return [m for m in INNER_NAME.findall(part.text) if m.isidentifier()]
    return []


def _append(fields: list[str], pieces: tuple[str, ...], split: bool) -> None:
    if split:
        pieces = tuple(p for piece in pieces for p in piece.split()) if pieces else ()
    if not pieces:
        return
    fields[-1] += pieces[0]
    fields.extend(pieces[1:])


def _whole_var(word: Word) -> str | None:
    if len(word.parts) == 1 and isinstance(word.parts[0], Param) and not word.parts[0].op:
        return word.parts[0].name
    return None


def _part_value(part: object, scope: Scope, ctx: Context) -> tuple[str, ...] | None:
    if isinstance(part, Lit):
        return (part.text,)
    if isinstance(part, Param):
        return _param_value(part, scope, ctx)
    if isinstance(part, Subst) and part.commands is not None:
        value = substitute(part.commands, scope, ctx)
        return None if value is None else (value,)
    assert isinstance(part, (Subst, Dynamic))
    return None


def _param_value(part: Param, scope: Scope, ctx: Context) -> tuple[str, ...] | None:
    name = part.name
    if name in ("@", "*"):
        if scope.args is None or None in scope.args:
            return None
        args = tuple(a for a in scope.args if a is not None)
        return args if part.quoted and name == "@" else (" ".join(args),)
    value = _lookup(name, scope, ctx)
    unset = value is _UNSET or (value == "" and part.op in (":-", ":="))
    if part.op and unset:
        return expand(part.arg or Word((), ""), scope, ctx).fields
    if value is _UNSET or value is None:
        return None
    assert isinstance(value, str)
    return (value,)


_UNSET = object()
#: `$NAME` / `${NAME...}` inside text only known at run time (`$(( $N + 1 ))`, `${F%.csv}`).
INNER_NAME = re.compile(r"\$\{?#?([A-Za-z_]\w*)")


def _lookup(name: str, scope: Scope, ctx: Context) -> object:
    if name == "0":
        return posixpath.join(ctx.root, ctx.source) if ctx.source else None
    if name.isdigit():
        args = scope.args
        if args is None:
            return None
        index = int(name) - 1
        return args[index] if index < len(args) else ""
    if name == "#":
        return str(len(scope.args)) if scope.args is not None else None
    if name == "PWD":
        return scope.cwd
    return scope.vars.get(name, _UNSET)


# ------------------------------------------------------------------ command substitution
Substitution = Callable[[tuple[str, ...], str | None], str | None]


def _dirname(args: tuple[str, ...], cwd: str | None) -> str | None:
    if len(args) != 1:
        return None
    head = posixpath.dirname(args[0].rstrip("/") or "/")
    return head or "."


def _basename(args: tuple[str, ...], cwd: str | None) -> str | None:
    if not 1 <= len(args) <= 2:
        return None
    base = posixpath.basename(args[0].rstrip("/"))
    suffix = args[1] if len(args) == 2 else ""
    return base[: -len(suffix)] if suffix and base.endswith(suffix) and base != suffix else base


def _realpath(args: tuple[str, ...], cwd: str | None) -> str | None:
    paths = [a for a in args if not a.startswith("-")]
    return absolute(paths[0], cwd) if len(paths) == 1 else None


def _readlink(args: tuple[str, ...], cwd: str | None) -> str | None:
    return _realpath(args, cwd) if args and args[0] in ("-f", "-e", "-m") else None


#: Commands whose output `$(...)` can compute statically (`cd` is handled by `substitute`).
#: Please add rows for other pure commands.
SUBSTITUTIONS: dict[str, Substitution] = {
    "pwd": lambda args, cwd: cwd,
    "dirname": _dirname,
    "basename": _basename,
    "realpath": _realpath,
    "readlink": _readlink,
    "echo": lambda args, cwd: " ".join(a for a in args if a != "-n"),
}


def substitute(commands: tuple[tuple[Word, ...], ...], scope: Scope, ctx: Context) -> str | None:
    """The output of `$(a && b)` when every command is in SUBSTITUTIONS (or is `cd`).

    Example: ``$(cd "$(dirname "$0")" && pwd)`` gives the script's folder.
    """
    output: str | None = ""
    for words in commands:
        argv, _ = expand_all(words, scope, ctx)
        if not argv or None in argv:
            return None
        name, args = argv[0], tuple(a for a in argv[1:] if a is not None)
        if name == "cd" and len(args) == 1:
            scope = replace(scope, cwd=absolute(args[0], scope.cwd))
            continue
        rule = SUBSTITUTIONS.get(name or "")
        output = rule(args, scope.cwd) if rule is not None else None
        if output is None:
            return None
    return output
