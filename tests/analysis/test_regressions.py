"""Regression tests for bugs the spec tests found (named after what broke)."""

from __future__ import annotations

import ast
import json
from pathlib import Path, PurePosixPath

import nbformat
import pytest
from typer.testing import CliRunner

from nb2pipe.api import generate
from nb2pipe.cli import app
from nb2pipe.planning.codegen import apply_edits
from nb2pipe.readers import read
from nb2pipe.readers.ipython import translate
from nb2pipe.model.symbols import File, FileUse

from .support import cell_view, last_cell_chunks

# ---------------------------------------------------- facts (→ tests/analysis/test_facts.py)
#: A definition does not run its body: the mutation happens at the call site (where
#: FunctionSummary.mutated_globals already reports it), not when the function is defined.
DEFINITION_NOOP = [
    ("def f():\n    xs.append(1)", "f"),
    ('def f():\n    df["a"] = 1', "f"),
    ("f = lambda: xs.append(1)", "f"),
    ("lambda: xs.append(1)", ""),
]


@pytest.mark.parametrize(("code", "binds"), DEFINITION_NOOP, ids=[c for c, _ in DEFINITION_NOOP])
def test_definition_does_not_mutate(code: str, binds: str, tmp_path: Path) -> None:
    view = cell_view(last_cell_chunks(tmp_path, code))
    assert view.mutates == frozenset()
    assert view.defines == frozenset(binds.split())


def test_walrus_in_comprehension_binds_at_module_level(tmp_path: Path) -> None:
    """PEP 572: `y := ...` inside a comprehension binds `y` in the enclosing (module) scope."""
    view = cell_view(last_cell_chunks(tmp_path, "ys = [y for x in xs if (y := f(x))]"))
    assert "y" not in view.uses
    assert "y" in view.defines | view.maybe_defines


# ---------------------------------------------------- edits (→ tests/analysis/test_io.py)
@pytest.mark.parametrize(
    "before",
    ["y = f(\n    2,\n)", "y = f(2,  # two\n)"],
    ids=["trailing comma on its own line", "comment before the closing parenthesis"],
)
def test_call_site_globals_keep_the_call_valid(before: str, tmp_path: Path) -> None:
    (chunk,) = last_cell_chunks(tmp_path, "def f(x):\n    return x * k", before)
    after = apply_edits(chunk.code, chunk.edits, {})
    assert ast.dump(ast.parse(after)) == ast.dump(ast.parse("y = f(2, k=k)"))


def test_a_file_a_called_function_opens_by_a_literal_path_is_a_dataset_of_the_call(
    tmp_path: Path,
) -> None:
    """`save()` writes b.txt itself: the caller passes the catalog's path (`b_txt_file=`), also
    through a function that calls it; the call's node writes the dataset."""
    cells = ('def save():\n    open("b.txt", "w").write("y")', "def outer():\n    save()", "outer()")
    (chunk,) = last_cell_chunks(tmp_path, *cells)
    assert File("b.txt") in chunk.defines and [f.io for f in chunk.files] == ["path"]
    after = apply_edits(chunk.code, chunk.edits, {File("b.txt"): "b_txt", FileUse(File("b.txt"), "write"): "out"})
    assert after == "outer(b_txt_file=out)"
    assert not [d for d in chunk.diagnostics if d.code == "file-in-function"]


@pytest.mark.parametrize(
    ("use", "after"),
    [
        ("ys = list(map(f, xs))", "ys = list(map(with_globals(f, k=k), xs))"),
        ("df.apply(f)", "df.apply(with_globals(f, k=k))"),
        ("ys = sorted(xs, key=f)", "ys = sorted(xs, key=with_globals(f, k=k))"),
        ("name = f.__name__", "name = f.__name__"),
        ("y = f(2)", "y = f(2, k=k)"),
        ("zs = list(map(save, xs))", "zs = list(map(with_globals(save, out_txt_file=out), xs))"),
    ],
)
def test_a_function_passed_as_a_value_takes_its_keyword_arguments_along(
    use: str, after: str, tmp_path: Path
) -> None:
    """`map(f, xs)` calls f without the globals it now takes as keyword-only arguments: a
    function bound by the project's `with_globals` passes them (and the catalog's paths of the
    files it opens)."""
    definitions = 'def f(x):\n    return x * k\ndef save(x):\n    open("out.txt", "w").write(x)'
    (chunk,) = last_cell_chunks(tmp_path, definitions, use)
    rewritten = apply_edits(chunk.code, chunk.edits, {File("out.txt"): "o", FileUse(File("out.txt"), "write"): "out"})
    assert rewritten == after
    assert ("with_globals" in chunk.uses) is ("with_globals" in after)


