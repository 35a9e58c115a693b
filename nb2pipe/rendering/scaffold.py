"""Which template makes which file, and the one context every template is rendered with.

``templates/`` mirrors the output tree of a new project. Its file names follow three rules:

* every template ends in ``.j2`` (dropped from the output name);
* a path segment starting with ``dot_`` starts with ``.`` in the output (``dot_gitignore.j2`` →
  ``.gitignore``), so that no dotfile in nb2pipe's own repository acts on it;
* ``{{package}}`` is the package name, and a ``{{pipeline}}`` or ``{{module}}`` segment renders the
  file once per ``PipelinePlan`` / ``LocalModule`` (bound as ``pipeline`` / ``module``).

``RULES`` says which templates apply where; a template without a row is scaffold: rendered for a
new (or nb2pipe-generated) project only, never into an existing Kedro project.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..knowledge.layers import LAYERS
from ..knowledge.storage import store_of
from ..model import LocalModule, PipelinePlan, Plan
from ..options import Options
from .wiring import requirements

MANIFEST = PurePosixPath(".nb2pipe/manifest.json")
CREDENTIALS = PurePosixPath("conf/local/credentials.yml")

#: Where variables passed between nodes are pickled (unless ``--memory``). The backend is the
#: project's ``pickling`` module: cloudpickle, which stores what plain pickle cannot (a lambda or
#: local function inside a value a node hands on: `FunctionTransformer(lambda x: ...)`, a fitted
#: statsmodels KDE) and everything else as pickle does, as fast (docs/performance.md), plus the
#: instance attributes a built-in base class's pickle drops (an ndarray subclass's `__dict__`).
INTERMEDIATE = {"type": "pickle.PickleDataset", "backend": "{package}.pickling",
                "filepath": "data/02_intermediate/{ns}/{name}.pkl"}
INTERMEDIATE_REQUIREMENTS = ("cloudpickle",)
#: The project's optional extra ``dask``: what its ``runner.DaskRunner`` needs (not installed by
#: ``pip install -r requirements.txt``, which stays what the notebooks need).
DASK_REQUIREMENTS = ("distributed>=2024.1",)


@dataclass(frozen=True, slots=True)
class Rule:
    """How one template is used."""

    #: Also rendered into an existing Kedro project (the file is not scaffold).
    always: bool = False
    #: Name of a boolean context entry that must be true for the file to exist.
    when: str | None = None
    #: Output path inside an existing Kedro project, when it differs.
    kedro_path: str | None = None
    #: The text is the user's own code: kept unformatted if ruff cannot parse it.
    user_code: bool = False
    #: nb2pipe writes the module itself: made ruff-clean of what generating it leaves behind
    #: (`pyformat.TIDY_RULES`: import order, unused imports, locals and unpacked names).
    tidy: bool = False


PIPELINE_DIR = "src/{{package}}/pipelines/{{pipeline}}"

#: Please add a row for every template that is not plain, unconditional scaffold.
RULES: dict[str, Rule] = {
    "conf/base/catalog.yml.j2": Rule(always=True, kedro_path="conf/base/catalog_nb2pipe.yml"),
    "conf/base/parameters.yml.j2": Rule(always=True, kedro_path="conf/base/parameters_nb2pipe.yml"),
    "requirements.txt.j2": Rule(always=True, kedro_path="requirements-nb2pipe.txt"),
    "dot_nb2pipe/manifest.json.j2": Rule(always=True),
    "src/{{package}}/datasets.py.j2": Rule(always=True, when="needs_datasets"),
    "src/{{package}}/figures.py.j2": Rule(always=True, when="needs_figures"),
    "src/{{package}}/shell.py.j2": Rule(always=True, when="needs_shell"),
    "src/{{package}}/binding.py.j2": Rule(always=True, when="needs_binding"),
    "src/{{package}}/pickling.py.j2": Rule(always=True, when="patterns"),
    "src/{{package}}/report.py.j2": Rule(always=True, when="needs_report"),
    "src/{{package}}/{{module}}.py.j2": Rule(always=True, user_code=True),
    f"{PIPELINE_DIR}/__init__.py.j2": Rule(always=True),
    f"{PIPELINE_DIR}/nodes.py.j2": Rule(always=True, tidy=True),
    f"{PIPELINE_DIR}/pipeline.py.j2": Rule(always=True, tidy=True),  # imports sorted as ruff does
    f"{PIPELINE_DIR}/functions.py.j2": Rule(
        always=True, when="pipeline_has_functions", user_code=True, tidy=True
    ),
}

#: Templated path segments that repeat a file, and what they iterate over.
LOOPS: dict[str, Callable[[Plan], Iterable[PipelinePlan | LocalModule]]] = {
    "pipeline": lambda plan: plan.pipelines,
    "module": lambda plan: plan.local_modules,
}


def rule_for(template: str) -> Rule:
    """The rule of a template (scaffold when it has no row)."""
    return RULES.get(template, Rule())


def applies(rule: Rule, context: dict[str, object], scaffold: bool) -> bool:
    """Whether a template with ``rule`` produces a file in this context."""
    if not (scaffold or rule.always):
        return False
    return rule.when is None or bool(context[rule.when])


@dataclass(frozen=True, slots=True)
class Versions:
    """Versions written into the project (given, never looked up while rendering)."""

    kedro: str
    nb2pipe: str


def project_context(
    plan: Plan, options: Options, scaffold: bool, pins: tuple[str, ...], versions: Versions
) -> dict[str, object]:
    """Everything the templates see; derived values are computed here, once."""
    patterns = intermediate_patterns(plan, scaffold)
    types = [e.type for e in plan.catalog] + [str(p["type"]) for p in patterns.values()]
    return {
        "plan": plan,
        "options": options,
        "package": plan.package,
        "project_name": plan.project_name,
        "scaffold": scaffold,
        "versions": versions,
        "sources": tuple(p.source for p in plan.pipelines),
        "requirements": requirements(pins, types, plan.package,
                                     _module_needs(plan) + (INTERMEDIATE_REQUIREMENTS if patterns else ())
                                     + _storage_needs(plan)),
        "dask_requirements": DASK_REQUIREMENTS,
        "patterns": patterns,
        "needs_datasets": any(e.type.startswith(f"{plan.package}.datasets.") for e in plan.catalog),
        "needs_partitions": any(
            e.type == f"{plan.package}.datasets.PartitionFolder" for e in plan.catalog),
        "needs_credentials": any(e.type == f"{plan.package}.datasets.CredentialDataset" for e in plan.catalog),
        "needs_memory_values": any(e.type == f"{plan.package}.datasets.MemoryValueDataset" for e in plan.catalog),
        "needs_figures": _needs_figures(plan),
        "needs_shell": any("run_shell" in s.needs for p in plan.pipelines for s in p.steps),
        "needs_binding": any("with_globals" in s.needs for p in plan.pipelines for s in p.steps)
        or any("with_globals(" in p.functions_code for p in plan.pipelines),
        "needs_report": any({"NotebookReport", "log_print", "show_printed"} & s.needs
                            for p in plan.pipelines for s in p.steps),
        "warnings": tuple(d for d in plan.diagnostics if d.level == "warning"),
        "run_node_example": run_node_example(plan),
    }


def _needs_figures(plan: Plan) -> bool:
    return any("pop_figures" in s.needs for p in plan.pipelines for s in p.steps)


def _module_needs(plan: Plan) -> tuple[str, ...]:
    """Distributions nb2pipe's own modules import (figures.py needs matplotlib)."""
    return ("matplotlib",) if _needs_figures(plan) else ()


