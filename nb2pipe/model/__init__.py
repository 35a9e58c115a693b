"""The frozen values that flow between nb2pipe's stages: read → analyze → plan → render → write.

Nothing here imports from the rest of nb2pipe, and nothing here does I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from .symbols import Symbol

CellKind = Literal["code", "markdown", "raw"]
Level = Literal["info", "warning", "error"]


# --------------------------------------------------------------------------------------- read
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


# ------------------------------------------------------------------------------------ analyze
@dataclass(frozen=True, slots=True)
class FileAccess:
    """A file the code reads or writes, found by the KNOWN_IO table."""

    #: Normalised path: posix, relative to the conversion root when inside it, else absolute;
    #: URLs are kept as they are.
    path: str
    #: The path exactly as the code spelled it (for README tables and messages).
    spelled: str
    mode: Literal["read", "write", "append"]
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
    #: "partition": ``payload`` with the argument bound to ``symbol`` (written) in place of "\0".
    kind: Literal["read", "write", "path", "drop", "text", "partition"]
    symbol: Symbol = ""
    #: For "write": source text of the value written; for "text": the replacement.
    payload: str = ""


ChunkKind = Literal["import", "def", "data", "plot", "display", "setting", "param"]


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


# --------------------------------------------------------------------------------------- plan
@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One entry of conf/base/catalog.yml."""

    #: Dataset name as written in catalog.yml (namespaced ones contain the namespace dot).
    name: str
    #: kedro-datasets type string, e.g. "pandas.CSVDataset", or a class path of the project.
    type: str
    #: Path relative to the project root (or absolute, or a URL).
    filepath: str
    #: Further keys (load_args, save_args, versioned, backend...), in rendering order.
    options: tuple[tuple[str, object], ...] = ()
    #: The path as the notebook spelled it, and where (for the README's table).
    origin: str = ""
    #: Absolute path of an input file to copy to ``filepath`` when writing the project.
    copy_from: str | None = None
    #: For an input folder copied (a raw folder the code lists): its files, posix paths relative
    #: to ``copy_from`` and ``filepath``.
    copy_files: tuple[str, ...] = ()
    #: For a file the sources write: its path relative to the conversion root (posix, as in
    #: ``FileAccess.path``), set only on the entry holding its *final* version. Feeds the
    #: manifest's ``"files"`` map (original path → project filepath); "" otherwise.
    final_version_of: str = ""
    #: Kedro data layer (kedro-viz's ``metadata: kedro-viz: layer:``), from knowledge/layers.py.
    layer: str = ""


