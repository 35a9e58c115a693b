"""Frozen facts about bash scripts and shell lines: what `readers/bash.py` hands to planning.

These classes are meant to move into `nb2pipe/model/__init__.py`; they import nothing from nb2pipe but
`model.Diagnostic`. Paths follow `model.FileAccess.path`: posix, relative to the conversion root
when inside it, else absolute; URLs are kept as they are. A path ending in "/" stands for "the
files under this directory" (what `unzip -d dir` or `tar -C dir` write).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nb2pipe.model import Diagnostic

#: What a step is, from the most significant command it runs (see docs/bash.md):
#: "notebook" runs a notebook (papermill, nbconvert --execute, ipython nb.ipynb);
#: "python" calls a Python script; "download" fetches a URL (wget, curl);
#: "file" runs known file commands (cut, sort, tar, cp, ...);
#: "setup" prepares the environment (pip install, conda create, apt-get, python -m venv, ...);
#: "setting" changes only the shell's state or prints (set -e, export, X=1, cd, mkdir -p, echo);
#: "shell" is kept verbatim: unknown commands, conditionals around notebooks, eval, `&`, ...
StepKind = Literal["notebook", "python", "download", "file", "setup", "setting", "shell"]
ArgRole = Literal["read", "write", "param", "unknown"]


@dataclass(frozen=True, slots=True)
class NotebookRun:
    """A notebook the script executes."""

    #: "papermill", "nbconvert", "jupyter-execute", "ipython" or "%run".
    runner: str
    #: Normalised path of the notebook run.
    notebook: str
    #: Normalised path of the executed copy it writes (None when it writes none or in place).
    output: str | None
    #: Parameters injected (papermill -p/-r/-y), typed as papermill types them; in order.
    parameters: tuple[tuple[str, object], ...] = ()
    #: Directory the notebook's code runs in (papermill: the shell's; nbconvert: the notebook's).
    cwd: str | None = None
    #: Parameters whose value looks like a path: name → path normalised against ``cwd``.
    paths: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class BoundArgument:
    """One command-line argument of a Python script, bound to the script's definition."""

    #: Destination name (argparse dest, click parameter, sys.argv alias, or "argv[3]").
    dest: str
    #: Typed value (int/float per ``type=``; bool for flags; list for nargs); None if dynamic.
    value: object
    #: "read"/"write": a file the script reads or writes; "param": a literal parameter;
    #: "unknown": an argument the definition does not declare.
    role: ArgRole
    #: False when the value is the definition's default (the call does not give it).
    given: bool = True


@dataclass(frozen=True, slots=True)
class PythonCall:
    """A Python script (or module) the script runs."""

    #: Normalised path of the script ("" for `python -m module` or `python -c`).
    script: str
    #: Arguments after the script, expanded statically (None where the value is dynamic).
    argv: tuple[str | None, ...]
    #: Module name for `python -m module`.
    module: str = ""
    #: Arguments bound to the script's definition (or by GNU conventions when it is unknown).
    arguments: tuple[BoundArgument, ...] = ()
    #: How they were bound: "argparse", "click", "sys.argv" or "generic".
    bound_with: str = "generic"


@dataclass(frozen=True, slots=True)
class ScriptCall:
    """Another shell script the script runs (`bash other.sh a b`, `sh other.sh`, `./other.sh`)."""

    #: Normalised path of the script run.
    script: str
    #: Its positional arguments (`$1`...), expanded statically (None where dynamic).
    argv: tuple[str | None, ...] = ()
    #: Directory it starts in (the caller's), normalised like paths; None when only known at
    #: run time.
    cwd: str | None = None
    #: Variables it inherits (the caller's exported ones and prefix assignments), with their
    #: static values (None when dynamic).
    env: tuple[tuple[str, str | None], ...] = ()
    #: How it is run: "bash", "sh" or "exec" (the script's own path as the command).
    runner: str = "bash"


@dataclass(frozen=True, slots=True)
class ShellFunction:
    """A shell function the script defines."""

    name: str
    line: int
    end_line: int
    text: str


@dataclass(frozen=True, slots=True)
class LoopItems:
    """A `for` loop kept as one step whose body writes one file per item into a folder the
    script names (`python score.py "$f" "out/$(basename "$f")"`): that folder is one partitioned
    dataset, each item written whole (`analysis/shell/loop_items.py`)."""

    #: The folder, normalised like paths.
    folder: str
    #: The word naming each item's file, as written in the step's text.
    word: str
    #: Offsets in ``ShellStep.text`` of the body statement writing the item.
    start: int
    end: int
    #: Why an item on disk cannot be skipped on the next run ("" when it can).
    not_resumable: str = ""


