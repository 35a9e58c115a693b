"""Names read inside strings a call evaluates in the caller's namespace (pandas `query`/`eval`
`@names`, statsmodels/patsy formulas): the node receives the variable and imports the function,
at top level and inside notebook functions; the real `kedro run` computes what the notebook does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_definition_time import convert_and_run, notebook_result

pytestmark = pytest.mark.e2e

CELLS = [
    "import json\nimport numpy as np\nimport pandas as pd\nimport statsmodels.formula.api as smf\nthreshold = 2",
    "df = pd.DataFrame({'a': [1.0, 2, 3, 4, 5], 'y': [2.0, 4.1, 5.9, 8.2, 9.9], 'z': [1.0, 0, 1, 0, 1]})\n"
    "low = df.a.min() + 1",
    "def double_it(x):\n    return 2 * x",
    "def above(frame):\n    return frame.query('a > @threshold')",
    "def model(frame):\n    return smf.ols('y ~ np.sqrt(a) + double_it(z)', data=frame).fit()",
    "## Fit",
    "sub = df.query('a > @threshold')\nfit = smf.ols('y ~ np.log(a) + double_it(z)', data=df).fit()\n"
    "col = df.eval('a * @low')",
    "## Report",
    "out = [sub.a.tolist(), [round(v, 6) for v in fit.params.tolist()], col.tolist(),\n"
    "       above(df).a.tolist(), round(model(df).rsquared, 6)]",
    "with open('out.json', 'w') as f:\n    json.dump(out, f)",
]


def test_names_inside_evaluated_strings_reach_the_node(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    expected = notebook_result(tmp_path, CELLS)
    project = convert_and_run(tmp_path, CELLS, nb2pipe_bin, kedro_bin)
    functions = next(project.rglob("functions.py")).read_text()
    assert "def above(frame, *, threshold):" in functions
    assert "import numpy as np" in functions, "np is read inside model's formula"
    (written,) = [p for p in project.rglob("out.json") if "src" not in p.parts]
    assert json.loads(written.read_text()) == expected