@pytest.mark.parametrize(
    ("definitions", "call", "named"),
    [
        ('def save(name):\n    open(name, "w").write("y")', "save(names[0])", "only known at run time"),
        ('NAME = "in.csv"\ndef load():\n    return pd.read_csv(NAME)', "df = load()", "`in.csv` (read)"),
    ],
)
def test_files_a_function_opens_by_another_path_are_reported_at_the_call(
    definitions: str, call: str, named: str, tmp_path: Path
) -> None:
    """A path that is no literal of the body is not passed: the call says so, by name."""
    (chunk,) = last_cell_chunks(tmp_path, "import pandas as pd", definitions, call)
    warnings = [d.message for d in chunk.diagnostics if d.code in ("file-in-function", "dynamic-path")]
    assert any(named in w and w.startswith(f"`{call.split('= ')[-1].split('(')[0]}()`") for w in warnings)


# --------------------------------------------------- magics (→ tests/readers/test_magics.py)
def test_unknown_line_magic_warns() -> None:
    translated = translate("%foo bar")
    assert translated.code == ""
    assert [(n.level, n.code) for n in translated.notes] == [("warning", "unknown-magic")]


# ------------------------------------------------ reader (→ tests/readers/test_notebook.py)
def test_missing_cell_ids_in_nbformat_4_5_are_named_by_position(tmp_path: Path) -> None:
    """nbformat fills missing ids with random ones; refs (and generated files) must not change
    from one read to the next."""
    cells = [
        {"cell_type": "code", "source": "x = 1", "metadata": {}, "outputs": [],
         "execution_count": None},
        {"cell_type": "markdown", "source": "# hi", "metadata": {}},
    ]
    notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    first = [c.ref for c in read(path, tmp_path).cells]
    second = [c.ref for c in read(path, tmp_path).cells]
    assert first == second == ["1", "2"]


# ------------------------------------------------------------- cli (→ tests/test_cli.py)
def test_explain_text_shows_each_node_kind_and_cells(tmp_path: Path) -> None:
    from tests.test_cli import good_input  # noqa: PLC0415 (the committed CLI spec's fixture)

    nb = good_input(tmp_path / "in")
    runner = CliRunner()
    text = runner.invoke(app, ["explain", str(tmp_path / "in"), "-o", str(tmp_path / "p")]).stdout
    data = json.loads(
        runner.invoke(app, ["explain", str(tmp_path / "in"), "-o", str(tmp_path / "p"), "--json"]).stdout
    )
    for node in data["pipelines"][0]["nodes"]:
        cells = ", ".join(node["cells"])
        assert f"{node['name']}  [{node['kind']}; cells {cells}]" in text
    assert nb.cells[1].id in text


def test_pip_install_r_in_a_notebook_reads_the_requirements_file(tmp_path: Path) -> None:
    """`!pip install -r requirements.txt` installs what the file lists, from the notebook's folder."""
    folder = tmp_path / "nbs"
    folder.mkdir()
    (folder / "requirements.txt").write_text("pyyaml\nnb2pipe-no-such-package>=2  # pinned below\n")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("!pip install -q -r requirements.txt\nx = 1")]
    nbformat.write(nb, folder / "nb.ipynb")
    generated = generate([folder], tmp_path / "out")
    requirements = generated.files[PurePosixPath("requirements.txt")]
    assert "PyYAML==" in requirements and "nb2pipe-no-such-package>=2" in requirements
    (folder / "requirements.txt").unlink()
    generated = generate([folder], tmp_path / "out")
    assert [d.code for d in generated.diagnostics if d.code == "missing-requirements-file"]
