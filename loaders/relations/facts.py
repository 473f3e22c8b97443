"""What the candidate features read about one sentence, computed once per sentence: its
mentions, clauses, quotes and relative clauses, which actors only describe the next name,
and where the cue words are (one scan of the sentence for all of them).

A feature then asks "is there a signing verb between these two mentions?" by comparing
positions, instead of running a pattern over the words between every pair.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from minegraph.loaders.gazetteer import vocabulary
from minegraph.loaders.mentions import Mention
from minegraph.loaders.relations.context import ACTORS, DocContext, clauses, is_descriptor, next_names, relative_spans

#: the cue words a feature may look for between two mentions: one word each (matched whole,
#: lower case) or a phrase (matched at a token that can start it)
_WORD_CUES: tuple[tuple[str, str], ...] = (
    ("gap_between", r"between"),
    ("gap_sign", r"sign\w*|ink(?:s|ed|ing)?|seal\w*|agree\w*|struck|conclud\w*"),
    ("gap_coop", r"cooperat\w+|co-operat\w+|collaborat\w+"),
    ("gap_with", r"with"),
    ("gap_based", r"[\w.-]+-based|headquartered"),
    ("gap_paren", r"\("),
    (
        "gap_resource",
        r"reserves?|deposits?|export(?:s|ed|ing|ers?)?|abundant|produc(?:e|es|ing|er|ers|tion)|mines?|mined|mining"
        r"|exploring|explore|explores|output|endowed|refin(?:es|ing)|suppl(?:ies|ied|iers?|ying)|provides",
    ),
    (
        "gap_particip",
        r"attended|attending|attendees|participat\w+|drew|draws|delegations?|delegates|joined|gathered|presented"
        r"|featured",
    ),
    (
        "gap_organise",
        r"hosts?|hosted|holds|held|organi[sz](?:ed|es|ing)|convened|convenes|co-hosted|co-organi[sz]ed|sponsored"
        r"|launched",
    ),
    ("gap_said", r"said|says|told|according"),
    ("gap_break", r"[;:—–]|\."),
    ("gap_owner", r"owned|subsidiary|unit|arm|division|stake"),
    ("gap_by", r"by"),
)
#: (cue, the words that start it, the phrase matched at such a word)
_PHRASE_CUES: tuple[tuple[str, str, str], ...] = (
    (
        "gap_coop",
        "joint partner partners partnership partnering ties working work",
        r"joint\s+(?:[\w-]+\s+){0,2}(?:research|exploration|development|work|study|studies|projects?|ventures?)\b"
        r"|(?:partner(?:ship|s|ing)?|ties|working|work)\s+with\b",
    ),
    ("gap_based", "based", r"based\s+in\b"),
    (
        "gap_resource",
        "quantities exploration resources rich hold holds mineral top",
        r"(?:quantities|exploration|resources)\s+of\b|rich\s+in\b|holds?\s+abundant\b|mineral\s+(?:wealth|riches|resources)\b"
        r"|top\s+(?:[\w-]+\s+)?producer\b",
    ),
    (
        "gap_particip",
        "in brought bringing officials representatives experts ministers leaders participants executives took speak"
        " speaks speaking spoke said",
        r"in\s+attendance\b|(?:brought|bringing)\s+together\b"
        r"|(?:officials|representatives|experts|ministers|leaders|participants|executives)\s+(?:from|of)\b"
        r"|took\s+part\b|(?:speak(?:s|ing)?|spoke)\s+(?:at|during)\b|said\s+at\b",
    ),
    ("gap_organise", "in", r"in\s+collaboration\s+with\b"),
    ("gap_owner", "part", r"part\s+of\b"),
)
#: cue names by bit
CUE_NAMES: tuple[str, ...] = (*dict.fromkeys(name for name, _ in _WORD_CUES), "gap_title")
CUE_BIT: dict[str, int] = {name: 1 << i for i, name in enumerate(CUE_NAMES)}
_TITLE_BIT = CUE_BIT["gap_title"]
#: cues matched in lower case only ("with", not a sentence's opening "With")
_CASED = CUE_BIT["gap_between"] | CUE_BIT["gap_with"] | CUE_BIT["gap_said"] | CUE_BIT["gap_by"] | CUE_BIT["gap_based"]


@dataclass(frozen=True)
class _Lexicon:
    """The cues compiled: whole-word patterns, and the phrases by the words that start them."""

    #: every whole-word cue as a named group: matched against the word (cased) and its lower case
    cased: re.Pattern
    uncased: re.Pattern
    titles: frozenset[str]
    #: a word that can start a phrase -> (bit, pattern matched at the word)
    starts: dict[str, tuple[tuple[int, re.Pattern], ...]]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    v = vocabulary()
    titles = {t.lower() for t in v.title_words_lower | set(v.titles)}
    starts: dict[str, list[tuple[int, re.Pattern]]] = {}
    for name, words, rx in _PHRASE_CUES:
        for w in words.split():
            starts.setdefault(w, []).append((CUE_BIT[name], re.compile(rx, re.I)))
    multi = sorted((t for t in titles if " " in t), key=len, reverse=True)
    for first in {t.split()[0] for t in multi}:
        titled = re.compile("(?:" + "|".join(re.escape(t) for t in multi if t.split()[0] == first) + r")\b", re.I)
        starts.setdefault(first, []).append((_TITLE_BIT, titled))
    return _Lexicon(
        re.compile("|".join(f"(?P<{n}>{rx})" for n, rx in _WORD_CUES if CUE_BIT[n] & _CASED)),
        re.compile("|".join(f"(?P<{n}>{rx})" for n, rx in _WORD_CUES if not CUE_BIT[n] & _CASED)),
        frozenset(t for t in titles if " " not in t),
        {w: tuple(got) for w, got in starts.items()},
    )


def _word_cue_bits(word: str) -> int:
    """The cue bits of a word."""
    lex = _lexicon()
    low = word.lower()
    bits = 0
    for rx, form in ((lex.cased, word), (lex.uncased, low)):
        m = rx.fullmatch(form)
        if m:
            bits |= CUE_BIT[m.lastgroup or ""]
    if low in lex.titles:
        bits |= _TITLE_BIT
    return bits


#: what a sentence with nothing to relate holds (shared, never changed: most sentences are such)
_NO_CUES: tuple[tuple[int, int, int], ...] = ()
_NO_IDS: frozenset[int] = frozenset()
_NO_CLAUSES: Mapping[int, int] = MappingProxyType({})


@dataclass(slots=True)
class SentenceFacts:
    """The facts about one sentence the features read, computed once (slotted, its empty
    parts shared: an article makes one per sentence read)."""

    index: int
    text: str
    heading: bool
    #: mentions with an entity, in order
    mentions: list[Mention]
    actors: list[Mention]
    #: actors that can be a party: not a country describing the next name ("Ruritania's firm X")
    parties: list[Mention]
    clauses: tuple[tuple[int, int], ...]
    relative: list[tuple[int, int]]
    quoted: list[tuple[int, int]]
    para: int
    #: (start, end, bit) of every cue word, in order
    cues: list[tuple[int, int, int]] | tuple[tuple[int, int, int], ...] = _NO_CUES
    #: the bits of every cue the sentence holds
    cue_mask: int = 0
    #: id(mention) -> the index of its clause
    clause_of: Mapping[int, int] = field(default_factory=lambda: _NO_CLAUSES)
    #: ids of mentions that only describe the next name ("Ruritania's ministry")
    describers: frozenset[int] | set[int] = _NO_IDS
    #: ids of mentions inside quoted speech
    in_quote: frozenset[int] | set[int] = _NO_IDS

    def has(self, cue: str) -> bool:
        return bool(self.cue_mask & CUE_BIT[cue])

    def cues_between(self, start: int, end: int) -> int:
        """The bits of the cues that lie wholly between ``start`` and ``end``."""
        mask = 0
        for s, e, bit in self.cues:
            if s >= end:
                break
            if s >= start and e <= end:
                mask |= bit
        return mask

    def same_clause(self, a: Mention, b: Mention) -> bool:
        return self.clause_of.get(id(a), -1) == self.clause_of.get(id(b), -2)

    def clause_at(self, pos: int) -> int:
        for k, (a, b) in enumerate(self.clauses):
            if a <= pos < b:
                return k
        return -1


_QUOTE = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


def facts_of(ctx: DocContext, i: int) -> SentenceFacts:
    sent, sm = ctx.sentences[i], ctx.found[i]
    text = sent.text
    ms = [m for m in sm.mentions if m.entity]
    actors = [m for m in ms if m.label in ACTORS and not m.inner and m.kind != "venue"]
    spans = clauses(text)
    f = SentenceFacts(
        i,
        text,
        sent.heading,
        ms,
        actors,
        [],
        spans,
        relative_spans(text),
        [(m.start(), m.end()) for m in _QUOTE.finditer(text)],
        ctx.paragraphs[i] if ctx.paragraphs else i,
    )
    if len(ms) < 2 and not actors:
        return f  # nothing to relate: the rest is never read
    named = [m for m in ms if m.label == "Country"]
    if len(ms) > 8 and len(named) > 2:  # a list of many: each country's next name looked up at once
        following = next_names(ms, [m.end for m in named])
        f.describers = {id(m) for m, nxt in zip(named, following, strict=True) if is_descriptor(m, ms, text, nxt)}
    else:
        f.describers = {id(m) for m in named if is_descriptor(m, ms, text)}
    f.parties = [o for o in actors if id(o) not in f.describers]
    k = 0
    clause_of: dict[int, int] = {}
    for m in sorted(ms, key=lambda m: m.start):
        while k < len(spans) - 1 and m.start >= spans[k][1]:
            k += 1
        clause_of[id(m)] = k
    f.clause_of = clause_of
    if f.quoted:
        f.in_quote = {id(m) for m in ms if any(a <= m.start < b for a, b in f.quoted)}
    f.cues, f.cue_mask = _cues(text, sm.tokens)
    return f


#: word -> its cue bits, and :data:`_STARTS_PHRASE` when it (in lower case) may start a phrase
#: cue (filled as words are met)
_WORD_BITS: dict[str, int] = {}
#: beside a word's cue bits: the word starts one of the phrases (so the others are not looked up)
_STARTS_PHRASE = 1 << len(CUE_NAMES)
_CUE_BITS = _STARTS_PHRASE - 1


def _cues(text: str, tokens) -> tuple[list[tuple[int, int, int]], int]:
    """Every cue of a sentence as (start, end, bit), and the bits of all of them (the words are
    looked up all at once; most have no cue and start no phrase)."""
    words = [t.text for t in tokens]
    found = list(map(_WORD_BITS.get, words))
    starts = _lexicon().starts
    if None in found:
        if len(_WORD_BITS) > 500_000:
            _WORD_BITS.clear()  # a long-running process meets ever more words: start again
        for i, b in enumerate(found):
            if b is None:
                w = words[i]
                b = _word_cue_bits(w) | (_STARTS_PHRASE if w.lower() in starts else 0)
                found[i] = _WORD_BITS[w] = b
    cues: list[tuple[int, int, int]] = []
    mask = 0
    for i, b in enumerate(found):
        if not b:
            continue
        t = tokens[i]
        cue = b & _CUE_BITS
        if cue:
            cues.append((t.start, t.end, cue))
            mask |= cue
        if b & _STARTS_PHRASE:
            for bit, rx in starts[words[i].lower()]:
                m = rx.match(text, t.start)
                if m:
                    cues.append((t.start, m.end(), bit))
                    mask |= bit
    cues.sort()
    return cues, mask


class ArticleFacts:
    """The facts of the article's sentences, each worked out when a step first asks for it (a
    sentence no candidate reads costs nothing), and how often each entity is named."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self._facts: list[SentenceFacts | None] = [None] * len(ctx.sentences)
        self.mention_count: dict[str, int] = {}
        for sm in ctx.found:
            for m in sm.mentions:
                if m.entity:
                    self.mention_count[m.entity] = self.mention_count.get(m.entity, 0) + 1

    def __len__(self) -> int:
        return len(self._facts)

    def __getitem__(self, i: int) -> SentenceFacts:
        f = self._facts[i]
        if f is None:
            f = self._facts[i] = facts_of(self.ctx, i)
        return f

    def __iter__(self):
        return (self[i] for i in range(len(self._facts)))


def sentence_facts(ctx: DocContext) -> ArticleFacts:
    """The facts of every sentence of the article (worked out as they are read)."""
    return ArticleFacts(ctx)
