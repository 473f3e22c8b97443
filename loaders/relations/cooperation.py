"""Who cooperates with whom: COOPERATES_WITH from "A will cooperate with B", "their partnership"."""

from __future__ import annotations

import re
from collections import Counter

from minegraph.loaders.gazetteer import word_led, word_led_ci
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

#: "X, in collaboration with Y": the cue is a phrase of a meeting's co-organisers
_IN_END = re.compile(r"\bin\s+$")
_SPACES = re.compile(r"\s*")
_WITH = re.compile(r"\bwith\s+")
_LIST_JOIN = P.ACTORS_JOIN
_WHICH_CLAUSE = re.compile(r"\s*which\b")
#: "in X", "from X", "of X": a name that is where or whose something is, no subject
_PLACE_OR_OWNER_END = re.compile(r"\b(?:In|in|from|of)\s+$")


@step(reads=("BASED_IN:stated", "BASED_IN:ministry"), writes=("COOPERATES_WITH",))
def cooperation(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """Who cooperates with whom in the sentence: "the two sides", "with the country", listed sides,
    partners, a stake, financing, help, acting together, and each cooperation cue of each clause
    (:func:`_cooperation_cue`)."""
    ms = sm.mentions
    text = sent.text
    if P.holds(P.TWO_COUNTRIES, text):
        _two_sides(ctx, sent, sm, out)
    low = P.lowered(text)
    if "with the" in low and (" country" in low or " nation" in low) and actors_of(ms):
        _with_the_country(ctx, sent, sm, out)
    if len(actors_of(ms)) < 2:
        return  # cooperation needs two actors named here
    relative = relative_spans(text)
    if P.holds_any(low, _SIDES_WORDS):
        _listed_sides(text, ms, out)
    if "partner" in low:
        _partners_named(text, ms, out)
    if P.holds_any(low, _STAKE_WORDS):
        _share_purchase(text, ms, out)
    if P.holds_any(low, _FUND_WORDS):
        _financing(text, ms, out)
    if "help" in low or "assist" in low or "support" in low:
        _helps(text, ms, out)
    if _ACTING_WORDS.search(low):
        _pair_acting_together(text, ms, out)
    if " with" in low and _SIGNED.search(text):
        _signed_with(text, ms, out)
    together = P.holds_any(low, _TOGETHER_WORDS)
    for cs, ce in clauses(text):
        cues = P.finds(P.COOPERATION, text, cs, ce)
        for cue in (*cues, *_TOGETHER.finditer(text, cs, ce)) if together else cues:
            _cooperation_cue(ctx, text, ms, out, (cs, ce), cue, relative)


def _cooperation_cue(
    ctx: DocContext,
    text: str,
    ms: list[Mention],
    out: Out,
    clause: tuple[int, int],
    cue: re.Match,
    relative: list[tuple[int, int]],
) -> None:
    """One cooperation cue of a clause: the subjects before it cooperate with the partners after
    "with" (:func:`_cooperate_with`), or, with no partner named, the subjects coordinated before a
    joint cue with each other (:func:`_cooperate_together`). Writes COOPERATES_WITH."""
    cs, ce = clause
    p = cue.start()
    if any(m.label == "Event" for m in ms) and _IN_END.search(text[:p]):
        return  # "X, in collaboration with Y, held the forum": co-organisers
    actors = [o for o in actors_of(ms) if cs <= o.start < ce]
    with_m, objects = _partners_after(text, ms, actors, cue, ce)
    # "Japan, which relies on X, will begin cooperation with Y": the subject before the relative clause
    pool = actors_of(ms) if _WHICH_CLAUSE.match(text[cs:ce]) else actors
    subjects_all = [
        o
        for o in pool
        if o.end <= p
        and not is_descriptor(o, ms, text)
        and not _PLACE_OR_OWNER_END.search(text[: o.start])
        and not inside(o, relative)
    ]
    if objects:
        if subjects_all:
            _cooperate_with(ctx, text, ms, out, subjects_all[-1], objects)
    elif len(subjects_all) >= 2 and not with_m:
        _cooperate_together(text, ms, out, subjects_all[-1], cue)


def _partners_after(
    text: str, ms: list[Mention], actors: list[Mention], cue: re.Match, ce: int
) -> tuple[re.Match | None, list[Mention]]:
    """The "with" of a cue, in the cue itself ("a partnership with B") or a few words on ("will
    cooperate closely on mining with B"), and the partners listed after it (a descriptor's country
    aside: "with Ruritania's X", "with U.S. refiner X": the partner is X)."""
    with_m = _SPACES.search(text[cue.end() : ce]) if cue.group().endswith("with") else None
    with_m = with_m or _WITH.search(text[cue.end() : ce])
    objects: list[Mention] = []
    if with_m and len(text[cue.end() : cue.end() + with_m.start()].split()) <= 10:
        wpos = cue.end() + with_m.end()
        first = next((o for o in actors if o.start >= wpos and o.start - wpos <= 25), None)
        if first is not None and is_descriptor(first, ms, text):
            # "a joint venture with Ruritania's X", "with U.S. refiner X": the partner is X,
            # the country only says where it is from
            first = next((o for o in actors if o.start >= first.end and o.start - first.end <= 60), None)
        if first is not None:
            objects = [first]
            for o in actors:
                if o.start > objects[-1].start and _LIST_JOIN.fullmatch(text[objects[-1].end : o.start]):
                    if is_descriptor(o, ms, text):  # "... and Utopian refiner Y": Y
                        o = next((x for x in actors if x.start >= o.end and x.start - o.end <= 60), o)
                    objects.append(o)
    return with_m, objects


def _cooperate_with(
    ctx: DocContext, text: str, ms: list[Mention], out: Out, last: Mention, objects: list[Mention]
) -> None:
    """The subjects coordinated with ``last`` cooperate with each partner (a ministry working with
    countries stands for its own country). Writes COOPERATES_WITH."""
    for s in coordinated(ms, last, text):
        src = s.entity
        e = ctx.entity(src)
        if e and e.label == "Agency" and e.props.get("kind") == "ministry":
            country = next((r.target for r in out.rels.values() if r.source == src and r.type == "BASED_IN"), None)
            if country and all(ctx.label(o.entity) == "Country" for o in objects):
                src = country
        for o in objects:
            out.add(src, "COOPERATES_WITH", o.entity, 0.7, text)


def _cooperate_together(text: str, ms: list[Mention], out: Out, last: Mention, cue: re.Match) -> None:
    """'A and B jointly invested' (not "A and B ..., with a stake in the jointly held firm"): the
    subjects coordinated with ``last``, close before the cue or with a joint word, cooperate with
    each other. Writes COOPERATES_WITH."""
    group = coordinated(ms, last, text)
    if len(group) >= 2 and (
        len(text[group[-1].end : cue.start()].split()) <= 4
        if cue.re is _TOGETHER
        else _JOINT.search(text, group[-1].end, cue.end())
    ):
        for a in group:
            for b in group:
                if a.entity < b.entity:
                    out.add(a.entity, "COOPERATES_WITH", b.entity, 0.65, text)


#: working together told by a verb beside the cooperation words: "A partnered with B", "A teamed
#: up with B", "A is working closely with B", "A and B will work together", "A and B jointly
#: invested", "A and B are partners in the project"
_TOGETHER = re.compile(word_led_ci(
    r"(?:partnered|teamed\s+up|joined\s+forces|work(?:s|ed|ing)?\s+(?:closely|together|jointly|hand\s+in\s+hand)"
    r"|jointly|partners\s+(?:in|on)|co-(?:develop|invest|financ|fund|own|produc)\w*|merg(?:e|es|ed|ing)\s+with"
    r"|(?:strengthen|deepen|expand|boost|enhance|bolster|upgrade|broaden)\w*\s+(?:[\w-]+\s+){0,2}?(?:ties|relations))\b"
))
#: a word every match of :data:`_TOGETHER` holds (a substring test before the pattern)
_TOGETHER_WORDS = ("partner", "team", "forces", "work", "joint", "ties", "relations", "co-", "merg")
#: between coordinated subjects and the cue: what makes them work with each other ("A and B have
#: pledged to collaborate", "A and B jointly invested", "their partnership")
_JOINT = re.compile(
    r"\b(?:their|bilateral|mutual|joint|jointly|together|partners)\b|\b(?:cooperat|co-operat|collaborat)"
)
#: a holder's share before its name: "owned 51% by A and 49% by B", "40 percent by A, 35 percent by B"
_SHARE = r"(?:about\s+|around\s+|roughly\s+)?[\d.]+\s*(?:%|percent\b|per\s+cent\b)\s*"
#: what opens a list of the sides of one venture: "a joint venture between A and B", "the
#: partnership among A, B and C", "a joint venture of A and B", "owned by A and B", "the shareholders
#: are A and B"
_SIDES_OF = re.compile(word_led_ci(
    r"(?:(?:joint\s+)?ventures?|co-?operation|collaboration|partnership|consortium)(?:\s+(?:agreement|deal|pact))?"
    r"\s+(?:between|among|of)\s+(?:the\s+)?"
    r"|(?:jointly\s+)?owned\s+(?:jointly\s+)?(?:" + _SHARE + r")?by\s+(?:the\s+)?"
    r"|(?:shareholders|owners|partners|co-owners)\s+(?:are|were|include[sd]?|comprise[sd]?)\s+(?:the\s+)?"
))
#: a word every match of :data:`_SIDES_OF` or :data:`_DEAL_BETWEEN` holds (a substring test before them)
_SIDES_WORDS = (
    "between",
    "venture",
    "operation",
    "collaboration",
    "partnership",
    "consortium",
    "owned",
    "holders",
    "owners",
    "partners",
)
#: between two sides of one list: "A and B", "A (AB), B and the state-owned C", "A (60%) and B"
_SIDE_GAP = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:the\s+)?|(?:,\s*)?(?:and|&)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2})"
    r"(?:" + _SHARE + r"by\s+(?:the\s+)?(?:[a-z][\w'’-]*\s+){0,2})?"
)
#: a share purchase: "A will take a 20% stake in B", "A acquired a direct equity interest in B"
#: (holding a stake is ownership, told by PART_OF, not a deal)
_STAKE_IN = re.compile(word_led_ci(
    r"(?:take|takes|took|taking|acquire[sd]?|acquiring|buy|buys|bought|buying|purchase[sd]?|purchasing"
    r"|subscribe[sd]?\s+(?:for|to))\s+(?:an?\s+|its\s+|their\s+)?(?:[\w.,%$-]+\s+){0,6}?"
    r"(?:stakes?|equity\s+interest|interest|shares|shareholding)\s+in\s+(?:the\s+)?"
))
#: a share bought of an actor: "A agreed to buy 49 per cent of B", "A will acquire a controlling stake
#: of B", "A bought full ownership of B" (not "A takes 80 per cent of B's exports": a trade, not a stake)
_BUY_SHARE_OF = re.compile(word_led_ci(
    r"(?:acquire[sd]?|acquiring|buy|buys|bought|buying|purchase[sd]?|purchasing)\s+(?:an?\s+|its\s+|their\s+)?"
    r"(?:[\w.,%$-]+\s+){0,4}?(?:(?:a\s+)?(?:majority|minority|controlling|"
    + _SHARE
    + r")\s*(?:stake\s+|interest\s+)?of"
    r"|(?:the\s+)?(?:full\s+)?(?:ownership|control)\s+of)\s+(?:the\s+)?"
))
#: after what a share purchase buys into (a project, not an actor): who develops, owns or sells it
_OWNER_OR_SELLER = re.compile(
    r"\b(?:from|(?:developed|owned|operated|run|controlled|held|led|established|formed|set\s+up)\s+by"
    r"|(?:subsidiary|unit|arm|division)\s+of)\s+(?:the\s+)?(?=[A-Z])"
)
_OTHER_CLAUSE = re.compile(r"[;:]|\b(?:while|whereas|but|said|says)\b|,\s+and\b")
#: how far after the purchase its owner or seller may be named
_OWNER_REACH = 120
#: buying an owner's shares: "subscribe to B's shares", "acquire B's 30% stake"
_SHARES_OF = re.compile(
    r"\b(?:subscribe[sd]?\s+(?:for|to)|subscribing\s+(?:for|to)|acquire[sd]?|acquiring|buy|buys|bought|buying"
    r"|purchase[sd]?|purchasing)\s+(?:the\s+)?"
)
_SHARES_AFTER = re.compile(r"['’]s?\s+(?:[\w.,%$-]+\s+){0,3}?(?:shares|stakes?|equity|convertible\s+notes?)\b")
#: a word every share purchase holds (a substring test before the pattern)
_STAKE_WORDS = (
    "stake",
    "interest",
    "shares",
    "shareholding",
    "cent",
    "%",
    "ownership",
    "majority",
    "minority",
    "control",
)


