"""The interactive relationship map: one self-contained HTML file.

The network's nodes and edges are the dicts pyvis would build (made directly, see
:func:`_vis_data`) and are rendered with minegraph's own template
(``graph/templates/map.html``) instead of pyvis's, because pyvis's template loads
Bootstrap from a CDN.  vis-network's JavaScript and CSS are inlined from the copy that
ships inside the pyvis package, so the file opens with no network access at all.

Article text never reaches HTML parsing: the graph data travel as JSON inside a
``<script type="application/json">`` block with ``<``, ``>``, ``&`` and U+2028/2029
escaped as ``\\uXXXX`` (so ``</script>`` or ``<!--`` in a name cannot end the block),
and the page's script turns every tooltip and info text into DOM nodes with
``textContent``.  Document nodes are left out of the map; edge tooltips name the
documents behind each piece of evidence instead.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from minegraph.graph.analytics import MEASURES, score_nodes
from minegraph.graph.lookup import find_entity
from minegraph.graph.model import Graph, Node, Relationship

#: ``size_by`` choices
SIZE_BY = MEASURES
#: per label: (colour, vis shape with the label under it, legend glyph)
LABEL_STYLES: dict[str, tuple[str, str, str]] = {
    "Country": ("#4e79a7", "dot", "●"),
    "Agency": ("#f28e2b", "square", "■"),
    "Company": ("#e15759", "triangle", "▲"),
    "Mineral": ("#76b7b2", "diamond", "◆"),
    "Agreement": ("#59a14f", "star", "★"),
    "Person": ("#b8a000", "triangleDown", "▼"),
    "Event": ("#b07aa1", "hexagon", "⬢"),
    "Measure": ("#9c2f2f", "box", "▬"),  # a box with its name inside: not an actor, an act
}
#: measure statuses that mean the measure applies now (the map's "in force only" filter)
IN_FORCE = ("in_force", "extended")
TYPE_COLORS: dict[str, str] = {
    "PARTY_TO": "#59a14f",
    "LEADS": "#2f6b2a",
    "COOPERATES_WITH": "#e15759",
    "PARTICIPATED_IN": "#b07aa1",
    "ORGANIZED": "#7b4173",
    "COVERS": "#76b7b2",
    "HAS_RESOURCE": "#9c755f",
    "BASED_IN": "#a0a0a0",
    "PART_OF": "#f28e2b",
    "HELD_IN": "#bab0ac",
    "WORKS_FOR": "#b8a000",
    "IMPOSED_BY": "#9c2f2f",
    "TARGETS": "#d9868a",
    "AFFECTS": "#6b4f3f",
    "MENTIONS": "#dddddd",
}
#: node properties shown in tooltips, in this order, with their captions
PROPERTY_CAPTIONS = (
    ("iso2", "ISO code"), ("iso3", "ISO alpha-3"), ("acronym", "Acronym"), ("kind", "Kind"),
    ("status", "Status"), ("year", "Year"), ("date", "Date"), ("minerals", "Minerals"),
    ("state_owned", "State-owned"),
    ("symbol", "Symbol"), ("group", "Group"), ("title", "Title"),
    ("first_seen", "First seen"), ("last_seen", "Last seen"), ("articles", "Articles"),
    ("status_history", "Status history"), ("status_dates", "Status dates"),
)
EVIDENCE_IN_TOOLTIP = 5
#: a link read with only its first sentences carries the number of all of them here
EVIDENCE_TOTAL = "evidence_total"
LABEL_CHARS = 40


@dataclass(frozen=True)
class MapSummary:
    """What :func:`write_map` wrote: ``nodes``/``edges`` on the map, and whether the map
    was ``trimmed`` to the most central of ``total_nodes`` candidate nodes."""

    path: Path
    nodes: int
    edges: int
    trimmed: bool
    total_nodes: int


@dataclass(frozen=True)
class MapChoice:
    """What a map draws, chosen by :func:`choose_map`: the ``nodes`` and ``links`` (as
    they are in the graph chosen on), the ``focus_id``, every candidate's ``scores``
    and the number of candidates (``total``)."""

    nodes: list[Node]
    links: list[Relationship]
    focus_id: str | None
    scores: dict[str, float]
    total: int


def write_map(graph: Graph, path: str | os.PathLike[str], *, focus: str | None = None, depth: int = 1,
              since: int | None = None, until: int | None = None, size_by: str = "pagerank",
              max_nodes: int = 1000, title: str = "minegraph", choice: MapChoice | None = None) -> MapSummary:
    """Write the interactive map of ``graph`` to ``path`` (one HTML file) and summarise it.

    Args:
        graph: the property graph; Document nodes and MENTIONS links are not drawn.
        path: the HTML file to write (replaced atomically: never left half-written).
        focus: id, name or alias of an entity: map only its neighbourhood.
        depth: how many hops around ``focus`` to keep.
        since, until: keep only Agreements and Events whose ``year`` lies in this range
            (inclusive); those without a year and every other node stay.
        size_by: node size by ``"pagerank"``, ``"degree"`` or ``"betweenness"``.
        max_nodes: above this many nodes keep the most central ones (by ``size_by``,
            the focus always kept) and say so on the page.
        title: the page title and heading.
        choice: what to draw, chosen beforehand by :func:`choose_map` on an outline of
            the graph; ``graph`` then needs only the chosen nodes and links, with the
            properties shown (and the documents their evidence cites).

    Raises:
        EntityLookupError: ``focus`` names no entity, or several (:mod:`minegraph.graph.lookup`).
        ValueError: a bad ``size_by``, ``depth`` or ``max_nodes``.
    """
    html, summary = render_map(graph, focus=focus, depth=depth, since=since, until=until,
                               size_by=size_by, max_nodes=max_nodes, title=title, choice=choice)
    target = Path(path)
    _write_atomically(target, html)
    return MapSummary(target, *summary)


def render_map(graph: Graph, *, focus: str | None = None, depth: int = 1, since: int | None = None,
               until: int | None = None, size_by: str = "pagerank", max_nodes: int = 1000,
               title: str = "minegraph", choice: MapChoice | None = None) -> tuple[str, tuple[int, int, bool, int]]:
    """The map page as a string, with ``(nodes, edges, trimmed, total_nodes)``.

    Same arguments as :func:`write_map`, without the path.
    """
    if choice is None:
        choice = choose_map(graph, focus=focus, depth=depth, since=since, until=until, size_by=size_by,
                            max_nodes=max_nodes)
    nodes = [graph.nodes[n.id] for n in choice.nodes]
    rels = [graph.relationships[r.key] for r in choice.links]
    focus_id, scores, total = choice.focus_id, choice.scores, choice.total
    trimmed = total > max_nodes
    vis_nodes, vis_edges = _vis_data(graph, nodes, rels, scores, size_by, focus_id)
    data = {
        "nodes": vis_nodes,
        "edges": vis_edges,
        "options": _vis_options(len(nodes)),
        "focus": focus_id,
    }
    labels = sorted({n.label for n in nodes}, key=list(LABEL_STYLES).index)
    types = sorted({r.type for r in rels})
    page = _template().render(
        title=title,
        data_json=script_json(data),
        vis_js=_vis_asset("vis-network.min.js"),
        vis_css=_vis_asset("vis-network.css"),
        map_js=_own_asset("map.js"),
        map_css=_own_asset("map.css"),
        legend_labels=[(label, LABEL_STYLES[label][0], LABEL_STYLES[label][2],
                        sum(1 for n in nodes if n.label == label)) for label in labels],
        legend_types=[(t, TYPE_COLORS.get(t, "#888888"), sum(1 for r in rels if r.type == t)) for t in types],
        legend_kinds=sorted(Counter(str(n.props.get("kind")) for n in nodes if n.label == "Measure").items()),
        node_count=len(nodes),
        total_nodes=total,
        trimmed=trimmed,
        size_by=size_by,
        focus_name=graph.nodes[focus_id].name if focus_id else None,
        depth=depth,
        since=since,
        until=until,
    )
    return page, (len(nodes), len(rels), trimmed, total)


# --- choosing what to draw -----------------------------------------------------------------


def choose_map(graph: Graph, *, focus: str | None = None, depth: int = 1, since: int | None = None,
               until: int | None = None, size_by: str = "pagerank", max_nodes: int = 1000,
               **_options: Any) -> MapChoice:
    """The nodes and links a map with these options draws (see :func:`write_map`).

    It needs only ids, labels, the ``year`` of Agreements and Events and the links'
    ``mentions`` (plus names and aliases when ``focus`` is a name rather than an id),
    so it can choose on an outline of a large graph.
    """
    check_map_options(size_by=size_by, depth=depth, max_nodes=max_nodes)
    nodes, rels, focus_id = select_subgraph(graph, focus=focus, depth=depth, since=since, until=until)
    scores = score_nodes(_undirected(nodes, rels), size_by)
    total = len(nodes)
    nodes, rels = keep_top_nodes(nodes, rels, scores, max_nodes, focus_id)
    return MapChoice(nodes, rels, focus_id, scores, total)


def check_map_options(*, size_by: str, depth: int, max_nodes: int) -> None:
    """Raise ValueError for a bad ``size_by``, ``depth`` or ``max_nodes``."""
    if size_by not in SIZE_BY:
        raise ValueError(f"size_by must be one of {', '.join(SIZE_BY)}, not {size_by!r}")
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")


def keep_top_nodes(nodes: list, rels: list, scores: dict[str, float], max_nodes: int,
                   focus_id: str | None = None) -> tuple[list, list]:
    """The ``max_nodes`` best-scored nodes (the focus first) and the links among them."""
    if len(nodes) <= max_nodes:
        return nodes, rels
    ranked = sorted(nodes, key=lambda n: (n.id != focus_id, -scores.get(n.id, 0.0), n.id))
    keep = {n.id for n in ranked[:max_nodes]}
    return [n for n in nodes if n.id in keep], [r for r in rels if r.source in keep and r.target in keep]


def _year(node: Node) -> int | None:
    value = node.props.get("year")
    try:
        return int(str(value)[:4]) if value not in (None, "") else None
    except ValueError:
        return None


def select_subgraph(graph: Graph, *, focus: str | None = None, depth: int = 1, since: int | None = None,
                    until: int | None = None) -> tuple[list[Node], list[Relationship], str | None]:
    """The entity nodes and links a map shows, and the focus node's id.

    Documents are dropped; Agreements and Events with a ``year`` outside
    ``since..until`` are dropped; with ``focus`` only nodes within ``depth`` hops of it
    (links followed in either direction) remain.
    """
    def in_range(node: Node) -> bool:
        if node.label not in ("Agreement", "Event"):
            return True
        year = _year(node)
        return year is None or ((since is None or year >= since) and (until is None or year <= until))

    keep = {n.id for n in graph.nodes.values() if n.label != "Document" and in_range(n)}
    focus_id = None
    if focus is not None:
        focus_id = find_entity(graph, focus).id
        keep.add(focus_id)
    rels = [r for r in graph.relationships.values() if r.source in keep and r.target in keep]
    if focus_id is not None:
        around = nx.ego_graph(_undirected([graph.nodes[i] for i in keep], rels), focus_id, radius=depth)
        keep = set(around)
        rels = [r for r in rels if r.source in keep and r.target in keep]
    nodes = sorted((graph.nodes[i] for i in keep), key=lambda n: n.id)
    rels.sort(key=lambda r: r.key)
    return nodes, rels, focus_id


def _undirected(nodes: Iterable[Node], rels: Iterable[Relationship]) -> nx.Graph:
    """Simple undirected graph; parallel links add their evidence to the edge weight."""
    weights: dict[tuple[str, str], int] = {}
    for rel in rels:  # summed first: networkx's per-edge checks cost seconds on a big outline
        pair = (rel.source, rel.target) if rel.source <= rel.target else (rel.target, rel.source)
        weights[pair] = weights.get(pair, 0) + max(1, int(rel.props.get("mentions", 1) or 1))
    network = nx.Graph()
    network.add_nodes_from(n.id for n in nodes)
    network.add_weighted_edges_from((a, b, w) for (a, b), w in weights.items())
    return network


# --- building the vis network -----------------------------------------------------------------


def _vis_data(graph: Graph, nodes: list[Node], rels: list[Relationship], scores: dict[str, float],
              size_by: str, focus_id: str | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """vis-network's nodes and edges, as pyvis's ``Network(directed=True)`` builds them
    with ``add_node`` / ``add_edge`` (the same dicts), without its checks that look each
    endpoint up in a list: seconds for the 40,000 links of a 1,000-node map."""
    vis_nodes = []
    for node in nodes:
        score = scores.get(node.id, 0.0)
        extra: dict[str, Any] = {"borderWidth": 4} if node.id == focus_id else {}
        # the group's shape is given on each node too: pyvis would default it to "dot"
        if node.label == "Measure":  # what the map's measure filters read
            extra.update(kind=str(node.props.get("kind")), in_force=node.props.get("status") in IN_FORCE)
        vis_nodes.append({"title": node_tooltip(node, size_by, score), "group": node.label, "value": score,
                          "name": node.name, "aliases": list(node.aliases), **extra, "id": node.id,
                          "label": _short(node.name) or node.id, "shape": LABEL_STYLES[node.label][1]})
    vis_edges = []
    for index, rel in enumerate(rels):
        mentions = max(1, int(rel.props.get("mentions", 1) or 1))
        vis_edges.append({"id": f"e{index}", "title": edge_tooltip(graph, rel), "value": mentions,
                          "rtype": rel.type, "color": TYPE_COLORS.get(rel.type, "#888888"),
                          "dashes": bool(rel.props.get("derived")), "from": rel.source, "to": rel.target,
                          "arrows": "to"})
    return vis_nodes, vis_edges


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(_format(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def node_tooltip(node: Node, size_by: str | None = None, score: float | None = None) -> str:
    """Plain-text tooltip of a node: name, label, known properties, aliases.

    >>> print(node_tooltip(Node("kr", "Country", "South Korea", ["Korea"], {"iso2": "KR"})))
    South Korea
    Country
    ISO code: KR
    Also known as: Korea
    """
    lines = [node.name, node.label]
    shown = set()
    for key, caption in PROPERTY_CAPTIONS:
        if node.props.get(key) not in (None, "", []):
            value = node.props[key]
            if key == "minerals":  # an agreement's, as ids: "mineral:rare-earth-elements" reads "rare earth elements"
                value = [str(m).split(":", 1)[-1].replace("-", " ") for m in value]
            lines.append(f"{caption}: {_format(value)}")
            shown.add(key)
    for key in sorted(node.props):
        if key not in shown and node.props[key] not in (None, "", []):
            lines.append(f"{key}: {_format(node.props[key])}")
    if node.aliases:
        lines.append("Also known as: " + ", ".join(node.aliases))
    if size_by is not None and score is not None:
        lines.append(f"{size_by}: {score:.4g}")
    return "\n".join(lines)


def edge_tooltip(graph: Graph, rel: Relationship) -> str:
    """Plain-text tooltip of a link: type, ends, evidence with each document's title and date."""
    source, target = graph.nodes[rel.source], graph.nodes[rel.target]
    props = rel.props
    lines = [rel.type + (" (derived)" if props.get("derived") else ""), f"{source.name} → {target.name}"]
    facts = []
    if props.get("mentions") is not None:
        facts.append(f"{props['mentions']} mention" + ("" if props["mentions"] == 1 else "s"))
    if props.get("confidence") is not None:
        facts.append(f"confidence {float(props['confidence']):.2f}")
    if props.get("first_seen"):
        seen = props["first_seen"] if props.get("last_seen") in (None, props["first_seen"]) else \
            f"{props['first_seen']} to {props['last_seen']}"
        facts.append(f"seen {seen}")
    if facts:
        lines.append(" · ".join(facts))
    evidence = list(props.get("evidence") or [])
    doc_ids = list(props.get("evidence_doc_ids") or [])
    if not doc_ids and len(props.get("doc_ids") or []) == 1:
        doc_ids = list(props["doc_ids"]) * len(evidence)
    for i, sentence in enumerate(evidence[:EVIDENCE_IN_TOOLTIP]):
        lines.append("")
        lines.append(f"“{sentence}”")
        source_line = _document_caption(graph, doc_ids[i] if i < len(doc_ids) else None)
        if source_line:
            lines.append(f"  — {source_line}")
    total = int(props.get(EVIDENCE_TOTAL, len(evidence)))
    if total > EVIDENCE_IN_TOOLTIP:
        lines.append("")
        lines.append(f"… and {total - EVIDENCE_IN_TOOLTIP} more")
    return "\n".join(lines)


