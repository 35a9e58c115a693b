"""``ruff format`` for generated Python modules (the ruff package is a dependency of nb2pipe).

Formatting runs in ruff's isolated mode (no configuration file is read, so the cwd cannot change
the output) with ruff's defaults, which are also what the generated project would get. A project's
modules are formatted by one ruff run over a temporary folder (`format_many`: ruff formats the
files in parallel), not one process per module; the result is the same as `format_python` on
each module alone. The lint check (`lint.checker`) then runs in that folder, the project put
together at its paths beside them (the modules formatted before added).

The modules nb2pipe writes itself (``tidy``: the ``nodes.py`` of each pipeline) are first made
``ruff check``-clean of what generating them leaves behind (`TIDY_RULES`), by ruff's own fixes:
imports sorted as ruff's isort wants them (the project's package first-party, as ruff finds it
under ``src/`` in the project); unused imports, and imports bound again before any use, dropped;
a local nobody reads no longer bound (its value still computed when computing it can do
anything: ``x = f(y)`` becomes ``f(y)``); an unpacked name nobody reads renamed ``_name``; then a value only computed and thrown away
dropped (`dead_values`).
Imports are not sorted in a module whose imports bind one name to two different things: there
the order decides which binding the nodes see.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from ruff.__main__ import find_ruff_bin

from .dead_values import drop_dead_values

#: ruff rules whose findings generating a module leaves behind, fixed in ``tidy`` modules:
#: unsorted imports, unused imports and imports bound again before use, unused locals, unused
#: unpacked names; and rules of ruff's default set whose fix keeps the behaviour in any code,
#: applied to the notebook's own code too (ruff only reports them when the builtin is not
#: rebound): ``dict()`` → ``{}`` (C408), ``range(0, n)`` → ``range(n)`` (PIE808),
#: ``import a.b as b`` → ``from a import b`` (PLR0402), ``IOError`` → ``OSError``, its alias
#: (UP024). Please add a row for every finding that comes from the generation rather than from
#: the notebook's own code, or that a fix removes without changing what the code does (the
#: others are kept as written: `lint.KEPT_RULES`).
TIDY_RULES = ("I001", "F401", "F811", "F841", "RUF059", "C408", "PIE808", "PLR0402", "UP024")
#: What keeps ruff from removing an import as unused.
NOQA = "noqa: F401"
#: A name as a string may spell it (`np` in `"np.log(x)"`).
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: The rule whose fix reorders statements (left out where the order decides a binding).
SORT_RULE = "I001"

#: Formatted text by (code, filename, tidy): converting again (regeneration, tests) formats only
#: what changed. Bounded: the oldest half is dropped when it is full.
_CACHE: dict[tuple[str, str, bool], str] = {}
CACHE_SIZE = 2048


class FormatError(ValueError):
    """ruff could not parse the module (the message is ruff's)."""


def format_python(code: str, filename: str = "module.py", tidy: bool = False) -> str:
    """``code`` formatted by ``ruff format`` (``tidy``: fixed by `TIDY_RULES` first; ``filename``
    is the module's path in the project, ``src/<package>/...`` naming the first-party package);
    identical input gives identical output.

    Raises:
        FormatError: the code does not parse.
    """
    cached = _CACHE.get((code, name(filename), tidy))
    if cached is not None:
        return cached
    text = code
    if tidy:
        options = tidy_options(filename, code)
        text = drop_dead_values(_ruff(["check", *options, "--stdin-filename", name(filename), "-"],
                                      keep_string_named_imports(text), filename))
    text = _ruff(["format", "--isolated", "--stdin-filename", name(filename), "-"], text, filename)
    return _remember(code, filename, tidy, text)


def _ruff(arguments: list[str], code: str, filename: str) -> str:
    result = subprocess.run(
        [find_ruff_bin(), *arguments], input=code.encode("utf-8"), capture_output=True, check=False
    )
    # `ruff check --fix-only` gives the text unchanged when it does not parse: format says why
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip()
        raise FormatError(f"{name(filename)}: {message}")
    return result.stdout.decode("utf-8")


def tidy_options(path: str, code: str) -> list[str]:
    """``ruff check`` options fixing `TIDY_RULES` in the module at ``path`` (project-relative)."""
    rules = [r for r in TIDY_RULES if r != SORT_RULE or not rebinds(code)]
    options = ["--isolated", "--no-cache", "--fix-only", "--unsafe-fixes"]
    options += ["--select", ",".join(rules)]
    package = first_party(path)
    if package:
        options += ["--config", f'lint.isort.known-first-party = ["{package}"]']
    return options


def keep_string_named_imports(code: str) -> str:
    """``code`` with ``# noqa: F401`` on the lines of the top-level imports the code does not
    use by name but a string of it (not a docstring) mentions (`"count / np.sum(count)"`):
    plotnine mappings, patsy formulas, `df.query`/`eval` strings are evaluated in the module's
    namespace, and ruff's unused-import fix cannot see into strings (a removed import made
    `kedro run` fail)."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr)}
    words = {w for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
             and id(node) not in docstrings for w in IDENTIFIER.findall(node.value)}
    words -= {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}  # used: no mark
    words |= global_reads(tree)  # `n = globals()["n"]` reads the module's `n`, whatever else does
    lines = code.split("\n")
    marked = False
    for statement in tree.body:
        for alias in statement.names if isinstance(statement, (ast.Import, ast.ImportFrom)) else ():
            index = alias.lineno - 1
            if (alias.asname or alias.name.split(".")[0]) in words and NOQA not in lines[index]:
                lines[index] += f"  # {NOQA} (named in a string the code evaluates)"
                marked = True
    return "\n".join(lines) if marked else code


def global_reads(tree: ast.AST) -> set[str]:
    """The names read as `globals()["n"]` (or `globals().get("n")`): the module's bindings, which
    ruff cannot see read there (a local `n` elsewhere does not make the import used)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript):
            owner, key = node.value, node.slice
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" and node.args:
            owner, key = node.func.value, node.args[0]
        else:
            continue
        if (isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "globals"
                and isinstance(key, ast.Constant) and isinstance(key.value, str)):
            found.add(key.value)
    return found


