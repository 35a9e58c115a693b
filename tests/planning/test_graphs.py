"""planning.graphs: cycle search, dependency order and reachability, checked as properties on
random graphs against their definitions (a transitive closure computed the slow way)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from nb2pipe.planning.graphs import adjacency, find_cycle, has_path, topological_order

graphs = st.integers(1, 9).flatmap(
    lambda n: st.tuples(
        st.permutations(list(range(n))),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=16),
        st.lists(st.integers(0, 99), min_size=n, max_size=n),
    )
)


def closure(nodes: list[int], edges: list[tuple[int, int]]) -> set[tuple[int, int]]:
    reach = {(n, n) for n in nodes} | set(edges)
    for middle in nodes:
        reach |= {(a, d) for a, b in reach for c, d in reach if b == middle == c}
    return reach


@given(graphs)
def test_the_graph_operations_agree_with_their_definitions(graph) -> None:  # type: ignore[no-untyped-def]
    nodes, edges, ranks = graph
    adj = adjacency(nodes, edges)
    reach = closure(nodes, edges)
    cyclic = any((b, a) in reach for a, b in edges)
    for a in nodes:
        for b in nodes:
            assert has_path(adj, a, b) == ((a, b) in reach)
    cycle = find_cycle(adj)
    assert (cycle is not None) == cyclic
    if cycle is not None:  # consecutive nodes are edges, and the last leads back to the first
        assert all(b in adj[a] for a, b in zip(cycle, [*cycle[1:], cycle[0]]))
    order = topological_order(adj, key=lambda n: ranks[n])
    assert (order is None) == cyclic
    if order is not None:
        assert sorted(order) == sorted(nodes)
        assert all(order.index(a) < order.index(b) for a, b in edges)


def test_among_ready_nodes_the_smallest_key_comes_first() -> None:
    adj = adjacency(["c", "b", "a"], [("c", "a")])
    assert topological_order(adj, key=lambda n: n) == ["b", "c", "a"]
    assert topological_order(adj, key=lambda n: {"c": 0, "b": 3, "a": 2}[n]) == ["c", "a", "b"]
