"""nb2pipe: notebooks and scripts → a reproducible Kedro 1.x project.

Public API: ``convert``, ``generate``, ``preview``, ``apply`` (see nb2pipe.api), and the stages
``read``, ``analyze``, ``plan``, ``render``, ``write`` for those who want to look in between.
"""

from __future__ import annotations

from .analysis import analyze
from .api import apply, convert, generate, preview
from .options import Options
from .planning import plan
from .readers import read
from .rendering import render
from .writer import write

__all__ = ["Options", "analyze", "apply", "convert", "generate", "plan", "preview", "read", "render", "write"]
