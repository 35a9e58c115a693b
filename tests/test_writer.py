"""writer: target inspection, diff statuses, staged all-or-nothing writes, ownership rules."""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

import pytest

from nb2pipe import writer
from nb2pipe.digests import fingerprint
from nb2pipe.errors import OutputError
from nb2pipe.model import CopyFile, Target
from nb2pipe.writer import MANIFEST, diff, inspect_target, write

P = PurePosixPath


def project(files: dict[str, str | bytes | CopyFile], seeds=(), scaffold=True) -> dict:
    """``files`` plus the manifest render() would add."""
    out = {P(k): v for k, v in files.items()}
    manifest = {
        "generated": {k: writer.digest(v) for k, v in files.items() if k not in seeds},
        "seeds": sorted(seeds),
        "files": {},
        "sources": ["nb.ipynb"],
        "scaffold": scaffold,
    }
    out[MANIFEST] = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    return out


def statuses(changes) -> dict[str, str]:
    return {str(c.path): c.status for c in changes if c.path != MANIFEST}


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


V1 = {"a.txt": "one\n", "src/pkg/m.py": "x = 1\n", "data/raw.bin": b"\x00\x01"}


# -------------------------------------------------------------------------------- inspect_target
def test_inspect_missing_and_empty_folders_are_new(tmp_path):
    assert inspect_target(tmp_path / "nope").kind == "new"
    assert inspect_target(tmp_path).kind == "new"


def test_inspect_a_file_is_an_error(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="not a folder"):
        inspect_target(tmp_path / "f")


def test_inspect_generated_and_kedro_projects(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.kedro]\npackage_name = "demo"\n')
    assert inspect_target(tmp_path) == Target(tmp_path, "kedro", "demo")
    write(project({"x.txt": "1"}), tmp_path)
    assert inspect_target(tmp_path) == Target(tmp_path, "generated", "demo")
    write(project({"x.txt": "1"}, scaffold=False), tmp_path)
    assert inspect_target(tmp_path).kind == "kedro"


