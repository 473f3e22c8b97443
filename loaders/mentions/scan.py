"""What the mention-finding steps share: a :class:`Mention`, the per-sentence result
:class:`SentenceMentions`, and the :class:`Scan` the steps fill in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from minegraph.loaders.gazetteer import countries
from minegraph.loaders.mentions.tokens import Token, possessive_at


@dataclass(slots=True)
class Mention:
    label: str
    text: str
    start: int
    end: int
    kind: str = ""  # country: name/demonym/city; org: head kind; agreement/event kind
    possessive: bool = False
    inner: bool = False  # written inside another name (a country in an org name)
    iso2: str = ""
    props: dict = field(default_factory=dict)
    name_countries: list[str] = field(default_factory=list)
    acronym: str = ""
    entity: str = ""  # registry key, filled by the extractor


@dataclass
class SentenceMentions:
    mentions: list[Mention]
    titles: list[Mention]  # "Vice Minister of Trade, Industry and Energy": points at a ministry
    tokens: list[Token]


@dataclass
class Scan:
    """What the steps of :func:`find_mentions` share: the sentence, its tokens, the
    mentions found so far and the spans they take (a later step never overlaps them)."""

    text: str
    heading: bool
    tokens: list[Token]
    mentions: list[Mention] = field(default_factory=list)
    titles: list[Mention] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)
    country_matches: list[re.Match] = field(default_factory=list)
    #: where a stock listing starts ("Acme Lithium (ASX: ACM)"): the name ending there is a company
    listed_before: set[int] = field(default_factory=set)

    def free(self, s: int, e: int) -> bool:
        """Whether no span taken overlaps ``s``-``e`` (a plain loop: asked for every name read)."""
        for a, b in self.taken:
            if a < e and s < b:
                return False
        return True

    def possessive_at(self, end: int) -> bool:
        return possessive_at(self.text, end)

    def add(self, mention: Mention, take: bool = True) -> Mention:
        self.mentions.append(mention)
        if take:
            self.taken.append((mention.start, mention.end))
        return mention

    def add_inner_countries(self, inner: list[tuple[int, int, str]]) -> None:
        for a, b, iso in inner:
            self.mentions.append(Mention("Country", self.text[a:b], a, b, kind="name", inner=True, iso2=iso))


def inner_countries(surface: str, offset: int, kinds: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Countries written inside a name: (start, end, iso2) in sentence offsets (not the "America"
    of a continent: "the Asia-Latin America Forum")."""
    gaz = countries()
    return [
        (c.start() + offset, c.end() + offset, gaz.surfaces[c.group()][0])
        for c in gaz.pattern.finditer(surface)
        if gaz.surfaces[c.group()][1] in kinds and not in_continent(surface, c.start(), c.group())
    ]


_CONTINENT_BEFORE = re.compile(r"\b(?:Latin|Central|North|South)\s$")


def in_continent(text: str, start: int, surface: str) -> bool:
    """Whether "America" at ``start`` names a part of the continent ("Latin America", "North
    American"), not the United States."""
    return surface in ("American", "America") and _CONTINENT_BEFORE.search(text[max(0, start - 8) : start]) is not None


def only_countries(surface: str) -> bool:
    rest = countries().pattern.sub("", surface)
    return not _SPACE_OR_DASH.sub("", rest)


_SPACE_OR_DASH = re.compile(r"[\s\-–]")
