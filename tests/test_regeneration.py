"""writer: a second write into an edited project merges three ways with the merge base
(.nb2pipe/base.json) — the file-level decisions through `write`, conflicts and their refusal."""

from __future__ import annotations

import json

import pytest

from nb2pipe.errors import OutputError
from nb2pipe.writer import BASE, diff, write
from tests.test_writer import project, statuses, tree

NODES = (
    "def load():\n    '''Load'''\n    return 1\n\n\n"
    "def save(x):\n    '''Save'''\n    return x\n"
)
PARAMS = "# Parameters\nnb:\n  rate: 0.5\n"
V1 = {"src/p/nodes.py": NODES, "conf/base/parameters.yml": PARAMS, "README.md": "# p\n"}


def test_the_merge_base_holds_what_was_generated(tmp_path):
    write(project({**V1, "data/raw.bin": b"\x00"}), tmp_path)
    base = json.loads((tmp_path / BASE).read_text())
    assert base == V1  # texts only; no manifest, no binary files
    (tmp_path / "README.md").write_text("# mine\n")
    write(project({**V1, "README.md": "# p2\n"}), tmp_path, force=True)
    assert json.loads((tmp_path / BASE).read_text())["README.md"] == "# p2\n"  # never the merge


def test_each_file_is_taken_kept_merged_or_conflicted(tmp_path):
    write(project(V1), tmp_path)
    nodes, params = tmp_path / "src/p/nodes.py", tmp_path / "conf/base/parameters.yml"
    nodes.write_text(NODES.replace("'''Load'''", "'''Load the data (ours).'''"))
    params.write_text(PARAMS.replace("0.5", "0.2"))
    (tmp_path / "mine.py").write_text("X = 1\n")
    v2 = {
        "src/p/nodes.py": NODES.replace("return x", "return x * 2"),
        "conf/base/parameters.yml": PARAMS.replace("0.5", "0.7"),
        "README.md": "# p, again\n",
    }
    preview = statuses(diff(project(v2), tmp_path))
    changes = statuses(write(project(v2), tmp_path))
    assert preview == changes == {
        "src/p/nodes.py": "merged",
        "conf/base/parameters.yml": "conflicted",
        "README.md": "modified",
    }
    assert nodes.read_text() == NODES.replace("'''Load'''", "'''Load the data (ours).'''") \
        .replace("return x", "return x * 2")
    assert "  rate: 0.2\n=======\n  rate: 0.7\n" in params.read_text()
    assert (tmp_path / "mine.py").read_text() == "X = 1\n"
    assert str(BASE) not in changes

    before = tree(tmp_path)
    with pytest.raises(OutputError, match="conflict markers") as error:
        write(project(v2), tmp_path)
    assert "conf/base/parameters.yml:3" in str(error.value)
    assert tree(tmp_path) == before  # nothing written

    params.write_text(PARAMS.replace("0.5", "0.2"))  # resolved: ours
    assert statuses(write(project(v2), tmp_path))["conf/base/parameters.yml"] == "kept"
    assert params.read_text() == PARAMS.replace("0.5", "0.2")
    assert diff(project(v2), tmp_path) == tuple(c for c in diff(project(v2), tmp_path)
                                                if c.status in ("unchanged", "kept"))


def test_force_takes_the_generated_text_even_over_markers(tmp_path):
    write(project(V1), tmp_path)
    params = tmp_path / "conf/base/parameters.yml"
    params.write_text(PARAMS.replace("0.5", "0.2"))
    write(project({**V1, "conf/base/parameters.yml": PARAMS.replace("0.5", "0.7")}), tmp_path)
    assert "<<<<<<<" in params.read_text()
    write(project({**V1, "conf/base/parameters.yml": PARAMS.replace("0.5", "0.9")}), tmp_path,
          force=True)
    assert params.read_text() == PARAMS.replace("0.5", "0.9")
