"""Frames: one representation of an agreement or a meeting from detection to the store.

A frame is what the article says about one agreement (a deal, an MoU, a partnership) or
one meeting (a summit, a forum): where it is mentioned (its *anchors*: the name, "signed an
MoU", and every later "the MoU", "the deal", "the summit" that refers back), its kind,
status and year, and its roles (parties, minerals covered; participants, organisers). The
roles are filled by :mod:`minegraph.loaders.relations.candidates`, which proposes every
actor near an anchor with the features that link it, and decided by the learned scorer
(:mod:`minegraph.loaders.relations.scorer`); :func:`realise` then writes the agreement to
the registry under a key built from its parties.

Several similar agreements in one article ("A signed MoUs with B and with C") stay apart:
an indefinite mention ("an MoU", "a deal") opens a frame, a definite one ("the MoU")
refers back to the latest open frame of a compatible kind, and each candidate knows which
frame's anchor is nearest to it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from minegraph.loaders.gazetteer import word_led
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.agreements import _FOLLOWUP
from minegraph.loaders.relations.context import (
    PART_WORDS,
    DocContext,
    actors_of,
    clauses,
    is_descriptor,
    part_of_named,
    step,
)
from minegraph.loaders.relations.patterns import vocab_patterns as vp


@dataclass(slots=True)
class Anchor:
    """One mention of a frame: sentence index, character span, and how it was written."""

    sent: int
    start: int
    end: int
    #: "the MoU", "this deal": refers back rather than introducing
    definite: bool = False
    #: the clause the anchor sits in (character span within the sentence)
    clause: tuple[int, int] = (0, 0)


@dataclass(slots=True)
class Frame:
    """An agreement or meeting and what the article says about it."""

    type: str  # "Agreement" | "Event"
    kind: str  # "mou", "deal", "partnership", ... ("named" for a named one)
    anchors: list[Anchor] = field(default_factory=list)
    #: registry key of a named agreement or event; unnamed agreements get theirs in :func:`realise`
    key: str | None = None
    status: str | None = None
    year: int | None = None
    #: a plural keyword ("signed deals with A and B"): one agreement per counterpart
    plural: bool = False
    #: a rule read one agreement per counterpart here: its parties are the rule's
    split: bool = False
    #: such a batch's agreements, one per counterpart (the frame's own ``key`` is the first)
    batch: list[str] = field(default_factory=list)
    #: for one agreement of such a batch told apart later ("the MoU with C"), the batch's frame
    parent: Frame | None = None
    #: a plural word that tells no agreement ("open to deals that could ..."): written as none unless
    #: a later mention refers back to it ("the only agreement announced was ...")
    untold: bool = False
    #: a named one's name, lower case ("minerals security partnership")
    name: str = ""
    #: the actors named right after the word that opened it ("an offtake with B", "a deal between
    #: B and C"): with them, a frame no rule read is found to be one a rule read elsewhere
    named_with: list[str] = field(default_factory=list)

    @property
    def first(self) -> Anchor:
        return self.anchors[0]

    @property
    def named(self) -> bool:
        return self.key is not None


#: a definite determiner right before an agreement word: it refers back
#: (not past an indefinite article nearer the word: "at the same time, a deal ..." introduces one)
_DEFINITE = re.compile(
    r"\b(?:the|this|that|these|those|such|its|their|said)\s+(?:(?!(?:a|an|another)\s)[\w$.,%-]+\s+){0,3}$", re.I
)
#: words that make a definite mention new information ("the MoU between A and B", "the deal with A")
_INTRODUCES = re.compile(r"(?:\s*\([^()]{1,15}\))?(?:\s+[\w-]+){0,3}?\s+(?:between|with)\s+(?:the\s+)?")
_JOIN = P.ACTORS_JOIN
#: kinds that refer to any agreement ("the deal" after "an MoU")
_GENERIC_KINDS = frozenset({"agreement", "deal", "pact", "contract", "treaty"})
_LISTED = re.compile(r"\s+(?:\w+\s+){0,4}includ")


def _named_spans(ms) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in ms if m.label in ("Agreement", "Event", "Agency", "Company")]


@step(reads=("agreements", "agreement_anchors", "PARTY_TO"), writes=("frames:agreement",))
def agreement_frames(ctx: DocContext, parties: dict[str, set[str]] | None = None) -> list[Frame]:
    """Every agreement the article mentions, as frames, in reading order.

    Named agreements are one frame each (all their mentions anchors); agreement words
    ("an MoU", "a 30% stake", "the deal") open a frame or, written definite, refer back to
    the latest frame of a compatible kind. ``parties``: the parties the rules read for each
    agreement, with which "the MoU with B" after "MoUs with B and C" is B's one."""
    parties = parties or {}
    frames: list[Frame] = []
    by_key: dict[str, Frame] = {}
    read_at: dict[int, list[tuple[int, list[str]]]] = {}
    for (si, pos), keys in sorted(ctx.agreement_anchors.items()):
        read_at.setdefault(si, []).append((pos, keys))
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if sent.heading:
            continue
        text = sent.text
        spans = clauses(text)
        for m in sm.mentions:
            if m.label != "Agreement" or not m.entity:
                continue
            e = ctx.entity(m.entity)
            if e is None or e.label != "Agreement" or e.described:
                continue
            anchor = Anchor(sent.index, m.start, m.end, False, _clause_of(spans, m.start))
            fr = by_key.get(m.entity)
            if fr is None:
                fr = by_key[m.entity] = Frame("Agreement", "named", key=m.entity, name=e.name.lower())
                frames.append(fr)
            fr.anchors.append(anchor)
        named = _named_spans(sm.mentions)
        words = P.agreement_words(text, sm.tokens)
        at_words = {kw.start() for kw in words}
        for pos, (key, *_more) in read_at.get(sent.index, ()):
            if pos not in at_words and key not in by_key:  # a deal told by its verb, no agreement word
                fr = by_key[key] = Frame("Agreement", ctx.entity(key).props.get("kind", "deal"), key=key)
                fr.status = ctx.entity(key).props.get("status")
                # its parties are the buyer and the bought the rule read, not who a later "the deal" is near
                fr.split = True
                fr.anchors.append(Anchor(sent.index, pos, pos + 1, False, _clause_of(spans, pos)))
                frames.append(fr)
        follow = _FOLLOWUP.match(text)  # "Under the new accords with A and B, ...": refers back
        followed: Frame | None = None  # the frame such a sentence is about: its other agreement words are part of it
        last: tuple[int, Frame] | None = None  # where the previous agreement word ended, and its frame
        for kw in words:
            if any(a <= kw.start() < b for a, b in named):
                continue
            read = ctx.agreement_anchors.get((sent.index, kw.start()))
            if last is not None and not read and P.one_agreement(text, last[0], kw.start()):
                # "a framework agreement", "a loan facility agreement": two agreement words, one agreement
                last[1].anchors.append(Anchor(sent.index, kw.start(), kw.end(), True, _clause_of(spans, kw.start())))
                last = (kw.end(), last[1])
                continue
            word = kw.group()
            if P.PLURAL_AGREEMENT.search(word) and _LISTED.match(text, kw.end()):
                continue  # "other deals announced included ...": the list names them
            if not read and (
                P.ANY_AGREEMENT.search(text, max(0, kw.start() - 30), kw.start()) or P.IN_ANY.match(text, kw.end())
            ):
                continue  # "any later joint venture", "a stake in any project": no agreement in particular
            anchor = Anchor(sent.index, kw.start(), kw.end(), False, _clause_of(spans, kw.start()))
            pre = text[max(0, kw.start() - 40) : kw.start()]
            kind = P.agreement_kind(word)
            definite = bool(_DEFINITE.search(pre))
            if definite and not (follow is not None and kw.start() < follow.end()):
                # "the deal between C and D" after "a deal with B": a new agreement, unless its parties
                # are those of the one it would refer to
                definite = _same_parties(ctx, frames, kind, sm.mentions, text, kw.end())
            anchor.definite = definite
            if read:  # a rule read this agreement and its parties here: the frame is that agreement
                target = by_key.get(read[0])
                told = _refers_to(frames, kind) if definite and target is None and len(read) == 1 else None
                if told is not None and told.key is None:
                    # "An MoU was signed on Monday. The MoU was signed by A and B.": the parties the
                    # rule read at the later mention are those of the agreement told before
                    target = by_key[read[0]] = told
                    told.key = read[0]
                elif target is None:
                    plural = bool(P.PLURAL_AGREEMENT.search(word))
                    target = by_key[read[0]] = Frame("Agreement", kind, key=read[0], plural=plural)
                    target.split = len(read) > 1
                    target.batch = list(read) if len(read) > 1 else []
                    target.status = P.status_of(text[anchor.clause[0] : anchor.clause[1]])
                    frames.append(target)
                target.anchors.append(anchor)
                last = (kw.end(), target)
                continue
            target = _refers_to(frames, kind) if definite else None
            if target is not None and target.parent is not None:
                target = target.parent  # "the MoU with B ..., while the MoU with C": back to the batch
            if target is not None and target.batch:
                target = _one_of_batch(target, parties, by_key, frames, sm.mentions, text, kw.end())
            if follow is not None and kw.start() < follow.end():
                followed = target
            elif target is None and followed is not None:
                target = followed
                anchor.definite = True
            if target is None:
                clause = text[anchor.clause[0] : anchor.clause[1]]
                status = P.status_of(clause)
                target = Frame("Agreement", kind, status=status, plural=bool(P.PLURAL_AGREEMENT.search(word)))
                # "deals that could lead to ...", "will strengthen international agreements": the kind, no
                # agreements told (those are signed, or told by whom they are with)
                target.untold = target.plural and not (status == "signed" or _INTRODUCES.match(text, kw.end()))
                # (not "the agreement with C", found above to be a new one: it stays so)
                target.named_with = [] if _DEFINITE.search(pre) else _introduced(sm.mentions, text, kw.end())
                frames.append(target)
            target.anchors.append(anchor)
            last = (kw.end(), target)
        for m in P.finds(P.AGREEMENT_ANAPHOR, text):  # "the new initiative": a named one referred to
            if any(a <= m.start() < b for a, b in named) or vp().agreement_kw.match(text, m.start(1)):
                continue
            if P.FRAMEWORK_OF.match(text, m.start(1)):
                continue  # "within the framework of the visit"
            word = m.group(1).lower()
            named_frames = [f for f in frames if f.key and f.kind == "named" and word in ctx.entity(f.key).name.lower()]
            if named_frames and named_frames[-1].anchors[-1].sent <= sent.index:
                named_frames[-1].anchors.append(
                    Anchor(sent.index, m.start(), m.end(), True, _clause_of(spans, m.start()))
                )
        _head_references(sent.index, text, spans, named, frames)
    frames = _same_counterpart(frames, parties)
    for fr in frames:
        fr.anchors.sort(key=lambda a: (a.sent, a.start))
        if fr.status is None:
            for a in fr.anchors:
                fr.status = P.status_of(ctx.sentences[a.sent].text[a.clause[0] : a.clause[1]])
                if fr.status:
                    break
    return frames


