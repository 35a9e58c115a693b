"""Group the failures of a fidelity run by cause (read by benchmarks/fidelity.py).

A notebook that does not verify fails at one or more stages; each failure gets a cause key:

* conversion error: the diagnostic codes of the `InputError` (``[code]`` at the end of each
  problem), else the normalised message;
* verify itself timed out or crashed;
* the notebook run under verify failed, or `kedro run` failed: the exception type plus the
  message with names, quoted text and numbers blanked (``KeyError: '…'``);
* a dataset row is "different": the kind of difference (`DIFFERENCES`) and of row (value, file,
  figures).

`causes(result)` gives a notebook's (cause, example message) pairs; `cause_table` counts
notebooks per cause and keeps the first example.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable

STATUSES = ("equal", "different", "not compared", "not reproducible")
STAGES = ("converted", "notebook ran", "kedro ran", "verified")

#: Kind of a "different" row, from its detail (first match wins). Add rows here.
DIFFERENCES: tuple[tuple[str, str], ...] = (
    (r"\btype \S+ != ", "type differs"),
    (r"\bshape \(", "shape differs"),
    (r"\bdtype ", "dtype differs"),
    (r"\bvalues differ", "values differ"),
    (r"\bkeys differ", "keys differ"),
    (r"\blength \d+ != ", "length differs"),
    (r"elements differ", "set elements differ"),
    (r"figures? != |cells showed", "figure count differs"),
    (r"shown by cells no figure-returning node", "figures shown outside figure nodes"),
    (r"did not write", "file not written by the pipeline"),
    (r"bytes differ|text differs", "file content differs"),
    (r"built by ", "reduced form differs"),
    (r" is not ", "identity differs"),
    (r" != ", "scalar or object differs"),
)
EXCEPTION = re.compile(r"\b([A-Z]\w*(?:Error|Exception|Exit|Interrupt|Warning|Failure))\b:?\s*(.*)")
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`")
#: Dotted names (datasets ``nb.model``, modules): one cause whatever dataset it hits.
DOTTED = re.compile(r"\b[A-Za-z_]\w*(?:\.\w+)+\b")
NUMBER = re.compile(r"\b\d+(\.\d+)?\b")
CODES = re.compile(r"\[([\w-]+)\]\s*$", re.MULTILINE)


def pattern(message: str, width: int = 70) -> str:
    """``message`` with quoted text and numbers blanked, cut to ``width`` characters."""
    text = NUMBER.sub("N", DOTTED.sub("…", QUOTED.sub("'…'", " ".join(message.split()))))
    return text[:width]


def exception_cause(message: str) -> str:
    """``Type: pattern`` of the last exception named in ``message`` (or its pattern)."""
    found = list(EXCEPTION.finditer(message))
    if not found:
        return pattern(message)
    last = found[-1]
    return f"{last.group(1)}: {pattern(last.group(2), 64)}".rstrip(": ")


#: Whitespace in a value's repr, escaped (``\\n``) or not, and the ``...`` of a cut repr.
SPACING = re.compile(r"\\[ntr]|\s+|\.\.\.$")


def only_spacing(detail: str) -> bool:
    """``a != b`` where the two reprs (cut at the same length) differ in whitespace only, e.g. a
    multi-line string literal re-indented when its code moved into a function."""
    left, found, right = detail.partition(" != ")
    a, b = (SPACING.sub("", side) for side in (left, right))
    return bool(found) and left != right and a[: len(b)] == b[: len(a)] and bool(a and b)


def difference_kind(detail: str) -> str:
    for regex, kind in DIFFERENCES:
        if re.search(regex, detail):
            if kind == "scalar or object differs" and only_spacing(detail):
                return "whitespace differs (text re-indented?)"
            return kind
    return "other difference"


def causes(result: dict[str, object]) -> list[tuple[str, str, str]]:
    """(stage, cause, example message) for each way ``result`` (one notebook) failed."""
    name = str(result["notebook"])
    if result.get("converted") is False:
        reason = str(result.get("reason", ""))
        codes = sorted(set(CODES.findall(reason)))
        return [
            ("conversion", f"[{code}]" if codes else pattern(reason), f"{name}: {reason[:160]}")
            for code in (codes or [""])
        ]
    if result.get("converted") is None:
        reason = str(result.get("reason", ""))
        cause = "timed out" if "timed out" in reason else f"crashed: {exception_cause(reason)}"
        return [("verify", cause, f"{name}: {reason[:160]}")]
    found = []
    errors = list(result.get("errors", []))  # type: ignore[arg-type]
    for entry in result.get("notebooks", []) or []:  # type: ignore[union-attr]
        errors += entry["errors"]
        for row in entry["results"]:
            if row["status"] == "different":
                kind = f"{difference_kind(row['detail'])} ({row['kind']})"
                found.append(("difference", kind, f"{row['dataset']}: {row['detail'][:120]}"))
    for error in errors:
        stage, _, message = error.partition(": ")
        stage = {"pipeline": "kedro run", "notebook": "notebook run"}.get(stage, stage)
        found.append((stage, exception_cause(message), message[:160]))
    return [(stage, cause, f"{name}: {example}") for stage, cause, example in found]


def cause_table(results: list[dict[str, object]]) -> list[tuple[str, str, int, str]]:
    """(stage, cause, notebooks, first example), most notebooks first."""
    notebooks: dict[tuple[str, str], set[str]] = defaultdict(set)
    examples: dict[tuple[str, str], str] = {}
    for result in results:
        for stage, cause, example in causes(result):
            notebooks[(stage, cause)].add(str(result["notebook"]))
            examples.setdefault((stage, cause), example)
    rows = [(s, c, len(n), examples[(s, c)]) for (s, c), n in notebooks.items()]
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))


def stages(result: dict[str, object]) -> dict[str, bool]:
    """How far one notebook got: converted, notebook ran, kedro ran, verified."""
    converted = bool(result.get("converted"))
    errors = list(result.get("errors", []))  # type: ignore[arg-type]
    for entry in result.get("notebooks", []) or []:  # type: ignore[union-attr]
        errors += entry["errors"]
    return {
        "converted": converted,
        "notebook ran": converted and not any(e.startswith("notebook:") for e in errors),
        "kedro ran": converted and not any(e.startswith("pipeline:") for e in errors),
        "verified": converted and bool(result.get("ok")),
    }


def cell(text: object, width: int = 160) -> str:
    return " ".join(str(text).split())[:width].replace("|", "\\|")


def large_markdown(
    results: list[dict[str, object]], summary: Callable[..., dict], commit: str, pending: int = 0
) -> str:
    """The large corpus section of docs/fidelity.md (a marked part: ``fidelity-large``)."""
    reached = [stages(r) for r in results]
    counts = {s: sum(1 for r in reached if r[s]) for s in STAGES}
    rows = [summary(r) for r in results]
    totals = {s: sum(int(r.get(s, 0) or 0) for r in rows) for s in STATUSES}
    projects = sorted({str(r["notebook"]).split("/")[0] for r in results})
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = [
        "<!-- fidelity-large:begin -->",
        f"## The large corpus: {len(results)} notebooks from {len(projects)} projects",
        "",
        "Generated by `python benchmarks/fidelity.py --corpus large --markdown docs/fidelity.md`"
        f" at nb2pipe {commit}, {when} (raw results: benchmarks/results/fidelity-large.json).",
        "Third-party notebooks nobody tuned the converter to (corpus/README.md), each verified",
        "alone in a copy of its project folder.",
        "",
        "- " + "; ".join(f"{s}: {counts[s]}" for s in STAGES) + f" (of {len(results)})",
        *(
            [f"- not verified yet (the run was stopped; it resumes): {pending} notebooks"]
            if pending
            else []
        ),
        "- datasets: " + ", ".join(f"{totals[s]} {s}" for s in STATUSES),
        "",
        "### Failures by cause",
        "",
        "A notebook counts once per cause; one notebook can fail for several.",
        "",
        "| stage | cause | notebooks | example (notebook: message) |",
        "|---|---|---|---|",
    ]
    for stage, cause, number, example in cause_table(results):
        lines.append(f"| {stage} | {cell(cause, 80)} | {number} | {cell(example)} |")
    lines += [
        "",
        "### Per project",
        "",
        "| project | notebooks | " + " | ".join(STAGES) + " |",
        "|---|---|---|---|---|---|",
    ]
    for project in projects:
        mine = [
            s
            for r, s in zip(results, reached, strict=True)
            if str(r["notebook"]).startswith(project + "/")
        ]
        done = " | ".join(str(sum(1 for s in mine if s[stage])) for stage in STAGES)
        lines.append(f"| {project} | {len(mine)} | {done} |")
    lines += [
        "",
        "### Per notebook",
        "",
        "| notebook | ok | " + " | ".join(STATUSES) + " | s | first cause |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for result, row in zip(results, rows, strict=True):
        first = causes(result)
        why = f"{first[0][0]}: {first[0][1]}" if first else ""
        numbers = " | ".join(str(row.get(s, "")) for s in STATUSES)
        lines.append(
            f"| {result['notebook']} | {'yes' if row['ok'] else 'no'} | {numbers} | "
            f"{row.get('seconds', '')} | {cell(why, 90)} |"
        )
    return "\n".join([*lines, "<!-- fidelity-large:end -->"]) + "\n"


def raw_results(results: list[dict[str, object]], commit: str) -> dict[str, object]:
    """A small JSON of the run, for comparing a later run: per notebook its stages, its dataset
    counts and its causes (not the full verify reports)."""
    notebooks = []
    for result in results:
        counts: dict[str, int] = defaultdict(int)
        for entry in result.get("notebooks", []) or []:  # type: ignore[union-attr]
            for status, number in entry["counts"].items():
                counts[status] += number
        notebooks.append(
            {
                "notebook": result["notebook"],
                **stages(result),
                "counts": dict(counts),
                "seconds": result.get("seconds"),
                "causes": [list(c) for c in causes(result)],
            }
        )
    return {
        "nb2pipe": commit,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "notebooks": notebooks,
    }
