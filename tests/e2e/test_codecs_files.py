"""`codecs.open(path, mode, encoding)` opens a file as `open` does: a file one cell writes and a
later cell reads (and appends to another) through it is a dataset between their nodes. It was not
a file access: the reading node ran in the Kedro project, where the file was not (donnemartin's
python-data/files.ipynb: FileNotFoundError: 'hello_world.txt' at kedro run)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_definition_time import convert_and_run, notebook_result

pytestmark = pytest.mark.e2e

CELLS = [
    "import codecs\nimport json",
    "with open('hello.txt', 'w') as f:\n    f.write('hello\\nworld\\n')",
    "with codecs.open('copy.txt', 'a', 'utf-8') as new:\n"
    "    with codecs.open('hello.txt', 'r', 'utf-8') as old:\n"
    "        for line in old:\n            new.write(line.upper())",
    "with codecs.open('copy.txt', encoding='utf-8') as f:\n    lines = f.read().split()",
    "with open('out.json', 'w') as f:\n    json.dump(lines, f)",
]


def test_files_opened_with_codecs_cross_nodes_as_datasets(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, CELLS)
    project = convert_and_run(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    (written,) = [p for p in project.rglob("out.json") if "src" not in p.parts]
    assert json.loads(written.read_text()) == expected == ["HELLO", "WORLD"]
