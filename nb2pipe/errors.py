"""Errors nb2pipe raises for user mistakes (exit 2, one line each) and broken invariants."""

from __future__ import annotations

from collections.abc import Sequence

from .model import Diagnostic


class Nb2PipeError(Exception):
    """Base class: a problem the user can fix. The CLI prints it without a traceback."""

    exit_code = 2


class InputError(Nb2PipeError):
    """One or more inputs cannot be converted; each problem is a Diagnostic naming file and cell."""

    def __init__(self, problems: Sequence[Diagnostic]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class OutputError(Nb2PipeError):
    """The target cannot be written (not writable, or files nb2pipe did not generate are in the way)."""


class BusyError(OutputError):
    """Another nb2pipe conversion is writing into the same folder right now."""

    def __init__(self, out: object):
        self.out = out
        super().__init__(
            f"another nb2pipe conversion is writing to {out}; try again when it has finished"
        )


class PlanInvariantError(Exception):
    """A Kedro rule does not hold for the plan: a bug in nb2pipe, never the user's fault."""
