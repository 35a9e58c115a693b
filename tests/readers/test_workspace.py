"""`readers.workspace.snapshot`: what is on disk for the paths the sources name, looked at once
so that planning never looks itself."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from nb2pipe.model import ChunkFacts, FileAccess, Source, SourceFacts
from nb2pipe.readers.workspace import snapshot


def facts_naming(*paths: str) -> SourceFacts:
    files = tuple(FileAccess(p, p, "read", "pandas.read_csv") for p in paths)
    chunk = ChunkFacts(cell=0, order=0, code="", line=1, kind="data", files=files)
    source = Source(PurePosixPath("nb.ipynb"), "/x/nb.ipynb", "notebook", ())
    return SourceFacts(source, (chunk,), (), (), (), (), (), frozenset(), (), ())


def test_the_snapshot_has_the_named_files_their_sizes_and_folders(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.csv").write_text("x\n1\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "unnamed.csv").write_text("never named")
    workspace = snapshot(tmp_path, [facts_naming("data/a.csv", "out", "gone.csv", "https://h/x.csv")])
    a = os.path.join(str(tmp_path), "data/a.csv")
    assert workspace.has_file(a) and workspace.size(a) == 4
    assert workspace.has(str(tmp_path / "out")) and not workspace.has_file(str(tmp_path / "out"))
    assert not workspace.has(str(tmp_path / "gone.csv"))
    assert not workspace.has(str(tmp_path / "unnamed.csv"))  # only what the sources name
    assert all("://" not in p for p in [*workspace.files, *workspace.folders])


def test_real_paths_resolve_links(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.csv").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    workspace = snapshot(tmp_path, [facts_naming("link/a.csv")], [str(tmp_path / "link")])
    assert workspace.realpath(os.path.join(str(tmp_path), "link/a.csv")) == str(
        (tmp_path / "real" / "a.csv").resolve())
    assert workspace.realpath(str(tmp_path / "link")) == str((tmp_path / "real").resolve())
