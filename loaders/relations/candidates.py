"""Scored candidates: every relation the article might state, with the features that speak
for or against it.

Two kinds of candidate:

* a **role** of a frame (:mod:`minegraph.loaders.relations.frames`): each actor near an
  anchor of an agreement may be a party, each mineral near it may be covered; each person
  or actor near a meeting may have taken part;
* a **pair** of entities named together (a person and an organisation, an organisation
  and a country, two actors, a country and a mineral).

Features are general: how far apart the two are (sentences, characters, other names in
between), whether they share a clause, whether they are coordinated ("A, B and C"), the
words that link them ("between", "with", "'s", "of", "-based", a title, a signing or
attending verb), list and apposition structure, and which rule, if any, proposed the link
(the rules in the other modules of this package are features and filters here). The
learned scorer (:mod:`minegraph.loaders.relations.scorer`) turns them into decisions.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from minegraph.loaders.gazetteer import word_led, word_led_ci
from minegraph.loaders.mentions import Mention
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.agreements import counterparts_after, last_two_countries, origin_of_named
from minegraph.loaders.relations.attendance import role_feats, works_links
from minegraph.loaders.relations.attendance import same_clause as _same_clause
from minegraph.loaders.relations.context import ACTORS, DocContext, Out, is_occasion, step
from minegraph.loaders.relations.embedded import about_actor_spans, apart, describing_spans, other_event_spans
from minegraph.loaders.relations.events import ON_PURPOSE, OWN_OCCASION, before_or_after
from minegraph.loaders.relations.facts import CUE_BIT, CUE_NAMES, ArticleFacts, SentenceFacts, sentence_facts
from minegraph.loaders.relations.frames import Anchor, Frame

#: a candidate no rule typed (shared: an article makes thousands of candidates, and a set of
#: their own each would be garbage for the collector to walk)
_NO_TYPES: frozenset[str] = frozenset()


@dataclass(slots=True)
class Candidate:
    """One possible relation: ``source`` -[type]-> ``target`` (entity keys; an unnamed
    agreement's frame stands in until it is realised). Slotted: an article makes thousands."""

    group: str
    #: entity keys (a frame role's agreement end is empty until its frame is realised)
    source: str
    target: str
    type: str
    feats: dict[str, float] = field(default_factory=dict)
    #: whether a rule of this package states it (what is decided when no weights are loaded)
    rule: bool = False
    evidence: str = ""
    frame: Frame | None = None
    #: the types the rules gave this link (all are written when it is kept)
    rule_types: frozenset[str] = _NO_TYPES
    #: a filter speaks against it: kept only if a rule states it
    veto: bool = False
    #: the index of its frame among the article's (a frame role)
    frame_index: int = -1

    def flag(self, name: str, value: float = 1.0) -> None:
        if value > self.feats.get(name, 0.0):
            self.feats[name] = value

    def least(self, name: str, value: float) -> None:
        if value < self.feats.get(name, 99.0):
            self.feats[name] = value


def _in_one_span(spans: list[tuple[int, int]], x: int, y: int) -> bool:
    """Whether positions ``x`` and ``y`` fall in the same one of ``spans``."""
    return any(a <= x < b and a <= y < b for a, b in spans)


def _in(pos: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:  # (a plain loop: asked for every actor near every frame, most with no spans)
        if a <= pos < b:
            return True
    return False


def _coordinated_after(s: SentenceFacts, first: Mention) -> list[Mention]:
    """``first`` and the actors coordinated after it ("A, B and Ruritania's C")."""
    group = [first]
    for o in s.parties:
        if o.start > group[-1].start and o.start >= group[-1].end:
            if _CHAIN_GAP.fullmatch(s.text[group[-1].end : o.start]):
                group.append(o)
            else:
                break
    return group


def _listed_into(s: SentenceFacts, o: Mention, a: Anchor) -> bool:
    """Whether ``o`` is an item of a list whose other end is in the anchor's clause: a serial
    comma ("A, B, and C signed ...", "with A, B, and C") ends a clause inside the list."""
    if ", and " not in s.text:
        return False
    items = [*_coordinated_before(s, o)[:-1], *_coordinated_after(s, o)]
    # a list of three or more ("A, B, and C"), not a clause joined on after one name ("A, and C said")
    return len(items) >= 3 and any(x is not o and _same_clause(s, x.start, a.start) for x in items)


def _coordinated_before(s: SentenceFacts, last: Mention) -> list[Mention]:
    group = [last]
    for o in reversed(s.parties):
        if o.end <= group[0].start and _CHAIN_GAP.fullmatch(s.text[o.end : group[0].start]):
            group.insert(0, o)
        elif o.end <= group[0].start:
            break
    return group


_CHAIN_GAP = re.compile(
    r"\s*(?:,|and|,\s*and|&|as well as)\s*(?:the\s+)?"
    r"(?:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s\s+)?(?:(?!" + P.NOT_IN_A_NAME + r")[a-z][\w-]*\s+){0,3}"
)
_IN_PLACE = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,4}in\s+(?:the\s+)?")
_BETWEEN = re.compile(r"(?:\s*\([^()]{1,15}\))?(?:\s+[\w-]+){0,3}?\s+(?:between|among)\s+(?:the\s+)?")
_WITH = re.compile(r"(?:\s*\([^()]{1,15}\))?(?:\s+[\w$.,%-]+){0,3}?\s+with\s+(?:the\s+)?")
_STAKE_IN = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?")
#: between a deal word and what it buys into: "a stake in", "investment of US$25 million in"
_INTO = re.compile(r"\s+(?:of\s+(?:\S+\s+){1,3}?)?in\s+(?:the\s+)?")
_BY = re.compile(
    word_led("signed|inked|agreed|concluded|reached|struck") + r"\s+(?:\w+\s+){0,3}?(?:by|between)\s+(?:the\s+)?$"
)
_UNDER = re.compile(r"^(?:Under|Through|As part of|In|With)\s+the\b")
_SUBJECT_GAP_STOP = re.compile(r"[;:]|\b(?:which|who|that|said|says|according)\b")


# --- agreement roles ----------------------------------------------------------------------


@step(reads=("frames:agreement", "PARTY_TO", "LEADS", "COVERS", "WORKS_FOR"), writes=("candidates:agreement",))
def agreement_candidates(
    ctx: DocContext, frames: list[Frame], out: Out, sents: ArticleFacts | None = None, fitting: bool = True
) -> list[Candidate]:
    """Party and mineral candidates for every agreement frame (unless ``fitting``, a party a rule
    states is not weighed: it is kept whatever it scores)."""
    sents = sents if sents is not None else sentence_facts(ctx)
    employers = out.employers_by_sentence()
    works_for = out.works_for()
    n_frames = len(frames)
    anchors_by_sent: dict[int, list[tuple[Anchor, int]]] = {}
    for fi, fr in enumerate(frames):
        for a in fr.anchors:
            anchors_by_sent.setdefault(a.sent, []).append((a, fi))
    mention_count = sents.mention_count
    focal_rank = {k: i for i, k in enumerate(ctx.focal[:3])}
    rule_party: dict[tuple[str, str], set[str]] = {}
    for r in out.rels.values():
        if r.type in ("PARTY_TO", "LEADS", "COVERS"):
            rule_party.setdefault((r.source, r.target), set()).add(r.type)
    member_lists = _member_lists(sents, anchors_by_sent)
    embedded: dict[int, list[tuple[int, int]]] = {}  # sentence -> its clauses that tell another event
    per_anchor: dict[int, _AnchorFacts] = {}  # id(anchor) -> what every party candidate reads of it
    cands: list[Candidate] = []
    for fi, fr in enumerate(frames):
        by_entity: dict[str, Candidate] = {}
        minerals: dict[str, Candidate] = {}
        window = sorted({a.sent + d for a in fr.anchors for d in (-1, 0, 1)})
        for si in window:
            if si < 0 or si >= len(sents) or ctx.sentences[si].heading:
                continue
            s = sents[si]
            here = [a for a in fr.anchors if a.sent == si]
            if si not in embedded:
                at = [a.start for a, _ in anchors_by_sent.get(si, ())]
                embedded[si] = (
                    other_event_spans(s.text, s.mentions, at)
                    + about_actor_spans(s.text, s.mentions, at)
                    + describing_spans(s.text, s.mentions)
                )
            if not here:
                near = min(abs(a.sent - si) for a in fr.anchors)
                side = "prev_sent" if any(a.sent == si + 1 for a in fr.anchors) else "next_sent"
                # another agreement is told in that sentence: the minerals there are that one's
                elsewhere = any(f != fi for _, f in anchors_by_sent.get(si, ()))
            for o in s.actors:
                c = by_entity.get(o.entity)
                if c is None:
                    c = by_entity[o.entity] = Candidate("party", o.entity, "", "PARTY_TO", frame=fr, frame_index=fi)
                    c.evidence = s.text
                if not here:
                    c.flag(side)
                    c.flag("near_sent", 1.0 / near)
                    if _in(o.start, embedded[si]):
                        c.flag("_other_event")  # "It comes weeks after C curbed its exports."
                    continue
                c.flag("same_sent")
                c.evidence = s.text
                c.feats["n_sent"] = c.feats.get("n_sent", 0.0) + 1
                if not fitting and fr.key and (o.entity, fr.key) in rule_party:
                    continue
                for a in here:
                    # a filter speaks against a party only where it holds at every mention
                    # ("Ruritania's mines" quoted once, "between Ruritania and Freedonia" elsewhere)
                    held = {k: c.feats.pop(k) for k in _PARTY_VETO if k in c.feats}
                    _party_feats(ctx, c, s, o, a, fi, anchors_by_sent.get(si, []), employers, per_anchor)
                    if apart(embedded[si], o.start, a.start):
                        c.flag("_other_event")  # "..., weeks after C curbed its exports": another event's actor
                    if not any(c.feats.get(k, 0) > 0 for k in _PARTY_VETO):
                        c.flag("_unfiltered")
                    for k, v in held.items():
                        c.flag(k, v)
            for k in _signers_employers(s, here, works_for):
                # "Minister Jane Doe signed the MoU", "an MoU with Ruritania's minister, John Roe": whom they sign for
                if ctx.label(k) not in ACTORS:
                    continue
                c = by_entity.get(k)
                if c is None:
                    c = by_entity[k] = Candidate("party", k, "", "PARTY_TO", frame=fr, frame_index=fi)
                    c.evidence = s.text
                c.flag("signer_employer")
            for mn in s.mentions:
                if mn.label != "Mineral":
                    continue
                c = minerals.get(mn.entity)
                if c is None:
                    c = minerals[mn.entity] = Candidate("covers", "", mn.entity, "COVERS", frame=fr, frame_index=fi)
                    c.evidence = s.text
                chosen = P.chosen_party(s.text, s.mentions, mn.start)
                if chosen is not None and fr.key:
                    # "The Egyptian memorandum covers X, while the Moroccan one covers Y": the part of
                    # the sentence names whose agreement it speaks of
                    c.flag("_chosen" if "PARTY_TO" in rule_party.get((chosen, fr.key), ()) else "_chosen_other")
                if not here:
                    before = anchors_by_sent.get(si - 1, [])
                    _neighbour_covers_feats(c, s, mn, side, elsewhere, _in(mn.start, embedded[si]), fi, before)
                    continue
                c.flag("same_sent")
                c.evidence = s.text
                for a in here:
                    _covers_feats(c, s, mn, a, fi, anchors_by_sent.get(si, []))
                    c.flag("_other_event" if apart(embedded[si], mn.start, a.start) else "_clause_ok")
        # "Its partners include A, B and C.": the members listed right after (or where) the frame is told
        for si in sorted({a.sent for a in fr.anchors} | {a.sent + 1 for a in fr.anchors}):
            if member_lists.get(si, (-1, None))[0] != fi:
                continue
            cue = member_lists[si][1]
            s = sents[si]
            first = next((x for x in s.parties if cue.end() <= x.start <= cue.end() + 4), None)
            for o in _coordinated_after(s, first) if first is not None else ():
                c = by_entity.get(o.entity)
                if c is None:
                    c = by_entity[o.entity] = Candidate("party", o.entity, "", "PARTY_TO", frame=fr, frame_index=fi)
                    c.evidence = s.text
                c.flag("member_list")
        # "the two countries", "both sides": whom they stand for
        for a in fr.anchors:
            for k in _two_sides(ctx, sents[a.sent].text, a):
                c = by_entity.get(k)
                if c is None:
                    c = by_entity[k] = Candidate("party", k, "", "PARTY_TO", frame=fr, frame_index=fi)
                    c.evidence = sents[a.sent].text
                c.flag("two_countries")
        if ctx.focal and ctx.focal[0] not in by_entity:
            c = by_entity[ctx.focal[0]] = Candidate("party", ctx.focal[0], "", "PARTY_TO", frame=fr, frame_index=fi)
            c.evidence = sents[fr.first.sent].text
            c.flag("focal_only")
        if fr.key:  # a rule's party read elsewhere ("X joined the partnership")
            for src, dst in rule_party:
                if dst == fr.key and src not in by_entity and ctx.label(src) in ACTORS:
                    c = by_entity[src] = Candidate("party", src, "", "PARTY_TO", frame=fr, frame_index=fi)
                    c.evidence = next(
                        (r.evidence[0] for r in out.rels.values() if r.source == src and r.target == dst), ""
                    )
                    c.flag("far")
        n_cands = len(by_entity)
        for c in by_entity.values():
            c.feats[f"lab_{ctx.label(c.source)}"] = 1.0
            c.feats["mentions"] = math.log1p(mention_count.get(c.source, 0))
            if c.source in focal_rank:
                c.feats[f"focal{focal_rank[c.source]}"] = 1.0
            _frame_feats(c, fr, n_frames, n_cands)
            if fr.key and (c.source, fr.key) in rule_party:
                c.flag("rule_party")
                c.rule_types = frozenset(rule_party[(c.source, fr.key)])
            if fr.key:
                e = ctx.entity(fr.key)
                iso = c.source.split(":", 1)[1].upper() if c.source.startswith("country:") else ""
                if e is not None and iso and iso in e.name_countries:
                    c.flag("in_name")
            # a listed member is stated as plainly as a rule's party
            c.rule = c.feats.get("rule_party", 0) > 0 or c.feats.get("member_list", 0) > 0
            c.veto = (
                (_any_flag(c.feats, _PARTY_VETO) and not c.feats.get("_unfiltered"))
                or (fr.split and not c.rule)
                or (c.feats.get("other_frame_clause", 0) > 0 and not c.feats.get("same_clause"))
                # a rule read this agreement and its parties: an actor only named in a sentence next to
                # its own, with nothing tying it to it, is another matter's ("... signed an MoU. /
                # Separately, C said its output rose.")
                or (fr.key is not None and not _any_flag(c.feats, _LINKED))
            )
        # "an offtake of copper cathode": the element the product is named after, weighed as the
        # product is (when the article names that element too)
        for c in list(minerals.values()):
            base = _base_mineral(ctx, c.target)
            if base is None:
                continue
            b = minerals.get(base)
            if b is None:
                b = minerals[base] = Candidate("covers", "", base, "COVERS", frame=fr, frame_index=fi)
                b.evidence = c.evidence
            for k, v in c.feats.items():
                if k == "dist":
                    b.least(k, v)
                else:
                    b.flag(k, v)
            b.flag("via_product")
        for c in minerals.values():
            c.feats["mentions"] = math.log1p(mention_count.get(c.target, 0))
            _frame_feats(c, fr, n_frames, len(minerals))
            if fr.key and (fr.key, c.target) in rule_party:
                c.flag("rule_covers")
                c.rule_types = _COVERS_ONLY
            picked = c.feats.get("_chosen", 0) > 0
            c.rule = c.feats.get("rule_covers", 0) > 0 or picked
            c.veto = (
                c.feats.get("_background", 0) > 0
                or (c.feats.get("_other_frame_sent", 0) > 0 and not c.feats.get("same_sent"))
                or (c.feats.get("_chosen_other", 0) > 0 and not picked)
                or (c.feats.get("_other_event", 0) > 0 and not c.feats.get("_clause_ok"))
            )
        cands.extend(by_entity.values())
        cands.extend(minerals.values())
    return cands


_COVERS_ONLY = frozenset(("COVERS",))
#: what ties a party candidate to its frame beyond being named in a sentence next to it
_LINKED = ("same_sent", "member_list", "two_countries", "signer_employer", "far", "rule_party", "focal_only")
#: the last word of a product named after its element: "copper cathode", "lithium hydroxide", "tungsten concentrate"
_PRODUCT_FORMS = frozenset(
    "concentrate concentrates cathode cathodes hydroxide carbonate sulphate sulfate oxide oxides ore metal"
    " chloride precipitate".split()
)


def _two_sides(ctx: DocContext, text: str, a: Anchor) -> list[str]:
    """Whom "the two countries", "both sides" in the clause of anchor ``a`` stand for: the two named
    last before it, in its sentence or the two before, whatever paragraphs they are in ("A and the EU
    held talks on Monday. / The two sides adopted a plan": a union such as the EU is a side), else the
    article's two main countries; none when the clause says neither."""
    two = P.TWO_COUNTRIES.search(text[a.clause[0] : a.clause[1]])
    if two is None:
        return []
    sides = "side" in two.group().lower()
    told = last_two_countries(ctx, a.sent, a.clause[0] + two.start(), unions=sides, across=True)
    return told or ctx.focal[:2]


def _base_mineral(ctx: DocContext, key: str) -> str | None:
    """The element a product mineral (``key``) is named after, when the article names it as a mineral
    of its own ("mineral:copper" for "mineral:copper-cathode")."""
    kind, _, slug = key.partition(":")
    words = slug.split("-")
    if kind != "mineral" or len(words) < 2 or words[-1] not in _PRODUCT_FORMS:
        return None
    for n in range(len(words) - 1, 0, -1):
        base = f"mineral:{'-'.join(words[:n])}"
        e = ctx.entity(base)
        if e is not None and e.label == "Mineral":
            return base
    return None


#: a list of the members of what was just told: "Partners include", "its members are", "signatories:"
_MEMBER_LIST = re.compile(
    r"\b(?:(?:founding|other|current|initial|\d+|[a-z]+-?)\s+)?(?:members?|partners?|signatories|participants"
    r"|member\s+(?:countries|states|nations))\s+(?:include[sd]?|are|were|comprise[sd]?|:)\s+(?:the\s+)?",
    re.I,
)


#: a word every member list holds (a substring test before the pattern)
_MEMBER_WORDS = ("member", "partner", "signator", "participant")
#: the members of a group that is the subject, listed before its verb: "The alliance, which
#: includes A, B and C, unveiled the roadmap", "The bloc, which brings together A, B and C, launched ..."
_SUBJECT_MEMBERS = re.compile(
    r"(?:\b(?:group|grouping|bloc|alliance|coalition|club|consortium)|\b[A-Z][\w&-]*)\s*,\s+(?:which|that)\s+"
    r"(?:comprises|includes|consists\s+of|is\s+made\s+up\s+of|brings\s+together|unites)\s+(?:the\s+)?"
)
_SUBJECT_MEMBER_WORDS = ("compris", "include", "consists", "made up", "together", "unites")


def _member_lists(sents: ArticleFacts, anchors_by_sent: dict[int, list[tuple[Anchor, int]]]) -> dict[int, tuple]:
    """sentence -> (the frame whose members it lists, the cue): the frame told last before the cue,
    in that sentence or the one before."""
    got: dict[int, tuple] = {}
    sentences = sents.ctx.sentences
    for si in range(len(sents)):
        # only a sentence that tells a frame, or the one after it, can list its members; and
        # its facts are worked out only when it holds a member word (most sentences do not)
        if si not in anchors_by_sent and si - 1 not in anchors_by_sent:
            continue
        low = sentences[si].text.lower()
        if si in anchors_by_sent and P.holds_any(low, _SUBJECT_MEMBER_WORDS):
            s = sents[si]
            cue = _SUBJECT_MEMBERS.search(s.text) if s.parties else None
            after = [(a.start, f) for a, f in anchors_by_sent[si] if cue is not None and a.start >= cue.end()]
            if after:  # the frame the group's verb tells, after the list
                got[si] = (min(after, key=lambda b: b[0])[1], cue)
                continue
        if not P.holds_any(low, _MEMBER_WORDS):
            continue
        s = sents[si]
        cue = _MEMBER_LIST.search(s.text) if s.parties else None
        if cue is None:
            continue
        before = [(a.start, f) for a, f in anchors_by_sent.get(si, ()) if a.end <= cue.start()]
        if not before and not anchors_by_sent.get(si):
            before = [(a.start, f) for a, f in anchors_by_sent.get(si - 1, ())]
        if before:
            got[si] = (max(before, key=lambda b: b[0])[1], cue)
    return got


def _any_flag(feats: dict[str, float], keys: tuple[str, ...]) -> bool:
    """Whether one of ``keys`` is set (above 0) in ``feats``: a plain loop (asked twice for every
    party candidate, where a generator under ``any`` cost more than the lookups)."""
    for k in keys:
        if feats.get(k, 0) > 0:
            return True
    return False


#: where an actor is named only as a place, a describer, a source, the owner of another thing or
#: the background of the news, or attended a meeting the agreement came out of, it is not a party
#: (the flags written with "_" are filters only: the fitting script leaves them out of the weights,
#: as they fire too rarely in the gold corpus to be weighed)
_PARTY_VETO = (
    "place",
    "demonym_group",
    "according",
    "quoted",
    "descriptor",
    "relative",
    "is_the_deal",
    "_poss_other",
    "_background",
    "_anchor_outcome",
    "_counterweight",
    "_negated",
    "_other_event",
    "_origin",
    "_theirs",
)

#: between an agreement and an actor, another meeting the actor is the counterpart of: "after talks with"
_AFTER_TALKS = re.compile(word_led_ci(
    r"(?:after|following|before|ahead\s+of|during)\s+(?:[\w-]+\s+){0,2}?(?:talks|meetings?|visits?|consultations"
    r"|discussions|negotiations)\s+(?:with|in|to)\s+(?:the\s+)?$"
))

#: after a possessive, who speaks or acts for the owner ("Ruritania's minister", "its government")
_SPOKESMAN = re.compile(
    r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:government|governments|ministers?|ministry|officials?|president|prime|"
    r"secretary|delegation|representatives?|leaders?|authorities|state-run|state-owned)\b",
    re.I,
)
#: cues of a clause that states signing or joining (a possessive owner there may be a party)
_STATES_JOINING = CUE_BIT["gap_sign"] | CUE_BIT["gap_particip"]
#: words that open the background of the news: what follows is context, not a role of the agreement
_BACKGROUND = re.compile(
    word_led_ci(r"amid|amidst|despite|against\s+(?:the\s+|a\s+)?backdrop\s+of|in\s+the\s+face\s+of|in\s+light\s+of")
    + r"\b"
)
#: a meeting that led to the agreement: "the conference that led to X", "a summit which paved the way for X"
_OUTCOME_OF_MEETING = re.compile(word_led_ci(
    r"(?:meeting|summit|conference|gathering|session|forum|ministerial|visit|trip)s?\b[^.;]{0,40}?"
    r"\b(?:led\s+to|leading\s+to|resulted\s+in|paved\s+the\s+way\s+for|gave\s+rise\s+to|culminated\s+in)"
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$"
))


_COMMA_OR_SEMI = re.compile(r"[,;]")


def _in_background(text: str, o: Mention, a: Anchor, before: bool) -> bool:
    """Whether ``o`` is named in the background of the sentence rather than as a role of the
    agreement: after a word like "amid" that follows the anchor, or in such a phrase that a
    comma closes before the anchor ("Amid A's dominance, B and C set up X")."""
    if not before:
        return bool(_BACKGROUND.search(text, a.end, o.start))
    opened = list(_BACKGROUND.finditer(text, 0, o.start))
    if not opened:
        return False
    return not _COMMA_OR_SEMI.search(text[opened[-1].end() : o.start]) and "," in text[o.end : a.start]


#: between a name and an agreement word that describes it: "X, a new joint venture ..."
_DESCRIBED_AS_DEAL = re.compile(r",\s+(?:a|an|the)\s+(?:(?!(?:in|of|with|to|for|between|and)\b)[\w-]+\s+){0,2}")

_KINDS = (
    "mou",
    "deal",
    "agreement",
    "partnership",
    "stake",
    "joint_venture",
    "loan",
    "offtake",
    "named",
    "contract",
    "investment",
    "acquisition",
    "merger",
)


def _frame_feats(c: Candidate, fr: Frame, n_frames: int, n_cands: int) -> None:
    c.feats[f"kind_{fr.kind if fr.kind in _KINDS else 'other'}"] = 1.0
    c.feats[f"status_{fr.status or 'none'}"] = 1.0
    c.feats["anchors"] = math.log1p(len(fr.anchors))
    c.feats["frames"] = math.log1p(n_frames)
    c.feats["cands"] = math.log1p(n_cands)
    if fr.plural:
        c.feats["plural"] = 1.0
    if fr.first.definite:
        c.feats["first_definite"] = 1.0


#: between an agreement word and the person who signs it with the subject: "an MoU with", "signed by"
_SIGNER_AFTER = re.compile(r"^[^;:.]{0,60}?\b(?:with|by|between)\s+[^;:]{0,60}$")


def _signers_employers(s: SentenceFacts, here: list[Anchor], works_for: dict[str, list[str]]):
    """The employers of each person a sentence names in a signing role of one of its anchors:
    the subject of its clause before the anchor, or after "with", "by", "between" after it."""
    for p in s.mentions:
        if p.label != "Person" or p.entity not in works_for:
            continue
        for a in here:
            if p.end <= a.start:
                gap = s.text[p.end : a.start]
                signs = (_same_clause(s, p.start, a.start) or len(gap) <= 40) and not _SUBJECT_GAP_STOP.search(gap)
            else:
                signs = p.start >= a.end and bool(_SIGNER_AFTER.match(s.text[a.end : p.start]))
            if signs:
                yield from sorted(works_for[p.entity])
                break


#: the patterns :func:`_party_feats` tries at every candidate (compiled once, not looked up per call)
_PLACE_PREP = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?$")
_BY_JUST_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$")
_JOINED_GAP = re.compile(r"\s*[-–/]\s*|\s+")


@dataclass(slots=True)
class _AnchorFacts:
    """What :func:`_party_feats` reads of an anchor and its sentence alone, the same for every
    actor weighed against it (worked out once per anchor, not once per actor)."""

    #: the actors coordinated with the last actor of the anchor's clause before it (its subject)
    subject: list[Mention]
    #: the words between that last actor and the anchor
    subject_gap: str
    #: the actors coordinated after "between" right after the anchor, after "with", if any
    between: list[Mention]
    with_obj: list[Mention]
    #: where "a stake in" after the anchor ends (-1: none)
    stake_in: int
    negated: bool
    outcome: bool


def _anchor_facts_kept(s: SentenceFacts, a: Anchor, per_anchor: dict[int, _AnchorFacts] | None) -> _AnchorFacts:
    """:func:`_anchor_facts` of ``a``, worked out once where ``per_anchor`` keeps them (by the
    anchor's id: every party candidate of the sentence reads them)."""
    af = per_anchor.get(id(a)) if per_anchor is not None else None
    if af is None:
        af = _anchor_facts(s, a)
        if per_anchor is not None:
            per_anchor[id(a)] = af
    return af


def _anchor_facts(s: SentenceFacts, a: Anchor) -> _AnchorFacts:
    text = s.text
    last = [x for x in s.actors if x.end <= a.start and _same_clause(s, x.start, a.start)]
    btw = _BETWEEN.match(text, a.end)
    first = next((x for x in s.actors if btw.end() <= x.start <= btw.end() + 2), None) if btw else None
    between = _coordinated_after(s, first) if first is not None else []
    wth = _WITH.match(text, a.end)
    first = next((x for x in s.actors if wth.end() <= x.start <= wth.end() + 30), None) if wth else None
    with_obj = _coordinated_after(s, first) if first is not None else []
    inn = _STAKE_IN.match(text, a.end)
    return _AnchorFacts(
        _coordinated_before(s, last[-1]) if last else [],
        text[last[-1].end : a.start] if last else "",
        between,
        with_obj,
        inn.end() if inn else -1,
        P.NEGATED_SIGNING.search(text, a.clause[0], a.start) is not None,
        _OUTCOME_OF_MEETING.search(text, 0, a.start) is not None,
    )


def _party_feats(
    ctx: DocContext,
    c: Candidate,
    s: SentenceFacts,
    o: Mention,
    a: Anchor,
    fi: int,
    anchors_here: list[tuple[Anchor, int]],
    employers: dict[str, set[str]],
    per_anchor: dict[int, _AnchorFacts] | None = None,
) -> None:
    af = _anchor_facts_kept(s, a, per_anchor)
    text = s.text
    before = o.end <= a.start
    gap = text[o.end : a.start] if before else text[a.end : o.start]
    dist = len(gap)
    c.least("dist", math.log1p(max(dist, 0)))
    between_actors = 0
    for x in s.actors:
        if (o.end <= x.start and x.end <= a.start) or (a.end <= x.start and x.end <= o.start):
            between_actors += 1
    c.least("actors_between", min(between_actors, 8))
    c.flag("before" if before else "after")
    if before and _DESCRIBED_AS_DEAL.fullmatch(gap):
        c.flag("is_the_deal")  # "X, a joint venture between A and B": X is the venture, not a party
    if _same_clause(s, o.start, a.start) or _listed_into(s, o, a):
        c.flag("same_clause")
    elif any(f != fi and _same_clause(s, o.start, x.start) for x, f in anchors_here):
        c.flag("other_frame_clause")  # "..., and B is preparing a joint project": B's own frame
    nearest = min(anchors_here, key=lambda af: abs((af[0].start if af[0].start >= o.end else af[0].end) - o.start))
    if nearest[1] == fi:
        c.flag("nearest_frame")
    others = {f for _, f in anchors_here if f != fi}
    c.least("other_frames_here", min(len(others), 4))
    if a.definite:
        c.flag("anchor_definite")
    if id(o) in s.describers:
        c.flag("descriptor")
    if o.kind == "demonym":
        c.flag("demonym")
        if P.DEMONYM_GROUP.match(text, o.end):
            c.flag("demonym_group")
    if P.ACCORDING_TO.search(text, max(0, o.start - 30), o.start):
        c.flag("according")
    if (" from " in text or " based in " in text) and P.ORIGIN_GROUP.search(
        text, max(0, (head := _coordinated_before(s, o)[0].start) - 40), head
    ):
        c.flag("_origin")  # "agreements discussed with investors from A, B and C": where the firms are from
    elif origin_of_named(o, s.mentions, text):
        c.flag("_origin")  # "Acme Corporation of Ruritania and ...": whose the firm is, not a signer beside it
    if not before and _AFTER_TALKS.search(text, a.end, o.start):
        c.flag("_other_event")  # "signed an MoU with B after talks with C": C's are the talks
    if before and _in_one_span(s.relative, o.end, a.start) and _SIGNING_RELATIVE.match(text, o.end):
        # "A, which signed its own partnership with B, ...": the name the clause is about signs it
        c.flag("subject")
        c.flag("same_clause")
    signing_relative = _signing_relative(s, o, a, anchors_here)
    if signing_relative:
        c.flag("same_clause")  # the clause that tells its signing is the agreement's own
    elif _in(o.start, s.relative) and (before or not _in_one_span(s.relative, o.start, a.start)):
        # "..., which relies on B for ...,": B only describes the name before; but "A, which signed
        # a deal with B, ...": the relative clause tells the agreement itself, and B after it is its
        # counterpart (its subject is the name before the clause: what comes before the agreement
        # word in it is no signer)
        c.flag("relative")
    if id(o) in s.in_quote:
        c.flag("quoted")
    if _PLACE_PREP.search(text[max(0, o.start - 12) : o.start]) and not (
        not before and _INTO.fullmatch(text, a.end, o.start)
    ):  # "a stake in B", "an investment of $5m in B": B is what is bought into, not a place
        c.flag("place")
    if o.possessive:
        c.flag("possessive")
        span = s.clauses[s.clause_at(o.start)] if s.clause_at(o.start) >= 0 else (0, len(text))
        if (
            not before
            and o.entity not in ctx.focal[:2]  # the article's own countries are named as parties elsewhere
            and not _SPOKESMAN.match(text, o.end)
            and not _STATES_JOINING & s.cues_between(*span)
        ):
            c.flag("_poss_other")  # "X comes as Ruritania's output grows": an owner of another noun, no signing
    if _in_background(text, o, a, before):
        c.flag("_background")
    if P.guarded_against(text, o.start, o.end):
        c.flag("_counterweight")  # "to cut reliance on Ruritania", "Ruritania's dominance": what it guards against
    if af.negated and _same_clause(s, o.start, a.start):
        c.flag("_negated")  # "A and B attended but did not sign the plan": no party of it here
    if af.outcome:
        c.flag("_anchor_outcome")  # "the summit that led to X drew A and B": A, B attended the summit
    if any(f != fi for _, f in anchors_here) and _counterpart_of_other(s, o, a, fi, anchors_here):
        c.flag("_theirs")  # "partnerships with A and B, and its membership of X": A and B are not X's
    if not before and _subject_of_other(s, o, a, fi, anchors_here, per_anchor):
        c.flag("_theirs")  # "The deal follows weeks in which A and B negotiate a partnership": theirs
    if o.entity in employers.get(text, ()):
        c.flag("employer_here")
    # structure: "between A and B", "with B", "A signed ...", "signed by A and B"
    if not before:
        if any(x is o for x in af.between):
            c.flag("between")
        if any(x is o for x in af.with_obj):
            c.flag("with_obj")
        if o.start == af.stake_in:
            c.flag("stake_in")
        if _BY.search(text, max(0, o.start - 60), o.start) or _BY_JUST_BEFORE.search(
            text[max(0, o.start - 10) : o.start]
        ):
            c.flag("by_signed")
    else:
        if any(x is o for x in af.subject):
            between_text = af.subject_gap
            if not _SUBJECT_GAP_STOP.search(between_text):
                c.flag("subject")
                if P.status_of(between_text):
                    c.flag("subject_signed")
        if o.possessive and dist <= 40:
            c.flag("poss_before")
        if _JOINED_GAP.fullmatch(gap) and dist <= 3:
            c.flag("prefix")
        if _UNDER.match(text) and a.start < 30:
            c.flag("under")
    if _UNDER.match(text) and a.start < 30 and not before:
        c.flag("under")
    # an official of the organisation in the same clause ("signed by Jane Doe, Minister of X")
    if o.entity in employers.get(text, ()):
        for p in s.mentions:
            if p.label == "Person" and _same_clause(s, p.start, a.start):
                c.flag("official")
                break


#: a relative clause that tells the signing of the agreement before it: ", which we signed in 2025 with",
#: ", which B had hoped to conclude"
_SIGNING_RELATIVE = re.compile(
    r",\s+(?:which|that)\s+(?:[\w'’-]+\s+){0,4}?(?:signed|inked|sealed|concluded|conclude|negotiated|negotiate)\b",
    re.I,
)


_WITH_OR_BY = re.compile(r"\b(?:with|by|between)\s+(?:the\s+)?$")


def _signing_relative(s: SentenceFacts, o: Mention, a: Anchor, anchors_here) -> bool:
    """Whether ``o`` is named in a relative clause right after the agreement word ``a`` (no other
    agreement word between them) that tells who signs it: "the MoU with A, which we signed with B",
    "a partnership ..., which B had hoped to conclude": B is a party, not a describer."""
    span = next(((x, y) for x, y in s.relative if x <= o.start < y), None)
    if span is None or span[0] < a.end or any(a.end <= x.start < span[1] for x, _ in anchors_here):
        return False
    verb = _SIGNING_RELATIVE.match(s.text, span[0])
    if verb is None:
        return False
    # its subject ("which B signed") or whom it is signed with or by ("signed in 2025 with B"), not
    # where or when ("which is to be signed at the next meeting of the Ruritanian-Freedonian group")
    return o.end <= verb.end() or _WITH_OR_BY.search(s.text, verb.end(), o.start) is not None


def _counterpart_of_other(s: SentenceFacts, o: Mention, a: Anchor, fi: int, anchors_here) -> bool:
    """Whether the sentence names ``o`` as the counterpart ("with B", "that A signed with B") of
    another frame's anchor, and not of this one."""
    if any(x is o for x in counterparts_after(s.text, s.actors, a.end)):
        return False
    return any(
        f != fi and x.end <= o.start and any(y is o for y in counterparts_after(s.text, s.actors, x.end))
        for x, f in anchors_here
    )


def _subject_of_other(
    s: SentenceFacts, o: Mention, a: Anchor, fi: int, anchors_here, per_anchor: dict[int, _AnchorFacts] | None
) -> bool:
    """Whether ``o``, named after the anchor ``a``, is the subject of a signing or talks verb of
    another frame's anchor that follows it ("The deal follows weeks in which A and B negotiate a partnership")."""
    for x, f in anchors_here:
        if f == fi or not (a.end <= o.start and o.end <= x.start):
            continue
        xf = _anchor_facts_kept(s, x, per_anchor)
        # it signs, negotiates or plans that one ("A and B negotiate a partnership"), not only
        # holds it ("Under the deals with C, A will have a stake": A is the deals' party too)
        gap = xf.subject_gap
        if any(y is o for y in xf.subject) and not _SUBJECT_GAP_STOP.search(gap) and P.status_of(gap):
            return True
    return False


#: "an agreement on the supply of X", "a deal covering X": a preposition a few words before a mineral
_PREP_BEFORE = re.compile(r"\b(?:on|for|of|covering|including|in|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$")
#: "X mine", "X project": a mineral naming a site, not what an agreement covers
_ASSET_AFTER = re.compile(r"\b(?:mine|project|deposit|plant|refinery)\b")


def _covers_feats(
    c: Candidate, s: SentenceFacts, mn: Mention, a: Anchor, fi: int, anchors_here: list[tuple[Anchor, int]]
) -> None:
    text = s.text
    after = mn.start >= a.end
    gap = text[a.end : mn.start] if after else text[mn.end : a.start]
    c.least("dist", math.log1p(len(gap)))
    c.flag("after" if after else "before")
    same = _same_clause(s, mn.start, a.start)
    if same:
        c.flag("same_clause")
        if after:
            c.flag("after_kw_clause")
    nearest = min(anchors_here, key=lambda af: abs((af[0].start if af[0].start >= mn.end else af[0].end) - mn.start))
    if nearest[1] == fi:
        c.flag("nearest_frame")
    if a.definite:
        c.flag("anchor_definite")
    if _PREP_BEFORE.search(text[max(0, mn.start - 40) : mn.start]):
        c.flag("prep_before")
    if _COVERS_CUE.search(text):
        c.flag("covers_cue")
    if _ASSET_AFTER.search(text[mn.end : mn.end + 20]):
        c.flag("asset")
    if _in_background(text, mn, a, not after):
        c.flag("_background")  # "X is formed amid a rush for lithium": the news's background, not what X covers


def _neighbour_covers_feats(
    c: Candidate,
    s: SentenceFacts,
    mn: Mention,
    side: str,
    elsewhere: bool,
    other: bool,
    fi: int,
    before: list[tuple[Anchor, int]],
) -> None:
    """A mineral in the sentence before or after the frame's. A sentence after it that speaks of the
    agreement without naming it again ("It covers X", "Officials said the cooperation would extend to
    X") is read as if the reference were an anchor: the mineral's features are taken against it. It
    speaks of the agreement the sentence before names first ("The planned agreement builds on a
    partnership signed in 2022. It would cover X": the planned one), ``before`` its anchors."""
    c.flag(side)
    if elsewhere:
        c.flag("_other_frame_sent")  # another agreement is told in that sentence: the minerals there are that one's
    c.flag("_other_event" if other else "_clause_ok")
    if side != "next_sent" or elsewhere or min(before, key=lambda af: af[0].start)[1] != fi:
        return
    ref = _REFERS_BACK.search(s.text, 0, mn.start)
    if ref is None:
        return
    c.flag("refers_back")
    clause = next(((a, b) for a, b in s.clauses if a <= ref.start() < b), (0, len(s.text)))
    anchor = Anchor(s.index, ref.start(), ref.end(), True, clause)
    _covers_feats(c, s, mn, anchor, fi, [(anchor, fi)])


#: a sentence speaking of the agreement told before it without naming it: "It covers ...", "Under
#: it, ...", "The cooperation will extend to ...", "The signatories commit to ..." (not "the
#: programme", "the Parties", "the two sides": a meeting's agenda and those at it as often)
_REFERS_BACK = re.compile(
    r"^(?:(?:Under|Through|With)\s+(?:it|them)\b|It|They)\b|"
    r"\b(?i:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?i:cooperation|collaboration|arrangement|plan|roadmap|document|"
    r"signatories|partners)\b"
)


_COVERS_CUE = re.compile(word_led_ci(
    r"(?:covers?|covering|includ\w+|focus\w* on|supply|supplies|offtake|production of|processing|refin\w+|"
    r"explor\w+|develop\w+|mining of)\b"
))


# --- meeting roles ------------------------------------------------------------------------

#: after a possessive: the person's or the country's own trip, not the meeting's attendance
_OWN_VISIT = re.compile(r"['’]s?\s+(?:[\w-]+\s+){0,2}?(?:visits?|trips?|tours?|travels)\b")
#: between two people named together: "A and B", "A, B and President of the Commission C"
_PERSON_JOIN = re.compile(r"[\s,]*(?:and\s+)?(?:(?:[A-Z][\w.’'-]*|of|the|for|and|&)[\s,]+)*")


def _joined_to_first(text: str, persons: list[Mention], o: Mention) -> bool:
    """Whether a person is named together with the sentence's first person (each one joined to
    the one before)."""
    for prev, cur in zip(persons, persons[1:], strict=False):
        if not _PERSON_JOIN.fullmatch(text, prev.end, cur.start):
            return False
        if cur is o:
            return True
    return False


#: after a meeting's name, an appositive that describes it: "the summit, a forum that ..."
_ABOUT_MEETING = re.compile(r",\s+(?:a|an|one)\s+(?:[\w-]+\s+){1,3}?(?:that|which|whose)\b[^,;:]*$")
#: the longest gap between a meeting's name and an actor whose cue words still count
_EVENT_CUE_REACH = 160
#: words before a meeting's name that place what the sentence says after it ("as a follow-up to the summit")
_MEETING_AFTER = re.compile(
    r"\b(?:follow[- ]?up\s+(?:to|of|on)|following|after|ahead\s+of|before|since|prior\s+to|in\s+the\s+wake\s+of|"
    r"building\s+on|preparations?\s+for|run-up\s+to)\s+(?:the\s+|this\s+|last\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: words before a meeting's name that place the sentence at it ("at the summit", "on the sidelines of")
_MEETING_AT = re.compile(
    r"\b(?:at|during|attend\w*|join\w*|address\w*|took\s+part\s+in)"
    r"\s+(?:the\s+|this\s+|last\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


#: how many sentences either side of a meeting's mention its candidates are read from
_EVENT_WINDOW = 2

#: an occasion of its own a sentence tells: "the signing ceremony", "a phone call", "by video call",
#: "at the signing in <City>"
_OWN_OCCASION = re.compile(
    OWN_OCCASION.pattern + r"|\b(?:by|via|over\s+a|in\s+a)\s+(?:video|phone|telephone)\s*(?:call|link|conference)\b"
    r"|\bvideo\s?conference\b|\bat\s+(?:the|a)\s+signing\s+in\s+[A-Z]",
    re.I,
)


#: words that place a meeting at another time than the news: "last year", "two years ago", "the
#: previous edition", "will be held", "will then travel to attend", "next month", "upcoming"
_ANOTHER_TIME = re.compile(
    r"\blast\s+year\b|\b(?:a|one|two|three|four|five|several)\s+years?\s+(?:ago|earlier|before)\b"
    r"|\b(?:previous|earlier|past|prior)\s+(?:edition|session|meeting|round|summit|forum|conference)s?\b"
    r"|\b(?:will|would)\s+(?:then\s+|also\s+|later\s+)?(?:be\s+held|take\s+place|attend|travel|depart|fly|head|convene)\b"
    r"|\b(?:is|are)\s+(?:expected|due|scheduled|set)\s+to\b|\bnext\s+(?:week|month|year)\b|\b(?:upcoming|forthcoming)\b",
    re.I,
)
#: a year, and whether "in" stands before it ("in 2032": when something is, not a target "by 2030")
_YEAR = re.compile(r"(\bin\s+)?\b((?:19|20)\d\d)\b")


def _another_time(ctx: DocContext, text: str) -> bool:
    """Whether a sentence that names a meeting places it at another time than the news's: words that
    say so, a year before the article's, or "in" a year after it."""
    return bool(_ANOTHER_TIME.search(text)) or (
        ctx.year is not None
        and any(int(y.group(2)) < ctx.year or (y.group(1) and int(y.group(2)) > ctx.year) for y in _YEAR.finditer(text))
    )


def _act_apart(text: str, anchored: set[str], meeting: str, past: bool) -> str | None:
    """Why a sentence around a meeting that does not name it tells an act of its own, which those
    named in it took part in and not the meeting: it names another meeting ("_other_meeting"), an
    occasion of its own ("_own_occasion": "held a phone call with B"), or the meeting is named only
    as one of another time than the news, or as what an act came before or after ("_another_time":
    "A hosted the forum last year." then "B signed a memorandum with C": the news, not the forum)."""
    if meeting in anchored:
        return None
    if anchored:
        return "_other_meeting"
    if _OWN_OCCASION.search(text):
        return "_own_occasion"
    return "_another_time" if past else None


#: the links a rule reads between an actor and a meeting
_MEETING_TYPES = ("PARTICIPATED_IN", "ORGANIZED", "HELD_IN", "LEADS")


@dataclass
class _RuleReads:
    """What the rules read of the article's meetings, gathered once for every frame (a held-in
    link read from the place's side turned round: actor first, meeting second)."""

    #: (actor, meeting) -> every type a rule links them with
    types: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    #: per meeting: who the rules read taking part
    participants: dict[str, set[str]] = field(default_factory=dict)
    #: per meeting: the sentences the rules read someone taking part from
    read: dict[str, set[str]] = field(default_factory=dict)
    #: per meeting: everyone a rule links to it
    ruled: dict[str, set[str]] = field(default_factory=dict)


def _rule_reads(out: Out) -> _RuleReads:
    """Reads the meeting links of ``out`` (PARTICIPATED_IN, ORGANIZED, HELD_IN, LEADS); returns them
    by pair and by meeting."""
    got = _RuleReads()
    for r in out.rels.values():
        if r.type in _MEETING_TYPES:
            pair = (r.source, r.target) if r.type != "HELD_IN" else (r.target, r.source)
            got.types.setdefault(pair, set()).add(r.type)
            got.ruled.setdefault(pair[1], set()).add(pair[0])
            if r.type == "PARTICIPATED_IN":
                got.participants.setdefault(r.target, set()).add(r.source)
                got.read.setdefault(r.target, set()).update(r.evidence)
    return got


@dataclass
class _EventRead:
    """What the candidates of every meeting frame share: the article, the rules' links (``out``)
    and what they read of each meeting (``rules``), the meetings each sentence names or refers
    to (``anchored``: a sentence around one meeting that names another is that one's), and the
    employers, looked up once a frame needs its candidates (most articles: none)."""

    ctx: DocContext
    out: Out
    sents: ArticleFacts
    n_frames: int
    rules_kept: bool
    rules: _RuleReads
    anchored: dict[int, set[str]]
    employers: dict[str, set[str]] | None = None
    works: dict[str, list[str]] = field(default_factory=dict)
    staff: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class _MeetingRead:
    """One meeting frame being read: the sentences around its mentions (``window``), those that
    name it, whether it is named only as one of another time or as what an act came before or after
    (``past``), who the rules read taking part and from which sentences, the entities still to
    weigh (``needed``: every one when fitting) and the candidates made so far, by entity."""

    fr: Frame
    key: str
    main: bool
    window: list[int]
    anchor_sents: set[int]
    past: bool
    participants: set[str]
    read: set[str]
    needed: set[str] | None = None
    by_entity: dict[str, Candidate] = field(default_factory=dict)


@step(
    reads=("frames:event", "PARTICIPATED_IN", "ORGANIZED", "HELD_IN", "LEADS", "WORKS_FOR", "meeting:left_out"),
    writes=("candidates:event",),
)
def event_candidates(
    ctx: DocContext, frames: list[Frame], out: Out, sents: ArticleFacts, fitting: bool = True, rules_kept: bool = True
) -> list[Candidate]:
    """Participant, organiser and host candidates for every meeting frame. With ``rules_kept``
    (a link a rule states is kept whatever it scores), who the rules left out of a sentence they
    read is vetoed, and unless ``fitting`` only the candidates the weights decide are made."""
    anchored: dict[int, set[str]] = {}
    for fr in frames:
        for a in fr.anchors:
            anchored.setdefault(a.sent, set()).add(fr.key or "")
    ev = _EventRead(ctx, out, sents, len(frames), rules_kept, _rule_reads(out), anchored)
    cands: list[Candidate] = []
    for fr in frames:
        if fr.key in ctx.meeting_parts:
            continue  # a part of a meeting named with the whole: who came is told of the whole
        cands.extend(_frame_candidates(ev, _meeting_read(ev, fr), fitting))
    _add_far_rule_links(ev, cands)
    return cands


def _named_apart(ctx: DocContext, fr: Frame) -> bool:
    """Whether a meeting is named only as one of another time or as what an act came before or
    after (where its name is written: "the meeting" may refer back to it loosely)."""
    named = [a for a in fr.anchors if not a.definite] or fr.anchors
    return all(
        _another_time(ctx, ctx.sentences[a.sent].text) or before_or_after(ctx.sentences[a.sent].text, a.start)
        for a in named
    )


def _meeting_read(ev: _EventRead, fr: Frame) -> _MeetingRead:
    """The sentences around a frame's mentions (who came is often told in the next sentence), and
    whether the meeting is named only as one of another time or as what an act came before or
    after (where its name is written: "the meeting" may refer back to it loosely)."""
    ctx, key = ev.ctx, fr.key
    assert key is not None
    window = sorted({a.sent + d for a in fr.anchors for d in range(-_EVENT_WINDOW, _EVENT_WINDOW + 1)})
    past = _named_apart(ctx, fr)
    window = [si for si in window if 0 <= si < len(ev.sents) and not ctx.sentences[si].heading]
    return _MeetingRead(
        fr,
        key,
        key == ctx.main_event,
        window,
        {a.sent for a in fr.anchors},
        past,
        ev.rules.participants.get(key, set()),
        ev.rules.read.get(key, set()),
    )


def _frame_candidates(ev: _EventRead, f: _MeetingRead, fitting: bool) -> list[Candidate]:
    """The candidates of one meeting frame: each person or actor named in its window, with how it
    stands to the meeting. Unless ``fitting``, with the rules kept, only who is named where the
    rules read no one and no rule links to it (none: no candidate)."""
    ctx = ev.ctx
    if not fitting and ev.rules_kept:
        ruled = ev.rules.ruled.get(f.key, set())
        f.needed = {
            o.entity
            for si in f.window
            if ctx.sentences[si].text not in f.read
            for o in ctx.found[si].mentions
            if o.entity and o.entity not in ruled and o.label in ("Person", *ACTORS) and not o.inner
        }
        if not f.needed:
            return []
    if ev.employers is None:
        ev.employers = ev.out.employers_by_sentence()
        ev.works, ev.staff = works_links(ctx, ev.out)
    for si in f.window:
        if f.needed is not None and not any(o.entity in f.needed for o in ctx.found[si].mentions):
            continue
        s = ev.sents[si]
        persons = [m for m in s.mentions if m.label == "Person"]
        _named_around(ev, f, si, s, persons)
        if si in f.anchor_sents:
            _named_with_meeting(ev.employers, f, si, s, persons)
    for k, c in f.by_entity.items():
        _settle(ev, f, k, c)
    return list(f.by_entity.values())


def _named_around(ev: _EventRead, f: _MeetingRead, si: int, s: SentenceFacts, persons: list[Mention]) -> None:
    """Each person or actor named in sentence ``si`` of the window: its candidate (made at the first
    sentence), its role features, whether the rules read the sentence (else whether it tells an act
    of its own: see :func:`_act_apart`), and for a sentence that does not name the meeting, how near
    it is. Writes ``f.by_entity``."""
    persons_here = {m.entity for m in persons}
    far = min(abs(a.sent - si) for a in f.fr.anchors)
    for o in s.mentions:
        if o.label not in ("Person", *ACTORS) or o.inner or (f.needed is not None and o.entity not in f.needed):
            continue
        c = f.by_entity.get(o.entity)
        if c is None:
            c = f.by_entity[o.entity] = Candidate("event", o.entity, f.key, "PARTICIPATED_IN", frame=f.fr)
            c.evidence = s.text
        role_feats(c.feats, s, o, f.participants, ev.works, ev.staff, persons_here)
        if s.text not in f.read:
            c.flag("_unread")  # named where the rules read no one at this meeting
            # unless the sentence tells an act of its own there (see _act_apart)
            c.flag(_act_apart(s.text, ev.anchored.get(si, set()), f.key, f.past) or "_free")
        if si not in f.anchor_sents:
            c.flag("near_sent", 1.0 / (1 + far))
            c.flag("prev_sent" if any(a.sent > si for a in f.fr.anchors) else "next_sent")
            if s.has("gap_particip"):
                c.flag("near_cue_particip")
            continue
        if not c.feats.get("same_sent"):
            c.evidence = s.text  # the first sentence that names the meeting with it
        c.flag("same_sent")


_IN_OR_AT_THE_BEFORE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")


def _named_with_meeting(
    employers: dict[str, set[str]], f: _MeetingRead, si: int, s: SentenceFacts, persons: list[Mention]
) -> None:
    """A sentence that names the meeting: how each candidate named there stands in it (cue words,
    first or later person, own visit, describer, quote, employer, place, source) and to each of
    the meeting's mentions there (:func:`_stands_to_anchor`). Writes the candidates' features."""
    here = [a for a in f.fr.anchors if a.sent == si]
    cue = s.has("gap_particip")
    org = s.has("gap_organise")
    for o in s.mentions:
        c = f.by_entity.get(o.entity)
        if c is None or o.label not in ("Person", *ACTORS) or o.inner:
            continue
        c.feats["n_sent"] = c.feats.get("n_sent", 0.0) + 1
        if cue:
            c.flag("cue_particip")
        if org:
            c.flag("cue_organise")
        if o.kind == "venue":
            c.flag("venue")
        if persons and o is persons[0]:
            c.flag("first_person")
        elif o.label == "Person" and not _joined_to_first(s.text, persons, o):
            c.flag("_later_person")  # "A spoke at the summit, which critics such as B dislike"
        if o.possessive:
            c.flag("possessive")
            trip = _OWN_VISIT.match(s.text, o.end)
            if trip and not any(trip.end() <= a.start <= trip.end() + 12 for a in here):
                c.flag("own_visit")  # "the minister's visit to X": a trip of their own, not the meeting
        if id(o) in s.describers:
            c.flag("descriptor")
        if id(o) in s.in_quote:
            c.flag("quoted")
        if o.entity in employers.get(s.text, ()):
            c.flag("employer_here")
        if _IN_OR_AT_THE_BEFORE.search(s.text[max(0, o.start - 12) : o.start]):
            c.flag("place")
        if P.ACCORDING_TO.search(s.text, max(0, o.start - 30), o.start):
            c.flag("according")
        for a in here:
            _stands_to_anchor(c, s, o, a)


def _stands_to_anchor(c: Candidate, s: SentenceFacts, o: Mention, a: Anchor) -> None:
    """How a candidate named at ``o`` stands to one mention of the meeting in the same sentence: in
    its name, what the words before the mention make of it, which side and how far, the cue words
    between, the same clause. Writes ``c``'s features."""
    if a.start <= o.start < a.end:
        c.flag("in_name")
        return
    lead = s.text[max(0, a.start - 40) : a.start]
    if not a.definite and is_occasion(s.text, a.start):
        c.flag("anchor_occasion")  # "on the margins of X": another meeting's occasion
    elif _MEETING_AFTER.search(lead):
        c.flag("anchor_after")  # "as a follow-up to the summit": a later act
    elif _MEETING_AT.search(lead):
        c.flag("anchor_at")
    before = o.end <= a.start
    gap = s.text[o.end : a.start] if before else s.text[a.end : o.start]
    later = o.label == "Person" and c.feats.get("_later_person")
    if not before and later and _ABOUT_MEETING.match(gap):
        c.flag("about_meeting")  # "the summit, a forum that critics such as B dislike"
    c.least("dist", math.log1p(len(gap)))
    c.flag("before" if before else "after")
    if len(gap) <= _EVENT_CUE_REACH:
        mask = s.cues_between(o.end, a.start) if before else s.cues_between(a.end, o.start)
        for bit, name in enumerate(CUE_NAMES):
            if mask >> bit & 1:
                c.flag(f"ev_{name}")
    if _same_clause(s, o.start, a.start):
        c.flag("same_clause")
    if not a.definite:
        c.flag("explicit_anchor")


def _settle(ev: _EventRead, f: _MeetingRead, k: str, c: Candidate) -> None:
    """A frame's candidate ``c`` for entity ``k`` made whole: its article-level features, the
    rules' types and its veto (:func:`_vetoed`; who a rule left out of the meeting on purpose too),
    and its type (the one a rule read, participation first)."""
    ctx = ev.ctx
    label = ctx.label(k)
    c.feats[f"lab_{label}"] = 1.0
    c.feats["mentions"] = math.log1p(ev.sents.mention_count.get(k, 0))
    c.feats["anchors"] = math.log1p(len(f.fr.anchors))
    if f.main:
        c.feats["main_event"] = 1.0
    c.feats["event_frames"] = math.log1p(ev.n_frames)
    for t in ev.rules.types.get((k, f.key), ()):
        c.flag(f"rule_{t}")
    e = ctx.entity(f.key)
    if label == "Country" and e is not None and k.split(":", 1)[-1].upper() in e.name_countries:
        c.flag("name_country")
    types = ev.rules.types.get((k, f.key), set())
    c.rule_types = frozenset(types)
    c.veto = _vetoed(c, ev.rules_kept)
    # a sentence where the rules read who took part in the meeting is theirs: the weights
    # add only who is named in the sentences around it where the rules read no one, and
    # none the rules leave out of it on purpose (absent, a source, another meeting's ...)
    why = ev.out.left_out.get((k, f.key)) if ev.rules_kept else None
    if why is not None:
        c.flag(f"_left_out_{why}")
        c.veto = c.veto or why in ON_PURPOSE
    if "HELD_IN" in types:
        c.type = "HELD_IN"
    elif "ORGANIZED" in types and "PARTICIPATED_IN" not in types:
        c.type = "ORGANIZED"
    elif "LEADS" in types and "PARTICIPATED_IN" not in types:
        c.type = "LEADS"
    c.rule = bool(types)


def _vetoed(c: Candidate, rules_kept: bool) -> bool:
    """Whether a meeting candidate's features rule it out: a describer, a quote, a source, its own
    visit, an appositive about the meeting, the meeting named as another's occasion or as what came
    after, not at it; with the rules kept, one named only where the rules read the meeting."""
    return (
        any(c.feats.get(f, 0) > 0 for f in ("descriptor", "quoted", "according", "own_visit", "about_meeting"))
        or (c.feats.get("anchor_occasion", 0) > 0 and not c.feats.get("anchor_at"))
        or (c.feats.get("anchor_after", 0) > 0 and not c.feats.get("anchor_at") and not c.feats.get("cue_particip"))
        or (rules_kept and not c.feats.get("_free"))
    )


def _add_far_rule_links(ev: _EventRead, cands: list[Candidate]) -> None:
    """Rule links to a meeting from sentences that do not name it, which no frame made a candidate
    of: each a candidate of its own, with every type the rules read ("A attended and hosted X").
    Appends to ``cands``."""
    ctx = ev.ctx
    seen = {(c.source, c.target) for c in cands}
    for r in ev.out.rels.values():
        if r.type in _MEETING_TYPES and ctx.label(r.target if r.type != "HELD_IN" else r.source) == "Event":
            src, dst = (r.source, r.target) if r.type != "HELD_IN" else (r.target, r.source)
            if (src, dst) in seen:
                continue
            types = ev.rules.types.get((src, dst), {r.type})
            c = Candidate("event", src, dst, r.type, rule=True, evidence=r.evidence[0], rule_types=frozenset(types))
            for t in types:
                c.feats[f"rule_{t}"] = 1.0
            c.feats[f"lab_{ctx.label(src)}"] = 1.0
            c.feats["far"] = 1.0
            cands.append(c)
            seen.add((src, dst))
