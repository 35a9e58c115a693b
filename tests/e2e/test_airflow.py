"""End to end: `kedro airflow create` (kedro-airflow) makes a DAG of a generated project, as the
project's README says: the file compiles, its tasks run exactly the pipeline's nodes, and it
orders them as the pipeline does. Where Airflow itself is installed (in this interpreter, or in
the one ``NB2PIPE_AIRFLOW_PYTHON`` names: apache-airflow is 150 packages, about 10 minutes to
install here, too heavy for the test extra), Airflow's DagBag imports the DAG without errors.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from . import test_sample_notebooks
from .helpers import explain, run_tool

pytestmark = pytest.mark.e2e

#: An interpreter with apache-airflow (and kedro) installed, when not this one.
AIRFLOW_PYTHON = "NB2PIPE_AIRFLOW_PYTHON"

NODES = """
import json
from pathlib import Path
from kedro.framework.project import pipelines
from kedro.framework.startup import bootstrap_project
bootstrap_project(Path.cwd())
pipeline = pipelines["__default__"]
print(json.dumps({n.name: sorted(d.name for d in deps)
                  for n, deps in pipeline.node_dependencies.items()}))
"""

DAGBAG = """
import json, sys
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder=sys.argv[1])
print(json.dumps({"errors": {str(k): str(v) for k, v in bag.import_errors.items()},
                  "tasks": {d: len(dag.tasks) for d, dag in bag.dags.items()}}))
"""


@pytest.fixture(scope="module")
def dag(tmp_path_factory: pytest.TempPathFactory, nb2pipe_bin: Path, kedro_bin: Path) -> Path:
    """The sample notebooks converted, and the DAG kedro-airflow made of the project."""
    root = tmp_path_factory.mktemp("airflow")
    source = test_sample_notebooks.fresh_copy(root / "sample_notebooks")
    project = root / "project"
    converted = run_tool([nb2pipe_bin, "convert", source, "-o", project], cwd=root)
    assert converted.returncode == 0, explain(converted)
    readme = (project / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("kedro airflow create"))
    args = command.split("#")[0].split()[1:]
    created = run_tool([kedro_bin, *args], cwd=project)
    assert created.returncode == 0, explain(created)
    package = next((project / "src").glob("*/pipeline_registry.py")).parent.name
    path = project / "dags" / f"{package}_dag.py"
    assert path.is_file(), f"no {path}: {sorted(p.name for p in (project / 'dags').iterdir())}"
    assert f"dags/{package}_dag.py" in command, "the README names another file"
    return path


def dag_tasks(path: Path) -> tuple[dict[str, list[str]], set[tuple[str, str]]]:
    """The DAG's tasks (task id → the Kedro nodes it runs) and its edges, read from its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tasks: dict[str, list[str]] = {}
    edges: set[tuple[str, str]] = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and function.decorator_list:
            decorator = function.decorator_list[0]
            if isinstance(decorator, ast.Call) and getattr(decorator.func, "id", "") == "task":
                task_id = next(k.value.value for k in decorator.keywords if k.arg == "task_id")
                call = next(c for c in ast.walk(function) if isinstance(c, ast.Call)
                            and any(k.arg == "node_names" for k in c.keywords))
                names = next(k.value for k in call.keywords if k.arg == "node_names")
                tasks[task_id] = [ast.literal_eval(e) for e in names.elts]
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.RShift):
            edges.add((ast.literal_eval(node.left.slice), ast.literal_eval(node.right.slice)))
    return tasks, edges


def test_the_dag_runs_every_node_once_in_the_pipeline_order(dag: Path) -> None:
    compile(dag.read_text(encoding="utf-8"), str(dag), "exec")
    project = dag.parents[1]
    listed = run_tool([sys.executable, "-c", NODES], cwd=project)
    assert listed.returncode == 0, explain(listed)
    dependencies: dict[str, list[str]] = json.loads(listed.stdout.strip().splitlines()[-1])
    tasks, edges = dag_tasks(dag)
    task_of = {node: task for task, nodes in tasks.items() for node in nodes}
    assert sorted(task_of) == sorted(dependencies)
    assert sum(len(nodes) for nodes in tasks.values()) == len(dependencies), "a node twice"
    missing = sorted(
        (task_of[before], task_of[node])
        for node, befores in dependencies.items()
        for before in befores
        if task_of[before] != task_of[node] and (task_of[before], task_of[node]) not in edges
    )
    assert not missing, f"the DAG does not order these tasks: {missing}"


def airflow_python() -> str | None:
    if os.environ.get(AIRFLOW_PYTHON):
        return os.environ[AIRFLOW_PYTHON]
    return sys.executable if importlib.util.find_spec("airflow") else None


@pytest.mark.skipif(airflow_python() is None,
                    reason=f"apache-airflow is not installed here (nor named by {AIRFLOW_PYTHON})")
def test_airflow_imports_the_dag_without_errors(
    dag: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIRFLOW_HOME", str(tmp_path))  # Airflow's config and database: here
    loaded = run_tool([airflow_python(), "-c", DAGBAG, dag.parent], cwd=dag.parents[1])
    assert loaded.returncode == 0, explain(loaded)
    result = json.loads(loaded.stdout.strip().splitlines()[-1])
    tasks, _ = dag_tasks(dag)
    assert result["errors"] == {}
    assert list(result["tasks"].values()) == [len(tasks)]
