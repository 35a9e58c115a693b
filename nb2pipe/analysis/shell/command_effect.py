"""What one command line does, from the command table (`commands.SHELL_COMMANDS`):
`command_effect(argv)` looks the command up (two-word keys such as "jupyter nbconvert" first)
and applies its `Rule` (`apply_rule`), or its special function; a command not in the table runs
verbatim with its path-like arguments "mentioned" (`unknown_command`)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace

from nb2pipe.analysis.shell import rules as sr
from nb2pipe.analysis.shell import runners as nr
from nb2pipe.analysis.shell import setup as bs
from nb2pipe.analysis.shell.commands import SHELL_COMMANDS, TARGET_DIRS, Positionals, Rule
from nb2pipe.analysis.shell.python_calls import looks_like_path
from nb2pipe.analysis.shell.rules import Argv, CommandEffect, Note, parse_options

_INTERPRETER = re.compile(r"python[\d.]*")


def command_effect(argv: Argv) -> CommandEffect:
    """What a command does, from SHELL_COMMANDS.

    Args:
        argv: The expanded words, command name first (None where a word is dynamic).

    Returns:
        The effect with paths as spelled, and notes for anything not known statically.
    """
    if not argv:
        return CommandEffect("setting")
    if argv[0] is None:
        note = Note("warning", "bash-dynamic-command", "the command name is only known at run time")
        return CommandEffect("shell", verbatim=True, notes=(note,))
    key, rule, args = lookup(argv)
    if rule is None and (argv[0] or "").endswith(".sh"):
        return bs.installer(nr.called_script(argv, "exec"))
    if rule is None:
        return unknown_command(argv)
    effect = rule.special(args) if rule.special is not None else apply_rule(rule, args)
    if effect.kind in ("download", "shell") and not rule.verbatim:
        effect = bs.installer(effect)
        if effect.kind == "setup":
            return effect
    notes = (*((rule.note,) if rule.note else ()), *effect.notes)
    verbatim = effect.verbatim or rule.verbatim
    return replace(
        effect, kind=rule.kind if rule.verbatim else effect.kind, notes=notes, verbatim=verbatim
    )


def lookup(argv: Argv) -> tuple[str, Rule | None, Argv]:
    """The table key, rule and remaining arguments for a command line."""
    name = _command_name(argv[0] or "")
    if len(argv) > 1 and argv[1] is not None and f"{name} {argv[1]}" in SHELL_COMMANDS:
        key = f"{name} {argv[1]}"
        return key, SHELL_COMMANDS[key], argv[2:]
    if len(argv) > 2 and f"{name} {argv[1]} {argv[2]}" in SHELL_COMMANDS:
        key = f"{name} {argv[1]} {argv[2]}"
        return key, SHELL_COMMANDS[key], argv[3:]
    return name, SHELL_COMMANDS.get(name), argv[1:]


def _command_name(word: str) -> str:
    """`/usr/bin/python3.11` and `.venv/bin/pip` → "python", "pip"; `./fasttext` stays as it is
    (a local program)."""
    name = posixpath.basename(word) if word.startswith("/") or "/bin/" in word else word
    return "python" if _INTERPRETER.fullmatch(name) else name


def apply_rule(rule: Rule, args: Argv) -> CommandEffect:
    """Read files from arguments as a data-only `Rule` says."""
    parsed = parse_options(args, rule.values | rule.reads | rule.writes | rule.unskip)
    files = [p for p in parsed.positionals if p is not None]
    seen = parsed.flags | {k for k, _ in parsed.options}
    skip = 0 if seen & rule.unskip else rule.skip
    files = files[skip:] if len(files) >= skip else []
    if rule.positionals in ("copy", "move"):  # `cp -t dir a` (sort's -t is a separator)
        files += [
            f"{v.rstrip('/')}/" for k, v in parsed.options if k in TARGET_DIRS and v is not None
        ]
    dynamic = None in parsed.positionals and rule.positionals != "none"
    notes = (sr.dynamic_note("a file argument"),) if dynamic else ()
    reads = tuple(v for k, v in parsed.options if k in rule.reads and v is not None)
    writes = tuple(v for k, v in parsed.options if k in rule.writes and v is not None)
    effect = _positional_effect(rule.positionals, tuple(files))
    if seen & rule.in_place:
        effect = replace(effect, writes=effect.reads)
    return replace(
        effect,
        kind=rule.kind,
        reads=reads + effect.reads,
        writes=writes + effect.writes,
        notes=notes,
    )


def _positional_effect(mode: Positionals, files: tuple[str, ...]) -> CommandEffect:
    if mode == "reads":
        return CommandEffect("file", reads=files)
    if mode == "writes":
        return CommandEffect("file", writes=files)
    if mode == "removes":
        return CommandEffect("file", removes=files)
    if mode == "in_out":
        return CommandEffect("file", reads=files[:1], writes=files[1:2])
    if mode == "mentions":
        return CommandEffect("shell", mentions=tuple(f for f in files if looks_like_path(f)))
    if mode in ("copy", "move") and len(files) >= 2:
        sources, target = files[:-1], files[-1]
        into_dir = target.endswith("/") or len(sources) > 1
        writes = (
            tuple(sr.join(target, posixpath.basename(s.rstrip("/"))) for s in sources)
            if into_dir
            else (target,)
        )
        return CommandEffect(
            "file", reads=sources, writes=writes, removes=sources if mode == "move" else ()
        )
    return CommandEffect("file")


def unknown_command(argv: Argv) -> CommandEffect:
    """A command not in the table: verbatim, with its path-like arguments as mentions."""
    mentions = tuple(a for a in argv[1:] if a is not None and looks_like_path(a))
    message = (
        f"`{argv[0]}` is not in the command table: it runs verbatim and the files it uses are "
        "not known (add a row to SHELL_COMMANDS)"
    )
    return CommandEffect(
        "shell", mentions=mentions, notes=(Note("warning", "bash-unknown-command", message),)
    )
