"""sphinx-gallery scripts → cells, as sphinx-gallery splits them; which `.py` files a folder
conversion picks up. Cases are before/after pairs: the script, then (kind, text) per cell."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent

import pytest

from nb2pipe.readers import discover, read
from nb2pipe.readers.gallery import is_gallery_text


@dataclass(frozen=True)
class GalleryCase:
    name: str
    script: str
    cells: tuple[tuple[str, str], ...]
    tags: tuple[tuple[str, ...], ...] = ()


CASES = (
    GalleryCase(
        "percent separators, text right after them",
        '''\
        # -*- coding: utf-8 -*-
        """
        Fit a line
        ==========

        A short example.
        """

        # %%
        # Make the data
        # -------------
        #
        # Ten points.
        import numpy as np
        x = np.arange(10)

        # %%

        # a comment that stays code
        y = 2 * x
        ''',
        (
            ("markdown", "# Fit a line\n\nA short example."),
            ("markdown", "## Make the data\n\nTen points."),
            ("code", "import numpy as np\nx = np.arange(10)"),
            ("code", "# a comment that stays code\ny = 2 * x"),
        ),
    ),
    GalleryCase(
        "lines of # as separators; indented text keeps its relative indentation",
        '''\
        """Title
        -----
        """
        a = 1
        ###############################################################################
        # Then a list:
        #
        #   * one
        #
        b = a + 1
        #%%
        print(b)
        ''',
        (
            ("markdown", "# Title"),
            ("code", "a = 1"),
            ("markdown", "Then a list:\n\n  * one"),
            ("code", "b = a + 1"),
            ("code", "print(b)"),
        ),
    ),
    GalleryCase(
        "a separator indented inside a function is code; tags of a `# %%` line are kept",
        '''\
        """
        ==========
        Overlined
        ==========

        Sub
        ~~~
        """
        # %% tags=["parameters"]
        n = 3

        def f():
            # %%
            # stays in the function
            return n
        ''',
        (
            ("markdown", "# Overlined\n\n## Sub"),
            ("code", "n = 3\n\ndef f():\n    # %%\n    # stays in the function\n    return n"),
        ),
        ((), ("parameters",)),
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_gallery_script_becomes_cells(tmp_path: Path, case: GalleryCase) -> None:
    path = tmp_path / "plot_case.py"
    path.write_text(dedent(case.script), encoding="utf-8")
    source = read(path, tmp_path)
    assert tuple((c.kind, c.source) for c in source.cells) == case.cells
    assert [c.ref for c in source.cells] == [str(i + 1) for i in range(len(case.cells))]
    if case.tags:
        assert tuple(c.tags for c in source.cells) == case.tags


NOT_GALLERY = {
    "percent script without docstring": "# %%\nimport os\n# %%\nprint(os.sep)\n",
    "helper module with a titled docstring": '"""Helpers\n=======\n"""\ndef f():\n    return 1\n',
    "plain docstring, no separator": '"""Compute things."""\nprint(1)\n',
    "string that is not alone": '"""a""" + "b"\n# %%\nprint(1)\n',
    "syntax error": '"""T\n=\n"""\nprint(\n',
}
GALLERY = {
    "titled docstring and a call, no separator": (
        '"""\nBars\n====\n"""\nimport math\nprint(math.pi)\n'
    ),
    "docstring then separator": '"""Anything."""\n# %%\nx = 1\n',
}


@pytest.mark.parametrize("text", NOT_GALLERY.values(), ids=NOT_GALLERY.keys())
def test_not_gallery_shaped(text: str) -> None:
    assert not is_gallery_text(text)


@pytest.mark.parametrize("text", GALLERY.values(), ids=GALLERY.keys())
def test_gallery_shaped(text: str) -> None:
    assert is_gallery_text(text)


def test_plain_percent_script_keeps_comments_in_code(tmp_path: Path) -> None:
    path = tmp_path / "steps.py"
    text = "# %%\n# load\nx = 1\n# %% [markdown]\n# # Next\n# %%\ny = x\n"
    path.write_text(text, encoding="utf-8")
    cells = read(path, tmp_path).cells
    assert [(c.kind, c.source) for c in cells] == [
        ("code", "# load\nx = 1"),
        ("markdown", "# Next"),
        ("code", "y = x"),
    ]


def test_folder_picks_up_gallery_and_percent_scripts_not_modules(tmp_path: Path) -> None:
    (tmp_path / "plot_bars.py").write_text(GALLERY["titled docstring and a call, no separator"])
    (tmp_path / "steps.py").write_text(NOT_GALLERY["percent script without docstring"])
    (tmp_path / "helpers.py").write_text(NOT_GALLERY["helper module with a titled docstring"])
    (tmp_path / "tool.py").write_text(NOT_GALLERY["plain docstring, no separator"])
    assert [p.name for p in discover([tmp_path])] == ["plot_bars.py", "steps.py"]
