"""Fixtures shared by the end-to-end tests (marked ``e2e``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import BIN, write_kernelspec


@pytest.fixture(scope="session")
def kernel_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JUPYTER_PATH folder holding a kernelspec that runs this interpreter (sys.executable)."""
    return write_kernelspec(tmp_path_factory.mktemp("jupyter"))


def _console_script(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        pytest.fail(
            f"{path} not found: install nb2pipe into this interpreter's environment "
            f"(`{BIN / 'pip'} install -e '.[test]'`)",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="session")
def nb2pipe_bin() -> Path:
    """The `nb2pipe` console script next to this interpreter."""
    return _console_script("nb2pipe")


@pytest.fixture(scope="session")
def kedro_bin() -> Path:
    """The `kedro` console script next to this interpreter."""
    return _console_script("kedro")