@dataclass(frozen=True, slots=True)
class ShellStep:
    """One top-level statement of a script (a chain `a && b` or a pipeline is one step)."""

    #: 1-based first and last line in the script (or in the notebook cell for shell lines).
    line: int
    end_line: int
    #: Verbatim source of the statement.
    text: str
    kind: StepKind
    #: Directory the step starts in, normalised like paths; None once a `cd` is dynamic.
    cwd: str | None
    #: Files the step reads, writes (appends included), and deletes, in first-seen order.
    #: Files a member writes before another member reads them are not listed as reads.
    reads: tuple[str, ...] = ()
    writes: tuple[str, ...] = ()
    removes: tuple[str, ...] = ()
    #: Path-like arguments of commands whose effects are unknown (read or written: not known).
    mentions: tuple[str, ...] = ()
    #: Command names run, in order (functions expanded).
    commands: tuple[str, ...] = ()
    notebooks: tuple[NotebookRun, ...] = ()
    python: tuple[PythonCall, ...] = ()
    #: Other shell scripts the step runs.
    scripts: tuple[ScriptCall, ...] = ()
    #: Its environment set-up commands (`pip install`, `source venv/bin/activate`): no node.
    setup: tuple[str, ...] = ()
    #: Requirements its environment set-up installs (`pip install pandas` gives "pandas").
    installs: tuple[str, ...] = ()
    #: Parameter candidates: papermill parameters, literal script arguments, `export NAME=value`,
    #: and script variables used as whole arguments with a static non-path value.
    params: tuple[tuple[str, object], ...] = ()
    #: Shell variables the step reads, in first-use order.
    uses: tuple[str, ...] = ()
    #: Variables the step sets (assignments, export, read, for), with their static value or None.
    assigns: tuple[tuple[str, str | None], ...] = ()
    #: Variables in scope when the step starts, with static values (None when dynamic).
    variables: tuple[tuple[str, str | None], ...] = ()
    #: Names among ``variables`` that are exported to child processes.
    exported: tuple[str, ...] = ()
    #: Shell options in force (`set -e` gives "e", `set -o pipefail` gives "pipefail").
    options: tuple[str, ...] = ()
    #: Comment lines right above the statement, without the leading "#".
    comment: str = ""
    diagnostics: tuple[Diagnostic, ...] = ()
    #: (word as written in ``text``, normalised path) for the words naming the files read,
    #: written or mentioned: where the planner substitutes the catalog's path.
    spellings: tuple[tuple[str, str], ...] = ()
    #: A loop writing one file per item into a folder (a partitioned dataset), or None.
    items: LoopItems | None = None


@dataclass(frozen=True, slots=True)
class BashScript:
    """A bash script read as a sequence of steps, in the order the script runs them."""

    #: Path of the script relative to the conversion root, posix.
    path: str
    #: Directory the script is assumed to start in (its own folder unless told otherwise).
    start: str
    steps: tuple[ShellStep, ...]
    functions: tuple[ShellFunction, ...] = ()
    #: Its positional arguments when another script runs it (`bash x.sh a b`); None when they
    #: are unknown (run on its own).
    args: tuple[str | None, ...] | None = None

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """All diagnostics of the steps, in step order."""
        return tuple(d for step in self.steps for d in step.diagnostics)


@dataclass(frozen=True, slots=True)
class ArgSpec:
    """One command-line argument a Python script declares (argparse, click or sys.argv)."""

    #: Destination name (what `args.<dest>` or the click parameter is called).
    dest: str
    #: Option strings ("--input", "-i"); empty for positionals.
    flags: tuple[str, ...] = ()
    #: "int", "float", "str", "bool", "path", "file" or None when not declared.
    type: str | None = None
    default: object = None
    #: argparse action ("store", "store_true", "store_false", "append", "count", ...).
    action: str = "store"
    #: argparse nargs ("?", "*", "+", or a count).
    nargs: str | int | None = None
    declared_by: Literal["argparse", "click", "sys.argv"] = "argparse"
    #: For sys.argv[i]: the index i.
    index: int | None = None
    #: How the script uses the value, when analysis can see it: passed to a reading or writing
    #: call (read_csv, open(..., "w"), to_csv, savefig, ...).
    usage: Literal["read", "write"] | None = None
