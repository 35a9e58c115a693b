"""Show a `VerifyReport`: rich tables for people, a JSON document for machines.

Layout: one summary table (a row per notebook: verdict counts, figures and times, notebook vs
pipeline), then for each notebook a table of its rows that are not "equal" (all rows with
``all_rows``), each naming the dataset, the node that produced it and its source cells.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .model import STATUSES, NotebookReport, VerifyReport

#: Rich style of each status.
STYLES = {
    "equal": "green",
    "different": "bold red",
    "not compared": "yellow",
    "not reproducible": "magenta",
}


def to_json(report: VerifyReport) -> dict[str, Any]:
    """The report as plain JSON data, with verdict counts added per notebook."""
    data = asdict(report)
    data["ok"] = report.ok
    for notebook, entry in zip(report.notebooks, data["notebooks"], strict=True):
        entry["counts"] = {status: notebook.count(status) for status in STATUSES}
        entry["ok"] = notebook.ok
    return data


def print_report(report: VerifyReport, console: Any = None, all_rows: bool = False) -> None:
    """Print the summary table, the per-notebook details, then the verdict."""
    from rich.console import Console

    console = console or Console()
    console.print(summary_table(report))
    for notebook in report.notebooks:
        print_details(notebook, console, all_rows)
    for error in report.errors:
        console.print(f"[bold red]error[/] {error}", highlight=False)
    for note in report.notes:
        console.print(f"[dim]note {note}[/]", highlight=False)
    console.print(verdict(report), highlight=False)


def summary_table(report: VerifyReport) -> Any:
    """One row per notebook: counts per status, figures and seconds (notebook / pipeline)."""
    from rich import box
    from rich.table import Table

    # no vertical rules and no outer padding: the eight columns fit 80 characters with a
    # notebook name folded (a path breaks anywhere), while no header word is ever broken
    table = Table(title="nb2pipe verify", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
    table.add_column("notebook", overflow="fold", min_width=len("notebook"))
    for status in STATUSES:
        table.add_column(status.replace(" ", "\n"), justify="right", style=STYLES[status],
                         no_wrap=True, min_width=max(len(word) for word in status.split()))
    table.add_column("figures\nnb / pipe", justify="right", min_width=len("figures"))
    table.add_column("seconds\nnb / pipe", justify="right", min_width=len("seconds"))
    table.add_column("result", no_wrap=True, min_width=len("result"))
    for notebook in report.notebooks:
        figures = f"{notebook.figures_notebook} / {notebook.figures_pipeline}"
        seconds = f"{_seconds(notebook.seconds_notebook)} / {_seconds(notebook.seconds_pipeline)}"
        result = "[green]ok[/]" if notebook.ok else "[bold red]FAIL[/]"
        counts = [str(notebook.count(status)) for status in STATUSES]
        table.add_row(notebook.source, *counts, figures, seconds, result)
    return table


def print_details(notebook: NotebookReport, console: Any, all_rows: bool) -> None:
    """The rows of one notebook worth reading, its run errors and notes."""
    from rich.table import Table

    rows = [r for r in notebook.results if all_rows or r.status != "equal"]
    if rows:
        title = f"{notebook.source} → pipeline {notebook.pipeline}"
        table = Table(title=title, title_justify="left", show_lines=False)
        for column in ("status", "dataset", "node", "cells", "detail"):
            table.add_column(column, overflow="fold", no_wrap=column == "status")
        for row in rows:
            dataset = row.dataset if row.kind == "value" else f"{row.dataset} ({row.kind})"
            status = f"[{STYLES[row.status]}]{row.status}[/]"
            table.add_row(status, dataset, row.node, ", ".join(row.cells), row.detail)
        console.print(table)
    for error in notebook.errors:
        console.print(f"[bold red]error[/] {notebook.source}: {error}", highlight=False)
    for note in notebook.notes:
        console.print(f"[dim]note {notebook.source}: {note}[/]", highlight=False)


def verdict(report: VerifyReport) -> str:
    """The last line: verified, or how many differences and failures."""
    if report.ok:
        return f"[bold green]verified[/]: {len(report.notebooks)} notebook(s), no difference"
    differences = sum(n.count("different") for n in report.notebooks)
    failing = sum(1 for n in report.notebooks if not n.ok)
    return (
        f"[bold red]not verified[/]: {differences} difference(s), {failing} notebook(s) failing, "
        f"{len(report.errors)} project error(s)"
    )


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"