#: what may stand before the first of a list of sides: two words, or an owner's possessive
_TWO_WORDS = re.compile(r"(?:[\w.-]+\s+){0,2}")
_OWNER_LEAD = re.compile(r"[^,;:()]{0,30}['’]s?\s+")


def _sides(text: str, ms: list[Mention], start: int) -> list[Mention]:
    """The actors listed from ``start`` on ("A, B and C"), a country that only describes the next
    name left out ("Ruritania's A and B"): none unless the first is named within a few words."""
    # ("cooperation between Ruritanian and Freedonian firms": the sides are firms, not countries)
    actors = [o for o in actors_of(ms) if o.start >= start and o.kind != "demonym" and not is_descriptor(o, ms, text)]
    if not actors:
        return []
    first = actors[0]
    lead = text[start : first.start]
    if not (_TWO_WORDS.fullmatch(lead) or _OWNER_LEAD.fullmatch(lead)):
        return []
    group = [first]
    for o in actors[1:]:
        if not _SIDE_GAP.fullmatch(text, group[-1].end, o.start):
            break
        group.append(o)
    return group


#: "A's key partner B", "B, a strategic partner of A" (a trading partner only trades)
_PARTNER_OF = re.compile(r"['’]s?\s+(?:(?!trad)[a-z][\w-]*\s+){0,2}partners?\s+(?:the\s+)?")
_A_PARTNER_OF = re.compile(r",\s+(?:a|an|the|its)\s+(?:(?!trad)[a-z][\w-]*\s+){0,2}partner\s+(?:of|to)\s+(?:the\s+)?")


