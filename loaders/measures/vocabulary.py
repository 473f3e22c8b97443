"""The vocabulary measures are read with (``loaders/reference/measures.json``, compiled
once) and the kinds and mineral families the rules share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from minegraph.loaders.gazetteer import load_reference, word_led_ci
from minegraph.loaders.gazetteer import minerals as mineral_gazetteer

#: export kinds a generic "restriction on exports" may turn out to be
EXPORT_KINDS = ("export_ban", "export_control", "export_quota", "export_tax")
#: kinds about one operation or company, whose minerals may be named in an earlier sentence
PROJECT_KINDS = ("licence_revocation", "nationalisation", "investment_screening")
#: kinds about a deposit or an industry: without a mineral of their own, the article's
OPERATION_KINDS = ("licence_revocation", "nationalisation")
#: the minerals part of the id of a measure on minerals in general ("raw minerals")
ANY_MINERAL = "*"
#: the minerals part of the id of a measure on minerals the text leaves unnamed ("some metals")
UNNAMED_MINERALS = "~"
#: how each kind reads in a measure's name
KIND_WORDS = {
    "export_ban": "export ban on", "export_control": "export controls on", "export_quota": "export quotas on",
    "export_tax": "export tax on", "import_tariff": "import tariffs on", "royalty": "royalty on",
    "nationalisation": "nationalisation of", "licence_revocation": "licence revocation:",
    "investment_screening": "investment screening:", "processing_requirement": "local processing requirement for",
    "critical_list": "critical minerals list:", "stockpile": "stockpile of",
}


@dataclass(frozen=True)
class MeasureVocabulary:
    """The compiled patterns of ``loaders/reference/measures.json``."""

    cues: tuple[tuple[str, re.Pattern], ...]
    cue_sources: tuple[tuple[str, str], ...]  # parallel to cues: (kind, the pattern as the reference composes it)
    gates: tuple[tuple[tuple[str, ...], ...], ...]  # parallel to cues: word stems a sentence must hold (see _gates)
    mineral_cues: tuple[tuple[str, re.Pattern], ...]  # cues that need a mineral right after them
    mineral_cue_words: tuple[str, ...]
    not_traded_after: re.Pattern
    cue_words: dict[str, tuple[str, ...]]  # kind -> words one of which its cues contain
    generic: frozenset[str]
    anaphor: re.Pattern
    anaphor_kinds: dict[str, str]
    status: tuple[tuple[str, re.Pattern, bool], ...]  # (status, pattern, weak)
    speculation: re.Pattern
    intent: re.Pattern
    agreement: re.Pattern
    mineral_words: re.Pattern
    vague_minerals: re.Pattern
    raw_words: re.Pattern
    requires_mineral: frozenset[str]
    imposing_bodies: re.Pattern
    object_end: re.Pattern
    not_minerals_after: re.Pattern
    state_stockpile: re.Pattern
    government_nouns: re.Pattern
    private_actors: re.Pattern
    verbal: re.Pattern  # a cue that opens with a verb (it has a subject)


#: what may stand between a verb or a noun and the object it acts on ("banned all raw nickel ore exports")
_DETERMINERS = r"(?:(?:the|all|its|their|a|an|any|new|further|some|most|certain)\s+)*"
_GAP = r"(?:[\w’'.%-]+\s+){0,MAX}?"
_AUXILIARY = r"(?:were|was|have\s+been|has\s+been|had\s+been|are|is|will\s+be|would\s+be|be|being|remains?|remained)"
#: an object followed by a measure noun is that noun's modifier ("suspended export licences" is about licences)
_NOT_MODIFIER = (r"(?![- ]?(?:bans?|controls?|curbs?|quotas?|licen[cs]\w*|permits?|tax\w*|dut(?:y|ies)|lev(?:y|ies)|"
                 r"tariffs?|restrictions?|limits?|prohibitions?|caps?|ceilings?|embargo\w*|volumes?|data|figures)\b)")


def family_patterns(family: dict, objects: dict) -> list[str]:
    """The cue patterns of one family of wording (measures.json ``families``): its verbs,
    nouns and participles composed with its object in the shapes news states a measure in
    (verb + object, noun + preposition + object, object + noun, object + was + participle,
    verb + someone + from + exporting)."""
    return [rx for rx, _ in _family_shapes(family, objects)]


def _family_shapes(family: dict, objects: dict) -> list[tuple[str, str]]:
    """Each pattern of :func:`family_patterns` with the alternation it opens with (a sentence
    that has none of those words cannot match it: a quick test before the whole pattern)."""
    obj = objects[family["object"]]
    noun = obj["noun"]
    gap = _GAP.replace("MAX", str(family.get("gap", 4)))  # words a verb or noun may be from its object
    out = []
    verbs = "|".join(family.get("verbs", []))
    nouns = "|".join(family.get("nouns", []))
    participles = "|".join(family.get("participles", []))
    if verbs:  # "banned exports", "halted all nickel ore shipments", "revoked the licences"
        out.append((rf"(?<!-)(?:{verbs})\s+{_DETERMINERS}{gap}(?:{noun})\b{_NOT_MODIFIER}", verbs))
    if nouns:  # "a ban on exports", "a new levy on nickel exports", "revocation of its permit"
        out.append((rf"(?:{nouns})\s+(?:on|of|against|over|for|to)\s+{_DETERMINERS}{gap}(?:{noun})\b{_NOT_MODIFIER}",
                    nouns))
        if obj.get("modifier"):  # "export ban", "export-control", "import duties"
            out.append((rf"(?:{obj['modifier']})[- ](?:{nouns})\b", obj["modifier"]))
    if participles:  # "exports of gallium and germanium were banned"
        out.append((rf"(?:{noun})\s+(?:of\s+(?:[\w’'-]+,?\s+){{1,8}}?)?{_AUXILIARY}\s+(?:\w+\s+)?(?:{participles})\b",
                    participles))
    if verbs and family.get("from") and obj.get("gerund"):  # "barred foreign buyers from exporting"
        out.append((rf"(?<!-)(?:{verbs})\s+(?:[\w’'.-]+\s+){{1,5}}?from\s+(?:{obj['gerund']})\b", verbs))
    return out


def _stems(alternation: str) -> tuple[str, ...]:
    """The literal start of each alternative of a regular expression ("ban(?:s|ned)?|halt" ->
    ban, halt); none when one alternative starts with a group or a class."""
    depth, parts, last = 0, [], 0
    for i, ch in enumerate(alternation):
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            parts.append(alternation[last:i])
            last = i + 1
    parts.append(alternation[last:])
    stems = []
    for part in parts:
        stem = re.match(r"[a-z-]*", part.lower()).group()  # type: ignore[union-attr]
        if part[len(stem):len(stem) + 1] in ("?", "*", "{"):
            stem = stem[:-1]  # "bans?": the s is optional
        stems.append(stem.rstrip("-"))
    return tuple(stems) if all(len(stem) >= 3 for stem in stems) else ()


def _lead(rx: str) -> str:
    """The alternation a pattern opens with ("(?:order|told)..." -> "order|told", "divest..." ->
    "divest"), "" when it opens with something optional."""
    if rx.startswith("(?:"):
        depth = 0
        for i, ch in enumerate(rx):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                return "" if rx[i + 1:i + 2] in ("?", "*") else rx[3:i]
        return ""
    return re.match(r"[a-z-]*", rx).group()  # type: ignore[union-attr]


def _gates(lead: str, words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """What a sentence must hold for a family pattern to match it: one of the stems of the words
    it opens with, and one of its object's words (plain substring tests, much cheaper than the
    pattern)."""
    return tuple(gate for gate in (_stems(lead) if lead else (), words) if gate)


@lru_cache(maxsize=1)
def measure_vocabulary() -> MeasureVocabulary:
    data = load_reference("measures.json")
    patterns = [(kind, rx, (lead, tuple(data["objects"][family["object"]]["words"]))) for kind, families
                in data["families"].items() for family in families
                for rx, lead in _family_shapes(family, data["objects"])]
    patterns += [(kind, rx, (_lead(rx), ())) for kind, rxs in data["cues"].items() for rx in rxs]
    # each as \b(?:rx) ignoring case, written to let a search skip to the letters it opens with
    cues = tuple((kind, re.compile(word_led_ci(rx))) for kind, rx, _ in patterns)
    gates = tuple(_gates(lead, words) for _, _, (lead, words) in patterns)
    anaphors = data["anaphors"]
    words = "|".join(sorted((re.escape(w) for w in anaphors), key=len, reverse=True))
    return MeasureVocabulary(
        cues=cues,
        cue_sources=tuple((kind, rx) for kind, rx, _ in patterns),
        gates=gates,
        mineral_cues=tuple((kind, re.compile(word_led_ci(rx))) for kind, rxs in data["mineral_cues"].items()
                           for rx in rxs),
        mineral_cue_words=tuple(data["mineral_cue_words"]),
        not_traded_after=re.compile(data["not_traded_after"], re.I),
        cue_words={kind: tuple(words) for kind, words in data["cue_words"].items()},
        generic=frozenset(data["generic"]),
        anaphor=re.compile(word_led_ci("the|this|these|that|those|such|its|their")
                           + rf"(?i:\s+(?:(?!an?\s)[a-z-]+\s+)?({words})\b)"),
        anaphor_kinds={k.lower(): v for k, v in anaphors.items()},
        status=tuple((status, re.compile(word_led_ci(rx)), "weak" in rest)
                     for status, rx, *rest in data["status"]),
        speculation=re.compile(data["speculation"], re.I),
        intent=re.compile(data["intent"], re.I),
        agreement=re.compile(data["agreement"], re.I),
        mineral_words=re.compile(data["mineral_words"], re.I),
        vague_minerals=re.compile(data["vague_minerals"], re.I),
        raw_words=re.compile(data["raw_words"], re.I),
        requires_mineral=frozenset(data["requires_mineral"]),
        imposing_bodies=re.compile(data["imposing_bodies"]),
        object_end=re.compile(data["object_end"], re.I),
        not_minerals_after=re.compile(data["not_minerals_after"], re.I),
        state_stockpile=re.compile(data["state_stockpile"], re.I),
        government_nouns=re.compile(data["government_nouns"], re.I),
        private_actors=re.compile(data["private_actors"], re.I),
        verbal=re.compile(r"(?:" + "|".join([verb for families in data["families"].values() for family in families
                                             for verb in family.get("verbs", [])] + [data["action_verbs"]]) + r")\b",
                          re.I),
    )



def family(key: str) -> str:
    """A mineral and its ores and products are one family: 'nickel ore' is nickel."""
    base = key.split(":", 1)[-1]
    head = base.split("-")[0]
    return head if head in _mineral_ids() else base


@lru_cache(maxsize=1)
def _mineral_ids() -> frozenset[str]:
    return frozenset(m.id.split(":", 1)[-1] for m in mineral_gazetteer().minerals.values())


def overlap(a: list[str], b: list[str]) -> bool:
    """Whether two lists of minerals share a family."""
    return bool({family(k) for k in a} & {family(k) for k in b})
