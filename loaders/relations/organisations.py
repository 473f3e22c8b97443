"""Where organisations are based and which body is part of which: BASED_IN, PART_OF."""

from __future__ import annotations

import re

from minegraph.loaders.gazetteer import countries, vocabulary
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations.context import ACTORS, DocContext, Out, Rel, step
from minegraph.loaders.relations.patterns import vocab_patterns as vp
from minegraph.loaders.sentences import Sentence


@step(reads=(), writes=("BASED_IN:stated",))
def based_in(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
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
                    or (p.kind == "name" and vp().cue_gap.fullmatch(gap) is not None)
                )
                and len(gap) <= 45
                and not re.search(r"[,;.()]", gap.replace("’s", "").replace("'s", ""))
                and not any(
                    o.start > p.end and o.end <= m.start and o.label in ACTORS + ("Person",) and not o.inner for o in ms
                )
            ):
                for c in _joined_countries(prev, text):
                    ctx.ensure_country(c.entity)
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
                ctx.ensure_country(cm.entity)
                out.add(m.entity, "BASED_IN", cm.entity, 0.8, text)
                continue
        # "Japanese refiner A and trading house B": B shares A's descriptor
        j = i - 1
        while j >= 0 and ms[j].label not in ACTORS + ("Person",):
            j -= 1
        if j >= 0 and j in placed and ms[j].label == "Company" and m.label == "Company":
            link = text[ms[j].end : m.start]
            if re.fullmatch(r"\s+and\s+(?:[a-z][\w-]*\s+){1,3}", link) and vp().cue_gap.fullmatch(
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
    for dm in vp().demonym_list.finditer(text):
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
            if mm and vp().title_word.search(mm.group()):
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


@step(reads=(), writes=("PART_OF",))
def part_of(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
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


def _own_ministry(ctx: DocContext, sent_index: int, sm: SentenceMentions, out: Out, kind: str) -> str | None:
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


@step(reads=("PART_OF", "BASED_IN"), writes=("BASED_IN:inferred", "HELD_IN:dateline"))
def propagate_based_in(ctx: DocContext, out: Out) -> None:
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
                ctx.ensure_country(place)
                out.add(key, "BASED_IN", place, 0.5, sentence)
    # the dateline places the article's main event when the text does not
    main = ctx.main_event
    if ctx.dateline and main and not any(r.source == main and r.type == "HELD_IN" for r in out.rels.values()):
        ctx.ensure_country(ctx.dateline)
        out.add(main, "HELD_IN", ctx.dateline, 0.5, ctx.dateline_sentence)


def _place_of(ctx: DocContext, key: str) -> str | None:
    """The country nearest the first mention of an agency (same paragraph, else the dateline)."""
    for i, sm in enumerate(ctx.found):
        for m in sm.mentions:
            if m.entity == key and not ctx.sentences[i].heading:
                return ctx.nearest_country(i, m.start)
    return None
