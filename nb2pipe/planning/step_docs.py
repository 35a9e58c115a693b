"""The docstring of a step's function (its section's heading and first paragraph) and the
provenance line naming the cells it comes from."""

from __future__ import annotations

import re

from ..model import ChunkFacts, SourceFacts
from .groups_to_drafts import Draft
from .headings import without_marks
from .source_names import SourceNames
from .step_names import own_first


def docstring(src: SourceNames, draft: Draft) -> str:
    section = src.sections[draft.section]
    if draft.kind == "reporting":
        return f"Figures of: {section.title}" if section.title else "Figures drawn by the notebook."
    first = own_first(src, draft)
    starts = [c for c in section.chunks if src.roles.of[c] == "data"]
    if starts and first != starts[0]:
        return f"{section.title} (continued)" if section.title else ""
    return brief("\n\n".join(without_marks(doc) for doc in section.doc))


#: A docstring keeps the heading and a short paragraph; the report holds the whole narrative.
DOC_LINES = 6


def brief(text: str) -> str:
    """The first paragraph (and the second when the first is the heading alone), cut to
    ``DOC_LINES`` lines."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    kept = paragraphs[:2] if paragraphs and "\n" not in paragraphs[0] else paragraphs[:1]
    lines = "\n\n".join(kept).splitlines()
    if len(lines) <= DOC_LINES and len(kept) == len(paragraphs):
        return "\n".join(lines)
    return "\n".join([*lines[: DOC_LINES - 1], "… (the report holds the whole text)"])


def provenance(facts: SourceFacts, chunks: list[ChunkFacts]) -> str:
    cells = sorted({c.cell for c in chunks})
    if facts.source.language == "bash":  # one cell per statement; its ref is its line(s)
        refs = [facts.source.cells[c].ref for c in cells]
        label = "line" if len(refs) == 1 and refs[0].isdigit() else "lines"
        return f"From {facts.source.path}, {label} {', '.join(refs)}"
    positions = ", ".join(str(c + 1) for c in cells)
    refs = [facts.source.cells[c].ref for c in cells]
    label = "cell" if len(cells) == 1 else "cells"
    if not any(r.isdigit() for r in refs):  # ids only: a cell inserted above changes no comment
        return f"From {facts.source.path}, {label} id {', '.join(refs)}"
    ids = "" if all(r.isdigit() for r in refs) else f" (id {', '.join(refs)})"
    return f"From {facts.source.path}, {label} {positions}{ids}"