def _partners_named(text: str, ms: list[Mention], out: Out) -> None:
    """A partner named as such cooperates: "A's key partner B", "B, a strategic partner of A"."""
    actors = actors_of(ms)
    for a in actors:
        rx = _PARTNER_OF if a.possessive else _A_PARTNER_OF
        got = rx.match(text, a.end)
        if got is None:
            continue
        sides = _sides(text, ms, got.end())
        if sides and sides[0].start == got.end():
            for b in sides if "partners" in got.group() else sides[:1]:  # "A's partners B and C"
                if b.entity != a.entity:
                    out.add(a.entity, "COOPERATES_WITH", b.entity, 0.6, text)


#: a deal and the sides that signed it, listed after "between": "a memorandum of understanding
#: between A and B", "an offtake agreement (the Agreement) between A and B", "the main agreement was
#: signed between A and B", "signed between A and B"
_DEAL_BETWEEN = re.compile(
    r"\b(?:(?:agreements?|deals?|memorand(?:um|a)(?:\s+of\s+understanding)?|MoUs?|MOUs?|contracts?|accords?|pacts?"
    r"|offtakes?|protocols?|letters?\s+of\s+intent)(?:\s*\([^()]{1,40}\))?(?:\s+(?:was|were|has\s+been|had\s+been))?"
    r"(?:\s+(?:signed|concluded|reached|struck|inked))?|signed|concluded|inked),?\s+between\s+(?:the\s+)?"
)


def _listed_sides(text: str, ms: list[Mention], out: Out) -> None:
    """The sides a list names after a venture, a deal or its owners cooperate with each other: "a
    joint venture between A and B", "a memorandum between A and B", "owned by A and B"."""
    cues = [*_SIDES_OF.finditer(text), *(_DEAL_BETWEEN.finditer(text) if "between" in text else ())]
    for cue in cues:
        group = _sides(text, ms, cue.end())
        if 2 <= len(group) <= 4:  # a longer list names members, not the sides of one venture
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if a.entity != b.entity:
                        out.add(a.entity, "COOPERATES_WITH", b.entity, 0.65, text)


