"""The values read from the inputs: cells, sources, and the diagnostics every stage reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Literal

CellKind = Literal["code", "markdown", "raw"]
Level = Literal["info", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One notebook cell (or one `# %%` block of a percent script)."""

    #: 0-based position among all cells of the source.
    index: int
    #: How users see the cell: its nbformat id where the notebook has ids, else its 1-based position.
    ref: str
    kind: CellKind
    #: Verbatim source text.
    source: str
    tags: tuple[str, ...] = ()
    #: The execution count stored in the notebook (None if never run): a hint for out-of-order runs.
    execution_count: int | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """One input file (notebook, percent script), normalised to cells."""

    #: Path relative to the conversion root, posix style (what users see in messages).
    path: PurePosixPath
    #: Absolute path of the file on disk (used to resolve the files the code reads and writes).
    abspath: str
    kind: Literal["notebook", "script"]
    cells: tuple[Cell, ...]
    #: The kernel language as declared by the notebook ("python" for scripts, "bash" for shell
    #: scripts).
    language: str = "python"
    #: Folder the code runs in, relative to the conversion root (posix); "" means the source's
    #: own folder. A driver script sets it (papermill and `python x.py` run in the shell's folder).
    workdir: str = ""
    #: Tells apart several sources made from one file: the parts of a shell script between the
    #: notebooks and scripts it runs ("1", "2"...; one pipeline), or a notebook run twice ("2").
    variant: str = ""
    #: Notebooks and scripts its `%run` lines inlined (paths relative to the conversion root):
    #: they are converted inside it, not on their own.
    runs: tuple[str, ...] = ()
    #: What the reader noticed (nbformat's warnings...), reported with the analysis' notes.
    notes: tuple[Diagnostic, ...] = ()

    @property
    def key(self) -> str:
        """Unique name of the source in a conversion: its path, plus `#variant` when it has one."""
        return f"{self.path}#{self.variant}" if self.variant else str(self.path)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something the user should know; the CLI is the only place that prints them."""

    level: Level
    #: Short stable code, e.g. "dynamic-code", "star-import", "display-removed".
    code: str
    message: str
    #: Source path as the user gave it ("" for project-wide diagnostics).
    source: str = ""
    #: Cell reference (id or 1-based position), if the diagnostic is about a cell.
    cell: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.source
        if self.cell is not None:
            where += f" cell {self.cell}"
        if self.line is not None:
            where += f" line {self.line}"
        return f"{where}: {self.level}: {self.message} [{self.code}]"
