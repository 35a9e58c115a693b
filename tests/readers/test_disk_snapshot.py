"""The disk as analysis sees it: readers' snapshot taken before analysis (`workspace.take`), the
questions it does not cover named (`disk_view.DiskView`, `UnseenPaths`) and answered by a
second readers pass (`workspace.covering`), analysis then running again (`reading.Seen`)."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest
from nbformat import write
from nbformat.v4 import new_code_cell, new_notebook

from nb2pipe import api
from nb2pipe.analysis import analyze
from nb2pipe.model.disk import ABSENT, FILE, FOLDER
from nb2pipe.options import Options
from nb2pipe.readers import read
from nb2pipe.readers.disk_view import DiskView, UnseenPaths
from nb2pipe.readers.workspace import covering, take


def files(root: Path, texts: dict[str, str]) -> None:
    for name, text in texts.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_the_snapshot_lists_below_its_folders_and_holds_module_and_requirement_texts(tmp_path):
    files(tmp_path, {"nb/util.py": "X = 1\n", "nb/data.csv": "a\n1\n", "nb/requirements.txt": "pyyaml\n",
                     "nb/.cache/hidden.py": "Y = 2\n", "nb/sub/deep.py": "Z = 3\n"})
    disk = take([tmp_path / "nb"])
    top = str(tmp_path / "nb")
    assert disk.kind(f"{top}/util.py") == FILE and disk.kind(f"{top}/sub") == FOLDER
    assert disk.kind(f"{top}/sub/deep.py") == FILE and disk.kind(f"{top}/missing.csv") == ABSENT
    assert disk.kind(f"{top}/missing/below/x.py") == ABSENT  # below an absent name
    assert disk.kind(f"{top}/.cache") == FOLDER and disk.kind(f"{top}/.cache/hidden.py") is None
    assert disk.kind(str(tmp_path / "elsewhere.py")) is None  # outside the folders listed
    assert sorted(Path(p).name for p in disk.texts) == ["deep.py", "requirements.txt", "util.py"]
    shallow = take([], [tmp_path / "nb"])
    assert shallow.kind(f"{top}/util.py") == FILE and shallow.kind(f"{top}/sub/deep.py") is None


def test_the_view_answers_from_the_snapshot_and_names_what_it_does_not_cover(tmp_path):
    files(tmp_path, {"nb/util.py": "X = 1\n", "lib/helpers.py": "def f():\n    return 1\n"})
    view = DiskView(take([tmp_path / "nb"]))
    assert view.has_file(str(tmp_path / "nb" / "util.py")) and view.complete()
    assert view.has_file(str(tmp_path / "nb" / "." / "util.py"))  # spelled with `.`
    assert view.text(str(tmp_path / "nb" / "util.py")) == "X = 1\n"
    outside = str(tmp_path / "lib" / "helpers.py")
    assert not view.has_file(outside)  # not there, as far as this snapshot says
    assert view.missing == {outside} and not view.complete()
    grown = covering(view.snapshot, view.unseen().missing, ())
    again = DiskView(grown)
    assert again.has_file(outside)
    with pytest.raises(FileNotFoundError):
        again.text(outside)  # known to be a file, not read yet: named to be read
    assert again.unread == {outside}
    assert DiskView(covering(grown, (), again.unread)).text(outside).startswith("def f")


def notebook(path: Path, *cells: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write(new_notebook(cells=[new_code_cell(c) for c in cells]), path)


#: A notebook importing a module from a folder outside the one converted, named by a computed
#: `sys.path` entry, and one from a hidden folder (listed, not entered).
OUTSIDE = ("import os\nimport sys\nsys.path.append(os.path.join('..', 'lib'))\nsys.path.append('../.hid')",
           "import helpers\nimport hidden_mod\nvalue = helpers.double(hidden_mod.triple(7))",
           "value")


def test_analysis_names_the_modules_outside_the_snapshot_and_finds_them_once_read(tmp_path, monkeypatch):
    files(tmp_path, {"lib/helpers.py": "def double(x):\n    return 2 * x\n",
                     ".hid/hidden_mod.py": "def triple(x):\n    return 3 * x\n"})
    notebook(tmp_path / "nb" / "a.ipynb", *OUTSIDE)
    monkeypatch.chdir(tmp_path / "nb")
    source = read(tmp_path / "nb" / "a.ipynb", tmp_path / "nb")
    disk = take([tmp_path / "nb"])
    with pytest.raises(UnseenPaths) as unseen:
        analyze(source, Options(), disk)
    assert any(p.startswith(str(tmp_path / "lib")) for p in unseen.value.missing)
    facts = api.analyze_on_disk(source, Options(), [tmp_path / "nb"])
    assert [(m.name, m.code) for m in facts.local_modules] == [
        ("helpers", "def double(x):\n    return 2 * x\n"), ("hidden_mod", "def triple(x):\n    return 3 * x\n")]


def test_a_conversion_copies_the_local_modules_a_second_readers_pass_found(tmp_path, monkeypatch):
    files(tmp_path, {"lib/helpers.py": "def double(x):\n    return 2 * x\n",
                     ".hid/hidden_mod.py": "def triple(x):\n    return 3 * x\n"})
    notebook(tmp_path / "nb" / "a.ipynb", *OUTSIDE)
    monkeypatch.chdir(tmp_path / "nb")
    generated = api.generate([Path(".")], tmp_path / "project", Options())
    copied = {p.name: t for p, t in generated.files.items() if p.name in ("helpers.py", "hidden_mod.py")}
    assert copied == {
        "helpers.py": "# Copied by nb2pipe from ../lib/helpers.py\ndef double(x):\n    return 2 * x\n",
        "hidden_mod.py": "# Copied by nb2pipe from ../.hid/hidden_mod.py\ndef triple(x):\n    return 3 * x\n"}
    assert os.getcwd() == str(tmp_path / "nb")


def test_a_driver_reads_a_requirement_file_outside_the_snapshot(tmp_path):
    """`pip install -r` of a file the snapshot does not hold: the drivers' pass names it,
    readers read it, the drivers run again."""
    files(tmp_path, {"deps/extra.pip": "nb2pipe-no-such-package==0.2\n",
                     "src/setup.sh": "pip install -r ../deps/extra.pip\n",
                     "src/run.sh": "sort a.txt > b.txt\n"})
    generated = api.generate([tmp_path / "src"], tmp_path / "out", Options())
    assert "nb2pipe-no-such-package==0.2" in generated.files[PurePosixPath("requirements.txt")]


def test_a_path_spelled_with_dot_or_double_slash_outside_the_snapshot_is_read_once(tmp_path):
    """The view names a path as it looks it up, so the second readers pass answers it (no
    analysis run again and again)."""
    files(tmp_path, {"lib/helpers.py": "X = 1\n"})
    asked = f"{tmp_path}/lib/./helpers.py"
    view = DiskView(take([tmp_path / "nb"]))
    assert not view.has_file(asked) and view.missing == {str(tmp_path / "lib" / "helpers.py")}
    again = DiskView(covering(view.snapshot, view.missing, ()))
    assert again.has_file(asked) and again.has_file(f"{tmp_path}//lib/helpers.py") and again.complete()
