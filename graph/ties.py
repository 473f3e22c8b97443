"""What a tie between two actors weighs, and what it is made of.

Two actors are tied by the *frames* they share (an Agreement both are ``PARTY_TO`` or
``LEADS``; an Event both ``PARTICIPATED_IN``, ``ORGANIZED`` or ``LEADS``) and by stated
cooperation (a ``COOPERATES_WITH`` link either way).  The weight of a tie is the sum
of what each of these contributes:

* **a shared frame** weighs ``kind / (n - 1)`` for each article that supports it, where
  ``n`` is the number of parties to the frame (at least 2) and ``kind`` is 1 for an
  agreement and 0.5 for an event: a bilateral agreement weighs 1, a 13-party dialogue
  0.5/12 ≈ 0.04 (as co-authorship networks weigh a paper by its number of authors).
  Parties are counted by country: an agency or company counts with the country it is
  based in (through ``BASED_IN``, or ``PART_OF`` an agency that is), so a ministry and a
  state company that sign beside their government make one party, not three;
* **stated cooperation** weighs ``1 / k`` for each article that states it, where ``k`` is
  the number of partners one sentence names for either actor (one sentence naming six
  countries that cooperate with a seventh is one statement shared by six ties): a
  plain "A and B will cooperate" weighs 1, as much as a bilateral agreement;
* **repeated evidence adds with diminishing returns**: within one frame (or the
  cooperation), the articles' values are sorted, strongest first, and the i-th adds
  ``1/i`` of its value, so one article gives 1x, two 1.5x, three 1.83x, ten 2.93x.

An article supports a frame tie when it states either actor's part in the frame (the
union of the articles behind both links).  A link read without its articles (a graph
built by hand, or an outline that left ``doc_ids`` out) counts as ``mentions`` articles
of its own.

Everything here is a pure function of a :class:`~minegraph.graph.model.Graph`; a set of
``documents`` restricts every fact to the articles in it (a window of dates, the store
as it was before a build).
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from minegraph.graph.model import ACTOR_LABELS, Graph, Relationship

#: relationship types that tie an actor to an Agreement or an Event it takes part in
AGREEMENT_LINKS = ("PARTY_TO", "LEADS")
EVENT_LINKS = ("PARTICIPATED_IN", "ORGANIZED", "LEADS")
HUB_LINKS: dict[str, tuple[str, ...]] = {"Agreement": AGREEMENT_LINKS, "Event": EVENT_LINKS}
#: the ``via`` marker for ties read from a ``COOPERATES_WITH`` statement
COOPERATION = "COOPERATES_WITH"
#: what one article supporting a frame shared by two parties weighs, by the frame's label
FRAME_WEIGHTS = {"Agreement": 1.0, "Event": 0.5}
#: what one article stating cooperation of two actors (and no others) weighs
COOPERATION_WEIGHT = 1.0
#: the parts of a tie's weight, as :func:`Tie.breakdown` names them
KINDS = {"Agreement": "agreement", "Event": "event", COOPERATION: "cooperation"}
#: a link's statement shares read on the server (doc id -> the partners one sentence
#: names, see :func:`statement_shares`), set by :mod:`minegraph.graph.selection`
SHARES = "statement_shares"
DIGITS = 6


def diminishing(values: Iterable[float]) -> float:
    """The sum of ``values`` with diminishing returns: sorted, strongest first, the i-th
    adds ``1/i`` of itself.

    >>> diminishing([1.0]), diminishing([1.0, 1.0]), round(diminishing([0.5, 1.0, 1.0]), 4)
    (1.0, 1.5, 1.6667)
    """
    return sum(value / rank for rank, value in enumerate(sorted(values, reverse=True), start=1))


@functools.lru_cache(maxsize=4096)
def frame_weight(label: str, parties: int, articles: int) -> float:
    """What a frame of ``label`` with ``parties`` parties adds to a tie that
    ``articles`` articles support.

    >>> frame_weight("Agreement", 2, 1), frame_weight("Event", 13, 1), frame_weight("Agreement", 3, 2)
    (1.0, 0.041667, 0.75)
    """
    base = FRAME_WEIGHTS[label] / (max(parties, 2) - 1)
    return round(diminishing([base] * articles), DIGITS)


# --- the facts ties are made of ----------------------------------------------------------------


def link_documents(rel: Relationship, documents: Collection[str] | None = None) -> frozenset[str]:
    """The articles behind ``rel`` (its ``doc_ids``; without them, ``mentions`` unnamed
    articles of its own), only those in ``documents`` when given."""
    docs = rel.props.get("doc_ids")
    if docs is None:
        count = max(1, int(rel.props.get("mentions", 1) or 1))
        docs = [f"{rel.source}|{rel.type}|{rel.target}#{i}" for i in range(count)]
    if documents is not None:
        return frozenset(d for d in docs if d in documents)
    return frozenset(docs)


@dataclass
class Facts:
    """What ties are made of: per frame (hub id) each member actor's articles, per
    cooperating pair (ids sorted) each article's value, and each actor's home (its
    country, else itself)."""

    frames: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)  # members sorted by id
    cooperation: dict[tuple[str, str], dict[str, float]] = field(default_factory=dict)
    homes: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # hub id -> Agreement or Event
    #: :func:`bloc_ties` already worked out on these facts, by bloc and centre (a focus's
    #: partners and its own actors ask for the same bloc: one pass over its frames)
    worked_out: dict[tuple[frozenset[str], str], dict[str, Tie]] = field(default_factory=dict, repr=False,
                                                                          compare=False)

    def parties(self, hub: str) -> int:
        """The number of parties to a frame: its members counted by home."""
        return len({self.homes.get(actor, actor) for actor in self.frames[hub]})


def read_facts(graph: Graph, mineral_id: str | None = None, documents: Collection[str] | None = None) -> Facts:
    """The facts of ``graph`` (see :class:`Facts`): with ``mineral_id`` only the
    agreements that ``COVERS`` it (no events, no cooperation); with ``documents`` only
    what those articles support."""
    actors = {n.id for n in graph.nodes.values() if n.label in ACTOR_LABELS}
    hub_links = {"Agreement": AGREEMENT_LINKS} if mineral_id is not None else HUB_LINKS
    allowed_hubs = ({r.source for r in graph.edges("COVERS") if r.target == mineral_id}
                    if mineral_id is not None else None)
    facts = Facts(homes=homes(graph))
    members: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for rel in graph.relationships.values():
        hub = graph.nodes.get(rel.target)
        if rel.source not in actors or hub is None or rel.type not in hub_links.get(hub.label, ()):
            continue
        if allowed_hubs is not None and hub.id not in allowed_hubs:
            continue
        docs = link_documents(rel, documents)
        if docs:
            members[hub.id][rel.source] |= docs
    facts.frames = {hub: {actor: frozenset(docs) for actor, docs in sorted(by_actor.items())}
                    for hub, by_actor in sorted(members.items())}
    facts.labels = {hub: graph.nodes[hub].label for hub in facts.frames}
    if mineral_id is None:
        facts.cooperation = _cooperation(graph, actors, documents)
    return facts


def _cooperation(graph: Graph, actors: set[str], documents: Collection[str] | None
                 ) -> dict[tuple[str, str], dict[str, float]]:
    """Per cooperating pair, each article's value ``1 / k`` (see the module docstring)."""
    links = [rel for rel in graph.edges(COOPERATION)
             if rel.source in actors and rel.target in actors and rel.source != rel.target]
    shared = statement_shares(links)
    values: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for rel in links:
        pair = (min(rel.source, rel.target), max(rel.source, rel.target))
        given = rel.props.get(SHARES)
        for doc in link_documents(rel, documents):
            k = given.get(doc, 1) if given is not None else shared.get((*pair, doc), 1)
            values[pair][doc] = max(values[pair].get(doc, 0.0), COOPERATION_WEIGHT / max(1, int(k)))
    return {pair: dict(sorted(docs.items())) for pair, docs in sorted(values.items())}


