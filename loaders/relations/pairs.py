"""Pair candidates: two entities named in one sentence (a person and an organisation, an
organisation and a country, two actors, a country and a mineral), and every link a rule
read between two such entities, each with the features of what lies between them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from minegraph.loaders.gazetteer import word_led
from minegraph.loaders.mentions import Mention
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.candidates import Candidate
from minegraph.loaders.relations.context import DocContext, Out, step
from minegraph.loaders.relations.facts import CUE_NAMES, ArticleFacts, SentenceFacts

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
_PAIR_LABELS = frozenset(("Person", "Country", "Agency", "Company", "Mineral"))
#: (first label, second label) in the order written -> (group key, whether the ends swap)
_ORIENT: dict[tuple[str, str], tuple[tuple[str, str], bool]] = {}
for _k in PAIR_GROUPS:
    _ORIENT[_k] = (_k, False)
    _ORIENT.setdefault((_k[1], _k[0]), (_k, True))

_POSS = re.compile(r"['’]s?\s")
_OF = re.compile(r"\s+(?:of|in|at|from|for)\s+(?:the\s+)?")
_APPOS = re.compile(r"\s*,\s")
_COORD = re.compile(r"\s*(?:,|and|,\s*and|&|/|-|–)\s*(?:the\s+)?")
_IN_END = re.compile(word_led("in|at") + r"\s+(?:the\s+)?$")
#: "took place at the X", "held at X": a body named as the place of something, not an actor
_AT_PLACE = re.compile(word_led(r"place|held|hosted|convened|took\s+place") + r"\s+at\s+(?:the\s+)?$")
_IN_PLACE = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,4}in\s+(?:the\s+)?")
#: the verb after a country that opens a clause of its own: "..., and B mines ..."
_OWN_VERB = re.compile(
    r"\s+(?:also\s+|still\s+)?(?:has|have|holds?|mines?|produces?|exports?|refines?|is|are|[a-z]+s)\b"
)
#: the most mentions between the two of a pair: further apart, a sentence's structure decides, not
#: co-occurrence (a pair so far apart is rarely linked; the gold corpus has a handful)
_MOST_BETWEEN = 4
#: the longest gap whose cue words still count (a longer one is another part of the sentence)
_CUE_REACH = 160


@step(reads=("BASED_IN", "PART_OF", "WORKS_FOR", "HAS_RESOURCE", "COOPERATES_WITH"), writes=("candidates:pair",))
def pair_candidates(
    ctx: DocContext, out: Out, sents: ArticleFacts, groups: set[str] | None = None
) -> list[Candidate]:
    """Candidates for the links between two entities named in one sentence, and for every
    link a rule read. With ``groups`` (the groups the weights decide), only their pairs, and the
    features only of the pairs no rule states (a rule's link is kept whatever it scores)."""
    by_pair: dict[tuple[str, str], Candidate] = {}
    # entity -> those a rule links it to (either way): looked up for every pair a sentence names,
    # without building a set for each
    stated: dict[str, set[str]] = {}
    if groups is not None:
        for r in out.rels.values():
            if r.type not in ("PARTY_TO", "COVERS"):
                stated.setdefault(r.source, set()).add(r.target)
                stated.setdefault(r.target, set()).add(r.source)
    for i, (sent, sm) in enumerate(zip(ctx.sentences, ctx.found, strict=True)):
        if sent.heading:
            continue
        ms = sorted((m for m in sm.mentions if m.entity and m.label in _PAIR_LABELS), key=lambda m: (m.start, -m.end))
        if len(ms) < 2 or (groups is not None and next(_weighed_pairs(ms, groups, stated), None) is None):
            continue  # no pair to weigh: its facts are not even worked out
        _sentence_pairs(sents[i], ms, by_pair, groups, stated)
    _rule_pairs(ctx, out, by_pair, groups)
    ends = _end_features(ctx, sents, by_pair)
    # person -> whom a rule says they work for
    works_of = out.works_for()
    based: dict[str, set[str]] | None = None  # organisation -> the countries a rule bases it in (on first use)
    for c in by_pair.values():
        c.feats.update(ends[c.source][0])
        c.feats.update(ends[c.target][1])
        if c.group == "works" and not c.rule and c.target.startswith("country:"):
            # the text states the person's employer ("A of Chile", "the EU's envoy to Chile, A"): not
            # another country named near them, unless it is their employer's
            if works_of.get(c.source):
                if based is None:
                    based = {}
                    for r in out.rels.values():
                        if r.type == "BASED_IN":
                            based.setdefault(r.source, set()).add(r.target)
                c.veto = c.target not in _employer_countries(ctx, based, works_of[c.source])
        elif c.group == "works" and not c.rule and any(k != c.target for k in works_of.get(c.source, ())):
            # the text states another employer of the person ("A, minister of X, ... in the presence
            # of A and B" beside Y's ministry): a second employer is rarer than a first
            c.feats["employed"] = 1.0
            _settle_pair(ctx, c)
        else:
            _settle_pair(ctx, c)
    return list(by_pair.values())


def _rule_pairs(
    ctx: DocContext, out: Out, by_pair: dict[tuple[str, str], Candidate], groups: set[str] | None
) -> None:
    """Every link a rule read between two entities of a pair group (in the group's order; with
    ``groups``, only the groups the weights decide): its candidate, made for it if no sentence
    named the pair ("far"), flagged with the rule's type and confidence. Writes ``by_pair``."""
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
        if groups is not None and PAIR_GROUPS[key] not in groups:
            continue  # left to the rule: kept as it read it
        if key[0] == key[1] and src > dst:
            src, dst = dst, src
        c = by_pair.get((src, dst))
        if c is None:
            c = by_pair[(src, dst)] = Candidate(PAIR_GROUPS[key], src, dst, PAIR_TYPES[key])
            c.evidence = r.evidence[0] if r.evidence else ""
            c.flag("far")
        c.flag(f"rule_{r.type}", r.confidence)
        c.rule = True
        c.rule_types = c.rule_types | {r.type}
        c.type = r.type if (c.type == PAIR_TYPES[key] or r.type != "COOPERATES_WITH") else c.type
        c.source, c.target = (r.source, r.target)


def _end_features(
    ctx: DocContext, sents: ArticleFacts, by_pair: dict[tuple[str, str], Candidate]
) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    """Each entity of a candidate -> its features as the first end and as the second: its label,
    how often the article names it, and its rank among the article's main countries."""
    focal_rank = {k: i for i, k in enumerate(ctx.focal[:3])}
    mention_count = sents.mention_count
    ends: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
    for k in {x for pair in by_pair for x in pair} | {x for c in by_pair.values() for x in (c.source, c.target)}:
        got: dict[str, float] = {f"lab_{ctx.label(k)}": 1.0, "mentions": math.log1p(mention_count.get(k, 0))}
        if k in focal_rank:
            got[f"focal{focal_rank[k]}"] = 1.0
        ends[k] = ({f"a_{n}": v for n, v in got.items()}, {f"b_{n}": v for n, v in got.items()})
    return ends


def _settle_pair(ctx: DocContext, c: Candidate) -> None:
    """A pair's veto or last feature by its group: a country and a mineral in another clause, with
    another country closer to the mineral, or a country that only speaks of it ("Ruritania said the
    plant would refine nickel"); a body named as where something took place, not acting there; an
    organisation based in a country its name names. Writes ``c``."""
    f = c.feats
    if c.group == "resource":
        near = f.get("a_nearest_to_b") and f.get("same_clause")
        if not c.rule and (
            not near
            or (f.get("place_other") and not f.get("place_this"))
            or f.get("gap_said")
            or f.get("_next_subject")
            or f.get("_negated")
        ):
            c.veto = True
    elif c.group == "actors" and not c.rule and (f.get("a_placed") or f.get("b_placed")):
        c.veto = True
    elif c.group == "based":
        e = ctx.entity(c.source)
        if e is not None and e.name_countries and c.target.split(":", 1)[-1].upper() in e.name_countries:
            f["name_country"] = 1.0


def _weighed_pairs(
    ms: list[Mention], groups: set[str] | None, stated: dict[str, set[str]]
) -> Iterator[tuple[int, int, tuple[str, str], bool]]:
    """The pairs of a sentence's mentions (``ms``, in order) a candidate is made for, as ``(i, j,
    key, flip)``: near enough, of labels a group pairs, not of a group left to its rules nor one a
    rule states (``stated``; with ``groups`` None, every group), neither end inside a name but a
    country's."""
    n_ms = len(ms)
    for i, a in enumerate(ms):
        for j in range(i + 1, min(n_ms, i + 2 + _MOST_BETWEEN)):
            b = ms[j]
            if a.entity == b.entity or b.start < a.end:
                continue
            got = _ORIENT.get((a.label, b.label))
            if got is None:
                continue
            key, flip = got
            if groups is not None and (PAIR_GROUPS[key] not in groups or b.entity in stated.get(a.entity, ())):
                continue
            first, second = (b, a) if flip else (a, b)
            if (first.inner and first.label != "Country") or (second.inner and second.label != "Country"):
                continue
            yield i, j, key, flip


def _employer_countries(ctx: DocContext, based: dict[str, set[str]], employers: list[str]) -> set[str]:
    """The countries a person's employers are or belong to (by name, or ``based``: a BASED_IN a rule read);
    a firm's country is none of its officers' ("the Ruritanian fund's chief executive" works for the
    fund, not for Ruritania; a ministry's official is also the country's)."""
    got = set()
    for k in employers:
        if k.startswith("country:"):
            got.add(k)
            continue
        e = ctx.entity(k)
        if e is not None and e.label == "Company":
            continue
        if e is not None:
            got |= {f"country:{c.lower()}" for c in e.name_countries}
        got |= based.get(k, set())
    return got


@dataclass
class _PairSentence:
    """One sentence read for its pairs: its facts, its mentions in order, how crowded it is, each
    mention's nearest entity of each label, the country each mineral mention is placed in ("a
    nickel plant in <Country>"), each mention's flags as first end and as second, and its clause."""

    s: SentenceFacts
    ms: list[Mention]
    crowd: float
    nearest: list[dict[str, str]]
    owner: dict[int, str]
    ends: list[tuple[tuple[str, ...], tuple[str, ...]]]
    clause: list[int]


def _sentence_pairs(
    s: SentenceFacts,
    ms: list[Mention],
    by_pair: dict[tuple[str, str], Candidate],
    groups: set[str] | None,
    stated: dict[str, set[str]],
) -> None:
    """The pair candidates of one sentence (``ms``: its mentions in order), but not those of a
    group left to its rules nor those a rule states (``stated``)."""
    n_ms = len(ms)
    text = s.text
    owner: dict[int, str] = {}  # mineral mention -> the country of "a nickel plant in <Country>"
    nxt: Mention | None = None  # the first country after the mention (walking back from the end)
    for i in range(n_ms - 1, -1, -1):
        m = ms[i]
        if m.label == "Mineral":
            if nxt is not None and _IN_PLACE.fullmatch(text, m.end, nxt.start):
                owner[i] = nxt.entity
        elif m.label == "Country":
            nxt = m
    sp = _PairSentence(
        s,
        ms,
        math.log1p(n_ms),
        _nearest(ms),
        owner,
        [_end_flags(s, m) for m in ms],
        [s.clause_of.get(id(m), -1) for m in ms],
    )
    for i, j, key, flip in _weighed_pairs(ms, groups, stated):
        _weigh_pair(sp, by_pair, i, j, key, flip)


def _weigh_pair(
    sp: _PairSentence, by_pair: dict[tuple[str, str], Candidate], i: int, j: int, key: tuple[str, str], flip: bool
) -> None:
    """Mentions ``i`` < ``j`` as a pair of the group ``key`` (``flip``: ``j`` is its first end): its
    candidate in ``by_pair`` and the features this sentence gives it (distances: the nearest kept)."""
    s, ms, text = sp.s, sp.ms, sp.s.text
    a, b = ms[i], ms[j]
    fi, si = (j, i) if flip else (i, j)
    first, second = ms[fi], ms[si]
    if key[0] == key[1] and first.entity > second.entity:
        fi, si = si, fi
        first, second = second, first
    pk = (first.entity, second.entity)
    c = by_pair.get(pk)
    if c is None:
        c = by_pair[pk] = Candidate(PAIR_GROUPS[key], first.entity, second.entity, PAIR_TYPES[key])
        c.evidence = text
        c.feats["sent_first"] = math.log1p(s.index)
    f = c.feats
    f["n_sent"] = f.get("n_sent", 0.0) + 1
    if sp.crowd < f.get("crowd", 99.0):
        f["crowd"] = sp.crowd
    # the words between
    gap = text[a.end : b.start]
    n = len(gap)
    v = math.log1p(n)
    if v < f.get("gap_len", 99.0):
        f["gap_len"] = v
        f["gap_words"] = float(min(len(gap.split()), 30) if n < 400 else 30)
    if n <= _CUE_REACH:
        for name in _gap_shape(gap, n):
            f[name] = 1.0
        for name in _cue_names(s.cues_between(a.end, b.start)):
            f[name] = 1.0
    between = 0
    for x in ms[i + 1 : j]:
        if a.end <= x.start and x.end <= b.start:
            between += 1
    if between < f.get("between", 99.0):
        f["between"] = float(between)
    f["order_rev" if flip else "order_fwd"] = 1.0
    mineral_at = i if a.label == "Mineral" else j if b.label == "Mineral" else None
    if mineral_at in sp.owner:
        country = b if a.label == "Mineral" else a
        f["place_this" if sp.owner[mineral_at] == country.entity else "place_other"] = 1.0
    if key == ("Country", "Mineral"):
        if a.label == "Mineral" and P.NEXT_CLAUSE.search(gap) and _OWN_VERB.match(text, b.end):
            f["_next_subject"] = 1.0  # "A mines copper and B mines zinc": B's is the zinc
        elif a.label == "Country" and P.denied(text, a.end, b.start):
            f["_negated"] = 1.0  # "A does not mine cobalt", "A has no nickel refining"
    if sp.nearest[i].get(b.label) == b.entity:
        f["b_nearest_to_a" if not flip else "a_nearest_to_b"] = 1.0
    if sp.nearest[j].get(a.label) == a.entity:
        f["a_nearest_to_b" if not flip else "b_nearest_to_a"] = 1.0
    if sp.clause[i] == sp.clause[j]:
        f["same_clause"] = 1.0
    for name in sp.ends[fi][0]:
        f[name] = 1.0
    for name in sp.ends[si][1]:
        f[name] = 1.0


@lru_cache(maxsize=4096)
def _cue_names(mask: int) -> tuple[str, ...]:
    """The names of the cues whose bits ``mask`` holds, lowest bit first."""
    return tuple(name for bit, name in enumerate(CUE_NAMES) if mask >> bit & 1)


def _gap_shape(gap: str, n: int) -> list[str]:
    """The flags of a short gap's shape: "'s", " of ", ", ", " and ", "-based", " in "."""
    got = []
    if gap[:1] in ("'", "’") and _POSS.match(gap):
        got.append("gap_poss")
    if n <= 14:
        if _OF.fullmatch(gap):
            got.append("gap_of")
        if _COORD.fullmatch(gap):
            got.append("gap_coord")
    if gap.startswith("-based"):  # "a Perth-based miner": the word that holds the cue starts in the mention
        got.append("gap_based")
    if _APPOS.match(gap):
        got.append("gap_appos")
    if _IN_END.search(gap, max(0, n - 10)):
        got.append("gap_in")
    return got


def _nearest(ms: list[Mention]) -> list[dict[str, str]]:
    """For each mention, the entity of each label named closest to it (another entity; the
    first of two as close)."""
    out: list[dict[str, str]] = []
    for a in ms:
        best: dict[str, tuple[int, str]] = {}
        for b in ms:
            if b is a or b.entity == a.entity:
                continue
            d = b.start - a.end if b.start >= a.end else a.start - b.end
            cur = best.get(b.label)
            if cur is None or d < cur[0]:
                best[b.label] = (d, b.entity)
        out.append({lab: e for lab, (_, e) in best.items()})
    return out


def _end_flags(s: SentenceFacts, m: Mention) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The flags a mention gives a pair it ends: as its first end ("a_...") and as its second ("b_...")."""
    got = []
    if m.possessive:
        got.append("poss")
    if m.inner:
        got.append("inner")
    if m.kind == "demonym":
        got.append("demonym")
    if m.kind == "venue":
        got.append("venue")
    if m.label != "Country" and _AT_PLACE.search(s.text, max(0, m.start - 24), m.start):
        got.append("placed")
    if id(m) in s.in_quote:
        got.append("quoted")
    if id(m) in s.describers:
        got.append("descriptor")
    return _ends_named(tuple(got))


@lru_cache(maxsize=256)
def _ends_named(flags: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The names of a mention's flags as a pair's first end and as its second (shared: most
    mentions have none, and the few combinations recur)."""
    return tuple(f"a_{x}" for x in flags), tuple(f"b_{x}" for x in flags)
