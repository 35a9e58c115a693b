"""IPython syntax (magics, `!cmd`, `?help`) → plain Python, driven by the LINE_MAGICS table.

Each translation keeps the line count of the cell unchanged, so line numbers in diagnostics and
capture points still match the notebook.

Shell lines and `%store` become the calls IPython itself makes for them
(`get_ipython().system('cmd')`, `x = get_ipython().getoutput('cmd')`,
`get_ipython().run_line_magic('store', 'x')`): analysis recognises them, reads the files the
shell text names (`analysis/python/shell_lines.py`) or the stored value (`analysis/python/stored_values.py`)
and rewrites them into code that runs in a node. Inside a function body, which analysis does not
rewrite, a shell line becomes `subprocess.run(...)` instead.
"""

from __future__ import annotations

import bisect
import io
import re
import tokenize
from collections.abc import Callable
from dataclasses import dataclass

from ..knowledge.pip import PIP, drop_pip, split_words
from ..model import Diagnostic
from .store_magic import store


@dataclass(frozen=True, slots=True)
class Translated:
    """A code cell in plain Python, and what the translation noticed."""

    code: str
    notes: tuple[Diagnostic, ...] = ()
    #: Packages named by `!pip install` / `%pip install`.
    pip_installs: tuple[str, ...] = ()
    #: Import statements the translated code relies on (e.g. "import subprocess").
    imports: tuple[str, ...] = ()


LineRule = Callable[[str, str], "tuple[str, Diagnostic | None]"]
"""(magic arguments, indentation) → (python line, what to tell the user, or None)."""


def drop(note: str) -> LineRule:
    return lambda args, indent: ("pass" if indent else "", info(note))


def keep_statement(args: str, indent: str) -> tuple[str, Diagnostic | None]:
    return args, None


def chdir(args: str, indent: str) -> tuple[str, Diagnostic | None]:
    """`%cd [-q] [-b] dir`: relative paths after it resolve from ``dir``."""
    words = [w for w in split_words(args) if w not in ("-q", "-b")]
    if not words or words[0] == "-" or words[0].startswith("-"):
        target = words[0] if words else "~"
        python = f"os.chdir(os.path.expanduser({target!r}))" if target != "-" else "pass"
        return python, warning(f"`%cd {args.strip()}` goes to a folder only known at run time")
    return f"os.chdir({python_string(' '.join(words))})", None


def set_env(args: str, indent: str) -> tuple[str, Diagnostic | None]:
    """`%env A=1` and `%env A 1` set a variable; `%env` and `%env A` only display."""
    text = args.strip()
    separator = "=" if "=" in text else " " if " " in text else ""
    if not separator:
        return ("pass" if indent else ""), info("%env without assignment only displays; dropped")
    name, _, value = text.partition(separator)
    return f"os.environ[{name.strip()!r}] = {value.strip()!r}", None


def not_inlined(args: str, indent: str) -> tuple[str, Diagnostic | None]:
    return ("pass" if indent else ""), warning(
        f"`%run {args.strip()}` is not inlined (inside a block, or its path is only known "
        "at run time); dropped"
    )


#: Line magics: name → rule. Please add rows here.
LINE_MAGICS: dict[str, LineRule] = {
    "matplotlib": drop("%matplotlib only picks a display backend; dropped"),
    "config": drop("%config only changes display settings; dropped"),
    "load_ext": drop("%load_ext dropped"),
    "reload_ext": drop("%reload_ext dropped"),
    "autoreload": drop("%autoreload dropped"),
    "aimport": drop("%aimport dropped"),
    "autosave": drop("%autosave dropped"),
    "precision": drop("%precision only changes display; dropped"),
    "who": drop("%who only displays; dropped"),
    "whos": drop("%whos only displays; dropped"),
    "pwd": drop("%pwd only displays; dropped"),
    "ls": drop("%ls only displays; dropped"),
    "history": drop("%history only displays; dropped"),
    "lsmagic": drop("%lsmagic only displays; dropped"),
    "timeit": drop("%timeit only measures time (its statement runs in a scratch scope); dropped"),
    "time": keep_statement,
    "cd": chdir,
    "env": set_env,
    "store": store,
    "run": not_inlined,
}

