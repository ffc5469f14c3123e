"""Dependency order of automations (pure): who writes a field another reads runs first; cycles refused.

An automation may write its own trigger fields (normalising them, e.g. lead hygiene): that is not a
cycle, it runs once per invocation and its own write does not ping back (loop protection).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from automation.registry import Automation


class CatalogError(ValueError):
    """The automations declared cannot be run safely (a cycle, a field owned twice, a duplicate name)."""


def _check_ownership(automations: Sequence[Automation]) -> None:
    names: set[str] = set()
    owners: dict[tuple[str, str], str] = {}
    for a in automations:
        if a.name in names:
            raise CatalogError(f"automation {a.name!r} declared twice")
        names.add(a.name)
        for key in a.writes:
            other = owners.setdefault((a.table, key), a.name)
            if other != a.name:
                raise CatalogError(f"field {a.table}.{key} is written by both {other!r} and {a.name!r}")


def _edges(automations: Sequence[Automation]) -> dict[str, list[str]]:
    edges: dict[str, list[str]] = {a.name: [] for a in automations}
    for a in automations:
        for b in automations:
            if a is not b and a.table == b.table and a.writes & b.triggers:
                edges[a.name].append(b.name)
    return edges


def _find_cycle(edges: dict[str, list[str]], nodes: Iterable[str]) -> list[str]:
    """A cycle among `nodes` (all of which lie on or lead into one), for the error message."""
    remaining = set(nodes)
    path: list[str] = []
    node = next(iter(sorted(remaining)))
    while node not in path:
        path.append(node)
        node = next(n for n in edges[node] if n in remaining)
    return path[path.index(node) :] + [node]


def order_automations(automations: Iterable[Automation]) -> list[Automation]:
    """Topological order (declaration order among independent ones); raises CatalogError on a cycle."""
    items = list(automations)
    _check_ownership(items)
    edges = _edges(items)
    incoming = {a.name: 0 for a in items}
    for targets in edges.values():
        for t in targets:
            incoming[t] += 1
    by_name = {a.name: a for a in items}
    ordered: list[Automation] = []
    ready = [a.name for a in items if incoming[a.name] == 0]
    while ready:
        name = ready.pop(0)
        ordered.append(by_name[name])
        for t in edges[name]:
            incoming[t] -= 1
            if incoming[t] == 0:
                ready.append(t)
    if len(ordered) != len(items):
        cycle = _find_cycle(edges, [n for n, k in incoming.items() if k > 0])
        raise CatalogError("automations depend on each other in a cycle: " + " -> ".join(cycle))
    return ordered


def dependents(ordered: Sequence[Automation], start: Automation) -> list[Automation]:
    """`start` and every automation that transitively reads what it writes, in run order."""
    wanted = {start.name}
    written = {(start.table, k) for k in start.writes}
    out = [start]
    for a in ordered[ordered.index(start) + 1 :]:
        if any((a.table, k) in written for k in a.triggers):
            wanted.add(a.name)
            out.append(a)
            written |= {(a.table, k) for k in a.writes}
    return out
