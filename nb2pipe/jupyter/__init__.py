"""jupyter_server extension of nb2pipe: preview, apply and status endpoints under ``/nb2pipe/``.

Enabled automatically by ``etc/jupyter/jupyter_server_config.d/nb2pipe.json``, which the wheel
installs; the JupyterLab side is the prebuilt labextension in ``nb2pipe/labextension``.
Importing this package needs neither jupyter_server nor tornado: only loading the extension does.
"""

from __future__ import annotations

from typing import Any


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "nb2pipe.jupyter"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    from .handlers import setup_handlers

    setup_handlers(server_app)


def _unload_jupyter_server_extension(server_app: Any) -> None:
    from .handlers import teardown

    teardown(server_app)
