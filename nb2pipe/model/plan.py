"""The values planning decides: steps, pipelines, catalog entries, parameters, the plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .facts import LocalModule
from .sources import Diagnostic


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
    #: What its chunks call that may draw from numpy's global generator nothing seeded
    #: (`ChunkFacts.unseeded`): if one does, its values depend on chance, and verify says so
    #: instead of "different".
    unseeded: tuple[str, ...] = ()


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