#: The line magics of a fresh IPython (9.x) with the extensions notebooks load (autoreload):
#: a one-line cell starting with one of them runs it (IPython's automagic, on by default:
#: `pip install x`, `conda env export`), when it is no Python. Knowledge of which of them nb2pipe
#: translates is LINE_MAGICS'.
IPYTHON_LINE_MAGICS = frozenset(
    "alias alias_magic autoawait autocall automagic bookmark cat cd code_wrap colors conda "
    "config cp debug dhist dirs doctest_mode ed edit env gui hist history killbgscripts ldir lf "
    "lk ll load load_ext loadpy logoff logon logstart logstate logstop ls lsmagic lx macro magic "
    "mamba matplotlib micromamba mkdir mv notebook page pastebin pdb pdef pdoc pfile pinfo pinfo2 "
    "pip popd pprint precision prun psearch psource pushd pwd pycat pylab quickref recall "
    "rehashx reload_ext rep rerun reset reset_selective rm rmdir run save sc set_env sx system "
    "tb time timeit unalias unload_ext uv who who_ls whos xdel xmode autoreload aimport".split()
)
#: What follows the first word when IPython does not take the line for a magic
#: (`prefilter.AssignmentChecker`): an assignment, or a tuple.
NOT_AUTOMAGIC = re.compile(r"^[=,]")
MAGIC_LINE = re.compile(r"^(?P<indent>\s*)%(?P<name>\w+)\s*(?P<args>.*)$")
SHELL_LINE = re.compile(r"^(?P<indent>\s*)(?:(?P<target>[\w.]+)\s*=\s*)?!(?P<cmd>.*)$")
ASSIGNED_MAGIC = re.compile(
    r"^(?P<indent>\s*)(?P<target>[\w.]+)\s*=\s*%(?P<name>\w+)\s*(?P<args>.*)$"
)
HELP_LINE = re.compile(r"^\s*(\?\??[\w.]+|[\w.]+\?\??)\s*$")
DEF_LINE = re.compile(r"^\s*(?:async\s+def|def|class)\b")


def translate_lines(lines: list[str]) -> tuple[list[str], list[Diagnostic], list[str]]:
    """Python lines with their line magics translated: (lines, notes, pip installs)."""
    out: list[str] = []
    notes: list[Diagnostic] = []
    pips: list[str] = []
    for line, function in zip(lines, in_functions(lines), strict=True):
        python, note, pip = translate_line(line, function)
        out.append(python)
        notes.extend([note] if note else [])
        pips.extend(pip)
    return out, notes, pips


def translate_line(line: str, function: bool = False) -> tuple[str, Diagnostic | None, list[str]]:
    """One line → (python, note, pip installs). ``function``: the line is inside a def.

    A line dropped from inside a block becomes `pass` at the line's own indentation, so a block
    whose only statement was a magic, shell line or help request stays valid."""
    python, note, pips = translate_ipython_line(line, function)
    indent = line[: len(line) - len(line.lstrip())]
    if indent and python.strip() in ("", "pass") and line.strip():
        python = indent + "pass"
    return python, note, pips


def translate_ipython_line(line: str, function: bool) -> tuple[str, Diagnostic | None, list[str]]:
    shell = SHELL_LINE.match(line)
    if shell and not line.lstrip().startswith("!="):
        return shell_line(
            shell.group("indent"), shell.group("cmd"), shell.group("target"), function
        )
    assigned = ASSIGNED_MAGIC.match(line)
    if assigned and assigned.group("name") in ("sx", "system"):
        return shell_line(
            assigned.group("indent"), assigned.group("args"), assigned.group("target"), function
        )
    magic = MAGIC_LINE.match(line)
    if magic:
        indent, name, args = magic.group("indent"), magic.group("name"), magic.group("args")
        if name == "pip":
            return pip_line(indent, "pip " + args)
        if name in ("sx", "system"):
            return shell_line(indent, args, None, function)
        rule = LINE_MAGICS.get(name)
        if rule is None:
            unknown = Diagnostic("warning", "unknown-magic", f"%{name} is not supported; dropped")
            return ("pass" if indent else ""), unknown, []
        python, note = rule(args, indent)
        return indent + python, note, []
    if HELP_LINE.match(line):
        return "", info("help request (?) dropped"), []
    return line, None, []


