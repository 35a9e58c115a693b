"""The values analysis observes (chunk and source facts, file accesses, edits) and the
readers' snapshot of the disk planning consults (Workspace)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from .sources import Diagnostic, Source
from .symbols import Symbol

#: How code opens a file (FileAccess.mode).
AccessMode = Literal["read", "write", "append"]
#: What an Edit does to its span (Edit.kind: see there).
EditKind = Literal["read", "write", "path", "drop", "text", "partition", "shell"]


@dataclass(frozen=True, slots=True)
class FileAccess:
    """A file the code reads or writes, found by the KNOWN_IO table."""

    #: Normalised path: posix, relative to the conversion root when inside it, else absolute;
    #: URLs are kept as they are.
    path: str
    #: The path exactly as the code spelled it (for README tables and messages).
    spelled: str
    mode: AccessMode
    #: Key of the KNOWN_IO row that matched (e.g. "pandas.read_csv"), or "path" when the code
    #: keeps doing its own I/O and only receives the path (path-passing).
    io: str
    #: Literal keyword arguments of the call, turned into load_args / save_args.
    args: tuple[tuple[str, object], ...] = ()
    #: A folder a loop writes one file per item into (`analysis/python/partitions.py`): the KNOWN_IO
    #: key of the per-item write (e.g. ".to_csv") and the extension its paths end with.
    partition_of: str = ""
    partition_suffix: str = ""


@dataclass(frozen=True, slots=True)
class Edit:
    """A rewrite of one expression or statement of a chunk, applied by codegen.

    Positions are 1-based line and 0-based *character* column inside the chunk's code.
    """

    line: int
    col: int
    end_line: int
    end_col: int
    #: "read": replace the expression with the argument bound to ``symbol``;
    #: "write": replace the statement with ``<symbol arg> = <value>``;
    #: "path": replace a path literal with the argument bound to ``symbol``;
    #: "drop": remove the statement (display-only, settings replayed elsewhere, magics);
    #: "text": replace the span with ``payload`` verbatim;
    #: "partition": ``payload`` with the argument bound to ``symbol`` (written) in place of "\0";
    #: "shell": replace the span with the code running ``command`` (made in planning).
    kind: EditKind
    #: What the edit wires (None: a "text" or "drop" edit that wires nothing).
    symbol: Symbol | None = None
    #: For "write": source text of the value written; for "text": the replacement.
    payload: str = ""
    #: For "shell": the shell command the span becomes (`planning/shell_code.py`).
    command: ShellCommand | None = None


@dataclass(frozen=True, slots=True)
class PathWord:
    """A word of a shell line naming a file the catalog gives: the node passes its path."""

    path: str
    mode: AccessMode


@dataclass(frozen=True, slots=True)
class ParamWord:
    """A word of a shell line that is the value of a parameter of the project."""

    name: str


@dataclass(frozen=True, slots=True)
class PythonField:
    """A `{expr}` of a notebook shell line: IPython writes the expression's value there."""

    expression: str


#: A piece of a shell line: its text as written, or a typed word.
ShellPiece = str | PathWord | ParamWord | PythonField


@dataclass(frozen=True, slots=True)
class ShellCommand:
    """What analysis observed of a shell text a node runs: its lines as pieces (the words naming
    the catalog's files, parameters and Python values typed), where it runs and how. Planning
    makes the node's code from it (`planning/shell_code.py`)."""

    lines: tuple[tuple[ShellPiece, ...], ...]
    #: The folder it runs in (relative to the root, else absolute).
    cwd: str
    #: A script's step: the lines run as one script, stopping where bash would stop. Else a
    #: notebook shell line, whose failure stops the run when ``check``, and whose output lines
    #: are its value when ``capture``.
    script: bool = False
    check: bool = True
    capture: bool = False


ChunkKind = Literal["import", "def", "data", "plot", "display", "setting", "param"]


@dataclass(frozen=True, slots=True)
class ShellNode:
    """A shell script's step that runs as a node: what its name is made of and how it is ordered.
    Planning names the node and wires the order (`planning/shell_steps.py`)."""

    #: The step's kind (`model.shell.StepKind`).
    kind: str
    #: The commands it runs, in order.
    commands: tuple[str, ...]
    #: The files it writes (a folder ends in "/").
    writes: tuple[str, ...]
    #: The notebooks, Python scripts or modules, else shell scripts it runs.
    runs: tuple[str, ...]
    #: No file it writes reaches the next node of its part: it hands that node an ordering value.
    hands_on: bool = False


