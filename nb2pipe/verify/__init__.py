"""`nb2pipe verify`: run the notebooks and the generated pipeline, and compare what they compute.

    report = verify([Path("notebooks")], project=Path("my_project"))
    print_report(report); sys.exit(report.exit_code)

See docs/verify.md for the comparison rules.
"""

from __future__ import annotations

from .compare import compare_values
from .files import compare_files
from .model import DatasetResult, NotebookReport, Outcome, VerifyReport
from .orchestrate import DEFAULT_TIMEOUT, verify
from .report import print_report, to_json

__all__ = [
    "DEFAULT_TIMEOUT",
    "DatasetResult",
    "NotebookReport",
    "Outcome",
    "VerifyReport",
    "compare_files",
    "compare_values",
    "print_report",
    "to_json",
    "verify",
]
