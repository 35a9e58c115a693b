"""Markdown headings as CommonMark reads them (`planning/headings.py`): `# Title` and setext
`Title` over a line of `=` or `-` both start a section and name its node."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from test_plan_rules import steps

from nb2pipe.analysis import analyze
from nb2pipe.model import Cell, Source, Target
from nb2pipe.options import Options
from nb2pipe.planning import plan
from nb2pipe.planning.headings import heading_title, without_marks
from nb2pipe.readers.workspace import snapshot


@pytest.mark.parametrize(("text", "title"), [
    ("# Load the data\nSome text", "Load the data"),
    ("Load the data\n=============\nSome text", "Load the data"),
    ("Intro paragraph.\n\nCleaning\n--------", "Cleaning"),
    ("Setext first\n===\n# Then ATX", "Setext first"),
    ("# ATX first\nThen setext\n---", "ATX first"),
    # not headings: a list item, a table, a thematic break, plain text
    ("- item\n---", None),
    ("| a | b |\n|---|---|", None),
    ("Some text\n\n***", None),
    ("Just text", None),
])
def test_the_first_heading_of_a_cell(text: str, title: str | None) -> None:
    assert heading_title(text) == title


def test_the_docstring_drops_the_heading_marks() -> None:
    assert without_marks("Load the data\n=============\nSome text") == "Load the data\nSome text"
    assert without_marks("## Load\nSome text") == "Load\nSome text"


def test_setext_headings_start_sections_and_name_their_nodes(tmp_path: Path) -> None:
    cells = [("code", "import pandas as pd"), ("markdown", "Loading\n=======\nThe raw table."),
             ("code", "df = pd.DataFrame({'a': [1, 2, None]})"),
             ("markdown", "Cleaning up\n-----------\nDrop the empty rows."), ("code", "clean = df.dropna()"),
             ("markdown", "Scaling\n======="), ("code", "scaled = clean * 2")]
    source = Source(PurePosixPath("nb.ipynb"), str(tmp_path / "nb.ipynb"), "notebook",
                    tuple(Cell(i, str(i + 1), kind, text) for i, (kind, text) in enumerate(cells)))  # type: ignore[arg-type]
    facts = (analyze(source),)
    made = steps(plan(facts, Options(), Target(tmp_path / "project", "new"), tmp_path, snapshot(tmp_path, facts)), "nb")
    assert [s.name for s in made] == ["loading", "cleaning_up", "scaling"]
    assert '"""Cleaning up\n    Drop the empty rows.\n    """' in made[1].code
