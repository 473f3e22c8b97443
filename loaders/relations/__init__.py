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
from minegraph.loaders.relations.context import ACTORS, DocContext, Out, Rel, dateline
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
    agreements.agreement_followups,
    resources.resources,
    cooperation.cooperation,
)
#: over the whole article at the end
CLOSING_RULES: tuple[Callable[[DocContext, Out], None], ...] = (
    organisations.propagate_based_in,
    cooperation.agreement_partners,
)


def extract_relations(ctx: DocContext) -> list[Rel]:
    """Every relationship the article states, each with its evidence sentences."""
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
    return list(out.rels.values())


__all__ = ["ACTORS", "DocContext", "Rel", "dateline", "extract_relations"]
