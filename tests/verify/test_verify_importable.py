"""Unpickling the pipeline's values finds the project's own classes, even when a module of the
same package name was loaded before in this process (another generated project, a user's
package): `orchestrate.importable` sets the other aside and puts it back after."""

from __future__ import annotations

import pickle
import sys
import types
from pathlib import Path

from nb2pipe.verify.orchestrate import importable


def test_a_project_class_unpickles_while_a_same_named_package_is_loaded(tmp_path: Path) -> None:
    package = tmp_path / "src" / "shadowed_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "nodes.py").write_text(
        "class Tally:\n    def __init__(self, n):\n        self.n = n\n"
    )
    with importable(tmp_path / "src"):
        from shadowed_pkg.nodes import Tally  # type: ignore[import-not-found]

        pickled = pickle.dumps(Tally(5))
    other = types.ModuleType("shadowed_pkg")
    other.__path__ = []  # a package elsewhere, without `nodes`
    sys.modules["shadowed_pkg"] = other
    try:
        with importable(tmp_path / "src"):
            value = pickle.loads(pickled)  # noqa: S301 - written above
        assert type(value).__name__ == "Tally" and value.n == 5
        assert sys.modules["shadowed_pkg"] is other
        assert "shadowed_pkg.nodes" not in sys.modules
    finally:
        sys.modules.pop("shadowed_pkg", None)
