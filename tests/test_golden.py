"""Golden projects: every folder of tests/cases holds `input/` (notebooks and data) and
`expected/` (the whole generated project). Regenerate on purpose with `pytest --update-golden`;
CI never rewrites them. Versions and digests are scrubbed. Each expected project also passes
ruff's syntax/undefined-name checks and Kedro's own pipeline validation on import."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from nb2pipe import api
from nb2pipe.model import CopyFile

CASES = Path(__file__).parent / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "input").is_dir())
VERSION = re.compile(r"(==|~=|>=)\s*[0-9][0-9A-Za-z.+!-]*")
DIGEST = re.compile(r"\b[0-9a-f]{64}\b")
INIT_VERSION = re.compile(r'(kedro_init_version|nb2pipe_version|version) = "[^"]*"')


def stored(path: PurePosixPath) -> PurePosixPath:
    """The generated .gitignore would make git ignore parts of the golden tree: store it renamed."""
    return path.with_name("dot.gitignore") if path.name == ".gitignore" else path


def scrub(text: str) -> str:
    text = VERSION.sub(r"\1<version>", text)
    text = DIGEST.sub("<sha256>", text)
    return INIT_VERSION.sub(r'\1 = "<version>"', text)


def rendered(case: Path, tmp_path: Path) -> dict[PurePosixPath, str]:
    generated = api.generate([case / "input"], tmp_path / "project")
    files: dict[PurePosixPath, str] = {}
    for path, content in generated.files.items():
        if isinstance(content, CopyFile):
            content = f"<copy of {Path(content.path).relative_to(case).as_posix()}>\n"
        elif isinstance(content, bytes):
            content = f"<{len(content)} bytes>\n"
        files[stored(path)] = scrub(content)
    return files


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_generated_project_matches_golden(case: Path, tmp_path: Path, update_golden: bool) -> None:
    files = rendered(case, tmp_path)
    expected_dir = case / "expected"
    if update_golden or not expected_dir.exists():
        shutil.rmtree(expected_dir, ignore_errors=True)
        for path, text in files.items():
            (expected_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / path).write_text(text, encoding="utf-8")
    expected = {PurePosixPath(p.relative_to(expected_dir).as_posix()): p.read_text(encoding="utf-8")
                for p in sorted(expected_dir.rglob("*")) if p.is_file()}
    assert sorted(files) == sorted(expected)
    for path in sorted(files):
        if files[path] != expected[path]:
            diff = difflib.unified_diff(expected[path].splitlines(True), files[path].splitlines(True),
                                        f"expected/{path}", f"generated/{path}")
            pytest.fail("".join(diff))


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_golden_project_is_clean_python_and_valid_kedro(case: Path) -> None:
    expected = case / "expected"
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "--isolated", "--select",
                           "E9,F63,F7,F82", str(expected)], capture_output=True, text=True)
    assert ruff.returncode == 0, ruff.stdout
    package = next((expected / "src").iterdir()).name
    script = (
        "import sys; sys.path.insert(0, 'src')\n"
        "from kedro.framework.project import configure_project\n"
        f"configure_project({package!r})\n"
        f"from {package}.pipeline_registry import register_pipelines\n"
        "pipes = register_pipelines()\n"
        "print(len(pipes['__default__'].nodes))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=expected, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) > 0