def _storage_needs(plan: Plan) -> tuple[str, ...]:
    """The fsspec implementations of the object stores the catalog reads and writes."""
    return tuple(sorted({store.package for e in plan.catalog if (store := store_of(e.filepath))}))


def intermediate_patterns(plan: Plan, scaffold: bool) -> dict[str, dict[str, object]]:
    """Catalog factory patterns pickling the variables passed between nodes.

    A new project gets the single ``"{namespace}.{name}"`` pattern. In an existing Kedro project
    each converted namespace gets its own pattern, so the user's namespaced datasets that fall
    back to memory today keep doing so.
    """
    if plan.memory:
        return {}
    if scaffold:
        return {"{namespace}.{name}": _pattern("{namespace}", plan.package)}
    return {f"{p.name}.{{name}}": _pattern(p.name, plan.package) for p in plan.pipelines}


def _pattern(namespace: str, package: str) -> dict[str, object]:
    return {**INTERMEDIATE, "filepath": INTERMEDIATE["filepath"].replace("{ns}", namespace),
            "backend": INTERMEDIATE["backend"].replace("{package}", package),
            "metadata": {"kedro-viz": {"layer": LAYERS["table"].name}}}


def run_node_example(plan: Plan) -> str:
    """A ``--nodes`` selector for the README: the last step of the first pipeline (not its report)."""
    for pipeline in plan.pipelines:
        steps = [s for s in pipeline.steps if "report" not in s.tags]
        if steps:
            return f"{pipeline.name}.{steps[-1].name}"
    return ""


def loop_items(template: str, plan: Plan) -> list[tuple[dict[str, str], dict[str, object]]]:
    """(path variables, extra context) for each file a template makes, in plan order."""
    for name, items in LOOPS.items():
        if "{{" + name + "}}" in template:
            return [({name: item.name}, _item_context(name, item)) for item in items(plan)]
    return [({}, {})]


def _item_context(name: str, item: PipelinePlan | LocalModule) -> dict[str, object]:
    extra: dict[str, object] = {name: item}
    if isinstance(item, PipelinePlan):
        extra["pipeline_has_functions"] = bool(item.functions_code.strip())
    return extra
