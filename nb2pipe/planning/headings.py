"""Markdown headings, as CommonMark reads them: `# Title` (ATX) and a line underlined with `=`
or `-` (setext, `Title\\n=====`). A heading starts a section (planning/grouping.py) and names
its node; the docstring drops the heading's marks (planning/step_docs.py)."""

from __future__ import annotations

import re

#: `## Title ##`: the title without its marks.
ATX = re.compile(r"^\s{0,3}#{1,6}\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)
#: A text line (not a list item, quote, heading, fence or table row) with a line of `=` or `-`
#: under it.
SETEXT = re.compile(r"^ {0,3}(?P<title>(?![-*+>#|`~]|\d+[.)]\s)\S[^\n]*?)[ \t]*\n {0,3}(?:=+|-+)[ \t]*$",
                    re.MULTILINE)


def heading_title(text: str) -> str | None:
    """The title of the first heading of a markdown cell, or None."""
    found = [(m.start(), kind, m.group("title")) for kind, m in enumerate((ATX.search(text), SETEXT.search(text)))
             if m is not None]
    return min(found)[2] if found else None


def without_marks(text: str) -> str:
    """``text`` with its first heading's marks removed (`# Title` or `Title\\n=====` → `Title`)."""
    atx, setext = ATX.search(text), SETEXT.search(text)
    if setext is not None and (atx is None or setext.start() < atx.start()):
        return text[: setext.start()] + setext.group("title") + text[setext.end():]
    return re.sub(r"^\s{0,3}#{1,6}\s+", "", text, count=1)