#: a definite head noun alone: "the plan" after "an action plan", "the venture" after "a joint venture"
#: and "the document", "the letter" (of intent) after any agreement told in the three sentences before
_HEAD_BACK = re.compile(
    word_led("[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir")
    + r"\s+(?:new\s+)?(plan|venture|project|research|document|letter(?!\s+of\b)|stake(?!\s+(?:of|to)\b))\b"
)


#: the sale's verb right before "the stake": the stake is what is bought again, where its seller is told
_SALE_VERB_BEFORE = re.compile(r"\b(?:buy\w*|bought|acquir\w*|purchas\w*|sell\w*|sold|tak\w*|took|transfer\w*)\s+$")


#: one of which every match of :data:`_HEAD_BACK` holds
_HEAD_WORDS = ("plan", "venture", "project", "research", "document", "letter", "stake")


def _head_references(si: int, text: str, spans, named, frames: list[Frame]) -> None:
    """An agreement of a two-word kind ("an action plan", "a joint venture") referred to later by
    its head noun alone ("the plan", "the venture"; "will buy the stake from B" after "a 30% stake",
    where the seller is named), or any agreement by "the document", "the letter" in the three
    sentences after it: that mention is one of its anchors."""
    if not P.holds_any(text, _HEAD_WORDS):
        return
    for m in _HEAD_BACK.finditer(text):
        if any(a <= m.start() < b for a, b in named):
            continue
        head = m.group(1)
        if head in ("document", "letter"):  # "The document was signed by ...": the agreement told last
            fr = next((f for f in reversed(frames) if f.type == "Agreement" and si - f.anchors[-1].sent <= 3), None)
        else:
            fr = next((f for f in reversed(frames) if f.kind.endswith("_" + head)), None)
            if head == "stake":  # a stake a rule read (its buyer known) bought again: "will buy the stake from B"
                fr = next((f for f in reversed(frames) if f.kind == head), None)
                if fr is None or fr.key is None or not _SALE_VERB_BEFORE.search(text, 0, m.start()):
                    continue
        if fr is None or fr.first.sent > si or (fr.first.sent == si and fr.first.start > m.start()):
            continue
        if any(a.sent == si and a.start <= m.start(1) < a.end + 1 for a in fr.anchors):
            continue  # the head of the kind's own words ("an action plan")
        fr.anchors.append(Anchor(si, m.start(), m.end(), True, _clause_of(spans, m.start())))


