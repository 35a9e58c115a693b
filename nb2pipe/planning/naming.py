"""Names: pipelines, nodes (== function names), datasets and arguments. Kedro-valid, snake_case,
deterministic and collision-free."""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable

MAX_WORDS = 6
#: Dataset names Kedro gives a meaning of its own: `parameters` is the dict of every parameter
#: (namespaces leave it as is, kedro/pipeline/pipeline.py), `params:x` one parameter. A notebook
#: variable so named keeps its name as a function argument; its dataset is `parameters_`.
#: (`params`, `catalog`, `credentials` are ordinary dataset names to Kedro.)
RESERVED_DATASETS = frozenset({"parameters"})
RESERVED_PREFIXES = ("params:",)


def dataset_base(symbol: str) -> str:
    """The dataset name a variable's versions start from: its own, unless Kedro reserves it."""
    return f"{symbol}_" if symbol in RESERVED_DATASETS or symbol.startswith(RESERVED_PREFIXES) else symbol


def snake(text: str, fallback: str = "step") -> str:
    """`"Clean & merge the data (v2)"` → `clean_merge_the_data_v2`; a valid identifier."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", text)
    words = re.findall(r"[A-Za-z0-9]+", text.lower())[:MAX_WORDS]
    name = "_".join(words) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if keyword.iskeyword(name) or name in ("params", "parameters"):
        name += "_"
    return name


def unique(name: str, taken: set[str]) -> str:
    """`name`, else `name_2`, `name_3`... — the first not taken; records the choice."""
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{name}_{number}"
        number += 1
    taken.add(candidate)
    return candidate


def pipeline_names(paths: Iterable[str]) -> dict[str, str]:
    """One Kedro pipeline (and namespace) name per source path: the file stem without leading
    ordering digits; the folders are added where two sources would share a name."""
    paths = sorted(paths)
    short = {p: stem_name(p) for p in paths}
    counts: dict[str, int] = {}
    for name in short.values():
        counts[name] = counts.get(name, 0) + 1
    taken: set[str] = set()
    result = {}
    for path in paths:
        name = short[path]
        if counts[name] > 1:
            name = snake("_".join(path.split("/")[:-1] + [name]), "nb")
        result[path] = unique(name, taken)
    return result


def stem_name(path: str) -> str:
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stripped = re.sub(r"^[\d_\-. ]+", "", stem) or stem
    return snake(stripped, "nb")


def file_dataset_names(paths: Iterable[str], avoid: set[str]) -> dict[str, str]:
    """Catalog names for files: `data/raw/wine.csv` → `wine_csv`; parent folders are added when
    two files would share a name; names the code already uses are avoided, also as the
    `<name>_path` / `<name>_file` names derived from them."""
    paths = sorted(set(paths))
    result: dict[str, str] = {}
    taken = set(avoid)
    depth = {p: 1 for p in paths}
    while True:
        names = {p: file_name(p, depth[p]) for p in paths}
        counts = Counter(names.values())
        clashes = {n for n, count in counts.items() if count > 1}
        grown = False
        for path in paths:
            if names[path] in clashes and depth[path] < len(path.split("/")):
                depth[path] += 1
                grown = True
        if not grown:
            break
    for path in paths:
        name = names[path]
        # nor may the names derived from it (`<name>_path`, `<name>_file`: the arguments and
        # the dataset of a path-passing file) be a variable's
        while name in avoid or f"{name}_path" in avoid or f"{name}_file" in avoid:
            name += "_file"
        result[path] = unique(name, taken)
    return result


def file_name(path: str, depth: int) -> str:
    parts = re.sub(r"^[a-z]+://", "", path).strip("/").split("/")
    return snake("_".join(parts[-depth:]).replace(".", "_"), "file")


#: Top-level modules a project package must not be named after (besides the standard library
#: and the packages the notebooks import): Kedro and what the generated project runs with.
TAKEN_PACKAGES = frozenset(
    {"kedro", "kedro_datasets", "kedro_viz", "nb2pipe", "src", "conf", "data"}
)


def package_problem(name: str, imported: Iterable[str] = ()) -> str:
    """Why ``name`` cannot be the project's Python package ("" when it can): not an identifier,
    a keyword, or the name of a module the project imports (shadowing it breaks the import)."""
    if not name.isidentifier() or not name.isascii():
        return f"{name!r} is not a Python identifier (letters, digits, _; no digit first)"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return f"{name!r} is a Python keyword"
    if name in sys.stdlib_module_names:
        return f"{name!r} would shadow the standard library module {name}"
    if name in TAKEN_PACKAGES or name in set(imported):
        return f"{name!r} would shadow the package {name} the project imports"
    return ""
