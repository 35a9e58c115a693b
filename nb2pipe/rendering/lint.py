"""What ``ruff check`` (its default rules) still finds in the modules holding the notebook's own
code, once `pyformat.TIDY_RULES` fixed what generating them left behind: findings about how the
notebook author wrote the code that no fix keeps the behaviour of. They are kept as written; the
generated pyproject.toml says so per file (``[tool.ruff.lint.per-file-ignores]``, each rule with
its reason), so ``ruff check`` in the project folder passes, and ``convert`` says so in a note.
A rule not in `KEPT_RULES` is never ignored: its findings stay visible (a generation bug, or a
fix to add to `TIDY_RULES`).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path

from ruff.__main__ import find_ruff_bin

from ..model import Diagnostic

#: Rules whose findings in the notebook's code are the author's design, kept as written, and
#: why no fix is applied (each rule is in ruff's default set). Please add a row only for a rule
#: no behaviour-preserving fix exists for; one that has such a fix belongs in `TIDY_RULES`.
KEPT_RULES: dict[str, str] = {
    "PLR1704": "a loop variable or `with` target reusing an argument's name: renaming changes "
               "which value later statements read",
    "RUF012": "a mutable class attribute (shared by every instance) the notebook relies on",
    "BLE001": "`except Exception`: narrowing it would let errors through the notebook caught",
    "UP031": "a `%` format: as an f-string a tuple or mapping argument formats differently",
    "F811": "a function the notebook defined again (`add = lambda ...`, later `def add`): "
            "the module keeps both, in the notebook's order",
    "I001": "imports binding one name to two modules (`import numpy as np`, `from autograd "
            "import numpy as np`): their order decides which one the code sees",
    "RUF059": "an unpacked name the notebook never reads but binds again (`fig, ax = "
              "plt.subplots()` twice): ruff has no fix for a name bound twice",
    "E722": "a bare `except:`: it also catches KeyboardInterrupt and SystemExit, as written",
    "E731": "a lambda bound to a name: a `def` would change its `__name__` (seen in reprs)",
    "E741": "a name like `l` or `O`: renaming it changes the dataset and parameter names",
}


#: Findings by (every module's path and text, the paths checked): converting again checks only
#: a project that changed. Bounded: the oldest half is dropped when it is full.
Key = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]
_CACHE: dict[Key, dict[str, tuple[str, ...]]] = {}
CACHE_SIZE = 64


def kept_findings(modules: Mapping[str, str], checked: Collection[str]
                  ) -> dict[str, tuple[str, ...]]:
    """The `KEPT_RULES` ruff finds in each ``checked`` module (by project path), for those with
    any; ``modules``: all the project's Python modules (ruff finds the package among them).
    Checked in a folder of its own unless formatting checked them in its folder (`checker`)."""
    if not checked:
        return {}
    key = (tuple(sorted(modules.items())), tuple(sorted(checked)))
    if key not in _CACHE:
        with tempfile.TemporaryDirectory(prefix="nb2pipe-lint-") as folder:
            for path, text in modules.items():  # at their project paths: ruff sees the package
                file = Path(folder, path)
                file.parent.mkdir(parents=True, exist_ok=True)
                file.write_text(text, encoding="utf-8")
            _remember(key, check_in(folder, key[1]))
    return dict(_CACHE[key])


def checker(checked: Collection[str]) -> Callable[[str, Mapping[str, str]], None]:
    """What `pyformat.format_many` calls with its folder (every module at its project path, as
    formatted): the ``checked`` modules' findings found there, for `kept_findings` to answer."""

    def check(folder: str, modules: Mapping[str, str]) -> None:
        key = (tuple(sorted(modules.items())), tuple(sorted(checked)))
        if checked and key not in _CACHE:
            _remember(key, check_in(folder, key[1]))

    return check


def check_in(folder: str, checked: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The `KEPT_RULES` findings of the ``checked`` modules of the project laid out in
    ``folder``."""
    result = subprocess.run(
        [find_ruff_bin(), "check", "--isolated", "--no-cache", "--exit-zero",
         "--select", ",".join(KEPT_RULES), "--output-format", "json", *checked],
        cwd=folder, capture_output=True, check=False)
    try:
        findings = json.loads(result.stdout or b"[]")
    except ValueError:  # ruff itself failed: nothing is ignored, `ruff check` shows it all
        findings = []
    codes: dict[str, set[str]] = {}
    for finding in findings:  # a syntax error has no code: never ignored
        if finding.get("code") in KEPT_RULES:
            path = Path(finding["filename"]).resolve().relative_to(Path(folder).resolve()).as_posix()
            codes.setdefault(path, set()).add(finding["code"])
    return {path: tuple(sorted(found)) for path, found in sorted(codes.items())}


def _remember(key: Key, found: dict[str, tuple[str, ...]]) -> None:
    if len(_CACHE) >= CACHE_SIZE:
        for old in list(_CACHE)[: CACHE_SIZE // 2]:
            del _CACHE[old]
    _CACHE[key] = found


def kept_notes(kept: Mapping[str, tuple[str, ...]]) -> tuple[Diagnostic, ...]:
    """One info note per module whose findings are kept as the notebook wrote them."""
    return tuple(
        Diagnostic("info", "lint-kept",
                   f"{path}: ruff's {', '.join(codes)} kept as the notebook wrote it (no fix keeps "
                   "its behaviour); pyproject.toml ignores them for this file, saying why")
        for path, codes in kept.items())
