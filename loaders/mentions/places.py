"""Countries and first-level regions in the sentence, and the words after a name that make
it a place or an asset ("the X basin", "the X mine") rather than an organisation.
"""

from __future__ import annotations

import re

from minegraph.loaders.gazetteer import countries, subdivisions
from minegraph.loaders.mentions.scan import Mention, Scan

#: geographic features after a name: the name is a place ("the Atacama salt flat", "Kivu basin")
FEATURE_AFTER = re.compile(
    r"\s+(?:salt\s+flats?|salar|desert|basin|valley|river|lake|mountains?|range|island|islands|peninsula|coast|"
    r"plateau|belt|region|province|district|county|prefecture|highlands)\b"
)


#: words after a name that make it a place or an asset rather than the firm ("the X mine")
ASSET_AFTER = re.compile(
    r"\s+(?:mine|mines|project|projects|deposit|deposits|prospect|operation|operations|concession|concessions|"
    r"site|field|smelter|refinery|plant|basin|tenement|tenements)\b"
)


def step_countries(scan: Scan) -> None:
    gaz = countries()
    text = scan.text
    for m in scan.country_matches:
        surface = m.group()
        iso, kind = gaz.surfaces[surface]
        if not scan.free(m.start(), m.end()):
            continue
        before = text[max(0, m.start() - 8) : m.start()]
        if surface in ("American", "America") and re.search(r"\b(?:Latin|Central|North|South)\s$", before):
            continue
        scan.add(
            Mention("Country", surface, m.start(), m.end(), kind=kind, iso2=iso, possessive=scan.possessive_at(m.end()))
        )


def step_regions(scan: Scan) -> None:
    """Regions in a place context: "in Kolwezi, Lualaba", "Salta province", "an Ontario-based firm"."""
    subs = subdivisions()
    text = scan.text
    if subs.pattern.search(text) is None:
        return  # most sentences name no region: one scan instead of the cue and tail scans
    sub_hits: dict[int, re.Match] = {}
    for cue in _PLACE_CUE.finditer(text):  # match the long alternation only where a place may start
        sub_hit = subs.pattern.match(text, cue.end())
        if sub_hit:
            sub_hits[sub_hit.start()] = sub_hit
    for place_tail in _PLACE_TAIL.finditer(text):
        sub_hit = subs.pattern.search(text, place_tail.start(), place_tail.end())
        if sub_hit:
            sub_hits[sub_hit.start()] = sub_hit
    for _pos, m in sorted(sub_hits.items()):
        if not scan.free(m.start(), m.end()):
            continue
        before, after = text[: m.start()], text[m.end() :]
        if not (_PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after)):
            continue
        scan.mentions[:] = [
            n
            for n in scan.mentions
            if not (
                n.label == "Name"
                and n.start <= m.start()
                and m.end() <= n.end
                and _REGION_WORDS.fullmatch(text[n.start : m.start()] + text[m.end() : n.end])
            )
        ]
        scan.add(Mention("Country", m.group(), m.start(), m.end(), kind="region", iso2=subs.surfaces[m.group()]))


_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|from|across|to|outside)\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*,\s+)?$"
    r"|\b[A-Z][\w-]*['’]s\s+$"
    r"|\b[A-Z][\w’'-]*,\s+$"
)


_PLACE_AFTER = re.compile(
    r"\s+(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Dd]epartment|[Tt]erritory|[Pp]refecture|[Oo]blast|[Gg]overnorate)\b|-based\b"
)


_PLACE_CUE = re.compile(
    r"\b(?:in|at|near|from|across|to|outside)\s+(?:the\s+)?(?=[A-ZÀ-Þ])|,\s+(?=[A-ZÀ-Þ])|\w['’]s\s+(?=[A-ZÀ-Þ])"
)


_PLACE_TAIL = re.compile(
    r"(?:[A-ZÀ-Þ][\w’'-]*\s+){1,3}(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Dd]epartment|[Tt]erritory|[Pp]refecture|"
    r"[Oo]blast|[Gg]overnorate)\b|[A-ZÀ-Þ][\w’']*(?:[\s-][A-ZÀ-Þ][\w’']*){0,2}-based\b"
)


_REGION_WORDS = re.compile(r"\s*(?:(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Dd]epartment|[Tt]erritory)\s*)?")
