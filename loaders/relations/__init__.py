"""Relationships read off sentences: who is based where, who works for whom, who took
part in, organised or hosted which event, which agreements exist and who is party to them,
which country holds which minerals, and who cooperates with whom.

Each rule family is a module; each rule looks at one sentence (or one clause of it) and
the mentions found there, through the shared :class:`DocContext` (the article's main
country and main event, "the two countries", "the forum", agreements read so far).
The rules run in the order of :data:`DOCUMENT_RULES`, :data:`SENTENCE_RULES` and
:data:`CLOSING_RULES`: later rules read what earlier ones found (a person's employer is
not a party to a meeting; "both sides" are the parties of the agreement just read).
"""

from __future__ import annotations

from collections.abc import Callable

from minegraph.loaders.mentions import SentenceMentions
from minegraph.loaders.relations import agreements, cooperation, events, organisations, people, resources
from minegraph.loaders.relations.candidates import Candidate, agreement_candidates, event_candidates
from minegraph.loaders.relations.context import ACTORS, DocContext, Out, Rel, dateline
from minegraph.loaders.relations.facts import sentence_facts
from minegraph.loaders.relations.frames import Frame, agreement_frames, event_frames
from minegraph.loaders.relations.pairs import pair_candidates
from minegraph.loaders.relations.scorer import RelationModel, shipped_model
from minegraph.loaders.sentences import Sentence

SentenceRule = Callable[[DocContext, Sentence, SentenceMentions, Out], None]

#: run over every sentence before anything else: where organisations are based
DOCUMENT_RULES: tuple[SentenceRule, ...] = (organisations.based_in,)
#: then, sentence by sentence, in this order
SENTENCE_RULES: tuple[SentenceRule, ...] = (
    organisations.part_of,
    people.works_for,
    events.events,
    agreements.named_agreements,
    agreements.unnamed_agreements,
    agreements.programmes_with,
    agreements.deals_by_verb,
    agreements.deals_by_joint_verb,
    agreements.agreement_followups,
    resources.resources,
    cooperation.cooperation,
)
#: over the whole article at the end
CLOSING_RULES: tuple[Callable[[DocContext, Out], None], ...] = (
    organisations.propagate_based_in,
    events.countries_through_people,
    cooperation.agreement_partners,
)


#: then the frames and candidates, decided by the weights, in this order (as run below)
FRAME_STEPS: tuple[Callable, ...] = (
    agreement_frames,
    agreement_candidates,
    event_frames,
    event_candidates,
    pair_candidates,
    agreements.realise,
    cooperation.decided_partners,
    events.countries_of_weighed_people,
    agreements.meeting_declarations,
    agreements.own_bodies,
)
#: every step in the order it runs (``tests/test_relations_order.py`` checks what each reads and writes)
#: the role fillers a rule runs, listed before it
FILLERS: dict[Callable, tuple[Callable, ...]] = {
    people.works_for: people.WORKS_FOR_FILLERS,
    events.events: events.MEETING_FILLERS,
    agreements.unnamed_agreements: agreements.DEAL_FILLERS,
    resources.resources: resources.RESOURCE_FILLERS,
    organisations.based_in: organisations.BASED_IN_FILLERS,
}
PIPELINE: tuple[Callable, ...] = (
    *(step for rule in DOCUMENT_RULES for step in (*FILLERS.get(rule, ()), rule)),
    *(step for rule in SENTENCE_RULES for step in (*FILLERS.get(rule, ()), rule)),
    *CLOSING_RULES,
    *FRAME_STEPS,
)


def extract_relations(
    ctx: DocContext, model: RelationModel | None = None, collect: list[Candidate] | None = None
) -> list[Rel]:
    """Every relationship the article states, each with its evidence sentences.

    The rules read what they can; frames then gather each agreement and meeting with every
    actor near it, the pairs named together become candidates, and ``model`` (the shipped
    weights by default) keeps the candidates it scores above its threshold. ``collect``
    receives every candidate (for fitting)."""
    model = model if model is not None else shipped_model()
    out = Out()
    body = [(sent, sm) for sent, sm in zip(ctx.sentences, ctx.found, strict=True) if not sent.heading]
    for rule in DOCUMENT_RULES:
        for sent, sm in body:
            rule(ctx, sent, sm, out)
    for sent, sm in body:
        for rule in SENTENCE_RULES:
            rule(ctx, sent, sm, out)
    for closing in CLOSING_RULES:
        closing(ctx, out)
    # the groups the weights decide (when fitting, all): the others are left to their rules, and a
    # link a rule states is kept whatever it scores, so neither needs its features worked out
    groups = None if collect is not None else set(model.groups)
    facts = sentence_facts(ctx)
    rule_parties: dict[str, set[str]] = {}
    for r in out.rels.values():
        if r.type == "PARTY_TO":
            rule_parties.setdefault(r.target, set()).add(r.source)
    frames = agreement_frames(ctx, rule_parties)
    cands = agreement_candidates(ctx, frames, out, facts, fitting=groups is None)
    ev_cands: list[Candidate] = []
    if groups is None or "event" in groups:
        weights = model.groups.get("event")
        kept = weights is None or weights.rule_threshold <= 0  # (not so when the weights alone are measured)
        ev_cands = event_candidates(ctx, event_frames(ctx), out, facts, fitting=groups is None, rules_kept=kept)
    pairs = pair_candidates(ctx, out, facts, groups)
    rest = [*ev_cands, *pairs]
    keep = model.decide([*cands, *rest])  # all candidates at once: no feature reads another's decision
    final = Out()
    agreements.realise(ctx, frames, cands, keep[: len(cands)], final)
    cooperation.decided_partners(ctx, final, out)
    covered: set[frozenset[str]] = set()
    for c, k in zip(rest, keep[len(cands) :], strict=True):
        covered.add(frozenset((c.source, c.target)))
        if k:
            for typ in sorted(c.rule_types) or [c.type]:
                flip = typ == "HELD_IN" and c.group == "event" and ctx.label(c.source) != "Event"
                src, dst = (c.target, c.source) if flip else (c.source, c.target)
                final.add(src, typ, dst, round(c.feats.get("_p", 0.7), 3), c.evidence)
    kept_events = [c for c, k in zip(ev_cands, keep[len(cands) :], strict=False) if k]
    if kept_events:  # only when the weights decide meetings (the shipped model leaves them to the rules)
        events.countries_of_weighed_people(ctx, kept_events, out, final)
    for c in cands:
        if isinstance(c.frame, Frame) and c.frame.key:
            covered.add(frozenset((c.source if c.group == "party" else c.target, c.frame.key)))
    for r in out.rels.values():  # what no candidate weighed: kept as the rule read it
        if frozenset((r.source, r.target)) not in covered:
            for ev in r.evidence or [""]:
                final.add(r.source, r.type, r.target, r.confidence, ev)
    agreements.meeting_declarations(ctx, final)
    agreements.own_bodies(ctx, final, out)
    if collect is not None:
        collect.extend(cands)
        collect.extend(ev_cands)
        collect.extend(pairs)
    return list(final.rels.values())


__all__ = ["ACTORS", "DocContext", "Rel", "dateline", "extract_relations"]
