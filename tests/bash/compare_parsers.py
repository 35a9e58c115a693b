"""Compare bashlex and tree-sitter-bash on the corpus scripts and the nasty constructs.

Not a test (pytest does not collect it): run `python tests/bash/compare_parsers.py` with bashlex
installed to regenerate the table in docs/bash.md. For each input it reports whether the parser
raised (bashlex) or needed error recovery (tree-sitter), and the comments tree-sitter keeps
(bashlex drops every comment).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import tree_sitter_bash
from tree_sitter import Language, Node, Parser

sys.path.insert(0, str(Path(__file__).parent))
from test_bash_corpus import CORPUS, NASTY  # noqa: E402

PARSER = Parser(Language(tree_sitter_bash.language()))


def tree_sitter_counts(text: str) -> tuple[str, int, int]:
    """("ok" or "recovered: lines", commands, comments)."""
    root = PARSER.parse(text.encode()).root_node
    nodes = list(_walk(root))
    errors = sorted({n.start_point[0] + 1 for n in nodes if n.type == "ERROR" or n.is_missing})
    status = "ok" if not errors else f"recovered (line {', '.join(map(str, errors))})"
    commands = sum(n.type == "command" for n in nodes)
    return status, commands, sum(n.type == "comment" for n in nodes)


def _walk(node: Node) -> Any:
    yield node
    for child in node.children:
        yield from _walk(child)


def bashlex_counts(text: str) -> tuple[str, int, int]:
    """("ok" or the exception, commands, comments); bashlex never keeps comments."""
    import bashlex  # not a dependency of nb2pipe

    try:
        trees = bashlex.parse(text)
    except Exception as error:  # noqa: BLE001 - any exception is a parse failure here
        return f"fails: {type(error).__name__}", 0, 0
    return "ok", sum(_bashlex_commands(t) for t in trees), 0


def _bashlex_commands(node: Any) -> int:
    count = int(getattr(node, "kind", "") == "command")
    for value in vars(node).values():
        children = value if isinstance(value, list) else [value]
        count += sum(_bashlex_commands(c) for c in children if hasattr(c, "kind"))
    return count


def main() -> None:
    inputs = {str(p.relative_to(CORPUS)): p.read_text() for p in sorted(CORPUS.rglob("*.sh"))}
    inputs |= {f"(nasty) {name}": text for name, text in NASTY.items()}
    print("| input | bashlex | tree-sitter-bash | comments kept by tree-sitter |")
    print("|---|---|---|---|")
    failures = recoveries = comments = 0
    for name, text in inputs.items():
        bl_status, _, _ = bashlex_counts(text)
        ts_status, _, ts_comments = tree_sitter_counts(text)
        failures += bl_status != "ok"
        recoveries += ts_status != "ok"
        comments += ts_comments
        print(f"| {name} | {bl_status} | {ts_status} | {ts_comments} |")
    print(f"\n{len(inputs)} inputs: bashlex fails on {failures}, tree-sitter on {recoveries};")
    print(f"comments: tree-sitter keeps {comments}, bashlex keeps 0")


if __name__ == "__main__":
    main()
