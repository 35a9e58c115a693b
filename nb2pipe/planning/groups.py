"""The groups grouping makes of a source's chunks (future steps) and the markdown sections they
come from: shared by grouping, cuts and the stages after them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Section:
    title: str = ""
    doc: list[str] = field(default_factory=list)
    forced_name: str = ""
    chunks: list[int] = field(default_factory=list)


@dataclass
class Group:
    kind: str  # "data" | "reporting"
    chunks: list[int]
    section: int
