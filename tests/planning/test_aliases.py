"""Identity nodes (`planning/aliases.py`): a data step that only renames datasets other steps
read goes, its readers read the dataset itself; the plan invariant names such a node."""

from __future__ import annotations

import pytest

from nb2pipe.errors import PlanInvariantError
from nb2pipe.model import Step
from nb2pipe.planning.aliases import (
    check_no_identity_nodes,
    handed_on,
    wired_through,
    writes_folded,
)


def step(name: str, arguments: tuple[str, ...], inputs: tuple[str, ...], body: str,
         returns: tuple[str, ...] = (), outputs: tuple[str, ...] = ()) -> Step:
    code = f"def {name}({', '.join(arguments)}):\n    \"\"\"Doc.\"\"\"\n" + "".join(
        f"    {line}\n" for line in body.splitlines())
    return Step(name=name, kind="data", cells=("1",), arguments=arguments, inputs=inputs,
                returns=returns, outputs=outputs, code=code)


LOAD = step("load", ("raw_csv",), ("raw_csv",), "df = raw_csv\nreturn df", ("df",), ("df",))
USE = step("use", ("df", "k"), ("df", "params:k"), "out = df * k\nreturn out", ("out",), ("out",))


@pytest.mark.parametrize(("body", "renamed"), [
    ("df = raw_csv\nreturn df", {"df": "raw_csv"}),
    ("return raw_csv", {"df": "raw_csv"}),
    ("a = raw_csv\ndf = a\nreturn df", {"df": "raw_csv"}),
    ("df = raw_csv.copy()\nreturn df", None),  # computes
    ("df = raw_csv\nprint(df)\nreturn df", None),  # does something else too
])
def test_a_step_that_only_renames_its_inputs_is_an_identity(body, renamed):
    assert handed_on(step("load", ("raw_csv",), ("raw_csv",), body, ("df",), ("df",))) == renamed


def test_readers_read_the_dataset_itself_and_keep_their_argument_names():
    steps = wired_through([LOAD, USE])
    assert [s.name for s in steps] == ["use"]
    assert steps[0].inputs == ("raw_csv", "params:k") and steps[0].arguments == ("df", "k")


def test_an_identity_nobody_reads_stays_its_value_is_the_notebooks_final_one():
    assert wired_through([LOAD]) == [LOAD]
    check_no_identity_nodes((LOAD,))


def test_a_reader_of_both_names_keeps_the_identity():
    both = step("both", ("df", "raw_csv"), ("df", "raw_csv"), "x = df + raw_csv\nreturn x",
                ("x",), ("x",))
    assert wired_through([LOAD, both]) == [LOAD, both]


def test_the_plan_invariant_names_the_identity_node_and_its_readers():
    with pytest.raises(PlanInvariantError, match="node load only renames raw_csv for use"):
        check_no_identity_nodes((LOAD, USE))


def test_a_step_writing_a_file_stays_its_readers_read_the_file_back():
    save = step("save", ("df",), ("df",), "df_csv = df\nreturn df_csv", ("df_csv",),
                ("df_csv@pandas",))
    back = step("back", ("df_csv",), ("df_csv@pandas",), "n = len(df_csv)\nreturn n",
                ("n",), ("n",))
    assert wired_through([save, back]) == [save, back]
    plain = step("save", ("df",), ("df",), "df_csv = df\nreturn df_csv", ("df_csv",),
                 ("df_csv",))
    reads = step("back", ("df_csv",), ("df_csv",), "n = len(df_csv)\nreturn n", ("n",), ("n",))
    assert wired_through([plain, reads], frozenset({"df_csv"})) == [plain, reads]


def test_a_load_of_a_file_written_again_later_stays():
    assert wired_through([LOAD, USE], rewritten=frozenset({"raw_csv"})) == [LOAD, USE]


MAKE = step("make", ("k",), ("params:k",), "df = k * 2\nfigures = []\nreturn df, figures", ("df", "figures"),
            ("df", "make_figures"))
SAVE = step("save", ("df",), ("df",), "df_csv = df\nreturn df_csv", ("df_csv",), ("df_csv@pandas",))


def test_a_step_only_writing_a_file_goes_into_the_step_making_the_value():
    (made,) = writes_folded([MAKE, SAVE])
    assert made.name == "make" and handed_on(made) is None
    # the file's dataset comes before the figures the report looks for last
    assert made.returns == ("df", "df_csv", "figures")
    assert made.outputs == ("df", "df_csv@pandas", "make_figures")
    assert made.code.endswith("    df_csv = df\n    return df, df_csv, figures\n")
    compile(made.code, "nodes.py", "exec")


def test_a_folded_write_whose_name_the_maker_uses_returns_the_value_itself():
    maker = step("make", ("k",), ("params:k",), "df = k * 2\ndf_csv = 'x'\nreturn df", ("df",), ("df",))
    (made,) = writes_folded([maker, SAVE])
    assert made.returns == ("df", "df") and made.outputs == ("df", "df_csv@pandas")


@pytest.mark.parametrize("steps", [
    [SAVE],  # the value is no step's: a free input
    [step("make", ("k",), ("params:k",), "df = k * 2\nreturn df", ("df",), ("df",)),
     step("save", ("df",), ("df",), "df_2 = df\nreturn df_2", ("df_2",), ("df_2",))],  # no file
])
def test_an_identity_step_whose_value_no_step_makes_or_that_writes_no_file_stays(steps):
    assert writes_folded(steps) == steps


def test_a_folded_write_keeps_the_makers_figures_returned_last():
    # a data step that also draws returns its figures as an expression no name in `returns`
    # stands for (`as_shown(figures)`): it stays the last value returned
    maker = step("make", ("k",), ("params:k",), "df = k * 2\nreturn df, shown, as_shown(figures)",
                 ("df", "shown"), ("df", "make_shown", "make_figures"))
    (made,) = writes_folded([maker, SAVE])
    assert made.returns == ("df", "df_csv", "shown")
    assert made.outputs == ("df", "df_csv@pandas", "make_shown", "make_figures")
    assert made.code.endswith("    return df, df_csv, shown, as_shown(figures)\n")
