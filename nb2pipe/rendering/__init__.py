"""Render a Plan into the files of a Kedro project: ``render(plan, options, target, pins)``.

Rendering walks ``templates/`` (which mirrors the output tree, see ``scaffold``), renders each
template with one context built from the Plan, formats every ``.py`` file with ``ruff format``,
adds the raw-data copies and finally the manifest. It writes nothing: the result is a dict
from project-relative path to text, bytes or ``CopyFile``, sorted by path, and byte-identical
whatever the hash seed. Its only reads are its own templates, the ``ruff`` binary it runs, and
the raw input files it hashes for the manifest.
"""

from __future__ import annotations

import functools
import importlib.metadata
import tomllib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import jinja2

from ..digests import digest
from ..errors import PlanInvariantError
from ..model import CopyFile, Diagnostic, Plan, Target
from ..options import Options
from .filters import FILTERS
from .lint import KEPT_RULES, checker, kept_findings, kept_notes
from .pyformat import FormatError, InFolder, format_many
from .scaffold import (
    CREDENTIALS,
    MANIFEST,
    Rule,
    Versions,
    applies,
    loop_items,
    project_context,
    rule_for,
)
from .wiring import canonical_name, pin_name

__all__ = ["lint_notes", "render"]

TEMPLATES = Path(__file__).parent / "templates"
MANIFEST_TEMPLATE = "dot_nb2pipe/manifest.json.j2"
PYPROJECT = PurePosixPath("pyproject.toml")

Content = str | bytes | CopyFile


def render(
    plan: Plan,
    options: Options,
    target: Target,
    pins: tuple[str, ...],
    *,
    kedro_version: str | None = None,
    nb2pipe_version: str | None = None,
) -> dict[PurePosixPath, Content]:
    """The files of the project for ``plan``; nothing is written.

    Args:
        plan: what to generate.
        options: the conversion options.
        target: what is at the output folder; ``kind == "kedro"`` renders only the pipelines,
            their catalog/parameters/requirements files and the modules they import into the
            existing project (never the scaffold).
        pins: requirement lines (``name==version``) from ``environment.pins``; must pin kedro.
        kedro_version: ``kedro_init_version`` (default: the version pinned for kedro).
        nb2pipe_version: written to ``[tool.nb2pipe]`` (default: the installed nb2pipe's).

    Raises:
        PlanInvariantError: a generated module does not parse (a bug in an earlier stage).
    """
    scaffold = target.kind != "kedro"
    versions = Versions(
        kedro=kedro_version or pinned_version(pins, "kedro"),
        nb2pipe=nb2pipe_version or own_version(),
    )
    context = project_context(plan, options, scaffold, pins, versions)
    context.update(ruff_kept={}, ruff_reasons=KEPT_RULES)  # known once the modules are tidy
    files: dict[PurePosixPath, Content] = {}
    python: dict[PurePosixPath, Rule] = {}
    for template in template_names():
        if template != MANIFEST_TEMPLATE:
            for path, text, rule in render_template(template, plan, context, scaffold):
                files[path] = text
                if path.suffix == ".py":
                    python[path] = rule
    checked = [str(p) for p, rule in python.items() if rule.tidy or rule.user_code]
    files.update(formatted({p: str(files[p]) for p in python}, python,
                           checker(checked) if PYPROJECT in files else None))
    if PYPROJECT in files:
        kept = kept_findings({str(p): str(files[p]) for p in python}, checked)
        found = {code for codes in kept.values() for code in codes}
        context.update(ruff_kept=kept,
                       ruff_reasons={c: why for c, why in KEPT_RULES.items() if c in found})
        files[PYPROJECT] = _environment().get_template(f"{PYPROJECT}.j2").render(context)
    files.update(raw_copies(plan))
    context["manifest"] = manifest(files, plan, scaffold)
    files[MANIFEST] = _environment().get_template(MANIFEST_TEMPLATE).render(context)
    return dict(sorted(files.items()))


def render_template(
    template: str, plan: Plan, context: dict[str, object], scaffold: bool
) -> Iterator[tuple[PurePosixPath, str, Rule]]:
    """Every file one template makes (none, one, or one per pipeline / local module), with the
    rule it was made by; Python modules are not formatted yet (`formatted`: all at once)."""
    rule = rule_for(template)
    for path_vars, extra in loop_items(template, plan):
        local = {**context, **extra}
        if not applies(rule, local, scaffold):
            continue
        path = output_path(template, {"package": plan.package, **path_vars}, rule, scaffold)
        yield path, _environment().get_template(template).render(local), rule


