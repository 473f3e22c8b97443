"""Agreements and their parties: named ones ("the Minerals Security Partnership"), unnamed
ones read from a clause ("A signed an offtake agreement with B"), and the sentences that
follow one ("Under the deal, ...", "The MOU was signed by ...", "It covers ...")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from minegraph.loaders.gazetteer import countries, slug, vocabulary, word_led, word_led_ci
from minegraph.loaders.measures.dates import date_key, signing_month
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.context import (
    ACTORS,
    DocContext,
    Out,
    actors_of,
    clauses,
    coordinated,
    inside,
    is_descriptor,
    relative_spans,
    step,
)
from minegraph.loaders.relations.embedded import about_actor_spans, apart, describing_spans, other_event_spans
from minegraph.loaders.relations.events import observers
from minegraph.loaders.relations.patterns import ends_with
from minegraph.loaders.sentences import Sentence

#: "Canada-EU Strategic Partnership", "EU–Ruritania MoU": the parties joined at the head of a name
_PARTY_PREFIX = re.compile(
    r"^(?:[Tt]he\s+)?((?:[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*[-–/]\s*){1,3}[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)(?=\s)"
)


_PARTY_JOIN = re.compile(r"\s*[-–/]\s*")


def _named_parties(ctx: DocContext, name: str) -> list[str]:
    """The actors a name's hyphenated head joins, when every part is an actor of the article."""
    m = _PARTY_PREFIX.match(name)
    if not m:
        return []
    keys = []
    parts = _PARTY_JOIN.split(m.group(1))
    for n, part in enumerate(parts):
        key = _actor_key(ctx, part)
        if key is None and n == len(parts) - 1 and " " in part:  # "Canada-EU Strategic ...": one word
            key = _actor_key(ctx, part.split()[0])
        if key is None:
            return []
        keys.append(key)
    return [k for k in keys if k in ctx.registry.entities] if len(keys) >= 2 else []


def _actor_key(ctx: DocContext, surface: str) -> str | None:
    hit = countries().lookup(surface)
    if hit:
        return f"country:{hit[0].lower()}"
    ent = (
        ctx.registry.find_acronym(surface)
        or ctx.registry.find("Agency", surface)
        or ctx.registry.find("Company", surface)
    )
    return ent.key if ent is not None and ent.label in ACTORS else None


#: "the Critical Raw Materials Act", "the national mining code": one government's instrument
_NATIONAL_INSTRUMENT = re.compile(r"\b(?:Act|Strategy|[Cc]ode|Law|Policy|Bill|Regulations?|Decree)$")


#: "a Ruritania-led initiative": the country that leads or backs it; the cue is the cheap scan first
_LED_BY = re.compile(r"(?<![\w-])([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)-(led|backed|funded|financed)\b")
_LED_BY_CUE = re.compile(r"-(?:led|backed|funded|financed)\b")


_BRINGS_TOGETHER = re.compile(
    r"(?:,?\s+(?:which|that)\s+)?\s*(?:brings?|brought)\s+together\s+(?:[\w-]+\s+){0,4}?"
    r"(?:(?:including|such as|like|from)\s+)?|\s*(?:,|—|–|:|\()\s*(?:whose\s+members\s+(?:are|include)\s+)?"
)
_MEMBER_OF_BEFORE = re.compile(r"\bmember\s+(?:countries|states|nations|economies|governments)\s+of\s+(?:the\s+)?$")
_MEMBER_LIST_STOP = re.compile(r"\s(?:—|–)\s*(?:have|has|will|were|are|attended|signed|met|joined)\b|[;)]")
_COMMA_OR_SEMI = re.compile(r"[,;]")
_RELATIVE_PRONOUN = re.compile(r"\b(?:that|which|who)\b")
_SEMICOLON = re.compile(r"[;]")


