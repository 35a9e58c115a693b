"""The merge of one regenerated file (nb2pipe.merge): the decision table, YAML per key, and
properties of the line merge."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nb2pipe.merge import conflict_lines, merge_file, merge_yaml

B = "a\nb\nc\nd\ne\n"

# (base, ours (on disk), theirs (generated now)) -> (how, text)
TABLE = [
    ("same on both sides", B, "a\nB\nc\nd\ne\n", "a\nB\nc\nd\ne\n", "unchanged", "a\nB\nc\nd\ne\n"),
    ("user did not edit", B, B, "a\nb\nc\nd\nE\n", "take", "a\nb\nc\nd\nE\n"),
    ("notebooks unchanged", B, "a\nB\nc\nd\ne\n", B, "keep", "a\nB\nc\nd\ne\n"),
    ("edits apart", B, "A\nb\nc\nd\ne\n", "a\nb\nc\nd\nE\n", "merged", "A\nb\nc\nd\nE\n"),
    ("same line, both", B, "a\nb\nX\nd\ne\n", "a\nb\nY\nd\ne\n", "conflicted",
     "a\nb\n<<<<<<< yours (on disk)\nX\n=======\nY\n>>>>>>> nb2pipe (from the notebooks)\nd\ne\n"),
]


@pytest.mark.parametrize(("case", "base", "ours", "theirs", "how", "text"), TABLE,
                         ids=[row[0] for row in TABLE])
def test_file_level_decisions(case, base, ours, theirs, how, text):
    result = merge_file("src/pkg/nodes.py", base, ours, theirs)
    assert (result.how, result.text) == (how, text)
    assert result.conflicts == ((3,) if how == "conflicted" else ())


CATALOG = "# header\n\n# a.csv\na:\n  type: X\n  filepath: data/a.csv\n\nb:\n  type: Y\n"


def test_yaml_a_changed_key_survives_a_key_added_right_after_it():
    ours = CATALOG.replace("data/a.csv", "s3://bucket/a.csv")
    theirs = CATALOG.replace("\nb:", "\n# n.csv\nn:\n  type: N\n\nb:")
    result = merge_file("conf/base/catalog.yml", CATALOG, ours, theirs)
    assert result.how == "merged"
    assert result.text == theirs.replace("data/a.csv", "s3://bucket/a.csv")


def test_yaml_the_users_new_key_stays_after_the_key_it_followed():
    ours = CATALOG.replace("\nb:", "\nmine:\n  type: M\n\nb:")
    theirs = CATALOG.replace("type: Y", "type: Z")
    text = merge_yaml(CATALOG, ours, theirs)
    assert text == ours.replace("type: Y", "type: Z")


def test_yaml_a_key_no_longer_generated_goes_unless_the_user_edited_it():
    theirs = CATALOG.split("b:")[0]
    assert merge_yaml(CATALOG, CATALOG + "c: 1\n", theirs) == theirs + "c: 1\n"
    edited = CATALOG.replace("type: Y", "type: mine")
    assert "type: mine" in merge_yaml(CATALOG, edited + "c: 1\n", theirs)


def test_yaml_same_key_changed_both_ways_is_a_conflict_inside_that_key():
    result = merge_file("parameters.yml", "ns:\n  rate: 0.5\n", "ns:\n  rate: 0.2\n",
                        "ns:\n  rate: 0.7\n")
    assert result.how == "conflicted"
    assert "  rate: 0.2\n=======\n  rate: 0.7\n" in result.text


def test_yaml_that_is_not_one_mapping_is_merged_by_lines():
    base = "---\n- a\n- b\n- c\n"
    assert merge_yaml(base, base.replace("- a", "- A"), base.replace("- c", "- C")) == (
        "---\n- A\n- b\n- C\n"
    )


def test_conflict_lines_needs_a_whole_conflict():
    assert conflict_lines("x\n=======\ny\n") == ()  # a setext heading is no conflict
    assert conflict_lines("<<<<<<< a\nx\n") == ()
    assert conflict_lines("k\n<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n") == (2,)


# ------------------------------------------------------------------------------ properties
LINE = st.text(alphabet="abcxyz =()", min_size=0, max_size=8).map(lambda s: s + "\n")
LINES = st.lists(LINE, min_size=6, max_size=30)


@given(base=LINES, theirs=LINES, yaml=st.booleans())
def test_no_user_edit_gives_the_fresh_conversion(base, theirs, yaml):
    name = "conf/base/catalog.yml" if yaml else "src/p/nodes.py"
    result = merge_file(name, "".join(base), "".join(base), "".join(theirs))
    assert result.text == "".join(theirs) and not result.conflicts


@given(data=st.data(), base=st.lists(LINE, min_size=6, max_size=30, unique=True))
def test_a_user_edit_where_the_notebooks_changed_nothing_survives(data, base):
    """The user replaces line i, the notebooks replace line j at least 2 lines away: both stay.
    (Lines are unique so the alignment of the three versions is unambiguous.)"""
    i = data.draw(st.integers(0, len(base) - 1))
    j = data.draw(st.integers(0, len(base) - 1).filter(lambda j: abs(j - i) >= 2))
    mine, new = "edited by the user\n", "generated anew\n"
    ours, theirs = list(base), list(base)
    ours[i], theirs[j] = mine, new
    result = merge_file("src/p/nodes.py", "".join(base), "".join(ours), "".join(theirs))
    expected = list(base)
    expected[i], expected[j] = mine, new
    assert result.how == "merged"
    assert result.text == "".join(expected)


# Random edit sequences on both sides. Every line an edit writes is unique ("u3: 1", "g0: 1"), so
# "the line survived" is unambiguous; base lines repeat freely (a small alphabet of code- and
# YAML-like lines), which is what makes the alignment of the three versions hard.
BASE_LINE = st.sampled_from(["a = 1\n", "b = f(a)\n", "\n", "# note\n", "k:\n", "  x: 1\n",
                             "  y: 2\n", "m:\n", "    deep: 3\n", "return a\n"])
EDIT = st.tuples(st.sampled_from(["insert", "delete", "replace"]), st.integers(0, 10_000),
                 st.integers(1, 3), st.booleans())


def _apply_edits(lines: list[str], edits: list, tag: str) -> tuple[list[str], list[str]]:
    """Apply (kind, position, count, top-level) edits; return the text and the lines written."""
    lines, written = list(lines), []
    for kind, position, count, top in edits:
        at = position % (len(lines) + 1)
        new = [f"{'' if top else '  '}{tag}{len(written) + n}: 1\n" for n in range(count)]
        if kind != "insert":
            del lines[at:at + count]
        if kind != "delete":
            lines[at:at] = new
            written += new
    return lines, written


def _conflict_sides(text: str) -> tuple[list[str], list[str]]:
    """The lines inside conflict markers: (ours, theirs)."""
    ours, theirs, side = [], [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<<"):
            side = ours
        elif line.startswith("=======") and side is ours:
            side = theirs
        elif line.startswith(">>>>>>>"):
            side = None
        elif side is not None:
            side.append(line)
    return ours, theirs


@given(base=st.lists(BASE_LINE, min_size=0, max_size=25), mine=st.lists(EDIT, max_size=5),
       generated=st.lists(EDIT, max_size=5), yaml=st.booleans())
def test_random_edits_on_both_sides_lose_no_written_line_silently(base, mine, generated, yaml):
    """Whatever both sides do, every line the user wrote is in the result, and so is every line
    the notebooks' side wrote; a line in neither clean part is inside a reported conflict."""
    ours, user_lines = _apply_edits(base, mine, "u")
    theirs, generated_lines = _apply_edits(base, generated, "g")
    name = "conf/base/parameters.yml" if yaml else "src/p/pipelines/a/nodes.py"
    result = merge_file(name, "".join(base), "".join(ours), "".join(theirs))
    lines = result.text.splitlines(keepends=True)
    in_ours, in_theirs = _conflict_sides(result.text)
    assert (result.how == "conflicted") == bool(result.conflicts)
    for line in user_lines:
        if line in ours:  # not deleted again by a later edit of the same side
            assert line in lines, (line, result.text)
            assert line not in in_theirs
    for line in generated_lines:
        if line in theirs:
            assert line in lines, (line, result.text)
    if not result.conflicts:
        assert not in_ours and not in_theirs


@given(size=st.integers(0, 25), mine=st.lists(EDIT, max_size=5),
       generated=st.lists(EDIT, max_size=5))
def test_random_edits_a_line_the_notebooks_removed_comes_back_only_in_a_conflict(
    size, mine, generated
):
    """The other half of "no generator change lost silently": a base line the notebooks' side
    deleted (and the user kept) is in the result only inside a reported conflict. Base lines
    are unique here so "that line" is unambiguous. (Not YAML: there a top-level key the user
    edited is kept on purpose when nb2pipe stops generating it.)"""
    base = [f"line {n}\n" for n in range(size)]
    ours, _ = _apply_edits(base, mine, "u")
    theirs, _ = _apply_edits(base, generated, "g")
    result = merge_file("src/p/pipelines/a/nodes.py", "".join(base), "".join(ours),
                        "".join(theirs))
    in_ours, in_theirs = _conflict_sides(result.text)
    clean = [ln for ln in result.text.splitlines(keepends=True)
             if ln not in in_ours and ln not in in_theirs]
    for line in base:
        if line not in theirs and line in ours:
            assert line not in clean, (line, result.text)
