"""Compare two files (written by the notebook and by the pipeline) by content, per file type.

Identical bytes are always equal. Otherwise `FILE_COMPARATORS` (suffix → comparator) decides:
tables and JSON by their parsed values, images by pixels (PNG metadata holds versions and
dates), pickles by their loaded values. Vector images embed dates and ids, so differing ones are
"not compared"; any other file whose bytes differ is "different".
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from itertools import zip_longest
from pathlib import Path
from typing import Any

from .compare import compare_values
from .model import Outcome

FileComparator = Callable[[Path, Path], Outcome]


def compare_files(notebook: Path, pipeline: Path) -> Outcome:
    """Compare the notebook's version of a file with the pipeline's.

    A folder on the pipeline side is a versioned dataset: its newest version is used.
    """
    pipeline = latest_version(pipeline)
    if not notebook.is_file():
        return Outcome("not compared", f"the notebook did not write {notebook.name}")
    if not pipeline.is_file():
        return Outcome("different", f"the pipeline did not write {pipeline.name}")
    if notebook.read_bytes() == pipeline.read_bytes():
        return Outcome("equal", "identical bytes")
    comparator = FILE_COMPARATORS.get(notebook.suffix.lower(), _bytes_differ)
    try:
        return comparator(notebook, pipeline)
    except Exception as error:  # noqa: BLE001 - unreadable content is "not compared"
        return Outcome("not compared", f"cannot read as {notebook.suffix}: {type(error).__name__}")


def latest_version(path: Path) -> Path:
    """``path`` itself, or for a versioned dataset folder ``path/<newest timestamp>/<name>``."""
    if not path.is_dir():
        return path
    versions = sorted(p / path.name for p in path.iterdir() if (p / path.name).is_file())
    return versions[-1] if versions else path


def _bytes_differ(notebook: Path, pipeline: Path) -> Outcome:
    return Outcome("different", "bytes differ")


def _by_value(load: Callable[[Path], Any], what: str) -> FileComparator:
    """Compare the values ``load`` reads from both files."""

    def compare(notebook: Path, pipeline: Path) -> Outcome:
        outcome = compare_values(load(notebook), load(pipeline))
        if outcome.status == "equal":
            return Outcome("equal", f"same {what}, bytes differ")
        return outcome

    return compare


def _read_table(separator: str) -> Callable[[Path], Any]:
    def read(path: Path) -> Any:
        import pandas

        return pandas.read_csv(path, sep=separator)

    return read


def _read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _read_pickle(path: Path) -> Any:
    if path.suffix == ".joblib":
        import joblib

        return joblib.load(path)
    with path.open("rb") as stream:
        return pickle.load(stream)  # noqa: S301 - files both runs just wrote


def _read_parquet(path: Path) -> Any:
    import pandas

    return pandas.read_parquet(path)


def _read_numpy(path: Path) -> Any:
    import numpy

    loaded = numpy.load(path, allow_pickle=False)
    return dict(loaded) if path.suffix == ".npz" else loaded


def _read_pixels(path: Path) -> Any:
    import numpy
    from PIL import Image

    with Image.open(path) as image:
        return numpy.asarray(image.convert("RGBA"))


def _text(notebook: Path, pipeline: Path) -> Outcome:
    """Text files: equal if they differ only in line endings or a final newline."""
    a, b = (
        p.read_text(encoding="utf-8").replace("\r\n", "\n").rstrip("\n")
        for p in (notebook, pipeline)
    )
    if a == b:
        return Outcome("equal", "same text, line endings differ")
    pairs = enumerate(zip_longest(a.splitlines(), b.splitlines()))
    first = next(i for i, (x, y) in pairs if x != y)
    return Outcome("different", f"text differs from line {first + 1}")


def _vector_image(notebook: Path, pipeline: Path) -> Outcome:
    return Outcome("not compared", "vector images embed dates and ids; compared by presence only")


#: Suffix → comparator for files whose bytes differ. Please add rows here for new formats.
FILE_COMPARATORS: dict[str, FileComparator] = {
    ".csv": _by_value(_read_table(","), "table"),
    ".tsv": _by_value(_read_table("\t"), "table"),
    ".json": _by_value(_read_json, "JSON value"),
    ".parquet": _by_value(_read_parquet, "table"),
    ".pkl": _by_value(_read_pickle, "unpickled value"),
    ".pickle": _by_value(_read_pickle, "unpickled value"),
    ".joblib": _by_value(_read_pickle, "unpickled value"),
    ".npy": _by_value(_read_numpy, "array"),
    ".npz": _by_value(_read_numpy, "arrays"),
    ".png": _by_value(_read_pixels, "pixels"),
    ".jpg": _by_value(_read_pixels, "pixels"),
    ".jpeg": _by_value(_read_pixels, "pixels"),
    ".gif": _by_value(_read_pixels, "pixels"),
    ".bmp": _by_value(_read_pixels, "pixels"),
    ".tif": _by_value(_read_pixels, "pixels"),
    ".tiff": _by_value(_read_pixels, "pixels"),
    ".webp": _by_value(_read_pixels, "pixels"),
    ".txt": _text,
    ".md": _text,
    ".html": _text,
    ".yml": _text,
    ".yaml": _text,
    ".svg": _vector_image,
    ".pdf": _vector_image,
    ".eps": _vector_image,
}
