"""Reading measures from a store: the measures a list shows (by mineral, kind, government
and year), each with who imposes it, what it targets, whom it affects and the sentences
behind it, and the values those filters can take.

Selected on the server: a mineral or a government narrows the measures first, then only
their own links and the articles their sentences come from are read.  The same Cypher
runs on both stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from minegraph.graph.reads import rows
from minegraph.graph.store import GraphStore

#: the links of a measure, in the order a list shows them
MEASURE_LINKS = ("IMPOSED_BY", "TARGETS", "AFFECTS")

_ON_MINERAL = "MATCH (x:Measure)-[:TARGETS]->(:Mineral {id: $id}) RETURN DISTINCT x.id"
#: a country's measures: imposed by it, or by one of its agencies; an agency's: by it
_BY_GOVERNMENT = ("MATCH (x:Measure)-[:IMPOSED_BY]->(g {id: $id}) RETURN DISTINCT x.id AS id "
                  "UNION MATCH (x:Measure)-[:IMPOSED_BY]->(:Agency)-[:BASED_IN]->(:Country {id: $id}) "
                  "RETURN DISTINCT x.id AS id")
_FILTER = "WHERE ($kind IS NULL OR x.kind = $kind) AND ($year IS NULL OR x.year = $year) "
_DETAILS = ("OPTIONAL MATCH (x)-[r:IMPOSED_BY|TARGETS|AFFECTS]->(e) "
            "RETURN x.id, x.name, x.kind, x.status, x.year, type(r), e.id, e.name, labels(e)[0], "
            "r.evidence, r.evidence_doc_ids")
_ALL = "MATCH (x:Measure) " + _FILTER + _DETAILS
_AMONG = "UNWIND $ids AS id MATCH (x:Measure {id: id}) " + _FILTER + _DETAILS
_DOCUMENTS = ("MATCH (d:Document) WHERE d.id IN $ids "
              "RETURN d.id, coalesce(d.title, d.name, d.id), d.published, d.publisher")
_FACETS = ("MATCH (x:Measure) OPTIONAL MATCH (x)-[r:IMPOSED_BY|TARGETS]->(e) "
           "RETURN x.id, x.kind, x.year, type(r), e.id, e.name, labels(e)[0]")


@dataclass
class MeasureRow:
    """One measure as a list shows it."""

    id: str
    name: str
    kind: str
    status: str
    year: int | None
    imposed_by: list[dict[str, str]] = field(default_factory=list)  # {id, name, label}
    targets: list[dict[str, str]] = field(default_factory=list)
    affects: list[dict[str, str]] = field(default_factory=list)
    #: each supporting sentence once, with the article it comes from
    evidence: list[dict[str, Any]] = field(default_factory=list)


def read_measures(store: GraphStore, *, mineral: str | None = None, kind: str | None = None,
                  government: str | None = None, year: int | None = None) -> list[MeasureRow]:
    """The measures on ``mineral`` (an id), of ``kind``, imposed by ``government`` (the
    id of a Country, with its agencies, or of an Agency) and dated ``year``; every filter
    left out is not applied.  Newest first, then by name."""
    params: dict[str, Any] = {"kind": kind, "year": year}
    ids: set[str] | None = None
    for value, statement in ((mineral, _ON_MINERAL), (government, _BY_GOVERNMENT)):
        if value is not None:
            found = {row[0] for row in rows(store, statement, {"id": value})}
            ids = found if ids is None else ids & found
    if ids is not None and not ids:
        return []
    records = rows(store, _ALL, params) if ids is None else rows(store, _AMONG, {**params, "ids": sorted(ids)})
    # the same order from every store: by measure, then link type and far end
    records.sort(key=lambda r: (r[0], MEASURE_LINKS.index(r[5]) if r[5] in MEASURE_LINKS else -1, str(r[6])))
    measures: dict[str, MeasureRow] = {}
    sentences: dict[str, dict[tuple[str, str], None]] = {}  # measure id -> (sentence, doc) in order
    for node_id, name, mkind, status, myear, rel_type, end_id, end_name, label, evidence, docs in records:
        row = measures.get(node_id)
        if row is None:
            row = measures[node_id] = MeasureRow(node_id, name, mkind, status, myear)
            sentences[node_id] = {}
        if rel_type not in MEASURE_LINKS:
            continue
        getattr(row, {"IMPOSED_BY": "imposed_by", "TARGETS": "targets", "AFFECTS": "affects"}[rel_type]).append(
            {"id": end_id, "name": end_name, "label": label})
        for sentence, doc in zip(evidence or [], docs or [], strict=False):
            sentences[node_id].setdefault((sentence, doc), None)
    cited = sorted({doc for found in sentences.values() for _, doc in found})
    documents = {doc_id: {"id": doc_id, "title": title, "published": published, "publisher": publisher}
                 for doc_id, title, published, publisher in rows(store, _DOCUMENTS, {"ids": cited})} if cited else {}
    for node_id, row in measures.items():
        for ends in (row.imposed_by, row.targets, row.affects):
            ends.sort(key=lambda end: (end["label"] != "Country", end["name"]))
        cites = [{"sentence": sentence, "document": documents.get(doc, {"id": doc, "title": doc})}
                 for sentence, doc in sentences[node_id]]
        # the latest article first: its statement sets the status
        row.evidence = sorted(cites, key=lambda c: str(c["document"].get("published") or ""), reverse=True)
    return sorted(measures.values(), key=lambda m: (-(m.year or 0), m.name))


def measure_facets(store: GraphStore) -> dict[str, list[Any]]:
    """What the filters of a measure list can take: the minerals measures target, their
    kinds, the governments imposing them (countries, and agencies whose measures name no
    country) and their years, each value with how many measures it has."""
    minerals: dict[str, list[Any]] = {}
    governments: dict[str, list[Any]] = {}
    kinds: dict[str, set[str]] = {}
    years: dict[int, set[str]] = {}
    by_agency: dict[str, set[str]] = {}
    with_country: set[str] = set()
    for node_id, kind, year, rel_type, end_id, end_name, label in rows(store, _FACETS):
        kinds.setdefault(kind, set()).add(node_id)
        if year is not None:
            years.setdefault(int(year), set()).add(node_id)
        if rel_type == "TARGETS":
            minerals.setdefault(end_id, [end_name, set()])[1].add(node_id)
        elif rel_type == "IMPOSED_BY" and label == "Country":
            governments.setdefault(end_id, [end_name, set(), label])[1].add(node_id)
            with_country.add(node_id)
        elif rel_type == "IMPOSED_BY":
            by_agency.setdefault(end_id, set()).add(node_id)
            governments.setdefault(end_id, [end_name, set(), label])
    for agency, measures in by_agency.items():  # an agency is offered for the measures no country imposes
        governments[agency][1] |= measures - with_country
    return {
        "minerals": sorted(({"id": k, "name": v[0], "count": len(v[1])} for k, v in minerals.items()),
                           key=lambda f: f["name"]),
        "kinds": [{"id": k, "count": len(v)} for k, v in sorted(kinds.items())],
        "governments": sorted(({"id": k, "name": v[0], "label": v[2], "count": len(v[1])}
                               for k, v in governments.items() if v[1]), key=lambda f: f["name"]),
        "years": [{"id": y, "count": len(v)} for y, v in sorted(years.items(), reverse=True)],
    }
