"""Jinja2 filters: every piece of quoting, YAML, TOML and Markdown the templates need.

Templates only loop and place text; anything that escapes, derives or orders values is a filter
registered in ``FILTERS`` (one table, as nbconvert's ``filters/__init__.py``) and unit-tested in
``tests/rendering/test_filters.py``. Filters are pure functions of their arguments.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import yaml

from ..errors import PlanInvariantError
from ..model import CatalogEntry, Param
from .wiring import (
    needed_functions,
    needed_imports,
    node_inputs,
    node_outputs,
    node_tags,
    requirements,
    step_names,
    wiring,
)


# ----------------------------------------------------------------------------------------- YAML
class _Dumper(yaml.SafeDumper):
    """Block-style YAML whose strings always load back as strings, through OmegaConf too."""


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # PyYAML already quotes what *its* resolver would read as another type ("yes", "1", "null");
    # OmegaConf's loader also reads "1e3" as a float, so quote anything Python parses as a number.
    # Double quotes escape what PyYAML would otherwise emit raw and fold (NEL, U+2028...).
    style = '"' if not data.isprintable() else "'" if _looks_numeric(data) else None
    return dumper.represent_scalar(
        "tag:yaml.org,2002:str", _escape_interpolation(data), style=style
    )


def _looks_numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _escape_interpolation(text: str) -> str:
    r"""OmegaConf resolves ``${...}``: ``\${`` stands for the literal text, and backslashes right
    before it are themselves escaped (``\\${`` is one backslash then an interpolation)."""
    return _INTERPOLATION.sub(lambda m: m.group(1) * 2 + "\\${", text)


_INTERPOLATION = re.compile(r"(\\*)\$\{")
_Dumper.add_representer(str, _represent_str)


def to_yaml(value: object) -> str:
    """YAML block for ``value``, keys in the given order, without a final newline."""
    if value == {}:
        return "{}"
    text = yaml.dump(
        value,
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=100,
    )
    return text.removesuffix("\n")


def nest_params(params: Iterable[Param]) -> dict[str, object]:
    """parameters.yml tree: each param under its (dotted) namespace; "" means top level.

    Example: ``Param("train", "seed", 1)`` and ``Param("", "lr", 0.1)`` give
    ``{"train": {"seed": 1}, "lr": 0.1}`` (first appearance order).

    Raises:
        PlanInvariantError: two params claim the same key (a planning bug).
    """
    tree: dict[str, Any] = {}
    for param in params:
        node = tree
        for part in [p for p in param.namespace.split(".") if p]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise PlanInvariantError(f"parameter namespace {param.namespace!r} is also a value")
        if param.name in node:
            raise PlanInvariantError(f"parameter {param.namespace}.{param.name} defined twice")
        node[param.name] = _plain(param.value)
    return tree


def _plain(value: object) -> object:
    """Tuples and sets become lists (YAML has neither); mappings and lists are copied."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(v) for v in value), key=repr)
    return value


def catalog_entry(entry: CatalogEntry) -> dict[str, object]:
    """``{name: {type, filepath, **options}}`` for catalog.yml (no filepath key when empty)."""
    body: dict[str, object] = {"type": entry.type}
    if entry.filepath:
        body["filepath"] = entry.filepath
    body.update((key, _plain(value)) for key, value in entry.options)
    if entry.layer:
        body["metadata"] = {"kedro-viz": {"layer": entry.layer}}
    return {entry.name: body}


def credential_placeholders(credentials: Iterable[Param]) -> dict[str, object]:
    """credentials.yml tree with the same nesting as parameters and empty values (never secrets):
    "" for a secret, ``{}`` for the credentials of object storage."""
    return nest_params(Param(c.namespace, c.name, c.value if isinstance(c.value, Mapping) else "", c.origin)
                       for c in credentials)


def comment(text: str) -> str:
    """``text`` as YAML/TOML/Python comment lines (one ``# `` per line; "" for empty text)."""
    return "\n".join(f"# {line}".rstrip() for line in text.splitlines())


# -------------------------------------------------------------------------------- Python, TOML
def pyrepr(value: object) -> str:
    """A Python literal for str, int, float, bool, None and lists/tuples of them."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(pyrepr(v) for v in value) + "]"
    return repr(value)


def pyset(values: Iterable[str]) -> str:
    """A Python set literal of strings, sorted so that the output is deterministic."""
    return "{" + ", ".join(repr(v) for v in sorted(values)) + "}"


def docstring(text: str) -> str:
    """``text`` made safe inside a triple-double-quoted docstring."""
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def toml_str(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_list(items: Iterable[str]) -> str:
    """A multi-line TOML array of strings (``[]`` when empty)."""
    items = list(items)
    if not items:
        return "[]"
    return "[\n" + "".join(f"    {toml_str(item)},\n" for item in items) + "]"


def to_json(value: object) -> str:
    """Stable, readable JSON: sorted keys, two-space indent (no final newline)."""
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


# ------------------------------------------------------------------------------------ Markdown
def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell (pipes escaped, one line)."""
    text = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    return " ".join(text.split()).replace("|", "\\|")


def md_code(value: object) -> str:
    """Inline code span, with a fence longer than any backtick run inside."""
    text = str(value)
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_codes(values: Iterable[object]) -> str:
    """Comma-separated inline code spans ("—" when empty), for table cells."""
    spans = [md_code(v).replace("|", "\\|") for v in values]
    return ", ".join(spans) if spans else "—"


FILTERS: dict[str, Callable[..., Any]] = {
    "catalog_entry": catalog_entry,
    "comment": comment,
    "credential_placeholders": credential_placeholders,
    "docstring": docstring,
    "md_cell": md_cell,
    "md_code": md_code,
    "md_codes": md_codes,
    "needed_functions": needed_functions,
    "needed_imports": needed_imports,
    "nest_params": nest_params,
    "node_inputs": node_inputs,
    "node_outputs": node_outputs,
    "node_tags": node_tags,
    "pyrepr": pyrepr,
    "pyset": pyset,
    "requirements": requirements,
    "step_names": step_names,
    "to_json": to_json,
    "to_yaml": to_yaml,
    "toml_list": toml_list,
    "toml_str": toml_str,
    "wiring": wiring,
}
