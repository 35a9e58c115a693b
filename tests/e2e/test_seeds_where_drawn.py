"""A notebook seeding numpy's and Python's generators in a cell of its own, then drawing in
sections: the seeds move into the node that draws first (no node only seeds and hands
`np_random_state` on), parameters are named by meaning (`np_random_seed`, `small_n_clusters`,
never `seed_2`), nodes.py imports numpy once, and `kedro run` draws exactly the notebook's
numbers."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
import yaml

from nb2pipe.knowledge.calls import GLOBAL_RNGS
from nb2pipe.verify.compare import compare_values

from .helpers import explain, run_tool
from .notebook_values import notebook_values, pipeline_values

pytestmark = pytest.mark.e2e
STATES = {rng["dataset"] for rng in GLOBAL_RNGS.values()}

CELLS = [
    ("code", "import numpy as np\nimport random\nfrom sklearn.cluster import KMeans"),
    ("code", "np.random.seed(3)\nrandom.seed(5)"),
    ("markdown", "# Points"),
    ("code", "points = np.random.rand(30, 2)\npick = random.choice([1, 2, 3])"),
    ("markdown", "# Clusters"),
    (
        "code",
        "small = KMeans(n_clusters=2, n_init=3, random_state=1).fit(points).cluster_centers_\n"
        "large = KMeans(n_clusters=3, n_init=3, random_state=1).fit(points).cluster_centers_",
    ),
    ("markdown", "# Jitter"),
    (
        "code",
        "jitter = points + np.random.normal(scale=0.01, size=points.shape)\nlast = random.random()",
    ),
]


def test_seeds_move_to_the_first_draw_and_params_are_named_by_use(
    tmp_path: Path, nb2pipe_bin: Path, kedro_bin: Path
) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(s) if kind == "code" else nbformat.v4.new_markdown_cell(s)
        for kind, s in CELLS
    ]
    nbformat.write(nb, folder / "draws.ipynb")
    expected = notebook_values(folder, [s for kind, s in CELLS if kind == "code"], tmp_path)
    project = tmp_path / "project"
    converted = run_tool([nb2pipe_bin, "convert", folder, "-o", project], cwd=tmp_path)
    assert converted.returncode == 0, explain(converted)
    ran = run_tool([kedro_bin, "run"], cwd=project)
    assert ran.returncode == 0, explain(ran)
    got = pipeline_values(project, folder)
    assert {"points", "pick", "small", "large", "jitter", "last"} <= set(got)
    for variable, value in got.items():
        if variable in STATES:  # generator states between drawing nodes: the draws are compared
            continue
        outcome = compare_values(expected[variable], value)
        assert outcome.status == "equal", f"{variable}: {outcome.detail}"

    params = yaml.safe_load((project / "conf/base/parameters.yml").read_text())["draws"]
    assert params == {
        "np_random_seed": 3,
        "random_seed": 5,
        "small_n_clusters": 2,
        "n_init": 3,
        "random_state": 1,
        "large_n_clusters": 3,
    }
    nodes = (project / "src/project/pipelines/draws/nodes.py").read_text()
    functions = {
        f.name: ast.get_source_segment(nodes, f) or ""
        for f in ast.parse(nodes).body
        if isinstance(f, ast.FunctionDef)
    }
    # the node drawing the points seeds both generators itself; nothing else seeds
    seeding = [name for name, code in functions.items() if "np.random.seed(" in code]
    assert seeding == ["compute_points"], functions.keys()
    assert "random.seed(random_seed)" in functions["compute_points"]
    imports = [a.name for s in ast.parse(nodes).body if isinstance(s, ast.Import) for a in s.names]
    assert imports.count("numpy") == 1  # `import numpy as np`, not also `import numpy`
