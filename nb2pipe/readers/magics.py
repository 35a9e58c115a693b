"""IPython syntax (magics, `!cmd`, `?help`) → plain Python, driven by the MAGICS table.

Each translation keeps the line count of the cell unchanged, so line numbers in diagnostics and
capture points still match the notebook.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Diagnostic


@dataclass(frozen=True, slots=True)
class Translated:
    """A code cell in plain Python, and what the translation noticed."""

    code: str
    notes: tuple[Diagnostic, ...] = ()
    #: Packages named by `!pip install` / `%pip install`.
    pip_installs: tuple[str, ...] = ()
    #: Import statements the translated code relies on (e.g. "import subprocess").
    imports: tuple[str, ...] = ()


LineRule = Callable[[str, str], "tuple[str, str | None]"]
"""(magic arguments, indentation) → (python line, note or None)."""


def drop(note: str) -> LineRule:
    return lambda args, indent: ("pass" if indent else "", note)


def keep_statement(args: str, indent: str) -> tuple[str, str | None]:
    return args, None


def chdir(args: str, indent: str) -> tuple[str, str | None]:
    return f"os.chdir({args.strip()!r})", None


def set_env(args: str, indent: str) -> tuple[str, str | None]:
    name, _, value = args.replace("=", " ", 1).partition(" ")
    if not name:
        return ("pass" if indent else ""), "%env without assignment only displays; dropped"
    return f"os.environ[{name!r}] = {value.strip()!r}", None


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
}

#: Cell magics whose body is Python that runs as usual: the magic line goes.
PYTHON_CELL_MAGICS = {"time": None, "capture": "output captured by %%capture is not kept"}
#: Cell magics whose body is shell.
SHELL_CELL_MAGICS = {"bash", "sh", "script"}
#: Cell magics dropped whole.
DROPPED_CELL_MAGICS = {"timeit", "html", "HTML", "markdown", "latex", "javascript", "js", "svg"}

#: Modules the translations call, imported when a translation used them.
IMPLIED_IMPORTS = (("subprocess", "import subprocess"), ("os", "import os"))

MAGIC_LINE = re.compile(r"^(?P<indent>\s*)%(?P<name>\w+)\s*(?P<args>.*)$")
SHELL_LINE = re.compile(r"^(?P<indent>\s*)(?:(?P<target>[\w.]+)\s*=\s*)?!(?P<cmd>.*)$")
ASSIGNED_MAGIC = re.compile(r"^(?P<indent>\s*)(?P<target>[\w.]+)\s*=\s*%(?P<name>\w+)\s*(?P<args>.*)$")
HELP_LINE = re.compile(r"^\s*(\?\??[\w.]+|[\w.]+\?\??)\s*$")
PIP = re.compile(r"^\s*(?:python3?\s+-m\s+)?pip3?\s+install\s+(?P<args>.*)$")


def translate(code: str) -> Translated:
    """Translate one code cell; plain Python passes through unchanged."""
    lines = code.split("\n")
    first = lines[0].strip() if lines else ""
    if first.startswith("%%"):
        return translate_cell_magic(first[2:], lines[1:])
    out: list[str] = []
    notes: list[str] = []
    pips: list[str] = []
    for line in lines:
        python, note, pip = translate_line(line)
        out.append(python)
        if note:
            notes.append(note)
        pips.extend(pip)
    text = "\n".join(out)
    diagnostics = tuple(
        Diagnostic("warning", "unknown-magic", n[8:]) if n.startswith("UNKNOWN:") else info(n) for n in notes
    )
    imports = tuple(i for name, i in IMPLIED_IMPORTS if re.search(rf"\b{name}\.", text) and name not in code)
    return Translated(text, diagnostics, tuple(pips), imports)


def translate_line(line: str) -> tuple[str, str | None, list[str]]:
    """One line → (python, note, pip installs)."""
    shell = SHELL_LINE.match(line)
    if shell and not line.lstrip().startswith("!="):
        return shell_line(shell.group("indent"), shell.group("cmd"), shell.group("target"))
    assigned = ASSIGNED_MAGIC.match(line)
    if assigned and assigned.group("name") == "sx":
        return shell_line(assigned.group("indent"), assigned.group("args"), assigned.group("target"))
    magic = MAGIC_LINE.match(line)
    if magic:
        indent, name, args = magic.group("indent"), magic.group("name"), magic.group("args")
        if name == "pip":
            return drop_pip(indent, "pip " + args)
        rule = LINE_MAGICS.get(name)
        if rule is None:
            return ("pass" if indent else ""), f"UNKNOWN:%{name} is not supported; dropped", []
        python, note = rule(args, indent)
        return indent + python, note, []
    if HELP_LINE.match(line):
        return "", "help request (?) dropped", []
    return line, None, []


def shell_line(indent: str, command: str, target: str | None) -> tuple[str, str | None, list[str]]:
    """`!cmd` → subprocess.run(...); `x = !cmd` keeps its output lines like IPython's SList."""
    if PIP.match(command):
        return drop_pip(indent, command)
    literal = shell_literal(command)
    if target:
        call = f"subprocess.run({literal}, shell=True, check=True, capture_output=True, text=True)"
        python = f"{target} = {call}.stdout.splitlines()"
        return indent + python, None, []
    call = f"subprocess.run({literal}, shell=True, check=True)"
    return indent + call, None, []


