"""A library function given an object the notebook built from its own objects may change it and
its parts (`MutationEffects.library_function`); known pure functions, constructors and objects
holding nothing of the notebook's are no such change."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import analyze_cells

SETUP = ("import numpy as np\nimport control as ct\nfrom sklearn.pipeline import make_pipeline\n"
         "from sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import cross_val_score\n"
         "plant = ct.NonlinearIOSystem(None, None)\nctrl = ct.TransferFunction([1], [1, 0])\n"
         "loop = ct.InterconnectedSystem([plant, ctrl])\nT = np.linspace(0, 1, 5)")

CHANGING = [
    ("t, y = ct.input_output_response(loop, T, 0, params={'m': 2})", {"loop", "plant", "ctrl"}),
    ("s = StandardScaler()\npipe = make_pipeline(s)\nscores = cross_val_score(pipe, T, T)", {"pipe", "s"}),
]
UNCHANGED = [
    "t, y = ct.input_output_response(plant, T, 0)",  # holds nothing of the notebook's
    "total = np.sum([loop, loop])",  # a known pure function
    "bigger = ct.InterconnectedSystem([loop, plant])",  # a constructor holds, it does not change
    "parts = [plant, ctrl]\nt, y = ct.input_output_response(parts, T, 0)",  # a list: no class built it
]


@pytest.mark.parametrize(("code", "mutates"), CHANGING, ids=[c for c, _ in CHANGING])
def test_a_library_call_on_a_built_object_changes_it_and_its_parts(
    tmp_path: Path, code: str, mutates: set[str]
) -> None:
    chunk = analyze_cells(tmp_path, SETUP, code).chunks[-1]
    assert mutates <= chunk.mutates


@pytest.mark.parametrize("code", UNCHANGED)
def test_other_calls_change_nothing(tmp_path: Path, code: str) -> None:
    chunk = analyze_cells(tmp_path, SETUP, code).chunks[-1]
    assert not chunk.mutates & {"loop", "plant", "ctrl"}, chunk.mutates
