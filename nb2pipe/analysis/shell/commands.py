"""SHELL_COMMANDS: what each shell command reads and writes, as a table.

Each command's `Rule` is a small record saying which arguments are files read or written, or a
function from `shell.rules`/`shell.runners` for commands that need more; `shell.command_effect`
applies it to a command line. Commands not in the table run verbatim: their path-like arguments
are only "mentioned", and a diagnostic says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Literal

from nb2pipe.analysis.shell import downloads as dl
from nb2pipe.analysis.shell import rules as sr
from nb2pipe.analysis.shell import runners as nr
from nb2pipe.analysis.shell import setup as bs
from nb2pipe.analysis.shell.rules import Argv, CommandEffect, Note
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
    "wget": Rule("download", special=dl.wget),
    "curl": Rule("download", special=dl.curl),
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


