"""File comparators: same content in different bytes is equal; images by pixels."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from nb2pipe.verify.files import compare_files, latest_version  # noqa: E402

Writer = Callable[[Path], None]


def text(content: str) -> Writer:
    return lambda path: path.write_text(content, encoding="utf-8")


def frame_csv(values: list[float], **kwargs: object) -> Writer:
    return lambda path: pd.DataFrame({"a": values}).to_csv(path, index=False, **kwargs)


def json_file(value: object, indent: int | None) -> Writer:
    return lambda path: path.write_text(json.dumps(value, indent=indent), encoding="utf-8")


def png(color: str, software: str) -> Writer:
    def write(path: Path) -> None:
        figure = Figure(figsize=(1, 1), dpi=20)
        figure.patch.set_facecolor(color)
        figure.savefig(path, metadata={"Software": software})

    return write


def pickled(value: object) -> Writer:
    return lambda path: path.write_bytes(pickle.dumps(value))


@dataclass(frozen=True)
class FileCase:
    name: str
    suffix: str
    notebook: Writer
    pipeline: Writer
    status: str


CASES = [
    FileCase("same bytes", ".bin", text("x"), text("x"), "equal"),
    FileCase("other bytes", ".bin", text("x"), text("y"), "different"),
    FileCase(
        "csv same table",
        ".csv",
        frame_csv([1.0, 2.5]),
        frame_csv([1.0, 2.5], lineterminator="\r\n"),
        "equal",
    ),
    FileCase("csv other table", ".csv", frame_csv([1.0, 2.5]), frame_csv([1.0, 2.0]), "different"),
    FileCase(
        "json indent", ".json", json_file({"a": [1, 2]}, None), json_file({"a": [1, 2]}, 2), "equal"
    ),
    FileCase("json value", ".json", json_file({"a": 1}, 2), json_file({"a": 2}, 2), "different"),
    FileCase("text newline", ".txt", text("a\nb\n"), text("a\r\nb"), "equal"),
    FileCase("text change", ".md", text("a\nb\n"), text("a\nc\n"), "different"),
    FileCase("png same pixels", ".png", png("white", "a"), png("white", "b"), "equal"),
    FileCase("png other pixels", ".png", png("white", "a"), png("black", "a"), "different"),
    FileCase(
        "pickle same value", ".pkl", pickled({"a": 1.0}), pickled({"a": 1.0 + 1e-15}), "equal"
    ),
    FileCase("pickle other value", ".pkl", pickled({"a": 1}), pickled({"a": 2}), "different"),
    FileCase("svg differs", ".svg", text("<svg>1</svg>"), text("<svg>2</svg>"), "not compared"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_compare_files(case: FileCase, tmp_path: Path) -> None:
    notebook, pipeline = tmp_path / f"nb{case.suffix}", tmp_path / f"pl{case.suffix}"
    case.notebook(notebook)
    case.pipeline(pipeline)
    outcome = compare_files(notebook, pipeline)
    assert outcome.status == case.status, outcome.detail


def test_missing_pipeline_file_is_different(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("a\n1\n")
    assert compare_files(tmp_path / "a.csv", tmp_path / "missing.csv").status == "different"


def test_versioned_dataset_uses_newest_version(tmp_path: Path) -> None:
    folder = tmp_path / "model.pkl"
    for stamp, value in (("2026-01-01T00.00.00.000Z", 1), ("2026-01-02T00.00.00.000Z", 2)):
        (folder / stamp).mkdir(parents=True)
        (folder / stamp / "model.pkl").write_bytes(pickle.dumps(value))
    assert latest_version(folder).parent.name.startswith("2026-01-02")
    (tmp_path / "nb.pkl").write_bytes(pickle.dumps(2))
    assert compare_files(tmp_path / "nb.pkl", folder).status == "equal"
