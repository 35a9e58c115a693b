"""Drawing statements in their own reporting nodes: a figure drawn over several sections is
drawn by one reporting node; where drawing has to stay in a data node, a note says why."""

from __future__ import annotations

import ast
import textwrap

from ..knowledge.calls import PLOT_KEYWORDS
from ..model import Diagnostic, SourceFacts
from .grouping import Group


def glue_drawings(groups: list[Group], sections: set[int]) -> list[Group]:
    """Each run of consecutive listed sections keeps its drawing in one reporting step, placed
    where the run's last reporting step was; its data steps stay as they are. A figure made in
    one section and drawn on in a later one (`fig, ax = plt.subplots()`, then `ax.plot(...)`)
    is drawn by one node, which reads the data of every section at the versions drawn from."""
    run_of: dict[int, int] = {}
    for section in sorted(sections):
        run_of[section] = run_of.get(section - 1, section)
    last = {run_of[g.section]: i for i, g in enumerate(groups) if g.kind == "reporting" and g.section in run_of}
    chunks: dict[int, list[int]] = {}
    for group in groups:
        if group.kind == "reporting" and group.section in run_of:
            chunks.setdefault(run_of[group.section], []).extend(group.chunks)
    result: list[Group] = []
    for index, group in enumerate(groups):
        run = run_of.get(group.section)
        if group.kind != "reporting" or run is None:
            result.append(group)
        elif last[run] == index:
            result.append(Group("reporting", sorted(chunks[run]), run))
    return result


def drawing_notes(groups: list[Group], facts: SourceFacts, roles: tuple[str, ...]) -> list[Diagnostic]:
    """One info note per data node that also draws, naming why its drawing could not leave it.
    Where no split exists (`cannot_split`: a loop or block computing and drawing in each pass, a
    library call asked to draw, a notebook function whose data work the caller sees), the note's
    code is `drawing-cannot-split`; otherwise (a value drawn at more than one version, a figure,
    generator or open file shared with data work) it is `drawing-in-data`."""
    found = []
    for group in groups:
        chunks = [facts.chunks[c] for c in group.chunks]
        if group.kind != "data" or not any(c.draws and not c.quiet for c in chunks):
            continue
        mixed = next((c for c, o in zip(chunks, group.chunks) if c.draws and roles[o] == "data"), None)
        where = mixed or next(c for c in chunks if c.draws)
        reason = cannot_split(mixed.code, facts) if mixed is not None else ""
        if mixed is not None:
            first = mixed.code.strip().split("\n")[0][:80]
            why = (f"`{first}` computes and draws in one statement{reason}, so the drawing of its "
                   "cell stays with it in a data node that also returns its figures")
        else:
            why = ("this drawing reads a value at more than one version, or shares a figure, "
                   "generator or open file with data work: it stays in a data node that also "
                   "returns its figures")
        code = "drawing-cannot-split" if reason else "drawing-in-data"
        found.append(Diagnostic("info", code, why, str(facts.source.path),
                                facts.source.cells[where.cell].ref, where.line))
    return found


def cannot_split(code: str, facts: SourceFacts) -> str:
    """Why a statement computing and drawing has no split (its words for the note), or "" when
    none of these holds: a loop or block doing both in its body (fission would record what
    every pass draws for a second loop to replay: code nobody would keep), a library call asked
    to draw (`show_plots=True`: it computes and draws inside), a notebook function doing data
    work its caller sees (a value returned or changed, a generator drawn from) and drawing."""
    try:
        statement = ast.parse(textwrap.dedent(code)).body[-1]
    except (SyntaxError, IndexError):
        return ""
    if isinstance(statement, (ast.For, ast.AsyncFor, ast.While)):
        return (": a loop whose passes compute and draw, with no faithful fission into a data loop "
                "recording what each pass draws and a drawing loop replaying it (drawing at more than "
                "one place in the loop, drawing the loop's data work reads, a recorded value changed "
                "in place, or a name the drawing binds read after the loop: "
                "analysis/python/loop_fission.py)")
    if isinstance(statement, (ast.If, ast.With, ast.AsyncWith, ast.Try)):
        return ": a block that computes and draws (its drawing needs the values of its own pass)"
    calls = [n for n in ast.walk(statement) if isinstance(n, ast.Call)]
    asked = [c for c in calls if any(k.arg in PLOT_KEYWORDS for k in c.keywords)]
    if asked:
        return (": a library call asked to draw computes and draws inside, and what it may change "
                "is read later (or it draws from a generator later statements draw from)")
    functions = {name for name, _ in facts.definitions}
    called = [c.func.id for c in calls if isinstance(c.func, ast.Name) and c.func.id in functions]
    if called:
        return (f": `{called[0]}` is a notebook function whose data work its caller sees (a value "
                "it returns that is kept, one it changes that is read later, a generator or file it "
                "uses) and which draws")
    return ""
