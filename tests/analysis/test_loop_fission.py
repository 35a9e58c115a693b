"""A loop whose passes compute and draw is written as a data loop recording what each pass
draws and a drawing loop replaying the records (analysis/python/loop_fission.py), only where
that is faithful."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import last_cell_chunks

SETUP = ("import matplotlib.pyplot as plt\nimport numpy as np", "xs = np.arange(4.0)")


def test_a_loop_computing_and_drawing_becomes_two_loops(tmp_path: Path) -> None:
    code = ("for style, power in (('r-', 1), ('b--', 2)):\n    ys = np.power(xs, power)  # fit\n"
            "    label = f'power {power}'\n    plt.plot(xs, ys, style, label=label)\n    plt.legend()")
    chunks = last_cell_chunks(tmp_path, *SETUP, code)
    assert [(c.kind, c.code.strip()) for c in chunks] == [
        ("param", "ys_per_pass = []"),  # a constant changed later: data work (planning/roles.py)
        ("data", "for style, power in (('r-', 1), ('b--', 2)):\n    ys = np.power(xs, power)  # fit\n"
                 "    label = f'power {power}'\n    ys_per_pass.append((ys, style, label))"),
        ("plot", "for ys, style, label in ys_per_pass:\n    plt.plot(xs, ys, style, label=label)\n"
                 "    plt.legend()"),
    ]


def test_nested_levels_record_lists_of_passes(tmp_path: Path) -> None:
    """`plt.subplot` per outer pass, `plt.plot` per inner pass where a condition holds: the outer
    record holds a list the inner passes that draw fill (under the drawing's own test); the
    drawing loop replays both levels."""
    code = ("total = 0.0\nfor i in range(3):\n    plt.subplot(1, 3, i + 1)\n    for j in range(4):\n"
            "        total = total + float(np.sqrt(i * j))\n        if j % 2:\n"
            "            plt.plot([0, total])\n    plt.title(str(i))")
    chunks = last_cell_chunks(tmp_path, *SETUP, code)
    assert [(c.kind, c.code.strip()) for c in chunks][1:] == [
        ("param", "i_per_pass = []"),
        ("data", "for i in range(3):\n    total_per_pass = []\n    i_per_pass.append((i, total_per_pass))\n"
                 "    for j in range(4):\n        total = total + float(np.sqrt(i * j))\n"
                 "        if j % 2:\n            total_per_pass.append((j, total))"),  # only passes that draw
        ("plot", "for i, total_per_pass in i_per_pass:\n    plt.subplot(1, 3, i + 1)\n"
                 "    for j, total in total_per_pass:\n        if j % 2:\n            plt.plot([0, total])\n"
                 "    plt.title(str(i))"),
    ]


#: Loops kept whole (their node draws, with a `drawing-cannot-split` note).
KEPT = [
    # a drawn value changed in place by a later pass: the record would hold the changed one
    "acc = []\nfor k in range(3):\n    acc.append(k)\n    plt.plot(acc)",
    # the loop's data work reads what drawing binds
    "lines = []\nfor k in range(3):\n    y = xs.cumsum() * k\n    line, = plt.plot(xs, y)\n    lines.append(line)",
    # a value drawn at two places of the pass, rebound between them
    "for k in range(3):\n    y = xs.cumsum() * k\n    plt.figure(num=int(y[1]))\n    y = xs.cumprod() * k\n    plt.plot(xs, y)",
    # a `continue` between the record and a drawing
    "for k in range(3):\n    y = xs.cumsum() * k\n    plt.figure()\n    if k == 1:\n        continue\n    plt.plot(xs, y)",
    # the drawing reads a value from before the loop that the loop changes in place
    "ys = xs.copy()\nfor k in range(3):\n    ys[k] = float(np.sqrt(k))\n    plt.plot(xs, ys)",
]


@pytest.mark.parametrize("code", KEPT)
def test_unfaithful_fissions_are_not_done(tmp_path: Path, code: str) -> None:
    chunks = last_cell_chunks(tmp_path, *SETUP, code)
    loops = [c for c in chunks if c.code.lstrip().startswith("for ")]
    assert len(loops) == 1 and loops[0].kind == "data" and loops[0].draws, [c.code for c in chunks]


def test_a_recorded_name_read_after_the_loop_is_replayed_under_its_own_name(tmp_path: Path) -> None:
    """`last = y.sum()` reads the data loop's `y`: the drawing loop binds `y_drawn` instead."""
    code = "for k in range(3):\n    y = xs.cumsum() * k\n    plt.plot(xs, y)\nlast = y.sum()"
    chunks = last_cell_chunks(tmp_path, *SETUP, code)
    assert [(c.kind, c.code.strip()) for c in chunks][2:] == [
        ("plot", "for y_drawn in y_per_pass:\n    plt.plot(xs, y_drawn)"), ("data", "last = y.sum()")]


def test_a_value_only_the_drawing_binds_read_later_keeps_the_loop(tmp_path: Path) -> None:
    """`scale` is bound only inside the drawing (an `if` block that only draws): a later read
    needs the drawing's value, so no fission; bound anew before the read, fission."""
    loop = ("for k in range(3):\n    y = xs.cumsum() * k\n    if k:\n        scale = k * 2.0\n"
            "        plt.plot(xs, y / scale)\n")
    kept = last_cell_chunks(tmp_path, *SETUP, loop + "top = scale")
    assert [c.kind for c in kept] == ["data", "data"]
    split = last_cell_chunks(tmp_path, *SETUP, loop + "scale = 1.0\ntop = scale")
    assert [c.kind for c in split][:3] == ["param", "data", "plot"], [c.code for c in split]
