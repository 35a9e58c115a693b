"""Three-way merge of one regenerated file: what nb2pipe generated last time (the base, kept in
``.nb2pipe/base.json``), what is on disk now (the user's), and what the notebooks give now.

Pure text in, text out (the writer reads and writes). The decision table, per file:

==========================  =====================================================
ours == theirs              nothing to do ("unchanged")
ours == base                the user did not touch it: take the new text ("take")
theirs == base              the notebooks did not change it: keep the user's ("keep")
both changed, YAML          per top-level key (`merge_yaml`), then per line inside a key
both changed, other text    line-level three-way merge (`merge3`, the bzr/breezy algorithm)
==========================  =====================================================

A region both sides changed differently stays with both versions between the standard markers
(``<<<<<<<``, ``=======``, ``>>>>>>>``): never silently, never losing text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import merge3

OURS_LABEL = "yours (on disk)"
THEIRS_LABEL = "nb2pipe (from the notebooks)"
#: Files merged per top-level key (catalog, parameters, every Kedro config file).
YAML_SUFFIXES = (".yml", ".yaml")
_START, _MID, _END = "<<<<<<<", "=======", ">>>>>>>"
_TOP_KEY = re.compile(r"""^(?:"([^"]*)"|'([^']*)'|([^\s#'"\-][^:]*?))\s*:(?:\s|$)""")


@dataclass(frozen=True, slots=True)
class Merged:
    """The outcome for one file: its new text and how it was obtained."""

    text: str
    how: Literal["unchanged", "take", "keep", "merged", "conflicted"]
    #: 1-based lines of the ``<<<<<<<`` markers in ``text``.
    conflicts: tuple[int, ...] = ()


def merge_file(name: str, base: str, ours: str, theirs: str) -> Merged:
    """Merge one file (see the module's table); ``name`` chooses YAML or line merging."""
    if ours == theirs:
        return Merged(ours, "unchanged")
    if ours == base:
        return Merged(theirs, "take")
    if theirs == base:
        return Merged(ours, "keep")
    text = (merge_yaml if name.endswith(YAML_SUFFIXES) else merge_lines)(base, ours, theirs)
    conflicts = conflict_lines(text)
    return Merged(text, "conflicted" if conflicts else "merged", conflicts)


def merge_lines(base: str, ours: str, theirs: str) -> str:
    """Line-level three-way merge; conflicting regions between markers, ours first."""
    lines = [_lines(t) for t in (base, ours, theirs)]
    merger = merge3.Merge3(lines[0], lines[1], lines[2])
    merged = merger.merge_lines(
        name_a=OURS_LABEL, name_b=THEIRS_LABEL,
        start_marker=_START, mid_marker=_MID, end_marker=_END,
    )
    return "".join(merged)


def _lines(text: str) -> list[str]:
    """Lines with their endings; a last line without one gets one (so markers stay on their
    own lines)."""
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n"
    return lines


def conflict_lines(text: str) -> tuple[int, ...]:
    """1-based lines of conflict start markers, when the text has a complete conflict (a start,
    a separator and an end marker, in that order); () otherwise."""
    starts, state = [], 0
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(_START + " ") or line == _START:
            starts.append(number)
            state = 1
        elif state == 1 and line.rstrip() == _MID:
            state = 2
        elif state == 2 and (line.startswith(_END + " ") or line == _END):
            state = 3
    return tuple(starts) if state == 3 else ()


# ---------------------------------------------------------------------------------------- YAML
def merge_yaml(base: str, ours: str, theirs: str) -> str:
    """Merge a YAML mapping per top-level key, so a key the user added or changed survives a
    regenerated file wherever nb2pipe adds, changes or removes other keys. Inside a key both
    sides changed, lines are merged (`merge_lines`). A key the user edited that nb2pipe no
    longer generates is kept. Text that is not one block mapping is merged by lines."""
    b, o, t = (_blocks(text) for text in (base, ours, theirs))
    if b is None or o is None or t is None:
        return merge_lines(base, ours, theirs)
    out = []
    for key in _key_order(list(o), list(t)):
        out.append(_merge_block(b.get(key), o.get(key), t.get(key)))
    return "".join(block for block in out if block)


def _merge_block(base: str | None, ours: str | None, theirs: str | None) -> str | None:
    if ours == theirs or ours == base:
        return theirs
    if theirs == base:
        return ours
    if theirs is None:
        return ours  # edited by the user, no longer generated: the user's entry stays
    return merge_lines(base or "", ours or "", theirs)


def _key_order(ours: list[str], theirs: list[str]) -> list[str]:
    """The generated keys in their new order; each key only the user has right after the key
    it follows on disk (at the start when it is the first)."""
    order = list(theirs)
    for index, key in enumerate(ours):
        if key in order:
            continue
        previous = next((k for k in reversed(ours[:index]) if k in order), None)
        order.insert(order.index(previous) + 1 if previous is not None else 0, key)
    return order


def _blocks(text: str) -> dict[str, str] | None:
    """Top-level key → its text (the comment lines right above it, the key line, its indented
    lines, and the blank lines after it); "" → what precedes the first key and its comments.
    None when the text is not a plain block mapping (a document marker, a top-level list or
    scalar, a repeated key)."""
    blocks: dict[str, list[str]] = {"": []}
    current = ""
    for line in _lines(text):
        if line[:1] in ("", " ", "\t", "#", "\n", "\r"):
            blocks[current].append(line)
            continue
        match = _TOP_KEY.match(line)
        if not match or line.startswith(("---", "...")):
            return None
        lead = _leading_comments(blocks[current])
        current = next(g for g in match.groups() if g is not None).strip()
        if current in blocks:
            return None
        blocks[current] = [*lead, line]
    return {key: "".join(lines) for key, lines in blocks.items()}


def _leading_comments(lines: list[str]) -> list[str]:
    """Take the comment lines at the end of ``lines`` (the comment of the next key) out."""
    count = 0
    while count < len(lines) and lines[-1 - count].startswith("#"):
        count += 1
    taken = lines[len(lines) - count:]
    del lines[len(lines) - count:]
    return taken
