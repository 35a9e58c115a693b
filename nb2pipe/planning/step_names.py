"""The name of a step (its node and function): its heading, what it makes, writes or draws."""

from __future__ import annotations

from ..model.symbols import File
from . import what_names
from .groups_to_drafts import Draft
from .naming import file_name, snake, unique
from .source_names import SourceNames


#: A heading of at most this many words still says what a later part of its section does
#: with the variable it makes (`clean_sales`).
SHORT_HEADING = 2


def step_name(src: SourceNames, draft: Draft, first_output: str, taken: set[str]) -> str:
    section = src.sections[draft.section]
    base = snake(section.forced_name) if section.forced_name else ""
    sibling = False  # named by its heading and what it makes (`joined`, never cut short)
    made = next((src.versions[v] for v in draft.produces if v.symbol == first_output and v in src.versions), "")
    if not base and section.title:
        base = snake(section.title)
        if base in src.taken and draft.kind == "data":
            # a heading that names a variable ("Noise") names the step that makes it; the
            # step drawing it is `plot_noise`, not `plot_compute_noise`
            base = f"compute_{base}"
        siblings = sum(1 for c in section.chunks if src.roles.of[c] == ("plot" if draft.kind == "reporting" else "data"))
        if draft.kind == "data" and siblings and first_output and not is_first_in_section(src, draft):
            # a later part of a section under a long heading (cut where it was large:
            # planning/coarse.py) is named by what it makes, as a node without heading is
            # (`compute_x_test`, not `supervised_learning_regression_x_test`); by the heading and
            # the variable under a short heading (`clean_sales`), when that is taken, or when a
            # counter says nothing (`a_2`), nor a name made of the heading (`a_noise_model`)
            alone = f"compute_{snake(made or first_output)}"
            if (len(base.split("_")) <= SHORT_HEADING or alone in taken
                    or what_names.COUNTER.search(made or first_output)
                    or made.endswith(f"_{what_names.heading_words(section.title)}")):
                base, sibling = joined(base, first_output), True
            else:
                base = alone
    # a node that makes no variable is named by what it writes or draws when no heading names
    # it, or its heading names another node already
    action = "" if first_output else what_names.action_name(draft.kind, [
        v.symbol.path for v in draft.produces if isinstance(v.symbol, File)], [
        src.facts.chunks[o].code for o in draft.chunks if src.roles.of[o] == "plot"], [
        file_name(v.symbol.path, 1) if isinstance(v.symbol, File) else src.versions[v]
        for v in draft.consumes if isinstance(v.symbol, File) or v in src.versions])
    if not base:
        cell = src.facts.chunks[own_first(src, draft)].cell
        # `compute_df_without_na`: the dataset it makes, as a rebuilt version is named
        base = f"compute_{made or first_output}" if first_output else action or f"cell_{cell + 1}"
    if draft.kind == "reporting" and not base.startswith("plot"):
        base = f"plot_{base}"
    base = base if sibling and draft.kind == "data" else snake(base)
    title = section.forced_name or section.title
    # a heading shared by several nodes: the later ones say what they make (`saving_df`) or do
    if base in taken and first_output and not base.endswith(f"_{snake(first_output)}"):
        # and when that names another node, the dataset it makes (`clean_df_without_na`, the
        # heading's words left out of it), else that dataset alone (`compute_r_deviance_residuals`)
        short = what_names.without_heading(made, title)
        base = next((n for n in (joined(base, first_output), joined(base, short) if short else "",
                                 f"compute_{made}" if made else "") if n and n not in taken),
                    joined(base, first_output))
    elif base in taken and action:
        # drawn again from a rebuilt version: `plot_a_histogram_df_without_na`
        read = next((what_names.without_heading(src.versions[v], title_of(src, v.producer))
                     for v in draft.consumes if src.versions.get(v, v.symbol) != v.symbol), "")
        base = next((n for n in (action, joined(base, action.split("_", 1)[1]) if base != action else "",
                                 joined(action, read) if read else "") if n and n not in taken), base)
    made_all = [src.versions[v] for v in draft.produces if isinstance(v.symbol, str) and v in src.versions]
    return unique(what_names.by_what_it_makes(base, title, made_all, taken), taken)


def title_of(src: SourceNames, chunk: int) -> str:
    """The heading of the section holding ``chunk`` ("" when none)."""
    section = next((s for s in src.sections if chunk in s.chunks), None)
    return (section.forced_name or section.title) if section else ""


def joined(name: str, suffix: str) -> str:
    """`name_suffix`, each part snake_case on its own: a long heading keeps the suffix that tells
    its nodes apart (`snake` alone would cut it off at MAX_WORDS)."""
    return f"{snake(name)}_{snake(suffix)}"


def is_first_in_section(src: SourceNames, draft: Draft) -> bool:
    section = src.sections[draft.section]
    data = [c for c in section.chunks if src.roles.of[c] == "data"]
    return not data or own_first(src, draft) == data[0]


def own_first(src: SourceNames, draft: Draft) -> int:
    """The draft's first chunk of its own section (a seeding statement moved into the node
    from before it, planning/seeds.py, does not make the node a continuation)."""
    section = set(src.sections[draft.section].chunks)
    return next((c for c in draft.chunks if c in section), draft.chunks[0])
