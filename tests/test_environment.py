"""environment: requirement pins from this or another interpreter."""

from __future__ import annotations

import importlib.metadata
import sys

import pytest

from nb2pipe import version_pins
from nb2pipe.errors import InputError

KEDRO = (
    f"kedro=={importlib.metadata.version('kedro')}",
    f"kedro-datasets=={importlib.metadata.version('kedro-datasets')}",
)
YAML = f"PyYAML=={importlib.metadata.version('pyyaml')}"
NUMPY = f"numpy=={importlib.metadata.version('numpy')}"


def test_kedro_is_always_pinned_and_stdlib_skipped():
    assert version_pins.pins(("os", "json", "collections.abc"), (), None) == KEDRO


def test_import_names_map_to_installed_distributions():
    assert version_pins.pins(("yaml", "numpy", "numpy"), (), None) == (*KEDRO, NUMPY, YAML)


def test_missing_modules_are_listed_unpinned_under_their_distribution_name(monkeypatch):
    monkeypatch.setitem(version_pins.KNOWN_DISTRIBUTIONS, "zz_fake_mod", "zz-fake-dist")
    pins = version_pins.pins(("zz_fake_mod", "zz_other_fake"), (), None)
    assert "zz-fake-dist" in pins and "zz_other_fake" in pins


def test_pip_installs_are_pinned_when_installed_else_kept():
    pins = version_pins.pins((), ("pyyaml[extra]>=5", "zz-not-installed>=1.2", "-q", ""), None)
    version = importlib.metadata.version("pyyaml")
    assert pins == (*KEDRO, f"PyYAML[extra]=={version}", "zz-not-installed>=1.2")


def test_another_interpreter_is_asked_with_the_same_answer():
    modules = ("yaml", "numpy", "os", "zz_missing")
    assert version_pins.pins(modules, ("pyyaml",), sys.executable) == version_pins.pins(
        modules, ("pyyaml",), None
    )


def test_an_interpreter_that_does_not_run_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read the installed packages"):
        version_pins.pins(("numpy",), (), str(tmp_path / "no-python"))


def test_kedro_version():
    assert version_pins.kedro_version() == importlib.metadata.version("kedro")


def test_the_named_distribution_shortcut_agrees_with_the_full_scan():
    """Asking the distribution named like the module first (the fast path) finds what reading
    every installed distribution finds, for every importable top-level module here."""
    everything = importlib.metadata.packages_distributions()
    modules = sorted(m for m in everything if m.isidentifier() and not m.startswith("_"))
    fast = version_pins._distributions_of(modules)
    disagree = {m: (sorted(fast.get(m, [])), sorted(set(everything[m]))) for m in modules
                if not set(fast.get(m, [])) <= set(everything[m]) or not fast.get(m)}
    assert not disagree
