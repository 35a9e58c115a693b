"""Kill a real `nb2pipe convert` at random moments inside its write, and look at what is left.

Shared by tests/test_write_reliability.py (a short run in the suite) and
benchmarks/reliability.py (a long one that prints a table). A project is converted from
version A of two small notebooks, the user adds files of their own (notes, data, ``.git``, an
edited credentials file); then conversions alternate between versions B and A (B changes one
notebook, drops the other, adds a third: files are added, replaced and removed), each killed
with SIGKILL at a random moment of its write (``NB2PIPE_WRITE_PAUSE`` slows every step and
names it on stderr). After each kill, the recovery every nb2pipe command starts with runs, and
the folder must be exactly the complete A or the complete B project, user files included.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from nb2pipe import writer

CELLS = {
    "a": {
        "clean.py": "# %%\nimport pandas as pd\nTHRESHOLD = 2\n"
        "df = pd.read_csv('raw.csv')\n# %%\ndf = df[df.x > THRESHOLD]\ndf.to_csv('clean.csv')\n",
        "report.py": "# %%\nimport pandas as pd\nclean = pd.read_csv('clean.csv')\n"
        "# %%\ntotal = clean.x.sum()\nprint(total)\n",
    },
    "b": {
        "clean.py": "# %%\nimport pandas as pd\nTHRESHOLD = 1\nSCALE = 10\n"
        "df = pd.read_csv('raw.csv')\n# %%\ndf = df[df.x > THRESHOLD] * SCALE\n"
        "df.to_csv('clean.csv')\n",
        "summary.py": "# %%\nimport pandas as pd\nclean = pd.read_csv('clean.csv')\n"
        "# %%\nstats = clean.describe()\nstats.to_csv('stats.csv')\n",
    },
}
USER_FILES = {
    "notes.md": "my notes\n",
    "data/01_raw/mine.csv": "a,b\n1,2\n",
    ".git/HEAD": "ref: refs/heads/main\n",
    "conf/local/credentials.yml": "token: s3cr3t\n",
}


def write_inputs(root: Path) -> dict[str, Path]:
    """The two versions' input folders under ``root``."""
    folders = {}
    for version, files in CELLS.items():
        folder = root / f"inputs_{version}"
        folder.mkdir(parents=True)
        (folder / "raw.csv").write_text("x\n1\n2\n3\n4\n")
        for name, text in files.items():
            (folder / name).write_text(text)
        folders[version] = folder
    return folders


def tree(root: Path) -> dict[str, bytes]:
    """Every file (and symlink) under ``root`` by posix path, with its bytes."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() or p.is_symlink()
    }


def convert(inputs: Path, out: Path, pause: float | None = None, **popen) -> subprocess.Popen:
    """Start ``nb2pipe convert inputs -o out`` (this interpreter, this checkout)."""
    command = [sys.executable, "-m", "nb2pipe", "convert", str(inputs), "-o", str(out)]
    extra = {} if pause is None else {"NB2PIPE_WRITE_PAUSE": str(pause)}
    return convert_env_popen(command, extra, **popen)


#: A warm interpreter that forks one `nb2pipe convert` per request: the suite's kills skip the
#: interpreter start and the imports (0.4-0.7 s each); the code from the CLI on is the same.
ZYGOTE = """
import json, os, sys
from nb2pipe.cli import app
for line in sys.stdin:
    args, log, env = json.loads(line)
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 2)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        os.environ.update(env)
        try:
            app(args, prog_name="nb2pipe")
            code = 0
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        sys.stderr.flush()
        os._exit(code)
    print(pid, flush=True)
    print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), flush=True)
"""


class Forked:
    """`nb2pipe convert` runs forked from one warm interpreter (see ZYGOTE)."""

    def __init__(self) -> None:
        self.proc = convert_env_popen(
            [sys.executable, "-c", ZYGOTE], None, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True,
        )

    def start(self, inputs: Path, out: Path, log: Path, pause: float | None) -> _Child:
        args = ["convert", str(inputs), "-o", str(out)]
        env = {} if pause is None else {"NB2PIPE_WRITE_PAUSE": str(pause)}
        self.proc.stdin.write(json.dumps([args, str(log), env]))
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()
        return _Child(int(self.proc.stdout.readline()), self.proc)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@dataclass
class _Child:
    """A forked conversion: its pid, and the zygote that reports its exit status."""

    pid: int
    zygote: subprocess.Popen
    returncode: int | None = None

    def poll(self) -> int | None:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:  # ended (the zygote reaps it at once)
            return self.wait()
        return None

    def send_signal(self, sig: int) -> None:
        try:
            os.kill(self.pid, sig)
        except ProcessLookupError:
            pass

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is None:
            self.returncode = int(self.zygote.stdout.readline())
        return self.returncode


def convert_env_popen(command: list[str], extra=None, **popen) -> subprocess.Popen:
    env = {**os.environ, "KEDRO_DISABLE_TELEMETRY": "1", **(extra or {})}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(__file__).parents[1]),
                                                      os.environ.get("PYTHONPATH")]))
    return subprocess.Popen(command, env=env, stdin=popen.pop("stdin", subprocess.DEVNULL),
                            **popen)


def wait_for_step(
    proc: subprocess.Popen, log: Path, step: str = "nb2pipe-write:", timeout: float = 60.0
) -> bool:
    """Wait until the conversion names ``step`` (default: any write step); False if it ended
    first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and step in log.read_text(errors="replace"):
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.005)
    raise TimeoutError(f"no write step within {timeout} s")


