"""Local modules: the import closure (found statically), imports re-pointed into the package,
and calls to functions of local modules read like calls to notebook functions."""

from __future__ import annotations

from pathlib import Path

import pytest

from nb2pipe.analysis import analyze
from nb2pipe.api import analyze_on_disk
from nb2pipe.planning.codegen import apply_edits
from nb2pipe.planning.local_imports import PACKAGE_MODULES, placed_names, rewrite_local_import
from nb2pipe.model import SourceFacts
from nb2pipe.model.symbols import File, FileUse
from nb2pipe.model.disk import FILE, FOLDER, DiskSnapshot

from .support import last_cell_chunks, source_of


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


HELPERS = {
    "nb/loaders.py": "import pandas as pd\nimport schema\n\ndef load(path):\n    return pd.read_csv(path)\n",
    "nb/schema.py": "import json\nCOLUMNS = ['a']\n",
    "nb/utils/__init__.py": "",
    "nb/utils/io.py": "from . import fmt\nfrom .deep.inner import g\n",
    "nb/utils/fmt.py": "import scipy\n",
    "nb/utils/deep/inner.py": "def g():\n    return 1\n",
    "nb/unused.py": "x = 1\n",
}


def test_the_closure_follows_absolute_and_relative_imports_through_packages(tmp_path: Path) -> None:
    write(tmp_path, HELPERS)
    source = source_of(tmp_path, "import loaders\nfrom utils.io import g", name="nb/x.ipynb")
    facts = analyze_on_disk(source, folders=[tmp_path])
    assert [m.name for m in facts.local_modules] == [
        "loaders", "schema", "utils/__init__", "utils/deep/inner", "utils/fmt", "utils/io"]
    assert {m.origin for m in facts.local_modules} >= {"nb/loaders.py", "nb/utils/deep/inner.py"}
    assert facts.third_party == {"pandas", "scipy"}  # the helpers' imports are requirements too


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("import schema", "from pkg import schema"),
        ("import schema as s, os", "from pkg import schema as s; import os"),
        ("import utils.io", "import pkg.utils.io; from pkg import utils"),
        ("import utils.io as uio", "from pkg.utils import io as uio"),
        ("from utils.io import (a,\n    b as c)", "from pkg.utils.io import a, b as c"),
        ("def f():\n    import schema\n    return schema", "def f():\n    from pkg import schema\n    return schema"),
        ("from . import fmt\nimport numpy", "from . import fmt\nimport numpy"),
        ("s = 'é'; import schema", "s = 'é'; from pkg import schema"),
        # a local module named like one of the package's own goes beside it, under its own name
        ("import settings", "from pkg import local_settings as settings"),
        ("from settings import N", "from pkg.local_settings import N"),
        ("import settings.x", "import pkg.local_settings.x; from pkg import local_settings as settings"),
    ],
)
def test_imports_of_local_modules_point_into_the_package(before: str, after: str) -> None:
    assert rewrite_local_import(before, placed_names(["schema", "utils", "settings"]), "pkg") == after


def test_the_package_modules_table_names_the_package_templates() -> None:
    templates = Path(__file__).parents[2] / "nb2pipe" / "rendering" / "templates" / "src" / "{{package}}"
    names = {p.name.removesuffix(".j2").removesuffix(".py") for p in templates.iterdir()}
    assert PACKAGE_MODULES == names - {"{{module}}"}


def test_a_literal_path_passed_to_a_parameter_the_function_opens_is_a_dataset(tmp_path: Path) -> None:
    (chunk,) = last_cell_chunks(
        tmp_path, "import pandas as pd\npath = 'other.csv'",
        "def load(path):\n    return pd.read_csv(path)", "df = load('in.csv')")
    assert [(f.path, f.mode) for f in chunk.files] == [("in.csv", "read")]
    assert apply_edits(chunk.code, chunk.edits, {File("in.csv"): "in_csv"}) == "df = load(in_csv)"
    assert not chunk.diagnostics


def test_a_local_module_function_opening_a_literal_path_gets_it_from_the_call(tmp_path: Path) -> None:
    write(tmp_path, {"io_helpers.py": (
        "import json, os\n\ndef records():\n    if not os.path.exists('records.json'):\n"
        "        raise SystemExit('download')\n    return json.load(open('records.json'))\n")})
    (tmp_path / "records.json").write_text("[]")
    (chunk,) = last_cell_chunks(tmp_path, "import io_helpers", "r = io_helpers.records()")
    assert {(f.path, f.mode) for f in chunk.files} == {("records.json", "read")}
    rewritten = apply_edits(chunk.code, chunk.edits, {File("records.json"): "records_json"})
    assert rewritten == "r = io_helpers.records(records_json_file=records_json)"


@pytest.mark.parametrize(
    "check", ["os.path.exists('in.csv')", "os.path.isfile('in.csv')", "Path('in.csv').exists()"])
def test_an_existence_check_of_a_file_on_disk_reads_it(check: str, tmp_path: Path) -> None:
    """The guard sees the catalog's copy, so `if not exists: download` does not download."""
    (tmp_path / "in.csv").write_text("a\n1\n")
    (chunk,) = last_cell_chunks(tmp_path, "import os\nfrom pathlib import Path", f"ok = {check}")
    assert [(f.path, f.mode, f.io) for f in chunk.files] == [("in.csv", "read", "path")]
    assert "in_csv" in apply_edits(chunk.code, chunk.edits, {File("in.csv"): "in_csv"})


