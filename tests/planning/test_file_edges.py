"""`source_order.file_edges` (which source writes a file another reads first) indexes files by
path instead of comparing every pair of sources: the same edges, linear in the sources."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st

from nb2pipe.planning.source_order import file_edges

PATHS = st.sampled_from(["a.csv", "b.csv", "c.json", "d/e.txt"])
ACCESS = st.tuples(PATHS, st.sampled_from(["read", "write", "append"]))


def fake_facts(key: str, accesses: list[tuple[str, str]]) -> SimpleNamespace:
    files = tuple(SimpleNamespace(path=p, mode=m) for p, m in accesses)
    return SimpleNamespace(source=SimpleNamespace(key=key), chunks=(SimpleNamespace(files=files),))


def pairwise(facts: list[SimpleNamespace]) -> set[tuple[str, str]]:
    """The definition: every (writer, reader) pair where the reader reads a file the writer
    writes and does not write itself."""
    writes = {f.source.key: {a.path for c in f.chunks for a in c.files if a.mode != "read"}
              for f in facts}
    reads = {f.source.key: {a.path for c in f.chunks for a in c.files if a.mode == "read"}
             for f in facts}
    return {(w, r) for w in writes for r in reads
            if w != r and (writes[w] & reads[r]) - writes[r]}


@given(st.lists(st.lists(ACCESS, max_size=5), max_size=8))
def test_file_edges_are_the_pairwise_definition(sources):
    facts = [fake_facts(f"nb{i}.ipynb", accesses) for i, accesses in enumerate(sources)]
    assert file_edges(facts) == pairwise(facts)  # type: ignore[arg-type]


def test_a_reader_that_writes_the_file_itself_has_no_edge():
    facts = [fake_facts("w.ipynb", [("a.csv", "write")]),
             fake_facts("r.ipynb", [("a.csv", "read")]),
             fake_facts("rw.ipynb", [("a.csv", "read"), ("a.csv", "write")])]
    assert file_edges(facts) == {("w.ipynb", "r.ipynb"), ("rw.ipynb", "r.ipynb")}  # type: ignore[arg-type]