#: the describing words before a counterpart's name: "Japan's", "US magnet maker", "the state miner"
_DESCRIBED = re.compile(r"(?:[A-Z][\w-]*(?:['’]s)?\s+)?(?:[a-z][\w-]*\s+){0,4}")


def _introduced(ms, text: str, end: int) -> list[str]:
    """The actors named right after an agreement word that ends at ``end``: "with A", "between A
    and B" (coordinated)."""
    intro = _INTRODUCES.match(text, end)
    if intro is None:
        return []
    actors = [o for o in actors_of(ms) if not is_descriptor(o, ms, text)]

    def after(pos: int):  # the actor named at ``pos``, past its describing words
        return next((o for o in actors if o.start >= pos and _DESCRIBED.fullmatch(text, pos, o.start)), None)

    named: list[str] = []
    first = after(intro.end())
    while first is not None and first.entity not in named:
        named.append(first.entity)
        j = _JOIN.match(text, first.end)
        first = after(j.end()) if j else None
    # "a joint venture between A and the state company B": both sides, or it tells too little
    return [] if "between" in intro.group() and len(named) < 2 else named


def _same_counterpart(frames: list[Frame], parties: dict[str, set[str]]) -> list[Frame]:
    """The frames no rule read that are one a rule read elsewhere in the article: of a compatible
    kind, their counterpart ("an offtake with B", "a separate memorandum with C", a summary line
    with no verb) among its parties, and no other agreement so. Their anchors join that
    agreement's frame (one of a batch's, "MoUs with B and C", gets a frame of its own), so what
    the sentences about them say (the minerals, "Under the offtake, ...") reaches the agreement;
    as frames of their own they would have fewer than two parties and be dropped."""
    merged: set[int] = set()
    for fr in list(frames):
        if fr.key is not None or fr.plural or not fr.named_with:
            continue
        same = [
            (other, key)
            for other in frames
            if other.key is not None
            and other.parent is None
            and (other.kind == fr.kind or other.kind in _GENERIC_KINDS or fr.kind in _GENERIC_KINDS)
            for key in (other.batch or [other.key])
            if set(fr.named_with) <= parties.get(key, set())
        ]
        if len(same) != 1:
            continue
        other, key = same[0]
        if key != other.key:  # one agreement of a batch: its own frame, as "the MoU with C" gets
            child = next((f for f in frames if f.key == key and f.parent is other), None)
            if child is None:
                child = Frame("Agreement", other.kind, key=key, status=other.status, split=True, parent=other)
                frames.append(child)
            other = child
        other.anchors.extend(fr.anchors)
        other.status = other.status or fr.status
        merged.add(id(fr))
    return [fr for fr in frames if id(fr) not in merged] if merged else frames


