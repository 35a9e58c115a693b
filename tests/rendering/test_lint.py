"""`rendering/lint.py`: which of ruff's findings in the notebook's own code are kept as written."""

from __future__ import annotations

from nb2pipe.rendering.lint import KEPT_RULES, kept_findings, kept_notes

MODULE = (
    "def last(values, item):\n"
    "    for item in values:\n"  # PLR1704: the loop variable reuses the argument's name
    "        pass\n"
    "    return item\n"
)


def test_only_the_kept_rules_of_the_checked_modules_are_listed() -> None:
    modules = {"src/p/pipelines/a/nodes.py": MODULE, "src/p/other.py": MODULE,
               "src/p/pipelines/b/nodes.py": "import os\n", "src/p/broken.py": "def (:\n"}
    kept = kept_findings(modules, ["src/p/pipelines/a/nodes.py", "src/p/pipelines/b/nodes.py",
                                   "src/p/broken.py"])
    # F401 (an unused import) and the syntax error are never ignored; other.py is not checked
    assert kept == {"src/p/pipelines/a/nodes.py": ("PLR1704",)}
    (note,) = kept_notes(kept)
    assert note.code == "lint-kept" and "PLR1704" in note.message
    assert "F401" not in KEPT_RULES