@dataclass(frozen=True, slots=True)
class Param:
    """One parameters.yml entry, nested under its pipeline's namespace."""

    namespace: str
    name: str
    value: object
    #: Where it came from, e.g. "cell 3: test_size=0.2".
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Step:
    """One function in nodes.py and one Kedro Node in pipeline.py."""

    #: Node name == function name.
    name: str
    kind: Literal["data", "reporting"]
    #: Refs of the cells the code came from.
    cells: tuple[str, ...]
    #: Python parameter names of the function, in order.
    arguments: tuple[str, ...]
    #: Dataset names wired to ``arguments`` in pipeline.py ("params:x" for parameters).
    inputs: tuple[str, ...]
    #: Python names returned, in order.
    returns: tuple[str, ...]
    #: Dataset names wired to ``returns`` in pipeline.py.
    outputs: tuple[str, ...]
    #: Complete function source (signature, provenance comment, docstring, body).
    code: str
    #: Names the function needs from module level (imports, notebook functions).
    needs: frozenset[str] = frozenset()
    tags: tuple[str, ...] = ()
    #: Global order of the chunks it holds.
    chunks: tuple[int, ...] = ()
    #: Where the notebook holds the values of ``returns``: after line ``capture_at[1]`` (1-based)
    #: of the cell with index ``capture_at[0]`` (0-based); verify captures them there.
    capture_at: tuple[int, int] = (-1, 0)
    #: Each file read or write the step hands to a typed catalog entry: (dataset, "load_args" or
    #: "save_args", the call's literal arguments). The entry must carry exactly these
    #: (planning.invariants.check_file_args): one entry never stands for differing reads.
    file_args: tuple[tuple[str, str, tuple[tuple[str, object], ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class PipelinePlan:
    """One namespaced modular pipeline, generated from one source."""

    #: Folder name under pipelines/ and Kedro namespace.
    name: str
    #: Source path relative to the conversion root.
    source: str
    steps: tuple[Step, ...]
    #: Import statements available to this pipeline's modules, with the names each binds.
    imports: tuple[tuple[str, frozenset[str]], ...]
    #: Source of the module holding the notebook's own functions and classes ("" if none).
    functions_code: str = ""
    #: Names defined by ``functions_code``.
    functions: frozenset[str] = frozenset()
    #: Un-prefixed dataset names this pipeline shares with others (files): pipeline inputs=/outputs=.
    shared_inputs: tuple[str, ...] = ()
    shared_outputs: tuple[str, ...] = ()
    #: Markdown title of the notebook (first heading), for docs.
    title: str = ""


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


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything rendering needs; Kedro's rules hold for it (see planning.invariants)."""

    package: str
    project_name: str
    pipelines: tuple[PipelinePlan, ...]
    catalog: tuple[CatalogEntry, ...]
    params: tuple[Param, ...]
    #: Secret-looking constants (passwords, tokens, keys): conf/local/credentials.yml keys, never
    #: parameters. Values are not written anywhere; only the keys are.
    credentials: tuple[Param, ...] = ()
    local_modules: tuple[LocalModule, ...] = ()
    #: Top-level modules imported by the sources (third-party only), and `!pip install` names.
    third_party: tuple[str, ...] = ()
    pip_installs: tuple[str, ...] = ()
    #: Datasets between nodes stay in memory instead of being pickled.
    memory: bool = False
    diagnostics: tuple[Diagnostic, ...] = ()
    #: Source path → the cells that went nowhere because they were tagged `skip`, etc.
    notes: tuple[tuple[str, str], ...] = ()


# ------------------------------------------------------------------------------------- render
@dataclass(frozen=True, slots=True)
class CopyFile:
    """A generated file whose content is an existing file (raw data copied into data/01_raw)."""

    path: str


#: Output tree: project-relative path → text, bytes, or a file to copy.
ProjectFiles = Mapping[PurePosixPath, "str | bytes | CopyFile"]


@dataclass(frozen=True, slots=True)
class ShellRun:
    """A step as the script runs it, on its own paths (what `nb2pipe verify` runs)."""

    lines: tuple[str, ...]
    #: The folder it runs in, relative to the conversion root.
    cwd: str


@dataclass(frozen=True, slots=True)
class ProjectRun:
    """One thing the project runs, in order, for the pipeline it became (what `nb2pipe verify`
    runs): a source as its driver runs it, or a script's own steps."""

    #: "" for the folders the scripts make (`mkdir`), made first.
    pipeline: str
    #: The source to execute (as the driver runs it: bound); None for a script's own steps.
    source: Source | None = None
    #: A script's own steps, run with bash.
    steps: tuple[ShellRun, ...] = ()


@dataclass(frozen=True, slots=True)
class Generated:
    """The result of read → analyze → plan → render, before anything is written."""

    files: Mapping[PurePosixPath, str | bytes | CopyFile]
    plan: Plan
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    #: What the project runs, in order (what `nb2pipe verify` runs).
    runs: tuple[ProjectRun, ...] = ()


@dataclass(frozen=True, slots=True)
class Target:
    """What is at the output folder before writing (``writer.inspect_target`` looks; planning and
    rendering adapt to it)."""

    path: Path
    #: "new": nothing there; "generated": a project nb2pipe wrote (manifest found);
    #: "kedro": a Kedro project nb2pipe did not write (pipelines are added to it).
    kind: Literal["new", "generated", "kedro"]
    #: package_name of an existing Kedro project.
    package: str | None = None