def shell_literal(command: str) -> str:
    """A Python literal for a shell command; `{x}` interpolates a Python name as in IPython.
    `$NAME` is left to the shell (environment variables are its most common use)."""
    command = command.strip()
    if re.search(r"\{[A-Za-z_][\w.\[\]'\"]*\}", command):
        return "f" + repr(command)
    return repr(command)


def drop_pip(indent: str, command: str) -> tuple[str, str | None, list[str]]:
    match = PIP.match(command)
    args = shlex.split(match.group("args")) if match else []
    names = [a for a in args if not a.startswith("-")]
    note = f"`pip install {' '.join(names)}` moved to requirements.txt"
    return ("pass" if indent else ""), note, names


def translate_cell_magic(header: str, body: list[str]) -> Translated:
    """`%%name args` on the first line: shell, python-with-a-wrapper, writefile or dropped."""
    name, _, args = header.partition(" ")
    blank = [""] * len(body)
    if name in PYTHON_CELL_MAGICS:
        note = PYTHON_CELL_MAGICS[name]
        return Translated("\n".join(["", *body]), (info(note),) if note else ())
    if name in SHELL_CELL_MAGICS:
        script = "\n".join(body)
        call = f"subprocess.run({script!r}, shell=True, check=True, executable='/bin/bash')"
        return Translated("\n".join([call, *blank]), imports=("import subprocess",))
    if name == "writefile":
        return writefile(args, body)
    if name in DROPPED_CELL_MAGICS:
        return Translated("\n".join(["", *blank]), (info(f"%%{name} cell only displays; dropped"),))
    return Translated(
        "\n".join(["", *blank]),
        (Diagnostic("warning", "unknown-magic", f"%%{name} is not supported; cell dropped"),),
    )


def writefile(args: str, body: list[str]) -> Translated:
    """`%%writefile [-a] path` → an open(...).write(...) the analysis sees as a file write."""
    parts = shlex.split(args)
    append = "-a" in parts or "--append" in parts
    paths = [p for p in parts if not p.startswith("-")]
    if not paths:
        return Translated("", (Diagnostic("warning", "bad-magic", "%%writefile without a path"),))
    content = "\n".join(body) + "\n"
    mode = "a" if append else "w"
    code = f"with open({paths[0]!r}, {mode!r}) as _file:\n    _file.write({content!r})"
    return Translated(code)


def info(message: str) -> Diagnostic:
    return Diagnostic("info", "magic", message)
