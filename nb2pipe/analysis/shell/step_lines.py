"""A shell step's text → the lines its node runs (`model.ShellCommand`, whose code planning makes:
`planning/shell_code.py`): the words naming files typed as the catalog's paths, after a preamble
restoring the step's shell state (`set` options, the functions it calls, the variables it
reads, a parameter's value typed as the parameter)."""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Mapping, Sequence

from ...model import ParamWord, PathWord, ShellPiece
from ...model.facts import AccessMode
from ...model.shell import BashScript, ShellFunction, ShellStep
from .loop_items import HELPERS

#: Boundaries of a shell word inside a command's text.
BEFORE = " \t\n<>=(|;&`"
AFTER = " \t\n;|&)<>`"
#: A use of the positional parameters (`$1`, `${2}`, `$@`, `$*`, `$#`).
POSITIONAL = re.compile(r"\$\{?[1-9@*#]")


def spelled(step: ShellStep, path: str) -> str:
    return next((text for text, p in step.spellings if p == path), path)


def relative(path: str, cwd: str) -> str:
    if path.startswith("/") or cwd.startswith("/"):
        return path
    return posixpath.relpath(path, cwd)


def substitute(
    text: str, spellings: Sequence[tuple[str, str]], modes: Mapping[str, str]
) -> tuple[str, set[str]]:
    """The text with every word naming a dataset replaced by a marker `\\0path\\0`."""
    spans: list[tuple[int, int, str]] = []
    for word, path in sorted(set(spellings), key=lambda s: (-len(s[0]), s)):
        if path not in modes or not word:
            continue
        start = 0
        while (found := text.find(word, start)) >= 0:
            end = found + len(word)
            start = end
            bounded = (found == 0 or text[found - 1] in BEFORE) and (
                end == len(text) or text[end] in AFTER
            )
            if bounded and not any(s < end and found < e for s, e, _ in spans):
                spans.append((found, end, path))
    for begin, end, path in sorted(spans, reverse=True):
        text = text[:begin] + f"\x00{path}\x00" + text[end:]
    return text, {path for _, _, path in spans}


def preamble(step: ShellStep, script: BashScript, params: dict[str, object]) -> list[str]:
    """`set` options, the functions the step calls, and the variables it reads."""
    options = " ".join(f"-{o}" if len(o) == 1 else f"-o {o}" for o in step.options)
    lines = [f"set {options}"] if options else []
    if script.args and None not in script.args and POSITIONAL.search(step.text):
        lines.append(" ".join(["set --", *(shlex.quote(a or "") for a in script.args)]))
    lines += [f.text for f in called_functions(step.text, script)]
    lines += list(HELPERS) if step.items else []
    values = dict(step.variables)
    for name in dict.fromkeys([*step.uses, *step.exported]):
        if not name.isidentifier() or (values.get(name) is None and name not in params):
            continue
        export = "export " if name in step.exported else ""
        value = f"\x01{name}\x01" if name in params else shlex.quote(values[name] or "")
        lines.append(f"{export}{name}={value}")
    return lines


def called_functions(text: str, script: BashScript) -> list[ShellFunction]:
    """The script's functions a step's text calls, and those they call, in definition order."""
    wanted: set[str] = set()
    texts = [text]
    while texts:
        body = texts.pop()
        for function in script.functions:
            if function.name not in wanted and re.search(
                rf"(?<![\w-]){re.escape(function.name)}(?![\w-])", body
            ):
                wanted.add(function.name)
                texts.append(function.text)
    return [f for f in script.functions if f.name in wanted]


def command_lines(text: str, modes: Mapping[str, AccessMode]) -> tuple[tuple[ShellPiece, ...], ...]:
    """The text's lines, each as its pieces: text, and the typed words the markers stand for
    (`\\0path\\0` a file, `\\1NAME\\1` a parameter), whole also when a path holds a newline
    (`< $'\\n'`)."""
    lines: list[list[ShellPiece]] = [[]]
    for index, piece in enumerate(re.split("(\x00[^\x00]*\x00|\x01[^\x01]*\x01)", text)):
        if index % 2:  # a marker
            path = piece[1:-1]
            lines[-1].append(PathWord(path, modes[path]) if piece[0] == "\x00" else ParamWord(path))
            continue
        first, *rest = piece.split("\n")
        lines[-1].append(first)
        lines.extend([r] for r in rest)
    return tuple(tuple(line) for line in lines)
