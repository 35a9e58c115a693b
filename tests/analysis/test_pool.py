"""Analysing sources in worker processes (`analysis.pool`) changes nothing but the time: the same
files, the same diagnostics and errors, progress for every source."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from nbformat import write
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from nb2pipe import api
from nb2pipe.analysis import pool
from nb2pipe.errors import InputError
from nb2pipe.options import Options

#: The public corpus, next to the checkout (or where NB2PIPE_SHARED says the shared folder is).
NEXT_TO_CHECKOUT = Path(__file__).resolve().parents[2].parent / "shared"
SHARED = Path(os.environ.get("NB2PIPE_SHARED", NEXT_TO_CHECKOUT))
PUBLIC = SHARED / "corpus" / "public" / "notebooks"


def notebook(path: Path, *cells: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = new_notebook(cells=[new_markdown_cell(f"# {path.stem}")]
                      + [new_code_cell(c) for c in cells])
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python",
                                 "display_name": "Python 3"}
    write(nb, path)


def folder_of_notebooks(root: Path, count: int) -> Path:
    for index in range(count):
        notebook(root / f"step_{index:02d}.ipynb",
                 "import pandas as pd",
                 f"df = pd.DataFrame({{'x': range({index + 3})}})",
                 f"df['y'] = df['x'] * {index}",
                 f"df.to_csv('out/table_{index:02d}.csv', index=False)")
    return root


@pytest.mark.parametrize(
    ("jobs", "sources", "cores", "expected"),
    [
        (None, 100, 4, 4),                      # default: one worker per core
        (None, 100, 1, 0),                      # one core: in this process
        (1, 100, 4, 0),                         # --jobs 1: in this process
        (3, 100, 4, 3),
        (8, 10, 4, 8),                          # more than the cores when asked
        (4, pool.MIN_SOURCES - 1, 4, 0),        # too few sources to pay for workers
        (16, pool.MIN_SOURCES, 4, pool.MIN_SOURCES),  # never more workers than sources
    ],
)
def test_workers(jobs, sources, cores, expected, monkeypatch):
    monkeypatch.setattr(pool, "cores", lambda: cores)
    assert pool.workers(jobs, sources) == expected


def generated(paths: list[Path], out: Path, jobs: int, **options) -> api.Generated:
    return api.generate(paths, out, Options(jobs=jobs, **options))


def test_workers_give_the_same_project_as_one_process(tmp_path):
    source = folder_of_notebooks(tmp_path / "in", 12)
    alone = generated([source], tmp_path / "project", 1)
    parallel = generated([source], tmp_path / "project", 2)
    assert parallel.files == alone.files
    assert parallel.diagnostics == alone.diagnostics
    assert len(alone.plan.pipelines) == 12


@pytest.mark.skipif(not PUBLIC.is_dir(), reason="the public corpus is not next to the checkout")
def test_the_public_corpus_converts_to_the_same_files_in_workers(tmp_path):
    copy = shutil.copytree(PUBLIC, tmp_path / "notebooks")
    alone = generated([copy], tmp_path / "project", 1)
    parallel = generated([copy], tmp_path / "project", 2)
    assert parallel.files == alone.files
    assert parallel.diagnostics == alone.diagnostics


def test_a_bad_notebook_is_reported_the_same_from_a_worker(tmp_path):
    source = folder_of_notebooks(tmp_path / "in", 9)
    notebook(source / "broken.ipynb", "x = (1,")
    errors = []
    for jobs in (1, 2):
        with pytest.raises(InputError) as caught:
            generated([source], tmp_path / "project", jobs)
        errors.append(caught.value.problems)
    assert errors[0] == errors[1]
    assert any("broken.ipynb" in str(p) for p in errors[0])
    kept = [generated([source], tmp_path / "project", jobs, keep_going=True) for jobs in (1, 2)]
    assert kept[0].files == kept[1].files and kept[0].diagnostics == kept[1].diagnostics


def test_code_nested_too_deeply_is_the_same_error_from_a_worker(tmp_path):
    source = folder_of_notebooks(tmp_path / "in", 9)
    notebook(source / "deep.ipynb", "a = 1", "b = " + "+".join(["a"] * 5000))
    messages = []
    for jobs in (1, 2):
        with pytest.raises(InputError) as caught:
            generated([source], tmp_path / "project", jobs)
        messages.append([p.code for p in caught.value.problems])
    assert messages[0] == messages[1]


def test_progress_names_every_source_once_done(tmp_path):
    source = folder_of_notebooks(tmp_path / "in", 10)
    seen: list[tuple[str, int, int]] = []
    api.generate([source], tmp_path / "project", Options(jobs=2),
                 progress=lambda path, done, total: seen.append((path, done, total)))
    assert {Path(path).name for path, _, _ in seen} == {f"step_{i:02d}.ipynb" for i in range(10)}
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)
    assert seen[-1][1:] == (10, 10)


def test_a_notebook_a_driver_script_runs_is_analysed_as_the_script_runs_it(tmp_path):
    source = folder_of_notebooks(tmp_path / "in", 9)
    notebook(source / "scored.ipynb", "threshold = 0.5", "import pandas as pd",
             "pd.DataFrame({'t': [threshold]}).to_csv('out/scored.csv', index=False)")
    script = "papermill scored.ipynb /tmp/scored_out.ipynb -p threshold 0.9\n"
    (source / "run.sh").write_text("#!/bin/bash\nset -e\n" + script)
    alone = generated([source], tmp_path / "project", 1)
    parallel = generated([source], tmp_path / "project", 2)
    assert parallel.files == alone.files
    parameters = next(text for path, text in parallel.files.items()
                      if str(path) == "conf/base/parameters.yml")
    assert "0.9" in str(parameters)


def test_a_worker_whose_source_asks_outside_the_snapshot_leaves_it_to_this_process(tmp_path):
    """A notebook importing a module from outside the converted folder: its worker's snapshot
    does not cover it (`Outcome.unseen`), this process reads it and analyses that notebook
    again; the project is the one a single process makes, the module copied."""
    source = folder_of_notebooks(tmp_path / "in", pool.MIN_SOURCES)
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "scale.py").write_text("def scale(x):\n    return 10 * x\n")
    notebook(source / "outside.ipynb", f"import sys\nsys.path.insert(0, {str(tmp_path / 'lib')!r})",
             "from scale import scale\nvalue = scale(4)", "value")
    alone = generated([source], tmp_path / "project", 1)
    parallel = generated([source], tmp_path / "project", 2)
    assert parallel.files == alone.files and parallel.diagnostics == alone.diagnostics
    assert any(p.name == "scale.py" for p in parallel.files)
