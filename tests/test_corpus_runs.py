"""scripts/build_corpus.py: running a candidate notebook ends at its timeout, also when a process
it started in a session of its own (ipykernel's joblib/loky workers) keeps the output pipes open
(discover waited 727 s on a 100 s timeout, until those workers were killed)."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from build_corpus import run_group  # noqa: E402

HOLDER = (
    "import subprocess, sys, time\n"
    "sleeper = [sys.executable, '-c', 'import time; time.sleep(40)']\n"
    "subprocess.Popen(sleeper, start_new_session=True)\n"
    "time.sleep(40)\n"
)


def test_a_run_ends_at_its_timeout_when_a_detached_process_holds_its_pipes() -> None:
    started = time.perf_counter()
    assert run_group([sys.executable, "-c", HOLDER], 1, dict(os.environ)) is None
    assert time.perf_counter() - started < 30
