"""Capture insertion: where capture code goes, and that it leaves the notebook's results alone."""

from __future__ import annotations

import pickle
from pathlib import Path, PurePosixPath
from textwrap import dedent

import pytest

from nb2pipe.model import Cell, Source
from nb2pipe.verify.capture import MARK, capture_key, instrument, last_statement_line
from nb2pipe.verify.kernel import write_kernelspec
from nb2pipe.verify.notebook_run import (
    execute,
    figures_by_cell,
    inline_cells,
    interactive_backend,
    read_captures,
    to_notebook,
)


def code(index: int, source: str) -> Cell:
    return Cell(index=index, ref=str(index + 1), kind="code", source=dedent(source).strip("\n"))


def shape(cells: tuple) -> list[tuple[int, bool, list[bool]]]:
    """(origin, is capture cell, which lines are capture lines) for each run cell."""
    return [(c.origin, c.capture, [MARK in line for line in c.source.splitlines()]) for c in cells]


# --------------------------------------------------------------------------- pure: placement
def test_mid_cell_point_inserts_one_statement_after_the_line() -> None:
    cell = code(0, "a = 1\nb = a + 1\nb")
    done = instrument([cell], {(0, 1): ("a",)}, "/tmp/x")
    assert shape(done.cells) == [(0, False, [False, True, False, False])]
    assert done.keys == {"c0_l1": ((0, 1), ("a",))}
    assert not done.notes


def test_end_of_cell_point_adds_a_capture_cell_and_keeps_the_last_expression() -> None:
    cell = code(0, "a = 1\na  # shown\n# trailing comment")
    done = instrument([cell], {(0, 2): ("a",), (0, 3): ("a",)}, "/tmp/x")
    assert shape(done.cells) == [(0, False, [False, False, False]), (0, True, [True, True, True])]  # capture.UNCOUNTED, then the two captures
    assert done.cells[0].source == cell.source


def test_several_points_in_one_cell_keep_their_order() -> None:
    cell = code(0, "a = 1\nb = 2\nc = 3\nd = 4")
    done = instrument([cell], {(0, 1): ("a",), (0, 3): ("c",)}, "/tmp/x")
    lines = done.cells[0].source.splitlines()
    assert [line.split("=")[0].strip() for line in lines if MARK not in line] == [
        "a",
        "b",
        "c",
        "d",
    ]
    assert [i for i, line in enumerate(lines) if MARK in line] == [1, 4]
    assert "c0_l1" in lines[1] and "c0_l3" in lines[4]


@pytest.mark.parametrize(
    "source",
    [
        "def f():\n    x = 1\n    return x\ny = f()",  # inside a function body
        "y = max(\n    1,\n    2)\nz = y",  # inside a call
        'text = """\nline\n"""\nz = text',  # inside a string
        "for i in range(3):\n    y = i\n    z = y\nw = 1",  # inside a loop
    ],
    ids=["def", "call", "string", "loop"],
)
def test_point_inside_a_statement_moves_to_the_end_of_the_cell(source: str) -> None:
    done = instrument([code(0, source)], {(0, 2): ("y",)}, "/tmp/x")
    assert done.cells[0].source == source
    assert shape(done.cells)[1][:2] == (0, True)
    assert "not a statement boundary" in done.notes[0]


def test_cell_magic_is_never_split() -> None:
    cell = code(0, "%%time\na = 1\nb = 2")
    done = instrument([cell], {(0, 2): ("a",)}, "/tmp/x")
    assert done.cells[0].source == cell.source
    assert done.cells[1].capture and "cell magic" in done.notes[0]


def test_line_magics_are_fine() -> None:
    assert last_statement_line("%matplotlib inline\nimport os\nx = 1\n") == 3
    done = instrument([code(0, "%matplotlib inline\nx = 1\ny = 2")], {(0, 2): ("x",)}, "/x")
    assert [MARK in line for line in done.cells[0].source.splitlines()] == [
        False,
        False,
        True,
        False,
    ]


def test_markdown_and_untouched_cells_pass_through() -> None:
    cells = [Cell(0, "1", "markdown", "# title"), code(1, "a = 1")]
    done = instrument(cells, {}, "/x")
    assert [(c.kind, c.source) for c in done.cells] == [("markdown", "# title"), ("code", "a = 1")]


def test_capture_key() -> None:
    assert capture_key((3, 12)) == "c3_l12"


