"""The committed labextension bundle is present, complete, wired into the wheel, and fresh.

Node-free: `jlpm build:prod` writes js/bundle-stamp.txt, a sha256 over the bundle's inputs
(js/stamp.mjs); this recomputes it. A byte-for-byte rebuild cannot be the check: the bundle's
module ids depend on the checkout path.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
JS = REPO / "js"
BUNDLE = REPO / "nb2pipe" / "labextension"
#: Keep in sync with INPUTS in js/stamp.mjs.
INPUTS = ["package.json", "yarn.lock", "tsconfig.json", "src", "style", "schema"]
REBUILD = "cd js && jlpm install && jlpm build:prod  (needs node and `pip install jupyter-builder`)"


def stamp() -> str:
    files: list[Path] = []
    for name in INPUTS:
        path = JS / name
        files += [f for f in path.rglob("*") if f.is_file()] if path.is_dir() else [path]
    digest = hashlib.sha256()
    for rel in sorted(f.relative_to(JS).as_posix() for f in files):
        digest.update(rel.encode() + b"\0" + (JS / rel).read_bytes() + b"\0")
    return digest.hexdigest()


def test_bundle_was_built_from_the_current_sources():
    assert (JS / "bundle-stamp.txt").read_text().strip() == stamp(), (
        f"js/ changed since nb2pipe/labextension was built: run `{REBUILD}` and commit "
        "nb2pipe/labextension and js/bundle-stamp.txt"
    )


def test_bundle_is_complete_and_a_production_build():
    meta = json.loads((BUNDLE / "package.json").read_text())
    assert meta["name"] == "nb2pipe"
    static = BUNDLE / "static"
    assert (static / meta["jupyterlab"]["_build"]["load"].removeprefix("static/")).is_file()
    assert (static / "style.js").is_file()
    assert (BUNDLE / "schemas" / "nb2pipe" / "plugin.json").is_file()
    # `jlpm build` (dev) output has source maps and must not be committed
    assert not list(static.glob("*.map")), f"a development build is committed: {REBUILD}"
    on_disk = {p.relative_to(BUNDLE).as_posix() for p in BUNDLE.rglob("*") if p.is_file()}
    assert "install.json" not in on_disk  # written through a `labextension develop` symlink


def test_schema_declares_the_toolbar_button_and_context_menus():
    schema = json.loads((JS / "schema" / "plugin.json").read_text())
    assert schema == json.loads((BUNDLE / "schemas" / "nb2pipe" / "plugin.json").read_text())
    assert [i["command"] for i in schema["jupyter.lab.toolbars"]["Notebook"]] == ["nb2pipe:convert"]
    selectors = {i["selector"] for i in schema["jupyter.lab.menus"]["context"]}
    assert {".jp-Notebook", '.jp-DirListing-item[data-isdir="true"]'} <= selectors


def test_wheel_ships_the_bundle_and_enables_the_server_extension():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    shared = config["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared["nb2pipe/labextension"] == "share/jupyter/labextensions/nb2pipe"
    assert shared["jupyter-config/server-config"] == "etc/jupyter/jupyter_server_config.d"
    enabled = json.loads((REPO / "jupyter-config" / "server-config" / "nb2pipe.json").read_text())
    assert enabled == {"ServerApp": {"jpserver_extensions": {"nb2pipe.jupyter": True}}}
    hook = config["tool"]["hatch"]["build"]["hooks"]["jupyter-builder"]
    assert "nb2pipe/labextension/static/style.js" in hook["ensured-targets"]


def test_importing_the_extension_package_needs_no_jupyter():
    import subprocess

    code = (
        "import sys; sys.modules['jupyter_server'] = None; sys.modules['tornado'] = None\n"
        "import nb2pipe.jupyter as j\n"
        "assert j._jupyter_server_extension_points() == [{'module': 'nb2pipe.jupyter'}]"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
