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

from minegraph.loaders.mentions import Mention
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.context import ACTORS, DocContext, Out, is_descriptor, relative_spans, step
from minegraph.loaders.relations.frames import Anchor, Frame
from minegraph.loaders.relations.patterns import vocab_patterns as vp

#: the relation written for a pair, by the labels of its two ends (first, second) when no rule typed it
PAIR_TYPES: dict[tuple[str, str], str] = {
    ("Person", "Country"): "WORKS_FOR",
    ("Person", "Agency"): "WORKS_FOR",
    ("Person", "Company"): "WORKS_FOR",
    ("Country", "Mineral"): "HAS_RESOURCE",
    ("Agency", "Country"): "BASED_IN",
    ("Company", "Country"): "BASED_IN",
    ("Country", "Country"): "COOPERATES_WITH",
    ("Agency", "Agency"): "COOPERATES_WITH",
    ("Company", "Company"): "COOPERATES_WITH",
    ("Agency", "Company"): "COOPERATES_WITH",
}
#: the group (one model each) a pair of labels belongs to
PAIR_GROUPS: dict[tuple[str, str], str] = {
    ("Person", "Country"): "works",
    ("Person", "Agency"): "works",
    ("Person", "Company"): "works",
    ("Country", "Mineral"): "resource",
    ("Agency", "Country"): "based",
    ("Company", "Country"): "based",
    ("Country", "Country"): "actors",
    ("Agency", "Agency"): "actors",
    ("Company", "Company"): "actors",
    ("Agency", "Company"): "actors",
}
RULE_TYPES = (
    "BASED_IN",
    "PART_OF",
    "PARTY_TO",
    "LEADS",
    "COVERS",
    "HAS_RESOURCE",
    "COOPERATES_WITH",
    "PARTICIPATED_IN",
    "ORGANIZED",
    "HELD_IN",
    "WORKS_FOR",
)


@dataclass
class Candidate:
    """One possible relation: ``source`` -[type]-> ``target`` (entity keys; an unnamed
    agreement's frame stands in until it is realised)."""

    group: str
    source: str
    target: str
    type: str
    feats: dict[str, float] = field(default_factory=dict)
    #: whether a rule of this package states it (what is decided when no weights are loaded)
    rule: bool = False
    evidence: str = ""
    frame: Frame | None = None
    #: the types the rules gave this link (all are written when it is kept)
    rule_types: set[str] = field(default_factory=set)
    #: a filter speaks against it: kept only if a rule states it
    veto: bool = False

    def flag(self, name: str, value: float = 1.0) -> None:
        if value > self.feats.get(name, 0.0):
            self.feats[name] = value

    def least(self, name: str, value: float) -> None:
        if value < self.feats.get(name, 99.0):
            self.feats[name] = value


# --- what links two mentions in one sentence ----------------------------------------------

