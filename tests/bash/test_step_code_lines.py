"""A path holding a newline (`< $'a\\nb'`, found by tests/inputs/test_fuzz.py: `<'\\n'` crashed
with KeyError '') stays one marker when the step's code is built line by line."""

from __future__ import annotations

from pathlib import Path

from nb2pipe import api
from nb2pipe.analysis.shell.step_code import python_code
from nb2pipe.options import Options


def test_a_marker_holding_a_newline_is_one_path_argument() -> None:
    code, edits = python_code("cat < \x00a\nb\x00 > out.txt\necho done", "/w", {"a\nb": "read"}, {})
    assert [e.symbol.path for e in edits] == ["a\nb"]  # type: ignore[union-attr]
    [edit] = edits  # the literal the node's argument replaces, on one line of the code
    line = code.split("\n")[edit.line - 1]
    assert line[edit.col:edit.end_col] == "'a\\nb'" and '"echo done"' in code


def test_a_script_reading_a_file_named_newline_converts(tmp_path: Path) -> None:
    (tmp_path / "run.sh").write_bytes(b"<'\n'")
    generated = api.generate([tmp_path], tmp_path / "out", Options(keep_going=True))
    assert generated.plan.pipelines
