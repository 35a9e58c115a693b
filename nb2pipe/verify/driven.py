"""Where `nb2pipe verify` runs a source: the folder its driver script gives, else its own.
What runs, and in which order, comes with the conversion (`Generated.runs`,
`drivers.run_book`)."""

from __future__ import annotations

from pathlib import Path

from ..model import Source


def run_folder(root: Path, source: Source) -> Path:
    """Where a source's code runs: the folder its driver gives, else its own."""
    return root / source.workdir if source.workdir else (root / source.path).parent