def statement_shares(links: Iterable[Relationship]) -> dict[tuple[str, str, str], int]:
    """For each cooperating pair ``(a, b)`` (ids sorted) and article, the number of
    partners its least shared sentence names beside them, when more than one: a
    sentence shared by the links of one actor with ``k`` others counts ``k`` for each of
    those ties (the larger count of the two ends), and a tie takes its best sentence in
    the article.  The server computes the same (:mod:`minegraph.graph.selection`).

    >>> from minegraph.graph.model import Relationship
    >>> said = "Ayland, Beland and Ceeland will cooperate with Deland."
    >>> links = [Relationship(x, "COOPERATES_WITH", "d", {"evidence": [said], "evidence_doc_ids": ["doc"]})
    ...          for x in "abc"]
    >>> statement_shares(links)[("a", "d", "doc")]
    3
    """
    groups: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (actor, doc, sentence) -> partners
    said: list[tuple[str, str, str, str]] = []  # (a, b, doc, sentence)
    for rel in links:
        for sentence, doc in zip(rel.props.get("evidence") or [], rel.props.get("evidence_doc_ids") or [],
                                 strict=False):
            groups[(rel.source, doc, sentence)].add(rel.target)
            groups[(rel.target, doc, sentence)].add(rel.source)
            said.append((rel.source, rel.target, doc, sentence))
    best: dict[tuple[str, str, str], int] = {}
    for a, b, doc, sentence in said:
        k = max(len(groups[(a, doc, sentence)]), len(groups[(b, doc, sentence)]))
        key = (min(a, b), max(a, b), doc)
        best[key] = min(best.get(key, k), k)
    return {key: k for key, k in best.items() if k > 1}