def _share_purchase(text: str, ms: list[Mention], out: Out) -> None:
    """A buyer and what it buys into cooperate: "A will take a 20% stake in B", "A took a stake
    in B's unit" (the buyer: the actor named last before the verb in its clause)."""
    for cue in (*_STAKE_IN.finditer(text), *_BUY_SHARE_OF.finditer(text)):
        buyer = _subject_before(text, ms, cue.start())
        if buyer is None:
            continue
        objects = _sides(text, ms, cue.end())
        if not objects:  # "a stake in the mine, which is being developed by B", "... from B"
            # (a relative clause may name the owner: "..., which is being developed by B"; a clause of
            # its own names another deal: "..., while C bought D from E")
            stop = _OTHER_CLAUSE.search(text, cue.end(), cue.end() + _OWNER_REACH)
            by = _OWNER_OR_SELLER.search(text, cue.end(), stop.start() if stop else cue.end() + _OWNER_REACH)
            objects = _sides(text, ms, by.end())[:1] if by is not None else []
        for o in objects:
            if o.entity != buyer.entity:
                out.add(buyer.entity, "COOPERATES_WITH", o.entity, 0.6, text)
    for cue in _SHARES_OF.finditer(text):  # "A will subscribe to B's shares", "A bought B's stake"
        buyer = _subject_before(text, ms, cue.start())
        owner = next((o for o in actors_of(ms) if o.start == cue.end() and o.possessive), None)
        if buyer is not None and owner is not None and owner.entity != buyer.entity:
            if _SHARES_AFTER.match(text, owner.end):
                out.add(buyer.entity, "COOPERATES_WITH", owner.entity, 0.6, text)


#: a verb of signing or making a deal: "A signed ...", "A has inked ...", "A concluded ..."
_SIGNED = re.compile(
    word_led("signed|signs|sign|inked|inks|sealed|seals|concluded|concludes|struck|strikes|entered into|enters into")
    + r"\b"
)
#: a deal the subject of a signing made with a partner, the partner after "with": "signed a US$165 million
#: loan agreement with B", "inked a five-year offtake with B", "signed a memorandum of understanding with B"
_DEAL_WITH = re.compile(
    r"\b(?:agreements?|deals?|memorand(?:um|a)(?:\s+of\s+understanding)?|MoUs?|MOUs?|contracts?|offtakes?"
    r"|accords?|pacts?|loans?|partnerships?|letters?\s+of\s+intent|protocols?|frameworks?|arrangements?"
    r"|declarations?\s+of\s+intent|ventures?|(?:term\s+)?sheets?)\s+with(?=\s)",
    re.I,
)
#: between a signing verb and its deal: what makes the deal another's ("signed, while the deal with
#: B ...") or the "with" another clause's ("signed a deal; talks with B go on")
_DEAL_BREAK = re.compile(r"[;:]|\.\s|\b(?:which|who|while|whereas|but|after|before|said|says|than)\b|\bwith\b")
#: how far after the verb the deal's "with" may come (a longer stretch is another part of the sentence)
_DEAL_REACH = 120


def _signed_with(text: str, ms: list[Mention], out: Out) -> None:
    """The signer and the partner "with" names after the deal it signed cooperate: "A signed a
    loan agreement with B", "A has inked a memorandum with the state miner B and a binding offtake
    with C" (each deal its own partner). The signer: the actor named last before the verb that can
    be its subject (not a country describing it, nor an owner: "Ruritania's minister signed" is
    the minister's). Writes COOPERATES_WITH."""
    actors = actors_of(ms)
    named = [m for m in ms if m.kind != "demonym"]  # ("A, a Korean maker, signed": A signed, not Korea)
    for verb in _SIGNED.finditer(text):
        signer = _subject_before(text, named, verb.start())
        if signer is None:
            continue
        pos = verb.end()
        while (deal := _DEAL_WITH.search(text, pos, pos + _DEAL_REACH)) is not None:
            # ("A signed a deal with B and a loan with C": each "with" after the first deal's partner)
            if _DEAL_BREAK.search(text, pos, deal.start()):
                break
            _, partners = _partners_after(text, ms, actors, deal, len(text))
            if not partners:
                break
            partners = [_named_after(actors, text, o) for o in _one_list(text, partners)]
            _cooperate_with_all(out, signer, partners, text)
            pos = partners[-1].end


def _named_after(actors: list[Mention], text: str, o: Mention) -> Mention:
    """The body a country's name opens ("the U.S. Development Finance Corporation": the
    corporation), or ``o`` itself."""
    if o.label == "Country":
        nxt = next((x for x in actors if x.start >= o.end), None)
        if nxt is not None and nxt.label != "Country" and not text[o.end : nxt.start].strip():
            return nxt
    return o


_AND = re.compile(r"\b(?:and|&)\s|&")


def _one_list(text: str, items: list[Mention]) -> list[Mention]:
    """The items of one list, up to the one its "and" joins ("with B and C, and D has watched":
    B and C; D opens a clause of its own)."""
    for k in range(1, len(items)):
        if _AND.search(text, items[k - 1].end, items[k].start):
            return items[: k + 1]
    return items


def _cooperate_with_all(out: Out, signer: Mention, partners: list[Mention], text: str) -> None:
    """The signer cooperates with each partner (not with itself). Writes COOPERATES_WITH."""
    for o in partners:
        if o.entity != signer.entity:
            out.add(signer.entity, "COOPERATES_WITH", o.entity, 0.6, text)


