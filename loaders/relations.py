"""Relationships read off sentences: who is based where, who works for whom, who took
part in, organised or hosted which event, which agreements exist and who is party to them,
which country holds which minerals, and who cooperates with whom.

Each rule looks at one sentence (or one clause of it) and the mentions found there; the
few things that need the whole article (the article's main country and main event,
"the two countries", "the forum") come from :class:`DocContext`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.entities import Entity, EntityRegistry
from loaders.gazetteer import alternation, countries, slug, subdivisions, vocabulary
from loaders.mentions import Mention, SentenceMentions
from loaders.sentences import Sentence

ACTORS = ("Country", "Agency", "Company")


@dataclass
class Rel:
    source: str
    type: str
    target: str
    confidence: float
    evidence: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _rx() -> dict[str, re.Pattern]:
    v = vocabulary()
    kinds = alternation(v.agreement_kinds)
    anaphor_words = alternation(v.event_anaphors)
    demonyms = alternation(s for s, (iso, kind) in countries().surfaces.items() if kind == "demonym")
    return {
        "demonym_list": re.compile(
            r"(?<![\w-])(" + demonyms + r")\s+(?:[\w-]+\s+){0,2}?(?:companies|firms|corporations|groups|"
            r"developers|traders|smelters|refiners|enterprises|businesses|miners|producers|banks|investors)\b"
            r"[’']?,?\s+(?:including|such as|like|namely)\s+"
        ),
        "participation": re.compile(r"\b(?:" + v.cues["participation_cues"] + r")\b", re.I),
        "organizer": re.compile(r"\b(?:" + v.cues["organizer_cues"] + r")\b", re.I),
        "organizer_passive": re.compile(r"\b(?:" + v.cues["organizer_passive_cues"] + r")\s+(?:the\s+)?$", re.I),
        "leads": re.compile(r"\b(?:" + v.cues["leads_cues"] + r")\b", re.I),
        "cooperation": re.compile(r"\b(?:" + v.cues["cooperation_cues"] + r")", re.I),
        "resource": re.compile(r"\b(?:" + v.cues["resource_cues"] + r")\b", re.I),
        "agreement_kw": re.compile(r"(?<![\w-])(?:" + kinds + r")(?![\w-])"),
        "event_anaphor": re.compile(
            r"\b[Tt]he\s+(?:(?:inaugural|first|second|annual|two-day|one-day|opening|closing|high-level|bilateral)\s+)*("
            + anaphor_words
            + r")\b"
        ),
        "event_context": re.compile(r"\b(?:" + alternation(v.event_context_anaphors) + r")\b", re.I),
        "agreement_anaphor": re.compile(
            r"\b(?:the|a|an|this)\s+(?:[\w-]+\s+){0,3}?(initiative|partnership|framework|alliance|forum|platform|pact)\b",
            re.I,
        ),
        "party_cue": re.compile(
            r"\b(?:through|under|join\w*|sign\w*|launch\w*|member\w*|part of|partner\w*|participat\w*|via|adopt\w*"
            r"|endors\w*|led|lead\w*|chair\w*|head\w*|introduc\w*|propos\w*|establish\w*|form(?:ed|ing)|plans?|back\w*)\b",
            re.I,
        ),
        "clause_split": re.compile(
            r",\s+(?:and|while|whereas|but|as|amid|after|because|although)\s+|;\s+|,\s+(?=which\b)|\s+and\s+that\s+"
        ),
        "two_countries": re.compile(r"\b(?:the\s+)?(?:two|both)\s+(?:countries|nations|sides|governments)\b", re.I),
        "demonym_actor": re.compile(r"^\s+(?:government|administration|side|delegation|officials|authorities)\b", re.I),
        # "director of the X", "analyst at consultancy X", "secretary at Norway's X"
        "employer_before": re.compile(
            r"\b(?:of|at|for|with)\s+(?:the\s+)?(?:[A-Z][\w.-]*['’]s\s+)?(?:[a-z][\w-]*\s+){0,3}$"
        ),
        "cue_gap": re.compile(
            r"\s+(?:[a-z][\w-]*\s+){0,3}(?:"
            + alternation(v.company_cues | v.agency_cues | {"state-owned", "state-run"})
            + r")\s+"
        ),
        "title_word": re.compile(
            r"\b(?:" + alternation(v.title_words_lower | {t.lower() for t in v.titles}) + r")\b", re.I
        ),
    }


# --- document context -------------------------------------------------------------------


@dataclass
class DocContext:
    sentences: list[Sentence]
    found: list[SentenceMentions]
    registry: EntityRegistry
    year: int | None
    focal: list[str]  # country keys, most mentioned first
    main_event: str | None
    event_order: list[tuple[int, int, str]]  # (sentence, start, key) of explicit event-like mentions
    recent_agreements: list[tuple[int, str]] = field(default_factory=list)  # (sentence, key) as read
    dateline: str | None = None  # country key of the place a "CITY —" dateline names
    dateline_sentence: str = ""
    paragraphs: list[int] = field(default_factory=list)  # paragraph (line) index of each sentence

    @classmethod
    def build(cls, sentences, found, registry, year, text: str = "") -> DocContext:
        counts: Counter[str] = Counter()
        events: Counter[str] = Counter()
        order = []
        for sent, sm in zip(sentences, found, strict=True):
            for m in sm.mentions:
                if m.label == "Country" and m.entity and m.kind != "venue":
                    counts[m.entity] += 2 if not m.inner else 1  # a name inside a name counts half
                if m.label in ("Event", "Agreement") and m.entity:
                    order.append((sent.index, m.start, m.entity))
                    if m.label == "Event":
                        events[m.entity] += 1
        first = {k: min(i for i, _, kk in order if kk == k) for k in events}
        main = max(events, key=lambda k: (events[k], -first[k])) if events else None
        focal = [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        ctx = cls(sentences, found, registry, year, focal, main, order)
        ctx.paragraphs = [text.count("\n", 0, s.start) if text else s.index for s in sentences]
        for sent in sentences[:8]:
            place = _dateline(sent.text)
            if place:
                ctx.dateline, ctx.dateline_sentence = place, sent.text
                break
        return ctx

    def nearest_country(self, sent_index: int, pos: int) -> str | None:
        """The country named closest to a point in the same paragraph (a city counts for its
        country), else the dateline's country."""
        para = self.paragraphs[sent_index] if sent_index < len(self.paragraphs) else -1
        best: tuple[int, int, str] | None = None
        for i, sm in enumerate(self.found):
            if self.paragraphs[i] != para or self.sentences[i].heading:
                continue
            for m in sm.mentions:
                if m.label != "Country" or not m.entity or m.inner:
                    continue
                dist = (abs(i - sent_index), abs(m.start - pos) if i == sent_index else 0)
                if best is None or dist < best[:2]:
                    best = (*dist, m.entity)
        return best[2] if best else self.dateline

    def label(self, key: str) -> str:
        e = self.registry.entities.get(key)
        return e.label if e else ""

    def entity(self, key: str):
        return self.registry.entities.get(key)

    def resolve_event_anaphor(self, word: str, sent_index: int, pos: int, agreements: bool = False) -> str | None:
        """'the forum' -> the latest forum named before this point, else the main event."""
        v = vocabulary()
        typ = v.event_anaphors.get(word.lower(), "*")
        if typ != "*":
            cands = [
                (i, s, k)
                for i, s, k in self.event_order
                if (i, s) < (sent_index, pos)
                and (self.label(k) == "Event" or agreements)
                and re.search(rf"\b{re.escape(word.split()[0])}\b", self.entity(k).name, re.I)
            ]
            if cands:
                return max(cands)[2]
            later = [
                (i, s, k)
                for i, s, k in self.event_order
                if (self.label(k) == "Event" or agreements)
                and re.search(rf"\b{re.escape(word.split()[0])}\b", self.entity(k).name, re.I)
            ]
            if later:
                return min(later)[2]
        return self.main_event


