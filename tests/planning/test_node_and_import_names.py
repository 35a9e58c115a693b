"""Node names unique by what they make, and imports hoisted once (planning/step_names.py
`step_name`, planning/source_to_pipeline.py `once`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_plan_rules import plan_of, steps

from nb2pipe.planning.source_to_pipeline import once

NP, PLT = frozenset({"np"}), frozenset({"plt"})


@pytest.mark.parametrize(
    ("imports", "kept"),
    [
        # a repeated import is hoisted once
        (
            [
                ("import numpy as np", NP),
                ("import matplotlib.pyplot as plt", PLT),
                ("import numpy as np", NP),
            ],
            ["import numpy as np", "import matplotlib.pyplot as plt"],
        ),
        # unless another import rebinds its name in between: the last binding must win
        (
            [
                ("import numpy as np", NP),
                ("import autograd.numpy as np", NP),
                ("import numpy as np", NP),
            ],
            ["import numpy as np", "import autograd.numpy as np", "import numpy as np"],
        ),
        (
            [("import autograd.numpy as np", NP), ("import autograd.numpy as np", NP)],
            ["import autograd.numpy as np"],
        ),
    ],
)
def test_imports_are_hoisted_once(
    imports: list[tuple[str, frozenset[str]]], kept: list[str]
) -> None:
    assert [code for code, _ in once(imports)] == kept


def test_a_heading_shared_by_nodes_names_the_later_ones_by_what_they_make(tmp_path: Path) -> None:
    made = steps(
        plan_of(
            tmp_path,
            nb=[
                "# Saving",
                "totals = [1, 2]",
                "# Other",
                "x = totals + [3]",
                "# Saving",
                "means = [t / 2 for t in x]",
            ],
        ),
        "nb",
    )
    names = [s.name for s in made]
    assert names[0] == "saving" and names[-1] == "saving_means", names  # not `saving_2`
    assert len(set(names)) == len(names)
