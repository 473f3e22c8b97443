"""Exports of the graph for other tools.

========  ==============================================================================
format    what is written
========  ==============================================================================
json      ``networkx.node_link_data`` (one file): nodes carry ``label``, ``name``,
          ``aliases`` and their properties, edges carry ``type`` and their properties.
graphml   GraphML for Gephi/yEd/networkx (one file).
gexf      GEXF 1.2 for Gephi (one file).
csv       files for ``neo4j-admin database import``: one nodes file per label and one
          relationships file per type, plus ``neo4j-admin-import.sh`` with the command.
cypher    a script of ``MERGE`` statements that recreates the graph in an empty Neo4j
          (``cypher-shell -f graph.cypher``); running it twice changes nothing.
========  ==============================================================================

In GraphML and GEXF, lists and dicts are JSON strings (both formats allow only scalars),
each node's ``label`` is its *name* (what Gephi shows) with the ontology label in
``node_type``, and each edge's ``label`` is its type, also in ``rel_type``, with
``weight`` = ``mentions``.

The claim properties (:data:`minegraph.graph.model.CLAIM_PROPERTIES`: a node's running ``tally``,
each MENTIONS link's ``claim``, each link's ``doc_confidences``) are written only by
``csv`` and ``cypher``: those recreate a store, and a store needs the claims to take
later incremental builds and removals.  ``json``, ``graphml`` and ``gexf``
are for analysis; the visible evidence (``evidence``, ``evidence_doc_ids``, ``doc_ids``,
``mentions``, ``confidence``) is in them already.
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shlex
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from minegraph.graph.model import CLAIM_PROPERTIES, LABELS, Graph, check_label, check_type

EXPORT_FORMATS = ("json", "graphml", "gexf", "csv", "cypher")
#: neo4j-admin's array delimiter for the csv export: the ASCII unit separator, which
#: article text does not contain (";", the default, is common in sentences)
ARRAY_DELIMITER = "\x1f"

__all__ = ["EXPORT_FORMATS", "to_node_link", "write_export", "cypher_script", "cypher_literal", "gephi_graph"]


def to_node_link(graph: Graph) -> dict[str, Any]:
    """``networkx.node_link_data`` of the graph (edges under ``edges``).

    Nodes carry ``label``, ``name``, ``aliases`` and their properties; edges carry
    ``type`` and their properties.  The per-document provenance JSON stays in the store.
    """
    import networkx as nx

    data = nx.node_link_data(graph.to_networkx(), edges="edges")
    # in a canonical order, whatever order the store read them in (it appends in build order)
    data["nodes"].sort(key=lambda n: str(n["id"]))
    data["edges"].sort(key=lambda e: (str(e["source"]), str(e.get("type")), str(e["target"])))
    return data


def write_export(graph: Graph, path: str | os.PathLike[str], fmt: str) -> list[Path]:
    """Write ``graph`` in format ``fmt`` (one of :data:`EXPORT_FORMATS`); return the files.

    ``path`` is the output file, except for ``csv`` where it is a directory (an existing
    one, a path ending in ``/`` or a name without a suffix; created if needed) holding
    ``nodes_<Label>.csv``, ``relationships_<TYPE>.csv`` and ``neo4j-admin-import.sh``,
    or, when it ends in ``.csv``, a prefix: ``out/graph.csv`` gives
    ``out/graph_nodes_Country.csv``...  Each file is written to a temporary name and
    renamed into place, so none is left half-written.

    Raises:
        ValueError: unknown ``fmt``.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    target = Path(path)
    if fmt == "csv":
        return _write_csv(graph, path)
    if fmt == "json":
        text = json.dumps(to_node_link(graph), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        _write_atomically(target, lambda out: out.write(text.encode("utf-8")))
    elif fmt == "cypher":
        text = "".join(statement + "\n" for statement in cypher_script(graph))
        _write_atomically(target, lambda out: out.write(text.encode("utf-8")))
    else:
        import networkx as nx

        writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
        network = gephi_graph(graph)
        _write_atomically(target, lambda out: writer(network, out))
    return [target]


def _write_atomically(path: Path, write: Callable[[Any], None]) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.",
                                    suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- GraphML / GEXF ------------------------------------------------------------------------


#: characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: a spreadsheet reads a cell starting with these as a formula (OWASP: CSV injection)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def xml_text(value: Any) -> Any:
    """Text XML can hold: each character it cannot as U+FFFD (a control character in a
    title broke the GraphML export and made the GEXF file invalid XML)."""
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def spreadsheet_safe(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: one starting with ``= + - @``, a tab or a
    carriage return gets a leading ``'`` (OWASP's advice against formula injection)."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _scalar(value: Any) -> Any:
    """A value GraphML/GEXF can hold: lists and dicts as JSON text, XML characters only."""
    if isinstance(value, (list, tuple, dict)):
        return xml_text(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return xml_text(value)


def _same_type_per_key(items: Iterable[dict[str, Any]]) -> None:
    """Make each attribute one type everywhere (a file declares one type per key):
    ints mixed with floats become floats, any other mix becomes text."""
    items = list(items)
    kinds: dict[str, set[type]] = defaultdict(set)
    for attrs in items:
        for key, value in attrs.items():
            kinds[key].add(type(value))
    for key, types in kinds.items():
        if len(types) <= 1:
            continue
        convert: Callable[[Any], Any] = float if types <= {int, float} else str
        for attrs in items:
            if key in attrs:
                attrs[key] = convert(attrs[key])


def gephi_graph(graph: Graph):  # -> nx.MultiDiGraph
    """The graph as a ``MultiDiGraph`` whose attributes GraphML and GEXF can store.

    Node ``label`` is the name and ``node_type`` the ontology label; edge ``label`` and
    ``rel_type`` are the relationship type, ``weight`` its ``mentions``; lists and dicts
    are JSON text; no ``provenance``.
    """
    import networkx as nx

    nodes = sorted(graph.nodes.values(), key=lambda n: n.id)
    node_attrs: list[dict[str, Any]] = []
    for node in nodes:
        attrs = {key: _scalar(value) for key, value in sorted(node.props.items())  # keys in one order: a
                 if value is not None and key not in ("label", "node_type", *CLAIM_PROPERTIES)}  # store's varies
        attrs.update(label=xml_text(node.name), name=xml_text(node.name), node_type=node.label,
                     aliases=_scalar(list(node.aliases)))
        node_attrs.append(attrs)
    rels = sorted((r for r in graph.relationships.values() if r.source in graph.nodes and r.target in graph.nodes),
                  key=lambda r: r.key)
    edge_attrs: list[dict[str, Any]] = []
    for rel in rels:
        attrs = {key: _scalar(value) for key, value in sorted(rel.props.items())
                 if value is not None and key not in ("label", "type", "id", "rel_type", "weight", *CLAIM_PROPERTIES)}
        attrs.update(label=rel.type, rel_type=rel.type, weight=float(rel.props.get("mentions", 1) or 1))
        edge_attrs.append(attrs)
    _same_type_per_key(node_attrs)
    _same_type_per_key(edge_attrs)
    network = nx.MultiDiGraph()
    network.add_nodes_from((xml_text(node.id), attrs) for node, attrs in zip(nodes, node_attrs, strict=True))
    network.add_edges_from((xml_text(rel.source), xml_text(rel.target), rel.type, attrs)
                           for rel, attrs in zip(rels, edge_attrs, strict=True))
    return network


# --- neo4j-admin CSV --------------------------------------------------------------------------


def _csv_type(values: list[Any]) -> str:
    """The neo4j-admin header type of a column."""
    kinds = {type(v) for v in values}
    if kinds == {bool}:
        return "boolean"
    if kinds <= {int} and kinds:
        return "long"
    if kinds <= {int, float} and kinds:
        return "double"
    if kinds <= {list, tuple}:
        inner = {type(x) for v in values for x in v}
        if inner and inner <= {int}:
            return "long[]"
        if inner and inner <= {int, float}:
            return "double[]"
        return "string[]"
    return "string"


def _csv_value(value: Any, column_type: str) -> str:
    if value is None:
        return ""
    if column_type.endswith("[]"):
        return ARRAY_DELIMITER.join(_csv_value(x, column_type[:-2]).replace(ARRAY_DELIMITER, " ") for x in value)
    if column_type == "boolean":
        return "true" if value else "false"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    return str(value)  # exact: neo4j-admin imports it as it is (the workbench's download escapes formulas)


def _columns(rows: list[dict[str, Any]], first: list[str]) -> list[tuple[str, str]]:
    keys = sorted({key for row in rows for key in row if key not in first})
    columns = []
    for key in [*first, *keys]:
        values = [row[key] for row in rows if row.get(key) not in (None, [], "")]
        if key == "aliases":
            columns.append((key, "string[]"))
        else:
            columns.append((key, _csv_type(values) if values else "string"))
    return columns


def _csv_paths(path: str | os.PathLike[str]) -> tuple[Path, str]:
    """(directory, file name prefix) for the csv export."""
    text = os.fspath(path)
    target = Path(text)
    if target.is_dir() or text.endswith(("/", os.sep)) or not target.suffix:
        return target, ""
    name = target.name[:-4] if target.name.lower().endswith(".csv") else target.name
    return target.parent, f"{name}_"


def _write_csv(graph: Graph, path: str | os.PathLike[str]) -> list[Path]:
    directory, prefix = _csv_paths(path)
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    node_files: list[Path] = []
    rel_files: list[Path] = []

    by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        by_label[check_label(node.label)].append(node.properties())
    for label in [label for label in LABELS if label in by_label]:
        rows = by_label[label]
        columns = _columns(rows, ["id", "name", "aliases"])
        header = [_header(key, kind, id_column="id") for key, kind in columns] + [":LABEL"]
        body = [[_csv_value(row.get(key), kind) for key, kind in columns] + [label] for row in rows]
        file = directory / f"{prefix}nodes_{label}.csv"
        _write_rows(file, header, body)
        node_files.append(file)

    by_type: dict[str, list[tuple[str, str, dict[str, Any]]]] = defaultdict(list)
    for rel in sorted(graph.relationships.values(), key=lambda r: r.key):
        if rel.source in graph.nodes and rel.target in graph.nodes:
            by_type[check_type(rel.type)].append((rel.source, rel.target, graph.stored_properties(rel)))
    for rel_type in sorted(by_type):
        triples = by_type[rel_type]
        columns = _columns([props for _s, _t, props in triples], [])
        header = [":START_ID", ":END_ID", ":TYPE"] + [_header(key, kind) for key, kind in columns]
        body = [[source, target, rel_type] + [_csv_value(props.get(key), kind) for key, kind in columns]
                for source, target, props in triples]
        file = directory / f"{prefix}relationships_{rel_type}.csv"
        _write_rows(file, header, body)
        rel_files.append(file)

    script = directory / f"{prefix}neo4j-admin-import.sh"
    command = ["neo4j-admin", "database", "import", "full", "--array-delimiter=U+001F", "--multiline-fields=true",
               *[f"--nodes={f.name}" for f in node_files], *[f"--relationships={f.name}" for f in rel_files],
               '"${1:-neo4j}"']
    text = ("#!/bin/sh\n# Load this minegraph export into an empty, stopped Neo4j 5 database "
            "(default name: neo4j).\n# Arrays use U+001F as the delimiter because article text "
            "contains ';'.\nset -e\ncd \"$(dirname \"$0\")\"\n"
            + " \\\n  ".join(part if part.startswith('"') else shlex.quote(part) for part in command) + "\n")
    _write_atomically(script, lambda out: out.write(text.encode("utf-8")))
    os.chmod(script, 0o755)
    written.extend(node_files + rel_files + [script])
    return written


def _header(key: str, kind: str, id_column: str | None = None) -> str:
    if key == id_column:
        return f"{key}:ID"
    return key if kind == "string" else f"{key}:{kind}"


def _write_rows(file: Path, header: list[str], rows: list[list[str]]) -> None:
    def write(out) -> None:
        import io

        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        writer.writerows(rows)
        text.flush()
        text.detach()

    _write_atomically(file, write)


# --- Cypher script -----------------------------------------------------------------------------


_CYPHER_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def cypher_literal(value: Any) -> str:
    """``value`` as a Cypher literal: strings single-quoted with backslash escapes.

    Newline, tab and the like use their short escapes, other control characters
    ``\\uXXXX``; everything else is written as is (a script is read line by line, and
    only ``\\n``/``\\r`` end a line).  Dicts (which cannot be properties) become JSON text.

    >>> print(cypher_literal("it's a \\\\ test"))
    'it\\'s a \\\\ test'
    >>> print(cypher_literal(["a", 1, 2.5, True]))
    ['a', 1, 2.5, true]
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} as a Cypher literal")
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    out = []
    for ch in str(value):
        if ch in _CYPHER_ESCAPES:
            out.append(_CYPHER_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def _key(name: str) -> str:
    """A property key, backtick-quoted (backticks doubled) so any name is safe."""
    return "`" + name.replace("`", "``") + "`"


def _map_literal(props: dict[str, Any]) -> str:
    items = []
    for key in sorted(props):
        value = props[key]
        if value is None or (isinstance(value, float) and not math.isfinite(value)):
            continue
        items.append(f"{_key(key)}: {cypher_literal(value)}")
    return "{" + ", ".join(items) + "}"


def cypher_script(graph: Graph, constraints: bool = True) -> list[str]:
    """Statements that recreate ``graph`` in an empty Neo4j, one per line, each ending in ``;``.

    First a uniqueness constraint on ``id`` per label (Neo4j 5 syntax; leave out with
    ``constraints=False``), then ``MERGE`` per node and per relationship, so running the
    script twice changes nothing.  Labels and types come only from the ontology
    (:func:`~minegraph.graph.model.check_label`, :func:`~minegraph.graph.model.check_type`); every value is a
    literal escaped by :func:`cypher_literal`.

    >>> from minegraph.graph.model import Node
    >>> g = Graph()
    >>> _ = g.add_node(Node("kr", "Country", "South Korea", [], {"iso2": "KR"}))
    >>> print(cypher_script(g, constraints=False)[0])
    MERGE (n:Country {id: 'kr'}) SET n += {`aliases`: [], `iso2`: 'KR', `name`: 'South Korea'};
    """
    statements: list[str] = []
    labels = [label for label in LABELS if any(n.label == label for n in graph.nodes.values())]
    if constraints:
        for label in labels:
            check_label(label)
            statements.append(f"CREATE CONSTRAINT minegraph_{label.lower()}_id IF NOT EXISTS "
                              f"FOR (n:{label}) REQUIRE n.id IS UNIQUE;")
    for node in sorted(graph.nodes.values(), key=lambda n: (LABELS.index(n.label), n.id)):
        props = node.properties()
        node_id = props.pop("id")
        statements.append(f"MERGE (n:{check_label(node.label)} {{id: {cypher_literal(node_id)}}}) "
                          f"SET n += {_map_literal(props)};")
    for rel in sorted(graph.relationships.values(), key=lambda r: r.key):
        source, target = graph.nodes.get(rel.source), graph.nodes.get(rel.target)
        if source is None or target is None:
            continue
        statements.append(
            f"MATCH (a:{check_label(source.label)} {{id: {cypher_literal(source.id)}}}), "
            f"(b:{check_label(target.label)} {{id: {cypher_literal(target.id)}}}) "
            f"MERGE (a)-[r:{check_type(rel.type)}]->(b) SET r += {_map_literal(graph.stored_properties(rel))};")
    return statements