@dataclass(frozen=True, slots=True)
class ChunkFacts:
    """What analysis observed about one top-level statement of a code cell. No decisions."""

    #: Index of the cell in its Source.
    cell: int
    #: Global order of the chunk in its source (0-based).
    order: int
    #: Verbatim code of the statement (magics already translated to Python).
    code: str
    #: 1-based line of the chunk inside its cell.
    line: int
    kind: ChunkKind
    #: Names and symbols (``File("data/x.csv")``, ``Rng("numpy")``: model/symbols.py) bound by
    #: the statement.
    defines: frozenset[Symbol] = frozenset()
    #: Names and symbols read before any binding in this statement.
    uses: frozenset[Symbol] = frozenset()
    #: Names and symbols changed in place.
    mutates: frozenset[Symbol] = frozenset()
    deletes: frozenset[str] = frozenset()
    #: Names bound only on some paths (if/for/try bodies): they keep their previous value otherwise.
    maybe_defines: frozenset[str] = frozenset()
    files: tuple[FileAccess, ...] = ()
    edits: tuple[Edit, ...] = ()
    #: For "param" chunks: the name and literal value bound.
    constants: tuple[tuple[str, object], ...] = ()
    #: Values that cannot be pickled (generators, open files, lambdas): their names.
    unpersistable: frozenset[str] = frozenset()
    diagnostics: tuple[Diagnostic, ...] = ()
    #: For "setting" chunks: "all" (every later node), "plot" (later nodes that draw), "chdir",
    #: "notebook" (how the notebook shows figures: not replayed).
    scope: str = ""
    #: The chunk calls plotting functions (a data chunk that also draws returns its figures).
    draws: bool = False
    #: What it calls that draws from numpy's global generator, which nothing seeded before it:
    #: "numpy.random" (`np.random.normal()`, a distribution's `rvs`) or the qualified name of a
    #: function or estimator class given no `random_state` (`sklearn.cluster.KMeans` for
    #: `KMeans(3).fit(X)`: it draws only if the class takes one, which verify looks up).
    unseeded: tuple[str, ...] = ()
    #: All its plotting calls make no figure (`plt.close()`, `plt.savefig(...)`: NO_FIGURE_CALLS).
    quiet: bool = False
    #: Classes and functions defined in a node (they read notebook values when made, or a
    #: class's methods do): pickle stores them by import path, which a definition local to a node
    #: function does not have.
    local_classes: frozenset[str] = frozenset()
    #: Last line of the chunk inside its cell (1-based).
    end_line: int = 0
    #: Values passed between nodes as the very object (MemoryDataset, copy_mode "assign"): models
    #: made from a formula (statsmodels evaluates it again when unpickled or copied, in whatever
    #: frame does that), and objects a statement changes through a container holding them (or
    #: the reverse): separate pickles would make separate objects.
    passed_as_is: frozenset[str] = frozenset()
    #: For each expression the chunk shows (`display(a, b)`, or the value ending the cell), the
    #: method that draws it into the figure the notebook showed ("" for one that is no figure):
    #: values only drawn when shown, such as plotnine plots (`analysis/python/figure_values.py`).
    drawn: tuple[str, ...] = ()
    #: For the chunk of a shell script's step: what names and orders its node.
    shell: ShellNode | None = None
    #: For the chunk of a shell script's step: what it runs (its ``code`` is made in planning).
    command: ShellCommand | None = None


@dataclass(frozen=True, slots=True)
class SourceFacts:
    """Analysis of one Source: chunks in order plus source-wide observations."""

    source: Source
    chunks: tuple[ChunkFacts, ...]
    #: Import statements verbatim, in order (hoisted into generated modules by use).
    imports: tuple[str, ...]
    #: Names each import statement binds, parallel to ``imports``.
    import_names: tuple[frozenset[str], ...]
    #: Functions and classes defined in the notebook: name → code.
    definitions: tuple[tuple[str, str], ...]
    #: For each notebook function: the free globals it reads, and the parameters of the files it
    #: opens by a literal path (all become keyword-only arguments).
    function_globals: tuple[tuple[str, frozenset[str]], ...]
    #: Local modules the code imports, with the local modules they import (the closure): their
    #: text, package-relative path and root-relative origin, to copy into the package.
    local_modules: tuple[LocalModule, ...]
    #: Third-party top-level modules imported (for requirements.txt).
    third_party: frozenset[str]
    #: Packages named by `!pip install` / `%pip install`.
    pip_installs: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    #: The driver script that runs this source ("" when none), and the keys (`Source.key`) of the
    #: sources it runs right before it: the pipeline keeps that order, with an ordering dataset
    #: where no file already connects them.
    driver: str = ""
    after: tuple[str, ...] = ()
    #: For each notebook function: its path literals → the parameter that replaces them.
    function_paths: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    #: Literal statements (`CACHE = 16`) the functions module holds, in order: definitions moved
    #: there read them when they are made (a default, a decorator argument, a class attribute).
    module_constants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Workspace:
    """What is on disk when converting, for the paths the sources name: made by readers
    (`readers.workspace.snapshot`) so that planning never looks at the disk itself. Paths are
    absolute, spelled as planning joins them to the conversion root."""

    #: Files present, with their size in bytes.
    files: Mapping[str, int] = field(default_factory=dict)
    #: Folders present.
    folders: frozenset[str] = frozenset()
    #: Each path's real path (symbolic links resolved), for the "inside this folder" checks.
    real: Mapping[str, str] = field(default_factory=dict)
    #: Folders the sources list (`os.listdir`, `glob.glob`) → their files (posix paths relative
    #: to the folder, sorted, below it at any depth) with sizes: a raw folder's copy.
    listings: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)

    def has_file(self, path: str) -> bool:
        return path in self.files

    def has(self, path: str) -> bool:
        return path in self.files or path in self.folders

    def size(self, path: str) -> int:
        return self.files[path]

    def realpath(self, path: str) -> str:
        return self.real.get(path, path)


@dataclass(frozen=True, slots=True)
class LocalModule:
    """A .py module the notebooks import, copied into the package."""

    #: Its path in the package without `.py` ("loaders", "utils/io", "utils/__init__").
    name: str
    code: str
    #: The file it was copied from, relative to the conversion root (posix).
    origin: str
    #: Per function: the path literals its body opens → the keyword-only parameter that replaces
    #: them, and every such parameter it takes (its own and its callees') with the literal as
    #: default: callers in the pipeline pass the catalog's path, other callers need not.
    function_paths: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    function_files: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
