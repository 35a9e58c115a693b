"""Files across all sources: their versions (who wrote each, who reads it), catalog names and
entries. A path written by one source and read by another is one dataset."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..knowledge.io_calls import KNOWN_IO, KNOWN_WRITE_METHODS, URL_PREFIXES
from ..knowledge.layers import LAYERS, MODEL_SUFFIXES, REPORT_SUFFIXES
from ..model import CatalogEntry, Diagnostic, FileAccess, SourceFacts, Workspace
from ..model.symbols import File
from .naming import file_dataset_names
from .placement import folder_files, inner_path, raw_placement, relative_to_root

RAW = (-1, -1)
TYPE_LABELS = {"pandas.": "pandas", "pickle.": "pickle", "json.": "json", "text.": "text",
               "FilePathDataset": "path", "NumpyDataset": "numpy", "PartitionFolder": "partitions"}


#: What tells a file's catalog entries apart (`load_key`, `save_key`): the Kedro type, its options,
#: and the repr of the read's load arguments (None: the writer's own entry).
EntryKey = tuple[str, tuple[tuple[str, object], ...], str | None]


@dataclass
class FileVersion:
    path: str
    #: (source index, producing chunk order); RAW for files nobody writes.
    key: tuple[int, int]
    writer: FileAccess | None = None
    readers: list[FileAccess] = field(default_factory=list)
    #: Catalog dataset name (without transcoding), set by `name_versions`.
    name: str = ""
    #: `type_groups` results with the writer they saw; readers are only ever added, so their
    #: count tells a stale entry.
    groups_cache: dict[tuple[str, str, int], tuple[FileAccess | None, dict[EntryKey, str]]] = field(
        default_factory=dict, repr=False, compare=False)


@dataclass
class FileRegistry:
    versions: dict[tuple[str, tuple[int, int]], FileVersion] = field(default_factory=dict)
    latest: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: (source index, path) → the version that source reads before writing the file itself.
    resolved: dict[tuple[int, str], FileVersion] = field(default_factory=dict)

    def produced(self, path: str, key: tuple[int, int], writer: FileAccess) -> FileVersion:
        version = self.versions.setdefault((path, key), FileVersion(path, key))
        version.writer = writer
        self.latest[path] = max(self.latest.get(path, key), key)
        return version

    def resolve_external(self, source: int, path: str) -> FileVersion:
        """The version a source sees when it reads a file it has not written itself."""
        key = self.latest.get(path, RAW)
        version = self.versions.setdefault((path, key), FileVersion(path, key))
        self.resolved[(source, path)] = version
        return version

    def get(self, path: str, key: tuple[int, int]) -> FileVersion:
        return self.versions[(path, key)]


def dataset_type(access: FileAccess, package: str) -> tuple[str, tuple[tuple[str, object], ...]]:
    """(Kedro type, extra options) that does this access's I/O."""
    if access.io == "path":
        kind = "PartitionFolder" if access.partition_of else "FilePathDataset"
        return f"{package}.datasets.{kind}", ()
    rule = KNOWN_IO.get(access.io) or KNOWN_WRITE_METHODS[access.io.lstrip(".")]
    return rule.dataset.format(package=package), rule.options


def name_versions(registry: FileRegistry, avoid: set[str]) -> None:
    """Final versions take the file's base name; earlier ones `<base>_v<k>`."""
    bases = file_dataset_names({v.path for v in registry.versions.values()}, avoid)
    by_path: dict[str, list[FileVersion]] = {}
    for version in registry.versions.values():
        by_path.setdefault(version.path, []).append(version)
    for path, versions in by_path.items():
        versions.sort(key=lambda v: v.key)
        for number, version in enumerate(versions, 1):
            final = number == len(versions)
            version.name = bases[path] if final else f"{bases[path]}_v{number}"


def type_groups(version: FileVersion, package: str) -> dict[EntryKey, str]:
    """Distinct loads of one version (`load_key`) → dataset name (transcoded when several)."""
    # asked once per reader: computing it each time would be quadratic in the readers
    key = (package, version.name, len(version.readers))
    cached = version.groups_cache.get(key)
    if cached is None or cached[0] is not version.writer:
        cached = version.groups_cache[key] = (version.writer, computed_type_groups(version, package))
    return cached[1]


def load_key(access: FileAccess, package: str) -> EntryKey:
    """What a read needs from its catalog entry: the dataset type, its options and the call's
    load arguments. Two reads of one file share an entry only when these are equal: a read with
    `sep=";"` fed from an entry made for a plain read gets another frame."""
    return (*dataset_type(access, package), repr(access.args))


