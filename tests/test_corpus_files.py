"""scripts/corpus_files.py: which candidates of the large corpus are left out without running."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from corpus_files import code_of, imported, parsed, stripped, unguarded  # noqa: E402
from corpus_sources import NETWORK  # noqa: E402

GUARDED = "try:\n    import pint\nexcept ImportError:\n    !pip install pint\n    import pint\n"


def test_an_install_fallback_of_a_missing_import_needs_no_network() -> None:
    assert NETWORK.search(GUARDED)
    assert not NETWORK.search(unguarded(GUARDED))


def test_an_install_outside_the_fallback_still_needs_the_network() -> None:
    after = GUARDED + "!pip install pint\n"
    before = "!pip install pint\n" + GUARDED
    tuple_guard = GUARDED.replace("except ImportError:", "except (ImportError, OSError):")
    for source in (after, before):
        assert NETWORK.search(unguarded(source))
    assert not NETWORK.search(unguarded(tuple_guard))
    other = GUARDED.replace("except ImportError:", "except ValueError:")
    assert NETWORK.search(unguarded(other))


def test_a_block_whose_only_statement_is_a_shell_line_parses() -> None:
    trees = parsed([GUARDED, "if True:\n    %time x = 1\n", "x?\n"])
    assert len(trees) == 3
    assert imported(trees) == {"pint"}


def test_a_gallery_script_candidate_is_read_and_kept_as_it_is() -> None:
    script = b'"""\nTitle\n=====\n"""\n# %%\n# Text.\nimport networkx as nx\nG = nx.path_graph(3)\n'
    (code,) = code_of(script, "examples/plot_path.py")
    assert imported(parsed([code])) == {"networkx"}
    assert stripped(script, "examples/plot_path.py") == script


def test_projects_that_state_no_license_are_rebuild_only(tmp_path: Path) -> None:
    from build_corpus import write_gitignore
    from corpus_sources import NONE_STATED, PROJECTS, committed

    assert committed(PROJECTS[0]) and PROJECTS[0].license != NONE_STATED
    unlicensed = [p for p in PROJECTS if not committed(p)]
    write_gitignore(tmp_path)
    lines = (tmp_path / ".gitignore").read_text().splitlines()
    assert [line for line in lines if not line.startswith("#")] == sorted(
        f"/{p.source.replace('/', '__')}/" for p in unlicensed
    )
    assert all(not p.license_file for p in unlicensed)
    checked_in = (Path(__file__).resolve().parents[1] / "corpus" / ".gitignore").read_text()
    assert checked_in.splitlines() == lines  # corpus/.gitignore is up to date
