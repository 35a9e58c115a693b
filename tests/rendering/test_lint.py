"""`rendering/lint.py`: which of ruff's findings in the notebook's own code are kept as written."""

from __future__ import annotations

import pytest

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


def test_the_check_runs_in_the_formatting_folder_and_finds_what_a_folder_of_its_own_finds(
        monkeypatch) -> None:
    """`pyformat.format_many` hands its folder (every module at its project path, the ones
    formatted before too) to `lint.checker`; `kept_findings` then answers without a folder or a
    ruff run of its own, and what it answers is what a check in a folder of its own finds."""
    from nb2pipe.rendering import lint, pyformat

    modules = {"src/p/pipelines/a/nodes.py": MODULE + "L = lambda x: x\n",
               "src/p/helpers.py": "import os\n\n\ndef f(l):\n    return l\n",
               "src/p/settings.py": "X=1\n", "src/p/broken.py": "def (:\n"}
    checked = ["src/p/pipelines/a/nodes.py", "src/p/helpers.py", "src/p/broken.py"]
    pyformat.format_python(modules["src/p/settings.py"], "src/p/settings.py")  # formatted before
    formatted = pyformat.format_many(modules, (), lint.checker(checked))
    final = {p: t if isinstance(t, str) else modules[p] for p, t in formatted.items()}
    assert final["src/p/settings.py"] == "X = 1\n"
    monkeypatch.setattr(lint, "check_in", lambda *_: pytest.fail("checked a second time"))
    in_format_folder = lint.kept_findings(final, checked)
    monkeypatch.undo()
    lint._CACHE.clear()
    alone = lint.kept_findings(final, checked)
    assert in_format_folder == alone == {
        "src/p/helpers.py": ("E741",), "src/p/pipelines/a/nodes.py": ("E731", "PLR1704")}


def test_modules_in_a_folder_ruff_leaves_out_by_default_are_formatted_and_checked() -> None:
    """The check is given the files, not the folder: a package named like a folder ruff skips
    when it walks (`venv`) is formatted and checked."""
    from nb2pipe.rendering import lint, pyformat

    modules = {"src/venv/a.py": "l=1\n", "src/venv/b.py": "y=[1,\n2]\n"}
    formatted = pyformat.format_many(modules, (), lint.checker(["src/venv/a.py"]))
    assert formatted == {"src/venv/a.py": "l = 1\n", "src/venv/b.py": "y = [1, 2]\n"}
    assert lint.kept_findings(formatted, ["src/venv/a.py"]) == {"src/venv/a.py": ("E741",)}

