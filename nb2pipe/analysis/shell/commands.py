"""SHELL_COMMANDS: what each shell command reads and writes, as a table.

`command_effect(argv)` looks the command up (two-word keys such as "jupyter nbconvert" first)
and applies its `Rule`: a small record saying which arguments are files read or written, or a
function from `shell.rules`/`shell.runners` for commands that need more. Commands not in the
table run verbatim: their path-like arguments are only "mentioned", and a diagnostic says so.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

from nb2pipe.analysis.shell import rules as sr
from nb2pipe.analysis.shell import runners as nr
from nb2pipe.analysis.shell import setup as bs
from nb2pipe.analysis.shell.python_calls import looks_like_path
from nb2pipe.analysis.shell.rules import Argv, CommandEffect, Note, parse_options
from nb2pipe.model.shell import StepKind

#: What positional arguments are: all "reads" (cat), all "writes" (tee), "removes" (rm),
#: "copy" (sources read, last one written), "move" (copy + sources removed), "in_out" (uniq in
#: out), "none" (echo, tr), "mentions" (unknown commands).
Positionals = Literal["reads", "writes", "removes", "copy", "move", "in_out", "none", "mentions"]
Special = Callable[[Argv], CommandEffect]


@dataclass(frozen=True, slots=True)
class Rule:
    """What a command does with its arguments."""

    kind: StepKind = "file"
    positionals: Positionals = "reads"
    #: Leading positionals that are not files: awk's program, grep's pattern, sed's script.
    skip: int = 0
    #: Options taking a value that is not a file.
    values: frozenset[str] = frozenset()
    #: Options whose value is a file read / written.
    reads: frozenset[str] = frozenset()
    writes: frozenset[str] = frozenset()
    #: Options that give what ``skip`` skips (`sed -e script`, `awk -f prog.awk`).
    unskip: frozenset[str] = frozenset()
    #: Options editing the file arguments in place (`sed -i`).
    in_place: frozenset[str] = frozenset()
    note: Note | None = None
    #: Keep the step verbatim (eval, source, sudo, read...).
    verbatim: bool = False
    #: A function for commands a row cannot describe.
    special: Special | None = field(default=None, compare=False)


def _fs(*names: str) -> frozenset[str]:
    return frozenset(names)


def _warn(code: str, message: str) -> Note:
    return Note("warning", code, message)


#: Options taking a value, per command (the others are flags: `sort -n`, `grep -c`, `cut -s`).
_LINES = _fs("-n", "-c", "--lines", "--bytes")
_SORT = _fs(
    "-k",
    "-t",
    "-S",
    "-T",
    "--key",
    "--field-separator",
    "--buffer-size",
    "--temporary-directory",
    "--parallel",
    "--batch-size",
)
_GREP = _fs(
    "-e",
    "-f",
    "--regexp",
    "--file",
    "-m",
    "--max-count",
    "-A",
    "-B",
    "-C",
    "--after-context",
    "--before-context",
    "--context",
    "-d",
    "-D",
    "--label",
    "--include",
    "--exclude",
    "--exclude-dir",
)
#: `cp -t dir a b`: the option naming the destination directory.
TARGET_DIRS = frozenset({"-t", "--target-directory"})
_SETTING = Rule("setting", "none")
_VERBATIM = Rule("shell", "none", verbatim=True)
_WRAPPED = Rule("setting", "none", special=sr.wrapped)

#: The command table. Please add rows: most commands need only a `Rule(...)` line.
SHELL_COMMANDS: dict[str, Rule] = {
    # text filters: file arguments are read, output goes to a redirection
    "cat": Rule(),
    "head": Rule(values=_LINES),
    "tail": Rule(values=_LINES | _fs("-s", "--sleep-interval", "--pid")),
    "cut": Rule(
        values=_fs("-d", "-f", "-c", "-b", "--delimiter", "--fields", "--output-delimiter")
    ),
    "sort": Rule(values=_SORT, writes=_fs("-o", "--output")),
    "uniq": Rule(positionals="in_out", values=_fs("-f", "-s", "-w")),
    "wc": Rule(),
    "tr": Rule(positionals="none"),
    "shuf": Rule(values=_fs("-n", "-o"), writes=_fs("-o")),
    "paste": Rule(values=_fs("-d")),
    "join": Rule(values=_fs("-t", "-1", "-2", "-o")),
    "comm": Rule(),
    "diff": Rule(),
    "nl": Rule(),
    "rev": Rule(),
    "tac": Rule(),
    "split": Rule(values=_fs("-l", "-b", "-n")),
    "grep": Rule(skip=1, values=_GREP, unskip=_fs("-e", "-f", "--regexp", "--file")),
    "awk": Rule(skip=1, values=_fs("-F", "-v"), unskip=_fs("-f")),
    "sed": Rule(
        skip=1, values=_fs("-e", "-f"), unskip=_fs("-e", "-f"), in_place=_fs("-i", "--in-place")
    ),
    "perl": Rule(
        skip=1,
        values=_fs("-e", "-E", "-M", "-I"),
        unskip=_fs("-e", "-E"),
        note=Note("info", "bash-perl", "perl runs verbatim; files it opens by itself are not seen"),
    ),
    "tee": Rule(positionals="writes"),
    "touch": Rule(positionals="writes"),
    # files
    "cp": Rule(positionals="copy", values=TARGET_DIRS),
    "mv": Rule(positionals="move", values=TARGET_DIRS),
    "ln": Rule(positionals="copy"),
    "rm": Rule(positionals="removes"),
    "rmdir": Rule(positionals="removes"),
    "mkdir": Rule("setting", "none", values=_fs("-m")),
    "tar": Rule(special=sr.tar),
    "unzip": Rule(special=sr.unzip),
    **{name: Rule(special=partial(sr.compress, name=name)) for name in sr.COMPRESSORS},
    # downloads
    "wget": Rule("download", special=sr.wget),
    "curl": Rule("download", special=sr.curl),
    # notebooks and scripts
    "papermill": Rule("notebook", special=nr.papermill),
    "jupyter nbconvert": Rule("notebook", special=nr.nbconvert),
    "jupyter execute": Rule("notebook", special=nr.jupyter_execute),
    "ipython": Rule("python", special=nr.ipython),
    "%run": Rule("notebook", special=nr.percent_run),
    "python": Rule("python", special=nr.python),
    "Rscript": Rule("shell", "mentions", note=_warn("bash-rscript", "R scripts run verbatim")),
    "make": Rule("shell", "none", note=_warn("bash-make", "`make` builds code; kept verbatim")),
    "dvc run": Rule(special=sr.dvc_run),
    "dvc stage add": Rule(special=sr.dvc_run),
    # commands running another command
    "time": _WRAPPED,
    "nohup": _WRAPPED,
    "env": Rule("setting", "none", special=partial(sr.wrapped, values=_fs("-u", "--unset"))),
    "nice": Rule("setting", "none", special=partial(sr.wrapped, values=_fs("-n"))),
    "timeout": Rule("setting", "none", special=partial(sr.wrapped, values=_fs("-s", "-k"), skip=1)),
    "conda run": Rule("setting", "none", special=partial(sr.wrapped, values=_fs("-n", "-p"))),
    # shell state only (cd, pushd and popd are tracked by shell.steps)
    **{
        name: _SETTING
        for name in (
            "cd",
            "pushd",
            "popd",
            "set",
            "shopt",
            "export",
            "unset",
            "alias",
            "umask",
            "ulimit",
            "trap",
            "wait",
            "true",
            "false",
            ":",
            "echo",
            "printf",
            "sleep",
            "test",
            "[",
            "[[",
            "hash",
            "type",
            "which",
            "command",
            "exit",
            "return",
            "shift",
            "local",
            "declare",
            "chmod",
            "date",
            "break",
            "continue",
            "clear",
            "nvidia-smi",
        )
    },
    # kept verbatim with a warning
    "eval": replace(_VERBATIM, note=_warn("bash-eval", "`eval` runs code built at run time")),
    "source": Rule("shell", "none", special=bs.sourced),
    ".": Rule("shell", "none", special=bs.sourced),
    "sudo": Rule(
        "shell",
        "none",
        verbatim=True,
        special=sr.wrapped,
        note=_warn("bash-sudo", "`sudo` needs privileges"),
    ),
    "read": replace(_VERBATIM, note=_warn("bash-read", "`read` waits for input at run time")),
    "exec": replace(
        _VERBATIM,
        special=sr.wrapped,
        note=_warn("bash-exec", "`exec` replaces or redirects the shell"),
    ),
    # other shell scripts: converted with the script that runs them (`drivers`)
    "bash": Rule("shell", special=partial(nr.shell_script, runner="bash")),
    "sh": Rule("shell", special=partial(nr.shell_script, runner="sh")),
    # environment set-up: no node (shell.setup.SETUP_COMMANDS)
    **{key: Rule("setup", special=bs.setup_rule(key)) for key in bs.SETUP_COMMANDS},
}

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
        note = _warn("bash-dynamic-command", "the command name is only known at run time")
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
        "shell", mentions=mentions, notes=(_warn("bash-unknown-command", message),)
    )
