"""writer: target inspection, diff statuses, staged all-or-nothing writes, ownership rules."""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

import pytest

from nb2pipe import transaction, writer
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
    assert sorted(tree(tmp_path)) == [
        ".nb2pipe/base.json", ".nb2pipe/manifest.json", "a.txt", "mine.txt"
    ]
    assert not (tmp_path / "src").exists()


def test_stale_files_the_user_edited_are_kept(tmp_path):
    write(project(V1), tmp_path)
    (tmp_path / "src/pkg/m.py").write_text("x = 2  # mine now\n")
    changes = write(project({"a.txt": "one\n"}), tmp_path)
    assert statuses(changes)["src/pkg/m.py"] == "kept"
    assert (tmp_path / "src/pkg/m.py").read_text() == "x = 2  # mine now\n"


def test_refuses_to_overwrite_user_files_and_writes_nothing(tmp_path):
    write(project(V1), tmp_path)
    (tmp_path / ".nb2pipe/base.json").unlink()  # no merge base (a project from before merging)
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


V1_FILES = {"a.txt": "one\n", "m.txt": "one\n", "old.txt": "stale\n", "d/e/f.txt": "deep\n"}
#: Replaces (a.txt), adds in new folders (q/r/x.txt), keeps m.txt, removes old.txt and d/e/f.txt.
V2_FILES = {"a.txt": "two\n", "m.txt": "one\n", "q/r/x.txt": "new\n"}


def _renames_of_a_write(tmp_path: Path) -> int:
    out = tmp_path / "count"
    write(project(V1_FILES), out)
    real, calls = os.replace, []

    def counting(src, dst):
        calls.append(dst)
        real(src, dst)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transaction.os, "replace", counting)
        write(project(V2_FILES), out)
    return len(calls)


class Killed(BaseException):
    """Stands for kill -9: nothing of the writer's own error handling runs."""


@pytest.mark.parametrize("fatal", [PermissionError, Killed], ids=["error", "killed"])
def test_every_rename_of_a_write_can_fail_or_be_killed(tmp_path, monkeypatch, fatal):
    """At each rename of the protocol in turn: an error rolls back at once; a kill leaves a
    journal that the next run's recovery rolls back (before the commit point) or completes."""
    total = _renames_of_a_write(tmp_path)
    assert total >= 8
    seen = set()
    for fail_at in range(1, total + 1):
        out = tmp_path / f"out{fail_at}"
        write(project(V1_FILES), out)
        (out / "mine.txt").write_text("the user's\n")
        old = tree(out)
        new = tree(_written(tmp_path / f"ref{fail_at}", out, V2_FILES))
        real, calls = os.replace, []

        def flaky(src, dst, fail_at=fail_at, calls=calls, real=real):
            calls.append(dst)
            if len(calls) == fail_at:
                raise fatal("simulated")
            real(src, dst)

        monkeypatch.setattr(transaction.os, "replace", flaky)
        try:
            write(project(V2_FILES), out)
        except OutputError:
            assert tree(out) == old  # an error is rolled back at once
        except Killed:
            pass
        monkeypatch.setattr(transaction.os, "replace", real)
        writer.recover(out)
        after = tree(out)
        assert after in (old, new), f"a mix after a failure at rename {fail_at}"
        seen.add("old" if after == old else "new")
        assert not (out / ".nb2pipe" / "txn").exists()
        assert sorted(p.name for p in (out / ".nb2pipe").iterdir()) == ["base.json", "manifest.json"]
        if after == old:
            assert not (out / "q").exists()  # folders the write made are gone
    assert seen == {"old", "new"}  # failures before and after the commit point


def _written(copy: Path, out: Path, files) -> Path:
    """A copy of ``out`` with ``files`` written into it normally."""
    import shutil  # noqa: PLC0415

    shutil.copytree(out, copy)
    write(project(files), copy)
    return copy


def test_recovery_restores_a_file_left_aside_by_an_older_version(tmp_path):
    out = tmp_path / "out"
    write(project(V1_FILES), out)
    staging = tmp_path / ".out.nb2pipe-abc123"
    (staging / "old").mkdir(parents=True)
    os.replace(out / "a.txt", staging / "old" / "a.txt")  # killed between set-aside and move-in
    (staging / "new").mkdir()
    (staging / "new" / "m.txt").write_text("half\n")
    assert writer.recover(out) == "cleaned"
    assert (out / "a.txt").read_text() == "one\n"
    assert not staging.exists()


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
