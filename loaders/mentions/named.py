"""The step for capitalised names: each name is labelled by its head word, by a lowercase
head after it ("the Franco-Ruritanian summit"), by what the sentence says of it (", a
Perth-listed miner"), or kept as a headless ``Name`` for the extractor to settle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from minegraph.loaders.gazetteer import countries, subdivisions, vocabulary, word_led
from minegraph.loaders.mentions.names import (
    LED_BY,
    bracket_short_form,
    called_agency,
    classify,
    is_kind_word,
    org_heads,
    placed_short_form,
    segments,
    split_names,
    trim_name,
)
from minegraph.loaders.mentions.people import after_person_title, described_thing, valid_person
from minegraph.loaders.mentions.places import place_patterns
from minegraph.loaders.mentions.scan import Mention, Scan, inner_countries, only_countries
from minegraph.loaders.mentions.table import TITLE_MODIFIERS, patterns
from minegraph.loaders.mentions.tokens import ORDINAL, YEAR, Token, number_in_name, tokenize


def step_names(scan: Scan) -> None:
    """Capitalised names: runs of capitalised tokens split into names, each labelled by
    its head word, by a lowercase head after it, or kept as a headless ``Name``."""
    for chunk in segments(scan.tokens, scan.text, scan.taken):
        for name_tokens in (part for name in split_names(chunk) for part in _after_legal_form(name)):
            name_tokens = _without_title_tail(trim_name(name_tokens), scan.text)
            if name_tokens and _opening_participle(scan, name_tokens[0]):
                name_tokens = name_tokens[1:]  # "Highlighting Ruritania's role, ...": a verb, then a name
            if name_tokens and scan.free(name_tokens[0].start, name_tokens[-1].end):
                _name_mention(scan, name_tokens)


#: after a meeting-headed name, what only a standing body has: an officer, a secretariat, member
#: states ("the Conference on Mine Safety (CMS), whose executive secretary", "the X Forum's secretariat"),
#: or someone who represented it at a meeting ("the Conference on Mine Safety, represented by ...")
_STANDING_BODY = re.compile(
    r"(?:\s*\([A-Z][\w&-]{1,9}\))?(?:(?:\s*,\s*whose|['’]s?)\s+(?:executive\s+|permanent\s+)?"
    r"(?:secretary(?:-general)?|secretariat|director-general|member\s+(?:states|countries|governments))\b"
    r"|\s*,\s*(?:which\s+was\s+)?represented\s+(?:here\s+|there\s+)?by\b)"
)
#: " in " and capitalised words after a name: a field ("... for Open Trade in Metals") or a place
_FIELD_IN = re.compile(r" in ([A-Z][\w-]*(?: [A-Z][\w-]*){0,2})\b")


def _after_legal_form(tokens: list[Token]) -> list[list[Token]]:
    """A legal form's abbreviation closes a firm's name: capitalised words after it start another
    name ("Chairman of the Board of Acme Metals OJSC Ana Ruiz": the firm, then its chairman), unless
    another legal-form word follows ("Acme Sdn Bhd", "Acme Co., Ltd.")."""
    v = vocabulary()
    for k in range(1, len(tokens) - 1):
        if (
            tokens[k].text in v.company_strong
            and tokens[k].text not in _WORD_FORMS
            and tokens[k + 1].cap
            and tokens[k + 1].text not in v.company_strong
        ):
            return [tokens[: k + 1], *_after_legal_form(tokens[k + 1 :])]
    return [tokens]


#: company heads that are words, not abbreviated legal forms: they may stand inside a longer
#: name ("Acme Group Services", "Acme Company Foundation")
_WORD_FORMS = frozenset(
    {"Corporation", "Company", "Limited", "Incorporated", "Group", "Holdings", "Holding", "Enterprises", "Industries",
     "Conglomerate", "Limitada"}
)


def _without_title_tail(tokens: list[Token], text: str) -> list[Token]:
    """'Acme Minerals CEO', 'Bank of Ruritania Governor' before a person's name: the
    organisation's name ends where the title after it begins, the title is the person's."""
    if len(tokens) < 2 or not _is_title_word(tokens[-1].text):
        return tokens
    k = len(tokens) - 1
    if tokens[-1].text == "Officer":  # "Chief Financial Officer", "Chief Operating Officer"
        k = next((i for i in range(len(tokens) - 2, max(0, len(tokens) - 5), -1) if tokens[i].text == "Chief"), k)
    while k > 0 and _is_title_word(tokens[k - 1].text):
        k -= 1
    v = vocabulary()
    if k > 0 and f"{tokens[k - 1].text} {tokens[k].text}" in v.titles:
        k -= 1  # "Mining Cabinet Secretary": a head that opens a compound title ("Cabinet Secretary") is no body's
    if k == 0 or not any(t.text in v.titles for t in tokens[k:]):
        return tokens
    before = tokens[:k]
    if _office_complement(before):
        return tokens  # "the Office of the Prime Minister", "Office of the U.S. Trade Representative"
    headed = before[-1].text in org_heads() or any(t.text in ("of", "for") for t in before[1:])
    cls = classify(before, text) if headed else None
    if cls is None or cls[0] not in ("Agency", "Company"):
        return tokens  # "Energy and Mines Minister": a minister's title, read whole as one
    return before


def _office_complement(before: list[Token]) -> bool:
    """The words before a title end in "of the", maybe with a country's word: the
    title is the complement of the body's head, the office that serves it ("the Office of the
    President", "the Office of the Ruritanian Trade Representative"), not a person's title after
    a body's name ("Bank of Ruritania Governor" ends in the body's own complement)."""
    k = len(before) - 1
    while k >= 0 and countries().lookup(before[k].text) is not None:
        k -= 1
    return k > 1 and before[k].text == "the" and before[k - 1].text in ("of", "for")


def _is_title_word(word: str) -> bool:
    """A word of an office's title ("CEO", "Chief", "Governor"), not a portfolio's ("Trade",
    "Finance" end ministries' names) nor a head of a name ("Mines", "Energy" end firms')."""
    return word in _office_title_words()


@lru_cache(maxsize=1)
def _office_title_words() -> frozenset[str]:
    v = vocabulary()
    heads = org_heads()
    portfolios = {w for k, full in v.short_forms.items() for w in (k, *full.split())}
    return frozenset((set(v.titles) | _TITLE_TAIL_WORDS) - heads - portfolios - {"of", "and", "for", "the"})


#: words of a title that do not make one alone ("Chief Executive Officer", "Managing Director")
_TITLE_TAIL_WORDS = frozenset({"Officer", "Managing", "Manager", "Executive", "Permanent"})


#: after a name: ", the world's largest producer of ...", ", a Perth-listed miner", ", one of the top makers"
COMPANY_APPOSITIVE = re.compile(
    r",\s+(?:(?:the|a|an|one\s+of\s+the)\s+)(?:world['’]s\s+|country['’]s\s+|[A-Z][\w.-]*['’]s\s+)?"
    r"(?:[\w-]+\s+){0,3}(?:producer|producers|miner|miners|maker|makers|manufacturer|manufacturers|supplier|suppliers|"
    r"refiner|refiners|smelter|trader|traders|carmaker|automaker|developer|explorer|firm|company|companies|"
    r"conglomerate|group|consortium|subsidiary|unit|operator)\b"
)


#: after a name: the subject of a business verb ("Acme will acquire", "Acme has invested", "Acme supplies")
BUSINESS_VERB_AFTER = re.compile(
    r"\s+(?:(?:has|have|had|will|would|is\s+set\s+to|plans\s+to|agreed\s+to|is\s+to)\s+)?"
    r"(?:acquire[sd]?|acquiring|bought|buys|invest(?:s|ed)?|suppl(?:y(?!\s+chains?\b)|ies|ied)|sold|sells|produces|produced|"
    r"operates|owns|listed|shipped|ships|mines|mined|refines|refined|raised|posted|reported\s+(?:a\s+)?(?:net|profit|loss))\b"
)


def _acts_as_company(scan: Scan, s: int, e: int) -> bool:
    """A bare name the sentence describes as a firm (an appositive) or makes the subject
    of a business verb (not a person: people were found before)."""
    after = scan.text[e:]
    if scan.possessive_at(e):
        return False
    last = scan.text[s:e].split()[-1].lower()
    if is_kind_word(last) or (last.endswith("s") and is_kind_word(last[:-1])):
        return False  # "Foreign Investors bought ...": firms of a kind, capitalised at a sentence's start
    return bool(COMPANY_APPOSITIVE.match(after) or BUSINESS_VERB_AFTER.match(after))


#: "Invest" run together with a country's name: the usual name of a national investment agency
INVEST_AGENCY = re.compile(r"Invest([A-Z][a-z]+)")


def _invest_agency(word: str) -> bool:
    m = INVEST_AGENCY.fullmatch(word)
    return m is not None and countries().surfaces.get(m.group(1), ("", ""))[1] == "name"


def _opening_participle(scan: Scan, tok: Token) -> bool:
    """The sentence opens with an -ing verb ("Highlighting", "Canceling"): capitalised only
    because it comes first.  Place names ending in -ing ("Nanjing", "Liaoning") are kept."""
    word = tok.text
    if tok is not scan.tokens[0] and scan.text[: tok.start].strip() not in ('"', "“", "‘", "'", "("):
        return False
    return (
        len(word) >= 8
        and word.endswith("ing")
        and word[-4] not in "jqxJQX"
        and word not in vocabulary().company_weak
        and countries().lookup(word) is None
        and word not in subdivisions().surfaces
    )


@dataclass
class _Name:
    """A capitalised run being read as a name: its tokens, its span (``s``, ``e``: a lowercase head
    after it or what it is named with moves ``e``), its surface, and its reading (label, kind),
    None while it has none."""

    tokens: list[Token]
    s: int
    e: int
    surface: str
    cls: tuple[str, str] | None


def _name_mention(scan: Scan, name_tokens: list[Token]) -> None:
    """A capitalised run read as a name: its reading (:func:`_read_name`), unless that makes it no
    mention of its own (a body's assembly, a company's organ, a venue), how far the name runs
    (:func:`_extend_name`), then its mention and what the mention holds (:func:`_add_name`)."""
    n = _read_name(scan, name_tokens)
    if n is None or n.cls is None:
        return
    label, kind = n.cls
    # an intergovernmental body's name opening an agency's ("the Union Secretariat"), matched once
    body = patterns().body_start.match(n.surface) if label == "Agency" else None
    if body is not None and name_tokens[-1].text == "Assembly":
        _body_assembly(scan, n.s, n.e, body)
        return
    if label == "Agency" and n.surface in vocabulary().corporate_organs:
        scan.taken.append((n.s, n.e))  # "Acme's Board of Directors": a part of the company, not an agency
        return
    if label == "Agency" and kind == "centre" and _is_venue(n.surface, scan.text, n.s):
        scan.taken.append((n.s, n.e))
        return
    if body is not None:
        kind = "intergovernmental"
    _extend_name(scan, n, label, kind)
    _add_name(scan, n, label, kind)


def _read_name(scan: Scan, name_tokens: list[Token]) -> _Name | None:
    """What a name is: by its head word, a lowercase head after it, or what the sentence says of it,
    relabelled where the sentence says more (:func:`_relabel`). None when it is no mention of its
    own: a country's own name, an office's portfolio (taken), a headless name (:func:`_headless_name`)."""
    text = scan.text
    s, e = name_tokens[0].start, name_tokens[-1].end
    n = _Name(name_tokens, s, e, text[s:e], classify(name_tokens, text))
    cls = n.cls
    if cls is not None and cls[0] in ("Agency", "Company") and len(name_tokens) >= 2:
        hit = countries().lookup(n.surface)
        if hit is not None and hit[1] == "name":  # "the Ruritanian Federation": a country's own name, not a body's
            return None  # (read as the country by the gazetteer)
    if cls is not None and cls[0] == "Event" and len([t for t in name_tokens if not YEAR.fullmatch(t.text)]) < 2:
        n.cls = None  # "Meeting the demand ..." is not an event
    if n.cls is None or _weak_reading(n.cls, name_tokens, n.surface):
        lowered = _lower_head_name(scan, name_tokens)
        if lowered is not None:
            n.cls, n.surface, n.e = lowered
    if _portfolio_or_asset(scan, n):
        return None
    if n.cls is None:
        n.cls = _reading_by_context(scan, n)
    if n.cls is None:
        _headless_name(scan, name_tokens)
        return None
    _relabel(scan, n)
    return n


def _portfolio_or_asset(scan: Scan, n: _Name) -> bool:
    """'the Acme Lithium project' (an asset, named after it), 'talks on Nuclear Energy' (a topic):
    no company (``n.cls`` cleared); 'Commissioner for Trade and Metals': an office's
    portfolio, taken. Whether the name is done with."""
    v, text, s, e = vocabulary(), scan.text, n.s, n.e
    if (
        n.cls is not None
        and n.cls[0] == "Company"
        and n.tokens[-1].text in v.company_weak
        and (place_patterns().asset_after.match(text, e) or _TOPIC_BEFORE.search(text, max(0, s - 4), s))
    ):
        n.cls = None
    if (
        n.cls is not None
        and (n.cls[0] == "Agreement" or (n.cls[0] == "Company" and n.tokens[-1].text in v.company_weak))
        and (_PORTFOLIO_BEFORE.search(text, max(0, s - 120), s) or _PORTFOLIO_AFTER.match(text, e))
    ):
        scan.taken.append((s, e))
        return True
    return False


def _reading_by_context(scan: Scan, n: _Name) -> tuple[str, str] | None:
    """A name with no head word, read by what stands with it; None when nothing does."""
    surface, s, e = n.surface, n.s, n.e
    if n.tokens[-1].text in vocabulary().company_weak and _spelt_out(scan, n.tokens):
        return ("Company", "company")  # "Ruritania Nuclear Energy (RNEC)": a firm its short form spells
    if _acronym_year_event(scan, surface, s):
        return ("Event", "conference")  # "at MINEXPO 2030", "on the sidelines of ABC 2031"
    if len(n.tokens) == 1 and _invest_agency(surface):
        return ("Agency", "agency")  # "InvestRuritania": a national investment-promotion agency
    if e in scan.listed_before and not countries().lookup(surface):
        return ("Company", "company")  # "Acme Lithium (ASX: ACM)"
    return None


def _relabel(scan: Scan, n: _Name) -> None:
    """A firm or meeting the sentence calls an agency ("the state agency, the Acme Corporation",
    "think tank Forum for X"), a numbered assembly (a session: an event), a joint body (its
    meetings: an event). Writes ``n.cls`` (and for a body's field, ``n.e`` and ``n.surface``)."""
    text, s, e = scan.text, n.s, n.e
    assert n.cls is not None
    if n.cls[0] in ("Company", "Event") and called_agency(text, s, e):
        if n.cls[0] == "Event" and (field := _FIELD_IN.match(text, e)) is not None and scan.free(e, field.end()):
            if not countries().lookup(field.group(1)) and field.group(1) not in subdivisions().surfaces:
                n.e = field.end()  # "Forum for Open Trade in Metals": read as a meeting's place, it is the body's field
                n.surface = text[s : n.e]
        n.cls = ("Agency", "agency")
    if n.cls[0] == "Event" and _STANDING_BODY.match(text, e) and not ORDINAL.fullmatch(n.tokens[0].text):
        n.cls = ("Agency", "agency")  # "the Conference on Mine Safety (CMS), whose executive secretary ...": a body
    if n.cls[0] == "Agency" and ORDINAL.fullmatch(n.tokens[0].text):
        n.cls = ("Event", "session")  # "the 80th Ruritanian National Assembly": a numbered session, an event
    if n.cls[0] == "Agency" and JOINT_BODY.search(n.surface):
        # "the Ruritania-Freedonia Joint Working Group on Mining": two governments' standing format
        # exists in its meetings, which the annotation conventions read as the event
        n.cls = ("Event", "meeting")


def _extend_name(scan: Scan, n: _Name, label: str, kind: str) -> None:
    """How far the name runs: a meeting named by what it is for before it, or with the body or the
    people that meet after it; an embassy with its host country. Writes ``n.s``, ``n.e`` and
    ``n.surface`` (and marks the mentions it takes in inner)."""
    text, s, e = scan.text, n.s, n.e
    if label == "Event" and (gerund := _GERUND_IN.search(text, max(0, s - 30), s)) is not None:
        # "the Investing in African Mining Indaba": a meeting named by what it is for
        scan.mentions[:] = [m for m in scan.mentions if not (gerund.start() <= m.start and m.end <= s)]
        n.s = s = gerund.start()
        n.surface = text[s:e]
    if (
        label == "Event"
        and len(n.tokens) <= 2
        and not _MEETING_OF_WHO.match(text, e)
        and (of_body := _of_body(scan, e)) is not None
    ):
        n.e = e = of_body.end  # "the 14th Summit of the Group of Twenty": the body's meeting, named with it
        n.surface = text[s:e]
        of_body.inner = True
    elif label == "Event" and (body_end := _edition_of_body(n, text)) is not None:
        n.e = e = body_end  # "the 1st Session of the Ruritania-Freedonia Committee on Tin": that body's session
        n.surface = text[s:e]
    if label == "Event" and (who := _MEETING_OF_WHO.match(text, e)) is not None:
        inside = [m for m in scan.mentions if e <= m.start and m.end <= who.end()]
        if all(m.label in ("Agency", "Country") for m in inside):
            # "the Extraordinary Meeting of the Union Ministers Responsible for Mining": who meets
            n.e = e = who.end()
            n.surface = text[s:e]
            for m in inside:
                m.inner = True  # a body written inside the meeting's name, as in "the Union-Asia Summit"
    if label == "Agency" and kind == "embassy" and (host := _HOST_AFTER.match(text, e)) is not None:
        country = countries().pattern.match(text, host.end())
        if country is not None and countries().surfaces[country.group()][1] == "name":
            n.e = e = country.end()  # "the Embassy of Ruritania in Freedonia": the mission names its host country
            n.surface = text[s:e]


def _add_name(scan: Scan, n: _Name, label: str, kind: str) -> None:
    """The name's mention (a title's among the titles), with its short form, the countries inside
    it, the body it is part of, and the bodies and meetings named with it. Writes ``scan``."""
    text, s, e, surface = scan.text, n.s, n.e, n.surface
    inner = inner_countries(surface, s, ("name", "demonym"))
    men = Mention(
        label, surface, s, e, kind=kind, possessive=scan.possessive_at(e), name_countries=[iso for _, _, iso in inner]
    )
    if label == "Title":
        scan.titles.append(men)
        return
    acr = patterns().acronym_def.match(text[e:])
    if acr and acr.group(1) not in vocabulary().agreement_kinds:
        men.acronym = acr.group(1)
    elif label in ("Agency", "Company") and (placed := placed_short_form(text, e, surface)) is not None:
        men.acronym = placed[2]  # "the Kestrel Metals Company of Ndola (KMC)"
    scan.add(men)
    scan.add_inner_countries(inner)
    if label == "Agency":
        _parent_body(scan, men)
    short = bracket_short_form(text, e, surface) if label in ("Agency", "Company") and not men.acronym else None
    if short is not None and scan.free(short[0], short[1]):
        scan.add(Mention(label, surface, short[0], short[1], kind=kind, acronym=short[2]))
    if label == "Event":
        _inner_bodies(scan, s, e)
        if JOINT_BODY.search(surface):
            _meeting_of(scan, men, fold=True)
    elif label in ("Agency", "Agreement"):
        _named_event(scan, men)
        _meeting_of(scan, men)


#: " of the " then maybe a country's adjective, then a body's head: where a unit's name names the body
#: it belongs to ("the Geological Survey Department of the Ruritanian Ministry of Mines")
_OF_THE_BODY = re.compile(r" of the ((?:[A-Z][\w-]*\s+)?)([A-Z][\w-]*)\b")


def _parent_body(scan: Scan, men: Mention) -> None:
    """A unit named with the body it belongs to ("the Survey Committee of the Ministry of Lands
    of Ruritania", "the Mining Chamber of the Fédération des Industries de Ruritanie"):
    the parent is an agency of its own, and the unit is also called by its own words ("the
    Geological Survey Department"). The parent is read as written inside the unit's name."""
    v = vocabulary()
    text = scan.text
    for m in _OF_THE_BODY.finditer(men.text):
        head = m.group(2)
        if head not in v.agency_heads and head not in v.agency_prefix_forms:
            continue
        if m.group(1) and countries().lookup(m.group(1).strip()) is None:
            continue  # "of the National Ministry": an adjective that names no state opens no parent
        own = men.text[: m.start()]
        own_tokens = tokenize(own)
        cls = classify(own_tokens, own)
        if cls is None or cls[0] != "Agency" or own_tokens[-1].text in ("Minister", "Ministers"):
            continue  # the unit must be a body by its own words
        ps = men.start + m.start(1)
        parent = text[ps : men.end]
        pcls = classify(tokenize(parent), parent)
        if pcls is None or pcls[0] != "Agency":
            continue
        scan.add(
            Mention(
                "Agency",
                parent,
                ps,
                men.end,
                kind=pcls[1],
                inner=True,
                name_countries=[iso for _, _, iso in inner_countries(parent, ps, ("name", "demonym"))],
            ),
            take=False,
        )
        men.props.setdefault("aliases", []).append(own)
        return


#: after a meeting's name, the capitalised body of people who meet there, as part of the name: "of the
#: Union (UN) Ministers Responsible for Mining", "of Heads of State and Government", "of the Parties"
_MEETING_OF_WHO = re.compile(
    r"\s+of\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]*|\([A-Z][A-Za-z]+\)|of|for|and|the)\s+){0,8}?"
    r"(?:Ministers|Leaders|Heads\s+of\s+(?:State|Government)(?:\s+and\s+Government)?|Parties|Governors)"
    r"(?:\s+(?:Responsible\s+for|in\s+Charge\s+of|of)\s+[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,3})?"
    r"(?![\w-])"
)


#: a capitalised -ing word and "in" right before a meeting's name: "Investing in"
_GERUND_IN = re.compile(r"(?<![\w-])[A-Z][a-z]+ing\s+in\s+$")
#: between a meeting's head and the body it is a meeting of
_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")


def _of_body(scan: Scan, e: int) -> Mention | None:
    """The intergovernmental body or agency named right after a short meeting's name and "of"
    ("Summit of the Group of Twenty", "Extraordinary Session of the Union Assembly")."""
    gap = _OF_THE.match(scan.text, e)
    if gap is None:
        return None
    return next(
        (m for m in scan.mentions if m.start == gap.end() and m.label == "Agency" and not m.inner),
        None,
    )


#: a numbered meeting's words alone, capitalised: "1st Session", "Third Meeting", "2031 Plenary"
_EDITION_ONLY = re.compile(
    r"(?:The\s+)?(?:\d{1,3}(?:st|nd|rd|th)|(?:19|20)\d\d|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth"
    r"|Ninth|Tenth|Inaugural|Annual)\s+(?:(?:Ministerial|Plenary|Ordinary|Extraordinary|High-Level)\s+)?"
    r"(?:Session|Meeting|Plenary|Gathering|Convening)"
)
#: a capitalised name after "of (the)": the words a body's name may hold
_NAME_AFTER_OF = re.compile(
    r"\s+of\s+(?:the\s+)?((?:[A-Z][\w’'-]*|of|on|for|and|in)(?:\s+(?:[A-Z][\w’'-]*|of|on|for|and|in))*)"
)


def _edition_of_body(n: _Name, text: str) -> int | None:
    """Where the name of the body ends that a meeting named only by its edition is of ("the 1st
    Session of the Ruritania-Freedonia Ministerial Committee on Tin"): a session has no name of
    its own, the body's is its name (None: no body named right after it)."""
    if not _EDITION_ONLY.fullmatch(n.surface):
        return None
    after = _NAME_AFTER_OF.match(text, n.e)
    if after is None:
        return None
    words = after.group(1).split()
    while words and words[-1] in ("of", "on", "for", "and", "in"):
        words.pop()
    run = " ".join(words)
    tokens = tokenize(run)
    names = split_names(tokens) if tokens else []
    if not names:
        return None
    first = names[0]
    body = run[: first[-1].end]
    cls = classify(first, run)
    if cls is None or cls[0] not in ("Agency", "Event") or countries().lookup(body) is not None:
        return None
    return after.start(1) + len(body)


def _body_assembly(scan: Scan, s: int, e: int, body: re.Match) -> None:
    """An intergovernmental body's assembly ("the Union General Assembly") meets in yearly sessions
    that leaders attend: an event (as the annotation conventions read it), where a state's
    "National Assembly" is its parliament.  Named with the body in full ("UN" spelt out), so the
    short and long forms are one event; a numbered session before it ("the 80th session of the")
    is read with it, that session's name kept as an alias (``body``: where the body's name opens
    the assembly's)."""
    pats = patterns()
    text = scan.text
    surface = text[s:e]
    full = pats.bodies_map.get(body.group().strip(), body.group().strip())
    name = f"{full} {surface[body.end():]}"
    aliases = [surface] if surface != name else []
    m = _MEETING_OF.search(text, max(0, s - 80), s)
    if m is not None and scan.free(m.start("ed"), s):
        s = m.start("ed")
        aliases += [text[s:e], f"{m.group('ed')} of the {name}"]
    men = Mention("Event", name, s, e, kind="session", possessive=scan.possessive_at(e))
    men.props["aliases"] = aliases
    acr = pats.acronym_def.match(text[e:])
    if acr:
        men.acronym = acr.group(1)  # "(UNEA-6)"
    scan.add(men)
    _inner_bodies(scan, s, e)


_SPACES = re.compile(r"\s+")


def _named_event(scan: Scan, men: Mention) -> None:
    """A meeting named after a body or a partnership ("the Trade Council meeting", "the Kestrel
    Partnership (KP) inaugural gathering"): an event of its own beside the name."""
    tail = patterns().named_event_tail.match(scan.text, men.end)
    if tail is None or not scan.free(men.end, tail.end()):
        return
    words = _SPACES.sub(" ", f"{tail.group('mods')}{tail.group('head')}").strip()
    head = tail.group("head").split()[-1]
    v = vocabulary()
    kind = v.event_anaphors.get(head, head)
    scan.mentions.append(Mention("Event", f"{men.text} {words}", men.start, tail.end(), kind=kind))
    scan.taken.append((men.end, tail.end()))


#: between a mission's name and its host country: "the Embassy of Ruritania in (the) Freedonia"
_HOST_AFTER = re.compile(r"\s+(?:in|to)\s+(?:the\s+)?")
#: a standing body two governments hold jointly: "Joint Commission", "Intergovernmental Commission",
#: "Joint Working Group", "Joint Ministerial Committee" (its meetings are the event)
JOINT_BODY = re.compile(
    r"\b(?:Joint|Intergovernmental|Inter-Governmental)\s+(?:(?:Ministerial|Economic|Trade|Permanent|Standing)\s+)?"
    r"(?:Commission|Committee|Working\s+Group|Council)\b"
)
#: an edition of a body's meeting: "third meeting", "annual summit", "5th high-level session"
_EDITION = (
    r"(?P<ed>(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|inaugural|annual"
    r"|\d{1,3}(?:st|nd|rd|th)|(?:19|20)\d\d)\s+(?:(?:high-level|ministerial|plenary|leaders['’]?|general)\s+)?"
    r"(?:meeting|gathering|session|summit|conference|ministerial|convening|forum|assembly|plenary))"
)
#: an edition of a body's meeting before its name: "the third meeting of the ", "the annual summit of ",
#: "the fourth session of their "
_MEETING_OF = re.compile(r"\b(?:the\s+|its\s+|their\s+)?" + _EDITION + r"\s+of\s+(?:the\s+|their\s+)?$")
#: an edition of a body's meeting after its name: "... Council met for its fifth session", "... held its
#: third meeting", "the ... Partnership met at Port Vale on 12 March for their fourth ministerial
#: meeting" (up to two places or days between the verb and the meeting)
_MET_FOR = re.compile(
    r"\s+(?:met|meets|will\s+meet|convened|convenes|gathered|held|holds|will\s+hold|opened|closed)"
    r"(?:\s+(?:in|at|on)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*|\d{1,2}(?:st|nd|rd|th)?)(?:\s+(?:[A-Z][\w.'’-]*|\d{1,2})){0,2}){0,2}"
    r",?\s+(?:for\s+|in\s+)?(?:its|their)\s+" + _EDITION + r"(?![\w-])"
)


_OF_THEIR = re.compile(r"\s+of\s+their\s+")


def _meeting_of(scan: Scan, men: Mention, fold: bool = False) -> None:
    """A numbered or annual meeting of a named body or partnership ("the third meeting of the
    Kestrel Partnership", "the annual gathering of the Lakeland Mining Council"): an event named
    by those words, beside the body.  With ``fold`` (a joint body, itself read as an event) the
    meeting's words join the body's mention, its own name kept as an alias."""
    m = _MEETING_OF.search(scan.text, max(0, men.start - 80), men.start)
    if m is None or not scan.free(m.start("ed"), m.end()):
        _met_for(scan, men, fold)
        return
    start = m.start("ed")
    head = m.group("ed").split()[-1]
    kind = vocabulary().event_heads.get(head.title(), "meeting")
    name = _OF_THEIR.sub(" of the ", scan.text[start : men.end])  # "of their Joint Commission"
    if fold:
        men.props["aliases"] = [*men.props.get("aliases", []), men.text]
        men.text, men.start, men.kind = name, start, kind
    else:
        scan.mentions.append(Mention("Event", name, start, men.end, kind=kind))
    scan.taken.append((start, men.start if not fold else men.end))


def _met_for(scan: Scan, men: Mention, fold: bool) -> None:
    """A body's numbered meeting told after its name ("the Lakeland Mining Council met for its fifth
    session"): an event named as "the fifth session of the Lakeland Mining Council", written where
    its edition's words are, beside the body (or, for a joint body read as an event, the body's
    mention named so, its own name kept as an alias)."""
    m = _MET_FOR.match(scan.text, men.end)
    if m is None or not scan.free(m.start("ed"), m.end("ed")):
        return
    ed = _SPACES.sub(" ", m.group("ed"))
    kind = vocabulary().event_heads.get(ed.split()[-1].title(), "meeting")
    name = f"{ed} of the {men.text}"
    if fold:
        men.props["aliases"] = [*men.props.get("aliases", []), men.text]
        men.text, men.kind = name, kind
        return
    # the words the text calls it by ("their fourth ministerial meeting") are a form of its name too
    event = Mention("Event", name, m.start("ed"), m.end("ed"), kind=kind)
    event.props["aliases"] = [ed]
    scan.mentions.append(event)
    scan.taken.append((m.start("ed"), m.end("ed")))


def _inner_bodies(scan: Scan, s: int, e: int) -> None:
    """Intergovernmental bodies written inside an event's name ("the Union-Asia Summit", "G20
    Summit"): each is named there, as a country inside a name is."""
    pats = patterns()
    for m in pats.bodies_inside.finditer(scan.text, s, e):
        if any(x.start == m.start() and x.end == m.end() and x.label == "Agency" for x in scan.mentions):
            continue  # read already (a body the meeting's name was extended over)
        name = pats.bodies_map[m.group()]
        men = Mention("Agency", name, m.start(), m.end(), kind="intergovernmental", inner=True)
        if m.group() != name:
            men.acronym = m.group()
        scan.add(men, take=False)


#: a lowercase body noun and a comma right before a name: an appositive naming the body
_BODY_NOUN_BEFORE = re.compile(
    word_led(r"association|federation|chamber|lobby\s+group|trade\s+body|industry\s+body") + r",\s+$"
)


#: "on" right before a name: what follows is a subject ("an agreement on Nuclear Energy")
_TOPIC_BEFORE = re.compile(r"\bon\s+$")


#: an office's title and its "of"/"for", then maybe portfolios and "and", right before a name: the
#: name is the office's portfolio ("Minister of Energy and Natural Resources", "Commissioner for
#: Industry and Raw Materials", "Director for Raw Materials of ..."), not a firm nor an agreement
#: ("Director of Acme Resources" names a firm's officer: only a government office's "of" counts)
_PORTFOLIO_BEFORE = re.compile(
    r"\b(?:(?:Minister|Ministers|Secretary|Undersecretary|Commissioner)\s+(?:of|for)|(?:Director|Director-General|Director\s+General|Head)\s+for)"
    r"\s+(?:(?:[A-Z][\w-]*|of|for)[\s,]+)*(?:and\s+|&\s+)?$"
)
#: ... or a government office's title right after the name, maybe after "and" and another portfolio:
#: "the Natural Resources and Environment Minister", "Energy and Natural Resources Undersecretary"
_PORTFOLIO_AFTER = re.compile(
    r"\s+(?:(?:and|&)\s+(?:[A-Z][\w-]*\s+){1,4})?(?:Minister|Ministers|Undersecretary|Under-Secretary|Secretary|"
    r"Commissioner)\b"
)


def _spelt_out(scan: Scan, name_tokens: list[Token]) -> bool:
    """A short form in brackets after the name opens with the initials of its words
    ("Acme Nuclear Energy (ANEC)")."""
    acr = patterns().acronym_def.match(scan.text[name_tokens[-1].end :])
    if acr is None:
        return False
    initials = "".join(t.text[0] for t in name_tokens if t.text[:1].isupper())
    return len(initials) >= 2 and acr.group(1).upper().startswith(initials.upper())


_HYPHEN_JOINED = re.compile(r"[a-z]-[A-Z]")


def _weak_reading(cls: tuple[str, str], name_tokens: list[Token], surface: str) -> bool:
    """A head-word reading that a lowercase head after the name overrides: a weak company
    head ("Battery Minerals event") or two bodies joined by a hyphen ("Union-Asian Union summit")."""
    v = vocabulary()
    if cls[0] == "Company" and name_tokens[-1].text in v.company_weak:
        return True
    return cls[0] in ("Agency", "Company") and _HYPHEN_JOINED.search(surface) is not None


def _lower_head_name(scan: Scan, name_tokens: list[Token]) -> tuple[tuple[str, str], str, int] | None:
    """'the Lobito Corridor-linked "X" initiative', 'the Franco-German summit': a name
    whose head is a lowercase event or agreement word right after it."""
    v = vocabulary()
    gaz = countries()
    text = scan.text
    s, e = name_tokens[0].start, name_tokens[-1].end
    surface = text[s:e]
    lower_head = patterns().lower_head.match(text, e)  # (no anchor nor look-behind: as on text[e:])
    if len(name_tokens) == 1 and LED_BY.search(name_tokens[0].text):
        return None  # "a Ruritania-led gathering": an adjective, no name
    if not (
        lower_head
        and not only_countries(surface)
        and not all(t.text in v.person_stopwords for t in name_tokens)
        and (
            "-" in surface
            or YEAR.search(surface)
            or gaz.pattern.search(surface)
            or '"' in text[max(0, s - 1) : s]
            or "“" in text[max(0, s - 1) : s]
        )
    ):
        return None
    word = lower_head.group(1)
    label = "Event" if word in v.event_lower_heads else "Agreement"
    e2 = lower_head.end()
    surface = _SPACES.sub(" ", text[s:e2].replace("”", "").replace('"', ""))
    return (label, word), surface, e2


def _acronym_year_event(scan: Scan, surface: str, s: int) -> bool:
    pats = patterns()
    return bool(
        pats.acronym_year_event.match(surface)
        and pats.event_context_before.search(scan.text[:s])
        and not countries().lookup(surface.split()[0])
    )


def _headless_name(scan: Scan, name_tokens: list[Token]) -> None:
    """A name without a head word: kept as ``Name`` for list and cue contexts
    ("companies including A, B and C"), resolved by the extractor."""
    v = vocabulary()
    gaz = countries()
    text = scan.text
    # "Acme CEO" before a name: the title is not part of the organisation's name (unless the
    # short form after it spells it out: "Acme Energy (AE)"); a portfolio's word that titles
    # hold ("Finance", "Trade") ends firms' names too: "Acme Finance" keeps it
    while len(name_tokens) > 1 and _is_title_word(name_tokens[-1].text) and not _spelt_out(scan, name_tokens):
        name_tokens = name_tokens[:-1]
    s, e = name_tokens[0].start, name_tokens[-1].end
    surface = text[s:e]
    if all(t.text in v.titles or t.text in TITLE_MODIFIERS for t in name_tokens) or surface in v.titles:
        return  # "President", "Interim", "Chief Strategy Officer": a title, not a name
    if len(name_tokens) == 1 and (name_tokens[0].text in v.agency_heads or name_tokens[0].text in v.event_heads):
        return  # "Congress", "Parliament": a common noun capitalised, not a name
    if place_patterns().feature_after.match(text, e) or name_tokens[0].text in ("Mt", "Mt.", "Mount"):
        return  # "the Atacama salt flat", "the Kivu basin", "Mt. Kestrel": a place
    if len(name_tokens) == 1 and LED_BY.search(name_tokens[0].text):
        return  # "Ruritania-controlled": an adjective, not a name
    if (
        all(t.text in v.person_stopwords or number_in_name(t.text) for t in name_tokens)
        or only_countries(surface)
        or gaz.lookup(surface)
    ):
        return
    people = [(p.start, p.end) for p in scan.mentions if p.label == "Person"]
    if after_person_title(text[:s], people) and not only_countries(surface):
        # "Ian Ode, Vice President Exploration at Acme": the organisation of a person's title
        scan.add(Mention("Company", surface, s, e, kind="company", possessive=scan.possessive_at(e)))
        return
    if _BODY_NOUN_BEFORE.search(text, max(0, s - 40), s) and len(name_tokens) <= 3 and not only_countries(surface):
        # "the country's mining industry association, Acmeb": a body the words before it name
        scan.add(Mention("Agency", surface, s, e, kind="association", possessive=scan.possessive_at(e)))
        return
    if _acts_as_company(scan, s, e) and not only_countries(surface) and surface not in subdivisions().surfaces:
        scan.add(Mention("Company", surface, s, e, kind="company", possessive=scan.possessive_at(e)))
        return
    name_men = Mention("Name", surface, s, e, possessive=scan.possessive_at(e))
    acr = patterns().acronym_def.match(text[e:])
    if acr and acr.group(1) not in v.agreement_kinds and not gaz.lookup(acr.group(1)):
        name_men.acronym = acr.group(1)
    elif acr is None and (placed := placed_short_form(text, e, surface)) is not None:
        name_men.acronym = placed[2]  # "Kestrel Hidro of Ndola (KH)"
    # a country inside a longer name ("PT Andalan Nikel Indonesia") belongs to the name
    inner_n = inner_countries(surface, s, ("name",))
    if inner_n and len(name_tokens) >= 3 and not any(t.text in v.titles for t in name_tokens):
        name_men.name_countries = [iso for _, _, iso in inner_n]
        scan.taken.append((s, e))
        scan.add_inner_countries(inner_n)
    scan.mentions.append(name_men)


#: the gap between two items of a list: ", ", " and ", ", and ", " & ", " or "
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)")