def test_inspect_unrelated_pyproject_is_new_and_broken_one_an_error(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert inspect_target(tmp_path).kind == "new"
    (tmp_path / "pyproject.toml").write_text("[tool.kedro\n")
    with pytest.raises(OutputError, match="pyproject.toml"):
        inspect_target(tmp_path)


# ------------------------------------------------------------------------------------- write
def test_first_write_adds_everything_then_nothing_changes(tmp_path):
    out = tmp_path / "out"
    changes = write(project(V1), out)
    assert set(statuses(changes).values()) == {"added"}
    assert tree(out)["a.txt"] == b"one\n" and tree(out)["data/raw.bin"] == b"\x00\x01"
    mtime = (out / "a.txt").stat().st_mtime_ns
    again = write(project(V1), out)
    assert set(statuses(again).values()) == {"unchanged"}
    assert (out / "a.txt").stat().st_mtime_ns == mtime
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left


def test_diff_statuses_and_unified_text(tmp_path):
    write(project(V1), tmp_path)
    v2 = {"a.txt": "two\n", "src/pkg/m.py": "x = 1\n", "data/raw.bin": b"\x02", "new.txt": "n\n"}
    changes = {str(c.path): c for c in diff(project(v2), tmp_path)}
    assert statuses(changes.values()) == {
        "a.txt": "modified",
        "src/pkg/m.py": "unchanged",
        "data/raw.bin": "modified",
        "new.txt": "added",
    }
    assert changes["a.txt"].diff == "--- a/a.txt\n+++ b/a.txt\n@@ -1 +1 @@\n-one\n+two\n"
    assert changes["data/raw.bin"].diff == ""
    assert changes["new.txt"].diff.startswith("--- /dev/null\n+++ b/new.txt\n")
    assert list(changes) == sorted(changes)


def test_stale_generated_files_are_removed_and_empty_folders_pruned(tmp_path):
    write(project(V1), tmp_path)
    (tmp_path / "mine.txt").write_text("user file")
    changes = write(project({"a.txt": "one\n"}), tmp_path)
    assert statuses(changes) == {
        "a.txt": "unchanged",
        "src/pkg/m.py": "removed",
        "data/raw.bin": "removed",
    }
    assert sorted(tree(tmp_path)) == [".nb2pipe/manifest.json", "a.txt", "mine.txt"]
    assert not (tmp_path / "src").exists()


def test_stale_files_the_user_edited_are_kept(tmp_path):
    write(project(V1), tmp_path)
    (tmp_path / "src/pkg/m.py").write_text("x = 2  # mine now\n")
    changes = write(project({"a.txt": "one\n"}), tmp_path)
    assert "src/pkg/m.py" not in statuses(changes)
    assert (tmp_path / "src/pkg/m.py").read_text() == "x = 2  # mine now\n"


def test_refuses_to_overwrite_user_files_and_writes_nothing(tmp_path):
    write(project(V1), tmp_path)
    (tmp_path / "a.txt").write_text("edited by the user\n")
    (tmp_path / "other.txt").write_text("not generated\n")
    before = tree(tmp_path)
    v2 = {**V1, "a.txt": "two\n", "other.txt": "generated\n", "added.txt": "+\n"}
    with pytest.raises(OutputError) as error:
        write(project(v2), tmp_path)
    assert "a.txt" in str(error.value) and "other.txt" in str(error.value)
    assert tree(tmp_path) == before


def test_force_overwrites_user_files(tmp_path):
    write(project(V1), tmp_path)
    (tmp_path / "a.txt").write_text("edited\n")
    write(project({**V1, "a.txt": "two\n"}), tmp_path, force=True)
    assert (tmp_path / "a.txt").read_text() == "two\n"


def test_same_content_is_never_a_conflict(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.kedro]\npackage_name = "p"\n')
    (tmp_path / "a.txt").write_text("one\n")
    changes = write(project({"a.txt": "one\n"}), tmp_path)
    assert statuses(changes) == {"a.txt": "unchanged"}


def test_non_empty_unrelated_folder_needs_force(tmp_path):
    (tmp_path / "notes.md").write_text("hello")
    with pytest.raises(OutputError, match="not empty"):
        write(project(V1), tmp_path)
    assert tree(tmp_path) == {"notes.md": b"hello"}
    write(project(V1), tmp_path, force=True)
    assert (tmp_path / "notes.md").read_text() == "hello"


def test_a_folder_in_the_way_is_refused_even_with_force(tmp_path):
    (tmp_path / "a.txt").mkdir()
    with pytest.raises(OutputError, match="folders are in the way"):
        write(project(V1), tmp_path, force=True)


def test_seed_files_are_written_once_then_left_to_the_user(tmp_path):
    files = {"conf/local/credentials.yml": "token: ''\n", "a.txt": "one\n"}
    write(project(files, seeds={"conf/local/credentials.yml"}), tmp_path)
    (tmp_path / "conf/local/credentials.yml").write_text("token: s3cr3t\n")
    changes = write(
        project({**files, "a.txt": "two\n"}, seeds={"conf/local/credentials.yml"}), tmp_path
    )
    assert statuses(changes) == {"conf/local/credentials.yml": "unchanged", "a.txt": "modified"}
    assert (tmp_path / "conf/local/credentials.yml").read_text() == "token: s3cr3t\n"


def test_copy_files_are_copied(tmp_path):
    source = tmp_path / "input.csv"
    source.write_bytes(b"a,b\n1,2\n")
    out = tmp_path / "out"
    write(project({"data/01_raw/input.csv": CopyFile(str(source))}), out)
    assert (out / "data/01_raw/input.csv").read_bytes() == b"a,b\n1,2\n"
    assert statuses(diff(project({"data/01_raw/input.csv": CopyFile(str(source))}), out)) == {
        "data/01_raw/input.csv": "unchanged"
    }


# ---------------------------------------------------------------------------- failure midway
V2 = {"a.txt": "two\n", "m.txt": "two\n", "q/x.txt": "new\n", "z.txt": "new\n"}


def _v1_with_blocker(tmp_path: Path) -> dict[str, bytes]:
    write(project({"a.txt": "one\n", "m.txt": "one\n", "old.txt": "stale\n"}), tmp_path)
    (tmp_path / "q").write_text("a user file where nb2pipe needs a folder")
    return tree(tmp_path)


def test_unwritable_target_path_leaves_previous_files_intact(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    before = _v1_with_blocker(out)
    with pytest.raises(OutputError, match="nothing was changed"):
        write(project(V2), out)
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


@pytest.mark.parametrize(
    ("new", "fail_at"),
    [
        # moves: a.txt aside+in (1, 2), m.txt (3, 4), z.txt in (5), manifest aside (6) fails
        ({"a.txt": "two\n", "m.txt": "two\n", "z.txt": "new\n"}, 6),
        # moves: a.txt (1, 2), manifest (3, 4), stale m.txt aside (5), stale old.txt aside (6) fails
        ({"a.txt": "two\n"}, 6),
    ],
)
def test_failing_move_rolls_back_replacements_and_removals(tmp_path, monkeypatch, new, fail_at):
    out = tmp_path / "out"
    out.mkdir()
    write(project({"a.txt": "one\n", "m.txt": "one\n", "old.txt": "stale\n"}), out)
    before = tree(out)
    real_replace, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == fail_at:
            raise PermissionError("simulated")
        real_replace(src, dst)

    monkeypatch.setattr(writer.os, "replace", flaky)
    with pytest.raises(OutputError, match="simulated"):
        write(project(new), out)
    monkeypatch.setattr(writer.os, "replace", real_replace)
    assert len(calls) > fail_at  # the rollback moved files back
    assert tree(out) == before


# ------------------------------------------------------------------------------- fingerprint
def test_fingerprint_depends_on_names_and_contents_not_order(tmp_path):
    a, b = tmp_path / "a.ipynb", tmp_path / "sub" / "b.py"
    b.parent.mkdir()
    a.write_text("1")
    b.write_text("2")
    first = fingerprint([a, b])
    assert fingerprint([b, a]) == first
    b.write_text("3")
    assert fingerprint([a, b]) != first
    b.write_text("2")
    c = tmp_path / "sub" / "c.py"
    b.rename(c)
    assert fingerprint([a, c]) != first
