"""Paths built below a folder the source listed (`analysis/python/listed_folders.py`)."""

from __future__ import annotations

import ast

from nb2pipe.analysis.python.listed_folders import below_listed, folder_parts
from nb2pipe.analysis.python.walk_state import Context


def expr(text: str) -> ast.expr:
    return ast.parse(text, mode="eval").body


def test_paths_below_a_listed_folder_name_it_however_they_join() -> None:
    ctx = Context(".", ".", aliases={"os": "os", "Path": "pathlib.Path"}, strings={"folder": "Speeches"})
    ctx.listed.add("Speeches")
    found = {text: below_listed(expr(text), ctx) for text in (
        "'Speeches/' + f", "folder + '/' + f", "os.path.join(folder, f)", "Path('Speeches') / f",
        "os.path.join('Other', f)", "'Speeches' + f", "open(f)")}
    assert found["'Speeches/' + f"][::2] == ("Speeches", "(\0 + \"/\")")  # type: ignore[index]
    assert found["folder + '/' + f"][::2] == ("Speeches", "\0")  # type: ignore[index]
    assert found["os.path.join(folder, f)"][0] == found["Path('Speeches') / f"][0] == "Speeches"  # type: ignore[index]
    assert found["os.path.join('Other', f)"] is None and found["open(f)"] is None
    assert found["'Speeches' + f"] is None  # "Speechesx": no path below the folder


def test_the_listing_statement_s_own_joins_are_found_in_a_comprehension() -> None:
    ctx = Context(".", ".", aliases={"os": "os", "Path": "pathlib.Path"})
    statement = ast.parse("t = [open(os.path.join('texts', n)) for n in os.listdir('texts')]").body[0]
    listing = statement.value.generators[0].iter.args[0]  # type: ignore[attr-defined]
    parts = list(folder_parts(statement, listing, "texts", ctx))
    assert [(ast.unparse(p), t) for p, t in parts] == [("'texts'", "\0")] and parts[0][0] is not listing
    statement = ast.parse("for n in os.listdir('texts'):\n    open('texts/' + n); open('texts' + '/' + n); open(Path('texts') / n)").body[0]
    listing = statement.iter.args[0]  # type: ignore[attr-defined]
    parts = list(folder_parts(statement, listing, "texts", ctx))
    assert sorted((ast.unparse(p), t) for p, t in parts) == [("'texts'", "\0"), ("'texts'", "\0"), ("'texts/'", '(\0 + "/")')]
