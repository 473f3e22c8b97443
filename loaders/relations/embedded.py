"""Embedded clauses that tell another event: where an agreement's roles stop.

"Ruritania and Freedonia signed an MoU on cobalt, weeks after Osterlich tightened its controls on
tin." names Osterlich and tin inside a clause of its own, opened by a subordinator ("after",
"as", "while", "before", "since", "following", ...) or a relative pronoun ("which", "that")
and with its own subject and verb: what that clause says happened is another event, so an
actor or a mineral named there is not a role of an agreement told outside it (nor one told
inside it a role of what the sentence tells outside). The clause is found from its structure,
not its wording: the opener, a named subject (an actor, a person, a people's adjective, or
one's own noun: "Osterlich's ministry"), and a finite verb right after it. A clause that
itself signs or joins ("..., after Osterlich joined it") is part of the agreement it refers to
and is no boundary; nor is a phrase without a verb of its own ("signed after talks in
Ruritania between A and B": the talks are between the parties).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from minegraph.loaders.gazetteer import load_reference
from minegraph.loaders.mentions import Mention
from minegraph.loaders.relations.patterns import ACTORS_JOIN

#: a word that opens a clause of its own ("weeks after", "as", "while", "which")
#: (not "under which": an agreement's terms, whose subject is its party: "an offtake under which A will buy")
_OPENER = re.compile(
    r"(?<![\w-])(?:(?<!such\s)(?<!well\s)(?<!same\s)(?<!so\s)(?<!known\s)as|after|before|while|whilst|when"
    r"|since|until|once|because|although|though|whereas|following|(?<!under\s)(?<!through\s)which|whom|that|where)"
    r"\s+(?:the\s+)?$",
    re.I,
)
#: the longest opener with its article ("although the ")
_OPENER_REACH = 16
#: what may join the names of a subject: "A and B", "A, B and C"
_SUBJECT_JOIN = ACTORS_JOIN
#: between a country and the person it qualifies: "Osterlich's President", "Osterlich Mines Minister"
_TITLE_GAP = re.compile(r"(?:['’]s)?\s+(?:[A-Z][\w.-]*\s+){0,3}")
#: after the subject, before its verb: a possessive or up to three lowercase nouns ("A's mines ministry")
_SUBJECT_TAIL = re.compile(
    r"(?:['’]s?)?(?:\s+(?!(?:in|on|of|for|with|to|from|at|by|between|and|or|as)\b)[a-z][\w-]*){0,3}?\s+"
)
#: an adverb between the subject and its verb
_ADVERB = re.compile(r"(?:(?:also|recently|just|already|first|then|later|itself|themselves|[a-z]+ly)\s+)*")
#: a finite verb: an auxiliary, a past form, or a present form in -s right after the subject
_VERB = re.compile(
    r"(?:has|have|had|was|were|is|are|will|would|could|can|did|does|do|may|might|must|should|shall"
    r"|began|took|made|set|cut|put|won|led|hit|sent|said|held|met|saw|became|gave|got|came|went|sought|bought|sold"
    r"|rose|fell|struck|drew|broke|grew|left|ran|told|brought|built|chose|kept|paid|spent|stood|found|lost|shut"
    r"|threw|wrote|[a-z]{2,}ed)\b"
)
_VERB_S = re.compile(r"[a-z]{3,}(?<!ss)(?<!'s)s\b")
#: the subject's own nouns, then its verb ("Osterlich's mines ministry imposed")
_TAIL_VERB = re.compile(_SUBJECT_TAIL.pattern + _ADVERB.pattern + "(?P<verb>" + _VERB.pattern + ")")
#: a signing or joining verb with no object of its own: such a clause is about the agreement told
#: outside it ("as Osterlich signed on", "after Osterlich joined it", "which Osterlich hoped to conclude";
#: not "joined the talks")
_SIGNS = re.compile(
    r"\b(?:sign|join|ink|ratif|accede|endorse|conclud)\w*(?!\s+(?:the|a|an|its|their|his|her|new)\s)(?!\w)", re.I
)
#: a verb that reports what the clause's subject says of the agreement ("which Osterlich said would ...")
_REPORTS = re.compile(r"(?:said|says|say|described|describes|called|calls|hailed|hails|expects|hopes|believes)\b")
#: after a possessive subject with no verb: what it owns is another event ("following Osterlich's curbs on
#: tin"), unless other actors are named with it ("after Ruritania's talks with Freedonia": its parties)
_OWN_EVENT_OPENERS = frozenset({"after", "following", "before", "since"})
_WITH_OTHERS = re.compile(r"\b(?:with|between|and|among)\s+(?:the\s+)?$")
#: a relative clause between a subject and its verb
_ASIDE = re.compile(r",\s+(?:which|who|whose)\b[^,;]*,\s")
#: where the clause ends: a comma, a semicolon, a colon, a dash or a bracket
_CLAUSE_END = re.compile(r"\s*[,;:()–—]|\s+-\s")
#: the labels that can be the clause's subject
_SUBJECTS = frozenset({"Country", "Agency", "Company", "Person", "Organization"})


def other_event_spans(
    text: str, mentions: Sequence[Mention], agreement_at: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """The spans (from the opener to the clause's end) of the embedded clauses of a sentence that
    tell another event. ``agreement_at`` are the starts of its agreement words: a clause that
    signs or joins without one of its own refers to the agreement told outside it."""
    if not mentions:
        return []
    subjects = [m for m in mentions if m.label in _SUBJECTS and not m.inner]  # in reading order
    by_start = {m.start: m for m in subjects}
    if not by_start:
        return []
    spans: list[tuple[int, int]] = []
    for subj in subjects:  # a name right after an opener (looked for before each name: far fewer than places)
        op = _OPENER.search(text, max(0, subj.start - _OPENER_REACH), subj.start)
        if op is None:
            continue
        end = subj.end
        while True:  # the coordinated names of the subject, and a title's holder ("Osterlich's President X")
            j = _SUBJECT_JOIN.match(text, end)
            nxt = by_start.get(j.end()) if j else None
            if nxt is None:
                nxt = next((m for m in subjects if end < m.start <= end + 40), None)
                if nxt is None or not _TITLE_GAP.fullmatch(text, end, nxt.start):
                    break
            end = nxt.end
        verb = None
        aside = _ASIDE.match(text, end)  # "after C, which D criticised, banned ...": C's verb after the aside
        end = aside.end() - 1 if aside else end
        plain = _ADVERB.match(text, end + 1) if text.startswith(" ", end) else None
        if plain is not None:
            verb = _VERB.match(text, plain.end()) or _VERB_S.match(text, plain.end())
        if verb is None:
            tail = _TAIL_VERB.match(text, end)
            verb = tail if tail is not None and tail.start("verb") > end + 1 else None
        if verb is None:
            if subj.possessive and op.group().split()[0].lower() in _OWN_EVENT_OPENERS:
                stop = _CLAUSE_END.search(text, end)
                close = stop.start() if stop else len(text)
                others = [m for m in by_start.values() if end <= m.start < close]
                if not any(_WITH_OTHERS.search(text, end, m.start) for m in others):
                    spans.append((op.start(), close))
            continue
        if _REPORTS.match(text, verb.end() - len(verb.group().split()[-1])):
            continue  # "which Osterlich said would ...": what the subject says of the agreement
        stop = _CLAUSE_END.search(text, verb.end())
        close = stop.start() if stop else len(text)
        told_here = any(op.start() <= k < close for k in agreement_at)
        if not told_here and _SIGNS.search(text, op.start(), close):
            continue  # "..., after Osterlich joined it": the same agreement
        spans.append((op.start(), close))
    return spans


#: a relative clause that describes an actor: ", which mines tin and holds copper", ", whose miners ..."
_ABOUT_ACTOR = re.compile(r",\s+(?:which|who|whose)\b")
#: a verb that tells what an agreement does, not an actor: ", which covers tin" is about the agreement
_AGREEMENT_VERB = re.compile(
    r"\s+(?:also\s+|will\s+|would\s+)?(?:covers?|covering|includ\w*|focus\w*|aims?|provides?|sets?\s+out|calls?\s+for"
    r"|envisages?|commits?|establish\w*|runs?|spans?|targets?|is\s+(?:valid|worth|expected|due|set))\b"
)
#: a noun before it that stands for an actor ("his country, which ...")
_ACTOR_NOUN = re.compile(
    r"\b(?:country|nation|state|government|company|firm|miner|producer|group|partner|neighbou?r)$", re.I
)


def about_actor_spans(
    text: str, mentions: Sequence[Mention], agreement_at: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """The relative clauses of a sentence that describe an actor named right before them ("Ruritania,
    which mines tin and holds copper, ..."): what they name is the actor's, not a role of an
    agreement told outside them (unless the clause signs or joins it: "A, which signed the deal")."""
    if ", w" not in text:
        return []
    by_end = {m.end: m for m in mentions if m.label in _SUBJECTS and not m.inner}
    starts = {m.start for m in by_end.values()}
    spans: list[tuple[int, int]] = []
    for rel in _ABOUT_ACTOR.finditer(text):
        if rel.end() + 1 in starts:
            continue  # ", which B said would ...": a subject of its own (see :func:`other_event_spans`)
        before = text[: rel.start()].rstrip()
        antecedent = by_end.get(len(before))
        if (antecedent is None and not _ACTOR_NOUN.search(before)) or _AGREEMENT_VERB.match(text, rel.end()):
            continue
        stop = _CLAUSE_END.search(text, rel.end())
        close = stop.start() if stop else len(text)
        told_here = any(rel.start() <= k < close for k in agreement_at)
        if not told_here and _SIGNS.search(text, rel.start(), close):
            continue
        start = rel.start() + 1
        if told_here and antecedent is not None:
            # "A and B, which signed an MoU with C, ...": the actors it is about are its subject
            start = antecedent.start
            while (
                prev := next(
                    (m for e, m in by_end.items() if e < start and _SUBJECT_JOIN.fullmatch(text, e, start)), None
                )
            ) is not None:
                start = prev.start
        spans.append((start, close))
    return spans


#: an appositive that describes the firm or body before it: ", one of Ruritania's largest
#: traders,", ", a unit of Acme Group,", ", the country's biggest tin miner," (no verb of its own)
_DESCRIBING = re.compile(
    r",\s+(?:(?:one|some)\s+of\s+|a\s+unit\s+of\s+|a\s+subsidiary\s+of\s+|part\s+of\s+|the\s+|an?\s+)"
    r"(?P<body>[^,;:()]{3,90}?),"
)
#: nouns for a body or a firm's part beside the firms' own description heads (keywords.json
#: ``description_heads``, which :mod:`minegraph.loaders.descriptions` reads too)
_BODY_NOUNS = (
    "unit", "subsidiary", "corporation", "utility", "bank", "fund", "agency", "operator", "buyer", "major", "house"
)


@cache
def _org_noun() -> re.Pattern:
    """A noun for a firm or body that ends an appositive or comes right before a firm's name."""
    heads = [*load_reference("keywords.json")["description_heads"]["company"], *_BODY_NOUNS]
    alt = "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"\b(?:{alt})s?$", re.I)


#: between a mineral and the firm it describes: "copper giant Acme", "the state copper company Acme"
_MINERAL_DESCRIBES = re.compile(r"\s+(?:[a-z][\w-]*\s+){1,3}")


def describing_spans(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """The words of a sentence that describe a firm or body rather than tell an event: an appositive
    right after it with no verb (", one of Ruritania's largest traders,") and a mineral in the noun
    before its name ("copper giant Acme", "Ruritania's state copper company Acme"). The country or
    mineral named there is the firm's, not a party to or a topic of an agreement told around it."""
    orgs = [m for m in mentions if m.label in ("Company", "Agency") and not m.inner]
    if not orgs:
        return []
    spans: list[tuple[int, int]] = []
    ends = {m.end for m in orgs}
    for ap in _DESCRIBING.finditer(text):
        body = ap.group("body")
        if ap.start() in ends and _org_noun().search(body.rstrip()) and not _VERB_WORD.search(body):
            spans.append((ap.start() + 1, ap.end() - 1))
    for m in mentions:
        if m.label != "Mineral":
            continue
        org = next((o for o in orgs if m.end < o.start <= m.end + 40), None)
        if (
            org is not None
            and _MINERAL_DESCRIBES.fullmatch(text, m.end, org.start)
            and _org_noun().search(text, m.end, org.start - 1)
        ):
            spans.append((m.start, org.start))
    return spans


#: a finite verb inside what would be an appositive: then it is a clause, not a description
_VERB_WORD = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|said|says|signed|agreed)\b")


def apart(spans: Sequence[tuple[int, int]], p: int, q: int) -> bool:
    """Whether one of the points ``p``, ``q`` lies inside an embedded clause and the other not."""
    for a, b in spans:  # (a plain loop: most sentences have none, and a generator costs more than the tests)
        if (a <= p < b) != (a <= q < b):
            return True
    return False
