"""Hypothesis properties of analysis + planning on generated notebooks.

A small grammar makes notebooks over the names {a, b, df}: `x = f(y, z)`, `x = [n]`,
`x[0] = len(y)`, `x.append(len(y))`, `x += y`, `del x`, `print(x)`, with a random draw now and
then, in 1-8 cells, some under markdown headings. Properties:

1. totality: analysis and planning never raise;
2. Kedro's invariants hold for every plan (planning checks them itself and raises otherwise);
3. semantic round trip: running the cells top to bottom, and running the generated step
   functions in dependency order with a dict as the catalog (values pickled on the way, as
   Kedro's datasets do), give equal values for every dataset a node produces;
4. determinism: planning the same notebook twice gives equal plans.
"""

from __future__ import annotations

import copy
import keyword
import pickle
from pathlib import Path, PurePosixPath

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nb2pipe.analysis import analyze
from nb2pipe.model import Cell, Source, Target
from nb2pipe.options import Options
from nb2pipe.planning import plan
from nb2pipe.planning.graphs import adjacency, topological_order
from nb2pipe.readers.workspace import snapshot

NAMES = ("a", "b", "df")
PRELUDE = (
    "import numpy as np\n"
    "def f(*args):\n"
    "    return [sum(len(x) if isinstance(x, list) else x for x in args)]"
)


@st.composite
def statements(draw, defined: set[str], seeded: bool) -> str:  # type: ignore[no-untyped-def]
    """One statement that only reads names defined so far (so the notebook runs)."""
    live = sorted(defined)
    target = draw(st.sampled_from(NAMES))
    if not live:
        defined.add(target)
        return f"{target} = [{draw(st.integers(0, 9))}]"
    source = draw(st.sampled_from(live))
    other = draw(st.sampled_from(live))
    kinds = ["call", "literal", "setitem", "append", "iadd", "del", "print"] + (["draw"] if seeded else [])
    kind = draw(st.sampled_from(kinds))
    if kind in ("setitem", "append", "iadd", "del", "print") and target not in defined:
        kind = "call"
    if kind == "call":
        defined.add(target)
        return f"{target} = f({source}, {other})"
    if kind == "literal":
        defined.add(target)
        return f"{target} = [{draw(st.integers(0, 9))}]"
    if kind == "setitem":
        return f"{target}[0] = len({source})"
    if kind == "append":
        return f"{target}.append(len({source}))"
    if kind == "iadd":
        return f"{target} += {source}"
    if kind == "del":
        if len(defined) == 1:
            return f"print({target})"
        defined.discard(target)
        return f"del {target}"
    if kind == "draw":
        defined.add(target)
        return f"{target} = [int(np.random.randint(100))]"
    return f"print({target})"


@st.composite
def notebooks(draw) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(kind, source) cells: a prelude, an optional seed, then 1-8 code cells."""
    defined: set[str] = set()
    cells: list[tuple[str, str]] = [("code", PRELUDE)]
    seeded = draw(st.booleans())  # unseeded draws are not reproducible, by the notebook either
    if seeded:
        cells.append(("code", f"np.random.seed({draw(st.integers(0, 5))})"))
    for index in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            cells.append(("markdown", f"# Section {index}"))
        count = draw(st.integers(1, 3))
        cells.append(("code", "\n".join(draw(statements(defined, seeded)) for _ in range(count))))
    return cells


def make_source(cells: list[tuple[str, str]], folder: Path) -> Source:
    made = tuple(Cell(i, str(i + 1), kind, text) for i, (kind, text) in enumerate(cells))  # type: ignore[arg-type]
    return Source(PurePosixPath("nb.ipynb"), str(folder / "nb.ipynb"), "notebook", made)


def plan_for(cells: list[tuple[str, str]], folder: Path):  # type: ignore[no-untyped-def]
    facts = analyze(make_source(cells, folder))
    target = Target(folder / "project", "new")
    return facts, plan((facts,), Options(), target, folder, snapshot(folder, (facts,)))


def notebook_values(facts, the_plan) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Run the chunks top to bottom; snapshot each step's returns after its last chunk."""
    wanted: dict[int, list[tuple[str, str]]] = {}
    for pipeline in the_plan.pipelines:
        for step in without_report(pipeline.steps):
            # `<step>_shown`: the HTML of what the step displayed, no notebook variable
            pairs = [(r, o) for r, o in zip(step.returns, step.outputs)
                     if not keyword.iskeyword(r) and o != f"{step.name}_shown"]
            wanted.setdefault(max(step.chunks), []).extend(pairs)
    namespace: dict[str, object] = {}
    values: dict[str, object] = {}
    for chunk in facts.chunks:
        exec(compile(chunk.code, "<cell>", "exec"), namespace)
        for name, dataset in wanted.get(chunk.order, []):
            value = np.random.get_state() if name == "np_random_state" else namespace[name]
            values[dataset] = copy.deepcopy(value)
    return values


