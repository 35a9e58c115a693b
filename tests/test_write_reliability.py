"""Writes survive kill -9 and concurrent conversions (real `nb2pipe convert` subprocesses)."""

from __future__ import annotations

import subprocess
import threading

from reliability_harness import Arena, convert, leftovers, run, tree, wait_for_step

from nb2pipe import target_lock
from nb2pipe.errors import BusyError

KILLS = 30
#: Seconds each write step sleeps: long enough for kills to land between steps.
PAUSE = 0.003


def test_killed_conversions_leave_the_old_or_the_new_project_never_a_mix(tmp_path):
    tally = run(tmp_path, KILLS, PAUSE, seed=20261203, forked=True)
    assert tally.kills == KILLS
    assert tally.mixes == 0 and tally.leftovers == 0 and tally.user_files_lost == 0
    assert tally.old and tally.new  # kills landed before and after the commit point
    assert tally.recoveries["rolled back"] and tally.landed["move"]  # ... and inside the swap


def test_a_second_conversion_into_the_same_folder_is_refused_while_one_writes(tmp_path):
    arena = Arena(tmp_path, pause=0.0)
    # the first's write lasts three whole conversions: the second reaches its write meanwhile
    pause = 3 * arena.convert_seconds / arena.steps
    log = tmp_path / "first.txt"
    with log.open("wb") as stream:
        first = convert(arena.inputs["b"], arena.out, pause, stdout=subprocess.DEVNULL,
                        stderr=stream)
        assert wait_for_step(first, log)  # the first is inside its write, holding the lock
        second = convert(arena.inputs["a"], arena.out, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        _, error = second.communicate(timeout=120)
        assert first.poll() is None  # the two really overlapped
        assert first.wait(timeout=120) == 0
    assert second.returncode == 2
    assert error.strip().splitlines() == [
        f"error: another nb2pipe conversion is writing to {arena.out}; "
        "try again when it has finished"
    ]
    assert tree(arena.out) == arena.trees["b"] and not leftovers(arena.out)


def test_the_lock_is_reentrant_for_its_thread_and_refuses_other_threads(tmp_path):
    out = tmp_path / "project"
    refused = []

    def other() -> None:
        try:
            with target_lock.hold(out):
                pass
        except BusyError as error:
            refused.append(str(error))

    with target_lock.hold(out):
        with target_lock.hold(out):  # re-entrant: apply checks, then writes
            thread = threading.Thread(target=other)
            thread.start()
            thread.join()
        assert out.is_dir()
    assert refused and "another nb2pipe conversion is writing to" in refused[0]
    assert not out.exists()  # made to be locked, removed empty
    with target_lock.hold(out):  # released: free again
        pass
