"""The display-only rule never removes a change of the file system (issue #13): each row is a
bare statement that only *looks* like a display (no value kept, no file the catalog knows) but
creates, removes, moves or touches files; it must stay in its node (kind "data"). The second
table holds look-alikes that are still display-only (pandas' `rename` on a frame)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import last_cell_chunks

IMPORTS = "\n".join(
    [
        "import os",
        "import shutil",
        "import tempfile",
        "from pathlib import Path",
        "import pandas as pd",
    ]
)
SETUP = ('df = pd.DataFrame({"a": [1]})', 'p = Path("out")', 'old = ["a.txt"]')

#: statement → why it is an effect
EFFECTS = [
    ('os.makedirs("scores", exist_ok=True)', "creates a folder"),
    ('os.mkdir("scores")', "creates a folder"),
    ('Path("scores").mkdir(parents=True, exist_ok=True)', "creates a folder"),
    ('(Path("a") / "b").mkdir(parents=True)', "creates a folder"),
    ("p.mkdir(exist_ok=True)", "creates a folder (a name holding a Path)"),
    ('os.remove("a.txt")', "removes a file"),
    ('os.unlink("a.txt")', "removes a file"),
    ('Path("a.txt").unlink(missing_ok=True)', "removes a file"),
    ('os.rmdir("scores")', "removes a folder"),
    ('shutil.rmtree("scores", ignore_errors=True)', "removes a tree"),
    ('shutil.copy("a.txt", "b.txt")', "copies a file"),
    ('shutil.move("a.txt", "b.txt")', "moves a file"),
    ('os.rename("a.txt", "b.txt")', "moves a file"),
    ('os.replace("a.txt", "b.txt")', "moves a file"),
    ('Path("a.txt").rename("b.txt")', "moves a file"),
    ('Path("a.txt").touch()', "creates a file"),
    ('p.write_text("x")', "writes a file"),
    ("list(map(os.remove, old))", "removes files, the function handed to map"),
    ("[os.remove(f) for f in old]", "removes files in a comprehension"),
    ("tempfile.mkdtemp()", "creates a folder"),
]

#: look-alikes that still only display
STILL_DISPLAY = [
    'df.rename(columns={"a": "b"})',
    "df.head()",
]


@pytest.mark.parametrize(("code", "why"), EFFECTS, ids=[c for c, _ in EFFECTS])
def test_file_system_effects_stay_in_their_node(code: str, why: str, tmp_path: Path) -> None:
    (chunk,) = last_cell_chunks(tmp_path, IMPORTS, *SETUP, code)
    assert chunk.kind == "data", f"{code} {why}: it must not be removed as display-only"


@pytest.mark.parametrize("code", STILL_DISPLAY)
def test_look_alikes_stay_display_only(code: str, tmp_path: Path) -> None:
    (chunk,) = last_cell_chunks(tmp_path, IMPORTS, *SETUP, code)
    assert chunk.kind == "display"
