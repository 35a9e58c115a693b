"""A `for` loop of a script writing one file per item into a folder (`shell/loop_items.py`):
which loops give a partitioned folder, whether items on disk can be skipped, and the loop's text
as the node runs it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from nb2pipe.analysis.shell.chunks import NodeStep, datasets
from nb2pipe.analysis.shell.loop_items import HELPERS, items_text
from nb2pipe.analysis.shell.steps import script_facts
from nb2pipe.model.shell import ShellStep


def steps(text: str) -> tuple[ShellStep, ...]:
    return script_facts(text, "run.sh", "/root").steps


def loop(text: str) -> ShellStep:
    return next(s for s in steps(text) if s.text.startswith("for"))


@pytest.mark.parametrize(
    ("text", "folder", "word", "why"),
    [
        (
            'for f in data/*.csv; do sort "$f" > "out/$(basename "$f")"; done',
            "out",
            '"out/$(basename "$f")"',
            "",
        ),
        (
            'for x in $(cat l); do\n  python s.py "$x" --output "res/$x.csv"\ndone',
            "res",
            '"res/$x.csv"',
            "",
        ),
        (
            'for x in $(cat l); do\n  name=x_$x\n  echo "$x"\n  sort "in/$x" > out/$name\ndone',
            "out",
            "out/$name",
            "",
        ),
        (
            'for x in $(cat l); do\n  echo "$x" >> log.txt\n  sort "in/$x" > "out/$x"\ndone',
            "out",
            '"out/$x"',
            "the loop body does more than write the item",
        ),
        (
            'for x in $(cat l); do sort "in/$x" > "out/$x"; cp a b; done',
            "out",
            '"out/$x"',
            "the loop body does more than write the item",
        ),
    ],
)
def test_loops_writing_one_file_per_item(text: str, folder: str, word: str, why: str) -> None:
    items = loop(text).items
    assert items is not None
    assert (items.folder, items.word, items.not_resumable) == (folder, word, why)
    assert loop(text).text[items.start : items.end].count(word) == 1
    said = [d.code for d in loop(text).diagnostics if d.code == "partition-not-resumable"]
    assert said == (["partition-not-resumable"] if why else [])


@pytest.mark.parametrize(
    "text",
    [
        'for x in $(cat l); do sort "in/$x" > "$x.txt"; done',  # no folder
        'for x in $(cat l); do sort "in/$x" > "a/$x"; sort "in/$x" > "b/$x"; done',  # two folders
        'for x in $(cat l); do sort "in/$x" > out.txt; done',  # one file for all items
    ],
)
def test_loops_that_write_no_items(text: str) -> None:
    assert all(s.items is None for s in steps(text))


def test_a_later_step_reads_the_folder() -> None:
    script = steps('for x in $(cat l); do sort "in/$x" > "out/$x.csv"; done\ncat out/*.csv > all')
    writer, reader = NodeStep(script[0]), NodeStep(script[1], produced=("out",))
    assert datasets(writer)[1] == ["out"]
    assert datasets(reader) == (["out"], ["all"])
    text, placed = items_text(reader.step, {"out": "read", "all": "write"})
    assert text == "cat \x00out\x00/*.csv > all" and placed == {"out"}


def test_the_loop_skips_items_on_disk_and_keeps_only_whole_ones(tmp_path: Path) -> None:
    step = loop(
        'for x in a b c; do\n  [ $x = b ] && [ -n "$FAIL" ] && exit 3\n'
        '  printf "%s\\n" $x > "out/$x.txt"\ndone'.replace("a b c", "$(printf 'a b c')")
    )
    assert step.items is not None and step.items.not_resumable
    step = loop("for x in $(printf 'a b c'); do\n  printf '%s\\n' $x > \"out/$x.txt\"\ndone")
    assert step.items is not None and not step.items.not_resumable
    text, _ = items_text(step, {"out": "write"})
    script = "\n".join([*HELPERS, text.replace("\x00out\x00", str(tmp_path / "kept"))])
    (tmp_path / "kept").mkdir()
    (tmp_path / "kept" / "b.txt").write_text("from before\n")
    subprocess.run(["bash", "-c", "set -e\n" + script], cwd=tmp_path, check=True)
    kept = {p.name: p.read_text() for p in (tmp_path / "kept").iterdir()}
    assert kept == {"a.txt": "a\n", "b.txt": "from before\n", "c.txt": "c\n"}
    assert not (tmp_path / "kept.partial").exists() and not (tmp_path / "out").exists()


def test_a_failing_item_leaves_nothing_half_written(tmp_path: Path) -> None:
    step = loop(
        "for x in $(printf 'a b c'); do\n"
        "  { printf '%s\\n' $x; [ $x != b ]; } > \"out/$x.txt\"\ndone"
    )
    assert step.items is not None
    text, _ = items_text(step, {"out": "write"})
    script = "\n".join([*HELPERS, text.replace("\x00out\x00", str(tmp_path / "kept"))])
    done = subprocess.run(["bash", "-c", "set -e\n" + script], cwd=tmp_path)
    assert done.returncode != 0
    assert [p.name for p in (tmp_path / "kept").iterdir()] == ["a.txt"]
    assert list((tmp_path / "kept.partial").iterdir()) == [tmp_path / "kept.partial" / "b.txt"]
    without_e = subprocess.run(["bash", "-c", script], cwd=tmp_path)
    assert without_e.returncode == 0, "without `set -e` the loop goes on, as bash does"
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == ["a.txt", "c.txt"]


def test_variables_read_inside_a_command_substitution_are_uses() -> None:
    step = loop('N=3\nfor n in $(seq 1 "$N"); do sort "in/$n" > "out/$n"; done')
    assert "N" in step.uses