def _two_sides(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """Cooperation of "the two countries" ("both sides pledged closer cooperation"): the two
    countries the passage has just named (only when it named two, no more) cooperate."""
    text = sent.text
    for cs, ce in clauses(text):
        two = P.TWO_COUNTRIES.search(text, cs, ce)
        if two is None:
            continue
        cue = next(
            (c for c in (*P.finds(P.COOPERATION, text, two.end(), ce), *_TOGETHER.finditer(text, two.end(), ce))),
            None,
        )
        if cue is None or len(text[two.end() : cue.start()].split()) > 8:
            continue
        if any(cue.start() <= o.start < ce for o in actors_of(sm.mentions)):
            continue  # "the two countries will cooperate with C": each works with C
        sides = list(dict.fromkeys(_countries_named_last(ctx, sent.index, two.start())))
        if len(sides) == 2:
            out.add(sides[0], "COOPERATES_WITH", sides[1], 0.6, text)


def _countries_named_last(
    ctx: DocContext, sent_index: int, pos: int, besides: frozenset[str] | set[str] = frozenset()
) -> list[str]:
    """The countries (but ``besides``) named in this sentence before ``pos`` or, when it names
    none, in the one before in the same paragraph, in order."""
    for i in (sent_index, sent_index - 1):
        if i < 0 or ctx.paragraphs[i] != ctx.paragraphs[sent_index] or ctx.sentences[i].heading:
            break
        named = [
            m.entity
            for m in ctx.found[i].mentions
            if m.label == "Country"
            and m.entity
            and m.kind != "venue"
            and m.entity not in besides
            and (i != sent_index or m.end <= pos)
        ]
        if named:
            return named
    return []


#: a lender and what it lends to: "A will finance B", "B is backed by A", "a loan from A to B", "B
#: secured financing from A", "A's funding for B"
_FUND_VERB = re.compile(
    word_led(
        "finances|financed|finance|funds|funded|fund|backs|backed|bankroll(?:s|ed)?|lends|lent|lend|lending", r"[-\w]"
    )
    + r"\s+(?:the\s+)?"
)
#: the word before "fund", "backed", ... when they are a noun or an adjective ("a wealth fund X")
_FUND_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their|his|her|wealth|pension|investment|equity|venture|state)\s+$", re.I
)
_FUND_BY = re.compile(word_led("financed|funded|backed|bankrolled|underwritten") + r"\s+by\s+(?:the\s+)?")
_FUND_FROM = re.compile(
    r"\b(?:loans?|financing|funding|credit|finance|investment|grant)s?\s+(?:facility\s+|line\s+)?from\s+(?:the\s+)?"
)
#: a loan the subject gives: "A extended a $50 million loan to B", "A signed a line of credit with B"
_LOAN_TO = re.compile(
    r"\b(?:loans?|credit\s+lines?|lines?\s+of\s+credit|credit\s+facility|loan\s+facility)\s+(?:to|with|for)\s+(?:the\s+)?"
)
_FUND_FOR = re.compile(
    r"['’]s?\s+(?:[\w$.,-]+\s+){0,3}?(?:loans?|financing|funding|credit|support)\s+(?:to|for)\s+(?:the\s+)?"
)
_FUND_TO = re.compile(r"\s+(?:to|for)\s+(?:the\s+)?")
#: a word every such phrase holds
_FUND_WORDS = (
    "financ",
    "fund",
    "back",
    "bankroll",
    "underwritten",
    "loan",
    "credit",
    "investment",
    "grant",
    "support",
    "lend",
    "lent",
)


def _subject_before(text: str, ms: list[Mention], pos: int) -> Mention | None:
    """The actor named last before ``pos`` that can be the subject of the verb there (not an owner:
    "A, Ruritania's largest trader, will buy": A)."""
    before = [
        o
        for o in actors_of(ms)
        if o.end <= pos
        and o.kind != "demonym"  # ("A, a German refiner, will buy": A)
        and pos - o.end <= 60
        and not o.possessive
        and not is_descriptor(o, ms, text)
        and not _NOT_SUBJECT.search(text, _own_clause(text, o.end, pos), pos)
    ]
    return before[-1] if before else None


#: right after an actor, what makes it the subject of the clause that follows: a relative pronoun
#: (", which will lend B", ", who bought B"), or its own report of what it does ("said it would buy",
#: "said on Monday that it had agreed to buy")
_SUBJECT_GOES_ON = re.compile(
    r"(?:\s*\([^()]{1,40}\))?\s*,\s*(?:which|who)\b"
    r"|\s+(?:said|says|announced|confirmed)\s+(?:on\s+\w+\s+|in\s+a\s+statement\s+)?(?:that\s+)?(?:it|they)\b"
)


def _own_clause(text: str, end: int, pos: int) -> int:
    """Where the words between an actor (ending at ``end``) and a verb at ``pos`` stop telling it is
    not the verb's subject: past a relative pronoun or "said it" that carries it on."""
    got = _SUBJECT_GOES_ON.match(text, end, pos)
    return got.end() if got else end


#: "A will help B develop ...", "A is assisting B to build ...": one actor works with another on
#: what the second does (a verb of building or working a resource after the helped one)
_HELP = re.compile(r"\b(?:help(?:s|ed|ing)?|assist(?:s|ed|ing)?|(?P<support>support(?:s|ed|ing)?))\s+(?:the\s+)?")
_HELPED_TO = re.compile(
    r"(?:['’]s\s+[a-z]+)?\s+(?:to\s+)?(?:develop|build|process|explore|expand|mine|refine|diversify|secure"
    r"|finance|fund|boost|modernise|modernize|map|establish|set\s+up|upgrade|train)\b"
)
#: after the one supported, what it is supported in: "support B in environmental monitoring", "support B
#: with airborne surveys", "support B's exploration" (not "support B's claim": a stand, not work together)
_SUPPORTED_IN = re.compile(
    r"\s+(?:in|with)\s+(?!(?:its|their|his|her)\s+(?:bid|claim|position|stance|view)s?\b)"
    r"|['’]s?\s+(?:[\w-]+\s+){0,2}?(?:exploration|development|project|projects|programme|program|survey|mapping)\b"
)


