"""The files of the large corpus: a project's tree at its pin, and what a notebook needs.

Read by scripts/build_corpus.py. `Tree` reads a GitHub snapshot (a bare git directory under the
mirror folder) at a commit, or an sdist at a version; the functions below read a notebook's code
statically (stdlib `ast`, magics blanked) to find the local modules it imports, the files its
string literals name, and the reasons it cannot run offline here.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import importlib.metadata
import importlib.util
import json
import posixpath
import re
import subprocess
import sys
import tarfile
from pathlib import Path
from subprocess import PIPE

import nbformat
from corpus_sources import NETWORK, NOT_OFFLINE, Project

MAX_FILE = 4 * 1024 * 1024  # bigger data files are left out (and such notebooks then fail)
DRIVERS = ("*.sh", "Makefile", "pipeline.yaml", "pipeline.yml", "dvc.yaml")


class Tree:
    """The files of one project at its pin: ``files`` (path -> size) and ``read(path)``."""

    def __init__(self, project: Project, mirror: Path, sdists: Path) -> None:
        self.project = project
        if project.source.startswith("pypi:"):
            # one pass over the archive: a .tar.gz read member by member restarts from the top
            with tarfile.open(sdist(project, sdists)) as archive:
                self._data = {
                    m.name.split("/", 1)[1]: archive.extractfile(m).read()  # type: ignore[union-attr]
                    for m in archive
                    if m.isfile() and "/" in m.name and m.size < MAX_FILE
                }
            self.files = {path: len(data) for path, data in self._data.items()}
            return
        repo = mirror / project.source.replace("/", "+") / "repo"
        self._git = str(repo / ".git" if (repo / ".git").is_dir() else repo)
        listing = self._run("ls-tree", "-r", "-l", "-z", project.pin).split("\0")
        self.files = {}
        for line in filter(None, listing):
            meta, path = line.split("\t", 1)
            size = meta.split()[3]
            if size.isdigit():
                self.files[path] = int(size)

    def _run(self, *args: str) -> str:
        return subprocess.run(
            ["git", "--git-dir", self._git, *args], check=True, capture_output=True, text=True
        ).stdout

    def read(self, path: str) -> bytes:
        if self.project.source.startswith("pypi:"):
            return self._data[path]
        if not hasattr(self, "_batch"):  # one `git cat-file --batch` per project, not one per file
            self._batch = subprocess.Popen(
                ["git", "--git-dir", self._git, "cat-file", "--batch"], stdin=PIPE, stdout=PIPE
            )
        stdin, stdout = self._batch.stdin, self._batch.stdout
        stdin.write(f"{self.project.pin}:{path}\n".encode())  # type: ignore[union-attr]
        stdin.flush()  # type: ignore[union-attr]
        header = stdout.readline().split()  # type: ignore[union-attr]
        if len(header) != 3:
            raise FileNotFoundError(f"{self.project.source}@{self.project.pin}: {path}")
        data = stdout.read(int(header[2]))  # type: ignore[union-attr]
        stdout.read(1)  # type: ignore[union-attr]  # the newline after the contents
        return data


def sdist(project: Project, folder: Path) -> Path:
    """The sdist of ``project`` in ``folder``, downloaded with pip if it is not there yet."""
    name = project.source.removeprefix("pypi:")
    prefix = f"{name.lower()}-{project.pin}.".replace("-", "_")  # sdists spell `-` as `_`
    found = (
        [p for p in folder.glob("*.tar.gz") if p.name.lower().replace("-", "_").startswith(prefix)]
        if folder.exists()
        else []
    )
    if not found:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                "-d",
                str(folder),
                f"{name}=={project.pin}",
            ],
            check=True,
        )
        return sdist(project, folder)
    return found[0]


def slug(project: Project) -> str:
    return project.source.replace("pypi:", "pypi__").replace("/", "__")


def is_script(path: str) -> bool:
    """A candidate that is a script (a sphinx-gallery example), not a notebook."""
    return path.endswith(".py")


def code_of(data: bytes, path: str = "") -> list[str]:
    """The code cells of a notebook; a script's whole text as one cell."""
    if is_script(path):
        return [data.decode("utf-8")]
    notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
    return [c.source for c in notebook.cells if c.cell_type == "code"]


def stripped(data: bytes, path: str = "") -> bytes:
    """The notebook without outputs or execution counts (as committed in corpus/). Cells of a
    notebook older than nbformat 4.5 get ids from their position, not random ones. A script
    is kept as it is."""
    if is_script(path):
        return data
    notebook = nbformat.reads(data.decode("utf-8"), as_version=4)
    original = json.loads(data)
    if not all("id" in cell for cell in original.get("cells", [{}])):
        notebook.nbformat_minor = max(notebook.nbformat_minor, 5)  # ids exist from 4.5 on
        for index, cell in enumerate(notebook.cells):
            cell["id"] = f"cell-{index}"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return (nbformat.writes(notebook) + "\n").encode("utf-8")


def parsed(code: list[str]) -> list[ast.Module]:
    """The cells that parse once IPython magics and shell lines are blanked out (a magic or
    shell line becomes ``pass``: it may be the only statement of a block)."""
    trees = []
    for source in code:
        if source.lstrip().startswith("%%"):  # a cell magic: its body may be any language
            trees.append(ast.Module([], []))
            continue
        lines = [
            line[: len(line) - len(line.lstrip())] + "pass"
            if line.lstrip().startswith(("%", "!"))
            else ""
            if line.lstrip().startswith("?") or line.rstrip().endswith("?")
            else line
            for line in source.splitlines()
        ]
        try:
            trees.append(ast.parse("\n".join(lines)))
        except SyntaxError:
            continue
    return trees


