"""`nb2pipe verify`'s summary table in an 80-column terminal: no header word is broken
("noteboo k"), no column is cut; a long notebook path folds (it is not a word)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from nb2pipe.verify.model import DatasetResult, NotebookReport, VerifyReport
from nb2pipe.verify.report import print_report

WORDS = (
    "notebook",
    "equal",
    "different",
    "not",
    "compared",
    "reproducible",
    "figures",
    "seconds",
    "nb",
    "pipe",
    "result",
)


def report() -> VerifyReport:
    rows = tuple(
        DatasetResult(
            dataset="customer_lifetime_value_per_region_2",
            kind="value",
            node="ingest_clean.wine_lots_ingest_and_clean",
            cells=("8c6d389d",),
            status=status,
            detail="max abs difference 1.5e-07 at row 3",
        )
        for status in ("equal", "different", "not compared", "not reproducible")
    )
    notebook = NotebookReport(
        source="notebooks/01_ingest_and_clean_the_wine_lots.ipynb",
        pipeline="ingest_clean",
        results=rows,
        figures_notebook=12,
        figures_pipeline=12,
        seconds_notebook=123.4,
        seconds_pipeline=45.6,
    )
    return VerifyReport(project="p", notebooks=(notebook,))


@pytest.mark.parametrize("columns", ["80", "100", "200"])
def test_summary_keeps_words_whole(columns: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    buffer = io.StringIO()
    print_report(report(), Console(file=buffer, force_terminal=False))
    text = buffer.getvalue()
    summary = text.split("\nnotebooks/01_ingest_and_clean_the_wine_lots.ipynb → ")[0]
    lines = summary.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= int(columns)
    for word in WORDS:
        assert word in summary, f"{word!r} broken or cut:\n{summary}"
    assert "FAIL" in summary and "123.4" in summary and "45.6" in summary
    folded = "".join(line[: line.find("  ")].strip() for line in lines[4:] if line.strip())
    assert "notebooks/01_ingest_and_clean_the_wine_lots.ipynb" in folded.replace(" ", "")
