"""Planning names the nodes of a shell script's steps and orders them (planning/shell_steps.py):
analysis hands over only what each step does (`model.ShellNode`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePosixPath

from nb2pipe.drivers import shell_source_facts
from nb2pipe.model import ShellNode, SourceFacts
from nb2pipe.planning.shell_steps import name_steps, node_name
from nb2pipe.readers.bash import read_shell

SCRIPT = """\
cut -f1 raw.tsv > a.txt
sort a.txt > b.txt
wget https://example.org/data.csv
cut -f2 other.tsv > a.txt
"""


def facts_of(tmp_path: Path, text: str) -> SourceFacts:
    script = tmp_path / "run.sh"
    script.write_text(text)
    return shell_source_facts(read_shell(script, PurePosixPath("run.sh")))


def node_names(facts: SourceFacts) -> list[str]:
    tags = [t for c in facts.source.cells for t in c.tags if t.startswith("node:")]
    return [t.removeprefix("node:") for t in tags]


def test_analysis_names_no_node_and_makes_no_ordering_value(tmp_path: Path) -> None:
    facts = facts_of(tmp_path, SCRIPT)
    assert node_names(facts) == []
    assert not any(str(s).endswith("_done") for c in facts.chunks for s in c.defines | c.uses)
    assert [c.shell.hands_on for c in facts.chunks if c.shell] == [False, True, True, False]


def test_steps_are_named_by_what_they_do_and_ordered_where_no_file_connects_them(
    tmp_path: Path,
) -> None:
    (named,) = name_steps([facts_of(tmp_path, SCRIPT)])
    assert node_names(named) == ["cut_a", "sort_b", "download_data", "cut_a_2"]
    chunks = [c for c in named.chunks if c.shell]
    assert "sort_b_done" in chunks[1].defines and "sort_b_done" in chunks[2].uses
    assert chunks[1].code.endswith("\nsort_b_done = True")
    assert chunks[1].end_line == chunks[1].code.count("\n") + 1
    assert "download_data_done" in chunks[3].uses
    assert not any(str(s).endswith("_done") for s in chunks[0].defines | chunks[0].uses)


def test_names_are_unique_over_the_parts_of_one_script_in_the_order_it_runs_them(
    tmp_path: Path,
) -> None:
    first = facts_of(tmp_path, "cut -f1 raw.tsv > a.txt\n")
    second = replace(first, source=replace(first.source, variant="2"))
    other = replace(first, source=replace(first.source, path=PurePosixPath("other.sh")))
    named = name_steps([second, other, first])  # the planner's order is not the script's
    assert [node_names(f) for f in named] == [["cut_a_2"], ["cut_a"], ["cut_a"]]


def test_node_name_rules() -> None:
    taken: set[str] = set()
    assert node_name(ShellNode("notebook", ("papermill",), (), ("nb/Train.ipynb",)), taken) == (
        "run_train"
    )
    assert node_name(ShellNode("python", ("python",), (), ()), taken) == "run"
    assert node_name(ShellNode("shell", ("bash",), (), ("sub/prep.sh",)), taken) == "run_prep"
    assert node_name(ShellNode("download", ("curl",), ("d/",), ()), taken) == "download"
    assert node_name(ShellNode("file", ("cd", "7z"), ("out/x-1.gz",), ()), taken) == "step_7z_x_1"
    assert node_name(ShellNode("shell", ("echo",), (), ()), taken) == "shell"
    assert node_name(ShellNode("shell", ("echo",), (), ()), taken) == "shell_2"
