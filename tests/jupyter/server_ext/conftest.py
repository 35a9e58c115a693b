"""pytest-jupyter's server fixtures, for the handler tests in this folder only.

`pytest_plugins` is only allowed in the top-level conftest, so the fixtures (and the two hooks
that run async tests) are imported here: they apply to this folder and nothing else.
"""

from __future__ import annotations

import os

import pytest

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

try:
    import jupyter_server  # noqa: F401
    from pytest_jupyter.jupyter_server import *  # noqa: F403

    MISSING = None
except ImportError as error:  # pragma: no cover - depends on the environment
    if CI:
        raise
    MISSING = f'{error.name} not installed: pip install -e ".[jupyter]" "pytest-jupyter[server]"'


@pytest.fixture
def jp_server_config():
    return {
        "ServerApp": {
            "jpserver_extensions": {"nb2pipe.jupyter": True},
            "allow_unauthenticated_access": False,
        }
    }
