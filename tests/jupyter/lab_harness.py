"""A real JupyterLab on 127.0.0.1 driven by headless Debian chromium (Python Playwright).

Shared by the browser tests (test_jupyter_browser.py) and scripts/screenshot_jupyterlab.py.
The lab loads this checkout's server extension and its committed labextension bundle
(nb2pipe/labextension), whether or not nb2pipe is pip-installed, and runs with isolated config,
data, runtime, settings and workspace folders. No browser is downloaded: Playwright drives the
system chromium (``apt-get install -y chromium``).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_notebooks"
CHROMIUM = os.environ.get("NB2PIPE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
INSTALL_HINT = (
    "apt-get install -y chromium && "
    'pip install -e ".[test,jupyter]" playwright "pytest-jupyter[server]"'
)


def missing_requirements() -> str | None:
    """Why the browser tests cannot run here (None when they can)."""
    if not Path(CHROMIUM).exists():
        return f"chromium not found at {CHROMIUM}"
    for module in ("playwright", "jupyterlab", "jupyter_server"):
        try:
            __import__(module)
        except ImportError:
            return f"Python package {module!r} not installed"
    return None


@dataclass
class Lab:
    base: str
    token: str
    root: Path
    home: Path
    log: Path
    proc: subprocess.Popen[bytes]

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}/{path.lstrip('/')}{sep}token={self.token}"

    def api(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """Call the server with the token (no XSRF needed for token auth)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.base}/{path.lstrip('/')}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read().decode()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            text = error.read().decode()
            return error.code, json.loads(text) if text else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _isolated_jupyter(home: Path) -> dict[str, str]:
    """Config and data folders for the lab: the extension enabled, the news toast silenced."""
    config, data = home / "config", home / "data"
    config.mkdir(parents=True, exist_ok=True)
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"ServerApp": {"jpserver_extensions": {"nb2pipe.jupyter": True}}})
    )
    # this checkout's bundle, found before any pip-installed copy (JUPYTER_PATH comes first)
    labext = data / "labextensions"
    labext.mkdir(parents=True, exist_ok=True)
    link = labext / "nb2pipe"
    if not link.exists():
        link.symlink_to(REPO / "nb2pipe" / "labextension", target_is_directory=True)
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
    pythonpath = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return dict(
        os.environ,
        JUPYTER_CONFIG_DIR=str(config),
        JUPYTER_PATH=str(data),
        JUPYTER_RUNTIME_DIR=str(home / "runtime"),
        PYTHONPATH=pythonpath,
        KEDRO_DISABLE_TELEMETRY="1",
        DO_NOT_TRACK="1",
    )


@contextlib.contextmanager
def running_lab(root: Path, home: Path, timeout: float = 90) -> Iterator[Lab]:
    """Start ``jupyter lab`` on 127.0.0.1 serving ``root``; stop its process group after."""
    env = _isolated_jupyter(home)
    port, token = _free_port(), secrets.token_hex(16)
    log_path = home / "lab.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            "--ServerApp.allow_root=True",  # CI runs as root
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",  # window.jupyterapp
            f"--LabApp.workspaces_dir={home / 'workspaces'}",
            f"--LabApp.user_settings_dir={home / 'settings'}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True, cwd=root,
    )  # fmt: skip
    lab = Lab(f"http://127.0.0.1:{port}", token, root, home, log_path, proc)
    try:
        deadline = time.time() + timeout
        while True:
            try:
                with urllib.request.urlopen(lab.url("api/status"), timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(
                        "jupyter lab did not start:\n" + log_path.read_text()[-4000:]
                    ) from None
                time.sleep(0.3)
        yield lab
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)  # our own process group only (start_new_session)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
        log.close()


