"""Run a Kedro project, pickling every node output: ``python kedro_runner.py PROJECT OUT PIPES``.

Executed as a script in a subprocess by `pipeline_run` (it never imports nb2pipe). The project is
left as it is on disk: the capture hook is added to the project's settings in memory, after
``bootstrap_project`` has configured them and before ``KedroSession.create`` registers them.

Writes into OUT:
  outputs.jsonl  one line per dataset a node returned:
                 {dataset, status, path, figures, figure_ids, type}
  nodes.jsonl    one line per node that finished or failed: {node, seconds, error}
  result.json    {seconds, error, failed_node}
  phase.txt      what runs now ("in node <name>", "after node <name>"), for
                 the parent's per-node timeout (`pipeline_run`); replaced at each change
"""

from __future__ import annotations

import json
import pickle
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from kedro.framework.hooks import hook_impl

#: Compared as the list of their elements: capture.DICT_VIEWS (this script never imports nb2pipe).
DICT_VIEWS = ("dict_keys", "dict_values", "dict_items")


def _figures(value: Any) -> list[int]:
    """Identities of the matplotlib / plotly figures in a value (alone, or in a list, tuple
    or dict): a node that returns ``fig`` and a list holding ``fig`` returned one figure."""
    if isinstance(value, dict):
        return [i for v in value.values() for i in _figures(v)]
    if isinstance(value, (list, tuple)):
        return [i for v in value for i in _figures(v)]
    figure = getattr(sys.modules.get("matplotlib.figure"), "Figure", None)
    plotly = hasattr(type(value), "to_plotly_json") and hasattr(value, "data")
    return [id(value)] if (figure and isinstance(value, figure)) or plotly else []


def _append(path: Path, record: dict[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(record) + "\n")


class CaptureHook:
    """Pickles every node output as the node returned it (before any dataset saves it)."""

    def __init__(self, out: Path):
        self.out = out
        self.started: dict[str, float] = {}
        self.count = 0

    @hook_impl
    def before_node_run(self, node: Any) -> None:
        """Start the node's clock."""
        self.started[node.name] = time.perf_counter()
        self._phase(f"in node {node.name}")

    @hook_impl
    def after_node_run(self, node: Any, outputs: dict[str, Any]) -> None:
        """Record the node's time and pickle each of its outputs."""
        self._phase(f"after node {node.name}")
        seconds = time.perf_counter() - self.started.get(node.name, time.perf_counter())
        _append(self.out / "nodes.jsonl", {"node": node.name, "seconds": seconds, "error": ""})
        for dataset, value in outputs.items():
            _append(self.out / "outputs.jsonl", self._save(dataset, value))

    @hook_impl
    def on_node_error(self, error: Exception, node: Any) -> None:
        """Record which node failed and why."""
        message = f"{type(error).__name__}: {error}"
        self._phase(f"after node {node.name}")
        _append(self.out / "nodes.jsonl", {"node": node.name, "seconds": 0.0, "error": message})

    def _phase(self, label: str) -> None:
        temporary = self.out / "phase.tmp"
        temporary.write_text(label, encoding="utf-8")
        temporary.replace(self.out / "phase.txt")

    def _save(self, dataset: str, value: Any) -> dict[str, Any]:
        kind = type(value)
        figures = _figures(value)
        record = {"dataset": dataset, "figures": len(figures), "figure_ids": figures, "path": None}
        record["type"] = f"{kind.__module__}.{kind.__qualname__}"
        if kind.__name__ in DICT_VIEWS:  # as the notebook's capture: the elements, as a list
            value = list(value)
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001 - any failure means "not picklable"
            # a class a node makes (local to it, or a namedtuple or dataclass it builds, which
            # its module does not hold): pickled by value
            by_value_data = by_value(value)
            if by_value_data is None:
                record["status"] = f"not picklable: {type(error).__name__}: {str(error)[:200]}"
                return record
            data = by_value_data
        self.count += 1
        path = self.out / f"output-{self.count}.pkl"
        path.write_bytes(data)
        record.update(status="ok", path=str(path))
        return record


def by_value(value: Any) -> bytes | None:
    """``value`` pickled with cloudpickle, which stores classes defined inside functions by
    value; None when that fails too."""
    try:
        import cloudpickle  # noqa: PLC0415

        return cloudpickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001
        return None


def run(project: Path, out: Path, pipelines: list[str]) -> dict[str, Any]:
    """Run ``pipelines`` of ``project`` with the capture hook; returns the result record."""
    from kedro.framework.project import settings
    from kedro.framework.session import KedroSession
    from kedro.framework.startup import bootstrap_project

    bootstrap_project(project)
    settings.set("HOOKS", (*settings.HOOKS, CaptureHook(out)))
    with KedroSession.create(project_path=project) as session:
        start = time.perf_counter()
        try:
            session.run(pipeline_names=pipelines or None)  # type: ignore[call-arg]
        except Exception as error:  # noqa: BLE001 - reported, not raised
            traceback.print_exc()
            return {
                "seconds": time.perf_counter() - start,
                "error": f"{type(error).__name__}: {error}",
            }
        return {"seconds": time.perf_counter() - start, "error": ""}


def main(argv: list[str]) -> int:
    """``kedro_runner.py PROJECT OUT [PIPELINE,...]``; exit code 1 if the run failed."""
    project, out = Path(argv[1]).resolve(), Path(argv[2]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    pipelines = [name for name in argv[3].split(",") if name] if len(argv) > 3 else []
    result = run(project, out, pipelines)
    (out / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return 1 if result["error"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
