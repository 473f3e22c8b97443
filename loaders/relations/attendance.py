"""Who took part in a meeting, told by the sentence's structure: the general features of a
participant candidate that the learned scorer weighs (the rules of
:mod:`minegraph.loaders.relations.events` are features and filters beside them).

A participant is read from where it stands, not from a phrase: the subject of an attending,
meeting or hosting verb ("A and B attended", "the minister of A met ..."), the counterpart of
a meeting ("met with B", "held talks with B"), someone named together with a participant the
rules read ("A, B and C"), a person whose title ties them to a country or an organisation (that
country takes part through them), a delegation, and how far (in sentences, in names) the
actor is from the meeting's nearest mention.
"""

from __future__ import annotations

import re

from minegraph.loaders.gazetteer import word_led_ci
from minegraph.loaders.mentions import Mention
from minegraph.loaders.relations.context import DocContext, Out
from minegraph.loaders.relations.facts import CUE_BIT, SentenceFacts

#: a verb that says its subject came to, met at or spoke at a meeting
_ATTEND_VERB = re.compile(word_led_ci(
    r"(?:attend(?:s|ed|ing)?|participat(?:es|ed|ing)|took\s+part|take\s+part|join(?:s|ed)|met|meets|visit(?:s|ed)"
    r"|travell?ed|flew|arrived|spoke|speaks|addressed|addresses|delivered|held\s+talks|hold\s+talks|led\s+(?:a|the)"
    r"\s+delegation|represented|gathered|convened\s+(?:in|at|for))\b"
))
#: a verb that says its subject hosted or organised the meeting
_HOST_VERB = re.compile(r"\b(?:host(?:s|ed|ing)?|co-hosted|organi[sz]ed|organi[sz]es|welcomed|welcomes|received)\b")
#: what stands between a meeting's counterpart and the verb or preposition before it: "met with the
#: Foreign Minister of", "held talks with"
_COUNTERPART_BEFORE = re.compile(
    r"\b(?:met(?:\s+with)?|meets(?:\s+with)?|meeting\s+with|talks\s+with|welcomed|received|hosted|visit(?:ed)?\s+by"
    r"|bilateral\s+with|sat\s+down\s+with|counterparts?)\s+(?:(?:the|his|her|their|its)\s+)?(?:[\w’'.-]+\s+){0,6}?$",
    re.I,
)
#: a delegation named by who sent it: "a delegation from A", "A's delegation", "the A delegation"
_DELEGATION_AFTER = re.compile(r"^(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}?(?:delegations?|delegates|team|mission)\b", re.I)
_DELEGATION_BEFORE = re.compile(
    r"\b(?:delegations?|delegates|representatives|officials|ministers|envoys)\s+(?:from|of)\s+(?:the\s+)?$", re.I
)
#: where a subject's reach to its verb ends
_STOP = re.compile(r"[;:]|\b(?:which|who|whom|that|said|says|told|according|while|whereas|but)\b")
#: between names listed together: "A, B and C", "A and B"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s+as\s+well\s+as\s+)(?:the\s+)?")
_TITLE_BIT = CUE_BIT["gap_title"]
#: between a title and the body it serves: "President of the", "Minister for"
_OF_GAP = re.compile(r"\s+(?:of|for|at)\s+(?:the\s+)?")
#: "was represented by", "represented at the summit by"
_REPRESENTED = re.compile(r"\brepresented\s+(?:\w+\s+){0,4}?by\b", re.I)
#: what may open a sentence before its subject: "The", "On Monday, the", "Both"
_OPENING = re.compile(r"\s*(?:(?:On|In|Last|This)\s+[\w ]{1,20},\s*)?(?:the\s+|both\s+|The\s+|Both\s+)?")
#: a speaking verb right after a person (or after their apposition): "A said", "A, the minister, told"
_SPEAKS = re.compile(
    r"(?:\s*,[^,;]{1,80},)?\s+(?:also\s+)?(?:said|says|told|added|noted|stressed|highlighted|emphasi[sz]ed|remarked)\b"
)
#: how far after a name its verb may stand
_VERB_REACH = 140


def same_clause(s: SentenceFacts, p: int, q: int) -> bool:
    """Whether the points ``p`` and ``q`` of a sentence lie in one of its clauses (a plain loop:
    asked thousands of times an article, a generator under ``any`` cost more than the tests)."""
    for a, b in s.clauses:
        if a <= p < b and a <= q < b:
            return True
    return False


