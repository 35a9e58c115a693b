"""The frozen values that flow between nb2pipe's stages: read → analyze → plan → render → write.

Nothing here imports from the rest of nb2pipe, and nothing here does I/O. One module per stage
whose output they are: ``sources`` (read), ``facts`` (analyze, and the readers' snapshot),
``plan`` (plan), ``generated`` (render and the API); ``shell`` holds the bash facts and
``symbols`` the typed symbols. Import them from here (`from nb2pipe.model import Source`).
"""

from __future__ import annotations

from .facts import (
    ChunkFacts,
    ChunkKind,
    Edit,
    FileAccess,
    LocalModule,
    ParamWord,
    PathWord,
    PythonField,
    ShellCommand,
    ShellNode,
    ShellPiece,
    SourceFacts,
    Workspace,
)
from .generated import CopyFile, Generated, ProjectFiles, ProjectRun, ShellRun, Target
from .plan import CatalogEntry, Param, PipelinePlan, Plan, Step
from .sources import Cell, CellKind, Diagnostic, Level, Source

__all__ = [
    "CatalogEntry", "Cell", "CellKind", "ChunkFacts", "ChunkKind", "CopyFile", "Diagnostic", "Edit",
    "FileAccess", "Generated", "Level", "LocalModule", "Param", "ParamWord", "PathWord",
    "PipelinePlan", "Plan", "ProjectFiles", "ProjectRun", "PythonField", "ShellCommand",
    "ShellNode", "ShellPiece", "ShellRun", "Source", "SourceFacts", "Step", "Target", "Workspace",
]
