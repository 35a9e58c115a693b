"""A step's wiring: the argument and dataset of each value it reads and returns, and the
catalog entries of the files it reads or writes."""

from __future__ import annotations

from collections.abc import Sequence

from ..knowledge.io_calls import load_key
from ..model import ChunkFacts, FileAccess
from ..model.symbols import ArgKey, File, FileUse, Symbol
from .files import FileRegistry, FileVersion, dataset_for
from .flow import EXTERNAL, Version
from .naming import unique
from .source_names import SourceNames, python_name


def wire_input(src: SourceNames, version: Version, names: dict[ArgKey, str], chunks: list[ChunkFacts],
               registry: FileRegistry, package: str, changed: bool = False) -> tuple[str, str]:
    """The argument and dataset of one value the step reads. A file the step also changes with
    its own code (appends to, removes) comes by its path, which the step copies to the new
    version's path first; its reads with a library are other entries (``other_reads``)."""
    symbol = version.symbol
    arg = names.get(symbol) or python_name(src, symbol, {})
    if isinstance(symbol, File):
        file = file_version(src, version, registry)
        reads = [f for c in chunks for f in c.files if f.path == symbol.path and f.mode != "write"]
        reads = reads or setting_reads(src.facts.chunks, symbol.path)
        access = next((f for f in reads if (f.io == "path") == changed), reads[0])
        return arg, dataset_for(file, access, package)
    if version.producer == EXTERNAL and symbol in src.credentials:
        return arg, src.credentials[symbol]
    if version.producer == EXTERNAL:
        return arg, f"params:{src.params[symbol]}"
    return arg, src.versions[version]


def wire_output(src: SourceNames, version: Version, names: dict[ArgKey, str], registry: FileRegistry,
                package: str, writes: list[File]) -> tuple[str, str]:
    symbol = version.symbol
    if isinstance(symbol, File):
        file = file_version(src, version, registry)
        python = names[FileUse(symbol, "write")] if symbol in writes else names[symbol]
        assert file.writer is not None, version  # a version a step makes has its writer
        return python, dataset_for(file, file.writer, package, saving=True)
    return names.get(symbol, python_name(src, symbol, {})), src.versions[version]


def setting_reads(chunks: Sequence[ChunkFacts], path: str) -> list[FileAccess]:
    """The reads of ``path`` by settings (`plt.style.use("my.mplstyle")`): a node replaying one
    reads the file though none of its own statements does (`step_body.setting_code`)."""
    return [f for c in chunks if c.kind == "setting"
            for f in c.files if f.path == path and f.mode == "read"]


def file_version(src: SourceNames, version: Version, registry: FileRegistry) -> FileVersion:
    assert isinstance(version.symbol, File), version
    path = version.symbol.path
    if version.producer == EXTERNAL:
        return registry.resolved[(src.index, path)]
    return registry.get(path, (src.index, version.producer))


def other_reads(src: SourceNames, version: Version, names: dict[ArgKey, str], chunks: list[ChunkFacts],
                registry: FileRegistry, package: str, first: str) -> list[tuple[str, str]]:
    """A file the step reads through several catalog entries (with pandas and by its path, or
    with different load arguments): an argument per entry besides ``first``, the one
    `wire_input` chose. Each read's code is rewritten to its own entry's argument."""
    file = file_version(src, version, registry)
    symbol, base = version.symbol, names.get(version.symbol) or file.name
    wired: dict[str, str] = {first: names.get(symbol, base)}
    for access in (f for c in chunks for f in c.files if File(f.path) == symbol and f.mode == "read"):
        dataset = dataset_for(file, access, package)
        if dataset not in wired:
            wanted = f"{base}_file" if access.io == "path" else f"{base}_{len(wired) + 1}"
            wired[dataset] = unique(wanted, src.taken | set(names.values()) | set(wired.values()))
        role = "read" if access.io == "path" else load_key(access)
        names[FileUse(File(access.path), role)] = wired[dataset]
    return [(arg, dataset) for dataset, arg in wired.items() if dataset != first]


def file_loads(file: FileVersion, chunks: list[ChunkFacts], package: str,
               ) -> list[tuple[str, str, tuple[tuple[str, object], ...]]]:
    """For `Step.file_args`: each catalog read of the file in the step and its load arguments."""
    return [(dataset_for(file, a, package), "load_args", a.args) for c in chunks for a in c.files
            if a.path == file.path and a.mode == "read" and a.io != "path"]


def first_mode(chunks: list[ChunkFacts], symbol: Symbol) -> str:
    """How the step's chunks first open the file of ``symbol`` ("read", "write", "append")."""
    return next((f.mode for c in chunks for f in c.files if File(f.path) == symbol), "")


def path_writes(chunks: list[ChunkFacts]) -> list[File]:
    """File symbols the step writes with its own code (path-passing)."""
    found: list[File] = []
    for chunk in chunks:
        for access in chunk.files:
            symbol = File(access.path)
            if access.io == "path" and access.mode != "read" and symbol not in found:
                found.append(symbol)
    return found


def last_writer(chunks: list[ChunkFacts], symbol: Symbol) -> int:
    return max(c.order for c in chunks if symbol in c.defines)


def unused_name(dataset: str, taken: set[str]) -> str:
    """The argument for a later version of a variable: its dataset's name when free."""
    name = dataset if dataset.isidentifier() else "value"
    while name in taken:
        name += "_"
    return name
