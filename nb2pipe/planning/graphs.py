"""The few directed-graph operations planning needs: find a cycle, order by dependencies, test
reachability. Graphs are adjacency dicts in insertion order, so every answer is deterministic.

networkx did this before; importing it costs about 0.12 s CPU, a fifth of converting a small
notebook (docs/performance.md), for four small algorithms.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

Node = TypeVar("Node", bound=Hashable)


def adjacency(nodes: Iterable[Node], edges: Iterable[tuple[Node, Node]]) -> dict[Node, list[Node]]:
    """Successors of every node (edge ends are added as nodes), without repeated edges."""
    graph: dict[Node, list[Node]] = {n: [] for n in nodes}
    for start, end in edges:
        graph.setdefault(end, [])
        successors = graph.setdefault(start, [])
        if end not in successors:
            successors.append(end)
    return graph


def find_cycle(graph: dict[Node, list[Node]]) -> list[Node] | None:
    """The nodes of the first cycle a depth-first search meets (nodes and successors taken in
    insertion order), in the cycle's order; None for an acyclic graph."""
    done: set[Node] = set()
    for root in graph:
        if root in done:
            continue
        path, on_path = [root], {root}
        stack = [iter(graph[root])]
        while stack:
            following = next(stack[-1], None)
            if following is None:  # every successor seen: the node is finished
                stack.pop()
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
            elif following in on_path:  # an edge back into the current path closes a cycle
                return path[path.index(following):]
            elif following not in done:
                path.append(following)
                on_path.add(following)
                stack.append(iter(graph[following]))
    return None


def topological_order(graph: dict[Node, list[Node]], key: Callable[[Node], object]) -> list[Node] | None:
    """Every node after its predecessors; among the nodes ready at once, the smallest ``key``
    first. None when the graph has a cycle."""
    indegree = {n: 0 for n in graph}
    for successors in graph.values():
        for node in successors:
            indegree[node] += 1
    position = {n: i for i, n in enumerate(graph)}
    ready = [(key(n), position[n], n) for n in graph if indegree[n] == 0]
    heapq.heapify(ready)
    order: list[Node] = []
    while ready:
        *_, node = heapq.heappop(ready)
        order.append(node)
        for following in graph[node]:
            indegree[following] -= 1
            if indegree[following] == 0:
                heapq.heappush(ready, (key(following), position[following], following))
    return order if len(order) == len(graph) else None


def has_path(graph: dict[Node, list[Node]], source: Node, target: Node) -> bool:
    """``target`` can be reached from ``source`` (a node reaches itself)."""
    seen, frontier = {source}, [source]
    while frontier:
        node = frontier.pop()
        if node == target:
            return True
        for following in graph.get(node, ()):
            if following not in seen:
                seen.add(following)
                frontier.append(following)
    return False