def leftovers(out: Path) -> list[str]:
    """Journal, trash and staging folders of any nb2pipe version, in or beside ``out``."""
    found = [p for p in out.parent.glob(f".{out.name}.nb2pipe-*")]
    folder = out / ".nb2pipe"
    if folder.is_dir():
        found += [p for p in folder.iterdir() if p.name not in ("manifest.json", "base.json")]
    return sorted(str(p) for p in found)


@dataclass
class Tally:
    """What the kills found."""

    kills: int = 0
    old: int = 0
    new: int = 0
    mixes: int = 0
    leftovers: int = 0
    user_files_lost: int = 0
    #: The step each kill landed after (the last one the conversion named), by kind.
    landed: Counter = field(default_factory=Counter)
    recoveries: Counter = field(default_factory=Counter)


class Arena:
    """A project folder with user files, and the exact trees of its two complete versions."""

    def __init__(self, work: Path, pause: float, forked: bool = False):
        self.work, self.pause = work, pause
        #: Conversions forked from a warm interpreter (ZYGOTE), else fresh `python -m nb2pipe`.
        self.forked = Forked() if forked else None
        self.inputs = write_inputs(work)
        self.out = work / "project"
        self.references = {v: work / f"reference_{v}" / "project" for v in ("a", "b")}
        log = work / "stderr.txt"
        started = time.monotonic()
        self._start(self.inputs["a"], self.out, log, None).wait(timeout=120)
        #: Seconds of one whole conversion (start to exit) on this machine now.
        self.convert_seconds = time.monotonic() - started
        for name, text in USER_FILES.items():
            (self.out / name).parent.mkdir(parents=True, exist_ok=True)
            (self.out / name).write_text(text)
        shutil.copytree(self.out, self.references["a"], symlinks=True)
        shutil.copytree(self.out, self.references["b"], symlinks=True)
        proc = self._start(self.inputs["b"], self.references["b"], log, pause)
        wait_for_step(proc, log)
        started = time.monotonic()
        wait_for_step(proc, log, "nb2pipe-write: done")
        #: Seconds from the first write step to the last (the process exit is not counted:
        #: under load it can take longer than the write, and kills there test nothing).
        self.window = time.monotonic() - started
        assert proc.wait(timeout=120) == 0, log.read_text()
        #: Steps a write between the two versions names (with NB2PIPE_WRITE_PAUSE).
        self.steps = log.read_text().count("nb2pipe-write:")
        self.trees = {v: tree(folder) for v, folder in self.references.items()}
        assert self.trees["a"] != self.trees["b"]
        self.state = "a"

    def _start(self, inputs: Path, out: Path, log: Path, pause: float | None):
        if self.forked:
            return self.forked.start(inputs, out, log, pause)
        with log.open("wb") as stream:
            return convert(inputs, out, pause, stdout=subprocess.DEVNULL, stderr=stream)

    def kill_once(self, delay: float, tally: Tally) -> None:
        """Convert to the other version, SIGKILL it ``delay`` s into its write, recover, check."""
        target = "b" if self.state == "a" else "a"
        log = self.work / "stderr.txt"
        log.unlink(missing_ok=True)  # never read the last round's steps
        proc = self._start(self.inputs[target], self.out, log, self.pause)
        if wait_for_step(proc, log):
            time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        steps = [line for line in log.read_text().splitlines() if line.startswith("nb2pipe-write:")]
        tally.kills += 1
        tally.landed[steps[-1].split()[1] if steps else "before the write"] += 1
        tally.recoveries[writer.recover(self.out) or "nothing"] += 1
        now = tree(self.out)
        if now == self.trees[self.state]:
            tally.old += 1
        elif now == self.trees[target]:
            tally.new += 1
            self.state = target
        else:
            tally.mixes += 1
        tally.leftovers += bool(leftovers(self.out))
        tally.user_files_lost += sum(now.get(n) != t.encode() for n, t in USER_FILES.items())
        if now not in self.trees.values():  # go on from a known state
            shutil.rmtree(self.out)
            shutil.copytree(self.references[self.state], self.out, symlinks=True)


def run(work: Path, kills: int, pause: float, seed: int, forked: bool = False) -> Tally:
    """``kills`` kills at random moments spread evenly over the measured write window (and a
    little past it: some conversions finish)."""
    arena = Arena(work, pause, forked)
    rng = random.Random(seed)
    tally = Tally()
    try:
        for number in range(kills):
            arena.kill_once((number + rng.random()) / kills * arena.window * 1.1, tally)
    finally:
        if arena.forked:
            arena.forked.close()
    return tally
