"""The type checker is part of the test suite: mypy over the whole package with the config in
pyproject.toml ([tool.mypy]: every function annotated in every stage, stricter on the core,
model/ and knowledge/; no module exempt)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_passes_on_the_package() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
