"""`%run other.ipynb` / `%run script.py args`: the reader inlines the other file's code where the
magic was (``nb2pipe.readers.run_magic``), as IPython would run it, and says where it came from."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from nb2pipe.analysis import analyze
from nb2pipe.api import generate
from nb2pipe.errors import InputError
from nb2pipe.model import Source, Target
from nb2pipe.options import Options
from nb2pipe.planning import plan
from nb2pipe.readers import read
from nb2pipe.readers.run_magic import run_target
from nb2pipe.readers.workspace import snapshot


def notebook(path: Path, *cells: str, tags: dict[int, list[str]] | None = None) -> Path:
    """A notebook whose cell ids are c1, c2... (markdown for cells starting with "# ")."""
    nb = nbformat.v4.new_notebook()
    for number, text in enumerate(cells, 1):
        cell = (
            nbformat.v4.new_markdown_cell(text)
            if text.startswith("# ")
            else nbformat.v4.new_code_cell(text)
        )
        cell.id = f"c{number}"
        cell.metadata["tags"] = (tags or {}).get(number, [])
        nb.cells.append(cell)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def cells_of(source: Source) -> list[tuple[str, str, str]]:
    return [(c.ref, c.kind, c.source) for c in source.cells]


def test_a_notebook_run_in_the_middle_of_a_cell_is_inlined_between_its_parts(
    tmp_path: Path,
) -> None:
    notebook(
        tmp_path / "helpers.ipynb", "# Helpers", "SCALE = 3", "def double(v):\n    return v * 2"
    )
    main = notebook(tmp_path / "main.ipynb", "x = 1\n%run helpers.ipynb\ny = double(x) * SCALE")
    source = read(main, tmp_path)
    assert cells_of(source) == [
        ("c1", "code", "x = 1"),
        # the code cells of helpers.ipynb (not its markdown), named by where they come from
        ("c1/helpers.ipynb:c2", "code", "SCALE = 3"),
        ("c1/helpers.ipynb:c3", "code", "def double(v):\n    return v * 2"),
        # blank lines keep `y = ...` on line 3 of cell c1, where the notebook has it
        ("c1", "code", "\n\ny = double(x) * SCALE"),
    ]
    assert [c.index for c in source.cells] == [0, 1, 2, 3]


def test_an_inlined_notebook_keeps_its_node_tags_but_not_its_parameters_tag(tmp_path: Path) -> None:
    notebook(
        tmp_path / "other.ipynb", "A = 1", "B = 2", tags={1: ["parameters"], 2: ["node:make_b"]}
    )
    main = notebook(tmp_path / "main.ipynb", "%run other.ipynb")
    tags = {c.ref: c.tags for c in read(main, tmp_path).cells}
    assert tags["c1/other.ipynb:c1"] == () and tags["c1/other.ipynb:c2"] == ("node:make_b",)


def test_a_script_runs_as_python_would_run_it_with_its_arguments(tmp_path: Path) -> None:
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "prep.py").write_text(
        "import argparse, sys\n"
        "parser = argparse.ArgumentParser()\n"
        "parser.add_argument('--n', type=int)\n"
        "if __name__ == '__main__':\n"
        "    args = parser.parse_args()\n"
        "    FIRST, ALL, HERE = sys.argv[1], sys.argv, __file__\n"
        '    TEXT = """a\n    b"""\n',
        encoding="utf-8",
    )
    main = notebook(tmp_path / "main.ipynb", "%run lib/prep.py --n 3")
    (code,) = read(main, tmp_path).cells
    assert code.ref == "c1/lib/prep.py"
    assert code.source == (
        "import argparse, sys\n"
        "parser = argparse.ArgumentParser()\n"
        "parser.add_argument('--n', type=int)\n"
        "\n"
        "args = parser.parse_args(['--n', '3'])\n"
        "FIRST, ALL, HERE = '--n', ['lib/prep.py', '--n', '3'], 'lib/prep.py'\n"
        'TEXT = """a\n    b"""\n'  # the string's own text is not dedented
    )


def test_run_n_keeps_the_main_guard(tmp_path: Path) -> None:
    (tmp_path / "s.py").write_text("if __name__ == '__main__':\n    X = 1\n", encoding="utf-8")
    main = notebook(tmp_path / "main.ipynb", "%run -n s.py")
    assert read(main, tmp_path).cells[0].source == "if __name__ == '__main__':\n    X = 1\n"


def test_cd_before_run_moves_where_the_file_is_found(tmp_path: Path) -> None:
    notebook(tmp_path / "sub" / "h.ipynb", "H = 1")
    main = notebook(tmp_path / "main.ipynb", "%cd sub", "%run h.ipynb")
    assert [c.ref for c in read(main, tmp_path).cells] == [
        "c1",
        "c2/sub/h.ipynb:c1",
    ]


def test_runs_nest_and_their_refs_compose(tmp_path: Path) -> None:
    (tmp_path / "c.py").write_text("C = 3\n", encoding="utf-8")
    notebook(tmp_path / "b.ipynb", "B = 2\n%run c.py")
    main = notebook(tmp_path / "a.ipynb", "%run b.ipynb\nA = B + C")
    refs = [(c.ref, c.kind) for c in read(main, tmp_path).cells]
    assert refs == [
        ("c1/b.ipynb:c1", "code"),
        ("c1/b.ipynb:c1/c.py", "code"),
        ("c1", "code"),
    ]


def test_a_missing_file_is_an_error_naming_notebook_cell_and_line(tmp_path: Path) -> None:
    main = notebook(tmp_path / "main.ipynb", "x = 1", "y = 2\n%run missing.ipynb")
    with pytest.raises(InputError) as raised:
        read(main, tmp_path)
    (problem,) = raised.value.problems
    assert (problem.level, problem.code, problem.source, problem.cell, problem.line) == (
        "error",
        "missing-run-target",
        "main.ipynb",
        "c2",
        2,
    )
    assert "missing.ipynb" in problem.message


def test_notebooks_that_run_each_other_are_an_error(tmp_path: Path) -> None:
    notebook(tmp_path / "b.ipynb", "%run a.ipynb")
    main = notebook(tmp_path / "a.ipynb", "%run b.ipynb")
    with pytest.raises(InputError) as raised:
        read(main, tmp_path)
    assert raised.value.problems[0].code == "recursive-run"


@pytest.mark.parametrize(
    "line",
    [
        "%run {path}",
        "%run $script",
        "%run -m package.module",
        "%run -d s.py",
        "%run s.R",
        "%run *.py",
    ],
)
def test_what_cannot_be_inlined_is_left_for_the_translation_to_report(line: str) -> None:
    assert run_target(line[5:]) is None


def test_a_run_inside_a_block_is_not_inlined_and_is_reported(tmp_path: Path) -> None:
    notebook(tmp_path / "h.ipynb", "H = 1")
    main = notebook(tmp_path / "main.ipynb", "if True:\n    %run h.ipynb")
    source = read(main, tmp_path)
    assert [c.ref for c in source.cells] == ["c1"]
    notes = [d for d in analyze(source).diagnostics if d.code == "magic"]
    assert notes and notes[0].level == "warning" and "not inlined" in notes[0].message


def test_diagnostics_of_inlined_code_name_the_cell_it_came_from(tmp_path: Path) -> None:
    notebook(tmp_path / "h.ipynb", "import os", "from os.path import *")
    main = notebook(tmp_path / "main.ipynb", "%run h.ipynb")
    facts = analyze(read(main, tmp_path))
    (star,) = [d for d in facts.diagnostics if d.code == "star-import"]
    assert (star.source, star.cell) == ("main.ipynb", "c1/h.ipynb:c2")


def test_generated_functions_name_the_inlined_cell_they_hold(tmp_path: Path) -> None:
    (tmp_path / "prep.py").write_text("import sys\nLABEL = sys.argv[1].upper()\n", encoding="utf-8")
    main = notebook(tmp_path / "main.ipynb", "%run prep.py weekly", "out = LABEL + '!'")
    facts = analyze(read(main, tmp_path))
    the_plan = plan((facts,), Options(), Target(tmp_path / "project", "new"), tmp_path,
                    snapshot(tmp_path, (facts,)))
    (code,) = [s.code for s in the_plan.pipelines[0].steps if "report" not in s.tags]
    assert code.startswith("# From main.ipynb, cells id c1/prep.py, c2\n")
    assert 'LABEL = "weekly".upper()' in code or "LABEL = 'weekly'.upper()" in code


def test_a_notebook_run_by_another_is_converted_inside_it_not_on_its_own(tmp_path: Path) -> None:
    """As a script a driver runs: `%run helpers.ipynb` makes helpers part of main's pipeline."""
    (tmp_path / "c.py").write_text("C = 3\n", encoding="utf-8")
    notebook(tmp_path / "b.ipynb", "B = 2\n%run c.py")
    notebook(tmp_path / "a.ipynb", "%run b.ipynb\nA = B + C\nprint(A)")
    assert read(tmp_path / "a.ipynb", tmp_path).runs == ("b.ipynb", "c.py")
    generated = generate([tmp_path], tmp_path / "project")
    assert [p.source for p in generated.plan.pipelines] == ["a.ipynb"]
    (note,) = [d for d in generated.diagnostics if d.code == "run-by-notebook"]
    assert note.message.startswith("b.ipynb is run by `%run` in a.ipynb")