def imported(trees: list[ast.Module]) -> set[str]:
    names: set[str] = set()
    for node in (n for tree in trees for n in ast.walk(tree)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def strings(trees: list[ast.Module]) -> set[str]:
    return {
        n.value
        for tree in trees
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant)
        and isinstance(n.value, str)
        and 0 < len(n.value) < 200
        and "\n" not in n.value
    }


def local_module(tree: Tree, folder: str, name: str, above: bool) -> list[str]:
    """Files of a module ``name`` in ``folder`` or, with ``above`` (the notebook changes
    ``sys.path``), in a folder above it."""
    while True:
        base = posixpath.join(folder, name) if folder else name
        if f"{base}.py" in tree.files:
            return [f"{base}.py"]
        package = [p for p in tree.files if p.startswith(base + "/") and p.endswith(".py")]
        if package:
            return package
        if not folder or not above:
            return []
        folder = posixpath.dirname(folder)


def magic_words(code: list[str]) -> set[str]:
    """The words of magic and shell lines (``%run helpers.py``, ``!cat data.txt``)."""
    return {
        word.strip("'\"")
        for source in code
        for line in source.splitlines()
        if line.lstrip().startswith(("%", "!"))
        for word in line.split()[1:]
    }


def support(tree: Tree, notebook: str, trees: list[ast.Module], code: list[str]) -> set[str]:
    """Files a notebook needs: local modules it imports and files its strings name."""
    folder = posixpath.dirname(notebook)
    needed: set[str] = set()
    above = any("sys.path" in source for source in code)
    for name in imported(trees):
        needed.update(local_module(tree, folder, name, above))
    for text in strings(trees) | magic_words(code):
        path = posixpath.normpath(posixpath.join(folder, text))
        if path in tree.files:
            needed.add(path)
        elif any(ch in text for ch in "*?["):
            needed.update(p for p in tree.files if fnmatch.fnmatch(p, path))
        elif not folder.startswith(path) and path != ".":
            needed.update(p for p in tree.files if p.startswith(path + "/"))
    needed.update(
        p
        for p in tree.files
        if posixpath.dirname(p) == folder
        and any(fnmatch.fnmatch(posixpath.basename(p), d) for d in DRIVERS)
    )
    return {p for p in needed if tree.files[p] < MAX_FILE and not p.endswith(".ipynb")}


GUARD = re.compile(r"^(\s*)except\s*\(?\s*(ImportError|ModuleNotFoundError)\b")
INSTALL = re.compile(r"^\s*[!%](pip|conda) install\b")


def unguarded(source: str) -> str:
    """``source`` without the install lines of ``except ImportError:`` blocks: a fallback that
    only runs when the package is missing (it is installed here) does not need the network."""
    lines, guard = source.splitlines(), None
    for index, line in enumerate(lines):
        indent = len(line) - len(line.lstrip())
        if guard is not None and line.strip() and indent <= guard:
            guard = None
        if guard is not None and INSTALL.match(line):
            lines[index] = ""
        found = GUARD.match(line)
        if found:
            guard = len(found.group(1))
    return "\n".join(lines)


def static_reason(tree: Tree, notebook: str, trees: list[ast.Module], code: list[str]) -> str:
    """Why a candidate cannot run offline here, seen without running it ('' if no reason)."""
    found = NETWORK.search("\n".join(map(unguarded, code)))
    if found:
        return f"network: {found.group(0)[:60]}"
    if len(trees) < len(code):  # a cell that does not parse, magics aside: Python 2 mostly
        return "a code cell is not Python 3"
    folder = posixpath.dirname(notebook)
    above = any("sys.path" in source for source in code)
    for name in sorted(imported(trees)):
        if name in NOT_OFFLINE:
            return f"needs {name}"
        if not local_module(tree, folder, name, above) and importlib.util.find_spec(name) is None:
            return f"package not installed: {name}"
    for path in read_paths(trees):
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved not in tree.files and path not in written_paths(trees):
            return f"reads a file the project does not ship: {path}"
    return ""


#: Calls whose first argument is a file they read: open() in a read mode, pandas/numpy readers.
READERS = (
    "open",
    "read_csv",
    "read_table",
    "read_excel",
    "read_json",
    "read_parquet",
    "read_pickle",
    "loadtxt",
    "genfromtxt",
)


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def literal_first(node: ast.Call) -> str:
    first = node.args[0] if node.args else None
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""


def read_paths(trees: list[ast.Module]) -> set[str]:
    """Relative paths read by `READERS` calls with a literal path (open() in a read mode only)."""
    found = set()
    for node in (n for tree in trees for n in ast.walk(tree) if isinstance(n, ast.Call)):
        path, name = literal_first(node), call_name(node)
        modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
        modes += [
            k.value.value
            for k in node.keywords
            if k.arg == "mode" and isinstance(k.value, ast.Constant)
        ]
        if name == "open" and any(m and set(str(m)) & set("wax+") for m in modes):
            continue
        if path and name in READERS and not path.startswith(("/", "~")) and "://" not in path:
            found.add(path)
    return found


def written_paths(trees: list[ast.Module]) -> set[str]:
    """Literal paths the notebook passes to any call other than a reader (it may write them)."""
    return {
        literal_first(node)
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and call_name(node) not in READERS
    } - {""}


@functools.cache
def distributions() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def packages(trees: list[ast.Module]) -> str:
    dists = distributions()
    found = set()
    for name in imported(trees):
        for dist in dists.get(name, []):
            found.add(f"{dist}=={importlib.metadata.version(dist)}")
    return " ".join(sorted(found, key=str.lower))