def lint_notes(files: dict[PurePosixPath, Content]) -> tuple[Diagnostic, ...]:
    """Notes for the modules whose ruff findings the rendered pyproject.toml keeps as the
    notebook wrote them (`lint.KEPT_RULES`)."""
    text = files.get(PYPROJECT)
    if not isinstance(text, str):
        return ()
    ignores = tomllib.loads(text).get("tool", {}).get("ruff", {}).get("lint", {})
    return kept_notes({path: tuple(codes)
                       for path, codes in ignores.get("per-file-ignores", {}).items()})


def output_path(
    template: str, variables: dict[str, str], rule: Rule, scaffold: bool
) -> PurePosixPath:
    """Output path of a template: variables substituted, ``.j2`` dropped, ``dot_`` → ``.``."""
    if not scaffold and rule.kedro_path:
        return PurePosixPath(rule.kedro_path)
    path = template.removesuffix(".j2")
    for name, value in variables.items():
        path = path.replace("{{" + name + "}}", value)
    parts = ["." + p.removeprefix("dot_") if p.startswith("dot_") else p for p in path.split("/")]
    return PurePosixPath(*parts)


def formatted(modules: dict[PurePosixPath, str], rules: dict[PurePosixPath, Rule],
              in_folder: InFolder | None = None) -> dict[PurePosixPath, str]:
    """The Python modules formatted by ruff (one run for all of them; ``in_folder`` called with
    the formatting folder: `pyformat.format_many`).

    Raises:
        PlanInvariantError: a generated module does not parse (the user's own modules that do
            not parse are copied as they are: Python will report the error).
    """
    tidy = {str(path) for path in modules if rules[path].tidy}
    results = format_many({str(path): text for path, text in modules.items()}, tidy, in_folder)
    done = {}
    for path, text in modules.items():
        result = results[str(path)]
        if isinstance(result, FormatError):
            if not rules[path].user_code:
                raise PlanInvariantError(f"generated {path} does not parse: {result}") from result
            result = text
        done[path] = result
    return done


def raw_copies(plan: Plan) -> dict[PurePosixPath, Content]:
    """Input files copied into the project (catalog entries with ``copy_from``)."""
    return {
        PurePosixPath(e.filepath, name): CopyFile(str(Path(e.copy_from, name)))
        for e in plan.catalog
        if e.copy_from and not PurePosixPath(e.filepath).is_absolute()
        for name in (e.copy_files or ("",))
    }


def manifest(files: dict[PurePosixPath, Content], plan: Plan, scaffold: bool) -> dict[str, object]:
    """``.nb2pipe/manifest.json``: what nb2pipe generated, so later runs can update it safely.

    ``generated`` maps each file nb2pipe owns to its sha256; ``seeds`` are files written once and
    then owned by the user (credentials); ``files`` maps each file the sources write to where the
    project stores its final version; ``scaffold`` is false inside an existing Kedro project.
    """
    seeds = {CREDENTIALS} & files.keys()
    return {
        "generated": {str(p): digest(c) for p, c in files.items() if p not in seeds},
        "seeds": sorted(str(p) for p in seeds),
        "files": {e.final_version_of: e.filepath for e in plan.catalog if e.final_version_of},
        "sources": sorted(p.source for p in plan.pipelines),
        "scaffold": scaffold,
    }


def pinned_version(pins: tuple[str, ...], name: str) -> str:
    """The version of ``name==version`` among the pins.

    Raises:
        ValueError: no exact pin of ``name``.
    """
    for pin in pins:
        if canonical_name(pin_name(pin)) == name and "==" in pin:
            return pin.split("==", 1)[1].split(";")[0].strip()
    raise ValueError(f"the requirement pins must include {name}==<version>: {pins}")


def own_version() -> str:
    """The installed nb2pipe's version ("unknown" when running from a source tree)."""
    try:
        return importlib.metadata.version("nb2pipe")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@functools.cache
def template_names() -> tuple[str, ...]:
    """Template paths relative to ``templates/``, posix, sorted."""
    return tuple(sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.j2")))


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(FILTERS)
    return env
