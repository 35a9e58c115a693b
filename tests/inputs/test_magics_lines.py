"""Which lines of a cell are inside a def or class (a `!cmd` there becomes `subprocess.run`):
one pass over the cell (benchmarks/long_cells.py: it rescanned earlier lines for every line)."""

from __future__ import annotations

import pytest

from nb2pipe.readers.magics import in_functions


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["def f():", "    !ls", "x = 1", "    !ls"], [False, True, False, False]),
        (
            ["class A:", "    def g(self):", "        y = 1", "", "    z = 2"],
            [False, True, True, False, True],
        ),  # a blank line is in nothing
        (
            ["if x:", "    def f():", "        # c", "        !ls", "    !ls"],
            [False, False, True, True, False],
        ),
        (["data = ["] + ["    1,"] * 3 + ["]"], [False] * 5),
    ],
)
def test_in_functions(lines: list[str], expected: list[bool]) -> None:
    assert in_functions(lines) == expected
