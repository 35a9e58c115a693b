"""The `display-removed` note names only the displays whose output is not in the report; a
display the report (or the node holding its value) shows gets none."""

from __future__ import annotations

from pathlib import Path

from test_plan_rules import plan_of


def removed(tmp_path: Path, cells: list[str]) -> list[str]:
    the_plan = plan_of(tmp_path, nb=cells)
    return [d.message for d in the_plan.diagnostics if d.code == "display-removed"]


def test_a_display_the_report_shows_gets_no_removed_note(tmp_path: Path) -> None:
    assert removed(tmp_path, ["total = sum([1, 2, 3])", "print(total)", "total * 2"]) == []


def test_a_display_no_dataset_can_feed_is_noted_as_not_in_the_report(tmp_path: Path) -> None:
    notes = removed(tmp_path, ["total = sum([1, 2, 3])", "print(total, undefined_elsewhere)"])
    assert len(notes) == 1 and "is not in the report" in notes[0], notes