#: cue words between two mentions, each a feature ("gap_with": " ... with ... ")
_GAP_CUES: tuple[tuple[str, re.Pattern], ...] = (
    ("gap_poss", re.compile(r"^['’]s?\s")),
    ("gap_of", re.compile(r"^\s+(?:of|in|at|from|for)\s+(?:the\s+)?$")),
    ("gap_appos", re.compile(r"^\s*,\s+(?:the\s+|a\s+|an\s+)?")),
    ("gap_coord", re.compile(r"^\s*(?:,|and|,\s*and|&|/|-|–)\s*(?:the\s+)?$")),
    ("gap_with", re.compile(r"\bwith\b")),
    ("gap_between", re.compile(r"\bbetween\b")),
    ("gap_sign", re.compile(r"\b(?:sign\w*|ink\w*|seal\w*|agree\w*|struck|conclud\w*)\b", re.I)),
    ("gap_coop", P.COOPERATION),
    ("gap_based", re.compile(r"-based\b|\bbased in\b|\bheadquartered\b")),
    ("gap_paren", re.compile(r"\(")),
    ("gap_title", re.compile(r"(?!)")),  # filled from the vocabulary (below)
    ("gap_resource", P.RESOURCE),
    ("gap_particip", P.PARTICIPATION),
    ("gap_organise", P.ORGANIZER),
    ("gap_said", re.compile(r"\b(?:said|says|told|according)\b")),
    ("gap_break", re.compile(r"[;:—–]|\.\s")),
    ("gap_owner", re.compile(r"\b(?:owned|subsidiary|unit|arm|part of|division|stake)\b", re.I)),
    ("gap_by", re.compile(r"\bby\b")),
    ("gap_in", re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")),
)


def _gap_feats(text: str, a: Mention, b: Mention) -> dict[str, float]:
    """Features of the words between two mentions of one sentence (``a`` first)."""
    gap = text[a.end : b.start]
    out: dict[str, float] = {"gap_len": math.log1p(max(len(gap), 0)), "gap_words": min(len(gap.split()), 30)}
    if len(gap) > 160:
        return out
    for name, rx in _GAP_CUES:
        if name == "gap_title":
            if vp().title_word.search(gap):
                out[name] = 1.0
        elif rx.search(gap):
            out[name] = 1.0
    return out


@dataclass
class _Sentence:
    """The facts about one sentence the features read, computed once."""

    text: str
    mentions: list[Mention]
    actors: list[Mention]
    #: actors that can be a party: not a country describing the next name ("Ruritania's firm X")
    parties: list[Mention]
    clauses: list[tuple[int, int]]
    relative: list[tuple[int, int]]
    quoted: list[tuple[int, int]]
    para: int


def sentence_facts(ctx: DocContext) -> list[_Sentence]:
    from minegraph.loaders.relations.context import clauses

    out = []
    for i, (sent, sm) in enumerate(zip(ctx.sentences, ctx.found, strict=True)):
        text = sent.text
        ms = [m for m in sm.mentions if m.entity]
        actors = [m for m in ms if m.label in ACTORS and not m.inner and m.kind != "venue"]
        quoted = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)", text)]
        parties = [o for o in actors if not is_descriptor(o, sm.mentions, text)]
        out.append(
            _Sentence(
                text,
                ms,
                actors,
                parties,
                clauses(text),
                relative_spans(text),
                quoted,
                ctx.paragraphs[i] if ctx.paragraphs else i,
            )
        )
    return out


def _in(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _same_clause(s: _Sentence, p: int, q: int) -> bool:
    return any(a <= p < b and a <= q < b for a, b in s.clauses)


def _coordinated_after(s: _Sentence, first: Mention) -> list[Mention]:
    """``first`` and the actors coordinated after it ("A, B and Ruritania's C")."""
    group = [first]
    for o in s.parties:
        if o.start > group[-1].start and o.start >= group[-1].end:
            if _CHAIN_GAP.fullmatch(s.text[group[-1].end : o.start]):
                group.append(o)
            else:
                break
    return group


def _coordinated_before(s: _Sentence, last: Mention) -> list[Mention]:
    group = [last]
    for o in reversed(s.parties):
        if o.end <= group[0].start and _CHAIN_GAP.fullmatch(s.text[o.end : group[0].start]):
            group.insert(0, o)
        elif o.end <= group[0].start:
            break
    return group


_CHAIN_GAP = re.compile(
    r"\s*(?:,|and|,\s*and|&|as well as)\s*(?:the\s+)?"
    r"(?:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s\s+)?(?:[a-z][\w-]*\s+){0,3}"
)
_IN_PLACE = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,4}in\s+(?:the\s+)?")
_BETWEEN = re.compile(r"(?:\s*\([^()]{1,15}\))?(?:\s+[\w-]+){0,3}?\s+(?:between|among)\s+(?:the\s+)?")
_WITH = re.compile(r"(?:\s*\([^()]{1,15}\))?(?:\s+[\w$.,%-]+){0,3}?\s+with\s+(?:the\s+)?")
_STAKE_IN = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?")
_BY = re.compile(r"\b(?:signed|inked|agreed|concluded|reached|struck)\s+(?:\w+\s+){0,3}?(?:by|between)\s+(?:the\s+)?$")
_UNDER = re.compile(r"^(?:Under|Through|As part of|In|With)\s+the\b")
_DEMONYM_GROUP = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:compan(?:y|ies)|firms?|miners?|producers?|investors?|banks?|groups?|developers?|businesses"
    r"|corporations?|traders?|refiners?|smelters?|manufacturers?|buyers?|partners?)\b"
)
_SUBJECT_GAP_STOP = re.compile(r"[;:]|\b(?:which|who|that|said|says|according)\b")


