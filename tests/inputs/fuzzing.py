"""Random inputs for the reliability tests: notebook JSON shapes, cell texts (valid, invalid,
magics, shell lines), bash scripts, percent scripts; and the check every conversion of them
must pass (`check_conversion`). Shared by tests/inputs/test_fuzz.py and benchmarks/fuzz.py."""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import strategies as st
from typer.testing import CliRunner

from nb2pipe.cli import app

PYTHON = [
    "import pandas as pd",
    "x = 1",
    "y = x + 1",
    "df = pd.read_csv('a.csv')",
    "df.to_csv('b.csv', index=False)",
    "def f(a):\n    return a * 2",
    "print(f(x))",
    "for i in range(3):\n    x += i",
    "class A:\n    z = 1",
    "import numpy as np\nrng = np.random.default_rng(0)",
    "with open('t.txt', 'w') as fh:\n    fh.write('hi')",
    "import matplotlib.pyplot as plt\nplt.plot([1, 2])",
    "lambda: (yield)",
    "async def g():\n    await h()",
    "x = [i async for i in g()]",
    "del x",
]
INVALID = [
    "x = (",
    "def f(:",
    "return 1",
    "yield 2",
    "await g()",
    "break",
    "x = = 1",
    "\x00",
    "if x:",
    "from __future__ import annotations",
    "nonlocal q",
    "'''",
    "f'{'",
]
MAGICS = [
    "%matplotlib inline",
    "!ls > out.txt",
    "%%bash\nsort a.csv > b.csv",
    "%run other.ipynb",
    "%cd data",
    "%store x",
    "%store -r x",
    "%pip install pandas",
    "x = !ls",
    "%env A=1",
    "%%writefile w.txt\nhello",
    "%time y = 2",
    "%unknown_magic",
    "df?",
    "%%capture\nx = 1",
    "!cat {x} > $y",
    "%%sh\ncd d && wc -l < a > b",
]
BASH = [
    "set -euo pipefail",
    'cd "$(dirname "$0")"',
    "python prep.py --input a.csv --output b.csv",
    "papermill nb.ipynb out.ipynb -p n 3",
    "jupyter nbconvert --to notebook --execute n.ipynb",
    "sort a.txt > b.txt",
    "cut -d, -f1 b.txt | uniq > c.txt",
    "for f in a b; do echo $f > $f.txt; done",
    "if [ -f x ]; then cat x > y; fi",
    'f() { echo "$1" > "$2"; }\nf a out.txt',
    "bash other.sh d",
    "X=$(cat a.txt)",
    "wget -q https://example.invalid/x.zip && unzip x.zip",
    "(cd sub && make)",
    "case $1 in a) echo a;; esac",
    "cat <<EOF > h.txt\nhi\nEOF",
    "mkdir -p out",
    "exit 1",
]
#: Characters that break naive readers: controls, quotes, brackets, unicode.
NASTY = st.text(st.sampled_from("\x00\x01\t\n\r \"'`$%!#(){}[]\\;|&<>=:.,é😀ab1_"), max_size=30)


def code_text() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(PYTHON), st.sampled_from(INVALID), st.sampled_from(MAGICS), NASTY
    )
    return st.lists(piece, min_size=1, max_size=4).map("\n".join)


def bash_text() -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(BASH), NASTY)
    return st.lists(piece, min_size=1, max_size=6).map("\n".join)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def cell() -> st.SearchStrategy[object]:
    good = st.builds(
        lambda kind, source, as_list: {
            "cell_type": kind,
            "metadata": {},
            "source": source.splitlines(True) if as_list else source,
            **({"outputs": [], "execution_count": None} if kind == "code" else {}),
        },
        st.sampled_from(["code", "code", "code", "markdown", "raw"]),
        code_text(),
        st.booleans(),
    )
    return st.one_of(good, good, good, JSON)


def notebook_json() -> st.SearchStrategy[str]:
    language = st.sampled_from(["python", "python", "R", None])
    shaped = st.builds(
        lambda cells, minor, lang: {
            "cells": cells,
            "nbformat": 4,
            "nbformat_minor": minor,
            "metadata": {"kernelspec": {"name": "k", "display_name": "k", "language": lang}}
            if lang
            else {},
        },
        st.lists(cell(), max_size=5),
        st.sampled_from([0, 2, 4, 5, 5, 9]),
        language,
    )
    return st.one_of(
        shaped.map(json.dumps), shaped.map(json.dumps), JSON.map(json.dumps), st.text(max_size=40)
    )


def input_folder() -> st.SearchStrategy[dict[str, bytes]]:
    """A folder's files: name → bytes."""
    files = st.fixed_dictionaries(
        {},
        optional={
            "a.ipynb": notebook_json().map(str.encode),
            "b.ipynb": notebook_json().map(str.encode),
            "run.sh": bash_text().map(str.encode),
            "s.py": code_text().map(lambda t: ("# %%\n" + t).encode("utf-8", "surrogatepass")),
            "raw.sh": st.binary(max_size=60),
        },
    )
    return files


def write_folder(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)


class Hang(Exception):
    """A conversion took longer than its deadline."""


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Raise Hang in the main thread after ``seconds`` (SIGALRM)."""

    def expired(signum, frame):  # type: ignore[no-untyped-def]
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check_conversion(folder: Path, out: Path, seconds: int = 60) -> str:
    """Convert ``folder``; "" when nb2pipe answered as it must (exit 0, or exit 2 with one line
    per problem, each naming a file of the folder or the folder), else what went wrong."""
    with deadline(seconds):
        result = CliRunner().invoke(app, ["convert", str(folder), "-o", str(out)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = result.exception
        return f"crash: {type(error).__name__}: {error}"
    if "Traceback" in result.output:
        return "traceback printed"
    if result.exit_code == 0:
        return ""
    if result.exit_code != 2:
        return f"exit code {result.exit_code}"
    names = {p.name for p in folder.iterdir()} | {folder.name, str(folder)}
    for line in result.stderr.splitlines():
        where = line.removeprefix("error: ").split(":")[0].split(" ")[0]
        if not line.startswith("error: ") or not any(where.startswith(n) for n in names):
            return f"error line names no input: {line!r}"
    return "" if result.stderr.strip() else "exit 2 without a message"
