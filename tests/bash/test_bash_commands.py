"""The command table and word expansion, each rule as a small spec."""

from __future__ import annotations

import pytest

from nb2pipe.analysis.shell.command_effect import command_effect, lookup
from nb2pipe.analysis.shell.commands import SHELL_COMMANDS
from nb2pipe.analysis.shell.expand import expand, substitute
from nb2pipe.analysis.shell.parse import parse_bash
from nb2pipe.analysis.shell.paths import ROOT_SENTINEL, normalise
from nb2pipe.analysis.shell.rules import parse_options
from nb2pipe.analysis.shell.scope import Context, Scope
from nb2pipe.analysis.shell.syntax import Command

ROOT = ROOT_SENTINEL


# --------------------------------------------------------------------------- the table
@pytest.mark.parametrize("key", sorted(SHELL_COMMANDS))
def test_every_rule_survives_odd_arguments(key: str) -> None:
    for args in ((), (None,), ("-", "--"), ("-x", None, "a b", "--opt=", "x.csv")):
        command_effect((*key.split(), *args))


@pytest.mark.parametrize(
    ("argv", "key"),
    [
        (("jupyter", "nbconvert", "--execute", "a.ipynb"), "jupyter nbconvert"),
        (("dvc", "run", "-n", "x", "true"), "dvc run"),
        (("dvc", "stage", "add", "-n", "x"), "dvc stage add"),
        (("/usr/bin/python3.11", "x.py"), "python"),
        (("python3", "x.py"), "python"),
        (("./fasttext", "x"), "./fasttext"),
    ],
)
def test_lookup(argv: tuple[str, ...], key: str) -> None:
    assert lookup(argv)[0] == key


def test_unknown_command_mentions_paths() -> None:
    effect = command_effect(("./ft", "-input", "data/a.txt", "-dim", "10", "-output", "out/m"))
    assert (effect.kind, effect.mentions) == ("shell", ("data/a.txt", "out/m"))
    assert [n.code for n in effect.notes] == ["bash-unknown-command"]


def test_dynamic_command_name() -> None:
    effect = command_effect((None, "x"))
    assert (effect.kind, effect.verbatim, effect.notes[0].code) == (
        "shell",
        True,
        "bash-dynamic-command",
    )


def test_wrapper_exposes_inner_command() -> None:
    assert command_effect(("timeout", "10", "python", "x.py")).inner == ("python", "x.py")
    assert command_effect(("env", "A=1", "-u", "B", "sort", "a")).inner == ("sort", "a")
    assert command_effect(("nice", "-n", "5", "make")).inner == ("make",)


@pytest.mark.parametrize(
    ("args", "positionals", "options", "flags"),
    [
        (("-xzvf", "a.tgz", "b"), ("b",), (("-f", "a.tgz"),), {"-x", "-z", "-v"}),
        (("-oout.txt", "in"), ("in",), (("-o", "out.txt"),), set()),
        (("--output=o", "--", "-n"), ("-n",), (("--output", "o"),), set()),
        (("-", "x"), ("-", "x"), (), set()),
    ],
)
def test_parse_options(
    args: tuple[str, ...],
    positionals: tuple[str, ...],
    options: tuple[tuple[str, str], ...],
    flags: set[str],
) -> None:
    parsed = parse_options(args, frozenset({"-f", "-o", "--output"}))
    assert (parsed.positionals, parsed.options, set(parsed.flags)) == (positionals, options, flags)


# ----------------------------------------------------------------------------- expansion
def word(text: str):  # the first argument of `echo <text>`
    stmt = parse_bash(f"echo {text}\n").statements[0]
    assert isinstance(stmt, Command)
    return stmt.words[1]


SCOPE = Scope(cwd=ROOT + "/sub").assign("D", "data").assign("S", "a b").assign("E", "")
CTX = Context(root=ROOT, source="scripts/run.sh")


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("plain", ("plain",)),
        ('"$D/x.csv"', ("data/x.csv",)),
        ("${D}/x", ("data/x",)),
        ("${NOPE:-def}", ("def",)),
        ("${E:-def}", ("def",)),
        ("${E-def}", ()),
        ("$S", ("a", "b")),
        ('"$S"', ("a b",)),
        ("$E", ()),
        ('"$E"', ("",)),
        ("'$D'", ("$D",)),
        ("a\\ b", ("a b",)),
        ("$'x\\ty'", ("x\ty",)),
        ("$NOPE", None),
        ("$1", None),
        ("$((1+2))", None),
        ("${D%.*}", None),
        ('"$(dirname "$0")"', (ROOT + "/scripts",)),
        ("$(basename /a/b.csv .csv)", ("b",)),
        ("$(pwd)/x", (ROOT + "/sub/x",)),
        ("$(date)", None),
        ("*.csv", ("*.csv",)),
        ('"$ $D"', ("$ data",)),
    ],
)
def test_expand(text: str, fields: tuple[str, ...] | None) -> None:
    assert expand(word(text), SCOPE, CTX).fields == fields


def test_expand_reports_uses_and_whole_variable() -> None:
    result = expand(word('"${D}"'), SCOPE, CTX)
    assert (result.uses, result.whole_var) == (("D",), "D")
    assert expand(word("$D/x"), SCOPE, CTX).whole_var is None


def test_cd_pwd_substitution() -> None:
    stmt = parse_bash('X=$(cd "$(dirname "$0")/.." && pwd)\n').statements[0]
    value = stmt.assignments[0][1]  # type: ignore[union-attr]
    assert expand(value, SCOPE, CTX).fields == (ROOT,)
    assert substitute((), SCOPE, CTX) == ""


@pytest.mark.parametrize(
    ("spelled", "cwd", "shown"),
    [
        ("a.csv", ROOT, "a.csv"),
        ("../x", ROOT + "/sub", "x"),
        ("../../x", ROOT, "/x"),
        ("/opt/x", ROOT, "/opt/x"),
        ("d/", ROOT, "d/"),
        (".", ROOT, "."),
        ("-", ROOT, None),
        ("/dev/null", ROOT, None),
        ("http://h/a.zip", None, "http://h/a.zip"),
        ("a.csv", None, None),
    ],
)
def test_normalise(spelled: str, cwd: str | None, shown: str | None) -> None:
    assert normalise(spelled, cwd, ROOT) == shown


@pytest.mark.parametrize(
    ("argv", "reads"),
    [
        (("sort", "-n", "-k", "2", "a.txt"), ("a.txt",)),
        (("sort", "-rn", "-t", ",", "a.csv", "b.csv"), ("a.csv", "b.csv")),
        (("grep", "-n", "-c", "pattern", "a.txt"), ("a.txt",)),
        (("grep", "-m", "3", "-A", "1", "pattern", "a.txt"), ("a.txt",)),
        (("cut", "-s", "-d", ",", "-f", "1", "a.csv"), ("a.csv",)),
        (("tail", "-f", "-n", "5", "log.txt"), ("log.txt",)),
        (("head", "-c", "10", "a.bin"), ("a.bin",)),
    ],
)
def test_flags_of_text_filters_take_no_value(argv: tuple[str, ...], reads: tuple[str, ...]) -> None:
    """`sort -n`, `grep -n`/`-c`, `cut -s`, `tail -f` are flags: the file after them is read."""
    assert command_effect(argv).reads == reads
