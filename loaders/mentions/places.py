"""Countries and first-level regions in the sentence, and the words after a name that make
it a place or an asset ("the X basin", "the X mine") rather than an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from minegraph.loaders.gazetteer import alternation, countries, place_words, subdivisions
from minegraph.loaders.mentions.scan import Mention, Scan, in_continent


@dataclass(frozen=True)
class PlacePatterns:
    """Patterns built from the place words of ``reference/places.json``."""

    #: a landform or water body after a name: the name is a place ("the Atacama salt flat", "Kivu basin")
    feature_after: re.Pattern
    #: a mineral asset after a name: the name is the asset's, not the firm ("the X mine")
    asset_after: re.Pattern
    #: a subdivision word or "-based" right after a region's name ("Salta province", "Ontario-based")
    region_after: re.Pattern
    #: a capitalised name ending in a subdivision word or "-based" (where a region may be)
    region_tail: re.Pattern
    #: what a Name holds besides the region in it ("Salta Province"): nothing or a subdivision word
    region_rest: re.Pattern


def _either_case(words) -> str:
    """An alternation that matches each word in lowercase or with a capital first letter."""
    return "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in sorted(words, key=lambda w: (-len(w), w)))


#: a possessive before a provincial office ("Salta's Minister of Mines", "Ontario's Premier")
_OFFICE_OF_REGION = (
    r"['’]s\s+(?:(?:Deputy|Vice|Provincial|State)\s+)?"
    r"(?:Minister|Ministry|Secretary|Secretariat|Governor|Premier|Department|government)\b"
)


@lru_cache(maxsize=1)
def place_patterns() -> PlacePatterns:
    ref = place_words()
    # "salt flat" is written with any space between its words
    longest_first = sorted(ref.feature_words, key=lambda w: (-len(w), w))
    features = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in longest_first)
    region = _either_case(ref.subdivision_words)
    return PlacePatterns(
        feature_after=re.compile(r"\s+(?:" + features + r")\b"),
        asset_after=re.compile(r"\s+(?:" + alternation(ref.asset_words) + r")\b"),
        # "Salta province", "Ontario-based", and "Salta's Minister": a province's own office-holders
        region_after=re.compile(r"\s+(?:" + region + r")\b|-based\b|" + _OFFICE_OF_REGION),
        region_tail=re.compile(
            r"(?:[A-ZÀ-Þ][\w’'-]*\s+){1,3}(?:" + region + r")\b|[A-ZÀ-Þ][\w’']*(?:[\s-][A-ZÀ-Þ][\w’']*){0,2}-based\b"
        ),
        region_rest=re.compile(r"\s*(?:(?:" + region + r")\s*)?"),
    )


#: a currency's name after a country's name or adjective (ISO 4217 names of the currencies written with
#: their country: "US dollars", "Japanese yen", "Kazakh tenge"); "won" and "real" are left out as words
_CURRENCY_AFTER = re.compile(
    r"\s+(?:dollars?|cents|francs?|yen|yuan|renminbi|rupees?|pesos?|rand|tenge|kwacha|shillings?|dinars?|"
    r"dirhams?|riyals?|rials?|rubles?|roubles?|kronor|krona|kroner|krone|rupiah|ringgit|baht|dong|tugriks?|soms?)\b"
)


def step_countries(scan: Scan) -> None:
    gaz = countries()
    text = scan.text
    for m in scan.country_matches:
        surface = m.group()
        iso, kind = gaz.surfaces[surface]
        if not scan.free(m.start(), m.end()):
            continue
        if in_continent(text, m.start(), surface):
            continue
        if _CURRENCY_AFTER.match(text, m.end()):
            continue  # "3 billion US dollars", "in Canadian dollars": a currency, not the country
        if kind == "combining":
            if not _compound_with_country(text, m.end()):
                continue  # "Franco" alone is a name; "Greco-Roman" names no country
            kind = "demonym"  # "the Anglo-Australian miner": read as "British-Australian"
        scan.add(
            Mention("Country", surface, m.start(), m.end(), kind=kind, iso2=iso, possessive=scan.possessive_at(m.end()))
        )


def _compound_with_country(text: str, end: int) -> bool:
    """A hyphen after a combining form and a country's name or adjective after it ("Sino-US")."""
    if not text.startswith("-", end):
        return False
    nxt = countries().pattern.match(text, end + 1)
    return nxt is not None and countries().surfaces[nxt.group()][1] in ("name", "demonym", "combining")


def step_regions(scan: Scan) -> None:
    """Regions in a place context: "in Kolwezi, Lualaba", "Salta province", "an Ontario-based firm"."""
    subs = subdivisions()
    text = scan.text
    if subs.pattern.search(text) is None:
        return  # most sentences name no region: one scan instead of the cue and tail scans
    pats = place_patterns()
    sub_hits: dict[int, re.Match] = {}
    for cue in _PLACE_CUE.finditer(text):  # match the long alternation only where a place may start
        sub_hit = subs.pattern.match(text, cue.end())
        if sub_hit:
            sub_hits[sub_hit.start()] = sub_hit
    for place_tail in pats.region_tail.finditer(text):
        sub_hit = subs.pattern.search(text, place_tail.start(), place_tail.end())
        if sub_hit:
            sub_hits[sub_hit.start()] = sub_hit
    for _pos, m in sorted(sub_hits.items()):
        if not scan.free(m.start(), m.end()):
            continue
        before, after = text[: m.start()], text[m.end() :]
        if not (_PLACE_BEFORE.search(before) or pats.region_after.match(after)):
            continue
        scan.mentions[:] = [
            n
            for n in scan.mentions
            if not (
                n.label == "Name"
                and n.start <= m.start()
                and m.end() <= n.end
                and pats.region_rest.fullmatch(text[n.start : m.start()] + text[m.end() : n.end])
            )
        ]
        scan.add(Mention("Country", m.group(), m.start(), m.end(), kind="region", iso2=subs.surfaces[m.group()]))


_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|across|to|outside)\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*,\s+)?$"
    r"|\b[A-Z][\w-]*['’]s\s+$"
    r"|\b[A-Z][\w’'-]*,\s+$"
)


_PLACE_CUE = re.compile(
    r"\b(?:in|at|near|from|across|to|outside)\s+(?:the\s+)?(?=[A-ZÀ-Þ])|,\s+(?=[A-ZÀ-Þ])|\w['’]s\s+(?=[A-ZÀ-Þ])"
    r"|^(?=[A-ZÀ-Þ])|\band\s+(?=[A-ZÀ-Þ])"  # the first word, a list's next item: "Salta's Minister", "and Jujuy's"
)