def save_key(version: FileVersion, package: str) -> EntryKey:
    """The entry the writer saves through: that of the first read of the same type (saving
    ignores load arguments), else one of its own."""
    assert version.writer is not None, version  # asked only of versions something writes
    kind = dataset_type(version.writer, package)
    return next((k for r in version.readers if (k := load_key(r, package))[:2] == kind), (*kind, None))


def computed_type_groups(version: FileVersion, package: str) -> dict[EntryKey, str]:
    kinds: list[EntryKey] = [save_key(version, package)] if version.writer else []
    for reader in version.readers:
        kind = load_key(reader, package)
        if kind not in kinds:
            kinds.append(kind)
    if len(kinds) <= 1:
        return {k: version.name for k in kinds}
    names: dict[EntryKey, str] = {}
    used: set[str] = set()
    for kind in kinds:
        base = type_label(kind[0])
        label, number = base, 2
        while label in used:
            label, number = f"{base}_{number}", number + 1
        used.add(label)
        names[kind] = f"{version.name}@{label}"
    return names


def type_label(kind: str) -> str:
    """The transcoding label of a dataset type: by its library (`pandas.CSVDataset` → "pandas")
    or the project's class (`<package>.datasets.FilePathDataset` → "path"), never by the package's
    own name (a project `tools_pandas` made its path entries `@pandas_2`)."""
    last = kind.rsplit(".", 1)[-1]
    return next((v for k, v in TYPE_LABELS.items() if kind.startswith(k) or last == k), "data")


def dataset_for(version: FileVersion, access: FileAccess, package: str, saving: bool = False) -> str:
    """The dataset a read (or, ``saving``, the write) of ``version`` goes through."""
    key = save_key(version, package) if saving else load_key(access, package)
    return type_groups(version, package)[key]


def catalog_entries(
    registry: FileRegistry, package: str, root: str, copy_limit: int, workspace: Workspace,
    copy_within: str | None = None, written: Mapping[tuple[str, tuple[int, int]], str] = {},  # noqa: B006
) -> tuple[list[CatalogEntry], list[Diagnostic]]:
    """One entry per file version and type, in the layer of its role (``written``: the role of
    the value a statement writes, `layers.written_roles`); raw inputs are copied when small.
    Returns the entries and what to tell the user (missing inputs, inputs outside the root)."""
    entries: list[CatalogEntry] = []
    warnings: list[Diagnostic] = []
    finals = final_keys(registry)
    roles = {pk: file_role(pk[0], pk[1], written) for pk in registry.versions}
    placed = placements(registry, finals, roles)
    for (path, key), version in sorted(registry.versions.items(), key=lambda kv: kv[1].name):
        filepath, copy_from = placed[(path, key)], None
        missing = (key == RAW and not path.startswith(URL_PREFIXES) and not workspace.has_file(os.path.join(root, path))
                   and os.path.join(root, path) not in workspace.listings)
        folder = inside_written_folder(path, registry, placed) if missing else None
        if folder:
            filepath = folder
            warnings.append(Diagnostic(
                "info", "file-in-written-folder", f"{relative_to_root(path, root)} is not on disk and "
                f"no step writes it by name; it is read from {folder}, in the folder a step writes"))
        elif key == RAW:
            filepath, copy_from, warning = raw_placement(path, filepath, root, copy_limit, workspace, copy_within)
            if warning:
                warnings.append(warning)
        copied = folder_files(os.path.join(root, path), workspace) if copy_from else ()
        for kind, name in sorted(type_groups(version, package).items(), key=lambda kv: kv[1]):
            options = list(kind[1]) + io_args(version, kind, package)
            origin = (version.writer or version.readers[0]).spelled
            entries.append(CatalogEntry(
                name=name, type=kind[0], filepath=filepath, options=tuple(options),
                origin=origin, copy_from=copy_from, copy_files=copied,
                layer=LAYERS[roles[(path, key)]].name,
                final_version_of=relative_to_root(path, root) if key != RAW and finals[path] == key else "",
            ))
        if version.writer and version.writer.io == "path":
            entries.append(CatalogEntry(
                name=f"{version.name}_path", type=f"{package}.datasets.FilePathDataset",
                filepath=filepath, origin=f"where the code writes {version.writer.spelled}",
            ))
    return entries, warnings


