"""Reliability: random notebooks (JSON shapes, cells valid and not, magics, shell lines), bash
and percent scripts never make nb2pipe crash or hang: exit 0, or exit 2 with one line per problem
naming the file. benchmarks/fuzz.py runs longer and mutates real corpus files byte by byte."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from .fuzzing import check_conversion, input_folder, write_folder


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(files=input_folder())
def test_random_inputs_never_crash_or_hang(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        write_folder(folder, files)
        problem = check_conversion(folder, Path(tmp) / "out", seconds=60)
        assert not problem, problem
