"""What a command's words add to its effects: the files its redirections read and write
(`redirect_facts`), how each argument naming a file is spelled (`word_spellings`: the planner
puts the catalog's path in its place), and the script variables used as whole arguments that are
parameters (`variable_params`)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from nb2pipe.analysis.shell.effects import Effects, combine, note_effects, paths
from nb2pipe.analysis.shell.expand import expand
from nb2pipe.analysis.shell.paths import normalise
from nb2pipe.analysis.shell.python_calls import classify, guess_value
from nb2pipe.analysis.shell.rules import Note
from nb2pipe.analysis.shell.scope import Context, Scope
from nb2pipe.analysis.shell.syntax import Redirect

WRITE_OPS = frozenset({">", ">|", "&>", ">>", "&>>", "<>"})
READ_OPS = frozenset({"<", "<>"})


def redirect_facts(
    redirects: tuple[Redirect, ...], scope: Scope, ctx: Context, line: int
) -> tuple[Effects, Effects]:
    """Reads (stdin) and writes (stdout/stderr) of redirections, as (before, after) effects."""
    reads: list[str] = []
    writes: list[str] = []
    notes: list[Note] = []
    uses: list[str] = []
    spelled: list[tuple[str, str]] = []
    for redirect in redirects:
        if redirect.target is None or redirect.op in (">&", "<&") and _is_fd(redirect.target.text):
            continue
        expanded = expand(redirect.target, scope, ctx)
        uses.extend(expanded.uses)
        if expanded.fields is None or len(expanded.fields) != 1:
            notes.append(
                Note(
                    "warning",
                    "bash-dynamic-path",
                    f"redirection target {redirect.target.text} is only known at run time",
                )
            )
            continue
        target = expanded.fields[0]
        shown = normalise(target, scope.cwd, ctx.root)
        if shown is not None:
            spelled.append((redirect.target.text, shown))
        if redirect.op in READ_OPS:
            reads.append(target)
        if redirect.op in WRITE_OPS or redirect.op == ">&":
            writes.append(target)
    before, lost_r = paths(reads, scope.cwd, ctx, line)
    after, lost_w = paths(writes, scope.cwd, ctx, line)
    head = combine(
        Effects(reads=before, uses=tuple(uses), spellings=tuple(spelled)),
        lost_r,
        note_effects(ctx, line, notes),
    )
    return head, combine(Effects(writes=after), lost_w)


def word_spellings(
    words: Iterable[tuple[str, tuple[str, ...] | None]],
    effects: Effects,
    scope: Scope,
    ctx: Context,
) -> Effects:
    """(word as written, path) for each argument naming a file the command reads, writes or
    mentions: the planner puts the catalog's path in its place. `--opt=path` counts too."""
    outputs = tuple(n.output for n in effects.notebooks if n.output)  # an executed copy
    files = set(effects.reads + effects.writes + effects.mentions + outputs)
    found: list[tuple[str, str]] = []
    for text, fields in words:
        if fields is None or len(fields) != 1:
            continue
        shown = normalise(fields[0], scope.cwd, ctx.root)
        if shown is not None and shown in files:
            found.append((text, shown))
            continue
        option, eq, value = fields[0].partition("=")
        written = text.partition("=")[2]
        if eq and option.startswith("-") and written:
            shown = normalise(value, scope.cwd, ctx.root)
            if shown is not None and shown in files:
                found.append((written, shown))
    return Effects(spellings=tuple(found))


def _is_fd(text: str) -> bool:
    return text.isdigit() or text == "-"


def variable_params(
    args: Iterable[tuple[str | None, str | None, str | None]], effect: Effects
) -> Effects:
    """Script variables used as whole arguments with a static, non-path value: parameters.

    Args:
        args: Per argument: the word before it, the variable if the word is exactly `$NAME`,
            and its static value.
        effect: The command's effects (its kinds and the files it names).

    Example: ``build/cooccur -memory $MEMORY -vocab-file $VOCAB_FILE`` with MEMORY=4.0 and
    VOCAB_FILE=vocab.txt gives the parameter MEMORY=4.0 only (an option named like a file, or
    a value that looks like a path, is a file).
    """
    if effect.kind in ("setting", "notebook", "python"):
        return Effects()
    files = {
        posixpath.basename(p.rstrip("/")) for p in effect.reads + effect.writes + effect.mentions
    }
    params = tuple(
        (name, guess_value(value))
        for option, name, value in args
        if name
        and name.isidentifier()
        and value is not None
        and value not in files
        and classify((option or "").lstrip("-"), value, None) == "param"
    )
    return Effects(params=params)