def _label_feats(c: Candidate, label: str, prefix: str) -> None:
    c.feats[f"{prefix}_{label}"] = 1.0


# --- agreement roles ----------------------------------------------------------------------


@step(reads=("frames:agreement", "PARTY_TO", "LEADS", "COVERS", "WORKS_FOR"), writes=("candidates:agreement",))
def agreement_candidates(
    ctx: DocContext, frames: list[Frame], out: Out, sents: list[_Sentence] | None = None
) -> list[Candidate]:
    """Party and mineral candidates for every agreement frame."""
    sents = sents if sents is not None else sentence_facts(ctx)
    employers = _employers(out)
    n_frames = len(frames)
    anchors_by_sent: dict[int, list[tuple[Anchor, int]]] = {}
    for fi, fr in enumerate(frames):
        for a in fr.anchors:
            anchors_by_sent.setdefault(a.sent, []).append((a, fi))
    mention_count: dict[str, int] = {}
    for s in sents:
        for m in s.mentions:
            mention_count[m.entity] = mention_count.get(m.entity, 0) + 1
    focal_rank = {k: i for i, k in enumerate(ctx.focal[:3])}
    rule_party: dict[tuple[str, str], set[str]] = {}
    for r in out.rels.values():
        if r.type in ("PARTY_TO", "LEADS", "COVERS"):
            rule_party.setdefault((r.source, r.target), set()).add(r.type)
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
            for o in s.actors:
                c = by_entity.get(o.entity)
                if c is None:
                    c = by_entity[o.entity] = Candidate("party", o.entity, fi, "PARTY_TO", frame=fr)
                    c.evidence = s.text
                if not here:
                    near = min(abs(a.sent - si) for a in fr.anchors)
                    c.flag("prev_sent" if any(a.sent == si + 1 for a in fr.anchors) else "next_sent")
                    c.flag("near_sent", 1.0 / near)
                    continue
                c.flag("same_sent")
                c.evidence = s.text
                c.feats["n_sent"] = c.feats.get("n_sent", 0.0) + 1
                for a in here:
                    _party_feats(ctx, c, s, o, a, fi, anchors_by_sent.get(si, []), employers)
            for mn in s.mentions:
                if mn.label != "Mineral":
                    continue
                c = minerals.get(mn.entity)
                if c is None:
                    c = minerals[mn.entity] = Candidate("covers", fi, mn.entity, "COVERS", frame=fr)
                    c.evidence = s.text
                if not here:
                    c.flag("prev_sent" if any(a.sent == si + 1 for a in fr.anchors) else "next_sent")
                    continue
                c.flag("same_sent")
                c.evidence = s.text
                for a in here:
                    _covers_feats(c, s, mn, a, fi, anchors_by_sent.get(si, []))
        # "the two countries", "both sides": the article's two main countries
        for a in fr.anchors:
            txt = sents[a.sent].text[a.clause[0] : a.clause[1]]
            if P.TWO_COUNTRIES.search(txt):
                for k in ctx.focal[:2]:
                    c = by_entity.get(k)
                    if c is None:
                        c = by_entity[k] = Candidate("party", k, fi, "PARTY_TO", frame=fr)
                        c.evidence = sents[a.sent].text
                    c.flag("two_countries")
        if ctx.focal and ctx.focal[0] not in by_entity:
            c = by_entity[ctx.focal[0]] = Candidate("party", ctx.focal[0], fi, "PARTY_TO", frame=fr)
            c.evidence = sents[fr.first.sent].text
            c.flag("focal_only")
        if fr.key:  # a rule's party read elsewhere ("X joined the partnership")
            for src, dst in rule_party:
                if dst == fr.key and src not in by_entity and ctx.label(src) in ACTORS:
                    c = by_entity[src] = Candidate("party", src, fi, "PARTY_TO", frame=fr)
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
                c.rule_types = set(rule_party[(c.source, fr.key)])
            if fr.key:
                e = ctx.entity(fr.key)
                iso = c.source.split(":", 1)[1].upper() if c.source.startswith("country:") else ""
                if e is not None and iso and iso in e.name_countries:
                    c.flag("in_name")
            c.rule = c.feats.get("rule_party", 0) > 0
            c.veto = any(c.feats.get(k, 0) > 0 for k in _PARTY_VETO) or (fr.split and not c.rule)
        for c in minerals.values():
            c.feats["mentions"] = math.log1p(mention_count.get(c.target, 0))
            _frame_feats(c, fr, n_frames, len(minerals))
            if fr.key and (fr.key, c.target) in rule_party:
                c.flag("rule_covers")
                c.rule_types = {"COVERS"}
            c.rule = c.feats.get("rule_covers", 0) > 0
        cands.extend(by_entity.values())
        cands.extend(minerals.values())
    return cands