def first_party(path: str) -> str | None:
    """The project's package of a module at ``src/<package>/...`` (what ruff finds there)."""
    parts = path.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "src" and parts[1].isidentifier() else None


def rebinds(code: str) -> bool:
    """Whether the module's top-level imports bind some name to two different things (or it does
    not parse); ``import a.b as n`` and ``from a import b as n`` bind the same."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return True
    bound: dict[str, set[str]] = {}
    for statement in tree.body:
        for alias in statement.names if isinstance(statement, (ast.Import, ast.ImportFrom)) else ():
            if isinstance(statement, ast.ImportFrom):
                module = "." * statement.level + (statement.module or "")
                target = f"{module}.{alias.name}"
            else:
                target = alias.name if alias.asname else alias.name.split(".")[0]
            name = alias.asname or alias.name.split(".")[0]
            bound.setdefault(name, set()).add(target)
    return any(len(targets) > 1 for targets in bound.values())


#: Called with the formatting folder once every module is there at its project path, as
#: `format_many` gives it (formatted; one that does not parse as it was), and those texts.
InFolder = Callable[[str, Mapping[str, str]], None]


def format_many(
    modules: Mapping[str, str], tidy: Collection[str] = (), in_folder: InFolder | None = None
) -> dict[str, str | FormatError]:
    """Each module (by its path; the file name matters to ruff, e.g. ``.pyi``) formatted, or the
    FormatError `format_python` would raise for it; one ruff process for all of them (two when
    some are ``tidy``: their paths). ``in_folder`` is called when there was a folder (more than
    one module not formatted before): a check of the formatted project runs there."""
    done: dict[str, str] = {}
    todo: dict[str, str] = {}
    for path, code in modules.items():
        cached = _CACHE.get((code, name(path), path in tidy))
        if cached is None:
            todo[path] = code
        else:
            done[path] = cached
    if len(todo) > 1:
        done.update(format_in_folder(todo, tidy, modules, in_folder))
    formatted: dict[str, str | FormatError] = {}
    for path, code in modules.items():
        try:
            formatted[path] = (
                done[path] if path in done else format_python(code, path, path in tidy)
            )
        except FormatError as error:
            formatted[path] = error
    return formatted


def format_in_folder(modules: Mapping[str, str], tidy: Collection[str] = (),
                     others: Mapping[str, str] = {}, in_folder: InFolder | None = None  # noqa: B006
                     ) -> dict[str, str]:
    """The modules ruff formatted in one run over a temporary folder; those it could not parse
    are left out (`format_python` then gives the error message, as for one module). The
    ``tidy`` ones are fixed first, in one ``ruff check`` run per set of options (one, usually).
    Each module is alone in a folder of its own there (what ruff makes of it depends on nothing
    else, as `format_python`'s result, kept by file name, must not); ``in_folder`` is then called
    with a folder beside them where every module of ``others`` (the project's) is moved or added
    at its project path (`lay_out`)."""
    with tempfile.TemporaryDirectory(prefix="nb2pipe-format-") as folder:
        files = {path: Path(folder, str(index), name(path)) for index, path in enumerate(modules)}
        for path, file in files.items():
            file.parent.mkdir()
            code = keep_string_named_imports(modules[path]) if path in tidy else modules[path]
            file.write_bytes(code.encode("utf-8"))
        if not _tidy_in_folder(folder, {p: f for p, f in files.items() if p in tidy}, modules):
            return {}
        result = subprocess.run([find_ruff_bin(), "format", "--isolated", "--no-cache", "."],
                                cwd=folder, capture_output=True, check=False)
        errors = result.stderr.decode("utf-8", "replace")
        if result.returncode != 0 and "Failed to parse" not in errors:
            return {}  # ruff itself failed: each module alone
        done = {}
        for path, file in files.items():  # ruff names files relative to its cwd
            if f"Failed to parse {file.relative_to(folder).as_posix()}:" not in errors:
                text = file.read_bytes().decode("utf-8")
                done[path] = _remember(modules[path], path, path in tidy, text)
        if in_folder is not None:
            project = os.path.join(folder, PROJECT)
            in_folder(project, lay_out(project, files, done, {**others, **modules}, tidy))
        return done


#: The folder beside the formatted modules where `lay_out` puts the project together.
PROJECT = "project"


def lay_out(project: str, files: Mapping[str, Path], done: Mapping[str, str],
            modules: Mapping[str, str], tidy: Collection[str]) -> dict[str, str]:
    """Every module of ``modules`` in ``project`` at its project path as `format_many` gives it:
    formatted here (its file moved), else formatted before (from the cache) or as it was (it
    does not parse), written."""
    texts = {}
    for path, code in modules.items():
        text = done.get(path, _CACHE.get((code, name(path), path in tidy)))
        texts[path] = code if text is None else text
        file = Path(project, path)
        file.parent.mkdir(parents=True, exist_ok=True)
        if path in done:
            os.replace(files[path], file)
        else:
            file.write_bytes(texts[path].encode("utf-8"))
    return texts


def _tidy_in_folder(folder: str, files: Mapping[str, Path], modules: Mapping[str, str]) -> bool:
    """`TIDY_RULES` fixed in ``files`` (each in place); False when ruff itself failed."""
    groups: dict[tuple[str, ...], list[Path]] = {}
    for path, file in files.items():
        groups.setdefault(tuple(tidy_options(path, modules[path])), []).append(file)
    for options, group in groups.items():
        paths = [file.relative_to(folder).as_posix() for file in group]
        result = subprocess.run([find_ruff_bin(), "check", *options, *paths],
                                cwd=folder, capture_output=True, check=False)
        # exit 2: ruff failed (a syntax error is reported, the file left as it is, exit 0 or 1)
        if result.returncode not in (0, 1):
            return False
    for file in files.values():
        text = file.read_bytes().decode("utf-8")
        file.write_bytes(drop_dead_values(text).encode("utf-8"))
    return True


def name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _remember(code: str, filename: str, tidy: bool, text: str) -> str:
    if len(_CACHE) >= CACHE_SIZE:
        for key in list(_CACHE)[: CACHE_SIZE // 2]:
            del _CACHE[key]
    _CACHE[(code, name(filename), tidy)] = text
    return text