# --- helpers ----------------------------------------------------------------------------

_DATELINE = re.compile(
    r"^([A-Z][A-Z .'’-]{2,40}?)(?:,\s+(?:[A-Z][A-Za-z.]+\s+\d{1,2}|[A-Z][A-Z .-]+))?\s*"
    r"(?:\([^)]{1,30}\)\s*)?(?:[—–:]|--?)\s"
)


def _dateline(text: str) -> str | None:
    """'OSLO —', 'LIMA, May 3 (Agency) -', 'NAIROBI:' -> the country of the place."""
    m = _DATELINE.match(text)
    if not m:
        return None
    gaz = countries()
    words = m.group(1).strip()
    place = " ".join(w.capitalize() if not re.fullmatch(r"(?:[A-Z]\.)+", w) else w for w in words.split())
    hit = gaz.lookup(place) or gaz.lookup(words)
    return f"country:{hit[0].lower()}" if hit else None


def _actors(mentions: list[Mention]) -> list[Mention]:
    return [m for m in mentions if m.label in ACTORS and m.entity and not m.inner and m.kind != "venue"]


def _is_descriptor(m: Mention, mentions: list[Mention], text: str) -> bool:
    """A possessive or adjectival country that only describes the next name
    ("Korea's Ministry ...", "South Korean President Yoon")."""
    if m.label != "Country":
        return False
    if not (m.possessive or m.kind == "demonym"):
        # "US company X", "Chinese state miner Y"
        nxt = next((o for o in mentions if o.start >= m.end and not o.inner and o.label != "Mineral"), None)
        return (
            nxt is not None
            and nxt.label in ("Company", "Agency")
            and _rx()["cue_gap"].fullmatch(text[m.end : nxt.start]) is not None
        )
    if m.kind == "demonym" and _rx()["demonym_actor"].match(text[m.end :]):
        return False
    # a mineral word may stand between ("Korea's state resources group X")
    nxt = next((o for o in mentions if o.start >= m.end and not o.inner and o.label != "Mineral"), None)
    if nxt is None or nxt.label not in ("Agency", "Company", "Person", "Name", "Title"):
        return False
    gap = text[m.end : nxt.start]
    return len(gap) <= 60 and not re.search(r"[,;.()]", gap.replace("’s", "").replace("'s", ""))


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _rx()["clause_split"].finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


class _Out:
    def __init__(self) -> None:
        self.rels: dict[tuple[str, str, str], Rel] = {}

    def add(self, src: str, typ: str, dst: str, conf: float, sentence: str) -> None:
        if not src or not dst or src == dst:
            return
        key = (src, typ, dst)
        rel = self.rels.get(key)
        if rel is None:
            rel = self.rels[key] = Rel(src, typ, dst, conf)
        rel.confidence = max(rel.confidence, conf)
        if sentence not in rel.evidence:
            rel.evidence.append(sentence)


# --- the rules --------------------------------------------------------------------------


def extract_relations(ctx: DocContext) -> list[Rel]:
    out = _Out()
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if sent.heading:
            continue
        _based_in(ctx, sent, sm, out)
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if sent.heading:
            continue
        _part_of(ctx, sent, sm, out)
        _works_for(ctx, sent, sm, out)
        _events(ctx, sent, sm, out)
        _named_agreements(ctx, sent, sm, out)
        _unnamed_agreements(ctx, sent, sm, out)
        _programmes_with(ctx, sent, sm, out)
        _agreement_followups(ctx, sent, sm, out)
        _resources(ctx, sent, sm, out)
        _cooperation(ctx, sent, sm, out)
    _propagate_based_in(ctx, out)
    return list(out.rels.values())


