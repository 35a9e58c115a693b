"""`__name__` is `"__main__"` where a notebook runs: `if __name__ == "__main__":` becomes its body
in place (`!=`: its else branch, or nothing), other reads the string `"__main__"`; the lines of the
branch that never ran are blank, so the others keep their numbers."""

from __future__ import annotations

import ast
from pathlib import Path, PurePosixPath

import pytest

from nb2pipe.analysis import analyze
from nb2pipe.analysis.python.chunks import CellCode
from nb2pipe.analysis.python.main_name import bind_main_name
from nb2pipe.model import Cell, Source

from .support import analyze_cells


def rewritten(code: str) -> str:
    """The cell's code once `__name__` is read as in a notebook."""
    source = Source(PurePosixPath("nb.ipynb"), "/nb.ipynb", "notebook",
                    (Cell(0, "1", "code", code),))
    [cell], _ = bind_main_name(source, [CellCode(source.cells[0], code, ast.parse(code))])
    return cell.code


CASES = [
    ('if __name__ == "__main__":\n    x = 1\n    y = 2\nelse:\n    x = 0',
     "\nx = 1\ny = 2\n\n"),
    ('if __name__ != "__main__":\n    x = 0\nelse:\n    # ran\n    x = 1', "\n\n\n\nx = 1"),
    ('x = 1\nif __name__ != "__main__":\n    x = 0', "x = 1\n\n"),
    ("if '__main__' == __name__: x = 1", "x = 1"),
    ('if __name__ == "__main__":\n    # the main part\n    s = """\n  kept\n"""',
     '\n# the main part\ns = """\n  kept\n"""'),
    ('def f():\n    if __name__ == "__main__":\n        return 1\n    return 2',
     "def f():\n\n    return 1\n    return 2"),
    ('for i in range(2):\n    if __name__ != "__main__":\n        i = 0',
     "for i in range(2):\n    pass\n"),
    ('if __name__ == "__main__":\n    if __name__ == "__main__":\n        x = 1', "\n\nx = 1"),
    ("import logging\nlog = logging.getLogger(__name__)",
     "import logging\nlog = logging.getLogger('__main__')"),
    # in an f-string, in the quotes the f-string does not use
    ("text = f'{__name__}!'", "text = f'{\"__main__\"}!'"),
    ('text = f"{__name__}!"', "text = f\"{'__main__'}!\""),
    # an elif chain `!=` would keep: only the read becomes the string (the test stays false)
    ('if __name__ != "__main__":\n    x = 0\nelif 1:\n    x = 1',
     "if '__main__' != \"__main__\":\n    x = 0\nelif 1:\n    x = 1"),
    # the notebook's own `__name__`
    ('__name__ = "mine"\nif __name__ == "__main__":\n    x = 1',
     '__name__ = "mine"\nif __name__ == "__main__":\n    x = 1'),
]


@pytest.mark.parametrize(("code", "expected"), CASES)
def test_name_is_main(code: str, expected: str) -> None:
    assert rewritten(code) == expected


def test_the_guarded_code_is_analysed_as_top_level(tmp_path: Path) -> None:
    guarded = 'if __name__ == "__main__":\n    ordered = sorted(data)\n    print(ordered)'
    facts = analyze_cells(tmp_path, "data = [3, 1]", guarded)
    [sorting] = [c for c in facts.chunks if "sorted" in c.code]
    assert sorting.code == "ordered = sorted(data)" and sorting.line == 2
    assert "ordered" in sorting.defines and "data" in sorting.uses
    assert any(d.code == "main-guard" for d in facts.diagnostics)


def test_a_script_runs_as_main_too(tmp_path: Path) -> None:
    source = Source(PurePosixPath("run.py"), str(tmp_path / "run.py"), "script",
                    (Cell(0, "1", "code", 'if __name__ == "__main__":\n    total = 1 + 2'),))
    assert [c.code for c in analyze(source).chunks] == ["total = 1 + 2"]
