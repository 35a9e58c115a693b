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
    """A Kedro rule does not hold for the plan: a bug in nb2pipe, never the user's fault.

    ``places`` are the (source path, cells) of the steps involved and ``names`` the datasets or
    nodes, so the CLI can print one line and ``--keep-going`` can leave those sources out."""

    exit_code = 2

    def __init__(self, message: str, places: Sequence[tuple[str, str]] = (), names: Sequence[str] = ()):
        self.message = message
        self.places = tuple(dict.fromkeys(places))
        self.names = tuple(names)
        super().__init__(message)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(source for source, _ in self.places if source))

    def line(self) -> str:
        """One line: where, what, and a request to report it."""
        where = "; ".join(f"{source} cell {cells}" if cells else source for source, cells in self.places)
        return f"{where + ': ' if where else ''}{self.summary()}"

    def summary(self) -> str:
        """What broke and the request to report it, without the places."""
        names = f" [{', '.join(self.names)}]" if self.names else ""
        return (f"internal error: {self.message}{names}. This is a bug in nb2pipe, not in the input: "
                "please report it with this line (--keep-going converts the other inputs)")