def _based_in(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    text = sent.text
    gaz = countries()
    ms = sm.mentions
    placed: dict[int, list[Mention]] = {}  # mention index -> the countries its descriptor names
    for i, m in enumerate(ms):
        if m.label not in ("Agency", "Company") or not m.entity:
            continue
        e = ctx.entity(m.entity)
        if e is None:
            continue
        if e.name_countries and e.props.get("kind") != "intergovernmental":
            out.add(m.entity, "BASED_IN", f"country:{e.name_countries[0].lower()}", 0.9, text)
            continue
        # "Korea's X", "Mongolia's state-owned X", "German firm X", "US firm X", "Lima-based X"
        prev = [o for o in ms[:i] if o.label == "Country" and not o.inner and o.entity]
        if prev:
            p = prev[-1]
            gap = text[p.end : m.start]
            based_gap = re.match(r"-based\s+(?:[a-z][\w-]*\s+){0,3}$", gap) is not None
            if (
                (
                    ((p.possessive or p.kind == "demonym") and p.kind != "venue")
                    or based_gap
                    or (p.kind == "name" and _rx()["cue_gap"].fullmatch(gap) is not None)
                )
                and len(gap) <= 45
                and not re.search(r"[,;.()]", gap.replace("’s", "").replace("'s", ""))
                and not any(
                    o.start > p.end and o.end <= m.start and o.label in ACTORS + ("Person",) and not o.inner for o in ms
                )
            ):
                for c in _joined_countries(prev, text):
                    _ensure_country(ctx, c.entity)
                    out.add(m.entity, "BASED_IN", c.entity, 0.85, text)
                placed[i] = _joined_countries(prev, text)
                continue
        # "X, a Peruvian copper miner", "X, a Lima-based developer"
        appos = re.match(r",\s+(?:a|an)\s+(?:[a-z][\w-]*\s+){0,2}", text[m.end :])
        if appos:
            cm = next((o for o in ms if o.start == m.end + appos.end() and o.label == "Country" and o.entity), None)
            if cm is not None and (
                (cm.kind == "demonym" and re.match(r"\s+[a-z]", text[cm.end :]))
                or re.match(r"-based\b", text[cm.end :])
            ):
                _ensure_country(ctx, cm.entity)
                out.add(m.entity, "BASED_IN", cm.entity, 0.8, text)
                continue
        # "Japanese refiner A and trading house B": B shares A's descriptor
        j = i - 1
        while j >= 0 and ms[j].label not in ACTORS + ("Person",):
            j -= 1
        if j >= 0 and j in placed and ms[j].label == "Company" and m.label == "Company":
            link = text[ms[j].end : m.start]
            if re.fullmatch(r"\s+and\s+(?:[a-z][\w-]*\s+){1,3}", link) and _rx()["cue_gap"].fullmatch(
                link[len(re.match(r"\s+and", link).group()) :]  # type: ignore[union-attr]
            ):
                for c in placed[j]:
                    out.add(m.entity, "BASED_IN", c.entity, 0.7, text)
                placed[i] = placed[j]
                continue
        # "X in Australia", "X of Kazakhstan"
        after = re.match(r"\s+(?:in|of|based in)\s+(?:the\s+)?", text[m.end :])
        if after:
            nxt = next((o for o in ms if o.start == m.end + after.end() and o.label == "Country"), None)
            if nxt is not None and nxt.entity:
                out.add(m.entity, "BASED_IN", nxt.entity, 0.8, text)
                continue
    # a list after "<demonym> companies, including A, B and C"
    for dm in _rx()["demonym_list"].finditer(text):
        iso = gaz.surfaces[dm.group(1)][0]
        end = len(text)
        stop = re.search(
            r"[;:!?]|\.(?=\s+[A-Z]|\s*$)|,\s+(?!and\b)[a-z]|\s(?:were|was|are|is|have|has|will|signed|said)\b",
            text[dm.end() :],
        )
        if stop:
            end = dm.end() + stop.start()
        for o in ms:
            if dm.end() <= o.start < end and o.label in ("Company", "Agency") and o.entity:
                out.add(o.entity, "BASED_IN", f"country:{iso.lower()}", 0.8, text)
    # "Kazakhstan's Deputy Chairman of the Industry Committee"
    for p in ms:
        if p.label == "Country" and p.possessive and p.entity:
            window = text[p.end : p.end + 80]
            mm = re.match(r"[’']s\s+(?:[A-Za-z-]+\s+){1,5}?(?:of|at)\s+(?:the\s+)?", window)
            if mm and _rx()["title_word"].search(mm.group()):
                org = next((o for o in ms if o.start == p.end + mm.end() and o.label in ("Agency", "Company")), None)
                if org is not None and org.entity and not ctx.entity(org.entity).name_countries:
                    out.add(org.entity, "BASED_IN", p.entity, 0.75, text)


def _joined_countries(prev: list[Mention], text: str) -> list[Mention]:
    """The last country of ``prev`` with those hyphenated to it ("Swedish-German", "Polish/Czech")."""
    group = [prev[-1]]
    for o in reversed(prev[:-1]):
        if o.kind == "venue" or not re.fullmatch(r"\s*[-–/]\s*", text[o.end : group[0].start]):
            break
        group.insert(0, o)
    return group


_WITHIN = re.compile(
    # "X, which sits within the Ministry of Y", "X, an arm of the Y", "X, part of the Y", "X (a unit of Y)"
    r"\s*[,(]\s*(?:(?:which|that)\s+(?:now\s+)?(?:sits|is|operates|falls|works|comes)\s+(?:with)?(?:in|under|inside)"
    r"|(?:which|that)\s+(?:is\s+)?(?:part\s+of|overseen\s+by|run\s+by|attached\s+to|reports\s+to)"
    r"|(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:arm|unit|division|branch|wing|body|office|bureau|agency|department|"
    r"directorate|institute|part|subsidiary|affiliate|section)\s+(?:of|within|under|in)"
    r"|(?:part\s+of|under|within|attached\s+to))\s+(?:the\s+)?"
)
_OWN_MINISTRY = re.compile(r"(?:his|her|its|their|the)\s+(ministry|department)\b")


def _part_of(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    text = sent.text
    for m in sm.mentions:
        if m.label != "Agency" or not m.entity:
            continue
        after = re.match(r"\s+(?:at|of|within|under)\s+(?:the\s+)?", text[m.end :])
        if after:
            nxt = next((o for o in sm.mentions if o.start == m.end + after.end() and o.label == "Agency"), None)
            if nxt is not None and nxt.entity and nxt.entity != m.entity:
                out.add(m.entity, "PART_OF", nxt.entity, 0.75, text)
                continue
        within = _WITHIN.match(text, m.end)
        if not within:
            continue
        nxt = next((o for o in sm.mentions if o.start == within.end() and o.label == "Agency"), None)
        if nxt is not None and nxt.entity and nxt.entity != m.entity:
            out.add(m.entity, "PART_OF", nxt.entity, 0.7, text)
            continue
        own = _OWN_MINISTRY.match(text, within.end())
        if own:
            parent = _own_ministry(ctx, sent.index, sm, out, own.group(1))
            if parent and parent != m.entity:
                out.add(m.entity, "PART_OF", parent, 0.6, text)


def _own_ministry(ctx: DocContext, sent_index: int, sm: SentenceMentions, out: _Out, kind: str) -> str | None:
    """'his ministry': the ministry of the person in the sentence, else the one named last."""
    people = {o.entity for o in sm.mentions if o.label == "Person" and o.entity}
    for r in out.rels.values():
        if r.type == "WORKS_FOR" and r.source in people and ctx.entity(r.target) is not None:
            if ctx.entity(r.target).props.get("kind") == kind:
                return r.target
    last: str | None = None
    for i in range(sent_index + 1):
        for o in ctx.found[i].mentions:
            e = ctx.entity(o.entity) if o.entity else None
            if o.label == "Agency" and e is not None and e.props.get("kind") == kind:
                last = o.entity
    return last


def _ministry_for_title(ctx: DocContext, title: str) -> str | None:
    """'Vice Minister of Trade, Industry and Energy' / 'Foreign Minister' -> that ministry, if named."""
    short = vocabulary().short_forms
    m = re.search(r"Minister\s+(?:of|for)\s+(.+)$", title)
    cands = []
    if m:
        cands.append(f"Ministry of {m.group(1).strip()}")
    m = re.search(r"\b([A-Z][a-z]+)\s+Minister\b", title)
    if m and m.group(1) in short:
        cands.append(f"Ministry of {short[m.group(1)]}")
    m = re.search(r"\bSecretary\s+of\s+(.+)$", title)
    if m:
        cands.append(f"Department of {m.group(1).strip()}")
    m = re.search(r"^(.*)\bCommissioner\b", title)
    if m:  # "European Commissioner for ..." -> the European Commission
        cands.append(f"{m.group(1)}Commission")
    for cand in cands:
        e = ctx.registry.find("Agency", cand)
        if e is not None:
            return e.key
        for e in ctx.registry.entities.values():
            # "Minister of Energy" -> "Ministry of Energy of Mongolia", not "Ministry of Energy and X"
            if e.label == "Agency" and re.match(re.escape(cand) + r"\s+(?!and\b|&)", e.name):
                return e.key
    return None


def _works_for(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    text = sent.text
    ms = sm.mentions
    for idx, p in enumerate(ms):
        if p.label != "Person" or not p.entity or p.start == p.end:
            continue
        person = ctx.entity(p.entity)
        if person is None or person.props.get("_employer_done"):
            continue
        target = None
        title = ""
        # appositive after the name: ", director of the X" / ", Mongolia's minister" / " from the X"
        tail = text[p.end : p.end + 260]
        ap = re.match(r",\s+(?:the\s+|a\s+|an\s+)?(.{0,240}?)(?=,\s+(?:said|says|told|and\s+an?\b)|[,;.]\s|$)", tail)
        frm = re.match(r"\s+(?:from|of)\s+(?:the\s+)?", tail)
        if frm:
            org = next((o for o in ms if o.start == p.end + frm.end() and o.label in ("Agency", "Company")), None)
            if org is not None:
                target = org.entity
        ap_text = ap.group(1) if ap else ""
        if ap:
            # an appositive that names the next person is that person's title ("..., Peru's Minister X")
            a0, a1 = p.end + ap.start(1), p.end + ap.end(1)
            if any(o.label == "Person" and a0 <= o.start < a1 for o in ms):
                ap_text = ""
        if target is None and ap and _rx()["title_word"].search(ap_text):
            seg_start = p.end + ap.start(1)
            seg_end = seg_start + len(ap_text)
            title = ap_text
            inside = [o for o in ms if seg_start <= o.start < seg_end and o.entity and not o.inner]
            org = next(
                (
                    o
                    for o in inside
                    if o.label in ("Agency", "Company") and _rx()["employer_before"].search(text[seg_start : o.start])
                ),
                None,
            )
            if org is None:  # "the Brazilian Development Bank's head of mining"
                org = next(
                    (o for o in inside if o.label in ("Agency", "Company") and o.possessive and o.start == seg_start),
                    None,
                )
            ctry = next((o for o in inside if o.label == "Country" and o.possessive and o.start == seg_start), None)
            if org is not None and org.start == seg_start:
                target = org.entity
                title = text[org.end : seg_end].lstrip("’'s ").strip()
            elif org is not None:
                target = org.entity
                title = text[seg_start : org.start].strip()
                title = re.sub(r"\s+(?:of|at|for|with)(?:\s+the)?$", "", title)
            elif ctry is not None:
                target = ctry.entity
                title = text[ctry.end : seg_end].lstrip("’'s ").strip()
        if target is None:
            # title before the name: "South Korea's Foreign Minister Cho Hyun", "Kazakhstan's Deputy
            # Chairman of the Industry Committee, Turar Zholmagambetov,"
            head = text[: p.start]
            clause_start = max(head.rfind(". "), 0)
            rev = re.search(r",\s+$", head)
            window_start = max(clause_start, p.start - 120)
            before = [o for o in ms[:idx] if o.start >= window_start and o.entity and not o.inner]
            if rev:
                # reverse appositive: everything since the previous comma is the title
                prev_comma = head[: -len(rev.group())].rfind(",")
                window_start = max(prev_comma + 1, window_start)
                before = [o for o in ms[:idx] if o.start >= window_start and o.entity and not o.inner]
                org = next((o for o in reversed(before) if o.label in ("Agency", "Company")), None)
                ctry = next((o for o in before if o.label == "Country"), None)
                if org is not None and (
                    re.search(r"\b(?:of|at)\s+(?:the\s+)?$", text[: org.start])
                    or (org.possessive and not text[window_start : org.start].strip())
                ):
                    target = org.entity
                elif ctry is not None and _rx()["title_word"].search(text[ctry.end : p.start]):
                    target = ctry.entity
                title = text[window_start : p.start].strip(" ,")
            else:
                title_m = re.search(
                    r"((?:[A-Z][\w.-]*\s+){0,2}(?:[A-Z][\w-]*\s+(?:(?:of|for)\s+(?:the\s+)?)?(?:[A-Z][\w,-]*\s+(?:and\s+)?){0,4}))$",
                    head,
                )
                tmention = next((t for t in sm.titles if t.end <= p.start and p.start - t.end <= 2), None)
                if tmention is not None:
                    title = tmention.text
                    target = _ministry_for_title(ctx, tmention.text)
                    owner = next(
                        (
                            o
                            for o in reversed(ms[:idx])
                            if o.label == "Country"
                            and o.entity
                            and not o.inner
                            and tmention.start - 4 <= o.end <= tmention.end
                            and o.start < tmention.end
                        ),
                        None,
                    )
                    if target is not None and owner is not None and not ctx.entity(target).name_countries:
                        out.add(target, "BASED_IN", owner.entity, 0.7, text)
                elif title_m and _rx()["title_word"].search(title_m.group(1)):
                    title = title_m.group(1).strip()
                    target = _ministry_for_title(ctx, title)
                else:  # "Andes Copper Corp. chief executive Tomas Riera"
                    low = re.search(r"(?<=\S )((?:[a-z][a-z-]*\s+){1,4})$", head)
                    if low and _rx()["title_word"].search(low.group(1)):
                        title = low.group(1).strip()
                if target is None and title:
                    tstart = p.start - len(title) - 1
                    org = next(
                        (
                            o
                            for o in reversed(ms[:idx])
                            if o.label in ("Agency", "Company")
                            and o.entity
                            and tstart - (4 if o.possessive else 2) <= o.end <= p.start
                            and not re.search(r"[,;]", text[o.end : p.start])
                        ),
                        None,
                    )
                    if org is not None:
                        target = org.entity
                    ctry = next(
                        (
                            o
                            for o in reversed(ms[:idx])
                            if o.label == "Country"
                            and o.entity
                            and not o.inner
                            and o.end <= p.start
                            and tstart - o.end <= 4
                        ),
                        None,
                    )
                    if ctry is not None and target is None:
                        target = ctry.entity
                    title = re.sub(r"^(?:[A-Z]\.)+\s+|^[A-Z][a-z]+[’']s\s+", "", title).strip()
        if (
            target is None
            and title
            and ctx.focal
            and re.search(r"\b(?:Minister|President|Prime Minister|Secretary|Premier)\b", title)
            and not re.search(r"\b(?:of|for|at)\b", title)
        ):
            target = ctx.focal[0]
        if target is not None:
            out.add(p.entity, "WORKS_FOR", target, 0.8, text)
            person.props["_employer_done"] = True
        if title and "title" not in person.props:
            title = re.sub(r"^(?:the|a|an)\s+", "", title.strip(" ,"))
            if 0 < len(title) <= 80:
                person.props["title"] = title


def _event_refs(ctx: DocContext, sent: Sentence, sm: SentenceMentions) -> list[tuple[int, int, str, bool]]:
    """(start, end, event key, explicit) for events named or referred to in a sentence."""
    refs = [(m.start, m.end, m.entity, True) for m in sm.mentions if m.label == "Event" and m.entity]
    for m in _rx()["event_anaphor"].finditer(sent.text):
        if any(s <= m.start() < e for s, e, _, _ in refs):
            continue
        key = ctx.resolve_event_anaphor(m.group(1), sent.index, m.start(), agreements=True)
        if key:
            refs.append((m.start(), m.end(), key, False))
    for m in _rx()["event_context"].finditer(sent.text):
        if ctx.main_event:
            refs.append((m.start(), m.end(), ctx.main_event, False))
    return sorted(refs)


def _location_after(ctx: DocContext, sm: SentenceMentions, text: str, end: int) -> str | None:
    ms = [m for m in sm.mentions if m.start >= end and m.start - end <= 70]
    for m in ms:
        gap = text[end : m.start]
        if m.label == "Event":
            return None  # "the talks were held on the sidelines of the X summit in <City>": X's place
        if not re.search(r"\b(?:in|at)\s+(?:\S+\s+){0,3}$", gap):
            continue
        if re.search(r"[;]", gap):
            return None
        if m.label == "Country" and m.entity and (m.kind in ("name", "city", "venue") or m.inner):
            return m.entity
        if m.label in ("Agency", "Company") and m.entity:
            e = ctx.entity(m.entity)
            if e is not None and e.name_countries:
                return f"country:{e.name_countries[0].lower()}"
        if m.label in ("Event",):
            return None
    return None


def _city_in_name(name: str) -> str | None:
    """The country of a city or region written in an event's name ("Lima Mining Week")."""
    gaz = countries()
    for m in gaz.pattern.finditer(name):
        iso, kind = gaz.surfaces[m.group()]
        if kind == "city":
            return f"country:{iso.lower()}"
    sub = subdivisions().pattern.search(name)
    return f"country:{subdivisions().surfaces[sub.group()].lower()}" if sub else None


def _events(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    text = sent.text
    rx = _rx()
    refs = _event_refs(ctx, sent, sm)
    cue = rx["participation"].search(text)
    if not refs and not (cue and ctx.main_event):
        return
    if not refs:
        assert cue is not None and ctx.main_event is not None
        refs = [(cue.start(), cue.end(), ctx.main_event, False)]
    ms = sm.mentions
    locations: set[str] = set()
    for _start, end, key, explicit in refs:
        if ctx.label(key) != "Event":
            continue
        loc = _location_after(ctx, sm, text, end)
        if loc is None and explicit:
            loc = _city_in_name(ctx.entity(key).name)  # "the Nairobi summit"
        if loc:
            out.add(key, "HELD_IN", loc, 0.8, text)
            locations.add(loc)
            if loc not in ctx.registry.entities:
                _ensure_country(ctx, loc)
        # the group that names its meeting organises it ("the <ACRONYM> ministerial meeting")
        if explicit:
            for o in sm.mentions:
                if _start <= o.start < end and o.label == "Agency" and o.entity and not o.inner:
                    out.add(o.entity, "ORGANIZED", key, 0.7, text)
        # countries written in the event's name take part in it ("Korea-Africa summit")
        if explicit:
            for iso in ctx.entity(key).name_countries:
                out.add(f"country:{iso.lower()}", "PARTICIPATED_IN", key, 0.6, text)
                _ensure_country(ctx, f"country:{iso.lower()}")
    events = [r for r in refs if ctx.label(r[2]) == "Event"]
    if not events:
        return
    main_key = events[0][2]
    # organisers: "X held/hosts the forum", "the forum hosted by X", "in collaboration with X"
    organizers: set[str] = set()
    for m in rx["organizer"].finditer(text):
        later_event = next((r for r in events if r[0] >= m.end()), None)
        if later_event is None:
            continue
        word = m.group().lower()
        if word in ("in collaboration with",):
            continue
        subjects = [
            o
            for o in _actors(ms)
            if o.end <= m.start()
            and not _is_descriptor(o, ms, text)
            and not re.search(r"\baccording to\s+$", text[: o.start])
        ]
        for o in subjects:
            if ctx.label(o.entity) in ("Country", "Agency"):
                out.add(o.entity, "ORGANIZED", later_event[2], 0.75, text)
                organizers.add(o.entity)
    for pm in re.finditer(
        r"\b(?:hosted|organi[sz]ed|co-hosted|convened|sponsored)\s+by\s+|\bunder\s+(?:the\s+)?(?=[A-Z])", text
    ):
        if not any(r[1] <= pm.start() for r in events):
            continue
        cands = [o for o in _actors(ms) if o.start >= pm.end() and o.start - pm.end() <= 60]
        cands = [o for o in cands if not _is_descriptor(o, ms, text)]
        if cands and ctx.label(cands[0].entity) in ("Country", "Agency"):
            out.add(cands[0].entity, "ORGANIZED", events[0][2], 0.7, text)
            organizers.add(cands[0].entity)
            organizers.update(o.entity for o in _actors(ms) if pm.end() <= o.end <= cands[0].start)
    # "the meeting was chaired by <person> and co-hosted by <agency>"
    for lm in re.finditer(r"\b(?:chaired|co-chaired|presided over|led|headed)\s+(?:jointly\s+)?by\s+(?:the\s+)?", text):
        if not any(r[1] <= lm.start() for r in events) and not _event_subject(text, lm.start()):
            continue
        leader = next(
            (
                o
                for o in ms
                if o.start >= lm.end()
                and o.start - lm.end() <= 60
                and o.entity
                and not o.inner
                and o.label in ("Person", "Country", "Agency")
                and not _is_descriptor(o, ms, text)
            ),
            None,
        )
        target = next((r for r in reversed(events) if r[1] <= lm.start()), events[0])[2]
        if leader is not None:
            out.add(leader.entity, "LEADS", target, 0.7, text)
            organizers.add(leader.entity)
    # participants
    quoted = _quote_spans(text)
    employers = {r.target for r in out.rels.values() if r.type == "WORKS_FOR" and text in r.evidence}
    first_person = True
    for o in ms:
        if not o.entity or o.inner or o.kind == "venue":
            continue
        if o.label == "Person":
            if first_person and not o.possessive:
                out.add(o.entity, "PARTICIPATED_IN", main_key, 0.6, text)
            first_person = False
            continue
        if any(a <= o.start < b for a, b in quoted):
            continue
        if o.label not in ACTORS or o.entity in organizers or o.entity in locations or o.entity in employers:
            continue
        if _is_descriptor(o, ms, text) or re.search(r"\baccording to\s+(?:the\s+)?$", text[: o.start]):
            continue
        if o.label == "Country" and re.search(r"\b(?:in|at)\s+$", text[: o.start]) and o.kind != "name":
            continue
        if any(r[0] <= o.start < r[1] for r in refs):
            continue
        out.add(o.entity, "PARTICIPATED_IN", main_key, 0.6, text)
    if rx["two_countries"].search(text) and (cue or refs):
        for c in ctx.focal[:2]:
            out.add(c, "PARTICIPATED_IN", main_key, 0.55, text)


def _event_subject(text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` is about a meeting ("The talks were ...")."""
    return bool(
        re.search(r"\b(?:meeting|summit|forum|talks|ministerial|conference|session|dialogue)\b", text[:pos], re.I)
    )


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech: what a speaker says is not who attended."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)", text)]
    if text.rstrip().endswith(("”", '"')) and not any(b >= len(text.rstrip()) for _, b in spans if _ == 0):
        close = text.rstrip()
        spans.append((0, len(close)))  # a quote closing here opened in an earlier sentence
    return spans


def _ensure_country(ctx: DocContext, key: str) -> None:
    if key in ctx.registry.entities:
        return
    iso = key.split(":", 1)[1].upper()
    country = countries().countries.get(iso)
    if country is None:
        return
    e = ctx.registry.add("Country", country.name, 10**6)
    e.props.update({"iso2": country.iso2, "iso3": country.iso3})
    if e.key != key:
        del ctx.registry.entities[e.key]
        e.key = key
        ctx.registry.entities[key] = e


def _named_agreements(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    text = sent.text
    rx = _rx()
    ms = sm.mentions
    named = [m for m in ms if m.label == "Agreement" and m.entity]
    for a in named:
        e = ctx.entity(a.entity)
        for iso in e.name_countries:
            _ensure_country(ctx, f"country:{iso.lower()}")
            out.add(f"country:{iso.lower()}", "PARTY_TO", a.entity, 0.6, text)
        for o in _actors(ms):
            if o.end > a.start or _is_descriptor(o, ms, text):
                continue
            between = text[o.end : a.start]
            if rx["party_cue"].search(between) and not re.search(r"[;]", between):
                typ = (
                    "LEADS"
                    if rx["leads"].search(between) and ctx.label(o.entity) in ("Country", "Agency")
                    else "PARTY_TO"
                )
                out.add(o.entity, typ, a.entity, 0.7, text)
    for led in re.finditer(r"(?<![\w-])([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)-(led|backed|funded|financed)\b", text):
        ctry = next((o for o in ms if o.label in ("Country", "Agency") and o.start == led.start(1) and o.entity), None)
        target = next((a for a in reversed(named) if a.end <= led.start() and led.start() - a.end <= 20), None) or next(
            (a for a in named if a.start >= led.end() and a.start - led.end() <= 30), None
        )
        if ctry is not None and target is not None:
            typ = "LEADS" if led.group(2) == "led" else "PARTY_TO"  # "a Zambian-backed corridor" is a party cue
            out.add(ctry.entity, typ, target.entity, 0.7, text)
    # "X brings together institutions including A, B and C", "the member countries of X — A, B and C"
    for a in named:
        after = re.match(
            r"(?:,?\s+(?:which|that)\s+)?\s*(?:brings?|brought)\s+together\s+(?:[\w-]+\s+){0,4}?"
            r"(?:(?:including|such as|like|from)\s+)?|\s*(?:,|—|–|:|\()\s*(?:whose\s+members\s+(?:are|include)\s+)?",
            text[a.end :],
        )
        member = re.search(
            r"\bmember\s+(?:countries|states|nations|economies|governments)\s+of\s+(?:the\s+)?$", text[: a.start]
        )
        together = after is not None and "together" in after.group()
        if after is None or not (together or member or "members" in after.group()):
            continue
        start = a.end + after.end()
        end = next((c[1] for c in _clauses(text) if c[0] <= start < c[1]), len(text))
        stop = re.search(r"\s(?:—|–)\s*(?:have|has|will|were|are|attended|signed|met|joined)\b|[;)]", text[start:end])
        if stop:
            end = start + stop.start()
        for o in _actors(ms):
            if start <= o.start < end and not _is_descriptor(o, ms, text):
                out.add(o.entity, "PARTY_TO", a.entity, 0.65, text)
    # "X will chair the forum", "X previously led MSP activities", "X is set to head a new initiative"
    for lm in rx["leads"].finditer(text):
        subj = [
            o
            for o in ms
            if o.end <= lm.start()
            and o.entity
            and not o.inner
            and o.label in ("Country", "Agency", "Person")
            and not _is_descriptor(o, ms, text)
        ]
        if not subj:
            continue
        subj_m = subj[-1]
        gap = text[subj_m.end : lm.start()]
        if len(gap.split()) > 4 or re.search(r"[,;]", gap) or re.search(r"\b(?:that|which|who)\b", gap):
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
            an = rx["agreement_anaphor"].match(text, lm.end() + 1) or rx["agreement_anaphor"].search(
                text[lm.end() : lm.end() + 60]
            )
            if an:
                tkey = ctx.resolve_event_anaphor(an.group(1), sent.index, lm.end(), agreements=True)
                if tkey is None or ctx.label(tkey) not in ("Agreement", "Event"):
                    tkey = _main_agreement(ctx, an.group(1))
        if tkey:
            out.add(subj_m.entity, "LEADS", tkey, 0.75, text)


def _main_agreement(ctx: DocContext, word: str) -> str | None:
    cands = [
        (k, e)
        for k, e in ctx.registry.entities.items()
        if e.label == "Agreement" and (e.props.get("kind") == word.lower() or word.lower() in e.name.lower())
    ]
    if not cands:
        return None
    return max(cands, key=lambda ke: (ke[1].count, -ke[1].first))[0]


def _status(clause: str) -> str | None:
    for status, rx in vocabulary().status_cues:
        if rx.search(clause):
            return status
    return None


_CHAIN_GAP = re.compile(
    r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?(?:[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s\s+)?(?:[a-z][\w-]*\s+){0,4}"
)
_NOT_SIGNING_YEAR = re.compile(
    r"\b(?:from|until|till|by|through|to|before|after|since|for|of|end of|beginning of)\s+(?:the\s+)?$", re.I
)


_COOPERATIVE = re.compile(r"\b(?:co-?operat\w*|partner\w*|together|jointly|talks|framework|alliance)\b", re.I)


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


def _agreement_year(clause: str, kw_start: int, status: str, doc_year: int | None) -> int | None:
    for y in re.finditer(r"\b((?:19|20)\d\d)\b(?!\s*[-–]\s*(?:19|20)\d\d)", clause):
        if _NOT_SIGNING_YEAR.search(clause[: y.start()]) or re.match(r"[-–]", clause[y.end() : y.end() + 1]):
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


def _kind_word(cue: str) -> str | None:
    """'Under the MoU,' -> 'mou'; generic words ('deal', 'agreement') name no kind."""
    low = cue.lower()
    kinds = (
        ("mou", "mou"),
        ("memorandum", "mou"),
        ("partnership", "partnership"),
        ("framework", "framework"),
        ("joint venture", "joint_venture"),
        ("venture", "joint_venture"),
        ("jv", "joint_venture"),
    )
    for word, kind in kinds:
        if re.search(rf"\b{word}\b", low):
            return kind
    return None


def _parties_of(out: _Out, key: str | None) -> list[str]:
    return [r.source for r in out.rels.values() if r.type == "PARTY_TO" and r.target == key]


_FOLLOWUP = re.compile(
    r"^(?:Under|Through|As part of)\s+the\s+(?:new\s+|\w+\s+)?(?:deal|agreement|accord|MOU|MoU|memorandum|pact|"
    r"partnership|framework|arrangement)\b,?"
)
_SIGNED_BY = re.compile(
    r"^(?:The|the)\s+(?:[\w-]+\s+){0,3}?(?:deal|agreement|accord|MOU|MoU|memorandum(?: of understanding)?|pact|"
    r"partnership|framework|contract|letter of intent)\s+(?:was|were|had been|has been)\s+(?:formally\s+)?signed\b"
)
_COVERS = re.compile(
    r"^(?:The|the|It|it)\s+(?:[\w-]+\s+){0,3}?(?:deal|agreement|accord|MOU|MoU|memorandum(?: of understanding)?|pact|"
    r"partnership|framework|it)?\s*(?:covers|will cover|includes|spans|focuses on|targets|concerns|applies to)\b"
    # "The joint venture will produce A, B and C"
    r"|^(?:The|the)\s+(?:[\w$.-]+\s+){0,4}?(?:joint\s+venture|venture|JV|partnership|project)(?:,[^,;]{1,80},)?\s+"
    r"(?:will|would|is\s+to|aims\s+to|plans\s+to|is\s+expected\s+to|expects\s+to)\s+(?:also\s+|initially\s+)?"
    r"(?:produce|process|refine|supply|mine|extract|develop|recycle|separate)\b"
)


def _agreement_followups(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    """Parties and minerals of the agreement just reported, from the sentences that follow:
    "Under the deal, A and B will ...", "The MOU was signed by <official of A> and <official of B>",
    "The agreement covers lithium and cobalt"."""
    text = sent.text
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
        employers = {r.source: r.target for r in out.rels.values() if r.type == "WORKS_FOR" and text in r.evidence}
        pos = fu.end() if fu else 0
        end = next((c[1] for c in _clauses(text) if c[0] <= pos < c[1] or c[0] >= pos), len(text)) if fu else len(text)
        for o in ms:
            if not (pos <= o.start < end) or not o.entity or o.inner:
                continue
            if o.label == "Person" and signed and o.entity in employers:
                out.add(employers[o.entity], "PARTY_TO", key, 0.65, text)
            elif o.label in ACTORS and o.kind != "venue" and not _is_descriptor(o, ms, text):
                if o.entity in employers.values() and signed:
                    continue
                if signed and re.search(r"\b(?:in|at)\s+$", text[: o.start]):
                    continue
                out.add(o.entity, "PARTY_TO", key, 0.65, text)
    if fu or covers:
        pos = fu.end() if fu else covers.end()  # type: ignore[union-attr]
        for o in ms:
            if o.label == "Mineral" and o.entity and o.start >= pos:
                out.add(key, "COVERS", o.entity, 0.65, text)


def _unnamed_agreements(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    text = sent.text
    rx = _rx()
    named_spans = [(m.start, m.end) for m in sm.mentions if m.label in ("Agreement", "Event", "Agency", "Company")]
    employers = {r.target for r in out.rels.values() if r.type == "WORKS_FOR" and text in r.evidence}
    for cs, ce in _clauses(text):
        clause = text[cs:ce]
        kws = [
            m for m in rx["agreement_kw"].finditer(clause) if not any(a <= cs + m.start() < b for a, b in named_spans)
        ]
        for n, kw in enumerate(kws):
            if n and kw.start() < kws[n - 1].end() + 1:
                continue
            _one_unnamed_agreement(ctx, sent, sm, out, cs, ce, kw, n == 0, employers)


_PROGRAMME_WITH = re.compile(
    r"\b(?:a|an)\s+(?:new\s+|joint\s+)?((?:[a-z][\w-]*\s+){1,3}(?:program|programme|project|initiative))"
    r"\s+with\s+(?:the\s+)?"
)
_LAUNCHED_BY = re.compile(
    r"\s+(?:has\s+|have\s+|will\s+|also\s+)*(?:launched|signed|agreed|started|began|announced|unveiled|set\s+up|"
    r"established|formed|launch|sign|start|begin|announce|unveil)\s+(?:on\s+\w+\s+)?$"
)


def _programmes_with(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    """'a geological mapping program with the X Survey': an agreement with the body it names
    (and with the subject that launched it)."""
    text = sent.text
    status = _status(text)
    if status is None:
        return
    actors = _actors(sm.mentions)
    for pm in _PROGRAMME_WITH.finditer(text):
        partner = next((o for o in actors if o.start == pm.end()), None)
        if partner is None:
            continue
        group = _chain(actors, partner, text)
        parties = [o.entity for o in group]
        subj = [o for o in actors if o.end <= pm.start()]
        if subj and _LAUNCHED_BY.match(text[subj[-1].end : pm.start()]):
            parties = [o.entity for o in _coordinated(sm.mentions, subj[-1], text)] + parties
        name = re.sub(r"\s+", " ", text[pm.start(1) : group[-1].end])
        key = "agreement:" + slug(name)
        e = ctx.registry.entities.get(key)
        if e is None:
            e = ctx.registry.entities[key] = Entity(key, "Agreement", name, set(), {}, [], sent.index, 1)
        e.props.update({"kind": pm.group(1).split()[-1].replace("programme", "program"), "status": status})
        e.props["_unnamed"] = True
        if ctx.year and status in ("signed", "launched"):
            e.props["year"] = ctx.year
        ctx.recent_agreements.append((sent.index, key))
        for p in dict.fromkeys(parties):
            out.add(p, "PARTY_TO", key, 0.65, text)


def _one_unnamed_agreement(ctx, sent, sm, out, cs, ce, kw, first_in_clause, employers) -> None:
    text = sent.text
    rx = _rx()
    v = vocabulary()
    clause = text[cs:ce]
    pre = clause[: kw.start()]
    if re.search(r"\b(?:the|this|that|such|these|its|their)\s+(?:[\w-]+\s+){0,2}$", pre, re.I) and not re.search(
        r"\bsign", pre
    ):
        return
    if kw.group().lower().endswith("partnership") and not re.search(
        r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$", pre + " ", re.I
    ):
        return
    if kw.group().lower() in ("agreements", "deals") and re.match(r"\s+(?:\w+\s+){0,4}includ", clause[kw.end() :]):
        return  # "other agreements announced included ...": the list names them
    status = _status(clause)
    explicit_year = re.search(r"\b(?:a|an)\s+((?:19|20)\d\d)\s+(?:[\w-]+\s+){0,2}$", pre)
    if status is None and explicit_year and (ctx.year is None or int(explicit_year.group(1)) <= ctx.year):
        status = "signed"  # "a 2022 cooperation agreement"
    if status is None:
        return
    kind = (
        v.agreement_kinds[kw.group()]
        if kw.group() in v.agreement_kinds
        else v.agreement_kinds.get(kw.group().lower(), "agreement")
    )
    ms = [m for m in sm.mentions if cs <= m.start < ce]

    def usable(o: Mention) -> bool:
        return (
            not _is_descriptor(o, sm.mentions, text)
            and not re.search(r"\baccording to\s+(?:the\s+)?$", text[: o.start])
            and o.entity not in employers
        )

    actors = [o for o in _actors(ms) if usable(o)]
    kw_start, kw_end = cs + kw.start(), cs + kw.end()
    parties: list[str] = []
    local = False
    # "an MOU between A and B", "a deal signed between A and B"
    btw = re.compile(r"(?:\s+[\w-]+){0,3}?\s+between\s+(?:the\s+)?").match(text, kw_end)
    if btw:
        first = next((o for o in actors if btw.end() <= o.start <= btw.end() + 2), None)
        if first is not None:
            parties = [o.entity for o in _chain(actors, first, text)]
            local = len(parties) >= 2
    if not local:
        # "A signed an offtake agreement with B"
        wth = re.compile(r"(?:\s+[\w-]+){0,2}?\s+with\s+(?:the\s+)?").match(text, kw_end)
        obj = None
        if wth:
            obj = next((o for o in actors if wth.end() <= o.start <= wth.end() + 30), None)
        subj = [o for o in actors if o.end <= kw_start]
        if obj is not None and subj:
            group = _coordinated(_actors(ms), subj[-1], text)
            group = [o for o in group if usable(o)]
            parties = [o.entity for o in group] + [o.entity for o in _chain(actors, obj, text)]
            local = True
    if not local:
        if not first_in_clause:
            return
        # "a joint venture to build a refinery in Ruritania": a place, not a party
        pool = [
            o
            for o in actors
            if not (
                o.label == "Country"
                and re.search(r"\b(?:in|at|near)\s+(?:the\s+)?$", text[: o.start])
                and o.start > kw_start
            )
        ]
        if not _actors(ms):  # "..., and they are preparing to sign": the subject is in the first clause
            pool = [o for o in _actors(sm.mentions) if usable(o)]
        parties = [o.entity for o in pool]
        two = rx["two_countries"].search(clause)
        if two:
            # "both sides": the parties of the agreement just reported, else the article's two countries
            recent = _recent_agreement(ctx, sent.index) if re.search(r"sides", two.group()) else None
            sides = _parties_of(out, recent)[:2] if recent else []
            parties += sides if len(sides) == 2 else ctx.focal[:2]
        if len(dict.fromkeys(parties)) < 2 and ctx.focal:
            parties.append(ctx.focal[0])
    parties = list(dict.fromkeys(parties))
    if len(parties) < 2:
        return
    year = _agreement_year(clause, kw.start(), status, ctx.year)
    minerals_ = [m.entity for m in ms if m.label == "Mineral" and m.start >= kw_start]
    country_parties = [p for p in parties if ctx.label(p) == "Country"]
    principal = country_parties if len(country_parties) >= 2 else parties
    party_names = [ctx.entity(p).name for p in principal[:4]]
    label = {"mou": "MOU", "joint_research": "joint research agreement", "joint_project": "joint project"}.get(
        kind, kind.replace("_", " ")
    )
    name = f"{'–'.join(party_names)} {label}" + (f" ({year})" if year else "")
    key = "agreement:" + "-".join(
        [kind.replace("_", "-")] + sorted(p.split(":", 1)[1] for p in principal) + ([str(year)] if year else [])
    )
    e = ctx.registry.entities.get(key)
    if e is None:
        e = ctx.registry.entities[key] = Entity(key, "Agreement", name, set(), {}, [], sent.index, 1)
    e.props.update({"kind": kind, "status": status, "_unnamed": True})
    if year:
        e.props["year"] = year
    ctx.recent_agreements.append((sent.index, key))
    for p in parties:
        out.add(p, "PARTY_TO", key, 0.7, text)
    for mnr in minerals_:
        out.add(key, "COVERS", mnr, 0.7, text)
    if len(parties) == 2 and _COOPERATIVE.search(clause):  # "a cooperation agreement", "in talks on a framework"
        out.add(parties[0], "COOPERATES_WITH", parties[1], 0.6, text)


def _resources(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    text = sent.text
    rx = _rx()
    for cs, ce in _clauses(text):
        clause = text[cs:ce]
        cue = rx["resource"].search(clause)
        if not cue:
            continue
        ms = [m for m in sm.mentions if cs <= m.start < ce]
        mins = [m for m in ms if m.label == "Mineral" and m.entity]
        ctry = [m for m in ms if m.label == "Country" and m.entity and not m.inner and m.kind in ("name",)]
        p = cs + cue.start()
        if not ctry and re.match(r"\s*which\b", clause) and cs > 0:
            # "..., Ruritania, which refines about 60% of the world's cobalt": the country before the comma
            prev = [
                m
                for m in sm.mentions
                if m.label == "Country" and m.entity and not m.inner and m.kind == "name" and m.end <= cs
            ]
            if prev and re.fullmatch(r"[\s,]*", text[prev[-1].end : cs]):
                ctry = [prev[-1]]
        if not ctry:
            # "It is also the top zinc producer": the pronoun stands for the subject country
            pron = re.search(
                r"(?:^\s*|[,;]\s+(?:and\s+)?|\band\s+)(?:[Ii]t|[Tt]he\s+country)\s+(?:also\s+|now\s+|still\s+)?"
                r"(?:is|was|has|had|remains|ranks|holds|produces|produced|accounts|boasts|controls|hosts)\b",
                clause[: cue.start()],
            )
            subj_key = _subject_country(ctx, sent.index, cs) if pron else None
            if subj_key is not None:
                ctry = [Mention("Country", "it", cs + pron.start(), cs + pron.end(), kind="name", entity=subj_key)]  # type: ignore[union-attr]
        if not ctry and ctx.focal:
            ana = re.search(r"\b[Tt]he\s+([Kk]ingdom|country|nation|[Rr]epublic)\b", clause[: cue.start()])
            if ana:
                word = ana.group(1).lower()
                # "the kingdom" is the article's most-named kingdom (ISO 3166 official names)
                cands = ctx.focal if word in ("country", "nation") else [k for k in ctx.focal if _styled(k, word)]
                if cands:
                    ctry = [
                        Mention("Country", ana.group(), cs + ana.start(), cs + ana.end(), kind="name", entity=cands[0])
                    ]
        if not mins or not ctry:
            continue
        near = [mn for mn in mins if mn.end <= p and re.fullmatch(r"\s*(?:[\w-]+\s+){0,1}", text[mn.end : p])]
        before = [c for c in ctry if c.end <= p]
        in_after = [c for c in ctry if c.start > p and re.search(r"\bin\s+$", text[: c.start])]
        if in_after and any(mn.start < in_after[0].start for mn in mins) and not before:
            country = in_after[0]
            # "a graphite mine in Ruritania": the mineral right before the cue counts too
            chosen = [mn for mn in mins if p <= mn.start < country.start or mn in near]
        elif before:
            country = before[-1]
            chosen = [mn for mn in mins if mn.start > p or (mn in near and mn.start > country.end)]
        else:
            continue
        for mn in chosen:
            out.add(country.entity, "HAS_RESOURCE", mn.entity, 0.7, text)
        # "Ruritania ranks second only to Freedonia in tin output": the subject holds it as well
        if before and chosen and _COMPARED.search(text[: country.start]):
            first = next((c for c in before if c is not country and c.end <= country.start), None)
            if first is not None:
                for mn in chosen:
                    out.add(first.entity, "HAS_RESOURCE", mn.entity, 0.65, text)
        # "KIGAM is exploring lithium in Kazakhstan": a foreign actor working a country's deposits
        if in_after and re.search(
            r"\b(?:explor\w+|develop\w+|mining|invest\w+)\b", clause[cue.start() : cue.end() + 5], re.I
        ):
            subj = [o for o in _actors(ms) if o.end <= p and o.label in ("Agency", "Company")]
            for s in subj[-1:]:
                out.add(s.entity, "COOPERATES_WITH", country.entity, 0.6, text)


@lru_cache(maxsize=512)
def _styled(country_key: str, word: str) -> bool:
    """Whether a country's ISO 3166 official name styles it a kingdom / republic."""
    import pycountry

    c = pycountry.countries.get(alpha_2=country_key.split(":", 1)[-1].upper())
    return c is not None and word in (getattr(c, "official_name", None) or c.name).lower()


_COMPARED = re.compile(r"\b(?:second only to|only to|behind|trailing|after|than)\s+(?:the\s+)?$")


def _subject_country(ctx: DocContext, sent_index: int, before: int) -> str | None:
    """The country that is the subject of this sentence (before ``before``) or of the previous one."""
    for idx, limit in ((sent_index, before), (sent_index - 1, None)):
        if idx < 0 or ctx.sentences[idx].heading:
            continue
        text = ctx.sentences[idx].text
        first = next(
            (m for m in ctx.found[idx].mentions if m.label in ACTORS + ("Person",) and not m.inner and m.entity),
            None,
        )
        if first is None or (limit is not None and first.end > limit):
            continue
        if (
            first.label == "Country"
            and first.kind == "name"
            and re.fullmatch(r"(?:(?:The|However|Meanwhile|Today|Now)[, ]\s*)?", text[: first.start])
        ):
            return first.entity
        if idx == sent_index:
            return None
    return None


def _coordinated(ms: list[Mention], anchor: Mention, text: str) -> list[Mention]:
    """The actors coordinated with ``anchor`` ("A, B and C")."""
    group = [anchor]
    actors = _actors(ms)
    i = actors.index(anchor)
    j = i - 1
    while j >= 0 and re.fullmatch(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?", text[actors[j].end : group[0].start]):
        group.insert(0, actors[j])
        j -= 1
    return group


def _cooperation(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: _Out) -> None:
    text = sent.text
    rx = _rx()
    ms = sm.mentions
    for cs, ce in _clauses(text):
        for cue in rx["cooperation"].finditer(text, cs, ce):
            p = cue.start()
            if re.search(r"\bin\s+$", text[:p]) and any(m.label == "Event" for m in ms):
                continue  # "X, in collaboration with Y, held the forum": co-organisers
            actors = [o for o in _actors(ms) if cs <= o.start < ce]
            with_m = re.search(r"\bwith\s+", text[cue.end() : ce])
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
            subjects_all = [
                o
                for o in actors
                if o.end <= p
                and not _is_descriptor(o, ms, text)
                and not re.search(r"\b(?:In|in|from|of)\s+$", text[: o.start])
            ]
            if objects:
                if not subjects_all:
                    continue
                subjects = _coordinated(ms, subjects_all[-1], text)
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
                group = _coordinated(ms, subjects_all[-1], text)
                if len(group) >= 2 and re.search(
                    r"\b(?:their|bilateral|mutual)\b|\bcooperat", text[group[-1].end : cue.end()]
                ):
                    for a in group:
                        for b in group:
                            if a.entity < b.entity:
                                out.add(a.entity, "COOPERATES_WITH", b.entity, 0.65, text)


def _propagate_based_in(ctx: DocContext, out: _Out) -> None:
    """BASED_IN through PART_OF, then the article's country for unplaced government bodies."""
    based: dict[str, Rel] = {}
    for r in list(out.rels.values()):
        if r.type == "BASED_IN":
            based.setdefault(r.source, r)
    for r in list(out.rels.values()):
        if r.type == "PART_OF" and r.source not in based and r.target in based:
            parent = based[r.target]
            out.add(r.source, "BASED_IN", parent.target, 0.6, (r.evidence + parent.evidence)[0])
            based[r.source] = out.rels[(r.source, "BASED_IN", parent.target)]
    # a government body named without its country belongs to the article's country
    for key, e in list(ctx.registry.entities.items()):
        if not ctx.focal:
            break
        government_body = e.props.get("kind") in vocabulary().government_kinds
        if e.label == "Agency" and key not in based and government_body and not e.name_countries:
            sentence = next(
                (
                    s.text
                    for s, sm in zip(ctx.sentences, ctx.found, strict=True)
                    if any(m.entity == key for m in sm.mentions)
                ),
                "",
            )
            if sentence:
                place = _place_of(ctx, key) or ctx.focal[0]
                _ensure_country(ctx, place)
                out.add(key, "BASED_IN", place, 0.5, sentence)
    # the dateline places the article's main event when the text does not
    main = ctx.main_event
    if ctx.dateline and main and not any(r.source == main and r.type == "HELD_IN" for r in out.rels.values()):
        _ensure_country(ctx, ctx.dateline)
        out.add(main, "HELD_IN", ctx.dateline, 0.5, ctx.dateline_sentence)


def _place_of(ctx: DocContext, key: str) -> str | None:
    """The country nearest the first mention of an agency (same paragraph, else the dateline)."""
    for i, sm in enumerate(ctx.found):
        for m in sm.mentions:
            if m.entity == key and not ctx.sentences[i].heading:
                return ctx.nearest_country(i, m.start)
    return None
