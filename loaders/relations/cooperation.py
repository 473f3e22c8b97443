"""Who cooperates with whom: COOPERATES_WITH from "A will cooperate with B", "their partnership"."""

from __future__ import annotations

import re
from collections import Counter

from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.context import (
    ACTORS,
    DocContext,
    Out,
    Rel,
    actors_of,
    clauses,
    coordinated,
    inside,
    is_descriptor,
    relative_spans,
    step,
)
from minegraph.loaders.sentences import Sentence


@step(reads=("BASED_IN:stated", "BASED_IN:ministry"), writes=("COOPERATES_WITH",))
def cooperation(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    ms = sm.mentions
    if len(actors_of(ms)) < 2:
        return  # cooperation needs two actors named here
    text = sent.text
    relative = relative_spans(text)
    for cs, ce in clauses(text):
        for cue in P.finds(P.COOPERATION, text, cs, ce):
            p = cue.start()
            if re.search(r"\bin\s+$", text[:p]) and any(m.label == "Event" for m in ms):
                continue  # "X, in collaboration with Y, held the forum": co-organisers
            actors = [o for o in actors_of(ms) if cs <= o.start < ce]
            # the partner after "with": in the cue itself ("a partnership with B") or a few words on
            # ("will cooperate closely on mining with B")
            with_m = re.search(r"\s*", text[cue.end() : ce]) if cue.group().endswith("with") else None
            with_m = with_m or re.search(r"\bwith\s+", text[cue.end() : ce])
            objects: list[Mention] = []
            if with_m and len(text[cue.end() : cue.end() + with_m.start()].split()) <= 10:
                wpos = cue.end() + with_m.end()
                first = next((o for o in actors if o.start >= wpos and o.start - wpos <= 25), None)
                if first is not None:
                    objects = [first]
                    for o in actors:
                        if o.start > objects[-1].start and re.fullmatch(
                            r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?", text[objects[-1].end : o.start]
                        ):
                            objects.append(o)
            # "Japan, which relies on X, will begin cooperation with Y": the subject before the relative clause
            pool = actors_of(ms) if re.match(r"\s*which\b", text[cs:ce]) else actors
            subjects_all = [
                o
                for o in pool
                if o.end <= p
                and not is_descriptor(o, ms, text)
                and not re.search(r"\b(?:In|in|from|of)\s+$", text[: o.start])
                and not inside(o, relative)
            ]
            if objects:
                if not subjects_all:
                    continue
                subjects = coordinated(ms, subjects_all[-1], text)
                for s in subjects:
                    src = s.entity
                    e = ctx.entity(src)
                    if e and e.label == "Agency" and e.props.get("kind") == "ministry":
                        country = next(
                            (r.target for r in out.rels.values() if r.source == src and r.type == "BASED_IN"), None
                        )
                        if country and all(ctx.label(o.entity) == "Country" for o in objects):
                            src = country
                    for o in objects:
                        out.add(src, "COOPERATES_WITH", o.entity, 0.7, text)
            elif len(subjects_all) >= 2 and not with_m:
                group = coordinated(ms, subjects_all[-1], text)
                if len(group) >= 2 and re.search(
                    r"\b(?:their|bilateral|mutual)\b|\bcooperat", text[group[-1].end : cue.end()]
                ):
                    for a in group:
                        for b in group:
                            if a.entity < b.entity:
                                out.add(a.entity, "COOPERATES_WITH", b.entity, 0.65, text)


@step(reads=("PARTY_TO", "BASED_IN"), writes=("COOPERATES_WITH:partners",))
def agreement_partners(ctx: DocContext, out: Out, rules: Out | None = None) -> None:
    """The two parties of a bilateral agreement cooperate ("A and B signed an MOU"). A country
    that is party beside one of its own companies or bodies ("Ruritania's X and Freedonia's Y
    signed") is where that party is from, not a side of its own: it neither counts among the
    sides nor cooperates through them (``rules``: where the rules read who is based where)."""
    home: dict[str, set[str]] = {}
    for r in (rules or out).rels.values():
        if r.type == "BASED_IN":
            home.setdefault(r.source, set()).add(r.target)
    parties: dict[str, list[Rel]] = {}
    for r in out.rels.values():
        if r.type == "PARTY_TO" and ctx.label(r.source) in ACTORS:
            parties.setdefault(r.target, []).append(r)
    for key, rels in list(parties.items()):
        sides = {r.source for r in rels}
        homes = {c for x in sides for c in home.get(x, ())}
        parties[key] = [r for r in rels if r.source not in homes]
    counts: Counter[str] | None = None
    for rels in parties.values():
        if len(rels) in (2, 3):
            for i, a in enumerate(rels):
                for b in rels[i + 1 :]:
                    shared = next((s for s in a.evidence if s in b.evidence), a.evidence[0])
                    out.add(a.source, "COOPERATES_WITH", b.source, 0.6, shared)
        elif len(rels) > 3:
            # a multilateral deal: its hub (the party the article names most, as "Ruritania signed
            # MoUs with A, B, C and D") cooperates with each of the others; the others need not
            # cooperate with one another
            counts = counts if counts is not None else _mention_counts(ctx)
            ranked = sorted(rels, key=lambda r: -counts[r.source])
            hub, second = ranked[0], ranked[1]
            if counts[hub.source] <= counts[second.source]:
                continue  # no party stands out
            for b in ranked[1:]:
                shared = next((s for s in hub.evidence if s in b.evidence), hub.evidence[0])
                out.add(hub.source, "COOPERATES_WITH", b.source, 0.55, shared)


def _mention_counts(ctx: DocContext) -> Counter[str]:
    """How often the article names each entity."""
    return Counter(m.entity for sm in ctx.found for m in sm.mentions if m.entity)


@step(reads=("decided:PARTY_TO", "BASED_IN"), writes=("decided:COOPERATES_WITH",))
def decided_partners(ctx: DocContext, out: Out, rules: Out | None = None) -> None:
    """The parties of each agreement written from the frames cooperate, as :func:`agreement_partners`
    reads them for the rules' agreements (``rules``: the rules' links, where they read who is
    based where)."""
    agreement_partners(ctx, out, rules)
