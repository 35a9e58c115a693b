"""A path holding a newline (`< $'a\\nb'`, found by tests/inputs/test_fuzz.py: `<'\\n'` crashed
with KeyError '') stays one typed word when the step's text is split into lines, and one path
argument in the code planning makes of them."""

from __future__ import annotations

from pathlib import Path

from nb2pipe import api
from nb2pipe.analysis.shell.step_lines import command_lines
from nb2pipe.model import PathWord, ShellCommand
from nb2pipe.options import Options
from nb2pipe.planning.shell_code import script_code


def test_a_marker_holding_a_newline_is_one_typed_word() -> None:
    lines = command_lines("cat < \x00a\nb\x00 > out.txt\necho done", {"a\nb": "read"})
    assert lines == (("cat < ", PathWord("a\nb", "read"), " > out.txt"), ("echo done",))


def test_a_path_holding_a_newline_is_one_path_argument() -> None:
    lines = (("cat < ", PathWord("a\nb", "read"), " > out.txt"), ("echo done",))
    code, edits = script_code(ShellCommand(lines, "/w", script=True))
    [edit] = edits  # the literal the node's argument replaces, on one line of the code
    line = code.split("\n")[edit.line - 1]
    assert line[edit.col:edit.end_col] == "'a\\nb'" and '"echo done"' in code


def test_a_script_reading_a_file_named_newline_converts(tmp_path: Path) -> None:
    (tmp_path / "run.sh").write_bytes(b"<'\n'")
    generated = api.generate([tmp_path], tmp_path / "out", Options(keep_going=True))
    assert generated.plan.pipelines