def pipeline_values(the_plan) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """Run the generated functions in dependency order with a dict catalog."""
    if not the_plan.pipelines:  # a notebook without steps has no pipeline, nothing to compare
        return {}
    (pipeline,) = the_plan.pipelines
    module: dict[str, object] = {}
    exec("import numpy\nimport numpy as np\n" + pipeline.functions_code, module)
    module["show_html"] = lambda compute: repr(compute())  # the project's report.py makes HTML
    for step in without_report(pipeline.steps):
        exec(step.code, module)
    params = {f"params:{p.name}": p.value for p in the_plan.params}
    catalog: dict[str, bytes] = {}
    for step in ordered(without_report(pipeline.steps)):
        args = [params[i] if i in params else pickle.loads(catalog[i]) for i in step.inputs]
        result = module[step.name](*args)  # type: ignore[operator]
        results = (result,) if len(step.outputs) == 1 else (result or ())
        for dataset, value in zip(step.outputs, results):
            catalog[dataset] = pickle.dumps(value)
    return {name: pickle.loads(blob) for name, blob in catalog.items()}


def without_report(steps):  # type: ignore[no-untyped-def]
    """The HTML report node reads figures and displays, not notebook values (tests/e2e/test_report.py)."""
    return [s for s in steps if "report" not in s.tags]


def ordered(steps):  # type: ignore[no-untyped-def]
    """The steps in an order Kedro could run them (producers first)."""
    producer = {o: s.name for s in steps for o in s.outputs}
    by_name = {s.name: s for s in steps}
    edges = [(producer[n], s.name) for s in steps for n in s.inputs if n in producer]
    order = topological_order(adjacency(by_name, edges), key=lambda name: name)
    assert order is not None, "the steps form a cycle"
    return [by_name[n] for n in order]


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(notebooks())
def test_pipeline_reproduces_every_dataset(tmp_path: Path, cells: list[tuple[str, str]]) -> None:
    facts, the_plan = plan_for(cells, tmp_path)
    expected = notebook_values(facts, the_plan)
    actual = pipeline_values(the_plan)
    assert set(expected) <= set(actual)
    for dataset, value in expected.items():
        assert pickle.dumps(actual[dataset]) == pickle.dumps(value), (dataset, cells)


@SETTINGS
@given(notebooks())
def test_planning_is_deterministic(tmp_path: Path, cells: list[tuple[str, str]]) -> None:
    assert plan_for(cells, tmp_path)[1] == plan_for(cells, tmp_path)[1]


#: Statement shapes analysis must survive in any order and combination (valid Python each).
FRAGMENTS = (
    "x = 1", "del x", "x += y", "x[0] = y", "x.a = 1", "y = [i for i in x]", "z = (w := 3)",
    "def f(a, b=x):\n    global y\n    return a + y", "class C:\n    k = x\n    def m(self):\n        return z",
    "lambda q: q + x", "for i in x:\n    y = i\nelse:\n    pass", "while x:\n    break",
    "try:\n    import nothing_here as n\nexcept ImportError as e:\n    n = None", "with open('a.txt') as fh:\n    t = fh.read()",
    "import numpy as np\nnp.random.seed(0)\nv = np.random.rand(2)", "import pandas as pd\ndf = pd.read_csv(x)",
    "async def g():\n    await h()", "match x:\n    case [a, *rest]:\n        y = rest\n    case _:\n        pass",
    "exec('q = 1')", "from os.path import *", "print(x if y else z)", "x = f(*x, **y)", "@f\ndef d():\n    pass",
)


@SETTINGS
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4), min_size=1, max_size=5))
def test_analysis_and_planning_never_crash(tmp_path: Path, cells: list[list[str]]) -> None:
    """Any combination of valid statements is analysed and planned without an exception."""
    plan_for([("code", "\n".join(statements)) for statements in cells], tmp_path)