#: where an actor is named only as a place, a describer or a source, it is not a party
_PARTY_VETO = ("place", "demonym_group", "according", "quoted", "descriptor", "relative")

_KINDS = ("mou", "deal", "agreement", "partnership", "stake", "joint_venture", "loan", "offtake", "named", "contract")


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


def _employers(out: Out) -> dict[str, set[str]]:
    """sentence text -> employers a rule read there (an official's organisation)."""
    got: dict[str, set[str]] = {}
    for r in out.rels.values():
        if r.type == "WORKS_FOR":
            for ev in r.evidence:
                got.setdefault(ev, set()).add(r.target)
    return got


def _party_feats(
    ctx: DocContext,
    c: Candidate,
    s: _Sentence,
    o: Mention,
    a: Anchor,
    fi: int,
    anchors_here: list[tuple[Anchor, int]],
    employers: dict[str, set[str]],
) -> None:
    text = s.text
    before = o.end <= a.start
    gap = text[o.end : a.start] if before else text[a.end : o.start]
    dist = len(gap)
    c.least("dist", math.log1p(max(dist, 0)))
    between_actors = sum(
        1 for x in s.actors if (o.end <= x.start and x.end <= a.start) or (a.end <= x.start and x.end <= o.start)
    )
    c.least("actors_between", min(between_actors, 8))
    c.flag("before" if before else "after")
    if _same_clause(s, o.start, a.start):
        c.flag("same_clause")
    nearest = min(anchors_here, key=lambda af: abs((af[0].start if af[0].start >= o.end else af[0].end) - o.start))
    if nearest[1] == fi:
        c.flag("nearest_frame")
    others = {f for _, f in anchors_here if f != fi}
    c.least("other_frames_here", min(len(others), 4))
    if a.definite:
        c.flag("anchor_definite")
    if is_descriptor(o, s.mentions, text):
        c.flag("descriptor")
    if o.kind == "demonym":
        c.flag("demonym")
        if _DEMONYM_GROUP.match(text, o.end):
            c.flag("demonym_group")
    if P.ACCORDING_TO.search(text, max(0, o.start - 30), o.start):
        c.flag("according")
    if _in(o.start, s.relative):
        c.flag("relative")
    if _in(o.start, s.quoted):
        c.flag("quoted")
    if re.search(r"\b(?:in|at|near)\s+(?:the\s+)?$", text[max(0, o.start - 12) : o.start]):
        c.flag("place")
    if o.possessive:
        c.flag("possessive")
    if o.entity in employers.get(text, ()):
        c.flag("employer_here")
    # structure: "between A and B", "with B", "A signed ...", "signed by A and B"
    if not before:
        btw = _BETWEEN.match(text, a.end)
        if btw:
            first = next((x for x in s.actors if btw.end() <= x.start <= btw.end() + 2), None)
            if first is not None and any(x is o for x in _coordinated_after(s, first)):
                c.flag("between")
        wth = _WITH.match(text, a.end)
        if wth:
            first = next((x for x in s.actors if wth.end() <= x.start <= wth.end() + 30), None)
            if first is not None and any(x is o for x in _coordinated_after(s, first)):
                c.flag("with_obj")
        inn = _STAKE_IN.match(text, a.end)
        if inn and o.start == inn.end():
            c.flag("stake_in")
        if _BY.search(text, max(0, o.start - 60), o.start) or re.search(
            r"\bby\s+(?:the\s+)?$", text[max(0, o.start - 10) : o.start]
        ):
            c.flag("by_signed")
    else:
        last = [x for x in s.actors if x.end <= a.start and _same_clause(s, x.start, a.start)]
        if last and any(x is o for x in _coordinated_before(s, last[-1])):
            between_text = text[last[-1].end : a.start]
            if not _SUBJECT_GAP_STOP.search(between_text):
                c.flag("subject")
                if P.status_of(between_text):
                    c.flag("subject_signed")
        if o.possessive and dist <= 40:
            c.flag("poss_before")
        if re.fullmatch(r"\s*[-–/]\s*|\s+", gap) and dist <= 3:
            c.flag("prefix")
        if _UNDER.match(text) and a.start < 30:
            c.flag("under")
    if _UNDER.match(text) and a.start < 30 and not before:
        c.flag("under")
    # an official of the organisation in the same clause ("signed by Jane Doe, Minister of X")
    for p in s.mentions:
        if p.label == "Person" and _same_clause(s, p.start, a.start) and o.entity in employers.get(text, ()):
            c.flag("official")
            break


