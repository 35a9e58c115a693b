"""Find the Python interpreter of the notebook's kernel, so requirements are pinned from there.

A conversion started from JupyterLab runs in the server's environment, but the notebook runs in
its kernel's, and the versions in requirements.txt must be the kernel's. The interpreter comes
from the kernelspec (``argv[0]``) of the running kernel, else of the kernelspec the notebook names.
Nothing is run in the kernel.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

#: argv[0] values jupyter_client replaces with the server's own interpreter
#: (KernelManager.format_kernel_cmd).
_SERVER_PYTHON = {
    "python",
    f"python{sys.version_info[0]}",
    "python{}.{}".format(*sys.version_info[:2]),
}


def kernel_python(
    kernel_manager: Any, spec_manager: Any, kernel_id: str | None, notebook: Path | None
) -> str | None:
    """The kernel's interpreter when it differs from the server's, else None."""
    spec = _running_spec(kernel_manager, kernel_id) or _notebook_spec(spec_manager, notebook)
    if spec is None:
        return None
    return python_of_spec(list(getattr(spec, "argv", []) or []), getattr(spec, "language", ""))


def python_of_spec(argv: list[str], language: str) -> str | None:
    """The interpreter of a Python kernelspec, None if it is the server's or not a Python."""
    if (language or "").lower() != "python" or not argv:
        return None
    exe = argv[0]
    if exe in _SERVER_PYTHON:
        return None
    found = exe if os.path.isabs(exe) else shutil.which(exe)
    if not found or not Path(found).name.lower().startswith("python"):
        return None  # a wrapper (conda run, docker...): fall back to the server's environment
    # compare without resolving symlinks: two venvs share the base interpreter's real path
    if os.path.normcase(os.path.abspath(found)) == os.path.normcase(
        os.path.abspath(sys.executable)
    ):
        return None
    return found


def _running_spec(kernel_manager: Any, kernel_id: str | None) -> Any:
    if not kernel_id or kernel_manager is None:
        return None
    try:
        return kernel_manager.get_kernel(kernel_id).kernel_spec
    except Exception:  # unknown id, gateway kernels, spec removed since start
        return None


def _notebook_spec(spec_manager: Any, notebook: Path | None) -> Any:
    if spec_manager is None or notebook is None or notebook.suffix != ".ipynb":
        return None
    try:
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {})
        name = meta.get("kernelspec", {}).get("name")
        return spec_manager.get_kernel_spec(name) if name else None
    except Exception:  # unreadable notebook (reported by the conversion), unknown kernelspec
        return None
