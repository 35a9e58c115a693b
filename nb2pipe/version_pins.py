"""Version pins for requirements.txt, read from this or another Python environment.

Top-level import names map to installed distributions through
``importlib.metadata.packages_distributions()`` (``sklearn`` → ``scikit-learn``). Another
interpreter (a notebook kernel's) is asked by running a small script in it that prints JSON.
kedro and kedro-datasets are always pinned from the running environment: the generated project
is written for the Kedro that nb2pipe itself runs with.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
from collections.abc import Iterable

from .errors import InputError
from .model import Diagnostic

#: Distribution to require for a module that is imported but not installed. Please add rows
#: for import names that differ from their distribution's name.
KNOWN_DISTRIBUTIONS: dict[str, str] = {
    "sklearn": "scikit-learn",
    "skimage": "scikit-image",
    "cv2": "opencv-python",
    "PIL": "pillow",
    "yaml": "pyyaml",
    "bs4": "beautifulsoup4",
    "dateutil": "python-dateutil",
    "dotenv": "python-dotenv",
    "Bio": "biopython",
    "docx": "python-docx",
    "jwt": "pyjwt",
}

#: Always pinned from the running environment.
KEDRO_DISTRIBUTIONS = ("kedro", "kedro-datasets")

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?")

#: Runs in the other interpreter: argv[1] is {"modules": [...], "dists": [...]}.
_PROBE = """
import importlib.metadata as m, json, sys
query = json.loads(sys.argv[1])
mapping = m.packages_distributions()
def version(name):
    try:
        d = m.distribution(name)
        return [d.metadata["Name"], d.version]
    except m.PackageNotFoundError:
        return None
print(json.dumps({
    "stdlib": sorted(getattr(sys, "stdlib_module_names", ())),
    "modules": {
        mod: [version(d) for d in sorted(set(mapping.get(mod, [])))] for mod in query["modules"]
    },
    "dists": {name: version(name) for name in query["dists"]},
}))
"""


def pins(
    modules: tuple[str, ...], pip_installs: tuple[str, ...], python: str | None
) -> tuple[str, ...]:
    """Requirement lines for the modules the sources import and the packages they pip-install.

    Args:
        modules: top-level module names (``sklearn``, ``pandas``); stdlib ones are skipped.
        pip_installs: requirement strings from ``!pip install`` lines; pinned when installed,
            else kept as written.
        python: another interpreter whose installed versions to pin (default: this one).

    Returns:
        ``name==version`` lines (plus unpinned ones), sorted, without duplicates, always
        including kedro and kedro-datasets.

    Raises:
        InputError: ``python`` cannot be run or does not answer.
    """
    pip_installs = tuple(r for r in pip_installs if r.strip() and not r.strip().startswith("-"))
    names = [_requirement_name(r) for r in pip_installs]
    report = _probe(python, modules, names) if python else _local_report(modules, names)
    stdlib = set(report["stdlib"])
    lines: dict[str, str] = {}
    for module in sorted(set(modules)):
        if module.split(".")[0] in stdlib:
            continue
        found = [v for v in report["modules"].get(module, []) if v]
        for name, version in found or [(KNOWN_DISTRIBUTIONS.get(module, module), None)]:
            lines.setdefault(_canonical(name), _pin(name, version))
    for requirement, name in zip(pip_installs, names, strict=True):
        found = report["dists"].get(name)
        extras = _extras(requirement)
        line = _pin(found[0] + extras, found[1]) if found else requirement.strip()
        lines[_canonical(name)] = line
    for name in KEDRO_DISTRIBUTIONS:
        lines[name] = f"{name}=={importlib.metadata.version(name)}"
    return tuple(lines[key] for key in sorted(lines))


def kedro_version() -> str:
    """The installed kedro's version (``kedro_init_version`` of generated projects)."""
    return importlib.metadata.version("kedro")


def _local_report(modules: Iterable[str], dists: Iterable[str]) -> dict:
    modules = [m for m in modules if m.split(".")[0] not in sys.stdlib_module_names]
    mapping = _distributions_of(modules)
    return {
        "stdlib": sorted(sys.stdlib_module_names),
        "modules": {m: [_version(d) for d in sorted(set(mapping.get(m, [])))] for m in modules},
        "dists": {name: _version(name) for name in dists},
    }


def _distributions_of(modules: Iterable[str]) -> dict[str, list[str]]:
    """Module → the distributions that install it. Most distributions are named like their module
    (or as KNOWN_DISTRIBUTIONS says): that one distribution's file list settles it. Only the rest
    pay for ``packages_distributions``, which reads every installed distribution (~0.4 s)."""
    found: dict[str, list[str]] = {}
    for module in modules:
        name = KNOWN_DISTRIBUTIONS.get(module, module)
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue
        if _installs(dist, module):
            found[module] = [dist.metadata["Name"]]
    missing = [m for m in modules if m not in found]
    if missing:
        everything = importlib.metadata.packages_distributions()
        found.update({m: list(everything[m]) for m in missing if m in everything})
    return found


def _installs(dist: importlib.metadata.Distribution, module: str) -> bool:
    """The distribution's top_level.txt or RECORD names ``module`` as a package or a module."""
    top_level = dist.read_text("top_level.txt")
    if top_level is not None and module in top_level.split():
        return True
    record = dist.read_text("RECORD") or ""
    return any(line.startswith((f"{module}/", f"{module}.py,", f"{module}.")) for line in record.splitlines())


def _version(name: str) -> list[str] | None:
    try:
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return None
    return [dist.metadata["Name"], dist.version]


def _probe(python: str, modules: Iterable[str], dists: Iterable[str]) -> dict:
    query = json.dumps({"modules": sorted(set(modules)), "dists": sorted(set(dists))})
    try:
        result = subprocess.run(
            [python, "-c", _PROBE, query], capture_output=True, text=True, timeout=120, check=True
        )
        return json.loads(result.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as error:
        message = f"cannot read the installed packages of {python}: {error}"
        raise InputError([Diagnostic("error", "python-environment", message)]) from error


def _pin(name: str, version: str | None) -> str:
    return f"{name}=={version}" if version else name


def _requirement_name(requirement: str) -> str:
    """The distribution a requirement names: `pandas>=2` → pandas; a URL or VCS requirement
    (`git+https://host/x.git`) names its `#egg=`, else it stands for itself."""
    text = requirement.strip()
    if "://" in text.split(" @ ")[0] or text.startswith(("git+", "hg+", "svn+", "bzr+")):
        egg = re.search(r"[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)", text)
        return egg.group(1) if egg else text
    match = _NAME.match(text)
    return match.group(1) if match else text


def _extras(requirement: str) -> str:
    if "://" in requirement.split(" @ ")[0]:
        return ""
    match = _NAME.match(requirement)
    return (match.group(2) or "") if match else ""


def _canonical(name: str) -> str:
    """PEP 503 normalised distribution name (the sort and deduplication key)."""
    return re.sub(r"[-_.]+", "-", name).lower()
