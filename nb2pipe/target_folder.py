"""What is at the output folder now, read only: its kind (`inspect_target`: see `writer`'s
docstring), the manifest of the previous conversion and its merge base (``.nb2pipe/base.json``).
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import tomllib

from .errors import OutputError
from .model import Target

MANIFEST = PurePosixPath(".nb2pipe/manifest.json")
#: The merge base: path → the text nb2pipe generated last time (written with every conversion).
BASE = PurePosixPath(".nb2pipe/base.json")


def inspect_target(out: Path) -> Target:
    """Classify the output folder (see the module docstring).

    Raises:
        OutputError: ``out`` exists and is not a folder, or its manifest/pyproject is unreadable.
    """
    if not out.exists():
        return Target(out, "new")
    if not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    package = _kedro_package(out)
    manifest = read_manifest(out)
    if manifest:
        return Target(out, "generated" if manifest.get("scaffold", True) else "kedro", package)
    if package:
        return Target(out, "kedro", package)
    return Target(out, "new")


def _kedro_package(out: Path) -> str | None:
    pyproject = out / "pyproject.toml"
    if not pyproject.is_file():
        return None
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise OutputError(f"cannot read {pyproject}: {error}") from error
    kedro = data.get("tool", {}).get("kedro")
    return str(kedro.get("package_name")) if isinstance(kedro, dict) else None


def read_manifest(out: Path) -> dict[str, object]:
    """The manifest of the previous conversion into ``out`` ({} when there is none)."""
    path = out / MANIFEST
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OutputError(f"cannot read {path}: {error}") from error
    return data if isinstance(data, dict) else {}


def read_base(out: Path) -> dict[str, str]:
    """The merge base: what nb2pipe generated into ``out`` last time ({} when unknown)."""
    path = out / BASE
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except (OSError, ValueError):
        return {}  # unreadable: every edited file is then treated as having no base
    if not isinstance(data, dict):
        return {}
    return {str(k): v for k, v in data.items() if isinstance(v, str)}
