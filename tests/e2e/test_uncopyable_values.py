"""Values that cannot cross a node boundary the usual way: one nothing can pickle (a
`re.Match`, a list nested deeper than the recursion limit) is handed on as the same object
within the run (the project's pickling backend keeps it, with a warning), and one kept in memory
that deep copy cannot copy (instances of a class made in a node, linked thousands deep) is passed
as is. The real `kedro run` completes and computes what the notebook does."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_definition_time import convert_and_run
from .test_function_scopes import notebook_result, written

pytestmark = pytest.mark.e2e

UNCOPYABLE = [
    "import json\nimport re\nstep = len('ab')",
    "## Find",
    "found = re.search(r'(\\d+)-(\\d+)', 'call 555-1234 now')\nnested = []\nfor _ in range(3000):\n"
    "    nested = [nested]",
    "class Link:\n    def __init__(self, inner):\n        self.inner = inner\n\n"
    "    def weight(self):\n        return step",
    "chain = None\nfor _ in range(3000):\n    chain = Link(chain)",
    "## Use",
    "depth = 0\nlink = nested\nwhile link:\n    link = link[0]\n    depth += 1\n"
    "total = 0\nnode = chain\nwhile node is not None:\n    total += node.weight()\n    node = node.inner",
    "out = [found.group(1), list(found.span()), depth, total]",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]


def test_values_that_cannot_be_pickled_or_copied_are_handed_on(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, UNCOPYABLE)
    project = convert_and_run(tmp_path, UNCOPYABLE, nb2pipe_bin, kedro_bin)
    assert written(project) == expected
