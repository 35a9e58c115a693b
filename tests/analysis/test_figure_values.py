"""Values shown as figures by drawing them (plotnine plots): the statement showing one ending a
cell, or given to `display(...)`, is drawing work, and its facts name the method that draws it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import last_cell_chunks

IMPORTS = (
    "import pandas as pd\nimport plotnine as p9\nfrom plotnine import ggplot, aes, geom_point, labs\n"
    "from plotnine.composition import Beside\nfrom IPython.display import display"
)
PLOT = "p = ggplot(df, aes('x', 'y')) + geom_point()"


@pytest.mark.parametrize(
    ("setup", "code", "kind", "drawn"),
    [
        ("", "ggplot(df, aes('x', 'y')) + geom_point()", "plot", ("draw",)),
        ("", "p9.ggplot(df) + p9.geom_point()", "plot", ("draw",)),
        (PLOT, "p", "plot", ("draw",)),
        (PLOT, "p + labs(title='t')", "plot", ("draw",)),
        (PLOT, "(p | p) / p", "plot", ("draw",)),
        (PLOT, "Beside([p, p])", "plot", ("draw",)),
        (PLOT, "display(p, df)", "plot", ("draw", "")),
        (f"{PLOT}\np += labs(x='a')", "p", "plot", ("draw",)),
        (PLOT, "p;", "display", ()),  # `;`: nothing shown
        (PLOT, "p\nn = 1", "display", ()),  # not the cell's value
        (f"{PLOT}\np = 3", "p", "display", ()),  # rebound to something else
        ("p = [1]", "p + [2]", "display", ()),
    ],
)
def test_a_plot_shown_as_a_value_is_drawn(
    tmp_path: Path, setup: str, code: str, kind: str, drawn: tuple[str, ...]
) -> None:
    cells = [
        IMPORTS,
        "df = pd.DataFrame({'x': [1, 2], 'y': [3, 4]})",
        *([setup] if setup else []),
        code,
    ]
    chunk = last_cell_chunks(tmp_path, *cells)[0]
    assert (chunk.kind, chunk.drawn, chunk.draws) == (kind, drawn, bool(drawn))


def test_a_plot_made_by_a_star_imported_name_is_drawn(tmp_path: Path) -> None:
    cells = [
        "import pandas as pd\nfrom plotnine import *",
        "df = pd.DataFrame({'x': [1]})",
        "ggplot(df) + geom_point()",
    ]
    chunk = last_cell_chunks(tmp_path, *cells)[0]
    assert (chunk.kind, chunk.drawn) == ("plot", ("draw",))