def shell_line(
    indent: str, command: str, target: str | None, function: bool = False
) -> tuple[str, Diagnostic | None, list[str]]:
    """`!cmd` → IPython's `get_ipython().system('cmd')` (`x = !cmd`: `getoutput`), which
    analysis rewrites; inside a function, `subprocess.run(...)` (not rewritten, not checked, as
    IPython does not check `!cmd`)."""
    if PIP.match(command):
        return pip_line(indent, command)
    command = command.strip()
    if not function:
        method = "getoutput" if target else "system"
        call = f"get_ipython().{method}({command!r})"
        return indent + (f"{target} = {call}" if target else call), None, []
    literal = shell_literal(command)
    note = "a shell line in a function runs from the project root; its files are not datasets"
    if target:
        call = f"subprocess.run({literal}, shell=True, capture_output=True, text=True)"
        return indent + f"{target} = {call}.stdout.splitlines()", warning(note), []
    return indent + f"subprocess.run({literal}, shell=True)", warning(note), []


def pip_line(indent: str, command: str) -> tuple[str, Diagnostic | None, list[str]]:
    """`pip install x` → nothing (x goes to requirements.txt), said as an info."""
    python, note, names = drop_pip(indent, command)
    return python, info(note) if note else None, names


def in_functions(lines: list[str]) -> list[bool]:
    """For each line, True when it is inside the body of a def or class (by indentation): some
    line it is indented under (the nearest earlier line indented less, and so on outwards; blank
    lines and comments do not count) starts a def or class.

    One pass with a stack of the lines later lines can be indented under (indents increasing),
    each knowing whether it or one below it is a def: linear in the cell's length (rescanning
    earlier lines for each line took 26 s for a 10,000-line literal, see benchmarks/)."""
    indents: list[int] = []  # of the stack's lines
    under_def: list[bool] = []  # that line, or one it is indented under, starts a def or class
    result = []
    for line in lines:
        depth = len(line) - len(line.lstrip())
        below = bisect.bisect_left(indents, depth)  # the stack's lines indented less
        result.append(below > 0 and under_def[below - 1])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        del indents[below:], under_def[below:]
        indents.append(depth)
        under_def.append(bool(DEF_LINE.match(line)) or (below > 0 and under_def[below - 1]))
    return result


def shell_literal(command: str) -> str:
    """A Python literal for a shell command; `{x}` interpolates a Python name as in IPython.
    `$NAME` is left to the shell (environment variables are its most common use)."""
    command = command.strip()
    if re.search(r"\{[A-Za-z_][\w.\[\]'\"]*\}", command):
        return "f" + repr(command)
    return repr(command)


def python_string(text: str) -> str:
    """A literal for a magic's path argument: an f-string when it interpolates `{name}`."""
    text = text.strip().strip("'\"")
    return shell_literal(text)


def string_lines(text: str) -> set[int] | None:
    """1-based lines of ``text`` that start inside a multi-line string (their text is the
    string's: indenting them would change it); None when the code does not tokenize."""
    inside: set[int] = set()
    kinds = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text + "\n").readline):
            if token.type in kinds:
                inside.update(range(token.start[0] + 1, token.end[0] + 1))
    except (tokenize.TokenError, SyntaxError):
        return None
    return inside


def info(message: str) -> Diagnostic:
    return Diagnostic("info", "magic", message)


def warning(message: str) -> Diagnostic:
    return Diagnostic("warning", "magic", message)
