"""Strings a call evaluates in the caller's namespace are reads (formulas.py, the table
tables.CALLER_NAMESPACE_STRINGS)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import analyze_cells

SETUP = "import pandas as pd\nimport numpy as np\nimport patsy\nimport statsmodels.formula.api as smf\n" \
        "import statsmodels.api as sm\ndf = pd.DataFrame({'x': [1.0]})\nt = 1\nx = 2"


@pytest.mark.parametrize(("code", "reads"), [
    ("r = df.query('x > @t')", {"df", "t"}),
    ("r = df.query(expr='x > @t and x < @u.max()')", {"df", "t", "u"}),
    ("r = df.eval('c = x * @t')", {"df", "t"}),
    ("r = pd.eval('df.x + t')", {"pd", "df", "t"}),
    # formulas: names the notebook binds (x is also a column: read, harmlessly), not columns
    ("r = smf.ols('y ~ np.log(x) + C(g, Treatment(reference=t))', data=df)", {"smf", "np", "x", "t", "df"}),
    ("r = smf.logit(formula='y ~ w', data=df)", {"smf", "df"}),
    ("r = sm.OLS.from_formula('y ~ f(w)', df)", {"sm", "df"}),
    ("r = patsy.dmatrices('y ~ t', df)", {"patsy", "t", "df"}),
    ("r = df.query(q)", {"df", "q"}),  # not a literal: nothing more is known
    # Python's own eval/exec: every name of the string
    ("r = eval('np.sqrt(df.x) + t')", {"eval", "np", "df", "t"}),
    ("exec('r = t + x')", {"exec", "t", "x"}),
])
def test_evaluated_strings_are_reads(tmp_path: Path, code: str, reads: set[str]) -> None:
    chunk = analyze_cells(tmp_path, SETUP, code).chunks[-1]
    assert chunk.uses == reads


def test_a_function_named_in_a_formula_is_read(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, SETUP, "def f(v):\n    return v", "r = smf.ols('y ~ f(w)', df)")
    assert "f" in facts.chunks[-1].uses


def test_inside_a_function_the_strings_globals_are_its_globals(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, SETUP, "def g(frame, u):\n    k = 3\n"
                          "    return frame.query('x > @t and x < @u + @k'), smf.ols('y ~ np.log(w)', frame)")
    assert dict(facts.function_globals)["g"] == {"t"}
    assert {"np", "t"} <= facts.chunks[-1].uses


def test_a_function_with_globals_called_in_a_formula_is_warned_about(tmp_path: Path) -> None:
    facts = analyze_cells(tmp_path, SETUP, "def f(v):\n    return v * t", "r = smf.ols('y ~ f(w)', df)")
    assert [d.code for d in facts.diagnostics if d.level == "warning"] == ["evaluated-string-function"]
