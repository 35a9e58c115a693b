"""Reading inputs: notebooks and percent scripts → Source, user errors → InputError, discovery.

Every refused input raises ``InputError`` whose problems are ``Diagnostic``s naming the file
(relative to the conversion root), and the cell (its id, else its 1-based position) and line
when the problem is inside a cell. Syntax errors are found when the cells are parsed
(``analyze``), after magics were translated with their line count kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from nb2pipe.analysis import analyze
from nb2pipe.errors import InputError
from nb2pipe.readers import discover, read

PYTHON_KERNEL = {"name": "python3", "language": "python", "display_name": "Python 3"}


def notebook(*cells, metadata: dict | None = None) -> nbformat.NotebookNode:  # type: ignore[no-untyped-def]
    nb = new_notebook(metadata={"kernelspec": PYTHON_KERNEL} if metadata is None else metadata)
    nb.cells = [new_code_cell(c) if isinstance(c, str) else c for c in cells]
    return nb


def write_nb(path: Path, nb: nbformat.NotebookNode) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def problems_of(path: Path, root: Path) -> tuple:  # type: ignore[type-arg]
    with pytest.raises(InputError) as caught:
        analyze(read(path, root))
    return caught.value.problems


# ---------------------------------------------------------------------- refused inputs
@dataclass(frozen=True)
class Refused:
    name: str
    text: str
    code: str


def notebook_json(**changes: object) -> str:
    nb = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    nb.update(changes)
    return json.dumps(nb)


REFUSED = [
    Refused("invalid JSON", "{not json", "invalid-json"),
    Refused("empty file", "", "invalid-json"),
    Refused("cells is not a list", notebook_json(cells="x"), "invalid-notebook"),
    Refused(
        "cell without a type",
        notebook_json(cells=[{"source": "x = 1", "metadata": {}, "id": "a"}]),
        "invalid-notebook",
    ),
    Refused(
        "R kernel (language_info)",
        notebook_json(metadata={"language_info": {"name": "R"}}),
        "non-python-kernel",
    ),
    Refused(
        "Julia kernel (kernelspec)",
        notebook_json(
            metadata={
                "kernelspec": {"name": "julia-1.9", "language": "julia", "display_name": "Julia"}
            }
        ),
        "non-python-kernel",
    ),
]


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c.name)
def test_refused_notebook(case: Refused, tmp_path: Path) -> None:
    path = tmp_path / "sub" / "bad.ipynb"
    path.parent.mkdir()
    path.write_text(case.text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read(path, tmp_path)
    (problem,) = caught.value.problems
    assert (problem.level, problem.code, problem.source) == ("error", case.code, "sub/bad.ipynb")
    assert str(problem).startswith("sub/bad.ipynb: error: ")
    assert "\n" not in str(caught.value)


def test_non_python_kernel_message_names_the_language(tmp_path: Path) -> None:
    path = tmp_path / "r.ipynb"
    write_nb(path, notebook("x <- 1", metadata={"language_info": {"name": "R"}}))
    with pytest.raises(InputError) as caught:
        read(path, tmp_path)
    assert "'r'" in caught.value.problems[0].message.lower()


@pytest.mark.parametrize(
    "metadata",
    [{}, {"kernelspec": PYTHON_KERNEL}, {"language_info": {"name": "python", "version": "3.12"}}],
    ids=["no metadata", "kernelspec", "language_info"],
)
def test_python_notebooks_are_read(metadata: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    path = write_nb(tmp_path / "nb.ipynb", notebook("x = 1", metadata=metadata))
    assert read(path, tmp_path).language == "python"


# ------------------------------------------------------------------------ syntax errors
@dataclass(frozen=True)
class SyntaxCase:
    name: str
    bad: str
    line: int


SYNTAX = [
    SyntaxCase("first line", "a b", 1),
    SyntaxCase("second line", "x = 1\ny = = 2", 2),
    SyntaxCase("unclosed parenthesis", "y = (\n  1 +\n", 1),
    SyntaxCase(
        "after a magic line (line count kept)", "%matplotlib inline\nx = 1\nif x\n    pass", 3
    ),
]


@pytest.mark.parametrize("case", SYNTAX, ids=lambda c: c.name)
def test_syntax_error_names_file_cell_and_line(case: SyntaxCase, tmp_path: Path) -> None:
    nb = notebook("import os", case.bad)
    path = write_nb(tmp_path / "nbs" / "nb.ipynb", nb)
    (problem,) = problems_of(path, tmp_path)
    bad_id = nb.cells[1].id
    assert (problem.level, problem.code) == ("error", "syntax-error")
    assert (problem.source, problem.cell, problem.line) == ("nbs/nb.ipynb", bad_id, case.line)
    assert str(problem).startswith(f"nbs/nb.ipynb cell {bad_id} line {case.line}: error: ")


def test_every_bad_cell_is_reported(tmp_path: Path) -> None:
    nb = notebook("x = (", "y = 1", "def (")
    path = write_nb(tmp_path / "nb.ipynb", nb)
    problems = problems_of(path, tmp_path)
    assert [p.cell for p in problems] == [nb.cells[0].id, nb.cells[2].id]
    assert all(p.source == "nb.ipynb" and p.line == 1 for p in problems)


def test_syntax_error_without_ids_names_the_position(tmp_path: Path) -> None:
    nb = notebook(new_markdown_cell("# Title"), "x = 1", "y = = 2")
    nb.nbformat_minor = 4
    for cell in nb.cells:
        del cell["id"]
    path = write_nb(tmp_path / "nb.ipynb", nb)
    (problem,) = problems_of(path, tmp_path)
    assert (problem.cell, problem.line) == ("3", 1)


# ----------------------------------------------------------------------------- cells
def test_cells_keep_ids_kinds_sources_tags_and_counts(tmp_path: Path) -> None:
    code = new_code_cell("x = 1", metadata={"tags": ["parameters"]}, execution_count=7)
    nb = notebook(new_markdown_cell("# Title"), code, new_raw_cell("raw"), "y = 2")
    path = write_nb(tmp_path / "nb.ipynb", nb)
    source = read(path, tmp_path)
    assert (str(source.path), source.kind, source.abspath) == ("nb.ipynb", "notebook", str(path))
    assert [(c.index, c.ref, c.kind, c.source, c.tags) for c in source.cells] == [
        (0, nb.cells[0].id, "markdown", "# Title", ()),
        (1, nb.cells[1].id, "code", "x = 1", ("parameters",)),
        (2, nb.cells[2].id, "raw", "raw", ()),
        (3, nb.cells[3].id, "code", "y = 2", ()),
    ]
    assert source.cells[1].execution_count == 7


def test_cells_without_ids_are_named_by_position(tmp_path: Path) -> None:
    nb = notebook(new_markdown_cell("# Title"), "x = 1", "y = 2")
    nb.nbformat_minor = 4
    for cell in nb.cells:
        del cell["id"]
    path = write_nb(tmp_path / "nb.ipynb", nb)
    assert [c.ref for c in read(path, tmp_path).cells] == ["1", "2", "3"]


def test_skip_tag_gives_an_info_and_the_cell_is_not_analysed(tmp_path: Path) -> None:
    skipped = new_code_cell("z = 1 +", metadata={"tags": ["skip"]})  # not even parsed
    nb = notebook("x = 1", skipped, new_code_cell("y = 2", metadata={"tags": ["other"]}))
    path = write_nb(tmp_path / "nb.ipynb", nb)
    facts = analyze(read(path, tmp_path))
    assert [c.code for c in facts.chunks] == ["x = 1", "y = 2"]
    assert [c.cell for c in facts.chunks] == [0, 2]
    notes = [(d.level, d.code, d.source, d.cell) for d in facts.diagnostics if d.code == "skipped"]
    assert notes == [("info", "skipped", "nb.ipynb", skipped.id)]


def test_path_outside_the_root_is_named_by_its_file_name(tmp_path: Path) -> None:
    path = write_nb(tmp_path / "a" / "nb.ipynb", notebook("x = 1"))
    assert str(read(path, tmp_path / "b").path) == "nb.ipynb"


# ---------------------------------------------------------------------- percent scripts
PERCENT = """import os

