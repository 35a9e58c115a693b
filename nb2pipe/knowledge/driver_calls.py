"""Python calls that run another notebook or script, as the command line a bash driver would
spell them (`readers/python_driver.py` reads a Python driver as that bash script).

One row per call; the bash side (what `papermill` and `python x.py` read and write, how they are
converted) is `analysis/shell/runners.py` and `rules.py`, unchanged.
"""

from __future__ import annotations

from typing import Final, Literal

#: Modules a Python driver may import: running, listing and path helpers only. A file importing
#: anything else computes something itself and is converted as a script.
DRIVER_MODULES: Final = frozenset(
    {"os", "os.path", "sys", "subprocess", "glob", "pathlib", "papermill", "shlex"}
)

#: Calls running papermill's `execute_notebook(input, output, parameters=...)`.
PAPERMILL_RUNS: Final = frozenset({"papermill.execute_notebook"})

#: papermill's keyword arguments → its command line option (a value follows it).
PAPERMILL_OPTIONS: Final[dict[str, str]] = {
    "kernel_name": "-k",
    "cwd": "--cwd",
    "language": "--language",
    "execution_timeout": "--execution-timeout",
}

#: papermill's keyword arguments that change only what it prints, not what it computes.
PAPERMILL_QUIET: Final = frozenset(
    {
        "progress_bar",
        "log_output",
        "report_mode",
        "request_save_on_cell_execute",
        "stdout_file",
        "stderr_file",
    }
)

#: Calls running an argument list (`["python", "score.py", f]`): whether a failure stops the
#: driver (an exception) — "check" when the `check=True` keyword decides it.
ARGV_RUNS: Final[dict[str, Literal["raises", "goes on", "check"]]] = {
    "subprocess.run": "check",
    "subprocess.call": "goes on",
    "subprocess.check_call": "raises",
    "subprocess.check_output": "raises",
}

#: Calls running a command line string with the shell; a failure does not stop the driver.
SHELL_RUNS: Final = frozenset({"os.system"})

#: Calls making a folder → the bash command doing it.
FOLDER_MAKERS: Final[dict[str, str]] = {"os.makedirs": "mkdir -p", "os.mkdir": "mkdir"}

#: Calls listing a folder or a pattern, as the loop list bash gives the same values with.
LISTINGS: Final[dict[str, Literal["glob", "names"]]] = {
    "glob.glob": "glob",
    "os.listdir": "names",
}

#: Values standing for the Python interpreter in an argument list.
INTERPRETERS: Final = frozenset({"sys.executable"})