@contextlib.contextmanager
def browser_page(lab: Lab, width: int = 1500, height: int = 950) -> Iterator[Any]:
    """A chromium page on the lab (JupyterLab loaded, app restored)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            page = context.new_page()
            page.console_messages = []  # type: ignore[attr-defined]
            page.on("console", lambda m: page.console_messages.append(m.text))
            page.goto(lab.url("lab"))
            page.wait_for_function(
                "() => window.jupyterapp && window.jupyterapp.commands", timeout=60_000
            )
            page.evaluate("() => window.jupyterapp.restored")
            yield page
            context.close()
        finally:
            browser.close()


def open_notebook(page: Any, path: str) -> None:
    """Open a notebook and wait until its kernel is idle (before that it steals the focus back)."""
    page.evaluate("p => window.jupyterapp.commands.execute('docmanager:open', {path: p})", path)
    page.wait_for_function(
        """p => { const w = window.jupyterapp.shell.currentWidget;
                  return w?.context?.path === p && w.content.widgets.length > 0; }""",
        arg=path,
        timeout=30_000,
    )
    page.wait_for_function(
        """() => { const k = window.jupyterapp.shell.currentWidget?.sessionContext?.session?.kernel;
                   return k && k.status === 'idle' && k.connectionStatus === 'connected'; }""",
        timeout=90_000,
    )


def open_palette(page: Any) -> Any:
    """Ctrl+Shift+C, then check the modal palette *stays* open (focus can be stolen back)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    palette = page.locator("#modal-command-palette")
    page.locator(".jp-NotebookPanel:visible .jp-Cell").first.click()
    for _ in range(10):
        page.keyboard.press("Control+Shift+c")
        try:
            palette.wait_for(state="visible", timeout=1000)
            page.wait_for_timeout(300)
            if palette.is_visible():
                return palette
        except PlaywrightTimeout:
            pass
    raise AssertionError("the command palette did not open")


def accept_dialog(page: Any, target: str | None = None, **options: bool) -> None:
    """Fill the nb2pipe dialog (target, option boxes) and press Preview."""
    dialog = page.locator(".jp-Dialog .nb2pipe-Dialog")
    dialog.wait_for(state="visible", timeout=10_000)
    if target is not None:
        page.locator(".jp-Dialog input.nb2pipe-target").fill(target)
    for name, value in options.items():
        box = page.locator(f".jp-Dialog input[type=checkbox][name={name}]")
        box.set_checked(value)
    page.locator(".jp-Dialog .jp-mod-accept").click()
    dialog.wait_for(state="detached", timeout=10_000)


def wait_panel(
    page: Any, target: str, states: tuple[str, ...] = ("done",), timeout: float = 120_000
) -> Any:
    """The result panel of ``target``, once in one of ``states`` (and shown)."""
    selector = f'.nb2pipe-ResultPanel[data-target="{target}"]'
    page.wait_for_function(
        """([selector, states]) => [...document.querySelectorAll(selector)]
              .some(p => p.offsetParent !== null && states.includes(p.dataset.state))""",
        arg=[selector, list(states)],
        timeout=timeout,
    )
    return page.locator(selector)


def panel_files(panel: Any) -> dict[str, str]:
    """path → status of the files in the result panel's tree."""
    rows = panel.locator(".nb2pipe-tree-file").evaluate_all(
        "els => els.map(e => [e.dataset.path, e.dataset.status])"
    )
    return dict(rows)


def copy_samples(dest: Path, notebooks: tuple[str, ...] = ("01_ingest_clean.ipynb",)) -> None:
    """Sample notebooks and their raw data, laid out as in sample_notebooks/."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in notebooks:
        shutil.copy2(SAMPLES / name, dest / name)
    raw = dest / "data" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    for csv in (SAMPLES / "data" / "raw").iterdir():
        shutil.copy2(csv, raw / csv.name)


def cli_convert(notebook: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``nb2pipe convert <notebook> -o <out>`` run as a user would (console script if installed)."""
    script = Path(sys.executable).with_name("nb2pipe")
    cmd = (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from nb2pipe.cli import app; app()"]
    )
    env = dict(os.environ, KEDRO_DISABLE_TELEMETRY="1", DO_NOT_TRACK="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return subprocess.run(
        [*cmd, "convert", str(notebook), "-o", str(out), *extra],
        cwd=notebook.parent, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``: relative posix path → bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
