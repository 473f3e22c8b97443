"""Who works for whom: WORKS_FOR from titles before or after a person's name."""

from __future__ import annotations

import re

from minegraph.loaders.gazetteer import vocabulary
from minegraph.loaders.mentions import SentenceMentions
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.context import DocContext, Out, is_descriptor, step
from minegraph.loaders.relations.patterns import vocab_patterns as vp
from minegraph.loaders.sentences import Sentence


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


#: "<title> of the" before an organisation that stands right before a name
_TITLE_OF = re.compile(r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s+(?:of|at|for|from)\s+(?:the\s+)?$")
#: "<organisation>, headed by (Minister)" before a name
_HEADED_BY = re.compile(r"^\)?,?\s+(?:which\s+is\s+)?(?:headed|led|chaired|run)\s+by\s+(?:[A-Z][\w.-]*\s+){0,3}?$")


_OF_COUNTRY = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?")
_OF_COUNTRY_HEAD = re.compile(r"^\s+(?:of|in)\s+(?:the\s+)?(?:[A-Z][\w.-]*\s*){1,4}(?=,)")


#: a title held in the article's own government
_GOVERNMENTS = re.compile(r"\b(?:[a-z][\w-]*\s+){0,4}(?:of|in|for)\s+the\s+government(?:['’]s)?\b")
#: "a visit to X", "in X", "visiting X": a country the person is in, not theirs
_VISITED = re.compile(
    r"\b(?:visit(?:ing|ed|s)?|visits?\s+to|trip\s+to|tour\s+(?:of|to)|activities\s+in|arrived\s+in|arrival\s+in)\s+"
    r"(?:the\s+)?$"
)


def _employer_just_before(ctx: DocContext, sm: SentenceMentions, idx: int, text: str) -> tuple[str | None, str]:
    """An organisation named right before a person, with a title before it or 'headed by' after it."""
    p = sm.mentions[idx]
    before = [o for o in sm.mentions[:idx] if o.entity and not o.inner and o.end <= p.start]
    if (
        len(before) >= 2
        and before[-1].label == "Country"
        and _OF_COUNTRY.fullmatch(text[before[-2].end : before[-1].start])
    ):
        before.pop()  # "the Ministry of Mines of Ruritania, headed by ..."
    org = before[-1] if before else None
    if org is None or org.label not in ("Agency", "Company"):
        return None, ""
    gap = text[org.end : p.start]
    if not gap.strip():
        lead = _TITLE_OF.search(text, max(0, org.start - 60), org.start)
        if lead and vp().title_word.search(lead.group(1)):
            return org.entity, text[lead.start(1) : org.end]
    elif _HEADED_BY.match(_OF_COUNTRY_HEAD.sub("", gap, count=1)):
        return org.entity, ""
    return None, ""


@step(reads=(), writes=("WORKS_FOR", "BASED_IN:ministry", "title"))
def works_for(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    text = sent.text
    ms = sm.mentions
    for idx, p in enumerate(ms):
        if p.label != "Person" or not p.entity or p.start == p.end:
            continue
        person = ctx.entity(p.entity)
        if person is None or p.entity in ctx.employer_done:
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
        if target is None and ap and vp().title_word.search(ap_text):
            seg_start = p.end + ap.start(1)
            seg_end = seg_start + len(ap_text)
            title = ap_text
            inside = [o for o in ms if seg_start <= o.start < seg_end and o.entity and not o.inner]
            org = next(
                (
                    o
                    for o in inside
                    if o.label in ("Agency", "Company") and P.EMPLOYER_BEFORE.search(text[seg_start : o.start])
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
            # title before the name: "Ruritania's Foreign Minister Jane Doe", "Freedonia's Deputy
            # Chairman of the Mining Committee, John Roe,"
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
                elif ctry is not None and vp().title_word.search(text[ctry.end : p.start]):
                    target = ctry.entity
                elif ctx.focal and _GOVERNMENTS.search(text, window_start, p.start):
                    target = ctx.focal[0]  # "the chairman of the government's negotiating team, X,"
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
                elif title_m and vp().title_word.search(title_m.group(1)):
                    title = title_m.group(1).strip()
                    target = _ministry_for_title(ctx, title)
                else:  # "Andes Copper Corp. chief executive Tomas Riera"
                    low = re.search(r"(?<=\S )((?:[a-z][a-z-]*\s+){1,4})$", head)
                    if low and vp().title_word.search(low.group(1)):
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
        if target is None:
            # "spokesperson of the Mines Ministry Jane Doe", "the Ministry of Mines, headed by Minister Jane Doe"
            target, lower_title = _employer_just_before(ctx, sm, idx, text)
            title = title or lower_title
        if (
            target is None
            and title
            and ctx.focal
            and re.search(r"\b(?:[Mm]inister|President|Prime Minister|Secretary|Premier)\b", title)
            and not re.search(r"\b(?:of|for|at)\b", title)
        ):
            # "Prime Minister A and US President B": A leads the other country of the article
            # "Minister A concluded her visit in Japan": not Japan's minister
            others = {o.entity for o in ms if o.label == "Country" and o.entity and is_descriptor(o, ms, text)}
            visited = {
                o.entity
                for o in ms
                if o.label == "Country" and o.entity and _VISITED.search(text, max(0, o.start - 30), o.start)
            }
            target = next(
                (c for c in ctx.focal[:2] if c not in others | visited),
                next((c for c in ctx.focal[:2] if c not in others), ctx.focal[0]),
            )
        if target is not None:
            out.add(p.entity, "WORKS_FOR", target, 0.8, text)
            ctx.employer_done.add(p.entity)
        if title and "title" not in person.props:
            title = re.sub(r"^(?:the|a|an)\s+", "", title.strip(" ,"))
            if 0 < len(title) <= 80:
                person.props["title"] = title
