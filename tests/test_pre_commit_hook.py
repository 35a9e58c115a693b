"""The pre-commit hook (.pre-commit-hooks.yaml) with the real `pre-commit` tool, from a local
clone of this repository (no network): a commit fails while notebooks and pipelines drift."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.inputs.cli_run import notebook, run

pytestmark = pytest.mark.e2e
REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=600, stdin=subprocess.DEVNULL)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    if shutil.which("pre-commit", path=str(BIN)) is None:
        pytest.fail(f"pre-commit is not installed in {BIN} (pip install -e '.[test]')")
    return dict(
        os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"),
        PATH=f"{BIN}{os.pathsep}{os.environ['PATH']}",
        PYTHONPATH=str(REPO), KEDRO_DISABLE_TELEMETRY="1",
        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid",
    )


def hook_repo(tmp_path: Path, env: dict[str, str]) -> tuple[Path, str]:
    """A local clone of this repository, its hooks file as in the working tree: (path, rev)."""
    clone = tmp_path / "nb2pipe-clone"
    assert git(tmp_path, "clone", "-q", "--no-checkout", str(REPO), str(clone)).returncode == 0
    git(clone, "reset", "-q", env=env)  # the index as HEAD, no files checked out
    shutil.copyfile(REPO / ".pre-commit-hooks.yaml", clone / ".pre-commit-hooks.yaml")
    git(clone, "add", ".pre-commit-hooks.yaml", env=env)
    git(clone, "commit", "-q", "-m", "hooks as in the working tree", env=env)  # may be a no-op
    return clone, git(clone, "rev-parse", "HEAD").stdout.strip()


def test_a_commit_fails_while_notebooks_and_pipelines_drift(tmp_path, env):
    clone, rev = hook_repo(tmp_path, env)
    team = tmp_path / "team"
    notebook(team / "nb" / "work.ipynb", "n = 3", "total = n * 2\nprint(total)")
    assert run("convert", team / "nb", "-o", team / "project").exit_code == 0
    (team / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {clone}\n  rev: {rev}\n  hooks:\n"
        "  - id: nb2pipe-diff-system\n    args: [nb/, -o, project]\n"
    )
    git(team, "init", "-q", env=env)
    assert git(team, "add", ".", env=env).returncode == 0
    installed = subprocess.run([BIN / "pre-commit", "install"], cwd=team, env=env,
                               capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr
    in_sync = git(team, "commit", "-q", "-m", "project in sync", env=env)
    assert in_sync.returncode == 0, in_sync.stdout + in_sync.stderr

    notebook(team / "nb" / "work.ipynb", "n = 5", "total = n * 2\nprint(total)")
    git(team, "add", ".", env=env)
    drift = git(team, "commit", "-q", "-m", "notebook only", env=env)
    assert drift.returncode != 0
    said = drift.stdout + drift.stderr
    assert "nb2pipe diff" in said and "Failed" in said and "+  n: 5" in said

    assert run("convert", team / "nb", "-o", team / "project").exit_code == 0
    git(team, "add", ".", env=env)
    synced = git(team, "commit", "-q", "-m", "notebook and project", env=env)
    assert synced.returncode == 0, synced.stdout + synced.stderr