def works_links(ctx: DocContext, out: Out) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """(person -> the organisations and countries the rules read them working for, the reverse)."""
    works = {p: ts for p, ts in out.works_for().items() if ctx.label(p) == "Person"}
    staff: dict[str, set[str]] = {}
    for p, ts in works.items():
        for t in ts:
            staff.setdefault(t, set()).add(p)
    return works, staff


def listed_with(s: SentenceFacts, o: Mention) -> list[Mention]:
    """The names listed together with ``o`` ("A, B and C"; persons and actors alike), ``o`` included."""
    ms = [m for m in s.mentions if not m.inner]
    try:
        k = next(i for i, m in enumerate(ms) if m is o)
    except StopIteration:
        return [o]
    group = [o]
    i = k
    while i > 0 and ms[i - 1].end <= ms[i].start and _LIST_GAP.fullmatch(s.text, ms[i - 1].end, ms[i].start):
        i -= 1
        group.insert(0, ms[i])
    i = k
    while i + 1 < len(ms) and ms[i].end <= ms[i + 1].start and _LIST_GAP.fullmatch(s.text, ms[i].end, ms[i + 1].start):
        i += 1
        group.append(ms[i])
    return group


def role_feats(
    feats: dict[str, float],
    s: SentenceFacts,
    o: Mention,
    participants: set[str],
    works: dict[str, list[str]],
    staff: dict[str, set[str]],
    persons_here: set[str],
) -> None:
    """Write the structural features of ``o`` as a participant into ``feats`` (flags: the
    largest value wins)."""

    def flag(name: str, value: float = 1.0) -> None:
        if value > feats.get(name, 0.0):
            feats[name] = value

    text = s.text
    group = listed_with(s, o)
    if len(group) > 1:
        flag("listed")
        if any(m is not o and m.entity in participants for m in group):
            flag("listed_with_participant")
    # the subject of a verb: the group's last name, then the verb in the same clause
    tail = group[-1].end
    verb = _ATTEND_VERB.search(text, tail, min(len(text), tail + _VERB_REACH))
    host = _HOST_VERB.search(text, tail, min(len(text), tail + _VERB_REACH))
    for m, name in ((verb, "subject_attend"), (host, "subject_host")):
        if m is None or _STOP.search(text, tail, m.start()) or not same_clause(s, tail - 1, m.start()):
            continue
        between = sum(1 for x in s.mentions if tail <= x.start and x.end <= m.start() and not x.inner)
        if between <= 2:  # "A, Minister of Mines of B, attended": an apposition may name two more
            flag(name)
            if between == 0:
                flag(name + "_next")
    if _COUNTERPART_BEFORE.search(text, max(0, group[0].start - 60), group[0].start):
        flag("counterpart")
    if _DELEGATION_AFTER.match(text, o.end) or _DELEGATION_BEFORE.search(text, max(0, o.start - 40), o.start):
        flag("delegation")
    if any(bit & _TITLE_BIT and e <= o.start and o.start - e <= 3 for _, e, bit in s.cues):
        flag("title_before")  # "Foreign Minister Jane Doe"
    if o.label != "Person" and any(
        bit & _TITLE_BIT and e <= o.start and _OF_GAP.fullmatch(text, e, o.start) for _, e, bit in s.cues
    ):
        flag("official_of")  # "the Vice-President of Ruritania's bank": someone there speaks for it
    if _REPRESENTED.search(text, 0, o.start):
        flag("represented_by")
    if _OPENING.fullmatch(text, 0, group[0].start):
        flag("sentence_subject")  # "A and B raised concerns ...": what the sentence is about
    if o.label == "Person":
        employers = works.get(o.entity, ())
        if employers:
            flag("works_known")
            if any(k.startswith("country:") for k in employers):
                flag("works_country")
        if _SPEAKS.match(text, group[-1].end):
            flag("speaker")  # "A said", "A, Minister of Mines, told reporters": a voice of the meeting
        if next((m for m in s.mentions if m.label == "Person"), None) is o:
            flag("first_person_here")
    else:
        people = staff.get(o.entity, set())
        if people & participants:
            # "the minister of A attended": a country takes part through its official (a body
            # employing them may not have come as a body)
            flag("employs_participant" if o.label == "Country" else "body_of_participant")
        if people & persons_here:
            flag("employs_person_here")