def step_company_lists(scan: Scan) -> None:
    """In a list of names where at least two are companies ("A Lithium, Borealis, C Metals
    and D Resources"), the bare names are companies too."""
    items = sorted((m for m in scan.mentions if m.label in ("Company", "Name")), key=lambda m: m.start)
    runs: list[list[Mention]] = []
    for m in items:
        prev = runs[-1][-1] if runs else None
        if prev is not None and not prev.possessive and _LIST_GAP.fullmatch(scan.text, prev.end, m.start):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if sum(m.label == "Company" for m in run) >= 2 and len(run) >= 3:
            for m in run:
                if m.label == "Name" and not only_countries(m.text) and m.text not in subdivisions().surfaces:
                    m.label, m.kind = "Company", "company"
                    scan.taken.append((m.start, m.end))


#: what lies between two people of a list: where the first is from ("Ana Ruiz of Ruritania", "Ana
#: Ruiz (Acme Metals)"), then a comma, a semicolon or "and"
_PERSON_LIST_GAP = re.compile(
    r"(?:\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"
    r"\s*(?:\([^()]{1,80}\)\s*)?(?:[,;]\s*(?:and\s+)?|and\s+|&\s+)"
)


def step_person_lists(scan: Scan) -> None:
    """In a list of names where one is a person ("Ana Ruiz, Daniyar Oskenov and Lena Berg", "Ana
    Ruiz (Acme Metals) and Daniyar Oskenov (Kestrel)"), a bare name that reads as a personal
    name (two to four words, no organisation's or place's word) is a person too: a list joins
    things of one kind.  Two names joined by a comma alone are no list ("Santa Clara, Ana Ruiz
    said")."""
    items = sorted((m for m in scan.mentions if m.label in ("Person", "Name")), key=lambda m: m.start)
    if not any(m.label == "Person" for m in items) or not any(m.label == "Name" for m in items):
        return
    runs: list[list[Mention]] = []
    joins: list[list[str]] = []
    for m in items:
        prev = runs[-1][-1] if runs else None
        gap = _PERSON_LIST_GAP.fullmatch(scan.text, prev.end, m.start) if prev is not None else None
        if prev is not None and gap is not None and not prev.possessive:
            runs[-1].append(m)
            joins[-1].append(gap.group())
        else:
            runs.append([m])
            joins.append([])
    for run, gaps in zip(runs, joins, strict=True):
        if len(run) < 2 or not any(m.label == "Person" for m in run):
            continue
        if len(run) == 2 and not any("and" in g or "&" in g or ";" in g for g in gaps):
            continue
        # from each person outwards along the list, up to a name that reads as no person's
        changed = True
        while changed:
            changed = False
            for k, m in enumerate(run):
                near = run[k - 1 : k] + run[k + 1 : k + 2]
                if m.label == "Name" and any(n.label == "Person" for n in near) and _reads_as_person(scan, m):
                    m.label = "Person"
                    scan.taken.append((m.start, m.end))
                    changed = True


def _reads_as_person(scan: Scan, m: Mention) -> bool:
    """A personal name's shape: two to four words, none a place's, an organisation's head or a
    title (``valid_person``), no region's name, and nothing around it that describes a firm
    ("Rosa Vale chairwoman Ana Ruiz")."""
    return (
        2 <= len(m.text.split()) <= 4
        and valid_person(m.text)
        and m.text not in subdivisions().surfaces
        and not described_thing(scan.text, m.start, m.end)
    )


_COMMA_OR_SEMI = re.compile(r"[,;]")
_LOWER_WORD_HYPHEN = re.compile(r"[a-z-]+")


def _is_venue(surface: str, text: str, start: int) -> bool:
    """'the King Fahd Conference Centre', 'at the Harbour Centre in Perth' (not 'a researcher at the X Centre')."""
    pats = patterns()
    if pats.venue_words.search(surface):
        return True
    before = text[max(0, start - 60) : start]
    if not pats.at_the.search(before):
        return False
    clause = _COMMA_OR_SEMI.split(before)[-1].lower()
    v = vocabulary()
    return not any(w in v.title_words_lower for w in _LOWER_WORD_HYPHEN.findall(clause))
