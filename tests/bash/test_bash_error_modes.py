"""A script's error mode is the pipeline's (docs/bash.md, "Error modes"): where bash stops the
script (a failing command under `set -e` / `set -o errexit`, a failing pipe under
`set -o pipefail`, `exit`), the node raises; where bash goes on (no `set -e`, `set +e`,
`cmd || true`, `cmd || echo failed`, `a && b`, `if cmd; then`), the node logs a warning and the
run goes on.

Each expectation is what real bash does with the same lines: the generated `run_shell` is
checked against `bash -c`, and the end-to-end tests compare a `kedro run` with the script run by
bash, file by file (written or not, same bytes).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nb2pipe.analysis.shell.steps import script_facts
from nb2pipe.api import generate
from nb2pipe.options import Options

BIN = Path(sys.executable).parent

#: Script steps as the generated nodes run them (the `set` preamble first).
STEPS = [
    ["false"],
    ["set -e", "false"],
    ["set -e", "false || true"],
    ["set -e", "false || echo failed"],
    ["set -e", "false && echo never"],
    ["set -e", "if false; then echo never; fi"],
    ["set -e", "false | cat"],
    ["set -e -o pipefail", "false | cat"],
    ["set -e", "grep -q zzz /dev/null", "echo after"],
    ["echo before", "exit 3"],
    ["set -u", 'echo "$NB2PIPE_UNSET_NAME"'],
    ["set -e", "set +e", "false", "echo after"],
]


@pytest.fixture(scope="module")
def shell_module(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The `shell.py` nb2pipe generates, imported from a converted project."""
    folder = tmp_path_factory.mktemp("shell")
    (folder / "in" / "run.sh").parent.mkdir()
    (folder / "in" / "run.sh").write_text("sort a.txt > b.txt\n", encoding="utf-8")
    generated = generate([folder / "in"], folder / "project", Options())
    text = next(v for k, v in generated.files.items() if str(k).endswith("/shell.py"))
    (folder / "shell.py").write_text(str(text), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("generated_shell", folder / "shell.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def bash_goes_on(lines: list[str], cwd: Path) -> tuple[bool, int]:
    """Whether bash runs the line after ``lines`` in the same script, and their status."""
    marker = cwd / "reached"
    marker.unlink(missing_ok=True)
    script = "\n".join([*lines, f'echo "$?" > {marker}'])
    subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True)
    return marker.is_file(), int(marker.read_text()) if marker.is_file() else -1


@pytest.mark.parametrize("lines", STEPS, ids=[" / ".join(s) for s in STEPS])
def test_a_script_step_stops_exactly_where_bash_stops(
    shell_module, lines, tmp_path, caplog
) -> None:  # type: ignore[no-untyped-def]
    goes_on, status = bash_goes_on(lines, tmp_path)
    caplog.set_level(logging.WARNING)
    if goes_on:
        shell_module.run_shell(lines, cwd=str(tmp_path), script=True)
        assert bool(caplog.records) == (status != 0), caplog.text
    else:
        with pytest.raises(subprocess.CalledProcessError):
            shell_module.run_shell(lines, cwd=str(tmp_path), script=True)


def test_notebook_lines_go_on_with_a_warning_and_bash_cells_raise(
    shell_module, tmp_path, caplog
) -> None:  # type: ignore[no-untyped-def]
    caplog.set_level(logging.WARNING)
    shell_module.run_shell(["false"], cwd=str(tmp_path), check=False)  # `!false`: IPython goes on
    assert "exited with status 1" in caplog.text
    with pytest.raises(subprocess.CalledProcessError):  # `%%bash` raises
        shell_module.run_shell(["false"], cwd=str(tmp_path), check=True)


@pytest.mark.parametrize(
    ("script", "options"),
    [
        ("set -o errexit\ncp a b\n", ("e",)),
        ("set -e\nset +o errexit\ncp a b\n", ()),
        ("set -o errexit -o pipefail\nset +e\ncp a b\n", ("pipefail",)),
        ("set -euo pipefail\ncp a b\n", ("e", "pipefail", "u")),
    ],
)
def test_long_option_names_are_their_flags(script: str, options: tuple[str, ...]) -> None:
    """`set -o errexit` and `set +e` undo each other (one name per option in the preamble)."""
    facts = script_facts(script, "run.sh", "/root")
    assert facts.steps[-1].options == options


# ------------------------------------------------------------------------------ end to end
WITH_E = """\
set -e
cp in.txt a.txt
grep zzz a.txt > b.txt
sort in.txt > c.txt
"""
WITHOUT_E = WITH_E.removeprefix("set -e\n")
GUARDED = """\
cp in.txt a.txt
grep zzz a.txt > b.txt
set -o errexit
grep zzz in.txt > d.txt || echo "no match"
grep -q zzz in.txt && echo found > e.txt
if grep -q zzz in.txt; then echo yes > f.txt; fi
sort in.txt > c.txt
set -o pipefail
grep zzz in.txt | sort > g.txt
echo after > h.txt
"""


def digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.e2e
@pytest.mark.parametrize(
    "script", [WITH_E, WITHOUT_E, GUARDED], ids=["set_e", "no_set_e", "guarded"]
)
def test_kedro_run_writes_what_bash_writes(tmp_path: Path, script: str) -> None:
    """The middle command fails (grep finds nothing): bash and `kedro run` both stop, or both go
    on, and the files after the failure exist under both or neither, with the same bytes."""
    for where in ("bash", "source"):
        (tmp_path / where).mkdir()
        (tmp_path / where / "in.txt").write_text("one\ntwo\n", encoding="utf-8")
        (tmp_path / where / "run.sh").write_text(script, encoding="utf-8")
    before = digests(tmp_path / "bash")
    ran = subprocess.run(["bash", "run.sh"], cwd=tmp_path / "bash", capture_output=True, text=True)
    wrote = {p: d for p, d in digests(tmp_path / "bash").items() if before.get(p) != d}

    project = tmp_path / "project"
    converted = subprocess.run(
        [BIN / "nb2pipe", "convert", tmp_path / "source", "-o", project],
        capture_output=True,
        text=True,
    )
    assert converted.returncode == 0, converted.stderr
    env = dict(os.environ, KEDRO_DISABLE_TELEMETRY="1", DO_NOT_TRACK="1", COLUMNS="300")
    kedro = subprocess.run(
        [BIN / "kedro", "run"], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )
    assert (kedro.returncode == 0) == (ran.returncode == 0), (ran.returncode, kedro.stderr[-3000:])
    files = json.loads((project / ".nb2pipe/manifest.json").read_text(encoding="utf-8"))["files"]
    assert set(wrote) <= set(files), (
        f"written by bash, not in the catalog: {set(wrote) - set(files)}"
    )
    made = digests(project)
    for original, stored in files.items():
        assert made.get(stored) == wrote.get(original), f"{original}: bash and kedro run differ"
    if ran.returncode == 0 and "grep zzz a.txt" in script:
        assert "exited with status 1; going on" in kedro.stdout + kedro.stderr