@step(reads=(), writes=("PARTY_TO:named", "LEADS"))
def named_agreements(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    text = sent.text
    ms = sm.mentions
    named = [m for m in ms if m.label == "Agreement" and m.entity]
    for a in named:
        e = ctx.entity(a.entity)
        for iso in e.name_countries:
            ctx.ensure_country(f"country:{iso.lower()}")
            out.add(f"country:{iso.lower()}", "PARTY_TO", a.entity, 0.6, text)
        for key in _named_parties(ctx, e.name):
            out.add(key, "PARTY_TO", a.entity, 0.6, text)
        if _NATIONAL_INSTRUMENT.search(e.name):
            continue  # a national act or strategy: only its own country, named in it, is party
        others = _counterparts_of_words(text, sm, named) if any(o.end <= a.start for o in actors_of(ms)) else set()
        for o in actors_of(ms):
            if o.end > a.start or is_descriptor(o, ms, text) or id(o) in others:
                continue
            between = text[o.end : a.start]
            if P.PARTY_CUE.search(between) and not _SEMICOLON.search(between):
                typ = (
                    "LEADS" if P.LEADS.search(between) and ctx.label(o.entity) in ("Country", "Agency") else "PARTY_TO"
                )
                out.add(o.entity, typ, a.entity, 0.7, text)
    for led in _LED_BY.finditer(text) if _LED_BY_CUE.search(text) else ():
        ctry = next((o for o in ms if o.label in ("Country", "Agency") and o.start == led.start(1) and o.entity), None)
        target = next((a for a in reversed(named) if a.end <= led.start() and led.start() - a.end <= 20), None) or next(
            (a for a in named if a.start >= led.end() and a.start - led.end() <= 30), None
        )
        if ctry is not None and target is not None:
            typ = "LEADS" if led.group(2) == "led" else "PARTY_TO"  # "a Zambian-backed corridor" is a party cue
            out.add(ctry.entity, typ, target.entity, 0.7, text)
    # "X brings together institutions including A, B and C", "the member countries of X — A, B and C"
    for a in named:
        after = _BRINGS_TOGETHER.match(text[a.end :])
        member = _MEMBER_OF_BEFORE.search(text[: a.start])
        together = after is not None and "together" in after.group()
        if after is None or not (together or member or "members" in after.group()):
            continue
        start = a.end + after.end()
        end = next((c[1] for c in clauses(text) if c[0] <= start < c[1]), len(text))
        stop = _MEMBER_LIST_STOP.search(text[start:end])
        if stop:
            end = start + stop.start()
        for o in actors_of(ms):
            if start <= o.start < end and not is_descriptor(o, ms, text):
                out.add(o.entity, "PARTY_TO", a.entity, 0.65, text)
    # "X will chair the forum", "X previously led MSP activities", "X is set to head a new initiative"
    for lm in P.finds(P.LEADS, text):
        subj = [
            o
            for o in ms
            if o.end <= lm.start()
            and o.entity
            and not o.inner
            and o.label in ("Country", "Agency", "Person")
            and not is_descriptor(o, ms, text)
        ]
        if not subj:
            continue
        subj_m = subj[-1]
        gap = text[subj_m.end : lm.start()]
        if len(gap.split()) > 4 or _COMMA_OR_SEMI.search(gap) or _RELATIVE_PRONOUN.search(gap):
            continue
        obj = next(
            (
                o
                for o in ms
                if o.start >= lm.end() and o.start - lm.end() <= 40 and o.label in ("Agreement", "Event") and o.entity
            ),
            None,
        )
        tkey = obj.entity if obj else None
        if tkey is None:
            an = P.AGREEMENT_ANAPHOR.match(text, lm.end() + 1) or P.AGREEMENT_ANAPHOR.search(
                text[lm.end() : lm.end() + 60]
            )
            if an:
                tkey = ctx.resolve_event_anaphor(an.group(1), sent.index, lm.end(), agreements=True)
                if tkey is None or ctx.label(tkey) not in ("Agreement", "Event"):
                    tkey = _main_agreement(ctx, an.group(1))
        if tkey:
            out.add(subj_m.entity, "LEADS", tkey, 0.75, text)


def _counterparts_of_words(text: str, sm: SentenceMentions, named: list[Mention]) -> set[int]:
    """The actors (ids of their mentions) a sentence names as the counterparts of an agreement word
    of its own: "deals with A and B", "the partnerships Ruritania has signed with A and B". A named
    agreement told after them in the sentence ("..., and its membership of the X Partnership") is
    not theirs: they are that word's."""
    actors = actors_of(sm.mentions)
    got: set[int] = set()
    for kw in P.agreement_words(text, sm.tokens):
        if not any(m.start <= kw.start() < m.end for m in named):
            got.update(id(o) for o in counterparts_after(text, actors, kw.end()))
    return got


def counterparts_after(text: str, actors: list[Mention], end: int) -> list[Mention]:
    """The actors named as the counterparts of an agreement word that ends at ``end``: "with A and
    B" right after it, or after a relative clause whose subject signed it ("the deals Ruritania
    has signed with A and B")."""
    wth = _WITH_PARTY.match(text, end)
    rel = P.BARE_RELATIVE_SIGNER.match(text, end) if wth is None else None
    signer = next((o for o in actors if o.start == rel.end()), None) if rel else None
    verb = P.SIGNED_WITH.match(text, signer.end) if signer is not None else None
    at = wth.end() if wth is not None else verb.end() if verb is not None else None
    first = next((o for o in actors if at is not None and at <= o.start <= at + 2), None)
    return _chain(actors, first, text) if first is not None else []


def _main_agreement(ctx: DocContext, word: str) -> str | None:
    cands = [
        (k, e)
        for k, e in ctx.registry.entities.items()
        if e.label == "Agreement" and (e.props.get("kind") == word.lower() or word.lower() in e.name.lower())
    ]
    if not cands:
        return None
    return max(cands, key=lambda ke: (ke[1].count, -ke[1].first))[0]


_CHAIN_GAP = re.compile(
    r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?(?:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s\s+)?(?:(?!"
    + P.NOT_IN_A_NAME
    + r")[a-z][\w-]*\s+){0,4}"
)
_NOT_SIGNING_YEAR = re.compile(
    r"\b(?:from|until|till|by|through|to|before|after|since|for|of|end of|beginning of)\s+(?:the\s+)?$", re.I
)


_COOPERATIVE = re.compile(word_led_ci(r"(?:co-?operat\w*|partner\w*|together|jointly|talks|framework|alliance)\b"))


def _chain(actors: list[Mention], first: Mention, text: str) -> list[Mention]:
    """``first`` and the actors coordinated after it ("A, B and Morocco's state group C")."""
    group = [first]
    for o in actors:
        if o.start > group[-1].start and o.start >= group[-1].end:
            if _CHAIN_GAP.fullmatch(text[group[-1].end : o.start]):
                group.append(o)
            else:
                break
    return group


#: a year not opening a range ("2023", not "2023-2025"), and a dash
_YEAR_NOT_RANGE = re.compile(r"\b((?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)")
_DASH = re.compile(r"[-–]")


def _agreement_year(clause: str, kw_start: int, status: str, doc_year: int | None) -> int | None:
    for y in _YEAR_NOT_RANGE.finditer(clause):
        if _NOT_SIGNING_YEAR.search(clause[: y.start()]) or _DASH.match(clause[y.end() : y.end() + 1]):
            continue
        if y.start() > 0 and clause[y.start() - 1] in "-–":
            continue
        return int(y.group(1))
    return doc_year if status in ("signed", "launched") and doc_year else None


def _recent_agreement(ctx: DocContext, sent_index: int, kind: str | None = None) -> str | None:
    """The agreement reported last up to this sentence (of ``kind`` when one of that kind was)."""
    cands = [(i, k) for i, k in ctx.recent_agreements if i <= sent_index]
    cands += [(i, k) for i, _, k in ctx.event_order if i <= sent_index and ctx.label(k) == "Agreement"]
    if kind:
        same = [(i, k) for i, k in cands if ctx.entity(k).props.get("kind") == kind]
        cands = same or cands
    return max(cands)[1] if cands else None


#: the words that name an agreement's kind in a reference back, tried in this order (compiled
#: once, not on each call)
_KIND_WORDS = tuple(
    (re.compile(rf"\b{word}\b"), kind)
    for word, kind in (
        ("mou", "mou"),
        ("memorandum", "mou"),
        ("partnership", "partnership"),
        ("framework", "framework"),
        ("joint venture", "joint_venture"),
        ("venture", "joint_venture"),
        ("jv", "joint_venture"),
    )
)


def _kind_word(cue: str) -> str | None:
    """'Under the MoU,' -> 'mou'; generic words ('deal', 'agreement') name no kind."""
    low = cue.lower()
    for rx, kind in _KIND_WORDS:
        if rx.search(low):
            return kind
    return None


def _agreement_of(ctx: DocContext, out: Out, sent_index: int, party: str) -> str | None:
    """The agreement reported last up to this sentence that ``party`` is party to."""
    theirs = {r.target for r in out.rels.values() if r.type == "PARTY_TO" and r.source == party}
    cands = [(i, k) for i, k in ctx.recent_agreements if i <= sent_index and k in theirs]
    return max(cands)[1] if cands else None


def _parties_of(out: Out, key: str | None) -> list[str]:
    return [r.source for r in out.rels.values() if r.type == "PARTY_TO" and r.target == key]


_FOLLOWUP = re.compile(
    r"^(?:Under|Through|As part of)\s+the\s+(?:terms\s+of\s+the\s+)?(?:new\s+|\w+\s+)?(?:deals?|agreements?|accords?"
    r"|MOUs?|MoUs?|memorand(?:um|a)|pacts?|partnership|framework|arrangements?|contracts?|letter|document)\b,?"
)
#: "Under the new accords with A, B and C, ...": the counterparties listed
_FOLLOWUP_WITH = re.compile(r"\s+with\s+(?:the\s+)?")
_SIGNED_BY = re.compile(
    # (the word may be capitalised: "The Declaration was signed by ...")
    r"^(?:The|the)\s+(?:[\w-]+\s+){0,3}?(?i:deal|agreement|accord|MOU|memorandum(?: of understanding)?|pact|"
    r"partnership|framework|contract|letter(?: of intent)?|document|declaration|communiqu[eé]|arrangement|roadmap"
    r"|compact)\s+(?:was|were|had been|has been)\s+(?:formally\s+|jointly\s+)?(?:signed|endorsed|adopted|initialled)\b"
)
_COVERS = re.compile(
    r"^(?:The|the|It|it)\s+(?:[\w-]+\s+){0,3}?(?:deal|agreement|accord|MOU|MoU|memorandum(?: of understanding)?|pact|"
    r"partnership|framework|it)?\s*(?:covers|will cover|includes|spans|focuses on|targets|concerns|applies to)\b"
    # "The joint venture will produce A, B and C"
    r"|^(?:The|the)\s+(?:[\w$.-]+\s+){0,4}?(?:joint\s+venture|venture|JV|partnership|project)(?:,[^,;]{1,80},)?\s+"
    r"(?:will|would|is\s+to|aims\s+to|plans\s+to|is\s+expected\s+to|expects\s+to)\s+(?:also\s+|initially\s+)?"
    r"(?:produce|process|refine|supply|mine|extract|develop|recycle|separate)\b"
    # "The pact supports joint work on X", "This MoU strengthens the supply of X and Y"
    r"|^(?:The|This)\s+(?:[\w-]+\s+){0,3}?(?:deal|agreement|accord|MOU|MoU|memorandum|pact|partnership|framework"
    r"|contract)\s+(?:also\s+|will\s+(?:also\s+)?|aims\s+to\s+|seeks\s+to\s+)?(?:ensures?|promotes?|supports?"
    r"|secures?|provides?\s+for|envisages?|calls\s+for|involves?|boosts?|strengthens?|deepens?|opens?)\b"
)


#: a sentence about the agreement just reported that opens a list on the lines after it: "The roadmap
#: sets out actions for three years, including:", "Under the MoU, the two sides will:"
_OPENS_LIST = re.compile(
    r"^(?:The|This|Under\s+the|Under\s+this)\s+(?:[\w-]+\s+){0,3}?(?:deal|agreement|accord|MOU|MoU|memorandum"
    r"(?:\s+of\s+understanding)?|pact|partnership|framework|roadmap|plan|programme|program|declaration|charter)\b"
)
#: a line that is an item of such a list: a bullet, a letter or number, or a lowercase start
_LIST_ITEM = re.compile(r"(?:[-•*–·▪]\s*|\(?[a-z0-9]{1,2}[.)]\s+)?[a-z]")


def _listed_topics(ctx: DocContext, sent: Sentence, out: Out) -> None:
    """The minerals of the list items after a sentence about the agreement just reported that ends
    with a colon are minerals it covers ("... including:" / "- joint exploration of tin and zinc;")."""
    key = _recent_agreement(ctx, sent.index)
    if key is None:
        return
    for i in range(sent.index + 1, min(len(ctx.sentences), sent.index + 12)):
        item = ctx.sentences[i]
        if item.heading or not _LIST_ITEM.match(item.text):
            break
        for m in ctx.found[i].mentions:
            if m.label == "Mineral" and m.entity:
                out.add(key, "COVERS", m.entity, 0.65, item.text)


_IN_OR_AT_BEFORE = re.compile(r"\b(?:in|at)\s+$")


@step(reads=("agreements", "WORKS_FOR", "PARTY_TO"), writes=("PARTY_TO:followup", "COVERS:followup"))
def agreement_followups(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """Parties and minerals of the agreement just reported, from the sentences that follow:
    "Under the deal, A and B will ...", "The MOU was signed by <official of A> and <official of B>",
    "The agreement covers lithium and cobalt"."""
    text = sent.text
    if text.endswith(":") and _OPENS_LIST.match(text):
        _listed_topics(ctx, sent, out)
    fu = _FOLLOWUP.search(text)
    signed = _SIGNED_BY.search(text)
    covers = _COVERS.search(text)
    if not (fu or signed or covers):
        return
    cue = (fu or signed or covers).group()  # type: ignore[union-attr]
    key = _recent_agreement(ctx, sent.index, _kind_word(cue))
    if key is None:
        return
    ms = sm.mentions
    if fu or signed:
        employers = {r.source: r.target for r in out.in_sentence(text, "WORKS_FOR")}
        pos = fu.end() if fu else 0
        listed = _FOLLOWUP_WITH.match(text, pos) if fu else None
        if listed:
            actors = [o for o in actors_of(ms) if not is_descriptor(o, ms, text)]
            first = next((o for o in actors if o.start == listed.end()), None)
            if first is not None:
                group = _chain(actors, first, text)
                for o in group:
                    out.add(o.entity, "PARTY_TO", key, 0.65, text)
                pos = group[-1].end
        end = next((c[1] for c in clauses(text) if c[0] <= pos < c[1] or c[0] >= pos), len(text)) if fu else len(text)
        aside = _relatives_not_signing(text)
        for o in ms:
            if not (pos <= o.start < end) or not o.entity or o.inner or inside(o, aside):
                continue
            if o.label == "Person" and signed and o.entity in employers:
                out.add(employers[o.entity], "PARTY_TO", key, 0.65, text)
            elif (
                o.label in ACTORS
                and o.kind != "venue"
                and not is_descriptor(o, ms, text)
                and not (o.kind == "demonym" and P.DEMONYM_GROUP.match(text, o.end))  # "the Chinese company"
            ):
                if o.entity in employers.values() and signed:
                    continue
                if signed and _IN_OR_AT_BEFORE.search(text[: o.start]):
                    continue
                out.add(o.entity, "PARTY_TO", key, 0.65, text)
    if fu or covers:
        pos = fu.end() if fu else covers.end()  # type: ignore[union-attr]
        for o in ms:
            if o.label == "Mineral" and o.entity and o.start >= pos:
                chosen = P.chosen_party(text, ms, o.start)
                # "The Egyptian memorandum covers X, while the Moroccan one covers Y": each its own
                target = _agreement_of(ctx, out, sent.index, chosen) if chosen else key
                if target is not None:
                    out.add(target, "COVERS", o.entity, 0.65, text)


@step(reads=("deal:written",), writes=("deals",))
def unnamed_agreements(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    text = sent.text
    named_spans = [(m.start, m.end) for m in sm.mentions if m.label in ("Agreement", "Event", "Agency", "Company")]
    employers = {r.target for r in out.in_sentence(text, "WORKS_FOR")}
    words = P.agreement_words(text, sm.tokens)
    if not words:
        return
    for cs, ce in clauses(text):
        kws = [
            _ClauseWord(m, cs)
            for m in words
            if cs <= m.start() and m.end() <= ce and not any(a <= m.start() < b for a, b in named_spans)
        ]
        told = False  # whether an earlier word of the clause told a new agreement ("the deal" refers back)
        for n, kw in enumerate(kws):
            if n and (
                kw.start() < kws[n - 1].end() + 1
                or P.one_agreement(text, kws[n - 1].end() + cs, kw.start() + cs)
            ):
                continue  # overlapping, or the second word of one compound ("a framework agreement")
            if n and verb_phrase(text, cs, ce, kw.start() + cs)[0] > kws[n - 1].end() + cs:
                told = False  # "A signed an MoU and agreed to explore an arrangement": a verb of its own
            deal = UnnamedDeal(ctx, sent, sm, out, cs, ce, kw, not told, employers)
            for filler in DEAL_FILLERS:
                filler(deal)
            told = told or bool(deal.status)


class _ClauseWord:
    """An agreement word of the sentence, with its offsets within its clause."""

    __slots__ = ("_m", "_cs")

    def __init__(self, m: re.Match, cs: int) -> None:
        self._m, self._cs = m, cs

    def start(self) -> int:
        return self._m.start() - self._cs

    def end(self) -> int:
        return self._m.end() - self._cs

    def group(self) -> str:
        return self._m.group()


_PROGRAMME_WITH = re.compile(
    word_led("a|an") + r"\s+(?:new\s+|joint\s+)?((?:[a-z][\w-]*\s+){1,3}(?:program|programme|project|initiative))"
    r"\s+with\s+(?:the\s+)?"
)
_LAUNCHED_BY = re.compile(
    r"\s+(?:has\s+|have\s+|will\s+|also\s+)*(?:launched|signed|agreed|started|began|announced|unveiled|set\s+up|"
    r"established|formed|launch|sign|start|begin|announce|unveil)\s+(?:on\s+\w+\s+)?$"
)


_SPACES = re.compile(r"\s+")


@step(reads=(), writes=("agreements", "PARTY_TO:programme"))
def programmes_with(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """'a geological mapping program with the X Survey': an agreement with the body it names
    (and with the subject that launched it)."""
    text = sent.text
    if not ("program" in text or "project" in text or "initiative" in text) or _PROGRAMME_WITH.search(text) is None:
        return  # (every match holds one of its head words: substring tests before the scan)
    status = P.status_of(text)
    if status is None:
        return
    actors = actors_of(sm.mentions)
    for pm in _PROGRAMME_WITH.finditer(text):
        partner = next((o for o in actors if o.start == pm.end()), None)
        if partner is None:
            continue
        group = _chain(actors, partner, text)
        parties = [o.entity for o in group]
        subj = [o for o in actors if o.end <= pm.start()]
        if subj and _LAUNCHED_BY.match(text[subj[-1].end : pm.start()]):
            parties = [o.entity for o in coordinated(sm.mentions, subj[-1], text)] + parties
        name = _SPACES.sub(" ", text[pm.start(1) : group[-1].end])
        key = "agreement:" + slug(name)
        e = ctx.registry.add_described("Agreement", key, name, sent.index)
        e.props.update({"kind": pm.group(1).split()[-1].replace("programme", "program"), "status": status})
        if ctx.year and status in ("signed", "launched"):
            e.props["year"] = ctx.year
        ctx.recent_agreements.append((sent.index, key))
        for p in dict.fromkeys(parties):
            out.add(p, "PARTY_TO", key, 0.65, text)


#: a deal told by its verb, no agreement word: "A will buy B", "A agreed to acquire B's unit",
#: "A plans to invest $50m in B", "A purchased 10 million shares of B", "A will subscribe to B's shares"
_DEAL_VERB = re.compile(
    r"\b(?:(buy|buys|buying|bought|acquire|acquires|acquiring|acquired|purchase|purchases|purchasing|purchased"
    r"|take\s+over|takes\s+over|took\s+over)|(invest|invests|investing|invested|subscribe|subscribes|subscribed)"
    r"|(lent|lends|loaned))\b"
)
#: a stem every match of :data:`_DEAL_VERB` holds: a sentence without one is not scanned
_DEAL_VERB_STEMS = ("buy", "bought", "acqui", "purchas", "take", "took", "invest", "subscrib", "lent", "lend", "loaned")
#: between the buyer and the verb, only auxiliaries, reporting and intent: "said it has agreed to", "also",
#: or a relative clause's start: "A, which last month agreed to buy ..."
_DEAL_VERB_GAP = re.compile(
    r"\)?(?:\s*\([^()]{1,40}\))?(?:,\s+(?:a|an|the)\s[^,;()]{1,70},)?(?:,\s+which)?"
    r"(?:\s+(?:has|have|had|will|would|is|are|was|were|also|now|further|then|recently|it|that"
    r"|said|says|announced|agreed|agrees|plans?|planned|planning|intends?|aims?|set|expected|to|be|last|this|on"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|month|year|week))*\s+"
)
_WHICH = re.compile(r"\s*which\s")
#: what a bought or funded company may be written after: "Canada's X", "lithium company X", "$50m in X",
#: "all of the Peruvian unit of developer X" (not a sentence's next clause)
_DEAL_VERB_SPAN = 110


def subject_before(actors: list[Mention], cs: int, pos: int, gap: re.Pattern, text: str) -> Mention | None:
    """The subject of a verb at ``pos``: the last actor of the clause (from ``cs``) before it that only
    ``gap`` (auxiliaries, an apposition) parts from the verb. An actor inside the subject's apposition
    ("A, a Ruritanian supplier of X, agreed to buy ...") is part of the gap, not the subject."""
    for o in reversed([o for o in actors if cs <= o.start and o.end <= pos]):
        if gap.fullmatch(text, o.end, pos):
            return o
    return None


_NOT_BOUGHT_GAP = re.compile(r"[;:]|\b(?:to|with)\s+(?:the\s+)?$")
_PLANNED_CUE = re.compile(r"\b(?:will|plans?|to|intends?|set|expected)\b")


@step(reads=("deals",), writes=("agreements", "PARTY_TO:deal_verb", "COVERS:deal_verb", "agreement_anchors"))
def deals_by_verb(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """An acquisition or an investment told only by its verb, in a clause with no agreement word:
    the buyer (the clause's subject, an organisation or a country) and the company or body bought
    or funded are its parties, the minerals after the verb what it covers."""
    text = sent.text
    _deal_in_talks(ctx, sent, sm, out)
    if not P.holds_any(text, _DEAL_VERB_STEMS) or _DEAL_VERB.search(text) is None:
        return
    words = P.agreement_words(text, sm.tokens)
    actors = [o for o in actors_of(sm.mentions) if not is_descriptor(o, sm.mentions, text)]
    for cs, ce in clauses(text):
        if any(cs <= w.start() < ce for w in words):
            continue  # an agreement word: the rules for it read this clause
        # "A, which last month agreed to buy ...": the relative clause's subject is the actor it follows
        before = max((a for a, b in clauses(text) if b <= cs), default=cs) if _WHICH.match(text, cs) else cs
        for vm in _DEAL_VERB.finditer(text, cs, ce):
            buyer = subject_before(actors, before, vm.start(), _DEAL_VERB_GAP, text)
            if buyer is None:
                continue
            end = min(ce, vm.end() + _DEAL_VERB_SPAN)
            obj = next(
                (
                    o
                    for o in actors
                    if vm.end() <= o.start < end and o.label in ("Company", "Agency") and o.entity != buyer.entity
                ),
                None,
            )
            if obj is None or _NOT_BOUGHT_GAP.search(text[vm.end() : obj.start]):
                continue  # "invest in a plant to supply X", "buy ore with X": X is not what is bought
            status = (
                "planned"
                if _PLANNED_CUE.search(text[buyer.end : vm.start()])
                else "signed"
            )
            kind = "acquisition" if vm.group(1) else "investment" if vm.group(2) else "loan"  # "B lent A $50m"
            clause = text[cs:ce]
            year = _agreement_year(clause, vm.start() - cs, status, ctx.year)
            minerals_ = [
                m.entity for m in sm.mentions if m.label == "Mineral" and m.entity and vm.end() <= m.start < ce
            ]
            key = _add_agreement(ctx, sent, out, [buyer.entity, obj.entity], kind, status, year, minerals_, clause)
            # the verb anchors the agreement's frame: a later "the deal" refers back to it
            ctx.agreement_anchors.setdefault((sent.index, vm.start()), []).append(key)


#: "A is in (early) talks with B": the talks and their other side; "negotiations between A and B"
_TALKS_WITH = re.compile(r"\bin\s+(?:[a-z]+\s+)?(?:talks|negotiations|discussions)\s+with\s+(?:the\s+)?")
_TALKS_BETWEEN = re.compile(r"\b(?:talks|negotiations|discussions)\s+between\s+(?:the\s+)?")
_TALKS_AND = re.compile(r"(?:\s*\([^()]{1,40}\))?,?\s+(?:and|&)\s+(?:the\s+)?")
#: between the subject and the talks: an apposition, auxiliaries, reporting ("A, a Seoul firm, said it was")
_TALKS_GAP = re.compile(
    r"(?:\s*\([^()]{1,40}\))?(?:,[^,;]{1,80},)?(?:,\s+which)?(?:\s+(?:is|are|was|were|also|said|says|it|has|have|had|been|now|that"
    r"|separately|already|currently|still|reportedly))*\s+"
)
#: before the other side of the talks, its describing words: "with Kazakh state-owned miner B", "with
#: the Peruvian unit of B" (not a list: "with several firms including B")
_TALKS_SIDE_GAP = re.compile(
    r"(?:[A-Z][\w-]*(?:['’]s)?\s+)?(?:(?!(?:including|such|as|and|or|other|several|some|two|three|four)\s)"
    r"[a-z][\w-]*\s+){0,4}"
)
#: what the talks are for, right after their other side: a purchase, an investment, a financing
_TALKS_FOR = re.compile(
    r"\s+(?:to|about|on|over)\s+(?:(buy|buying|acquire|acquiring|take|taking|purchase|purchasing)"
    r"|(invest|investing|subscribe|subscribing)|(finance|financing|fund|funding|lend|lending))\b"
)
#: or what they are on, a noun: "on a long-term supply of X", "about a possible nickel plant" (the kind it makes)
_TALKS_ON = re.compile(
    r"\s+(?:about|on|over|for)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<noun>supply|supplies|offtake|sale|sales|purchase|investment|stake|plant|refinery|smelter|project"
    r"|venture)\b"
)
_TALKS_KIND = {"investment": "investment", "stake": "stake", "venture": "joint_venture"} | dict.fromkeys(
    ("supply", "supplies", "offtake", "sale", "sales", "purchase"), "offtake"
)


def _talks_side(actors: list[Mention], text: str, pos: int) -> Mention | None:
    """The actor the talks are with, named at ``pos`` past its describing words."""
    return next((o for o in actors if o.start >= pos and _TALKS_SIDE_GAP.fullmatch(text, pos, o.start)), None)


def _talks_purpose(text: str, pos: int) -> tuple[str, int] | None:
    """The kind of the deal talks are on, told right at ``pos``, and where that telling ends."""
    purpose = _TALKS_FOR.match(text, pos)
    if purpose is not None:
        kind = "acquisition" if purpose.group(1) else "investment" if purpose.group(2) else "loan"
        return kind, purpose.end()
    on = _TALKS_ON.match(text, pos)
    if on is None:
        return None
    return _TALKS_KIND.get(on.group("noun"), "joint_project"), on.end()


def _deal_in_talks(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """'A is in talks with B to buy a stake in its mine', 'A said it was in early talks with B about
    financing a rail spur', 'A is in talks with the state miner B on a long-term supply of X',
    'negotiations between A and B on the supply of X': a purchase, investment, loan, supply or joint
    plant A discusses with B, both its parties (in a clause with no agreement word, which its own
    rules read)."""
    text = sent.text
    if " talks " not in text and " negotiations " not in text and " discussions " not in text:
        return
    words = P.agreement_words(text, sm.tokens)
    actors = [o for o in actors_of(sm.mentions) if not is_descriptor(o, sm.mentions, text)]
    found: list[tuple[re.Match, Mention, Mention]] = []
    spans = clauses(text)
    for tm in _TALKS_WITH.finditer(text):
        cs = next((a for a, b in spans if a <= tm.start() < b), 0)
        if _WHICH.match(text, cs):  # "A, which is in talks with B": the actor the clause follows
            cs = max((a for a, b in spans if b <= cs), default=cs)
        subj = subject_before(actors, cs, tm.start(), _TALKS_GAP, text)
        other = _talks_side(actors, text, tm.end())
        if subj is not None and other is not None:
            found.append((tm, subj, other))
    for tm in _TALKS_BETWEEN.finditer(text):
        first = _talks_side(actors, text, tm.end())
        j = _TALKS_AND.match(text, first.end) if first is not None else None
        other = _talks_side(actors, text, j.end()) if j is not None else None
        if first is not None and other is not None:
            found.append((tm, first, other))
    for tm, subj, other in found:
        cs, ce = next(((a, b) for a, b in clauses(text) if a <= tm.start() < b), (0, len(text)))
        if any(cs <= w.start() < ce for w in words):
            continue
        purpose = _talks_purpose(text, other.end)
        if purpose is None or subj.entity == other.entity or other.end > ce:
            continue
        kind, end = purpose
        minerals_ = [m.entity for m in sm.mentions if m.label == "Mineral" and m.entity and end <= m.start < ce]
        key = _add_agreement(
            ctx, sent, out, [subj.entity, other.entity], kind, "under_discussion", None, minerals_, text[cs:ce]
        )
        ctx.agreement_anchors.setdefault((sent.index, tm.start()), []).append(key)


#: what two parties do together that makes an agreement of it: build, develop, supply ...
_JOINT_WORK = (
    r"(?:build|develop|create|set\s+up|establish|form|operate|explore|mine|produce|process|refine|construct"
    r"|supply|sell|deliver|exchange|share|fund|co-fund|co-finance|finance|invest\s+in|study"
    r"|co-?operate|collaborate|work\s+together|carry\s+out\s+joint|conduct\s+joint)"
)
#: after the last party named, what tells an agreement by its verb: "agreed on Monday to build",
#: "announced that they will jointly develop", "said it had agreed with B to supply" (the with-party
#: and its describing words follow; "did not agree", "discussed whether to" do not match)
_AGREED_TO = re.compile(
    r"(?:\s*\([^()]{1,40}\))?,?\s+(?:(?:has|have|had|also|said|say|says|announced|announce|that|they|it|both"
    r"|on\s+[A-Z][a-z]+day)\s+)*"
    r"(?:(?P<verb>agreed|agree|agrees|will|would|plan\s+to|plans\s+to|are\s+to|to)"
    r"(?:\s+on\s+[A-Z][a-z]+day|\s+in\s+(?:19|20)\d\d|\s+(?:last|this|earlier\s+this)\s+(?:year|month|week))?"
    r"(?:\s+(?P<with>with)\s+|\s+(?:to\s+)?(?P<jointly>jointly\s+|together\s+)?(?P<work>" + _JOINT_WORK + r")\b)"
    # "A and B launched a joint processing centre": a joint work set up, told by what it is
    r"|(?P<launch>launched|launch|set\s+up|established|formed|created|opened)\s+(?:a|an)\s+(?:new\s+)?joint\s+)"
)
#: works that are cooperation itself: told as an agreement only in the past ("A and B agreed in 2019 to
#: cooperate on X"), not in a headline's present
_COOPERATION_WORK = re.compile(r"co-?operate|collaborate|work\s+together|carry\s+out|conduct")
#: after the with-party: "... to supply", "... to jointly develop"
_WITH_TO = re.compile(r"(?:\s*\([^()]{1,40}\))?,?\s+to\s+(?:jointly\s+)?(?P<work>" + _JOINT_WORK + r")\b")
#: between two coordinated parties, a describer of the second: "A and Japan's B", "A and the state company B"
_AND_GAP = re.compile(
    r"(?:\s*\([^()]{1,40}\))?\s*(?:,\s*and|,|and|&)\s+(?:the\s+)?(?:[A-Z][\w-]*['’]s\s+)?(?:[a-z][\w-]*\s+){0,4}"
)
#: before the with-party, its describing words: "with British developer B", "with the state's B"
_WITH_GAP = re.compile(r"(?:the\s+)?(?:[A-Z][\w-]*(?:['’]s)?\s+)?(?:[a-z][\w-]*\s+){0,4}")


_JOINT_ENTITY_AFTER = re.compile(r"\s*(?:a|an)\s+(?:new\s+)?joint\s+(?:company|venture|entity|enterprise|firm)\b")
_JOINT_FIRM_AFTER = re.compile(r"(?:company|entity|enterprise|firm)\b")


def _joint_kind_status(m: re.Match, work: str | None, after: str, told: str) -> tuple[str, str]:
    """The kind and status of an agreement :func:`deals_by_joint_verb` reads at ``m``: what the
    parties do (``work``, what follows: ``after``) gives the kind, the verb (and ``told``, the words
    between the last party and it) the status."""
    launch = m.group("launch")
    if launch:
        joint_firm = _JOINT_FIRM_AFTER.match(after)
        return ("joint_venture" if joint_firm else "joint_project"), (
            "launched" if launch.startswith(("launch", "open")) else "signed"
        )
    if work and work.split()[0] in ("supply", "sell", "deliver"):
        kind = "offtake"
    elif _JOINT_ENTITY_AFTER.match(after):
        kind = "joint_venture"
    elif m.group("jointly"):
        kind = "joint_project"
    else:
        kind = "agreement"
    return kind, "signed" if m.group("verb").startswith("agree") or "announce" in told else "planned"


@step(reads=("deals",), writes=("agreements", "PARTY_TO:joint_verb", "COVERS:joint_verb", "agreement_anchors"))
def deals_by_joint_verb(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """An agreement told by what its parties agreed to do together, in a clause with no agreement
    word: "A and B agreed on Monday to build a plant", "A and B will jointly develop a mine", "A
    said it had agreed with B to supply nickel". The parties are the coordinated subjects (two at
    least) or the subject and the with-party; what they do gives the kind (a supply is an offtake,
    a joint company a joint venture, a joint work a joint project)."""
    text = sent.text
    if not ("agree" in text or "will" in text or "jointly" in text or "plan" in text or "joint " in text):
        return
    words = P.agreement_words(text, sm.tokens)
    actors = [o for o in actors_of(sm.mentions) if not is_descriptor(o, sm.mentions, text)]
    for cs, ce in clauses(text):
        here = [o for o in actors if cs <= o.start and o.end <= ce]
        for i, last in enumerate(here):
            m = _AGREED_TO.match(text, last.end)
            if m is None or m.end() > ce:
                continue
            if any(cs <= w.start() < m.end() + 60 for w in words):
                continue  # "agreed to sign an MoU": the agreement word tells it (its rules read it)
            group = [last]
            for prev in reversed(here[:i]):
                if not _AND_GAP.fullmatch(text, prev.end, group[0].start):
                    break
                group.insert(0, prev)
            parties = [o.entity for o in group]
            work = m.group("work")
            launch = m.group("launch")
            if launch:
                if len(group) < 2:
                    continue  # "A launched a joint programme with ...": the with-party is for other rules
            elif m.group("with"):
                gap = _WITH_GAP.match(text, m.end())
                other = next((o for o in here if o.start == gap.end()), None) if gap else None
                to = _WITH_TO.match(text, other.end) if other is not None else None
                if other is None or to is None:
                    continue
                parties.append(other.entity)
                work = to.group("work")
            elif len(group) < 2 or (m.group("verb") in ("will", "would", "to") and not m.group("jointly")):
                continue  # "A will build a plant": one party's work, not an agreement
            parties = list(dict.fromkeys(parties))
            if len(parties) < 2:
                continue
            if work and _COOPERATION_WORK.match(work) and m.group("verb") != "agreed":
                continue  # "A and B agree to cooperate on X": a headline's summary of the instrument told below
            verb_at = m.start("launch") if launch else m.start("verb")
            kind, status = _joint_kind_status(m, work, text[m.end() : ce], text[last.end : verb_at])
            clause = text[cs:ce]
            year = _agreement_year(clause, verb_at - cs, status, ctx.year)
            minerals_ = [
                mm.entity for mm in sm.mentions if mm.label == "Mineral" and mm.entity and m.end() <= mm.start < ce
            ]
            key = _add_agreement(ctx, sent, out, parties, kind, status, year, minerals_, clause)
            ctx.agreement_anchors.setdefault((sent.index, verb_at), []).append(key)
            break


#: "... agreement with (the) B": the other party
_WITH_PARTY = re.compile(r"(?:\s*\([^()]{1,15}\))?(?:\s+[\w-]+){0,2}?\s+with\s+(?:the\s+)?")
#: the same past what one agreement is on: "an MoU on cooperation in geology and mineral resources with B"
_TOPIC_WITH_PARTY = re.compile(
    r"(?:\s*\([^()]{1,15}\))?\s+(?:on|for)(?:\s+(?!with\b)[a-z][\w-]*,?){1,6}?\s+with\s+(?:the\s+)?"
)
#: "... loan of up to CA$80 million from (the) B", "an investment of $50m from B": the lender or investor
_FROM_PARTY = re.compile(
    r"(?:\s+of)?(?:\s+(?:up\s+to|about|around|more\s+than|some|[\w$€£.,%-]+)){0,5}?\s+from\s+(?:the\s+)?"
)
#: "in (the) X", "ahead of the summit in X": a place, not a party
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?(?:(?:north|south|east|west|central)[\w-]*\s+)?$", re.I)
#: "a 30% stake in (the) B"
_STAKE_IN = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?")


#: the bodies that sign for a union (reference ``acts_for``): the union's side, not a side of their own
_AGENTS = frozenset(ref["name"] for ref in vocabulary().bodies if ref.get("acts_for"))


def _named_before(ctx: DocContext, sent_index: int, pos: int, across: bool = False) -> Iterator[tuple[int, Mention]]:
    """(sentence index, mention) of what is named before ``pos``, last first, in this sentence and the
    two before it in the same paragraph (``across``: in any): where "the two countries" or "the
    companies" look back to."""
    for i in (sent_index, sent_index - 1, sent_index - 2):
        if i < 0 or (ctx.sentences[i].heading if across else ctx.paragraphs[i] != ctx.paragraphs[sent_index]):
            return
        for m in reversed(ctx.found[i].mentions):
            if i != sent_index or m.start < pos:
                yield i, m


#: after a country's name, a currency: "2 billion US dollars" names no side
_CURRENCY_AFTER = re.compile(r"\s+(?:dollars?|cents?)\b", re.I)


def last_two_countries(
    ctx: DocContext, sent_index: int, pos: int, unions: bool = False, across: bool = False
) -> list[str]:
    """'the two countries': the last two countries named before, in this or the two sentences before
    it in the same paragraph (``across``: in any; with ``unions``, "the two sides": a union such as the
    EU is one)."""
    seen: list[str] = []
    for i, m in _named_before(ctx, sent_index, pos, across):
        union = (
            m.label == "Agency"
            and m.entity
            and ctx.entity(m.entity).props.get("kind") == "intergovernmental"
            and ctx.entity(m.entity).name not in _AGENTS  # the Commission signs for the Union: one side
        )
        side = m.label == "Country" or (unions and union)
        currency = m.label == "Country" and _CURRENCY_AFTER.match(ctx.sentences[i].text, m.end)
        if side and m.entity and m.kind != "venue" and not currency and m.entity not in seen:
            seen.append(m.entity)
            if len(seen) == 2:
                return seen
    return []


_TITLE_WORDS_ONLY = re.compile(r"[\s,]*(?:(?:[A-Z][\w.’'()-]*|of|the|for|and|&)[\s,]+)*")


def _official_employer(ms: list[Mention], out: Out, start: int, end: int, text: str, last: bool = False) -> str | None:
    """The employer of the official named between ``start`` and ``end`` (first, or ``last``), when the
    words before the name are only a title ("the Transport Minister, Jane Doe")."""
    people = [o for o in ms if o.label == "Person" and o.entity and start <= o.start and o.end <= end]
    if not people:
        return None
    person = people[-1] if last else people[0]
    if not last and not _TITLE_WORDS_ONLY.fullmatch(text[start : person.start]):
        return None
    employers = out.works_for().get(person.entity)
    return employers[0] if employers else None


#: a clause that ends where a serial comma comes ("..., B, and C"), after an item of a list of names
_SERIAL_AND = re.compile(r",\s+and\s+")
_LIST_ITEM_END = re.compile(r",\s+(?:the\s+)?[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+){0,3}$")


@dataclass
class UnnamedDeal:
    """One agreement word of a clause ("signed an MoU", "a deal between A and B") and what its
    role fillers read: the clause, its status and kind, the usable actors, and the parties."""

    ctx: DocContext
    sent: Sentence
    sm: SentenceMentions
    out: Out
    cs: int
    ce: int
    kw: _ClauseWord
    first_in_clause: bool
    employers: set[str]
    status: str = ""
    kind: str = ""
    ms: list[Mention] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    #: the parties were read from the words around the agreement word (not the clause at large)
    local: bool = False
    #: the clause before, whose verb this one's agreement word shares ("A signed X with B, and Y with C")
    shares_verb_of: tuple[int, int] | None = None
    #: the parties on the signing side, when read apart from the counterpart ("A" of "A signed X with B")
    subjects: list[str] = field(default_factory=list)
    #: an earlier year the agreement's own words give it ("their 2019 pact", "the MoU signed in 2019")
    year: int | None = None
    #: a counterpart's own year, when a plural word gives each its own ("with A in 2022 and with B in 2023")
    party_years: dict[str, int] = field(default_factory=dict)
    #: the sentence's embedded clauses that tell another event (:mod:`.embedded`)
    elsewhere: list[tuple[int, int]] = field(default_factory=list)
    #: the word's own verb phrase of the clause (:func:`verb_phrase`; the clause when it has one)
    vp: tuple[int, int] = (0, 0)

    @property
    def text(self) -> str:
        return self.sent.text

    @property
    def clause(self) -> str:
        return self.sent.text[self.cs : self.ce]

    @property
    def kw_start(self) -> int:
        return self.cs + self.kw.start()

    @property
    def kw_end(self) -> int:
        return self.cs + self.kw.end()

    def listable(self) -> list[Mention]:
        """The usable actors of the clause and of the rest of the sentence after it: a list that
        starts in the clause runs on past a serial comma ("with A, B, and C"), where a clause ends."""
        if not (_SERIAL_AND.match(self.text, self.ce) and _LIST_ITEM_END.search(self.clause)):
            return self.actors
        return self.actors + [o for o in actors_of(self.sm.mentions) if o.start >= self.ce and self.usable(o)]

    def usable(self, o: Mention) -> bool:
        """An actor that can be a party: not describing the next name, a demonym group ("the
        Chinese company"), a quoted source or the employer of an official named here."""
        text = self.text
        return (
            not is_descriptor(o, self.sm.mentions, text)
            and not (o.kind == "demonym" and P.DEMONYM_GROUP.match(text, o.end))
            and not ends_with(P.ACCORDING_TO, text, o.start)
            and o.entity not in self.employers
            and not P.guarded_against(text, o.start, o.end)  # "to cut reliance on Ruritania"
            and not origin_of_named(o, self.sm.mentions, text)
        )


#: between an organisation's name and the country it is of: "X Corporation of ", "the Ministry of Y of the "
_ORIGIN_GAP = re.compile(
    r"(?:\s*\([^()]{1,15}\))?\s+of\s+(?:the\s+)?(?:(?:Republic|Kingdom|State|Federation)\s+of\s+(?:the\s+)?)?"
)


def origin_of_named(o: Mention, mentions: list[Mention], text: str) -> bool:
    """A country named right after an organisation as where it is from ("Acme Mining Corporation
    of Ruritania", "the Ministry of Mines of the Republic of Freedonia"): it tells whose the
    organisation is, it does not sign beside it."""
    if o.label != "Country":
        return False
    before = [m for m in mentions if m.end <= o.start and not m.inner and m.label in ("Company", "Agency")]
    if not before:
        return False
    last = max(before, key=lambda m: m.end)
    gap = _ORIGIN_GAP.fullmatch(text, last.end, o.start)
    return gap is not None and not any(last.end <= m.start < o.start for m in mentions if not m.inner)


# --- role fillers of an unnamed agreement, in the order of DEAL_FILLERS -----------------------


def _told_before(ctx: DocContext, sent_index: int) -> bool:
    """Whether an agreement was told before this sentence (read by a rule or named)."""
    return ctx.first_agreement_mention() < sent_index or any(i < sent_index for i, _ in ctx.recent_agreements)


#: the patterns :func:`deal_status` reads, compiled once: a signing word; a list the plural names after
#: it ("agreements announced included"); "..., and" before a clause; "a 2022 (cooperation) agreement"
_SIGN_WORD = re.compile(r"\bsign")
_INCLUDED_AFTER = re.compile(r"\s+(?:\w+\s+){0,4}includ")
_AND_BEFORE = re.compile(r",\s+and\s+$")
_A_YEAR_BEFORE = re.compile(r"\b(?:a|an)\s+((?:19|20)\d\d)\s+(?:[\w-]+\s+){0,2}$")


@step(writes=("deal:status",))
def deal_status(d: UnnamedDeal) -> None:
    """Whether the word introduces an agreement at all, and its status and kind: not 'the MoU'
    (a later mention), not a bare 'partnership', not 'other deals included ...' (a list)."""
    clause, kw = d.clause, d.kw
    pre = clause[: kw.start()]
    definite = _DEFINITE_BEFORE.search(pre) is not None  # (searched once: read three times below)
    earlier = definite and _earlier_one(d, pre)
    told = _told_before(d.ctx, d.sent.index)
    signed_after = P.PLURAL_AGREEMENT.search(kw.group()) is not None and P.signed_after(d.text, d.kw_end)
    if definite and not _SIGN_WORD.search(pre) and told and not earlier and not signed_after:
        return  # "the MoU" refers back, unless no agreement was told before ("A completed the acquisition of B")
    if P.NEGATED_SIGNING.search(pre):
        return  # "Ruritania did not sign the MoU": no agreement of its
    if P.ANY_AGREEMENT.search(pre) or P.IN_ANY.match(d.text, d.kw_end):
        return  # "any later joint venture", "a stake in any new project": no agreement in particular
    word = kw.group().lower()
    if word.endswith("partnership") and not _INDEFINITE_BEFORE.search(pre + " ") and not earlier:
        return
    if word in ("agreements", "deals") and _INCLUDED_AFTER.match(clause[kw.end() :]):
        return  # "other agreements announced included ...": the list names them
    d.vp = verb_phrase(d.text, d.cs, d.ce, d.kw_start)
    # the status of the word's own verb phrase, when the clause coordinates two ("signed an MoU on X and
    # agreed to explore an arrangement on Y": the MoU is signed, the arrangement planned)
    status = (P.status_of(d.text[d.vp[0] : d.vp[1]]) if d.vp != (d.cs, d.ce) else None) or P.status_of(clause)
    if status is None and d.cs and _AND_BEFORE.search(d.text[: d.cs]) and not definite:
        # "A announced the signing of X with B, and a loan from C": the coordinated noun shares the verb
        before = [(a, b) for a, b in clauses(d.text) if b <= d.cs]
        status = P.status_of(d.text[before[-1][0] : before[-1][1]]) if before else None
        if status:
            d.shares_verb_of = before[-1]
    explicit_year = _A_YEAR_BEFORE.search(pre)
    if status is None and explicit_year and (d.ctx.year is None or int(explicit_year.group(1)) <= d.ctx.year):
        status = "signed"  # "a 2022 cooperation agreement"
    if status is None and earlier and _YEAR_AFTER.match(d.text, d.kw_end, d.ce):
        status = "signed"  # "views on the roadmap (the two sides) adopted in 2023": made in its year
    if status is None and P.agreement_kind(kw.group()) == "stake" and _stake_in_firm(d):
        status = _bought_status(d.text[d.cs : d.kw_start])
    if status is None:
        return
    d.status, d.kind = status, P.agreement_kind(kw.group())
    # an actor or mineral of a clause that tells another event ("weeks after C curbed tin") is no role
    at = [w.start() for w in P.agreement_words(d.text, d.sm.tokens)]
    d.elsewhere = other_event_spans(d.text, d.sm.mentions, at) + describing_spans(d.text, d.sm.mentions)
    d.ms = [m for m in d.sm.mentions if d.cs <= m.start < d.vp[1] and not apart(d.elsewhere, m.start, d.kw_start)]
    head = _RELATIVE_THEN_VERB.match(d.text, d.cs)
    if head is not None and head.end() <= d.kw_start:
        # "A, which ranks among the top producers, has signed ...": the clause's subject stands before
        # the relative clause, and what the relative clause names plays no role
        start = max((a for a, b in clauses(d.text) if b <= d.cs), default=0)
        subject = [m for m in d.sm.mentions if start <= m.start and m.end <= d.cs]
        d.ms = [*subject, *(m for m in d.ms if m.start >= head.end())]
    if ", wh" in d.text:  # "..., who is leading a trade mission to C": an actor of a relative clause after
        # the agreement word, which does not itself sign or join, is no party
        later = [(a, b) for a, b in _relatives_not_signing(d.text) if a >= d.kw_end]
        d.ms = [m for m in d.ms if m.label not in ACTORS or not inside(m, later)]
    d.actors = [o for o in actors_of(d.ms) if d.usable(o)]


#: a signing or joining verb of a relative clause ("which Britain also signed")
_SIGNS = re.compile(r"\b(?:signed|signs|sign|joined|joins|join|inked|ratified|agreed|concluded|endorsed)\b")


def _relatives_not_signing(text: str) -> list[tuple[int, int]]:
    """The relative clauses of a sentence that neither sign nor join anything (", who is leading a trade
    mission to C", not ", which Britain also signed"): what they name is no party."""
    if ", wh" not in text:
        return []
    return [(a, b) for a, b in relative_spans(text) if not _SIGNS.search(text, a, b)]


#: a relative clause that opens a clause and the main verb after it: "(A, )which ranks among the top
#: producers, has signed ..."
_RELATIVE_THEN_VERB = re.compile(
    r"(?:which|who)\b[^,;]*,\s+(?=(?:also\s+|recently\s+|already\s+)*"
    r"(?:has|have|had|will|would|is|are|was|were|signed|inked|agreed|concluded|struck|sealed)\b)"
)


#: the year of an agreement in its own words: "their 2019 pact", "the memorandum (they) signed in 2019"
_YEAR_BEFORE = re.compile(r"\b((?:19|20)\d\d)\s+(?:[\w-]+\s+){0,2}$")
_YEAR_AFTER = re.compile(
    r"(?:\s+[\w-]+){0,12}?\s+(?:signed|agreed|concluded|inked|struck|reached|sealed|adopted|approved)\s+"
    r"(?:[\w-]+\s+){0,2}?in\s+((?:19|20)\d\d)\b"
)


def _earlier_one(d: UnnamedDeal, pre: str) -> bool:
    """Whether a definite agreement word tells an agreement of an earlier year that none told
    before is of: "renewed their 2019 pact", "under the partnership the two sides signed in 2022"
    (a year of its own, before the article's; kept as the deal's year)."""
    got = _YEAR_BEFORE.search(pre) or _YEAR_AFTER.match(d.text, d.kw_end, d.ce)
    if got is None:
        return False
    year = int(got.group(1))
    if d.ctx.year is not None and year >= d.ctx.year:
        return False  # (an article of no known date: a year its signing verb tells is past)
    if any(d.ctx.entity(k).props.get("year") == year for _, k in d.ctx.recent_agreements):
        return False
    d.year = year
    return True


#: a share bought or taken: "bought a 5% holding", "has taken a 20% stake", "acquired a minority interest"
_TAKES = re.compile(r"\b(?:took|takes|take|taking|taken)$")
#: before a buying verb, what makes the deal still to come: "will buy", "plans to acquire"
_TO_COME = re.compile(r"\b(?:will|plans?|to|intends?|set|expected|would)\b")


def _stake_in_firm(d: UnnamedDeal) -> bool:
    """'a 5% holding in B' with B a firm or a public body, named right after: what is bought."""
    inn = _STAKE_IN.match(d.text, d.kw_end)
    return inn is not None and any(
        o.start == inn.end() and o.label in ("Company", "Agency") for o in actors_of(d.sm.mentions)
    )


def _bought_status(before: str) -> str | None:
    """The status the buying verb right before a share gives it ("A bought a 5% holding in B":
    signed; "A will take a stake in B": planned), when no other status word does; None without
    one ("interested in buying the stake" refers to one told before)."""
    words = before.rstrip().rsplit(None, 2)
    if words and words[-1].lower() in ("a", "an"):
        words.pop()
    verb = words[-1] if words else ""
    if not (_DEAL_VERB.fullmatch(verb) or _TAKES.search(verb)):
        return None
    return "planned" if _TO_COME.search(before[: before.rfind(verb)]) else "signed"


@step(reads=("deal:status",), writes=("deal:between",))
def deal_between(d: UnnamedDeal) -> None:
    """'an MOU between A and B', 'a deal signed between A, B and C'."""
    if not d.status:
        return
    btw = _BETWEEN_PARTIES.match(d.text, d.kw_end)
    first = next((o for o in d.actors if btw.end() <= o.start <= btw.end() + 2), None) if btw else None
    if first is not None:  # the list may run past a serial comma ("between A, B, and C"), which ends a clause
        d.parties = [o.entity for o in _chain(d.listable(), first, d.text)]
        d.local = len(d.parties) >= 2


def _deal_object(
    d: UnnamedDeal, ms: list[Mention], text: str
) -> tuple[re.Match | None, Mention | None, re.Match | None]:
    """The other party of an unnamed deal :func:`deal_with` reads: after "with" (``wth``), a lender
    after "from" (``frm``), or the seller a stake is "in"; with the match that found it."""
    wth = _WITH_PARTY.match(text, d.kw_end)
    if wth is None and not P.PLURAL_AGREEMENT.search(d.kw.group()):
        wth = _TOPIC_WITH_PARTY.match(text, d.kw_end)
    obj = frm = None
    if wth:
        objs = [o for o in actors_of(ms) if not is_descriptor(o, d.sm.mentions, text)]
        obj = next((o for o in objs if wth.end() <= o.start <= wth.end() + 30), None)
        if obj is not None and P.ORIGIN_GROUP.search(text, wth.end(), obj.start):
            obj = None  # "discussed with investors from A and B": firms from there, not the countries
    if obj is None and d.kind in ("loan", "investment"):
        frm = _FROM_PARTY.match(text, d.kw_end)  # "a loan of up to $55m from B": the lender
        if frm:
            obj = next((o for o in d.actors if frm.end() <= o.start <= frm.end() + 2), None)
    if obj is None and d.kind == "stake":
        inn = _STAKE_IN.match(text, d.kw_end)  # "a stake in B's copper project": the seller is the other party
        if inn:
            obj = next((o for o in d.actors if o.start == inn.end() and o.label in ("Company", "Agency")), None)
    return wth, obj, frm


@step(reads=("deal:between", "WORKS_FOR"), writes=("deal:with",))
def deal_with(d: UnnamedDeal) -> None:
    """'A signed an offtake agreement with B', 'A bought a 30% stake in B', and an official's
    organisation on either side ('with the Ministry X, headed by Minister Y')."""
    if not d.status or d.local:
        return
    ms, out, text = d.ms, d.out, d.text
    wth, obj, frm = _deal_object(d, ms, text)
    subj = _past_other_counterpart(d, [o for o in d.actors if o.end <= d.kw_start])
    rel_signer = None
    if obj is None and not wth and P.PLURAL_AGREEMENT.search(d.kw.group()):
        # "the partnerships that A has signed with B and C": the relative clause's subject signs
        rel_signer, obj = _relative_signer(d)
        subj = [rel_signer] if rel_signer is not None else subj
    obj_key = obj.entity if obj is not None else None
    if obj is None and wth:
        # "signed an MoU with Ruritania's Mines Minister Jane Doe": the official's employer
        obj_key = _official_employer(ms, out, wth.end(), wth.end() + 80, text)
    subj_keys = [o.entity for o in coordinated(actors_of(ms), subj[-1], text) if d.usable(o)] if subj else []
    if rel_signer is not None and rel_signer.entity not in subj_keys:
        subj_keys.insert(0, rel_signer.entity)
    if d.vp[0] > d.cs and obj_key:
        # "A signed an MoU with B and agreed to explore an arrangement with C": the clause's subject signs
        subj_keys = _subject_of(d, d.cs, d.vp[0]) or subj_keys
    if not subj_keys and obj is not None and frm is not None:  # "A signed X with C, and a loan from B": A borrows
        subj_keys = [o.entity for o in actors_of(d.sm.mentions) if o.end <= d.cs and d.usable(o)][:1]
    if not subj_keys and obj_key and d.shares_verb_of is not None:
        # "A signed a supply deal with B, and an offtake agreement with C": A signs the second one too
        subj_keys = _subject_of(d, *d.shares_verb_of)
    if not subj_keys and obj_key:
        signer = _official_employer(ms, out, d.cs, d.kw_start, text, last=True)
        subj_keys = [signer] if signer else []
    if not subj_keys and obj_key:
        # "Japan, which signed a similar memorandum with Mongolia in 2023, ...": who the clause is about
        about = [o.entity for o in actors_of(d.sm.mentions) if _WHICH_SIGNED.fullmatch(text, o.end, d.kw_start)]
        subj_keys = about[-1:]
    listed: list[str] = []
    if obj_key and len(subj_keys) == 1 and obj is None and wth:
        # "signed the memoranda with Freedonia's Vice Minister A, Ruritania's envoy B and ...": each
        # official's side, when the word is plural; a ministry stands for its country beside a country
        officials = _listed_officials(d, wth.end()) if P.PLURAL_AGREEMENT.search(d.kw.group()) else []
        listed = [_official_sides(d, subj_keys[0], k)[1] for k in officials]
        subj_keys, obj_key = _official_sides(d, subj_keys[0], obj_key)
        listed = listed if len(set(listed)) == len(listed) > 1 and subj_keys[0] not in listed else []
    if obj_key and subj_keys:
        others = _chain(d.listable(), obj, text) if obj is not None else []
        if others and P.PLURAL_AGREEMENT.search(d.kw.group()):
            others = _with_each(d, others)
        d.parties = subj_keys + ([o.entity for o in others] if others else listed or [obj_key])
        d.subjects = subj_keys
        d.local = True


#: between the counterpart of one agreement word and a second agreement word the same verb takes:
#: "(with B) and a strategic partnership", "(with B), an offtake", "(with B), binding offtake"
_AND_ANOTHER_WORD = re.compile(
    r"(?:,\s+(?:and\s+)?|\s+(?:and|as\s+well\s+as|plus)\s+)(?:also\s+)?(?:(?:a|an|another)\s+)?"
    r"(?!(?:which|who|whose|where|that|the|its|their|this|these|those)\b)(?:[\w$.%-]+\s+){0,3}?$"
)


def _past_other_counterpart(d: UnnamedDeal, subj: list[Mention]) -> list[Mention]:
    """The actors before an agreement word that may sign it, past the counterparts of the other
    agreement words the same verb takes: in "A signed an offtake with B and a partnership with C",
    B is the offtake's counterpart, and A (the subject of "signed") signs the partnership too."""
    end = d.kw_start
    words = None
    while subj and _AND_ANOTHER_WORD.fullmatch(d.text, subj[-1].end, end):
        if words is None:
            actors = actors_of(d.sm.mentions)
            words = [
                (kw.start(), counterparts_after(d.text, actors, kw.end()))
                for kw in P.agreement_words(d.text, d.sm.tokens)
            ]
        last = subj[-1]
        word = next(
            (at for at, theirs in words if at < last.start and any(o.start == last.start for o in theirs)), None
        )
        if word is None:
            break
        subj = [o for o in subj if o.end <= word]
        end = word
    return subj


#: "agreements with A in 2022 and with B in 2023": the "with" said again for each counterpart, each
#: with the year of its own agreement
_AND_WITH = re.compile(r"(?:\s+in\s+((?:19|20)\d\d))?,?\s+and\s+(?:also\s+|later\s+)?with\s+(?:the\s+)?")
_IN_YEAR = re.compile(r"\s+in\s+((?:19|20)\d\d)\b")


def _with_each(d: UnnamedDeal, others: list[Mention]) -> list[Mention]:
    """The counterparts of a plural word when each has its own "with" ('deals with A in 2022 and
    with B'), read on past the first list; their years go to ``d.party_years``."""
    got = list(others)
    while True:
        nxt = _AND_WITH.match(d.text, got[-1].end)
        after = next((o for o in d.listable() if o.start == nxt.end()), None) if nxt else None
        if nxt is None or after is None:
            break
        if nxt.group(1):
            d.party_years[got[-1].entity] = int(nxt.group(1))
        got += _chain(d.listable(), after, d.text)
    if len(got) > len(others):
        last = _IN_YEAR.match(d.text, got[-1].end)
        if last:
            d.party_years[got[-1].entity] = int(last.group(1))
    return got


def _relative_signer(d: UnnamedDeal) -> tuple[Mention | None, Mention | None]:
    """'partnerships that A has signed with B': A, and the first of its counterparts B."""
    rel = P.BARE_RELATIVE_SIGNER.match(d.text, d.kw_end)
    # the clause's own subject signs, even when an official named in the sentence works for it
    # ("the minister pointed to the partnerships Ruritania has signed with A and B")
    signer = next((o for o in actors_of(d.ms) if o.start == rel.end()), None) if rel else None
    verb = P.SIGNED_WITH.match(d.text, signer.end) if signer is not None else None
    obj = next((o for o in d.actors if verb.end() <= o.start <= verb.end() + 2), None) if verb else None
    return (signer, obj) if obj is not None else (None, None)


#: between an actor and the agreement word of a relative clause about it: ", which signed a similar"
_WHICH_SIGNED = re.compile(
    r",\s+(?:which|who)\s+(?:also\s+|has\s+|had\s+|have\s+|already\s+|recently\s+)*"
    r"(?:signed|inked|concluded|struck|sealed|agreed)\s+(?:[\w$.,%-]+\s+){0,4}?"
)


#: between two officials of a list: a comma or "and", then their title's words (no clause's verb)
_OFFICIALS_GAP = re.compile(
    r"(?:,\s+(?:and\s+)?|\s+and\s+)(?:(?!(?:in|the\s+presence|who|which|while|with|said|witnessed)\b)"
    r"[\w.’'-]+,?\s+){0,12}?"
)


def _listed_officials(d: UnnamedDeal, start: int) -> list[str]:
    """The employers the rules read of the people listed from ``start`` ("with A's Minister B, C's
    Vice Minister D, and E's ambassador F"), in order; each must have one."""
    works = d.out.works_for()
    people = [o for o in d.ms if o.label == "Person" and o.entity and o.start >= start]
    got: list[str] = []
    prev_end = -1
    for o in people:
        if prev_end >= 0 and not _OFFICIALS_GAP.fullmatch(d.text, prev_end, o.start):
            break
        if not works.get(o.entity):
            return []
        got.append(works[o.entity][0])
        prev_end = o.end
    return got


def _official_sides(d: UnnamedDeal, subj: str, obj: str) -> tuple[list[str], str]:
    """'Ruritania's Mines Secretary A signed the MoU with Freedonia's Vice Minister B': of two sides
    read through officials, a ministry that employs one signs for its country when the other side is
    a country (two states' officials sign for their states, as the partners of a deal do); else as read."""
    label = d.ctx.label

    def country_of(key: str) -> str | None:
        if label(key) != "Agency" or key not in d.employers:
            return None
        ent = d.ctx.entity(key)
        known = {f"country:{c.lower()}" for c in ent.name_countries} if ent is not None else set()
        known |= {r.target for r in d.out.rels.values() if r.type == "BASED_IN" and r.source == key}
        return known.pop() if len(known) == 1 else None

    if label(subj) == "Country" and (c := country_of(obj)) is not None and c != subj:
        return [subj], c
    if label(obj) == "Country" and (c := country_of(subj)) is not None and c != obj:
        return [c], obj
    return [subj], obj


def _subject_of(d: UnnamedDeal, cs: int, ce: int) -> list[str]:
    """The actors coordinated as the subject of the status verb of the clause ``cs``-``ce``."""
    verb = next((rx.search(d.text, cs, ce) for _, rx in P.STATUS if rx.search(d.text, cs, ce)), None)
    if verb is None:
        return []
    actors = [o for o in actors_of(d.sm.mentions) if cs <= o.start and o.end <= verb.start()]
    if actors and not _SUBJECT_GAP.search(d.text, actors[-1].end, verb.start()):
        keys = [o.entity for o in coordinated(actors_of(d.sm.mentions), actors[-1], d.text) if d.usable(o)]
        if keys:
            return keys
    # "Ruritania's Mines Minister Jane Doe signed ...": whom the official signs for
    signer = _official_employer(d.sm.mentions, d.out, cs, verb.start(), d.text, last=True)
    return [signer] if signer else []


#: between a subject and its verb, what makes the actor something else's ("A's partner", "which")
_SUBJECT_GAP = re.compile(r"[,;:]|\b(?:which|who|that|with|of|in|for|to|from)\b")


def _signatories(d: UnnamedDeal) -> list[str]:
    """The organisations of the people who signed, named as the clause's subject ("Ruritania's
    Mines Minister Jane Doe and Freedonia's Trade Minister John Roe signed an MoU"): each
    person's employer is a party."""
    works = {r.source: r.target for r in d.out.in_sentence(d.text, "WORKS_FOR")}
    people = [o for o in d.ms if o.label == "Person" and o.entity in works and o.end <= d.kw_start]
    if not people or not _SIGNED_BEFORE.match(d.text, people[-1].end, d.kw_start):
        return []
    got = [works[o.entity] for o in people]
    return [k for k in got if d.ctx.label(k) in ACTORS]


#: between the last signatory and the agreement word: "... signed", "... have inked"
_SIGNED_BEFORE = re.compile(
    r"[^,;]{0,40}?\b(?:signed|inked|concluded|sealed|initialled|initialed|exchanged|adopted|agreed|struck)\b"
)


def _from_origins(actors: list[Mention], text: str) -> set[int]:
    """The actors named as where firms come from ("investors from A, B and C"): ids of the mentions."""
    if " from " not in text and " based in " not in text:
        return set()
    got: set[int] = set()
    for o in actors:
        if id(o) not in got and P.ORIGIN_GROUP.search(text, max(0, o.start - 40), o.start):
            got |= {id(x) for x in _chain(actors, o, text)}
    return got


@step(reads=("deal:with",), writes=("deal:clause",))
def deal_in_clause(d: UnnamedDeal) -> None:
    """Otherwise the actors of the clause (not a place: 'a joint venture to build a refinery in
    Ruritania'), of the sentence when the clause names none, 'both sides' (the parties of the
    agreement just read, or the article's two countries), and the article's main country."""
    if not d.status or d.local or not d.first_in_clause:
        return
    ctx, sm, text = d.ctx, d.sm, d.text
    origins = _from_origins(d.actors, text)
    pool = [
        o
        for o in d.actors
        if not (
            o.label == "Country"
            and ends_with(_PLACE_BEFORE, text, o.start)
            and (o.start > d.kw_start or text.startswith(",", o.end))
        )
        and id(o) not in origins
    ]
    if not actors_of(d.ms):  # "..., and they are preparing to sign": the subject is in the first clause
        relative = relative_spans(text)
        pool = [
            o
            for o in actors_of(sm.mentions)
            if d.usable(o) and not inside(o, relative) and not apart(d.elsewhere, o.start, d.kw_start)
        ]
    parties = [o.entity for o in pool] + _signatories(d)
    two = P.TWO_COUNTRIES.search(d.clause)
    if two:
        recent = _recent_agreement(ctx, d.sent.index) if "sides" in two.group() else None
        sides = _parties_of(d.out, recent)[:2] if recent else []
        parties += (
            sides
            if len(sides) == 2
            else (
                last_two_countries(ctx, d.sent.index, d.cs + two.start(), unions="sides" in two.group().lower())
                or ctx.focal[:2]
            )
        )
    they = _THEY.match(text) if not parties and d.cs == 0 and d.sent.index > 0 else None
    if they:  # "A and B met on Monday. They signed an MoU.", "... The three ministers signed ...": who they are
        want = _COUNT_WORDS.get((they.group("n") or "").lower())
        parties += _previous_actors(d, want)
    pair = None if two else _PAIR_OF_PARTIES.search(d.clause)
    if pair:  # "the pair also inked a letter of intent": the two parties of the agreement just told
        recent = _recent_agreement(ctx, d.sent.index)
        sides = list(dict.fromkeys(_parties_of(d.out, recent))) if recent else []
        if len(sides) == 2 and not (_ORGS_PAIR.search(pair.group()) and any(ctx.label(p) == "Country" for p in sides)):
            parties += sides
        elif pair.group().lower().endswith("nations"):
            parties += last_two_countries(ctx, d.sent.index, d.cs + pair.start()) or ctx.focal[:2]
        elif _ORGS_PAIR.search(pair.group()):
            # "The companies signed a supply agreement": the two firms named last, when no agreement of
            # theirs was told ("A will supply B. The companies signed ...")
            parties += _last_two_organisations(ctx, d.sent.index, d.cs + pair.start())
    separate = _SEPARATE_BEFORE.search(text, max(0, d.kw_start - 40), d.kw_start)
    if len(set(parties)) == 1 and not two and not pair and separate:
        # "A signed a stake deal with B. Under a separate offtake agreement, A will buy ...": B again
        parties += _counterpart_before(d, parties[0])
    if (
        len(dict.fromkeys(parties)) < 2
        and ctx.focal
        and ctx.focal[0] not in {o.entity for o in d.actors if id(o) in origins}
    ):
        parties.append(ctx.focal[0])
    d.parties = parties


def _counterpart_before(d: UnnamedDeal, party: str) -> list[str]:
    """The counterpart of ``party`` in the agreement told just before (in this sentence or the three
    before it, and no other told since), when it is one of them: a new agreement whose clause names
    one side ("Under a separate offtake agreement, A will buy ...") is made with the same other side;
    of several, the one of ``party``'s kind (a company's with a company, not the country named too)."""
    told = [(i, k) for i, k in d.ctx.recent_agreements if d.sent.index - 3 <= i <= d.sent.index]
    if not told:
        return []
    sides = list(dict.fromkeys(_parties_of(d.out, max(told)[1])))
    if party not in sides:
        return []
    others = [p for p in sides if p != party]
    if len(others) > 1:
        others = [p for p in others if d.ctx.label(p) == d.ctx.label(party)]
    return others if len(others) == 1 else []


#: a sentence whose subject is "They" or "The three ministers": the actors of the sentence before
_THEY = re.compile(
    r"(?:They|The\s+(?P<n>two|three|four|five)\s+(?:[a-z-]+\s+)?(?:ministers|leaders|officials|governments"
    r"|countries|nations|delegations|presidents|premiers|heads\s+of\s+state))"
    r"\s+(?:also\s+|have\s+|had\s+|will\s+|then\s+|jointly\s+)?[a-z]"
)
_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}


def _previous_actors(d: UnnamedDeal, count: int | None = None) -> list[str]:
    """The two to four actors the sentence before names (an official for their employer), when
    it names no others: whom a "They" that opens this sentence stands for; exactly ``count`` of
    them for "the three ministers", which may look back past a paragraph's end."""
    if count is not None:
        # "The four ministers signed ...": the nearest of the three sentences before that names four
        for i in range(d.sent.index - 1, max(-1, d.sent.index - 4), -1):
            if not d.ctx.sentences[i].heading and len(got := _actors_named(d, i)) == count:
                return got
        return []
    i = d.sent.index - 1
    if d.ctx.sentences[i].heading or d.ctx.paragraphs[i] != d.ctx.paragraphs[d.sent.index]:
        return []
    got = _actors_named(d, i)
    return got if 2 <= len(got) <= 4 else []


def _actors_named(d: UnnamedDeal, i: int) -> list[str]:
    """The actors sentence ``i`` names (an official for their employer), each once."""
    prev = d.ctx.found[i].mentions
    text = d.ctx.sentences[i].text
    got = [o.entity for o in actors_of(prev) if not is_descriptor(o, prev, text)]
    works = {r.source: r.target for r in d.out.in_sentence(text, "WORKS_FOR")}
    got += [works[o.entity] for o in prev if o.label == "Person" and o.entity in works]
    return [k for k in dict.fromkeys(got) if d.ctx.label(k) in ACTORS]


#: two parties referred to together: "the duo", "the pair", "both companies", "the nations"
_PAIR_OF_PARTIES = re.compile(
    r"\b(?:the\s+duo|the\s+pair|(?:the\s+two|both(?:\s+the)?|the)\s+(?:companies|firms|groups|partners|miners|parties)"
    r"|the\s+nations)\b",
    re.I,
)
#: such a pair that names organisations ("the companies", "both firms"), not governments
_ORGS_PAIR = re.compile(r"(?:companies|firms|groups|miners)$", re.I)


def _last_two_organisations(ctx: DocContext, sent_index: int, pos: int) -> list[str]:
    """'the companies': the two companies or bodies named last before, in this or the two sentences
    before it in the same paragraph, when those sentences name exactly two (else none: "the
    companies" of a longer list is not read)."""
    seen: list[str] = []
    first = -1  # the sentence of the first one found: the look back stops at its start
    for i, m in _named_before(ctx, sent_index, pos):
        if seen and i != first:
            break
        if m.label in ("Company", "Agency") and m.entity and not m.inner and m.entity not in seen:
            seen.append(m.entity)
            first = i
    return seen if len(seen) == 2 else []


@step(
    reads=("deal:clause",),
    writes=("agreements", "PARTY_TO", "COVERS", "COOPERATES_WITH:signed", "agreement_anchors", "deal:written"),
)
def write_deal(d: UnnamedDeal) -> None:
    """The agreement with its parties, year and minerals (those after the word, and those of a
    ', which ...' clause right after it); 'A signed deals with B and C' is one deal with each."""
    parties = list(dict.fromkeys(d.parties))
    if not d.status or len(parties) < 2:
        return
    ctx, sm, text, kw = d.ctx, d.sm, d.text, d.kw
    year = d.year or _agreement_year(d.clause, kw.start(), d.status, ctx.year)
    another = (_ANOTHER.search(text, d.kw_end, d.ce) or _EARLIER.search(text, d.kw_end)) if d.subjects else None
    other = None
    if another is not None:
        at = another.end()
        pool = d.actors + [o for o in actors_of(sm.mentions) if o.start >= d.ce and d.usable(o)]  # past a comma
        other = next((o for o in pool if at <= o.start <= at + 2 and o.entity not in parties), None)
    upto = another.start() if another is not None and other is not None else len(text)
    minerals_ = [m.entity for m in d.ms if m.label == "Mineral" and d.kw_start <= m.start < upto]
    if another is not None and other is not None:
        # "A signed an MoU with B and another with C": a second agreement of the kind, A's with C
        rest = [m.entity for m in d.ms if m.label == "Mineral" and m.start >= upto]
        key = _add_agreement(ctx, d.sent, d.out, [*d.subjects, other.entity], d.kind, d.status, None, rest, d.clause)
        ctx.agreement_anchors.setdefault((d.sent.index, another.start(1)), []).append(key)
    if _WHICH_NEXT.match(text, d.ce) and not any(a <= d.ce + 1 < b for a, b in about_actor_spans(text, sm.mentions)):
        # (not ", which mines tin": what the actor named before it holds)
        nxt_end = next((b for a, b in clauses(text) if a > d.ce), len(text))
        minerals_ += [
            m.entity
            for m in sm.mentions
            if m.label == "Mineral"
            and m.entity
            and d.ce <= m.start < nxt_end
            and not apart(d.elsewhere, m.start, d.kw_start)
        ]
    subjects = {o.entity for o in actors_of(d.ms) if o.end <= d.kw_start} | set(d.subjects)
    batch = _batch(d, parties)
    if batch:
        groups = batch
    elif P.PLURAL_AGREEMENT.search(kw.group()):
        groups = one_each(parties, [p for p in parties if p in subjects])
    else:
        groups = [parties]
    separate = _SEPARATE_BEFORE.search(text, max(0, d.kw_start - 40), d.kw_start) is not None
    also = _ALSO_MADE_BEFORE.search(text, max(0, d.kw_start - 80), d.kw_start) is not None
    for members in groups:
        own = next((d.party_years[m] for m in members if m in d.party_years), year)
        key = _add_agreement(ctx, d.sent, d.out, members, d.kind, d.status, own, minerals_, d.clause)
        if separate:  # "a separate offtake agreement", "a side deal": not the agreement told before
            ctx.entity(key).props["separate"] = True
        if also:  # "they also signed an agreement": not one told in an earlier sentence
            ctx.entity(key).props["_also"] = True
        ctx.agreement_anchors.setdefault((d.sent.index, d.kw_start), []).append(key)


#: the words that tell an agreement apart from the one told before: "a separate (offtake) agreement"
_SEPARATE_BEFORE = re.compile(
    r"\b(?:a|an)\s+(?:separate|side|second|parallel|another|additional|further)\s+(?:[\w-]+\s+){0,2}$", re.I
)

#: an agreement told as one more the parties made: "they also signed an agreement on investments",
#: "the two governments also agreed to conclude a treaty" (not the one told before)
_ALSO_MADE_BEFORE = re.compile(
    r"\balso\s+(?:signed|inked|sealed|concluded|struck|exchanged|agreed(?:\s+to\s+[a-z]+)?)\s+(?:a|an)\s+"
    r"(?:[\w-]+\s+){0,4}$",
    re.I,
)

#: "... and another with C", "... and a second one with C": one more agreement of the same kind
_ANOTHER = re.compile(
    r"\s+and\s+(another|a\s+second(?:\s+one)?|one\s+more)(?:\s+(?!with\b)[\w-]+){0,3}?\s+with\s+(?:the\s+)?"
)

#: "..., after one with C in March", "following a similar one with C": an earlier agreement of the kind
_EARLIER = re.compile(
    r",?\s+(?:(?:weeks|months|days|a\s+year|shortly|just|soon)\s+)?(after|following)\s+"
    r"(?:one|another|(?:a|an)\s+(?:similar|separate|earlier|first)\s+one)\s+with\s+(?:the\s+)?"
)

#: a verb coordinated with the clause's first ("A signed an MoU on X and agreed to explore an arrangement
#: on Y"): its own verb phrase, with its own status, sharing the clause's subject
_AND_VERB = re.compile(
    r"\s+and\s+(?:also\s+|then\s+|later\s+|separately\s+|has\s+|have\s+|had\s+)*"
    r"(?=(?:signed|agreed|inked|sealed|concluded|struck|reached|launched|announced|unveiled|pledged|decided"
    r"|committed|discussed|began|started|finali[sz]ed|adopted|endorsed|will|would|plans?|planned|intends?"
    r"|expects?|expected|hopes?|hoped|are\s+to|is\s+to|were\s+to)\b)"
)


def verb_phrase(text: str, cs: int, ce: int, pos: int) -> tuple[int, int]:
    """The span of the coordinated verb phrase of the clause ``cs``-``ce`` that holds ``pos``: from the
    "and" + verb before it (or the clause's start) to the next one (or the clause's end)."""
    start, end = cs, ce
    if " and " not in text[cs:ce]:
        return start, end
    for m in _AND_VERB.finditer(text, cs, ce):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


#: a plural group of signers: "11 countries", "several nations", "five other governments"
_SIGNER_GROUP = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen|several|many|other|more|"
    r"some|dozens\s+of)\s+(?:other\s+|more\s+|partner\s+|[a-z]+-rich\s+)?(?:countries|nations|states|governments"
    r"|economies|partners|jurisdictions)\b",
    re.I,
)
#: the members of such a group listed: "..., which included A, B and C", "including A and B", "such as A"
_MEMBERS_LISTED = re.compile(
    r"(?:,\s*)?\b(?:(?:which|that|who)\s+(?:also\s+)?includ\w*|including|such\s+as|among\s+them|namely)\s+(?:the\s+)?"
)


def _batch(d: UnnamedDeal, parties: list[str]) -> list[list[str]]:
    """'A was among 11 countries that signed an MoU with B, which included C, D and E', 'B signed
    MoUs with five countries, including C and D': each member of a group of signers signed its
    own agreement with the one party on the other side (the hub)."""
    text = d.text
    group = _SIGNER_GROUP.search(text)
    listed = _MEMBERS_LISTED.search(text, group.end()) if group else None
    if group is None or listed is None:
        return []
    actors = [o for o in actors_of(d.sm.mentions) if d.usable(o)]
    first = next((o for o in actors if o.start == listed.end()), None)
    if first is None:
        return []
    members = [o.entity for o in _chain(actors, first, text)]
    if group.start() < d.kw_start:  # the group signs: the hub is the party named after the word
        members += [o.entity for o in actors if o.end <= group.start() and o.entity in parties]
        hubs = [p for p in parties if p not in members]
    else:  # "B signed MoUs with five countries, including ...": the hub signs them all
        hubs = [o.entity for o in actors if o.end <= d.kw_start and o.entity in parties and o.entity not in members]
        hubs = hubs[-1:]
    if len(hubs) != 1 or len(set(members) - set(hubs)) < 2:
        return []
    return [[hubs[0], m] for m in dict.fromkeys(members) if m != hubs[0]]


#: the role fillers of an unnamed agreement, in the order they run
DEAL_FILLERS = (deal_status, deal_between, deal_with, deal_in_clause, write_deal)

_DEFINITE_BEFORE = re.compile(word_led_ci(r"(?:the|this|that|such|these|its|their)\s+(?:[\w-]+\s+){0,2}$"))
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$", re.I)
_BETWEEN_PARTIES = re.compile(r"(?:\s*\([^()]{1,15}\))?(?:\s+[\w-]+){0,3}?\s+between\s+(?:the\s+)?")


_WHICH_NEXT = re.compile(r",\s+which\b")


def one_each(parties: list[str], subjects: list[str]) -> list[list[str]]:
    """The agreements a plural word tells, one per pair across the verb: 'A signed deals with B,
    C and D' (one signer, each counterpart) and 'A and B signed partnerships with C' (each
    signer, one counterpart); with several on both sides, or fewer than three parties, one."""
    parties = list(dict.fromkeys(parties))
    signers = [p for p in dict.fromkeys(subjects) if p in parties]
    others = [p for p in parties if p not in signers]
    if len(parties) < 3 or not signers or not others:
        return [parties]
    if len(signers) == 1:
        return [[signers[0], p] for p in others]
    if len(others) == 1:
        return [[p, others[0]] for p in signers]
    return [parties]


def _agreement_name(ctx: DocContext, parties: list[str], kind: str, year: int | None) -> str:
    """An agreement's name from its principal parties (the countries, when two or more), kind and
    year: "Ruritania–Freedonia MOU (2024)"."""
    country_parties = [p for p in parties if ctx.label(p) == "Country"]
    principal = country_parties if len(country_parties) >= 2 else parties
    party_names = [ctx.entity(p).name for p in principal[:4]]
    label = {"mou": "MOU", "joint_research": "joint research agreement", "joint_project": "joint project"}.get(
        kind, kind.replace("_", " ")
    )
    return f"{'–'.join(party_names)} {label}" + (f" ({year})" if year else "")


def _add_agreement(
    ctx: DocContext,
    sent: Sentence,
    out: Out,
    parties: list[str],
    kind: str,
    status: str,
    year: int | None,
    minerals_: list[str],
    clause: str,
) -> str:
    """An agreement described by its parties, kind and year (its name and key follow from them)."""
    text = sent.text
    country_parties = [p for p in parties if ctx.label(p) == "Country"]
    principal = country_parties if len(country_parties) >= 2 else parties
    name = _agreement_name(ctx, parties, kind, year)
    key = "agreement:" + "-".join(
        [kind.replace("_", "-")] + sorted(p.split(":", 1)[1] for p in principal) + ([str(year)] if year else [])
    )
    e = ctx.registry.add_described("Agreement", key, name, sent.index)
    e.props.update({"kind": kind, "status": status})
    if year:
        e.props["year"] = year
    if status in ("signed", "launched") and "date" not in e.props and (month := signing_month(clause)) is not None:
        # the month the clause writes it was signed in ("signed in March"): two instruments of the
        # same kind, parties and year are told apart by it across articles (loaders.resolve)
        e.props["date"] = date_key((month[0] or year, month[1]))
    ctx.recent_agreements.append((sent.index, key))
    for p in parties:
        out.add(p, "PARTY_TO", key, 0.7, text)
    for mnr in minerals_:
        out.add(key, "COVERS", mnr, 0.7, text)
    if len(parties) == 2 and _COOPERATIVE.search(clause):  # "a cooperation agreement", "in talks on a framework"
        out.add(parties[0], "COOPERATES_WITH", parties[1], 0.6, text)
    return key


# --- a country and its own bodies ------------------------------------------------------------

#: before a country named as where something happens: "in X", "a visit to X", "a tour of X"
_AS_PLACE = re.compile(
    r"\b(?:in|at|to|from|across|throughout|around|inside|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?(?:\s+of)?)"
    r"\s+(?:the\s+)?$",
    re.I,
)


def _home_country(ctx: DocContext, rules: Out, key: str) -> str | None:
    """The country an agency or company belongs to: written in its name ("the Ruritanian Ministry
    of Mines") or read as where it is based."""
    e = ctx.entity(key)
    if e is None or e.label not in ("Agency", "Company"):
        return None
    if e.name_countries:
        return f"country:{e.name_countries[0].lower()}"
    return next((r.target for r in rules.rels.values() if r.type == "BASED_IN" and r.source == key), None)


def _named_as_signer(text: str, mentions: list[Mention], state: str) -> bool:
    """Whether a sentence names the country itself as an actor (not as a place, not as the
    adjective of one of its firms: "a Ruritanian miner")."""
    return any(
        m.entity == state and m.kind != "demonym" and not _AS_PLACE.search(text, max(0, m.start - 25), m.start)
        for m in mentions
    )


def with_counterpart(
    ctx: DocContext, rules: Out, sentences: list[tuple[str, list[Mention]]], parties: list[str]
) -> list[str]:
    """The parties of an agreement, unless they are a country and only its own bodies ("the
    minister ended her visit to Ruritania with an MoU with the Ruritanian mines ministry":
    Ruritania is where it was signed). Then the counterpart is the organisation or country of a
    person the sentences name (the one who signed, through their title) and comes first; without
    one, the country is dropped. A country named as the signer with its own companies
    ("Ruritania signed a term sheet with a local miner") keeps its agreement."""
    keys = list(dict.fromkeys(parties))
    states = [k for k in keys if ctx.label(k) == "Country"]
    if len(states) != 1 or len(keys) < 2:
        return keys
    [state] = states
    bodies = [k for k in keys if k != state]
    if any(_home_country(ctx, rules, b) != state for b in bodies):
        return keys
    if all(ctx.label(b) == "Company" for b in bodies) and any(
        _named_as_signer(text, ms, state) for text, ms in sentences
    ):
        return keys
    own = {state, *bodies}
    counterpart: list[str] = []
    for m in (m for _, ms in sentences for m in ms):
        if m.label != "Person" or not m.entity:
            continue
        for r in rules.rels.values():
            if r.type != "WORKS_FOR" or r.source != m.entity or r.target in own:
                continue
            if ctx.label(r.target) == "Country" or _home_country(ctx, rules, r.target) != state:
                counterpart.append(r.target)
    if counterpart:
        return [*dict.fromkeys(counterpart), *keys]
    return bodies


@step(
    reads=("decided:agreements", "decided:PARTY_TO", "decided:COOPERATES_WITH", "WORKS_FOR", "BASED_IN"),
    writes=("decided:own_bodies",),
)
def own_bodies(ctx: DocContext, out: Out, rules: Out) -> None:
    """Agreements read as between a country and only its own bodies get the counterpart the
    sentence names, or lose the country (and, with one party left, are no agreement); the
    country no longer cooperates with its own bodies through it."""
    index = {s.text: i for i, s in enumerate(ctx.sentences)}
    by_agreement: dict[str, list] = {}
    for r in out.rels.values():
        if r.type == "PARTY_TO" and ctx.entity(r.target) is not None and ctx.entity(r.target).described:
            by_agreement.setdefault(r.target, []).append(r)
    for key, rels in by_agreement.items():
        parties = list(dict.fromkeys(r.source for r in rels))
        said = sorted({index[ev] for r in rels for ev in r.evidence if ev in index})
        sentences = [(ctx.sentences[i].text, ctx.found[i].mentions) for i in said]
        new = with_counterpart(ctx, rules, sentences, parties)
        if new == parties:
            continue
        e = ctx.entity(key)
        for a in parties:  # a country does not cooperate with its own ministry
            for b in parties:
                if ctx.label(a) == "Country" and a not in new:
                    out.discard((a, "COOPERATES_WITH", b))
                    out.discard((b, "COOPERATES_WITH", a))
                elif ctx.label(a) == "Country" and b in parties and ctx.label(b) != "Country":
                    out.discard((a, "COOPERATES_WITH", b))  # kept as a party with a counterpart: still not its partner
                    out.discard((b, "COOPERATES_WITH", a))
        if len(new) < 2:
            for k in [k for k, r in out.rels.items() if key in (r.source, r.target)]:
                out.discard(k)
            del ctx.registry.entities[key]
            continue
        evidence = sentences[0][0] if sentences else ""
        for p in parties:
            if p not in new:
                out.discard((p, "PARTY_TO", key))
        for p in new:
            if p not in parties:
                out.add(p, "PARTY_TO", key, 0.6, evidence)
                for q in new[1:] if len(new) <= 3 else ():
                    out.add(p, "COOPERATES_WITH", q, 0.6, evidence)  # the counterpart cooperates with the other side
        e.name = _agreement_name(ctx, new, e.props.get("kind", ""), e.props.get("year"))


# --- frames to the store -------------------------------------------------------------------


@step(reads=("candidates:agreement",), writes=("decided:agreements", "decided:PARTY_TO", "decided:COVERS"))
def realise(ctx: DocContext, frames: list, cands: list, keep: list[bool], out: Out) -> None:
    """Write each agreement frame with the parties and minerals kept for it: a named one under
    its own key, an unnamed one (two parties at least) under the key its kind, parties and
    year make; a plural one ("deals with B and C") as one agreement per counterpart."""
    parties: dict[int, list] = {}
    minerals: dict[int, list] = {}
    for c, k in zip(cands, keep, strict=True):
        if not k:
            continue
        if c.group == "party":
            parties.setdefault(c.frame_index, []).append(c)
        elif c.group == "covers":
            minerals.setdefault(c.frame_index, []).append(c)
    for fi, fr in enumerate(frames):
        ps = parties.get(fi, [])
        ms = minerals.get(fi, [])
        if fr.key:
            for c in ps:
                for typ in sorted(c.rule_types - {"COVERS"}) or ["PARTY_TO"]:
                    out.add(c.source, typ, fr.key, round(c.feats.get("_p", 0.7), 3), c.evidence)
            for c in ms:
                out.add(fr.key, "COVERS", c.target, round(c.feats.get("_p", 0.7), 3), c.evidence)
            continue
        keys = list(dict.fromkeys(c.source for c in ps))
        if len(keys) < 2 or (fr.untold and len(fr.anchors) == 1):
            continue  # "open to deals that could ...": unless a later "the agreement" tells one
        first = next((a for a in fr.anchors if not a.definite), fr.first)
        sent = ctx.sentences[first.sent]
        clause = sent.text[first.clause[0] : first.clause[1]]
        status = fr.status or "signed"
        year = _agreement_year(clause, first.start - first.clause[0], status, ctx.year)
        subjects = [c.source for c in ps if c.feats.get("subject", 0) > 0]
        if fr.plural and not subjects and not any(c.feats.get("between") or c.feats.get("by_signed") for c in ps):
            continue  # "moved to secure partnerships with nations such as B and C": B's and C's, not one of theirs
        groups = one_each(keys, subjects) if fr.plural else [keys]
        evidence = {c.source: c.evidence for c in ps}
        for members in groups:
            key = _add_agreement(ctx, sent, out, members, fr.kind, status, year, [c.target for c in ms], clause)
            for m in members:  # each party with the sentence that names it
                if evidence.get(m) and evidence[m] != sent.text:
                    out.add(m, "PARTY_TO", key, 0.7, evidence[m])


# --- what a meeting adopts -------------------------------------------------------------------

#: a text a meeting adopts: "a joint declaration", "the communiqué", "a 10-page declaration"
_DECLARATION = re.compile(
    word_led_ci(r"joint\s+(?:declarations?|statements?|communiqu[ée]s?)|declarations?|statements?|communiqu[ée]s?")
    + r"\b(?i:(?!\s+of\s+intent))"
)
#: what makes it the meeting's own text rather than a press release
_ADOPTED = re.compile(
    word_led_ci("issued|adopted|released|produced|endorsed|signed|agreed|approved|unveiled|published") + r"\b"
)
#: "the two firms said in their joint statement": a way of speaking, not an agreement
_SAID_IN = re.compile(
    r"\b(?:said|says|stated|announced|added|noted|wrote)\s+(?:in\s+)?(?:a|an|the|their|its)\s+$", re.I
)


def _meeting_of(ctx: DocContext, sent: Sentence, sm: SentenceMentions) -> str | None:
    """The meeting a sentence names, or refers back to ("the summit", "the roundtable")."""
    named = [m.entity for m in sm.mentions if m.label == "Event" and m.entity and ctx.label(m.entity) == "Event"]
    if named:
        return named[0]
    anaphors, _contexts = P.event_words(sent.text)
    for w in anaphors:
        key = ctx.resolve_event_anaphor(w.group(1), sent.index, w.start())
        if key and ctx.label(key) == "Event":
            return key
    return None


@step(reads=("PARTICIPATED_IN", "meetings"), writes=("decided:agreements:declaration", "decided:PARTY_TO:declaration"))
def meeting_declarations(ctx: DocContext, out: Out) -> None:
    """A joint declaration, statement or communiqué a meeting issued ("a joint declaration issued
    after the summit", "the summit produced a declaration") is an agreement of the meeting's sides:
    those its name joins ("the Ruritania-Freedonia Summit"), else the countries and bodies that took
    part in it."""
    if not ctx.has_events:
        return  # no meeting named: nothing issued one
    done: set[str] = set()
    watched: dict[str, set[str]] | None = None  # each meeting's observers, found once when first needed
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        text = sent.text
        if sent.heading or not _DECLARATION.search(text) or not _ADOPTED.search(text):
            continue
        words = [d for d in _DECLARATION.finditer(text) if not _SAID_IN.search(text, max(0, d.start() - 40), d.start())]
        meeting = _meeting_of(ctx, sent, sm) if words else None
        if meeting is None or meeting in done:
            continue
        event = ctx.entity(meeting)
        took_part = [
            r.source
            for r in out.rels.values()
            if r.type == "PARTICIPATED_IN" and r.target == meeting and ctx.label(r.source) in ("Country", "Agency")
        ]
        if took_part:  # who came only to observe is no side of what the meeting issued
            if watched is None:
                watched = observers(ctx)
            took_part = [k for k in took_part if k not in watched.get(meeting, ())]
        if sum(ctx.label(k) == "Country" for k in took_part) >= 2:  # the states are its sides, bodies only observe
            organisers = {r.source for r in out.rels.values() if r.type == "ORGANIZED" and r.target == meeting}
            took_part = [k for k in took_part if ctx.label(k) == "Country" or k in organisers]
        parties = list(dict.fromkeys(_named_parties(ctx, event.name) or took_part))
        if not parties:
            continue
        done.add(meeting)
        named = next(
            (m.entity for m in sm.mentions if m.label == "Agreement" and m.entity and _DECLARATION.search(m.text)), None
        )
        if named is not None:
            key = named  # "the summit adopted the Kigali Declaration": the declaration has its own name
        else:
            key = "agreement:declaration-" + meeting.split(":", 1)[-1]
            e = ctx.registry.add_described("Agreement", key, f"{event.name} declaration", sent.index)
            e.props.update({"kind": "declaration", "status": "signed"})
        for p in parties:
            out.add(p, "PARTY_TO", key, 0.6, text)
