"""Rules for commands that run notebooks and Python scripts: papermill, nbconvert, ipython, python.

Each returns a `CommandEffect` whose notebooks or Python call are spelled as on the command line;
`shell.steps` normalises their paths against the working directory.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

import yaml

from nb2pipe.analysis.shell.python_calls import parse_python_call
from nb2pipe.analysis.shell.rules import (
    Argv,
    CommandEffect,
    Note,
    NotebookCall,
    dynamic_note,
    join,
    parse_options,
)
from nb2pipe.analysis.shell.setup import inline_setup, python_setup
from nb2pipe.model.shell import NotebookRun

#: What a node running a notebook runner itself (a loop kept as one step) needs installed:
#: runner → distributions, for requirements.txt. Please add rows for other runners.
RUNNER_REQUIREMENTS: dict[str, tuple[str, ...]] = {
    "papermill": ("papermill", "ipykernel"),
    "nbconvert": ("nbconvert", "ipykernel"),
    "jupyter-execute": ("nbclient", "ipykernel"),
    "ipython": ("ipython",),
}


def runner_requirements(runs: Iterable[Iterable[NotebookRun]]) -> tuple[str, ...]:
    """The distributions the notebook runners of node steps need, in order, once each."""
    wanted = (r for step in runs for run in step for r in RUNNER_REQUIREMENTS.get(run.runner, ()))
    return tuple(dict.fromkeys(wanted))


def papermill(args: Argv) -> CommandEffect:
    """`papermill in.ipynb [out.ipynb] -p name value -r name value -y yaml -f params.yml`."""
    params: list[tuple[str, object]] = []
    positionals: list[str | None] = []
    cwd: str | None = None
    reads: list[str] = []
    rest = list(args)
    while rest:
        token = rest.pop(0)
        if token in ("-p", "--parameters", "-r", "--parameters_raw") and len(rest) >= 2:
            name, value = rest.pop(0), rest.pop(0)
            raw = token in ("-r", "--parameters_raw")
            params.append((name or "?", value if raw or value is None else papermill_value(value)))
        elif token in ("-y", "--parameters_yaml") and rest:
            params.extend(_yaml_params(rest.pop(0)))
        elif token in ("-f", "--parameters_file") and rest:
            reads.extend(p for p in [rest.pop(0)] if p is not None)
        elif token == "--cwd" and rest:
            cwd = rest.pop(0)
        elif token in _PAPERMILL_VALUES and rest:
            rest.pop(0)
        elif token is None or not token.startswith("-"):
            positionals.append(token)
    return _notebook_effect("papermill", positionals, tuple(params), cwd, tuple(reads))


_PAPERMILL_VALUES = frozenset(
    {
        "-k",
        "--kernel",
        "-l",
        "--language",
        "--engine",
        "--execution-timeout",
        "-b",
        "--parameters_base64",
        "--start-timeout",
        "--inject-paths",
    }
)


def papermill_value(value: str) -> object:
    """Type a `-p` value as papermill does: True/False/None, int, float, else str."""
    constants: dict[str, object] = {"True": True, "False": False, "None": None}
    if value in constants:
        return constants[value]
    for cast in (int, float):
        try:
            return cast(value)
        except ValueError:
            pass
    return value


def _yaml_params(text: str | None) -> list[tuple[str, object]]:
    try:
        loaded = yaml.safe_load(text or "")
    except yaml.YAMLError:
        return []
    return [(str(k), v) for k, v in loaded.items()] if isinstance(loaded, dict) else []


def _notebook_effect(
    runner: str,
    positionals: list[str | None],
    params: tuple[tuple[str, object], ...],
    cwd: str | None,
    reads: tuple[str, ...] = (),
) -> CommandEffect:
    if not positionals or positionals[0] is None:
        return CommandEffect("notebook", reads=reads, notes=(dynamic_note("notebook path"),))
    output = positionals[1] if len(positionals) > 1 else None
    call = NotebookCall(runner, positionals[0], output, params, cwd)
    return CommandEffect("notebook", reads=reads, notebooks=(call,))


#: nbconvert `--to` formats → suffix of the file written. Please add rows for other exporters.
NBCONVERT_SUFFIXES = {
    "notebook": ".nbconvert.ipynb",
    "html": ".html",
    "slides": ".slides.html",
    "markdown": ".md",
    "script": ".py",
    "python": ".py",
    "pdf": ".pdf",
    "webpdf": ".pdf",
    "latex": ".tex",
    "rst": ".rst",
    "asciidoc": ".asciidoc",
}


def nbconvert(args: Argv) -> CommandEffect:
    """`jupyter nbconvert --to notebook --execute nb.ipynb [--output X | --inplace]`.

    nbconvert runs the notebook in the notebook's folder and writes next to it (or into
    `--output-dir`). Without `--execute` it only converts: a file command.
    """
    values = frozenset({"--to", "--output", "--output-dir", "--template"})
    traits = tuple(a for a in args if a is None or not (a.startswith("--") and "." in a))
    parsed = parse_options(traits, values)
    notebooks = [p for p in parsed.positionals if p is not None]
    output = next(iter(parsed.values("--output")), None)
    folder = next(iter(parsed.values("--output-dir")), None)
    to = next(iter(parsed.values("--to")), None) or "html"
    suffix = ".ipynb" if to == "notebook" else NBCONVERT_SUFFIXES.get(to, "." + to)
    outputs = {
        nb: _nb_output(nb, output, folder or posixpath.dirname(nb), suffix) for nb in notebooks
    }
    if "--execute" not in parsed.flags:
        return CommandEffect("file", reads=tuple(notebooks), writes=tuple(outputs.values()))
    calls = tuple(
        NotebookCall(
            "nbconvert",
            nb,
            None if "--inplace" in parsed.flags else outputs[nb],
            (),
            posixpath.dirname(nb) or ".",
        )
        for nb in notebooks
    )
    return CommandEffect("notebook", notebooks=calls)


def _nb_output(notebook: str, output: str | None, folder: str, suffix: str) -> str:
    """Where nbconvert writes: `--output` (its suffix added) or the notebook's stem + suffix."""
    stem = posixpath.splitext(posixpath.basename(notebook))[0]
    if output is None:
        name = stem + (NBCONVERT_SUFFIXES["notebook"] if suffix == ".ipynb" else suffix)
    else:
        name = output if output.endswith(suffix) else output + suffix
    return join(folder, name)