def homes(graph: Graph) -> dict[str, str]:
    """Each agency's and company's country: the one it is ``BASED_IN`` (the first by id
    when several), else that of an agency it is ``PART_OF`` (at any depth); an actor
    without one is not listed (it is a party of its own)."""
    based: dict[str, str] = {}
    for rel in graph.edges("BASED_IN"):
        if rel.source not in based or rel.target < based[rel.source]:
            based[rel.source] = rel.target
    wholes: dict[str, list[str]] = defaultdict(list)
    for rel in graph.edges("PART_OF"):
        wholes[rel.source].append(rel.target)

    def home(actor: str, seen: frozenset[str]) -> str | None:
        if actor in based:
            return based[actor]
        for whole in sorted(wholes.get(actor, ())):
            if whole not in seen and (found := home(whole, seen | {whole})) is not None:
                return found
        return None

    found = {actor: home(actor, frozenset({actor})) for actor in set(based) | set(wholes)}
    return {actor: country for actor, country in sorted(found.items()) if country is not None}


# --- ties --------------------------------------------------------------------------------------


@dataclass
class Part:
    """One frame (or the stated cooperation) behind a tie: its ``weight``, the
    ``articles`` that support it, the number of ``parties`` (frames) and which of a
    country's own actors carry it (``carried_by``; with ``direct`` when the country
    itself takes part)."""

    id: str
    kind: str  # "agreement", "event" or "cooperation"
    weight: float
    articles: frozenset[str]
    parties: int | None = None
    carried_by: tuple[str, ...] = ()
    direct: bool = True


@dataclass
class Tie:
    """A tie between two actors (or a country's bloc and an actor): its parts."""

    parts: list[Part] = field(default_factory=list)

    @property
    def weight(self) -> float:
        return round(sum(part.weight for part in self.parts), DIGITS)

    def breakdown(self) -> dict[str, float]:
        """The weight by kind: ``agreement``, ``event`` and ``cooperation``."""
        totals = dict.fromkeys(("agreement", "event", "cooperation"), 0.0)
        for part in self.parts:
            totals[part.kind] += part.weight
        return {kind: round(value, DIGITS) for kind, value in totals.items()}

    @property
    def articles(self) -> frozenset[str]:
        return frozenset().union(*(part.articles for part in self.parts)) if self.parts else frozenset()


def _frame_pairs(facts: Facts) -> Iterator[tuple[str, str, str, str, int, frozenset[str]]]:
    """Every two members of a shared frame: (a, b, frame, its label, its parties, the
    articles of either), a before b."""
    for hub, members in facts.frames.items():
        if len(members) < 2:
            continue
        label = _label_of(facts, hub)
        parties = facts.parties(hub)
        for a, b in itertools.combinations(sorted(members), 2):
            yield a, b, hub, label, parties, members[a] | members[b]