def _same_parties(ctx: DocContext, frames: list[Frame], kind: str, ms, text: str, end: int) -> bool:
    """Whether a definite agreement word refers back: unless the actors it names right after it
    ("the deal between C and D", "the MoU with C") are not all among those named where the
    agreement it would refer to was told, two of them at least (then it tells a new one)."""
    intro = _INTRODUCES.match(text, end)
    if intro is None:
        return True
    earlier = _refers_to(frames, kind)
    if earlier is None:
        return True
    actors = actors_of(ms)
    named: list[str] = []
    first = next((o for o in actors if intro.end() <= o.start <= intro.end() + 2), None)
    while first is not None:
        named.append(first.entity)
        j = _JOIN.match(text, first.end)
        first = next((o for o in actors if j and o.start == j.end()), None)
    if not named:
        return True
    told = {
        o.entity
        for a in earlier.anchors
        if not a.definite or earlier.named
        for o in actors_of(ctx.found[a.sent].mentions)
    }
    # the agreement told before with fewer than two of its parties named ("an agreement with two
    # producers"): this mention may name the rest
    return set(named) <= told or len(told) < 2


def _one_of_batch(
    batch: Frame,
    parties: dict[str, set[str]],
    by_key: dict[str, Frame],
    frames: list[Frame],
    ms,
    text: str,
    end: int,
) -> Frame:
    """The agreement of a batch ("MoUs with B, C and D") that a definite mention naming its
    counterpart refers to ("the memorandum with C"): its own frame (opened at the first such
    mention), whose parties are the rule's; the batch itself when the mention names none."""
    intro = _INTRODUCES.match(text, end)
    if intro is None:
        return batch
    first = next((o for o in actors_of(ms) if intro.end() <= o.start <= intro.end() + 2), None)
    if first is None:
        return batch
    keys = [k for k in batch.batch if first.entity in parties.get(k, ())]
    if len(keys) != 1 or keys[0] == batch.key:
        return batch
    fr = by_key.get(keys[0])
    if fr is None or fr is batch:
        fr = by_key[keys[0]] = Frame("Agreement", batch.kind, key=keys[0], status=batch.status, split=True)
        fr.parent = batch
        frames.append(fr)
    return fr