def jupyter_execute(args: Argv) -> CommandEffect:
    """`jupyter execute nb.ipynb [--inplace]` (nbclient): runs in the notebook's folder."""
    parsed = parse_options(args, frozenset({"--kernel_name", "--output"}))
    calls = tuple(
        NotebookCall(
            "jupyter-execute",
            nb,
            nb if "--inplace" in parsed.flags else None,
            (),
            posixpath.dirname(nb) or ".",
        )
        for nb in parsed.positionals
        if nb is not None
    )
    return CommandEffect("notebook", notebooks=calls)


def python(args: Argv, interpreter: str = "python") -> CommandEffect:
    """`python [opts] script.py args`, `python -m module args`; `-c` and the REPL stay verbatim."""
    call = parse_python_call((interpreter, *args))
    if call is None:
        inline = inline_setup(args)
        return inline or CommandEffect("shell", verbatim=True, notes=(_inline(interpreter),))
    return python_setup(call) or CommandEffect("python", python=call)


def ipython(args: Argv, runner: str = "ipython") -> CommandEffect:
    """`ipython nb.ipynb` runs a notebook; `ipython script.py args` a Python script."""
    parsed = parse_options(args[:1], frozenset())
    target = parsed.positionals[0] if parsed.positionals else None
    if target is not None and target.endswith(".ipynb"):
        return CommandEffect("notebook", notebooks=(NotebookCall(runner, target),))
    return python(args, interpreter=runner)


def percent_run(args: Argv) -> CommandEffect:
    """`%run other.ipynb` or `%run script.py args` in a notebook."""
    return ipython(args, runner="%run")


#: `bash`/`sh` options that take a value.
SHELL_VALUE_OPTIONS = frozenset({"-o", "+o", "-O", "+O", "--rcfile", "--init-file"})


def shell_script(args: Argv, runner: str = "bash") -> CommandEffect:
    """`bash [options] other.sh args` (or `sh`): another script, converted with the caller when
    it is among the converted sources; `bash -c code` and `bash` reading stdin stay verbatim."""
    rest = list(args)
    while rest and (option := rest[0]) is not None and option[:1] in ("-", "+") and option != "--":
        rest.pop(0)
        reads_code = option[:1] == "-" and option[1:2] != "-" and set(option[1:]) & {"c", "s"}
        if reads_code and option not in SHELL_VALUE_OPTIONS:
            return CommandEffect("shell", verbatim=True, notes=(_inline(runner),))
        if option in SHELL_VALUE_OPTIONS and rest:
            rest.pop(0)
    if rest and rest[0] == "--":
        rest.pop(0)
    if not rest:
        return CommandEffect("shell", verbatim=True, notes=(_inline(runner),))
    if rest[0] is None:
        return CommandEffect("shell", verbatim=True, notes=(dynamic_note("shell script path"),))
    return called_script(tuple(rest), runner)


def called_script(argv: Argv, runner: str) -> CommandEffect:
    """A shell script run with its arguments: verbatim unless the driver converts it."""
    note = Note("info", "bash-subscript", f"runs the shell script {argv[0]}")
    return CommandEffect("shell", verbatim=True, notes=(note,), script=argv, script_runner=runner)


def _inline(command: str) -> Note:
    message = f"`{command}` without a script (inline code or interactive) is kept verbatim"
    return Note("warning", "bash-inline-code", message)
