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