def _covers_feats(
    c: Candidate, s: _Sentence, mn: Mention, a: Anchor, fi: int, anchors_here: list[tuple[Anchor, int]]
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
    if re.search(
        r"\b(?:on|for|of|covering|including|in|to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
        text[max(0, mn.start - 40) : mn.start],
    ):
        c.flag("prep_before")
    if _COVERS_CUE.search(text):
        c.flag("covers_cue")
    if re.search(r"\b(?:mine|project|deposit|plant|refinery)\b", text[mn.end : mn.end + 20]):
        c.flag("asset")


_COVERS_CUE = re.compile(
    r"\b(?:covers?|covering|includ\w+|focus\w* on|supply|supplies|offtake|production of|processing|refin\w+|"
    r"explor\w+|develop\w+|mining of)\b",
    re.I,
)


# --- meeting roles ------------------------------------------------------------------------

#: words before a meeting's name that place what the sentence says after it ("as a follow-up to the summit")
_MEETING_AFTER = re.compile(
    r"\b(?:follow[- ]?up\s+(?:to|of|on)|following|after|ahead\s+of|before|since|prior\s+to|in\s+the\s+wake\s+of|"
    r"building\s+on|preparations?\s+for|run-up\s+to)\s+(?:the\s+|this\s+|last\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
#: words before a meeting's name that place the sentence at it ("at the summit", "on the sidelines of")
_MEETING_AT = re.compile(
    r"\b(?:at|during|on\s+the\s+(?:sidelines|margins)\s+of|attend\w*|join\w*|address\w*|took\s+part\s+in)"
    r"\s+(?:the\s+|this\s+|last\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)


@step(
    reads=("frames:event", "PARTICIPATED_IN", "ORGANIZED", "HELD_IN", "LEADS", "WORKS_FOR"),
    writes=("candidates:event",),
)
def event_candidates(ctx: DocContext, frames: list[Frame], out: Out, sents: list[_Sentence]) -> list[Candidate]:
    """Participant, organiser and host candidates for every meeting frame."""
    employers = _employers(out)
    rule = {}
    for r in out.rels.values():
        if r.type in ("PARTICIPATED_IN", "ORGANIZED", "HELD_IN", "LEADS"):
            pair = (r.source, r.target) if r.type != "HELD_IN" else (r.target, r.source)
            rule.setdefault(pair, set()).add(r.type)
    mention_count: dict[str, int] = {}
    for s in sents:
        for m in s.mentions:
            mention_count[m.entity] = mention_count.get(m.entity, 0) + 1
    cands: list[Candidate] = []
    for fr in frames:
        assert fr.key is not None
        by_entity: dict[str, Candidate] = {}
        sent_ids = sorted({a.sent for a in fr.anchors})
        main = fr.key == ctx.main_event
        for si in sent_ids:
            s = sents[si]
            here = [a for a in fr.anchors if a.sent == si]
            cue = P.PARTICIPATION.search(s.text)
            org = P.ORGANIZER.search(s.text)
            persons = [m for m in s.mentions if m.label == "Person"]
            for o in s.mentions:
                if o.label not in ("Person", *ACTORS) or o.inner:
                    continue
                if o.label == "Country" and o.kind == "venue":
                    pass
                c = by_entity.get(o.entity)
                if c is None:
                    c = by_entity[o.entity] = Candidate("event", o.entity, fr.key, "PARTICIPATED_IN", frame=fr)
                    c.evidence = s.text
                c.feats["n_sent"] = c.feats.get("n_sent", 0.0) + 1
                if cue:
                    c.flag("cue_particip")
                if org:
                    c.flag("cue_organise")
                if o.kind == "venue":
                    c.flag("venue")
                if persons and o is persons[0]:
                    c.flag("first_person")
                if o.possessive:
                    c.flag("possessive")
                if is_descriptor(o, s.mentions, s.text):
                    c.flag("descriptor")
                if _in(o.start, s.quoted):
                    c.flag("quoted")
                if o.entity in employers.get(s.text, ()):
                    c.flag("employer_here")
                if re.search(r"\b(?:in|at)\s+(?:the\s+)?$", s.text[max(0, o.start - 12) : o.start]):
                    c.flag("place")
                if P.ACCORDING_TO.search(s.text, max(0, o.start - 30), o.start):
                    c.flag("according")
                for a in here:
                    if a.start <= o.start < a.end:
                        c.flag("in_name")
                        continue
                    lead = s.text[max(0, a.start - 40) : a.start]
                    if _MEETING_AFTER.search(lead):
                        c.flag("anchor_after")  # "as a follow-up to the summit": a later act
                    elif _MEETING_AT.search(lead):
                        c.flag("anchor_at")
                    before = o.end <= a.start
                    gap = s.text[o.end : a.start] if before else s.text[a.end : o.start]
                    c.least("dist", math.log1p(len(gap)))
                    c.flag("before" if before else "after")
                    if _same_clause(s, o.start, a.start):
                        c.flag("same_clause")
                    if not a.definite:
                        c.flag("explicit_anchor")
        for k, c in by_entity.items():
            label = ctx.label(k)
            c.feats[f"lab_{label}"] = 1.0
            c.feats["mentions"] = math.log1p(mention_count.get(k, 0))
            c.feats["anchors"] = math.log1p(len(fr.anchors))
            if main:
                c.feats["main_event"] = 1.0
            for t in rule.get((k, fr.key), ()):
                c.flag(f"rule_{t}")
            e = ctx.entity(fr.key)
            if label == "Country" and e is not None and k.split(":", 1)[-1].upper() in e.name_countries:
                c.flag("name_country")
            types = rule.get((k, fr.key), set())
            c.rule_types = set(types)
            c.veto = any(c.feats.get(f, 0) > 0 for f in ("descriptor", "quoted", "according")) or (
                c.feats.get("anchor_after", 0) > 0 and not c.feats.get("anchor_at") and not c.feats.get("cue_particip")
            )
            if "HELD_IN" in types:
                c.type = "HELD_IN"
            elif "ORGANIZED" in types and "PARTICIPATED_IN" not in types:
                c.type = "ORGANIZED"
            elif "LEADS" in types and "PARTICIPATED_IN" not in types:
                c.type = "LEADS"
            c.rule = bool(types)
        cands.extend(by_entity.values())
    # rule links to a meeting from sentences that do not name it
    seen = {(c.source, c.target) for c in cands}
    for r in out.rels.values():
        if (
            r.type in ("PARTICIPATED_IN", "ORGANIZED", "HELD_IN", "LEADS")
            and ctx.label(r.target if r.type != "HELD_IN" else r.source) == "Event"
        ):
            src, dst = (r.source, r.target) if r.type != "HELD_IN" else (r.target, r.source)
            if (src, dst) in seen:
                continue
            c = Candidate("event", src, dst, r.type, rule=True, evidence=r.evidence[0], rule_types={r.type})
            c.feats[f"rule_{r.type}"] = 1.0
            c.feats[f"lab_{ctx.label(src)}"] = 1.0
            c.feats["far"] = 1.0
            cands.append(c)
            seen.add((src, dst))
    return cands


# --- pairs --------------------------------------------------------------------------------


@step(
    reads=("co_parties", "BASED_IN", "PART_OF", "WORKS_FOR", "HAS_RESOURCE", "COOPERATES_WITH"),
    writes=("candidates:pair",),
)
def pair_candidates(
    ctx: DocContext, out: Out, sents: list[_Sentence], co_parties: dict[frozenset, list[str]]
) -> list[Candidate]:
    """Candidates for the links between two entities named in one sentence, and for every
    link a rule read."""
    by_pair: dict[tuple[str, str], Candidate] = {}
    mention_count: dict[str, int] = {}
    for s in sents:
        for m in s.mentions:
            mention_count[m.entity] = mention_count.get(m.entity, 0) + 1
    focal_rank = {k: i for i, k in enumerate(ctx.focal[:3])}
    for si, s in enumerate(sents):
        if ctx.sentences[si].heading:
            continue
        ms = [m for m in s.mentions if m.label in ("Person", "Country", "Agency", "Company", "Mineral")]
        n_ms = len(ms)
        owner: dict[int, str] = {}  # mineral mention -> the country of "a nickel plant in <Country>"
        for i, m in enumerate(ms):
            if m.label == "Mineral":
                nxt = next((o for o in ms[i + 1 :] if o.label == "Country"), None)
                if nxt is not None and _IN_PLACE.fullmatch(s.text, m.end, nxt.start):
                    owner[i] = nxt.entity
        nearest: dict[tuple[int, str], str] = {}  # (mention, label) -> the nearest entity of that label
        for i, a in enumerate(ms):
            for lab in ("Country", "Agency", "Company", "Mineral", "Person"):
                others = [b for b in ms if b is not a and b.label == lab and b.entity != a.entity]
                if others:
                    near = min(others, key=lambda b: b.start - a.end if b.start >= a.end else a.start - b.end)
                    nearest[(i, lab)] = near.entity
        for i, a in enumerate(ms):
            for j, b in enumerate(ms[i + 1 :], i + 1):
                if a.entity == b.entity or b.start < a.end:
                    continue
                key = (a.label, b.label)
                flip = False
                if key not in PAIR_GROUPS:
                    key = (b.label, a.label)
                    flip = True
                    if key not in PAIR_GROUPS:
                        continue
                first, second = (b, a) if flip else (a, b)
                if (first.inner and first.label != "Country") or (second.inner and second.label != "Country"):
                    continue
                if key[0] == key[1] and first.entity > second.entity:
                    first, second = second, first
                pk = (first.entity, second.entity)
                c = by_pair.get(pk)
                if c is None:
                    c = by_pair[pk] = Candidate(PAIR_GROUPS[key], first.entity, second.entity, PAIR_TYPES[key])
                    c.evidence = s.text
                    c.feats["sent_first"] = math.log1p(si)
                c.feats["n_sent"] = c.feats.get("n_sent", 0.0) + 1
                c.least("crowd", math.log1p(n_ms))
                for name, v in _gap_feats(s.text, a, b).items():
                    if name in ("gap_len", "gap_words"):
                        c.least(name, v)
                    else:
                        c.flag(name, v)
                between = sum(1 for x in ms if a.end <= x.start and x.end <= b.start)
                c.least("between", min(between, 8))
                c.flag("order_rev" if flip else "order_fwd")
                mineral_at = i if a.label == "Mineral" else j if b.label == "Mineral" else None
                if mineral_at in owner:
                    country = b if a.label == "Mineral" else a
                    c.flag("place_this" if owner[mineral_at] == country.entity else "place_other")
                if nearest.get((i, b.label)) == b.entity:
                    c.flag("b_nearest_to_a" if not flip else "a_nearest_to_b")
                if nearest.get((j, a.label)) == a.entity:
                    c.flag("a_nearest_to_b" if not flip else "b_nearest_to_a")
                if _same_clause(s, a.start, b.start):
                    c.flag("same_clause")
                for tag, m in (("a", first), ("b", second)):
                    if m.possessive:
                        c.flag(f"{tag}_poss")
                    if m.inner:
                        c.flag(f"{tag}_inner")
                    if m.kind == "demonym":
                        c.flag(f"{tag}_demonym")
                    if m.kind == "venue":
                        c.flag(f"{tag}_venue")
                    if _in(m.start, s.quoted):
                        c.flag(f"{tag}_quoted")
                    if m.label == "Country" and is_descriptor(m, s.mentions, s.text):
                        c.flag(f"{tag}_descriptor")
    for r in out.rels.values():
        if r.type in ("PARTY_TO", "COVERS") or "Event" in (ctx.label(r.source), ctx.label(r.target)):
            continue
        key = (ctx.label(r.source), ctx.label(r.target))
        src, dst = r.source, r.target
        if key not in PAIR_GROUPS:
            key = (key[1], key[0])
            src, dst = dst, src
            if key not in PAIR_GROUPS:
                continue
        if key[0] == key[1] and src > dst:
            src, dst = dst, src
        c = by_pair.get((src, dst))
        if c is None:
            c = by_pair[(src, dst)] = Candidate(PAIR_GROUPS[key], src, dst, PAIR_TYPES[key])
            c.evidence = r.evidence[0] if r.evidence else ""
            c.flag("far")
        c.flag(f"rule_{r.type}", r.confidence)
        c.rule = True
        c.rule_types.add(r.type)
        c.type = r.type if (c.type == PAIR_TYPES[key] or r.type != "COOPERATES_WITH") else c.type
        c.source, c.target = (r.source, r.target)
    for pair in co_parties:
        a, b = sorted(pair)
        key = (ctx.label(a), ctx.label(b))
        if key not in PAIR_GROUPS:
            key, (a, b) = (key[1], key[0]), (b, a)
        if key not in PAIR_GROUPS or (a, b) in by_pair or (b, a) in by_pair:
            continue
        c = by_pair[(a, b)] = Candidate(PAIR_GROUPS[key], a, b, "COOPERATES_WITH")
        c.evidence = co_parties[pair][0]  # the sentence of an agreement they share
        c.flag("far")
    for c in by_pair.values():
        for tag, k in (("a", c.source), ("b", c.target)):
            c.feats[f"{tag}_lab_{ctx.label(k)}"] = 1.0
            c.feats[f"{tag}_mentions"] = math.log1p(mention_count.get(k, 0))
            if k in focal_rank:
                c.feats[f"{tag}_focal{focal_rank[k]}"] = 1.0
        n = len(co_parties.get(frozenset((c.source, c.target)), ()))
        if n:
            c.feats["co_party"] = float(n)
        if (
            c.group == "resource"
            and not c.rule
            and (
                not (c.feats.get("a_nearest_to_b") and c.feats.get("same_clause"))
                or (c.feats.get("place_other") and not c.feats.get("place_this"))
            )
        ):
            c.veto = True  # another clause, or another country named closer to the mineral
        e = ctx.entity(c.source)
        if c.group == "based" and e is not None and c.target.split(":", 1)[-1].upper() in e.name_countries:
            c.flag("name_country")
    return list(by_pair.values())