def _refers_to(frames: list[Frame], kind: str) -> Frame | None:
    """The latest frame a definite agreement word of ``kind`` refers back to: one of that kind
    when there is one ("the roadmap" past a named strategy), else the latest that may be it."""
    if kind not in _GENERIC_KINDS:
        word = kind.replace("_", " ")
        same = next((fr for fr in reversed(frames) if fr.kind == kind or (fr.name and word in fr.name)), None)
        if same is not None:
            return same
    for fr in reversed(frames):
        if kind in _GENERIC_KINDS or fr.kind == kind or fr.kind in _GENERIC_KINDS or fr.named:
            return fr
    return None


def _clause_of(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    return next(((a, b) for a, b in spans if a <= pos < b), spans[-1] if spans else (0, 0))


@step(writes=("frames:event",))
def event_frames(ctx: DocContext) -> list[Frame]:
    """Every named meeting, with each later "the summit", "the forum" that refers to it."""
    frames: dict[str, Frame] = {}
    if not ctx.has_events:
        return []  # every frame is a named meeting's
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if sent.heading:
            continue
        anaphors, contexts = P.event_words(sent.text)
        named = [(m.start, m.end) for m in sm.mentions if m.label == "Event"]
        heads = [r for r in ctx.own_head_refs(sent.text) if not any(a <= r[0] < b for a, b in named)]
        if not named and not anaphors and not heads and not (contexts and ctx.main_event):
            continue  # no meeting here: its clauses are not needed
        spans = clauses(sent.text)
        for m in sm.mentions:
            if m.label == "Event" and m.entity and ctx.label(m.entity) == "Event":
                fr = frames.setdefault(m.entity, Frame("Event", "named", key=m.entity))
                fr.anchors.append(Anchor(sent.index, m.start, m.end, False, _clause_of(spans, m.start)))
        named_at = {a for a, _b in named}
        for w in anaphors:
            if any(a <= w.start() < b for a, b in named) or part_of_named(sent.text, w, named_at):
                continue
            key = ctx.resolve_event_anaphor(w.group(1), sent.index, w.start())
            if key and ctx.label(key) == "Event":
                fr = frames.setdefault(key, Frame("Event", "named", key=key))
                fr.anchors.append(Anchor(sent.index, w.start(), w.end(), True, _clause_of(spans, w.start())))
        for w in contexts:
            if part_of_named(sent.text, w, named_at):
                continue
            # "the plenary": of the meeting named last; "on the sidelines": of the article's meeting
            key = ctx.last_meeting(sent.index, w.start()) if w.group().lower() in PART_WORDS else ctx.main_event
            if key:
                fr = frames.setdefault(key, Frame("Event", "named", key=key))
                fr.anchors.append(Anchor(sent.index, w.start(), w.end(), True, _clause_of(spans, w.start())))
        for start, end, key in heads:  # "the Indaba" after "the Mining Indaba"
            fr = frames.setdefault(key, Frame("Event", "named", key=key))
            fr.anchors.append(Anchor(sent.index, start, end, True, _clause_of(spans, start)))
    out = list(frames.values())
    for fr in out:
        fr.anchors.sort(key=lambda a: (a.sent, a.start))
    return out