def pair_ties(facts: Facts) -> dict[tuple[str, str], Tie]:
    """Every tie of the partner network, by its two actors (ids sorted)."""
    ties: dict[tuple[str, str], Tie] = defaultdict(Tie)
    for a, b, hub, label, parties, docs in _frame_pairs(facts):
        ties[(a, b)].parts.append(Part(hub, KINDS[label], frame_weight(label, parties, len(docs)), docs, parties))
    for pair, values in facts.cooperation.items():
        ties[pair].parts.append(Part(COOPERATION, "cooperation", round(diminishing(values.values()), DIGITS),
                                     frozenset(values)))
    return dict(sorted(ties.items()))


def pair_weights(facts: Facts) -> dict[tuple[str, str], float]:
    """The weight of every tie of :func:`pair_ties` (the same numbers), without its parts:
    what a ranking of the whole network needs."""
    parts: dict[tuple[str, str], list[float]] = defaultdict(list)
    for a, b, _hub, label, parties, docs in _frame_pairs(facts):
        parts[(a, b)].append(frame_weight(label, parties, len(docs)))
    for pair, values in facts.cooperation.items():
        parts[pair].append(round(diminishing(values.values()), DIGITS))
    return {pair: round(sum(weights), DIGITS) for pair, weights in sorted(parts.items())}


def bloc_ties(facts: Facts, bloc: Collection[str], centre: str) -> dict[str, Tie]:
    """The ties of the actors ``bloc`` taken as one party (a country with its own
    actors: ``centre`` is the country) with every actor outside it, by that actor.
    Each part names the actors of the bloc other than ``centre`` that carry it.  The
    facts keep the answer (they are not changed once read): asking again costs nothing."""
    inside = frozenset(bloc)
    known = facts.worked_out.get((inside, centre))
    if known is None:
        known = facts.worked_out[(inside, centre)] = _bloc_ties(facts, inside, centre)
    return dict(known)


def _bloc_ties(facts: Facts, inside: frozenset[str], centre: str) -> dict[str, Tie]:
    ties: dict[str, Tie] = defaultdict(Tie)
    # a frame's members are sorted by id (read_facts): taken in order, not sorted again
    # (a country's bloc meets tens of thousands of frames, some with thousands of members)
    for hub, members in facts.frames.items():
        ours = [a for a in members if a in inside]
        if not ours:
            continue
        label = _label_of(facts, hub)
        parties = facts.parties(hub)
        our_docs = frozenset().union(*(members[a] for a in ours))
        carriers = tuple(a for a in ours if a != centre)
        for partner in members:
            if partner in inside:
                continue
            docs = our_docs | members[partner]
            ties[partner].parts.append(Part(hub, KINDS[label], frame_weight(label, parties, len(docs)), docs,
                                            parties, carriers, centre in ours))
    stated: dict[str, dict[str, float]] = defaultdict(dict)
    carried: dict[str, set[str]] = defaultdict(set)
    for (a, b), values in facts.cooperation.items():
        if (a in inside) == (b in inside):
            continue
        member, other = (a, b) if a in inside else (b, a)
        for doc, value in values.items():
            stated[other][doc] = max(stated[other].get(doc, 0.0), value)
        carried[other].add(member)
    for partner, by_doc in stated.items():
        carriers = tuple(sorted(carried[partner] - {centre}))
        ties[partner].parts.append(Part(COOPERATION, "cooperation", round(diminishing(by_doc.values()), DIGITS),
                                        frozenset(by_doc), None, carriers, centre in carried[partner]))
    return dict(sorted(ties.items()))


def _label_of(facts: Facts, hub: str) -> str:
    return facts.labels.get(hub, "Agreement")


def describe_parts(tie: Tie, names: dict[str, Any]) -> str:
    """One line per part, for a person: ``MOU (agreement, 2 parties, 1 article): 1.0``."""
    lines = []
    for part in sorted(tie.parts, key=lambda p: (-p.weight, p.id)):
        what = names.get(part.id, part.id) if part.id != COOPERATION else "stated cooperation"
        detail = [part.kind]
        if part.parties is not None:
            detail.append(f"{part.parties} parties")
        detail.append(f"{len(part.articles)} article{'s' if len(part.articles) != 1 else ''}")
        lines.append(f"{what} ({', '.join(detail)}): {part.weight:g}")
    return "; ".join(lines)
