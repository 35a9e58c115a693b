"""A folder of sphinx-gallery scripts (docstring, `# %%` and `####` blocks, text blocks) converts
into a project whose real `kedro run` writes what the scripts write when run with python, and
`nb2pipe verify` runs the scripts as notebooks made of the same cells."""

from __future__ import annotations

import sys
from pathlib import Path
from textwrap import dedent

import pytest

from nb2pipe.verify import to_json, verify

from .helpers import explain, run_tool

pytestmark = pytest.mark.e2e

GROWTH = '''\
"""
Compound growth
===============

How a balance grows at a few rates (the text blocks below are markdown cells).
"""
# Author: nobody

# %%
# Rates
# -----
# One row per year and rate.
import numpy as np
import pandas as pd

from helpers import grow

years = np.arange(1, 11)
rates = [0.01, 0.03, 0.05]

# %%
table = pd.DataFrame({f"r{int(r * 100)}": grow(100.0, r, years) for r in rates}, index=years)

###############################################################################
# Save the table
# --------------
table.round(6).to_csv("growth.csv")

# %%
# Plot it.
import matplotlib.pyplot as plt

fig, ax = plt.subplots()
table.plot(ax=ax)
plt.show()
'''

HELPERS = '''\
"""
Helpers
=======
"""


def grow(start, rate, years):
    return start * (1 + rate) ** years
'''

SUMMARY = '''\
"""Summary of the growth table."""

# %%
import pandas as pd

grown = pd.read_csv("growth.csv", index_col=0)
last = grown.iloc[-1].to_frame("final")
last.to_csv("final.csv")
'''


def gallery(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "plot_growth.py").write_text(GROWTH, encoding="utf-8")
    (folder / "helpers.py").write_text(HELPERS, encoding="utf-8")
    (folder / "summary.py").write_text(dedent(SUMMARY), encoding="utf-8")
    return folder


def test_gallery_scripts_convert_and_run_as_python_runs_them(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    folder = gallery(tmp_path / "examples")
    original = gallery(tmp_path / "original")
    for name in ("plot_growth.py", "summary.py"):
        ran = run_tool([sys.executable, name], cwd=original)
        assert ran.returncode == 0, explain(ran)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", folder, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    pipelines = project / "src" / "project" / "pipelines"
    assert sorted(p.name for p in pipelines.iterdir() if p.is_dir()) == ["plot_growth", "summary"]
    nodes = (pipelines / "plot_growth" / "nodes.py").read_text(encoding="utf-8")
    assert '"""\nCompound growth' not in nodes  # the docstring is a markdown cell, not code
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    for name in ("growth.csv", "final.csv"):
        (made,) = [p for p in project.rglob(name) if p.is_file()]
        assert made.read_text() == (original / name).read_text(), name


def test_verify_runs_a_gallery_script(tmp_path: Path) -> None:
    folder = gallery(tmp_path / "examples")
    report = verify([folder / "plot_growth.py"], project=tmp_path / "project", runs=1)
    assert report.ok, to_json(report)
    (notebook,) = report.notebooks
    by_dataset = {row.dataset: row for row in notebook.results}
    assert by_dataset["growth.csv"].status == "equal"
    assert notebook.figures_notebook == notebook.figures_pipeline == 1
