"""Environment set-up commands: installing packages, creating and activating environments.

Scripts such as `install.sh` or `setup.sh` prepare the machine a pipeline runs on (`pip install`,
`conda create`/`activate`, `apt-get install`, `python -m venv`, `source venv/bin/activate`); they
are not steps of the pipeline. Such commands make steps of kind "setup": no node, an info
diagnostic, and their `pip install` requirements go to the project's requirements.txt
(`drivers`). `SETUP_COMMANDS` is the table: `shell.commands.SHELL_COMMANDS` takes its rows, and
`shell.runners.python` asks `python_setup` about `python -m pip|venv|...` and `setup.py`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from nb2pipe.analysis.shell.rules import Argv, CommandEffect, Note
from nb2pipe.knowledge.pip import PIP_VALUE_OPTIONS, REQUIREMENT_FILE_OPTIONS
from nb2pipe.model import Diagnostic
from nb2pipe.model.shell import BashScript, PythonCall, ShellStep

Installs = Callable[[Argv], tuple[str, ...]]



def pip_requirements(args: Argv) -> tuple[str, ...]:
    """Requirements `pip install <args>` names: `pandas==2.1`, `scikit-learn`, `torch>=2`.

    A requirements file (`-r requirements.txt`) is kept as "-r <file>": its lines are read by
    readers/requirement_files.py. Not: other options and their values (`-e .`, `-i URL`), local
    paths (`.`, `./pkg`, `dist/x.whl`), dynamic words.
    """
    found: list[str] = []
    rest = list(args)
    while rest:
        word = rest.pop(0)
        if word is None:
            continue
        if word in REQUIREMENT_FILE_OPTIONS and rest and rest[0] is not None:
            found.append(f"-r {rest.pop(0)}")
            continue
        if word.startswith("-"):
            if word in PIP_VALUE_OPTIONS and rest:
                rest.pop(0)
            continue
        if word in (".", "..") or word.startswith(("./", "../", "/", "~")) or _is_file(word):
            continue
        if word.lower() not in BUILD_TOOLS:
            found.append(word)
    return tuple(found)


#: Packages pip installs for itself (`pip install --upgrade pip`): not the project's.
BUILD_TOOLS = frozenset({"pip", "setuptools", "wheel"})


def _is_file(word: str) -> bool:
    return "://" not in word and word.endswith((".whl", ".tar.gz", ".zip", ".txt"))


def _no_installs(args: Argv) -> tuple[str, ...]:
    return ()


#: Commands that set up the environment (key as in SHELL_COMMANDS: one, two or three words),
#: with how to read the requirements they install (pip's). Please add rows.
SETUP_COMMANDS: dict[str, Installs] = {
    "pip install": pip_requirements,
    "pip3 install": pip_requirements,
    "pip uninstall": _no_installs,
    "uv pip install": pip_requirements,
    "uv add": pip_requirements,
    "uv sync": _no_installs,
    "uv venv": _no_installs,
    "pipx install": _no_installs,
    "poetry install": _no_installs,
    "poetry add": pip_requirements,
    "pipenv install": pip_requirements,
    "virtualenv": _no_installs,
    "pyenv": _no_installs,
    **{
        f"{conda} {action}": _no_installs
        for conda in ("conda", "mamba", "micromamba")
        for action in (
            "create",
            "install",
            "update",
            "upgrade",
            "remove",
            "uninstall",
            "activate",
            "deactivate",
            "init",
            "config",
            "clean",
            "env",
            "info",
            "list",
            "search",
        )
    },
    **{
        name: _no_installs
        for name in ("apt-get", "apt", "aptitude", "yum", "dnf", "apk", "zypper", "brew", "snap")
    },
    "npm install": _no_installs,
    "npm ci": _no_installs,
    "yarn install": _no_installs,
    "module load": _no_installs,
    "module purge": _no_installs,
    "spack load": _no_installs,
    "nvm install": _no_installs,
    "nvm use": _no_installs,
    "rustup": _no_installs,
    "cargo install": _no_installs,
    "pre-commit install": _no_installs,
    "git lfs install": _no_installs,
    "jupyter nbextension": _no_installs,
    "jupyter labextension": _no_installs,
    "jupyter kernelspec": _no_installs,
    "jupyter contrib": _no_installs,
}

#: `python -m <module>` that sets up the environment (pip: its `install` requirements).
SETUP_MODULES = frozenset(
    {
        "pip",
        "venv",
        "virtualenv",
        "ensurepip",
        "ipykernel",
        "spacy",
        "nltk.downloader",
        "pre_commit",
    }
)

#: Files whose `source` sets up the environment: virtualenv and conda activation, shell profiles.
SETUP_SOURCES = re.compile(
    r"(^|/)(activate|conda\.sh|mamba\.sh|\.bashrc|\.bash_profile|\.profile|\.zshrc|setup\.bash)$"
    r"|(^|/)(etc/profile|profile\.d/)"
)


#: Installers a script downloads or runs (`bash Miniconda3-latest-Linux-x86_64.sh -b`,
#: `python get-pip.py`, `curl -fsSL .../install.sh | sh` of a tool).
INSTALLERS = re.compile(
    r"(?i)(mini|ana)conda[^/]*\.sh$|miniforge|mambaforge|micromamba|get-pip\.py$|rustup|"
    r"install-poetry|astral\.sh/uv|nvm[^/]*/install\.sh$"
)
#: `eval "$(...)"` of a tool's shell hook (`conda shell.bash hook`, `pyenv init -`).
SETUP_EVALS = re.compile(
    r"\b(conda|mamba|micromamba) shell\.|\bpyenv (virtualenv-)?init\b|\bdirenv hook\b|"
    r"\bbrew shellenv\b"
)
#: `python -c` code that sets up the environment (downloads NLTK data, runs pip).
SETUP_CODE = re.compile(r"nltk\.download|spacy\.cli\.download|\bensurepip\b|\bpip\b.*install")


def setup_rule(key: str) -> Callable[[Argv], CommandEffect]:
    """The rule of one SETUP_COMMANDS row."""
    installs = SETUP_COMMANDS[key]

    def rule(args: Argv) -> CommandEffect:
        return setup_effect(key, installs(args))

    return rule


def setup_effect(what: str, installs: tuple[str, ...] = ()) -> CommandEffect:
    """A set-up command: no node; what it installs, for requirements.txt."""
    shown = f" ({', '.join(installs)} go to requirements.txt)" if installs else ""
    note = Note(
        "info", "bash-setup", f"`{what}` sets up the environment: not a pipeline step{shown}"
    )
    return CommandEffect("setup", notes=(note,), setup=what, installs=installs)


def python_setup(call: PythonCall) -> CommandEffect | None:
    """`python -m pip install x`, `python -m venv env`, `python setup.py install`,
    `python get-pip.py`: set-up."""
    if call.module in SETUP_MODULES:
        words = list(call.argv)
        if call.module == "pip" and words[:1] == ["install"]:
            return setup_effect("python -m pip install", pip_requirements(tuple(words[1:])))
        return setup_effect(f"python -m {call.module}")
    if posixpath.basename(call.script) == "setup.py":
        return setup_effect("python setup.py")
    if INSTALLERS.search(call.script):
        return setup_effect(f"python {call.script}")
    return None


def inline_setup(args: Argv) -> CommandEffect | None:
    """`python -c "import nltk; nltk.download('punkt')"`: set-up."""
    code = next((args[i + 1] for i, a in enumerate(args[:-1]) if a == "-c"), None)
    if code is not None and SETUP_CODE.search(code):
        return setup_effect("python -c " + code.split(";")[0][:40])
    return None


def installer(effect: CommandEffect) -> CommandEffect:
    """A download or a script run that installs a tool (Miniconda, get-pip.py...) is set-up."""
    named = [*effect.reads, *effect.writes, *((effect.script or ())[:1])]
    if effect.kind in ("download", "shell") and any(
        p is not None and INSTALLERS.search(p) for p in named
    ):
        return setup_effect(f"installer {posixpath.basename(str(named[-1]))}")
    return effect


def sourced(args: Argv) -> CommandEffect:
    """`source file` / `. file`: activating an environment is set-up; any other file runs here
    and stays verbatim."""
    path = args[0] if args else None
    if path is not None and SETUP_SOURCES.search(path):
        return setup_effect(f"source {path}")
    note = Note("warning", "bash-source", "`source` runs another file here")
    # a file of the folder it sources is one it reads (it travels into the project)
    reads = (path,) if path is not None and not path.startswith(("/", "~", "$")) else ()
    return CommandEffect("shell", reads=reads, verbatim=True, notes=(note,))


# --------------------------------------------------------------------- diagnostics
def setup_note(script: BashScript, path: str) -> Diagnostic:
    what = list(dict.fromkeys(w for s in script.steps for w in s.setup))
    installs = list(dict.fromkeys(p for s in script.steps for p in s.installs))
    shown = ", ".join(f"`{w}`" for w in what[:4]) + (", ..." if len(what) > 4 else "")
    into = f"; its pip installs ({', '.join(installs)}) go to requirements.txt" if installs else ""
    return Diagnostic(
        "info",
        "bash-setup-script",
        f"treated as environment setup ({shown}): no pipeline nodes{into}",
        path,
    )


def in_step_setup(step: ShellStep, path: str) -> Diagnostic:
    return Diagnostic(
        "warning",
        "bash-setup-in-step",
        f"the step also sets up the environment (`{step.setup[0]}`): that runs with its node",
        path,
        line=step.line,
    )


def setup_names(step: ShellStep) -> frozenset[str]:
    """Command names of the step's environment set-up (`pip` for `pip install`)."""
    return frozenset(w.split()[0] for w in step.setup) - {"python", "jupyter"}
