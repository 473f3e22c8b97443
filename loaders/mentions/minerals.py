"""Minerals: element and commodity names outside other names, with the products of an
element ("lithium carbonate") as commodities of their own.
"""

from __future__ import annotations

import re

from minegraph.loaders.gazetteer import minerals
from minegraph.loaders.mentions.scan import Mention, Scan

#: the word after a hyphen: "-gold" in "copper-gold"
_HYPHEN_WORD = re.compile(r"-([a-z]+)\b(?!-)")


_SPACE = re.compile(r"\s+")


def step_minerals(scan: Scan) -> None:
    """Minerals, not inside names ("Pilbara Minerals", "Korea Zinc") nor as the second
    word of a chemical name ("lithium aluminum silicate")."""
    mins = minerals()
    text = scan.text
    found = []
    acronyms = [m.span() for m in mins.acronym_pattern.finditer(text)] if mins.acronym_cue.search(text) else []
    for start, end in mins.spans(text) + acronyms:
        if not scan.free(start, end):
            continue
        surface = text[start:end]
        mineral = mins.lookup(surface)
        if mineral is None:
            continue
        if surface[0].isupper() and mineral.ambiguous:
            continue
        # "Lynas Rare Earths", "Ganfeng Lithium": a capitalised mineral word inside a longer name
        if surface[0].isupper() and any(
            n.start <= start and end <= n.end and n.end - n.start > end - start
            for n in scan.mentions
            if n.label == "Name"
        ):
            continue
        found.append((start, end, mineral))
        # the second half of a hyphenated pair ("copper-gold project", "nickel-cobalt deposit")
        pair = _HYPHEN_WORD.match(text, end)
        if pair is not None and (second := mins.lookup(pair.group(1))) is not None:
            found.append((pair.start(1), pair.end(1), second))
    found.sort(key=lambda x: x[0])
    for i, (s, e, mineral) in enumerate(found):
        follows = i > 0 and _SPACE.fullmatch(text[found[i - 1][1] : s]) is not None
        if (
            follows
            and mins.chemical_suffix.match(text[e:]) is None
            and i + 1 < len(found)
            and _SPACE.fullmatch(text[e : found[i + 1][0]])
        ):
            continue
        if follows and mins.chemical_suffix.match(text[e:]):
            continue
        if mineral.ambiguous and not _mineral_context(text, s, e, found):
            continue
        product = mins.product_after.match(text, e) if mins.product_after and mineral.symbol else None
        if product is not None and not mineral.group:
            word = "sulfate" if product.group(1).lower() == "sulphate" else product.group(1).lower()
            name = f"{mineral.name} {word}"
            if name in mins.minerals and scan.free(s, product.end()):
                scan.add(Mention("Mineral", name, s, product.end()))
                continue
        scan.add(Mention("Mineral", mineral.name, s, e, kind=mineral.group or ""))


_LOWER_WORD = re.compile(r"[a-z]+")
_MINERAL_LIST_GAP = re.compile(r"\s*(?:,|and|,\s*and|or|&|-)\s*")


def _mineral_context(text: str, s: int, e: int, found) -> bool:
    words = _LOWER_WORD.findall(text[e : e + 30].lower())[:2]
    # the word before counts too: "mines gold", "exported silver"
    words += _LOWER_WORD.findall(text[max(0, s - 20) : s].lower())[-1:]
    if any(w in minerals().context for w in words):
        return True
    for a, b, other in found:
        if other.ambiguous or (a, b) == (s, e):
            continue
        gap = text[b:s] if b <= s else text[e:a]
        if _MINERAL_LIST_GAP.fullmatch(gap):
            return True
    return False
