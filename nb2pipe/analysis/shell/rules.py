"""Command rules that need more than a data row: archives, wrappers (downloads:
`shell.downloads`); option parsing.

Each rule maps the arguments of one command (after its name; None where a word is dynamic) to a
`CommandEffect` with paths as spelled: `shell.steps` normalises them against the working
directory. `shell.commands.SHELL_COMMANDS` points at these functions.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from nb2pipe.model import Level
from nb2pipe.model.shell import PythonCall, StepKind

Argv = tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class Note:
    """A diagnostic a rule raises; the walker adds the file and line."""

    level: Level
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class NotebookCall:
    """A notebook run as spelled on the command line."""

    runner: str
    notebook: str
    output: str | None = None
    parameters: tuple[tuple[str, object], ...] = ()
    #: Where the notebook's code runs, spelled; None: the shell's working directory.
    cwd: str | None = None


@dataclass(frozen=True, slots=True)
class CommandEffect:
    """What one command does to files, with paths as spelled."""

    kind: StepKind
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    removes: tuple[str, ...] = ()
    #: Path-like arguments of a command whose effects are unknown.
    mentions: tuple[str, ...] = ()
    notebooks: tuple[NotebookCall, ...] = ()
    python: PythonCall | None = None
    #: A command this one runs (`sudo cmd`, `time cmd`, `dvc run ... cmd`): analysed in turn.
    inner: Argv | None = None
    notes: tuple[Note, ...] = ()
    #: The step must be kept verbatim (eval, source, sudo...).
    verbatim: bool = False
    #: Another shell script this command runs, then its arguments, as spelled.
    script: Argv | None = None
    #: How it runs it: "bash", "sh" or "exec".
    script_runner: str = ""
    #: For an environment set-up command, what it is (`pip install`, `source venv/bin/activate`).
    setup: str = ""
    #: Requirements an environment set-up command installs (`pip install pandas==2.1`).
    installs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Parsed:
    """Arguments split getopt-style: positionals, options with values, and flags seen."""

    positionals: Argv = ()
    options: tuple[tuple[str, str | None], ...] = ()
    flags: frozenset[str] = field(default_factory=frozenset)

    def values(self, *names: str) -> tuple[str | None, ...]:
        """Values given to any of the option ``names``, in order."""
        return tuple(v for k, v in self.options if k in names)


def parse_options(args: Argv, takes_value: frozenset[str]) -> Parsed:
    """Split ``args`` like getopt_long: `-abc` clusters, `-ofile`, `--opt=value`, `--`.

    Options in ``takes_value`` consume a value; every other dash word is a flag.
    """
    positionals: list[str | None] = []
    options: list[tuple[str, str | None]] = []
    flags: set[str] = set()
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token is None or token == "-" or not token.startswith("-"):
            positionals.append(token)
        elif token == "--":
            positionals.extend(rest)
            break
        elif token.startswith("--"):
            name, eq, value = token.partition("=")
            if eq:
                options.append((name, value))
            elif name in takes_value:
                options.append((name, rest.pop(0) if rest else None))
            else:
                flags.add(name)
        else:
            _short_cluster(token, rest, takes_value, options, flags)
    return Parsed(tuple(positionals), tuple(options), frozenset(flags))


def _short_cluster(
    token: str,
    rest: list[str | None],
    takes_value: frozenset[str],
    options: list[tuple[str, str | None]],
    flags: set[str],
) -> None:
    if token in takes_value:  # single-dash long options some tools use (`-output`)
        options.append((token, rest.pop(0) if rest else None))
        return
    for i, char in enumerate(token[1:], start=2):
        name = "-" + char
        if name in takes_value:
            attached = token[i:]
            options.append((name, attached or (rest.pop(0) if rest else None)))
            return
        flags.add(name)


# ------------------------------------------------------------------------------- archives
def tar(args: Argv) -> CommandEffect:
    """`tar -xzf a.tgz -C dir` reads a.tgz and writes dir/; `tar -czf a.tgz x y` the reverse."""
    if args and args[0] and not args[0].startswith("-"):
        args = ("-" + args[0], *args[1:])  # old style: `tar xzf file`
    parsed = parse_options(args, frozenset({"-f", "--file", "-C", "--directory"}))
    archive = next(iter(parsed.values("-f", "--file")), None)
    target = next(iter(parsed.values("-C", "--directory")), ".")
    members = tuple(p for p in parsed.positionals if p is not None)
    if archive is None:
        return CommandEffect("file", notes=(dynamic_note("tar archive"),))
    if parsed.flags & {"-c", "--create", "-r", "--append", "-u", "--update"}:
        return CommandEffect("file", reads=members, writes=(archive,))
    if parsed.flags & {"-x", "--extract", "--get"}:
        return CommandEffect("file", reads=(archive,), writes=(_as_dir(target or "."),))
    return CommandEffect("file", reads=(archive,))


def unzip(args: Argv) -> CommandEffect:
    """`unzip [-q] a.zip [-d dir]` reads a.zip and writes dir/ (the working directory)."""
    parsed = parse_options(args, frozenset({"-d", "-x", "-P"}))
    archive = parsed.positionals[0] if parsed.positionals else None
    target = next(iter(parsed.values("-d")), ".")
    if archive is None or target is None:
        return CommandEffect("file", notes=(dynamic_note("unzip archive or directory"),))
    if "-l" in parsed.flags or "-t" in parsed.flags or "-p" in parsed.flags:
        return CommandEffect("file", reads=(archive,))
    return CommandEffect("file", reads=(archive,), writes=(_as_dir(target),))


#: Compressors: suffix, and whether the command decompresses by default.
COMPRESSORS = {
    "gzip": (".gz", False),
    "gunzip": (".gz", True),
    "zcat": (".gz", True),
    "bzip2": (".bz2", False),
    "bunzip2": (".bz2", True),
    "bzcat": (".bz2", True),
    "xz": (".xz", False),
    "unxz": (".xz", True),
    "xzcat": (".xz", True),
}


def compress(args: Argv, name: str) -> CommandEffect:
    """One COMPRESSORS row (use with functools.partial): `gzip f` writes f.gz, removes f."""
    suffix, decompress = COMPRESSORS[name]
    parsed = parse_options(args, frozenset({"-S", "--suffix"}))
    files = tuple(p for p in parsed.positionals if p is not None)
    unpack = decompress or bool(parsed.flags & {"-d", "--decompress"})
    if name.endswith("cat") or parsed.flags & {"-c", "--stdout", "-t", "--test"}:
        return CommandEffect("file", reads=files)
    made = tuple(f.removesuffix(suffix) if unpack else f + suffix for f in files)
    keep = bool(parsed.flags & {"-k", "--keep"})
    return CommandEffect("file", reads=files, writes=made, removes=() if keep else files)


# -------------------------------------------------------------------------------- wrappers
def wrapped(args: Argv, values: frozenset[str] = frozenset(), skip: int = 0) -> CommandEffect:
    """A command running another one (`time cmd`, `nice -n 5 cmd`, `env A=1 cmd`, `timeout 9 cmd`).

    Leading options (those in ``values`` take a value) and `NAME=value` words are skipped, then
    ``skip`` more words (timeout's duration); the rest is the inner command.
    """
    rest = list(args)
    while rest and rest[0] is not None and (rest[0].startswith("-") or "=" in rest[0]):
        if rest.pop(0) in values and rest:
            rest.pop(0)
    inner = tuple(rest[skip:])
    return CommandEffect("setting", inner=inner or None)


def dvc_run(args: Argv) -> CommandEffect:
    """`dvc run -n name -d dep -o out cmd...`: deps are read, outs written, cmd analysed."""
    reads_opts = {"-d", "--deps"}
    write_opts = {
        "-o",
        "-O",
        "--outs",
        "--outs-no-cache",
        "-m",
        "-M",
        "--metrics",
        "--metrics-no-cache",
        "--plots",
        "--plots-no-cache",
        "--outs-persist",
    }
    value_opts = {"-n", "--name", "-p", "--params", "-w", "--wdir", "-f", "--file"}
    reads: list[str] = []
    writes: list[str] = []
    rest = list(args)
    while rest and rest[0] is not None and rest[0].startswith("-"):
        option = rest.pop(0)
        value = rest.pop(0) if rest and option in reads_opts | write_opts | value_opts else None
        if value is not None and option in reads_opts:
            reads.append(value)
        elif value is not None and option in write_opts:
            writes.append(value)
    return CommandEffect("file", tuple(reads), tuple(writes), inner=tuple(rest) or None)


def _as_dir(path: str) -> str:
    return path if path.endswith("/") else path + "/"


def join(folder: str, name: str) -> str:
    """``folder``/``name``, or ``name`` when there is no folder."""
    return posixpath.join(folder, name) if folder else name


def dynamic_note(what: str) -> Note:
    """The note for a path only known at run time."""
    return Note("warning", "bash-dynamic-path", f"{what} is only known at run time")
