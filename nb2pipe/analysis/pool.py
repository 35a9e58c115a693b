"""Analyse many sources at once, one worker process per core.

Analysing a source is a pure function of the source and the options (`analysis.analyze`), so the
sources converted on their own can be analysed ahead, in parallel, and the drivers' walk
(`drivers.analyze_project`) then takes their facts instead of analysing them again; what it
analyses differently (a notebook a script runs with its parameters bound) it still analyses
itself. The facts are the same whatever the number of workers, so the generated files are too.

Workers start from a fork server (never a fork of a process that may run threads, such as the
JupyterLab server) and are only worth their start when there are many sources: below
``MIN_SOURCES``, or with one core, everything runs in this process as before.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass

from ..errors import InputError
from ..model import Diagnostic, Source, SourceFacts
from ..model.disk import EMPTY_DISK, DiskSnapshot
from ..options import Options
from ..readers.disk_view import UnseenPaths

Analyze = Callable[[Source, Options], SourceFacts]

#: Fewer sources than this are analysed in this process: starting workers costs more than it saves.
MIN_SOURCES = 8


@dataclass(frozen=True, slots=True)
class Outcome:
    """What analysing one source gave in a worker: its facts, or why it has none."""

    facts: SourceFacts | None = None
    #: The source cannot be converted (`InputError`'s problems).
    problems: tuple[Diagnostic, ...] = ()
    #: Its code is nested too deeply for the analysis (`RecursionError`).
    too_deep: bool = False
    #: It asked about paths the snapshot does not cover (`UnseenPaths`): analysed again here.
    unseen: bool = False


def cores() -> int:
    """Cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def workers(jobs: int | None, sources: int) -> int:
    """Worker processes for ``sources`` sources: ``jobs`` (all cores when None), never more than
    the sources; 0 means analyse in this process."""
    wanted = cores() if jobs is None else max(jobs, 1)
    if wanted < 2 or sources < MIN_SOURCES:
        return 0
    return min(wanted, sources)


def analyze_ahead(
    sources: Sequence[Source],
    options: Options,
    analyze: Analyze,
    progress: Callable[[str], None] | None = None,
    disk: DiskSnapshot = EMPTY_DISK,
) -> Analyze:
    """An ``analyze`` that answers from facts computed in parallel for ``sources`` (the same
    objects, on readers' snapshot ``disk``) and analyses any other source itself (and those
    that asked about paths ``disk`` does not cover); ``progress(path)`` as each one is done."""
    count = workers(options.jobs, len(sources))
    if not count:
        return analyze
    outcomes: dict[int, tuple[Source, Outcome]] = {}
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["nb2pipe.analysis"])
    with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=set_disk,
                             initargs=(disk,)) as pool:
        cwd = os.getcwd()
        futures: dict[Future[Outcome], Source] = {
            pool.submit(analyze_in_worker, source, options, cwd): source for source in sources
        }
        for future in as_completed(futures):
            source = futures[future]
            outcomes[id(source)] = (source, future.result())
            if progress:
                progress(str(source.path))

    def answer(source: Source, given: Options) -> SourceFacts:
        known = outcomes.get(id(source))
        if known is None or known[0] is not source or given != options or known[1].unseen:
            return analyze(source, given)
        outcome = known[1]
        if outcome.too_deep:
            raise RecursionError("analysis of a source nested too deeply")
        if outcome.facts is None:
            raise InputError(outcome.problems)
        return outcome.facts

    return answer


#: The snapshot a worker process analyses on (`set_disk`: sent once per worker).
WORKER_DISK = [EMPTY_DISK]


def set_disk(disk: DiskSnapshot) -> None:
    WORKER_DISK[0] = disk


def analyze_in_worker(source: Source, options: Options, cwd: str) -> Outcome:
    """`analysis.analyze` in a worker process, from the caller's folder (the fork server's may
    be another), under the recursion limit the analysis needs."""
    from . import ANALYSIS_LIMIT, analyze, recursion_limit  # noqa: PLC0415 (no cycle at import)

    os.chdir(cwd)
    with recursion_limit(ANALYSIS_LIMIT):
        try:
            return Outcome(facts=analyze(source, options, WORKER_DISK[0]))
        except UnseenPaths:
            return Outcome(unseen=True)
        except InputError as error:
            return Outcome(problems=error.problems)
        except RecursionError:
            return Outcome(too_deep=True)
