"""Which country holds, mines, produces or exports which mineral: HAS_RESOURCE."""

from __future__ import annotations

import re
from functools import lru_cache

from loaders.mentions import Mention, SentenceMentions
from loaders.relations import patterns as P
from loaders.relations.context import ACTORS, DocContext, Out, actors_of, clauses
from loaders.sentences import Sentence


def resources(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    text = sent.text
    for cs, ce in clauses(text):
        clause = text[cs:ce]
        cue = P.RESOURCE.search(clause)
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
            subj = [o for o in actors_of(ms) if o.end <= p and o.label in ("Agency", "Company")]
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