def io_args(version: FileVersion, kind: EntryKey, package: str) -> list[tuple[str, object]]:
    """load_args of the reads this entry stands for (equal for all of them: `load_key`), and
    save_args when the writer saves through it."""
    options: list[tuple[str, object]] = []
    if version.writer and version.writer.partition_of and kind == save_key(version, package):
        return partition_options(version.writer, package)
    reader = next((r for r in version.readers if load_key(r, package) == kind), None)
    if reader is not None and reader.args:
        options.append(("load_args", dict(reader.args)))
    writer = version.writer
    if writer and save_key(version, package) == kind and writer.args:
        options.append(("save_args", dict(writer.args)))
    return options


def partition_options(writer: FileAccess, package: str) -> list[tuple[str, object]]:
    """A folder written one file per item: the dataset of one item (the write's type and save
    arguments) and the extension that tells items from other files."""
    key = writer.partition_of
    dataset: dict[str, object] = {"type": f"{package}.datasets.FilePathDataset"}
    if key != "path":  # "path": items a command wrote (a shell loop's), loaded as their paths
        rule = KNOWN_IO.get(key) or KNOWN_WRITE_METHODS[key.lstrip(".")]
        dataset = {"type": rule.dataset.format(package=package), **dict(rule.options)}
    if writer.args:
        dataset["save_args"] = dict(writer.args)
    suffix = writer.partition_suffix
    return [("dataset", dataset)] + ([("filename_suffix", suffix)] if suffix else [])


def final_keys(registry: FileRegistry) -> dict[str, tuple[int, int]]:
    finals: dict[str, tuple[int, int]] = {}
    for path, key in registry.versions:
        finals[path] = max(finals.get(path, key), key)
    return finals


def file_role(path: str, key: tuple[int, int], written: Mapping[tuple[str, tuple[int, int]], str]) -> str:
    """What a file version is (a row of knowledge/layers.py's LAYERS): an input nothing writes is
    raw; a model or figure file by its extension; else what the statement writing it wrote (a
    model's predictions, a fitted model), else a table."""
    if key == RAW:
        return "raw"
    if path.lower().endswith(MODEL_SUFFIXES):
        return "model"
    if path.lower().endswith(REPORT_SUFFIXES):
        return "report"
    return written.get((path, key), "table")


def placements(registry: FileRegistry, finals: Mapping[str, tuple[int, int]],
               roles: Mapping[tuple[str, tuple[int, int]], str]) -> dict[tuple[str, tuple[int, int]], str]:
    """Project-relative filepaths in the folder of each version's role (`data/01_raw`,
    `02_intermediate`, `06_models`, `07_model_output`, `08_reporting`); earlier versions get `_v<k>`."""
    result = {}
    for (path, key), version in registry.versions.items():
        if path.startswith(URL_PREFIXES):
            result[(path, key)] = path
            continue
        tail = inner_path(path)
        layer = LAYERS[roles[(path, key)]].folder
        if key != RAW and finals[path] != key:
            stem, suffix = os.path.splitext(tail)
            tail = f"{stem}_{version.name.rsplit('_', 1)[-1]}{suffix}"
        result[(path, key)] = f"data/{layer}/{tail}"
    return result


def inside_written_folder(path: str, registry: FileRegistry,
                          placed: Mapping[tuple[str, tuple[int, int]], str]) -> str | None:
    """A file nothing writes by name, below a folder a step writes (`python prep.py out`, then
    `out/part1.csv` is read): it is that folder's file, wherever the project puts the folder."""
    folders = sorted(((p, k) for p, k in registry.versions if k != RAW and path.startswith(p.rstrip("/") + "/")),
                     key=lambda pk: (len(pk[0]), pk[1]))
    if not folders:
        return None
    folder, key = folders[-1]
    return placed[(folder, key)] + path[len(folder.rstrip("/")):]


def created_by_append(sources: Sequence[SourceFacts], root: str | Path, workspace: Workspace
                      ) -> frozenset[File]:
    """File symbols whose first access appends to a file that nothing provides: it is not on
    disk when converting and no source writes it, so the notebook's `open(p, "a")` creates it."""
    accesses = [f for facts in sources for chunk in facts.chunks for f in chunk.files]
    written = {f.path for f in accesses if f.mode == "write"}
    return frozenset(
        File(f.path) for f in accesses
        if f.mode == "append" and f.path not in written and "://" not in f.path
        and not workspace.has(str(Path(root, f.path)))
    )
