"""`!pip install` / `%pip install` → the names requirements.txt gets (the line itself goes)."""

from __future__ import annotations

import re
import shlex

PIP = re.compile(r"^\s*(?:python3?\s+-m\s+)?pip3?\s+install\s+(?P<args>.*)$")
#: pip install options whose value is the next word (not a package). Also read by the bash
#: set-up table (analysis/shell/setup.py).
PIP_VALUE_OPTIONS = frozenset(
    "-r --requirement -c --constraint -e --editable -i --index-url --extra-index-url -f "
    "--find-links -t --target --prefix --root --platform --python-version --implementation --abi "
    "--src --upgrade-strategy --progress-bar --cache-dir --log --proxy --trusted-host "
    "--no-binary --only-binary --timeout --retries -C --config-settings --global-option "
    "--python -p".split()
)
#: Options naming a requirements file: kept as "-r <file>", whose lines analysis reads.
REQUIREMENT_FILE_OPTIONS = ("-r", "--requirement")


def drop_pip(indent: str, command: str) -> tuple[str, str | None, list[str]]:
    """`pip install a b==1` → requirements; option values (`-r file`, `-i URL`) are not names."""
    match = PIP.match(command)
    words = split_words(match.group("args")) if match else []
    names: list[str] = []
    skip = False
    for number, word in enumerate(words):
        if skip:
            skip = False
        elif word in REQUIREMENT_FILE_OPTIONS and number + 1 < len(words):
            names.append(f"-r {words[number + 1]}")  # read by analysis.requirement_files
            skip = True
        elif word.startswith(tuple(f"{o}=" for o in REQUIREMENT_FILE_OPTIONS)):
            names.append(f"-r {word.split('=', 1)[1]}")
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
