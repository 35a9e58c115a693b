"""Python scripts called from bash: parse the call, read the script's CLI, bind the arguments.

`parse_python_call` splits `python [opts] script.py args`; `argparse_spec` reads statically what
arguments a script declares (argparse `add_argument`, click decorators, `sys.argv[i]`);
`bind_arguments` binds a call's words to them and tells files (read or written) from parameters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from nb2pipe.analysis.python.script_cli import argparse_spec
from nb2pipe.model.shell import ArgRole, ArgSpec, BoundArgument, PythonCall

__all__ = [
    "argparse_spec",
    "bind_arguments",
    "classify",
    "guess_value",
    "looks_like_path",
    "parse_python_call",
]

#: Interpreter options that take a value (`python -W ignore x.py`).
PYTHON_VALUE_OPTIONS = frozenset({"-W", "-X", "--check-hash-based-pycs"})
_PYTHON = re.compile(r"(.*/)?(python[\d.]*|ipython3?|%run)")


def parse_python_call(argv: Sequence[str | None]) -> PythonCall | None:
    """Split a Python call into the script (or module) and its arguments.

    Args:
        argv: The words of the call, interpreter first (`python`, `python3.11`, `ipython`...).

    Returns:
        The call with the script path as spelled (not normalised) and the words after it;
        None for `python -c code`, `python -` or the bare interpreter.

    Example: ``python -u scripts/prepare.py --input a.csv`` gives script "scripts/prepare.py"
    and argv ("--input", "a.csv").
    """
    rest = list(argv[1:]) if argv and argv[0] and _PYTHON.fullmatch(argv[0]) else list(argv)
    while rest:
        token = rest.pop(0)
        if token is None:
            return PythonCall(script="", argv=(None, *rest))
        if token == "-m" and rest:
            return PythonCall(script="", argv=tuple(rest[1:]), module=rest[0] or "")
        if token in ("-c", "-"):
            return None
        if token in PYTHON_VALUE_OPTIONS and rest:
            rest.pop(0)
        elif not token.startswith("-"):
            if rest and rest[0] == "--" and argv[0] in ("ipython", "ipython3", "%run"):
                rest.pop(0)  # `ipython script.py -- args`: the script's arguments follow `--`
            return PythonCall(script=token, argv=tuple(rest))
    return None


def bind_arguments(spec: Sequence[ArgSpec], argv: Sequence[str | None]) -> dict[str, BoundArgument]:
    """Bind call words to a script's declared arguments, as argparse/click would.

    Args:
        spec: What `argparse_spec` read from the script; empty when the script is unknown, in
            which case `--name value` pairs, `--flag`s and positionals (`arg1`...) are bound by
            GNU conventions.
        argv: The words after the script (None where dynamic).

    Returns:
        dest → bound argument, in binding order, with typed values and a role ("read"/"write"
        for files, "param" for literals, "unknown" for words the spec does not declare);
        declared defaults not given by the call follow with ``given=False``.

    Example: ``--input a.csv --output b.csv --min-qty 1`` without a spec binds input (read
    a.csv), output (write b.csv) and min_qty (param 1).
    """
    if spec and all(s.index is not None for s in spec):
        return _bind_sys_argv(spec, argv)
    by_flag = {flag: s for s in spec for flag in s.flags}
    positional = [s for s in spec if not s.flags and s.index is None]
    found: dict[str, BoundArgument] = {}
    rest = list(argv)
    options_end = False
    while rest:
        token = rest.pop(0)
        position = len(argv) - len(rest)
        if token == "--" and not options_end:
            options_end = True
        elif not options_end and token is not None and token.startswith("-") and len(token) > 1:
            _bind_option(token, by_flag, bool(spec), rest, found, position)
        elif positional:
            declared = positional.pop(0)
            _store(found, declared, declared.dest, _positional_value(declared, token, rest))
        else:
            generic = sum(key.startswith("arg") and key[3:].isdigit() for key in found) + 1
            key = f"argv[{position}]" if spec else f"arg{generic}"
            role: ArgRole = "unknown" if spec else classify(key, token, None)
            found[key] = BoundArgument(key, guess_value(token), role)
    for declared in spec:
        if declared.dest not in found and declared.default is not None:
            role = classify(declared.dest, declared.default, declared)
            found[declared.dest] = BoundArgument(declared.dest, declared.default, role, False)
    return found


def _bind_option(
    token: str,
    by_flag: dict[str, ArgSpec],
    declared_only: bool,
    rest: list[str | None],
    found: dict[str, BoundArgument],
    position: int,
) -> None:
    """Bind `--name value`, `--name=value` or a flag; undeclared options are "unknown"."""
    name, eq, attached = token.partition("=")
    declared = by_flag.get(name)
    if declared is None and declared_only:
        found[f"argv[{position}]"] = BoundArgument(f"argv[{position}]", token, "unknown")
        return
    value = _option_value(declared, attached if eq else None, rest)
    dest = declared.dest if declared else name.lstrip("-").replace("-", "_")
    _store(found, declared, dest, value)


def _option_value(declared: ArgSpec | None, attached: str | None, rest: list[str | None]) -> object:
    if declared is not None and declared.action in ("store_true", "store_false", "count"):
        return declared.action != "store_false"
    if declared is not None and declared.action == "store_const":
        return declared.default
    if attached is not None:
        return _typed(declared, attached)
    if declared is not None and declared.nargs in ("+", "*"):
        return [_typed(declared, w) for w in _take_words(rest)]
    if declared is None and (not rest or (rest[0] is not None and rest[0].startswith("-"))):
        return True  # a generic --flag
    return _typed(declared, rest.pop(0)) if rest else None


def _positional_value(declared: ArgSpec, token: str | None, rest: list[str | None]) -> object:
    if declared.nargs in ("+", "*"):
        return [_typed(declared, token), *(_typed(declared, w) for w in _take_words(rest))]
    return _typed(declared, token)


def _take_words(rest: list[str | None]) -> list[str | None]:
    taken: list[str | None] = []
    while rest and not (rest[0] is not None and rest[0].startswith("-")):
        taken.append(rest.pop(0))
    return taken


def _store(
    found: dict[str, BoundArgument], declared: ArgSpec | None, dest: str, value: object
) -> None:
    if declared is not None and declared.action == "append":
        previous = found.get(dest)
        value = [*(previous.value if previous and isinstance(previous.value, list) else []), value]
    found[dest] = BoundArgument(dest, value, classify(dest, value, declared))


def _bind_sys_argv(spec: Sequence[ArgSpec], argv: Sequence[str | None]) -> dict[str, BoundArgument]:
    """`sys.argv[i]` uses bound by position; words at other positions are "unknown"."""
    by_index = {s.index: s for s in spec if s.index is not None}
    found: dict[str, BoundArgument] = {}
    for position, word in enumerate(argv, start=1):
        declared = by_index.get(position)
        if declared is None:
            key = f"argv[{position}]"
            found[key] = BoundArgument(key, word, "unknown")
        else:
            value = _typed(declared, word)
            found[declared.dest] = BoundArgument(
                declared.dest, value, classify(declared.dest, value, declared)
            )
    return found


def _typed(declared: ArgSpec | None, word: str | None) -> object:
    if word is None:
        return None
    kind = declared.type if declared is not None else None
    if kind in ("int", "float"):
        try:
            return int(word) if kind == "int" else float(word)
        except ValueError:
            return word
    return word if declared is not None else guess_value(word)


def guess_value(word: str | None) -> object:
    """int or float when the word spells one (generic binding), else the word."""
    if word is None:
        return None
    for cast in (int, float):
        try:
            return cast(word)
        except ValueError:
            pass
    return word


#: Words of a dest name that make it a file, and those that make the file an output.
FILE_WORDS = (
    "input",
    "output",
    "inp",
    "in",
    "out",
    "path",
    "file",
    "filename",
    "fname",
    "dir",
    "directory",
    "folder",
    "src",
    "dst",
    "dest",
    "csv",
)
WRITE_PREFIXES = ("out", "save", "dst", "dest", "export", "dump", "write")
_EXTENSION = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,7}$")
_NOT_PATH = re.compile(r"[\s{}()$;'\"|<>=,]")


def looks_like_path(value: object) -> bool:
    """True for strings that look like a file path: a folder part, an extension or a glob."""
    if not isinstance(value, str) or not value or value.startswith("-") or "://" in value:
        return False
    if _NOT_PATH.search(value):
        return False
    return "/" in value or "*" in value or bool(_EXTENSION.search(value))


def classify(dest: str, value: object, declared: ArgSpec | None) -> ArgRole:
    """ "read"/"write" when the argument is a file, else "param".

    A file is an argument the script passes to a reading or writing call, declared with a path
    type, named like a file (input, output_path, data_dir...), or whose value looks like a path.
    """
    words = [w for w in re.split(r"[_\W]+", dest.lower()) if w]
    named_file = any(w in FILE_WORDS or w.endswith(("file", "path", "dir")) for w in words)
    if isinstance(value, (bool, int, float)):
        return "param"
    if declared is not None and declared.usage is not None:
        return declared.usage
    is_file = (declared is not None and declared.type in ("path", "file")) or named_file
    values = value if isinstance(value, list) else [value]
    if not is_file and not any(looks_like_path(v) for v in values):
        return "param"
    return "write" if any(w.startswith(WRITE_PREFIXES) for w in words) else "read"