def _document_caption(graph: Graph, doc_id: str | None) -> str | None:
    if doc_id is None:
        return None
    doc = graph.nodes.get(doc_id)
    if doc is None:
        return doc_id
    # untitled articles are named by their file, which an analyst can open
    title = doc.props.get("title") or Path(str(doc.props.get("path") or "")).name or doc.name or doc_id
    parts = [str(title)]
    if doc.props.get("publisher"):
        parts.append(str(doc.props["publisher"]))
    if doc.props.get("published"):
        parts.append(str(doc.props["published"]))
    return ", ".join(parts)


def _vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: styled groups, scaling, and physics that stabilise then stop."""
    groups = {}
    for label, (colour, shape, _glyph) in LABEL_STYLES.items():
        groups[label] = {"shape": shape, "color": {"background": colour, "border": "#333333",
                                                   "highlight": {"background": colour, "border": "#000000"},
                                                   "hover": {"background": colour, "border": "#000000"}}}
        if shape == "box":  # the name is written inside the shape
            groups[label]["font"] = {"color": "#ffffff", "strokeWidth": 0, "size": 13}
    big = node_count > 300
    return {
        "groups": groups,
        "nodes": {
            "borderWidth": 1,
            "scaling": {"min": 12, "max": 48,
                        "label": {"enabled": True, "min": 16, "max": 30, "drawThreshold": 7, "maxVisible": 32}},
            "font": {"size": 16, "face": "system-ui, -apple-system, 'Segoe UI', sans-serif",
                     "strokeWidth": 3, "strokeColor": "#ffffff", "color": "#222222"},
        },
        "edges": {
            "scaling": {"min": 1, "max": 8, "label": {"enabled": False}},
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "smooth": {"enabled": not big, "type": "continuous"},
            "color": {"inherit": False, "opacity": 0.75},
            "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 3,
                     "strokeColor": "#ffffff"},
            "selectionWidth": 2,
        },
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -120, "centralGravity": 0.015,
                                 "springLength": 150, "springConstant": 0.04, "damping": 0.5,
                                 "avoidOverlap": 0.6},
            "minVelocity": 1.0,
            "stabilization": {"enabled": True, "iterations": 400 if big else 800,
                              "updateInterval": 20, "fit": True},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big, "multiselect": False, "navigationButtons": False},
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
    }


# --- writing the page ----------------------------------------------------------------------------


_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}  # json.dumps escapes the rest


def script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element.

    ``<``, ``>``, ``&`` and every character outside ASCII (the JavaScript line
    terminators U+2028/2029 among them) become ``\\uXXXX`` escapes, which JSON.parse
    reads back as the same characters.  An ASCII string is also one byte a character
    in Python: a map's 30 MB of JSON with one "…" in it took 60 MB a copy otherwise.

    >>> script_json({"name": "</script><!-- & \u2028"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003c!-- \\\\u0026 \\\\u2028"}'
    """
    text = json.dumps(value, separators=(",", ":"), sort_keys=True)
    # one str.replace per character: each is a C scan of the text, while str.translate
    # looks every character up in a dict (4 s against 0.05 s for a map's 30 MB of JSON)
    for char, escape in _JSON_ESCAPES.items():
        if char in text:
            text = text.replace(char, escape)
    return text


def _vis_asset(name: str) -> str:
    """vis-network's JS or CSS from the pyvis package, made safe to inline.

    The bundle has a ``"<script>"`` string literal; ``\\x3C`` spells the same string
    without looking like markup to the HTML parser.
    """
    import pyvis

    text = (Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / name).read_text(encoding="utf-8")
    if name.endswith(".js"):
        text = text.replace("<script", "\\x3Cscript").replace("</script", "<\\/script").replace("<!--", "<\\!--")
    else:
        text = text.replace("</style", "<\\/style")
    return text


def _own_asset(name: str) -> str:
    return resources.files("minegraph.graph").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def _template():
    from jinja2 import Environment, FunctionLoader

    env = Environment(loader=FunctionLoader(lambda name: _own_asset(name)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)
    return env.get_template("map.html")


def _write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    handle, temp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.",
                                    suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