@pytest.mark.parametrize(
    ("sources", "backend"),
    [
        (["%matplotlib inline\nx = 1"], ""),
        (["import os"], ""),
        (["%matplotlib notebook"], "notebook"),
        (["%matplotlib widget", "%matplotlib inline"], ""),
        (["%matplotlib inline", "y = 2\n  %matplotlib ipympl"], "ipympl"),
    ],
)
def test_interactive_backend(sources: list[str], backend: str) -> None:
    cells = tuple(code(i, text) for i, text in enumerate(sources))
    source = Source(PurePosixPath("nb.ipynb"), "/nb.ipynb", "notebook", cells)
    assert interactive_backend(source) == backend


# ------------------------------------------------------------------- executed with a kernel
NOTEBOOK = [
    code(0, "import numpy as np\nimport matplotlib.pyplot as plt\nnp.random.seed(0)"),
    code(1, "a = np.random.rand(3)\nb = a * 2\nc = [1, 2]\nb.sum()"),
    code(2, "plt.figure()\nplt.plot(b)\nd = b + 1\nplt.title('t')\nd.round(3)"),
    code(3, "e = np.random.rand()\nunpicklable = (i for i in range(2))\ne"),
    code(4, "sorted(k for k in globals() if not k.startswith('_') and k not in ('In', 'Out'))"),
    code(5, "class Box:\n    def __init__(self, v):\n        self.v = v\nbox = Box([1, 2])"),
    code(6, "def gain(k):\n    def apply(x):\n        return k * x\n    return apply\n"
            "holder = {'apply': gain(3), 'name': 'sys'}"),
    # the input history of cells with capture statements inside and capture cells after them
    code(7, "[_i2, In[2], _i3, In[3], _i, _ii, _iii]"),
]
POINTS = {(1, 1): ("a",), (1, 4): ("b", "c", "nope"), (2, 3): ("d",), (3, 3): ("e", "unpicklable"),
          (5, 4): ("box",), (6, 5): ("holder",)}


def run(tmp_path: Path, points: dict) -> tuple:
    done = instrument(NOTEBOOK, points, str(tmp_path / "captures"))
    (tmp_path / "captures").mkdir(parents=True)
    notebook = to_notebook(done)
    error = execute(notebook, tmp_path, write_kernelspec(tmp_path), 60)
    assert error == ""
    outputs = [
        [(o.output_type, o.get("text"), o.get("data", {}).get("text/plain")) for o in cell.outputs]
        for cell, run_cell in zip(notebook.cells, done.cells, strict=True)
        if not run_cell.capture
    ]
    return outputs, figures_by_cell(done, notebook), read_captures(done, tmp_path / "captures")


def test_capture_leaves_outputs_globals_rng_and_figures_unchanged(tmp_path: Path) -> None:
    plain_outputs, plain_figures, _ = run(tmp_path / "plain", {})
    outputs, figures, captured = run(tmp_path / "captured", POINTS)
    assert outputs == plain_outputs  # includes the random draw `e` and the list of globals
    assert figures == plain_figures == {0: 0, 1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0}
    assert "'a = np.random.rand(3)" in str(outputs[7])  # `_i2`: the cell as written
    statuses = {name: c.status for (_, name), c in captured.items()}
    assert statuses["a"] == statuses["b"] == statuses["d"] == "ok"
    assert statuses["nope"] == "missing"
    assert statuses["unpicklable"].startswith("not picklable")
    values = {
        name: pickle.loads(Path(c.path).read_bytes()) for (_, name), c in captured.items() if c.path
    }
    assert values["c"] == [1, 2]
    # a class the notebook defines (its __main__) is pickled by value: it loads here
    assert type(values["box"]).__name__ == "Box" and values["box"].v == [1, 2]
    # a local function inside a value (pickle refuses it): by value too, as the pipeline's side
    assert values["holder"]["apply"](2) == 6 and values["holder"]["name"] == "sys"
    assert (values["b"] == values["a"] * 2).all() and (values["d"] == values["b"] + 1).all()


def test_interactive_backends_run_as_inline() -> None:
    cells = ["%matplotlib notebook\nx = 1", "  %matplotlib inline", "%matplotlib", "if 1:\n    %matplotlib widget"]
    source = Source(PurePosixPath("nb.ipynb"), "/nb.ipynb", "notebook",
                    tuple(Cell(i, str(i + 1), "code", c) for i, c in enumerate(cells)))
    assert [c.source for c in inline_cells(source)] == [
        "%matplotlib inline\nx = 1", "  %matplotlib inline", "%matplotlib", "if 1:\n    %matplotlib inline"]
