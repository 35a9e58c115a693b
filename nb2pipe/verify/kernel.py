"""A Jupyter kernel for the running interpreter, from a kernelspec in a temporary folder.

User-level kernelspecs are never consulted: the notebook runs on ``sys.executable``, the same
interpreter (and packages) the generated pipeline runs on.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

KERNEL_NAME = "nb2pipe-verify"

#: Environment variables that would change how the notebook behaves under nbclient.
#: MPLBACKEND=Agg (set by CI, or by us for the pipeline) would hide every figure.
DROPPED_ENV = ("MPLBACKEND",)
KERNEL_ENV = {"PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def hash_seed(number: int) -> str:
    """PYTHONHASHSEED of notebook run ``number`` (0 for the first): the environment's, else
    ``number + 1``. `kedro run` gets run 0's seed, so a value that hangs on the order of a set of
    strings (`s.pop()`, `list(s)`) comes out of the pipeline as out of that run; the next run has
    another seed, so such a value is "not reproducible" rather than equal or different by chance.
    """
    return os.environ.get("PYTHONHASHSEED") or str(number + 1)


def write_kernelspec(folder: Path, name: str = KERNEL_NAME, seed: str = "") -> Path:
    """Write ``folder/kernels/<name>/kernel.json`` (default nb2pipe-verify) for ``sys.executable``;
    with ``seed``, the kernel runs with that PYTHONHASHSEED (`hash_seed`).

    Returns:
        The ``kernels`` folder, to give to a `KernelSpecManager` as its only ``kernel_dirs``.
    """
    kernels = folder / "kernels"
    spec_dir = kernels / name
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}",
                 # no history database: capture cells give their history numbers back
                 # (capture.UNCOUNTED), which a database would refuse to store twice
                 "--HistoryManager.enabled=False"],
        "display_name": f"Python ({sys.executable})",
        "language": "python",
        "metadata": {"debugger": False},
        **({"env": {"PYTHONHASHSEED": seed}} if seed else {}),
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return kernels


def kernel_manager(kernels: Path) -> Any:  # jupyter_client is imported lazily
    """An async kernel manager that only knows the kernelspec in ``kernels``."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager

    specs = KernelSpecManager(kernel_dirs=[str(kernels)], ensure_native_kernel=False)
    return AsyncKernelManager(kernel_name=KERNEL_NAME, kernel_spec_manager=specs)


def kernel_env() -> dict[str, str]:
    """The environment the kernel process starts with."""
    env = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    env.update(KERNEL_ENV)
    return env