def _helps(text: str, ms: list[Mention], out: Out) -> None:
    """The helper and the helped cooperate: "Japan will help Chile develop its lithium", "A will
    support B with airborne surveys"."""
    for cue in _HELP.finditer(text):
        helper = _subject_before(text, ms, cue.start())
        helped = next((o for o in actors_of(ms) if o.start == cue.end() and not is_descriptor(o, ms, text)), None)
        if helper is None or helped is None or helper.entity == helped.entity:
            continue
        if _HELPED_TO.match(text, helped.end) or (cue.group("support") and _SUPPORTED_IN.match(text, helped.end)):
            out.add(helper.entity, "COOPERATES_WITH", helped.entity, 0.6, text)


def _financing(text: str, ms: list[Mention], out: Out) -> None:
    """A lender and what it lends to cooperate (a loan is a deal the two sign)."""
    pairs: list[tuple[Mention, Mention]] = []
    low = P.lowered(text)
    verbs = "financ" in low or "fund" in low or "back" in low or "bankroll" in low or "lend" in low or "lent" in low
    for cue in _FUND_VERB.finditer(text) if verbs else ():  # "A will finance B's project"
        if _FUND_NOUN_BEFORE.search(text, max(0, cue.start() - 12), cue.start()):
            continue
        lender = _subject_before(text, ms, cue.start())
        pairs += [(lender, b) for b in _sides(text, ms, cue.end())[:1] if lender is not None]
    for cue in _FUND_BY.finditer(text) if verbs or "underwritten" in low else ():  # "B, backed by A and C"
        borrower = _subject_before(text, ms, cue.start())
        pairs += [(a, borrower) for a in _sides(text, ms, cue.end()) if borrower is not None]
    for cue in _FUND_FROM.finditer(text) if " from " in text else ():  # "a loan from A to B", "financing from A"
        lenders = _sides(text, ms, cue.end())
        if not lenders:
            continue
        to = _FUND_TO.match(text, lenders[-1].end)
        borrowers = _sides(text, ms, to.end())[:1] if to else []
        if not borrowers:
            subject = _subject_before(text, ms, cue.start())
            borrowers = [subject] if subject is not None else []
        pairs += [(a, b) for a in lenders for b in borrowers]
    for cue in _LOAN_TO.finditer(text) if "loan" in low or "credit" in low else ():  # "A extended a loan to B"
        lender = _subject_before(text, ms, cue.start())
        pairs += [(lender, b) for b in _sides(text, ms, cue.end())[:1] if lender is not None]
    for cue in _FUND_FOR.finditer(text) if "s " in text else ():  # "A's financing for B"
        lender = next((o for o in actors_of(ms) if o.end == cue.start() and o.possessive), None)
        pairs += [(lender, b) for b in _sides(text, ms, cue.end())[:1] if lender is not None]
    for a, b in pairs:
        if a.entity != b.entity:
            out.add(a.entity, "COOPERATES_WITH", b.entity, 0.6, text)


#: after a cooperation word: the country the passage is about, referred to ("with the country",
#: "with the Andean nation")
_WITH_THE_COUNTRY = re.compile(
    r"\s*(?:(?:[a-z][\w-]*\s+){0,3}?with\s+)?the\s+(?:[A-Z][\w-]*\s+|[a-z][\w-]*\s+){0,3}?(?:country|nation)\b(?!['’]s)"
)
#: "A and B, which have teamed up with ...": the list a relative clause is about ends right before it
_WHICH = re.compile(r"\s*,\s*(?:which|who)\b")


