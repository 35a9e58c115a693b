"""Shared pytest options: `--update-golden` rewrites the expected trees of tests/cases."""

from __future__ import annotations

import pytest
from hypothesis import settings

# Hypothesis properties check what code computes, never how fast: a per-example deadline fails
# them on a loaded machine (CI's or a developer's), so none applies (speed lives in benchmarks/).
settings.register_profile("nb2pipe", deadline=None)
settings.load_profile("nb2pipe")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/cases/*/expected")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