# %%
x = 1

# %% [markdown]
# # Title
# Some text

# %% tags=["skip"]
y = 2

# %% Named cell
z = x + 1
"""


def test_percent_script_cells(tmp_path: Path) -> None:
    path = tmp_path / "script.py"
    path.write_text(PERCENT, encoding="utf-8")
    source = read(path, tmp_path)
    assert source.kind == "script"
    assert [(c.ref, c.kind, c.source, c.tags) for c in source.cells] == [
        ("1", "code", "import os", ()),
        ("2", "code", "x = 1", ()),
        ("3", "markdown", "# Title\nSome text", ()),
        ("4", "code", "y = 2", ("skip",)),
        ("5", "code", "z = x + 1", ()),
    ]


def test_percent_script_is_analysed_like_a_notebook(tmp_path: Path) -> None:
    path = tmp_path / "script.py"
    path.write_text(PERCENT, encoding="utf-8")
    facts = analyze(read(path, tmp_path))
    assert [c.code for c in facts.chunks] == ["import os", "x = 1", "z = x + 1"]
    assert [d.cell for d in facts.diagnostics if d.code == "skipped"] == ["4"]


def test_percent_script_syntax_error(tmp_path: Path) -> None:
    path = tmp_path / "script.py"
    path.write_text("# %%\nx = 1\n\n# %%\ny = 1\nz = = 2\n", encoding="utf-8")
    (problem,) = problems_of(path, tmp_path)
    assert (problem.source, problem.cell, problem.line) == ("script.py", "2", 2)


# ---------------------------------------------------------------------------- discover
def test_discover_skips_checkpoints_hidden_folders_and_plain_scripts(tmp_path: Path) -> None:
    for name in [
        "a.ipynb",
        "sub/b.ipynb",
        ".ipynb_checkpoints/a-checkpoint.ipynb",
        "sub/.ipynb_checkpoints/b-checkpoint.ipynb",
        ".hidden/c.ipynb",
        ".d.ipynb",
    ]:
        write_nb(tmp_path / name, notebook("x = 1"))
    (tmp_path / "percent.py").write_text("# %%\nx = 1\n", encoding="utf-8")
    (tmp_path / "helpers.py").write_text("def f():\n    return 1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path.resolve()).as_posix() for p in found] == [
        "a.ipynb",
        "percent.py",
        "sub/b.ipynb",
    ]


def test_discover_explicit_files_and_errors(tmp_path: Path) -> None:
    nb = write_nb(tmp_path / "a.ipynb", notebook("x = 1"))
    script = tmp_path / "plain.py"
    script.write_text("x = 1\n", encoding="utf-8")
    assert discover([script, nb]) == (nb.resolve(), script.resolve())
    with pytest.raises(InputError) as missing:
        discover([tmp_path / "nope.ipynb"])
    assert missing.value.problems[0].code == "missing-input"
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as unsupported:
        discover([tmp_path / "notes.txt"])
    assert unsupported.value.problems[0].code == "unsupported-input"