def _with_the_country(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """Cooperation with "the country" ("A and B, which have teamed up with the Andean nation"):
    the country referred to is the one the passage named last (other than A and B)."""
    text, ms = sent.text, sm.mentions
    for cs, ce in clauses(text):
        for cue in (*P.finds(P.COOPERATION, text, cs, ce), *_TOGETHER.finditer(text, cs, ce)):
            ref = _WITH_THE_COUNTRY.match(text, cue.end())
            if ref is None or (not cue.group().lower().endswith("with") and "with" not in ref.group()):
                continue
            actors = [o for o in actors_of(ms) if o.end <= cue.start() and not is_descriptor(o, ms, text)]
            which = next((o for o in reversed(actors) if _WHICH.match(text, o.end)), None)
            if which is not None and cue.start() - which.end <= 60:
                subjects = coordinated(ms, which, text)  # "A and B, which have teamed up with ..."
            else:
                near = [o for o in actors if o.start >= cs and not _NOT_SUBJECT.search(text, o.end, cue.start())]
                subjects = coordinated(ms, near[-1], text) if near else []
            if not subjects:
                continue
            country = _country_before(ctx, sent.index, subjects[0].start, {s.entity for s in subjects})
            for s in subjects:
                if country is not None and country != s.entity:
                    out.add(s.entity, "COOPERATES_WITH", country, 0.6, text)


def _country_before(ctx: DocContext, sent_index: int, pos: int, besides: set[str]) -> str | None:
    """The country named last before ``pos`` in this sentence or the one before (in the same
    paragraph), other than ``besides``."""
    named = _countries_named_last(ctx, sent_index, pos, besides)
    return named[-1] if named else None


#: between an actor and a verb it is not the subject of
_NOT_SUBJECT = re.compile(r"[;:]|\b(?:which|that|who|whose|said|says|while|after|before|when)\b")


@step(reads=("PARTY_TO", "BASED_IN"), writes=("COOPERATES_WITH:partners",))
def agreement_partners(ctx: DocContext, out: Out, rules: Out | None = None, together: bool = False) -> None:
    """The two parties of a bilateral agreement cooperate ("A and B signed an MOU"). A country
    that is party beside one of its own companies or bodies ("Ruritania's X and Freedonia's Y
    signed") is where that party is from, not a side of its own: it neither counts among the
    sides nor cooperates through them (``rules``: where the rules read who is based where).
    With ``together``, two parties cooperate only when one sentence names both as parties, or
    the rules (``rules``) read them cooperating."""
    parties, for_country = _agreement_sides(ctx, out, rules)
    stated: set[frozenset[str]] | None = None
    if together:
        stated = {frozenset((r.source, r.target)) for r in (rules or out).rels.values() if r.type == "COOPERATES_WITH"}
    counts: Counter[str] | None = None
    for key, rels in parties.items():
        bodies = for_country.get(key, {})
        alone = {r.source for r in rels if ctx.label(r.source) == "Country"} - set(bodies.values())
        if len(rels) in (2, 3):
            for i, a in enumerate(rels):
                for b in rels[i + 1 :]:
                    if _apart(a, b, stated):
                        continue
                    shared = next((s for s in a.evidence if s in b.evidence), a.evidence[0])
                    x, y = _sides_of(a.source, b.source, alone, bodies)
                    out.add(x, "COOPERATES_WITH", y, 0.6, shared)
        elif len(rels) > 3:
            counts = counts if counts is not None else _mention_counts(ctx)
            _hub_partners(ctx, out, rels, counts, alone, bodies, stated)


def _agreement_sides(
    ctx: DocContext, out: Out, rules: Out | None
) -> tuple[dict[str, list[Rel]], dict[str, dict[str, str]]]:
    """Each agreement's parties (actors; a country that is the home of another party aside), and
    the bodies that signed for their country, each with that country (the country a party too),
    by agreement: paired with a country that signed alone, the two countries are the sides
    ("Ruritania signed with Freedonia; Freedonia's ministry signed for it": Ruritania and
    Freedonia, not Ruritania and the ministry)."""
    home: dict[str, set[str]] = {}
    for r in (rules or out).rels.values():
        if r.type == "BASED_IN":
            home.setdefault(r.source, set()).add(r.target)
    parties: dict[str, list[Rel]] = {}
    for r in out.rels.values():
        if r.type == "PARTY_TO" and ctx.label(r.source) in ACTORS:
            parties.setdefault(r.target, []).append(r)
    for_country: dict[str, dict[str, str]] = {}
    for key, rels in list(parties.items()):
        sides = {r.source for r in rels}
        homes = {c for x in sides for c in home.get(x, ())}
        parties[key] = [r for r in rels if r.source not in homes]
        bodies = {
            x: next(iter(sorted(home[x] & homes)))
            for x in sides
            if ctx.label(x) == "Agency" and home.get(x, set()) & homes & sides
        }
        if bodies:
            for_country[key] = bodies
    return parties, for_country


def _apart(a: Rel, b: Rel, stated: set[frozenset[str]] | None) -> bool:
    """Whether two parties are never named together as the agreement's parties ("A signed a deal
    ... B will fund it"), when the weights put each from its own sentences (``stated``: the pairs
    the rules read cooperating; None when that does not matter): not shown acting together."""
    if stated is None or frozenset((a.source, b.source)) in stated:
        return False
    return not any(s in b.evidence for s in a.evidence)


def _hub_partners(
    ctx: DocContext,
    out: Out,
    rels: list[Rel],
    counts: Counter[str],
    alone: set[str],
    bodies: dict[str, str],
    stated: set[frozenset[str]] | None,
) -> None:
    """A multilateral deal: its hub (the party the article names most, as "Ruritania signed MoUs
    with A, B, C and D", or the one named first) cooperates with each of the others; the others need
    not cooperate with one another, and with no party standing out, none do. Writes COOPERATES_WITH."""
    ranked = sorted(rels, key=lambda r: -counts[r.source])
    hub, second = ranked[0], ranked[1]
    lead = _named_first(ctx, rels)
    if counts[hub.source] <= counts[second.source]:
        if lead is None or ctx.label(lead.source) == "Country":
            return  # no party stands out (countries listed as equals: none leads)
    if lead is not None:
        hub = lead
    ranked = [hub, *(r for r in rels if r is not hub)]
    for b in ranked[1:]:
        if _apart(hub, b, stated):
            continue
        shared = next((s for s in hub.evidence if s in b.evidence), hub.evidence[0])
        x, y = _sides_of(hub.source, b.source, alone, bodies)
        out.add(x, "COOPERATES_WITH", y, 0.55, shared)


def _sides_of(a: str, b: str, alone: set[str], bodies: dict[str, str]) -> tuple[str, str]:
    """The two sides a pair of parties stands for: a body that signed for its country (``bodies``:
    body -> country), paired with a country that signed alone (``alone``), stands for its country."""
    if a in alone and b in bodies:
        return a, bodies[b]
    if b in alone and a in bodies:
        return bodies[a], b
    return a, b


def _named_first(ctx: DocContext, rels: list[Rel]) -> Rel | None:
    """The party named first in the sentence that names most of the parties: the subject of "A
    closed a loan from B, C and D", "A signed memoranda with B, C and D" (none if no sentence names
    them all but one)."""
    best: tuple[int, int, Rel] | None = None
    keys = {r.source: r for r in rels}
    for sm in ctx.found:
        order = list(dict.fromkeys(m.entity for m in sm.mentions if m.entity in keys))
        if len(order) >= len(keys) - 1 and (best is None or len(order) > best[0]):
            best = (len(order), 0, keys[order[0]])
    return best[2] if best is not None else None


def _mention_counts(ctx: DocContext) -> Counter[str]:
    """How often the article names each entity."""
    return Counter(m.entity for sm in ctx.found for m in sm.mentions if m.entity)


@step(reads=("decided:PARTY_TO", "BASED_IN"), writes=("decided:COOPERATES_WITH",))
def decided_partners(ctx: DocContext, out: Out, rules: Out | None = None) -> None:
    """The parties of each agreement written from the frames cooperate, as :func:`agreement_partners`
    reads them for the rules' agreements (``rules``: the rules' links, where they read who is
    based where): only those named together as its parties, or read cooperating by the rules."""
    agreement_partners(ctx, out, rules, together=True)


#: between the two sides of a pair named as one subject: "A and B", "A (AB) and B", "A and
#: Ruritania's B", "A and Freedonian state-owned B", "A and the state miner B"
_PAIR_GAP = re.compile(
    r"\s*(?:\([^()]{1,40}\)\s*)?(?:and|&)\s+(?:the\s+)?(?:(?:[A-Z][\w.-]*\s){0,2}?[A-Z][\w.-]*['’]s\s+"
    r"|[A-Z][a-z]+(?:an|ese|ish|ian|i)\s+)?(?:[a-z][\w-]*\s+){0,2}"
)
#: after the pair (its alias or legal form first): a verb of doing something together and what
#: they do ("A and B signed a memorandum", "A and B agreed in 2022 to build a joint ...", "A and B
#: launched a joint centre", "A and B will jointly invest")
_ACTING_AFTER = re.compile(
    r"(?:\s*\([^()]{1,40}\))?(?:,?\s+(?:Ltd|Inc|Co|Corp|LLC|SA|AG|plc)\.?)?,?\s+"
    r"(?:(?:have|has|had|will|would|also|jointly|together|on|in|this|last|\w+day|\d{4})\s+){0,3}"
    r"(?:(?:signed|inked|sealed|agreed|concluded|struck|launched|formed|set\s+up|established|created)\b"
    r"[^,;:.]{0,60}?\b(?:joint|jointly|together|agreements?|deals?|memorand\w+|MoUs?|MOUs?|pacts?|accords?"
    r"|contracts?|letters?|partnerships?|ventures?|declarations?|protocols?)\b"
    r"|agreed\s+(?:(?:in|on|last|this)\s+[\w-]+\s+)?to\s+(?!(?:a|an|the|its|their)\b)[a-z]+"
    r"|jointly\s+(?:develop|invest|build|explore|produce|operate|fund|finance|own|mine|process)\w*"
    # ("A and B together mine a tenth of the world's copper": a sum, not a venture)
    r"|together\s+(?:develop|invest|build|explore|operate|fund|finance)\w*)"
)
#: a word one of :data:`_ACTING_AFTER` holds (a test before the pattern)
_ACTING_WORDS = re.compile(
    word_led("signed|inked|sealed|agreed|concluded|struck|launched|formed|set up|established|created|jointly|together")
    + r"\b"
)
#: before the first of the pair, a word that makes it an object, not the subject
_OBJECT_BEFORE = re.compile(r"\b(?:with|between|among|by|of|in|from|for|to|and|or|than|against)\s+(?:the\s+)?$", re.I)


def _pair_acting_together(text: str, ms: list[Mention], out: Out) -> None:
    """Two actors named together as the subject of signing, launching or doing something jointly
    cooperate: "A and Ruritania's B signed an MoU", "A and B will jointly invest" (only two: a list of
    more names members, not the sides of one deal)."""
    actors = [o for o in actors_of(ms) if o.kind != "demonym"]
    for k, a in enumerate(actors):
        if is_descriptor(a, ms, text):
            continue
        b = next((o for o in actors[k + 1 :] if not is_descriptor(o, ms, text) and o.entity != a.entity), None)
        if b is None or not _PAIR_GAP.fullmatch(text, a.end, _item_start(ms, text, b)):
            continue
        if _OBJECT_BEFORE.search(text, max(0, a.start - 12), a.start) or P.ACTORS_JOIN.fullmatch(
            text[max(0, a.start - 2) : a.start]
        ):
            continue  # "a deal with A and B", "C, A and B": not the pair alone as a subject
        got = _ACTING_AFTER.match(text, b.end)
        if got is None:
            continue
        ce = next((e for s, e in clauses(text) if s <= got.end() <= e), len(text))
        rest = text[b.end : ce]
        if _EACH_WITH.search(rest) and any(b.end < o.start < ce for o in actors_of(ms)):
            continue  # "A and B signed similar deals with C": each with C, not with each other
        out.add(a.entity, "COOPERATES_WITH", b.entity, 0.6, text)


def _item_start(ms: list[Mention], text: str, o: Mention) -> int:
    """Where the item ``o`` begins: at the country that describes it ("Ruritania's B"), if any."""
    before = [m for m in ms if m.label == "Country" and m.end <= o.start and o.start - m.end <= 40]
    d = before[-1] if before else None  # (the mentions are in order: the nearest one)
    if d is not None and _DESCRIBED.fullmatch(text, d.end, o.start) and is_descriptor(d, ms, text):
        return d.start
    return o.start


#: after the pair, what makes each deal one with a third side: "... similar deals with C", "separate pacts"
_EACH_WITH = re.compile(r"\b(?:with|similar|separate|respective|own|each)\b")
_DESCRIBED = re.compile(r"(?:['’]s?)?\s+(?:[a-z][\w-]*\s+){0,2}")
