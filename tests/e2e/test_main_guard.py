"""`if __name__ == "__main__":` in a notebook cell: true in the notebook (its cells run in
`__main__`), so the converted node runs the guarded code too (before: the node's module has
its own `__name__`, and the node silently skipped it); `!=` runs the else branch, and a read of
`__name__` is `"__main__"`. Converted, run with `kedro run`, values equal the notebook's."""

from __future__ import annotations

from pathlib import Path

import pytest

from .notebook_values import convert_and_compare

CELLS = [
    "values = [3, 1, 2]",
    "def main(items):\n    return sorted(items)\n\n\n"
    'if __name__ == "__main__":\n    # the script part\n    ordered = main(values)\n'
    "    print(ordered)\nelse:\n    ordered = []",
    'if __name__ != "__main__":\n    total = 0\nelse:\n    total = sum(ordered) * 10',
    "origin = f'{__name__}: {len(ordered)}'",
]


@pytest.mark.e2e
def test_the_main_guard_runs_in_the_pipeline(tmp_path: Path, nb2pipe_bin: Path,
                                             kedro_bin: Path) -> None:
    expected, got, _ = convert_and_compare(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    assert (expected["ordered"], expected["total"]) == ([1, 2, 3], 60)
    assert (got["ordered"], got["total"], got["origin"]) == ([1, 2, 3], 60, "__main__: 3")