def test_an_existence_check_of_what_is_not_on_disk_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    chunks = last_cell_chunks(
        tmp_path, "import os", "if not os.path.exists('out'):\n    os.makedirs('out')\nok = os.path.exists('x.csv')")
    assert not [f for chunk in chunks for f in chunk.files]


@pytest.mark.parametrize(
    ("call", "after"),
    [
        ("r = get()", "r = get(name=records_json)"),
        ("r = get(1)", "r = get(1, name=records_json)"),
        ("r = get(1, 'other.json')", "r = get(1, other_json)"),
    ],
)
def test_a_path_parameter_left_to_its_default_is_passed_by_the_call(call: str, after: str, tmp_path: Path) -> None:
    """`def get(name="records.json")`: under kedro run the default would resolve against the
    project root; the call passes the catalog's path instead."""
    (tmp_path / "records.json").write_text("[]")
    (chunk,) = last_cell_chunks(
        tmp_path, "import json, os",
        "def get(n=0, name='records.json'):\n    if not os.path.exists(name):\n        raise SystemExit(n)\n"
        "    return json.load(open(name))", call)
    names = {File("records.json"): "records_json", File("other.json"): "other_json"}
    assert apply_edits(chunk.code, chunk.edits, names) == after
    assert len(chunk.files) == 1


def test_a_loop_over_literal_paths_passed_to_a_function_passes_the_catalogs(tmp_path: Path) -> None:
    (chunk,) = last_cell_chunks(
        tmp_path, "import pandas as pd", "def load(path):\n    return pd.read_csv(path)",
        "for p in ('a.csv', 'b.csv'):\n    frames.append(load(p))")
    assert sorted(f.path for f in chunk.files) == ["a.csv", "b.csv"]
    rewritten = apply_edits(chunk.code, chunk.edits, {File("a.csv"): "a_csv", File("b.csv"): "b_csv"})
    assert "for p in (a_csv, b_csv):" in rewritten and not chunk.diagnostics


def test_a_local_module_function_opening_a_computed_path_is_warned_about_at_the_call(tmp_path: Path) -> None:
    write(tmp_path, {"loaders.py": "def load(name):\n    return open(f'data/{name}.csv').read()\n"})
    (chunk,) = last_cell_chunks(tmp_path, "import loaders", "text = loaders.load('x')")
    (warning,) = [d for d in chunk.diagnostics if d.code == "dynamic-path"]
    assert warning.message.startswith("`loaders.load()` opens a file at a path only known at run time")
    assert not chunk.files


def test_a_local_module_function_passed_as_a_value_takes_the_catalogs_path_along(tmp_path: Path) -> None:
    write(tmp_path, {"tag.py": "def tag(x):\n    with open('log.txt', 'a') as f:\n        f.write(str(x))\n    return x\n"})
    (chunk,) = last_cell_chunks(tmp_path, "import tag", "ys = list(map(tag.tag, [1, 2]))")
    rewritten = apply_edits(chunk.code, chunk.edits, {File("log.txt"): "log", FileUse(File("log.txt"), "append"): "log_out"})
    assert rewritten == "ys = list(map(with_globals(tag.tag, log_txt_file=log_out), [1, 2]))"


SEEN = ("import loaders\nfrom utils.io import g",
        "import os\nif os.path.exists('data.csv'):\n    d = open('data.csv').read()",
        "!pip install -r requirements.txt")


def seen_facts(facts: SourceFacts) -> tuple[object, ...]:
    return (tuple((m.name, m.code, m.origin) for m in facts.local_modules), facts.third_party,
            facts.pip_installs, tuple(f.path for c in facts.chunks for f in c.files))


def disk_of(files: dict[str, str]) -> DiskSnapshot:
    """A snapshot holding ``files`` (absolute path → text) and nothing else."""
    folders = {str(p) for f in files for p in Path(f).parents}
    kinds = {**dict.fromkeys(folders, FOLDER), **dict.fromkeys(files, FILE)}
    return DiskSnapshot(frozenset(folders), kinds, {p: t.encode() for p, t in files.items()})


def test_analysis_reads_the_disk_only_through_readers_snapshot(tmp_path: Path) -> None:
    """The facts are a function of the source and of readers' snapshot: the same files given in
    memory under a folder that does not exist give the same facts; the files on disk but not in
    the snapshot are not seen."""
    files = {**HELPERS, "nb/data.csv": "a\n1\n", "nb/requirements.txt": "scikit-learn>=1.5\n"}
    write(tmp_path, files)
    on_disk = analyze_on_disk(source_of(tmp_path, *SEEN, name="nb/x.ipynb"), folders=[tmp_path])
    elsewhere = Path("/nonexistent-nb2pipe-root")
    given = disk_of({str(elsewhere / k): v for k, v in files.items()})
    in_memory = analyze(source_of(elsewhere, *SEEN, name="nb/x.ipynb"), disk=given)
    assert seen_facts(in_memory) == seen_facts(on_disk)
    assert [m.name for m in on_disk.local_modules][:2] == ["loaders", "schema"]
    assert seen_facts(on_disk)[3].count("nb/data.csv") == 2 and "scikit-learn>=1.5" in on_disk.pip_installs
    hidden = analyze(source_of(tmp_path, *SEEN, name="nb/x.ipynb"))
    assert hidden.local_modules == () and seen_facts(hidden)[3].count("nb/data.csv") == 1
