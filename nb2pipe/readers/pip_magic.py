"""`!pip install` / `%pip install` → the names requirements.txt gets (the line itself goes)."""

from __future__ import annotations

import re
import shlex

PIP = re.compile(r"^\s*(?:python3?\s+-m\s+)?pip3?\s+install\s+(?P<args>.*)$")
#: pip options whose value is the next word (not a package).
PIP_VALUE_OPTIONS = frozenset(
    "-r --requirement -c --constraint -e --editable -i --index-url --extra-index-url -f "
    "--find-links -t --target --prefix --root --platform --python-version --implementation --abi "
    "--src --upgrade-strategy --progress-bar --cache-dir --log --proxy --trusted-host".split()
)


def drop_pip(indent: str, command: str) -> tuple[str, str | None, list[str]]:
    """`pip install a b==1` → requirements; option values (`-r file`, `-i URL`) are not names."""
    match = PIP.match(command)
    words = split_words(match.group("args")) if match else []
    names: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word in PIP_VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-") and not word.startswith(("{", "$", ".", "/")):
            names.append(word)
    note = f"`pip install {' '.join(names)}` moved to requirements.txt"
    return ("pass" if indent else ""), note, names


def split_words(args: str) -> list[str]:
    try:
        return shlex.split(args)
    except ValueError:
        return args.split()
