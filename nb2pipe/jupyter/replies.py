"""What the JupyterLab endpoints send back: a preview's changed files and diagnostics, and errors
as readable messages (never a traceback; unexpected ones are logged)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError, Nb2PipeError, OutputError, PlanInvariantError
from ..model import CopyFile, Diagnostic
from .paths import is_inside, to_api

log = logging.getLogger(__name__)


def preview_json(preview: Any, root: Path, paths: Sequence[Path]) -> dict[str, Any]:
    files = preview.generated.files
    changes = []
    # kept / merged / conflicted: files the user edited since the last conversion (writer.merged)
    summary = {"added": 0, "modified": 0, "removed": 0, "unchanged": 0,
               "kept": 0, "merged": 0, "conflicted": 0}
    for change in sorted(preview.changes, key=lambda c: str(c.path)):
        content = files.get(change.path)
        summary[change.status] = summary.get(change.status, 0) + 1
        changes.append(
            {
                "path": str(change.path),
                "status": change.status,
                "diff": change.diff,
                "kind": file_kind(content),
                "conflicts": list(change.conflicts),
                "note": change.note,
            }
        )
    return {
        "files": changes,
        "diagnostics": [diagnostic_json(d, root, paths) for d in preview.generated.diagnostics],
        "fingerprint": preview.fingerprint,
        "summary": summary,
    }


def diagnostic_json(diag: Diagnostic, root: Path, paths: Sequence[Path]) -> dict[str, Any]:
    return {
        "level": diag.level,
        "code": diag.code,
        "message": diag.message,
        "source": diag.source,
        "cell": diag.cell,
        "line": diag.line,
        # where JupyterLab can open it (contents-API path), if it is a file under the root
        "path": source_api_path(diag.source, root, paths),
        "text": str(diag),
    }


def error_json(error: BaseException, root: Path, paths: Sequence[Path]) -> dict[str, Any]:
    """A readable error for the UI (never a traceback; unexpected ones are logged)."""
    if isinstance(error, InputError):
        problems = [diagnostic_json(d, root, paths) for d in error.problems]
        first = problems[0]["text"] if problems else ""
        count = f"{len(problems)} problems" if len(problems) != 1 else "1 problem"
        return {
            "kind": "input",
            "message": f"nb2pipe cannot convert the input ({count}): {first}",
            "problems": problems,
        }
    if isinstance(error, OutputError):
        return {"kind": "output", "message": f"nb2pipe cannot write the target: {error}"}
    if isinstance(error, Nb2PipeError):
        return {"kind": "nb2pipe", "message": f"nb2pipe: {error}"}
    if isinstance(error, PermissionError):
        return {"kind": "output", "message": f"permission denied: {error.filename or error}"}
    if isinstance(error, PlanInvariantError):
        log.error("nb2pipe: broken invariant", exc_info=error)
        return {
            "kind": "internal",
            "message": f"nb2pipe hit a bug: {error.line()}",
        }
    log.error("nb2pipe: conversion failed", exc_info=error)
    return {
        "kind": "internal",
        "message": f"nb2pipe failed unexpectedly ({type(error).__name__}: {error}); "
        "details are in the Jupyter server log",
    }


def source_api_path(source: str, root: Path, paths: Sequence[Path]) -> str | None:
    """The contents-API path of a diagnostic's source file, if it is a file under the root."""
    if not source:
        return None
    candidates = [Path(source)] if Path(source).is_absolute() else []
    if paths:
        from ..api import common_root

        candidates.append(common_root(paths) / source)
    candidates.append(root / source)
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
        except OSError:
            continue
        if resolved.is_file() and is_inside(resolved, root):
            return to_api(resolved, root)
    return None


def file_kind(content: object) -> str:
    if isinstance(content, CopyFile):
        return "copy"
    if isinstance(content, bytes):
        return "binary"
    return "text"
