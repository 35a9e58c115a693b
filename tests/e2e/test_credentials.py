"""A secret the notebook spelled out is a credential: `kedro run` reads it from
conf/local/credentials.yml, and says clearly when it has not been filled in."""

from __future__ import annotations

from pathlib import Path

from .helpers import converted_cells, explain, run_tool

CELLS = ['API_TOKEN = "abc123secret"', 'n = len(API_TOKEN)\nopen("n.txt", "w").write(str(n))']


def test_a_secret_is_read_from_local_credentials(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    project, _ = converted_cells(tmp_path, "secret", CELLS, nb2pipe_bin)
    credentials = project / "conf" / "local" / "credentials.yml"
    assert "abc123secret" not in "".join(p.read_text() for p in project.rglob("*") if p.is_file()
                                         and p.suffix in {".py", ".yml", ".md"})

    unfilled = run_tool([kedro_bin, "run"], cwd=project)
    assert unfilled.returncode != 0
    said = " ".join((unfilled.stdout + unfilled.stderr).split())  # rich wraps long lines
    assert "no value for the secret `API_TOKEN`: fill it in conf/local/credentials.yml" in said

    credentials.write_text(credentials.read_text().replace("API_TOKEN: ''", "API_TOKEN: abc123secret"))
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    (written,) = project.rglob("n.txt")
    assert written.read_text() == "12"
