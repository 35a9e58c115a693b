"""What a conversion reads before it plans: the folder paths are relative to, the scripts
and notebooks shell scripts run (refused outside that folder), a bash script with the Python
scripts it calls, and the analysis of a source on readers' snapshot of the disk, grown as the
analysis asks (`Seen`: analysis itself never reads the disk). `api` puts them together."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

from .analysis import analyze
from .errors import InputError
from .model import Diagnostic, Source, SourceFacts
from .model.disk import DiskSnapshot
from .model.shell import BashScript
from .options import Options
from .readers import read
from .readers.disk_view import UnseenPaths
from .readers.workspace import covering, take

T = TypeVar("T")


class Seen:
    """Readers' snapshot of the disk, grown as analyses ask about paths it does not cover: each
    such analysis runs again on the grown snapshot (`analysis.analyze` never reads the disk)."""

    def __init__(self, disk: DiskSnapshot) -> None:
        self.disk = disk

    def until_covered(self, run: Callable[[], T]) -> T:
        """``run()``, again after each `UnseenPaths`, with those paths read into the snapshot."""
        while True:
            try:
                return run()
            except UnseenPaths as unseen:
                if unseen.missing <= self.disk.kinds.keys() and unseen.unread <= self.disk.texts.keys():
                    raise RuntimeError(f"analysis asked again about {unseen}: a bug") from None
                self.disk = covering(self.disk, unseen.missing, unseen.unread)

    def analyze(self, source: Source, options: Options) -> SourceFacts:
        return self.until_covered(lambda: analyze(source, options, self.disk))


def analyze_on_disk(source: Source, options: Options = Options(), folders: Sequence[Path] = ()
                    ) -> SourceFacts:
    """``source``'s facts as a conversion finds them: analysed on readers' snapshot of
    ``folders`` (and of the source's own folder), grown as the analysis asks (tests, tools)."""
    return Seen(take(folders, [Path(source.abspath).parent])).analyze(source, options)


def read_called(paths: Sequence[str], sources: Sequence[Source], root: Path) -> list[Source]:
    """The Python scripts, notebooks and shell scripts shell scripts run that are not sources
    already (plain `.py` files; notebooks and scripts when only the script was given)."""
    known = {str(s.path) for s in sources}
    found = []
    for path in paths:
        file = root / path
        if path not in known and file.suffix in (".py", ".ipynb", ".sh") and file.is_file():
            try:
                found.append(read(file, root))
            except InputError:
                continue
    return found


def refuse_outside(runs: Mapping[str, str], root: Path) -> None:
    """A script runs a notebook or script outside the folder converted: the project could not
    run it (it is neither converted nor copied), so say which folder to convert instead."""
    problems = []
    for path, caller in sorted(runs.items()):
        file = (root / path).resolve()
        if file.suffix not in (".py", ".ipynb", ".sh") or file.is_relative_to(root):
            continue
        if file.is_file():
            folder = Path(os.path.commonpath([root, file]))
            message = (
                f"runs {relative_to_cwd(file)}, outside the folder converted "
                f"({relative_to_cwd(root)}): convert a folder holding "
                f"both, e.g. `nb2pipe convert {relative_to_cwd(folder)}`"
            )
            problems.append(Diagnostic("error", "run-outside-root", message, caller))
    if problems:
        raise InputError(problems)


def relative_to_cwd(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def read_bash(path: str | Path, root: str | Path, start: str | None = None) -> BashScript:
    """The steps of a bash script, with the Python scripts it calls (under ``root``) read, so
    their argparse/click/sys.argv arguments are bound to the call's words.

    Args:
        path: The script.
        root: The conversion root: paths in the result are relative to it when inside it.
        start: Directory the script is run from, relative to the root; default: its own folder.

    Raises:
        OSError: If the script cannot be read.
    """
    from .analysis.shell.steps import script_facts  # noqa: PLC0415 (tree-sitter: only for scripts)

    script_path, root_path = Path(path).resolve(), Path(root).resolve()
    text = script_path.read_text(encoding="utf-8", errors="replace")
    try:
        source = script_path.relative_to(root_path).as_posix()
    except ValueError:
        source = script_path.as_posix()
    first = script_facts(text, source, root_path.as_posix(), start)
    called = sorted({c.script for s in first.steps for c in s.python if c.script.endswith(".py")})
    texts = {}
    for name in called:
        file = root_path / name
        if not name.startswith("/") and file.is_file():
            texts[name] = file.read_text(encoding="utf-8", errors="replace")
    if not texts:
        return first
    return script_facts(text, source, root_path.as_posix(), start, texts)


def common_root(paths: Sequence[Path]) -> Path:
    """The folder conversion paths are relative to: the folder given, or the files' common parent."""
    resolved = [p.resolve() for p in paths]
    parents = [p if p.is_dir() else p.parent for p in resolved]
    root = parents[0]
    for parent in parents[1:]:
        while root not in (parent, *parent.parents):
            root = root.parent
    return root
