"""Capitalised names: runs of capitalised tokens split into names and labelled by their
head word ("Ministry of Trade, Industry and Energy" is one name because *Ministry* takes an
"of" complement; "South Korea and Uzbekistan" is two).
"""

from __future__ import annotations

import re
from functools import lru_cache

from minegraph.loaders.gazetteer import countries, minerals, vocabulary
from minegraph.loaders.mentions.tokens import (
    CONNECTORS,
    NUMBER_IN_NAME,
    ROMANCE,
    TIME_WORDS,
    YEAR,
    Token,
    number_in_name,
)

_PUBLIC_FINANCE = re.compile(r"\b(?:Development Finance|Export-Import|Export Credit|Export Finance)\b")


_GENERIC_FIRST = frozenset(
    "critical key global rare strategic mineral minerals green clean new national international "
    "energy battery mining resources the our their its african asian european first second".split()
)


#: compass words that open company names ("Northern Metals", "Western Lithium")
_COMPASS = frozenset({"Northern", "Southern", "Eastern", "Western"})


@lru_cache(maxsize=1)
def _country_prefixes() -> frozenset[str]:
    """The opening words of countries' names ("Democratic Republic" of "Democratic Republic of
    the Congo"), a country's whole name among them."""
    out: set[str] = set()
    for surface in countries().surfaces:
        words = surface.split()
        out.update(" ".join(words[:k]) for k in range(2, len(words) + 1))
    return frozenset(out)


def _country_start(text: str) -> bool:
    """A country, or the opening words of one's name ("the Ministry of Mines of the Democratic
    Republic": the country's name cut short)."""
    return _is_country(text) or text in _country_prefixes()


def _is_country(text: str) -> bool:
    m = countries().pattern.fullmatch(text)
    return bool(m)


@lru_cache(maxsize=1)
def _agency_words() -> tuple[re.Pattern, re.Pattern]:
    """What the text calls a public body right before or after its name: an agency cue of the
    reference list ("think tank", "regulator", "development bank") or "state/public ... agency"."""
    cues = "|".join(re.escape(c) for c in sorted(vocabulary().agency_cues, key=len, reverse=True))
    kind = rf"(?:{cues}|(?:state|public|government|national)(?:\s+[\w-]+){{0,3}}?\s+agency)"
    return (
        re.compile(rf"\b{kind}\s*,?\s+(?:the\s+)?$"),
        re.compile(
            r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?"  # "Acme Corporation of Ruritania (ACR), the ..."
            rf"(?:\s*\([^()]{{1,20}}\))?,\s+(?:the|a|an)\s+{kind}\b"
        ),
    )


def called_agency(text: str, s: int, e: int) -> bool:
    """A name the text calls a public body ("Ruritania's public mining agency, the Acme
    Corporation", "Acme Corporation (AC), the state agency that ...", "the think tank Forum for
    Open Trade"): an agency, whatever its head word (a corporation, a forum) would make it."""
    before, after = _agency_words()
    return before.search(text, max(0, s - 80), s) is not None or after.match(text, e) is not None


def segments(tokens: list[Token], text: str, blocked: list[tuple[int, int]]) -> list[list[Token]]:
    """Runs of capitalised tokens (with connectors) not crossing people or punctuation."""

    def is_blocked(t: Token) -> bool:
        start = t.start
        for s, e in blocked:  # a plain loop: asked for every capitalised word
            if s <= start < e:
                return True
        return False

    chunks: list[list[Token]] = []
    cur: list[Token] = []
    skip = 0
    for i, t in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        word = t.text
        if word == "(" and cur and not cur[-1].possessive:
            inner = bracketed_place(tokens, i, text)
            if inner:  # "Acme Mining (Chengdu) Co Ltd": the place in brackets is part of the name
                cur.extend(tokens[i : i + inner])
                skip = inner - 1
                continue
        first = word[:1]
        # a number in a name starts with a digit: the regex only runs on those
        number = first.isdigit() and NUMBER_IN_NAME.fullmatch(word) is not None
        capish = (
            (first.isupper() or number)
            and not is_blocked(t)
            and word not in ("(", ")")
            and word not in TIME_WORDS
            and (first.isalpha() or number)
            and not word.endswith("$")  # a currency before an amount ("A$150"), no word of a name
        )
        if cur:
            last = cur[-1]
            if (
                (
                    capish
                    or word in CONNECTORS
                    or (word == "the" and last.text in ("of", "for", "on"))
                    or (
                        word == "the"
                        and last.text == "and"
                        and _meeting_complement(cur)
                        and (i + 1 >= len(tokens) or tokens[i + 1].text not in vocabulary().titles)
                    )
                    or (word in _LOWER_FORMS and last.text not in ("The", "A", "An"))  # "Acme Resources plc"
                    or _ELIDED.match(word) is not None  # "Institut Ruritanien d'Analyse", "de l'Est"
                )
                and not last.possessive
                and text[last.end : t.start].strip() == ""
            ) or (capish and (_plural_possessive_inside(cur, t, text) or _possessive_in_country(cur, t, text))) or (
                _in_inside(cur, tokens, i, text) or _spaced_pair_dash(cur, t, text)
            ):
                cur.append(t)
                continue
            chunks.append(cur)
            cur = []
        if capish:
            cur = [t]
    if cur:
        chunks.append(cur)
    out = []
    for chunk in chunks:
        while chunk and (
            chunk[-1].text in CONNECTORS
            or chunk[-1].text == "the"
            or (number_in_name(chunk[-1].text) and not YEAR.fullmatch(chunk[-1].text))
        ):
            chunk = chunk[:-1]  # an ordinal opens a name ("the 2nd ... Dialogue"), never closes one
        # a year alone is not a name; a year only attaches to a neighbour
        if chunk and not _all_numbers(chunk):
            out.append(chunk)
    return out


#: a spaced dash between two countries, then a capitalised word: "the 4th Ruritania - Freedonia
#: Mining Working Group", "the Ruritania – Freedonia Business Forum" (as "Ruritania-Freedonia")
_AFTER_PAIR_DASH = re.compile(r"\s+[A-Z]")


def _spaced_pair_dash(cur: list[Token], t: Token, text: str) -> bool:
    """Whether a dash with a space either side joins the country that ends the run to a country
    that opens a name after it: one name of a pair's body or meeting, not two names."""
    if t.text not in ("-", "–") or text[t.start - 1 : t.start] != " " or text[t.end : t.end + 1] != " ":
        return False
    g = countries()
    if not any((g.lookup(text[c.start : cur[-1].end]) or ("", ""))[1] == "name" for c in cur[-3:]):
        return False
    after = g.pattern.match(text, t.end + 1)
    return (
        after is not None
        and (g.lookup(after.group()) or ("", ""))[1] == "name"
        and _AFTER_PAIR_DASH.match(text, after.end()) is not None
    )


def _all_numbers(chunk: list[Token]) -> bool:
    """Whether every token of ``chunk`` is a year or an ordinal (a plain loop: asked for every run)."""
    for t in chunk:
        if not number_in_name(t.text):
            return False
    return True


def _meeting_complement(cur: list[Token]) -> bool:
    """Whether a run being read is a meeting's head and its complement ("Conference on Critical
    Minerals of the Andes and"): "the" after its "and" goes on with the complement ("... and the
    Caribbean"); :func:`split_names` parts it again where a name of its own follows."""
    heads = vocabulary().event_heads
    return any(
        t.text in ("of", "for", "on") and k > 0 and cur[k - 1].text in heads for k, t in enumerate(cur)
    )


#: a French or Italian article elided before a capitalised word inside a name: "d'Analyse", "l'Est"
_ELIDED = re.compile(r"[dlDL]['’][A-ZÀ-ÖØ-Þ]")


#: legal forms written in lower case after a firm's name ("Acme Resources plc"): the name's last word
_LOWER_FORMS = frozenset({"plc"})


def _in_inside(cur: list[Token], tokens: list[Token], i: int, text: str) -> bool:
    """'in' inside a body's complement before a capitalised word that is no place ("Council
    for Trade in Goods"; not "the Ministry of Mines in Ruritania")."""
    t = tokens[i]
    if t.text != "in" or i + 1 >= len(tokens) or not tokens[i + 1].cap or cur[-1].possessive:
        return False
    nxt = tokens[i + 1].text
    first_of = next((k for k, tok in enumerate(cur) if tok.text in ("of", "for") and k > 0), None)
    if first_of is not None and cur[first_of - 1].text in vocabulary().event_heads:
        return False  # "the Summit of the Americas in Lima", "Forum for Asia in Boao": where it is held
    return (
        any(tok.text in ("of", "for") for tok in cur)
        and countries().lookup(nxt) is None
        and nxt not in TIME_WORDS
        and nxt not in ("The", "A", "An")
        and text[cur[-1].end : t.start].strip() == ""
    )


_BRACKET_SHORT = re.compile(r"\s*\(\s*((?:[A-Z][\w.-]*\s){1,2}([A-Z][\w-]*))\s*\)")


#: a place between a name and its short form: " of Ndola (KMC)", " in Lusaka (\"KMC\")", " (KMC, Lusaka)"
_PLACED_SHORT = re.compile(
    r"\s+(?:of|in)\s+(?:the\s+)?(?P<place>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)"
    r"\s*\(\s*[\"“]?(?P<acr>[A-Z][A-Z0-9&-]*[A-Z0-9])[\"”]?\s*\)"
    r"|\s*\(\s*[\"“]?(?P<acr2>[A-Z][A-Z0-9&-]*[A-Z0-9])[\"”]?\s*,\s*(?P<place2>(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)\s*\)"
)


#: a short form given after the name in words: ", known as KMC,", " (known as KMC)", ", or KMC,"
_KNOWN_AS = re.compile(
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,2}[A-Z][\w'’.-]*)?\s*[,(]\s*(?:known\s+as|also\s+called|or)\s+"
    r"[\"“]?([A-Z][A-Z0-9&-]*[A-Z0-9])[\"”]?(?=\s*[,.;)])"
)


def placed_short_form(text: str, end: int, surface: str) -> tuple[int, int, str] | None:
    """A short form written after the place of the organisation named before it ("the Kestrel
    Metals Company of Ndola (KMC)", "the Zenda Survey (ZS, Lusaka)") or given in words ("the
    Kestrel Metals Company, known as KMC,"): its span and text, when
    its letters are the initials of the name's words and the place's, in order (so a bracket
    that names something else is left alone)."""
    m = _PLACED_SHORT.match(text, end)
    if m is None:
        known = _KNOWN_AS.match(text, end)
        if known is None or not _abbreviates(known.group(1), surface):
            return None
        return known.start(1), known.end(1), known.group(1)
    acr, place, group = (m.group("acr"), m.group("place"), "acr") if m.group("acr") else (
        m.group("acr2"), m.group("place2"), "acr2")
    initials = [w[0] for w in f"{surface} {place}".split() if w[:1].isupper()]
    if not _spells(acr, initials):
        return None
    return m.start(group), m.end(group), acr


def _abbreviates(short: str, name: str) -> bool:
    """The letters of ``short`` come in order from the name's words, the first from its first
    word ("NAMCO" of "National Mining Company"): the text says the two are one, this keeps a
    short form of something else out."""
    letters = [c for c in short.upper() if c.isalpha()]
    chars = name.upper()
    if len(letters) < 2 or not chars or letters[0] != chars[0]:
        return False
    k = 0
    for c in letters:
        k = chars.find(c, k)
        if k < 0:
            return False
        k += 1
    return True


def _spells(short: str, initials: list[str]) -> bool:
    """Every letter of ``short`` is the initial of a later word, the first one the first word's
    ("KMC" of "Kestrel Metals Company Ndola", not of "Ndola Metals")."""
    letters = [c for c in short if c.isalpha()]
    if len(letters) < 2 or not initials or letters[0] != initials[0]:
        return False
    k = 0
    for c in letters:
        while k < len(initials) and initials[k] != c:
            k += 1
        if k == len(initials):
            return False
        k += 1
    return True


def bracket_short_form(text: str, end: int, surface: str) -> tuple[int, int, str] | None:
    """A short form of several words in brackets after a name, ending in the name's head word
    ("Acme Export-Import Bank (Exim Bank)"): its span and text."""
    m = _BRACKET_SHORT.match(text, end)
    words = surface.split()
    if m is None or not words or m.group(2) != words[-1] or m.group(1) == surface:
        return None
    return m.start(1), m.end(1), m.group(1)


def _plural_possessive_inside(cur: list[Token], t: Token, text: str) -> bool:
    """A plural possessive inside a body's complement ("Authority for the Control of Metal
    Traders' Markets"): the name goes on past the apostrophe."""
    last = cur[-1]
    if not last.possessive or text[last.end : t.start].strip() not in ("'", "’"):
        return False
    if last.text in _MEETING_MEMBERS and _meeting_head_at(text, t):
        # "the Quad Leaders' Summit", "the Union Ministers' Meeting", "the Kestrel Ministers' Working
        # Lunch": who meets, then the meeting (its head at most two capitalised words on)
        return True
    return (
        any(tok.text in ("of", "for") for tok in cur)
        and t.text not in vocabulary().titles  # "the Ministry of Mines' Director"
    )


#: one or two capitalised words, then the capitalised word read as the head ("Working Lunch")
_HEAD_TWO_ON = re.compile(r"(?:[A-Z][\w-]*\s+){1,2}([A-Z][\w-]*)\b")


def _meeting_head_at(text: str, t: Token) -> bool:
    """An event head word at ``t`` or at most two capitalised words after it ("Working Lunch",
    "Special Summit")."""
    heads = vocabulary().event_heads
    if t.text in heads:
        return True
    run = _HEAD_TWO_ON.match(text, t.start)  # (no anchor nor look-behind: as on text[t.start:])
    return run is not None and run.group(1) in heads


#: the people a meeting is of, before its head word: "Leaders' Summit", "Ministers' Meeting"
_MEETING_MEMBERS = frozenset({"Leaders", "Ministers", "Presidents", "Governors", "Parties", "Partners", "Members"})


def _possessive_in_country(cur: list[Token], t: Token, text: str) -> bool:
    """A possessive inside a country's own name that ends a body's ("the Ministry of Trade of the
    People's Republic of Ruritania"): the name goes on past the apostrophe."""
    last = cur[-1]
    if not last.possessive or not any(tok.text == "of" for tok in cur):
        return False
    rx = countries().pattern
    return any((m := rx.match(text, tok.start)) is not None and m.end() > t.start for tok in cur[-2:])


def bracketed_place(tokens: list[Token], i: int, text: str) -> int:
    """How many tokens from the "(" at ``i`` are a place in brackets inside a company name
    ("Acme (Shenzhen) Lithium Co Ltd", "Acme Holdings (Asia) Pte Ltd"): capitalised words in
    brackets, joined to a capitalised run after them that ends in a legal form; else 0."""
    strong = vocabulary().company_strong
    close = next((k for k in range(i + 1, min(len(tokens), i + 5)) if tokens[k].text == ")"), None)
    if close is None or close == i + 1 or not all(tok.cap for tok in tokens[i + 1 : close]):
        return 0
    k = close + 1
    if k >= len(tokens) or not tokens[k].cap or text[tokens[close].end : tokens[k].start].strip():
        return 0
    while k < len(tokens) and (tokens[k].cap or tokens[k].text in ("&", "and", "of")):
        if tokens[k].text in strong:
            return close - i + 1
        k += 1
    return 0


#: a numbered session's code after a meeting's name ("Climate Conference COP31"): not its head
_SESSION_CODE = re.compile(r"[A-Z]{2,}-?\d{1,3}")


def _head_of(tokens: list[Token]) -> Token | None:
    words = [t for t in tokens if not number_in_name(t.text)]
    if len(words) > 1 and _SESSION_CODE.fullmatch(words[-1].text):
        words = words[:-1]
    return words[-1] if words else None


def _two_word_event_head(tokens: list[Token], head: Token) -> str | None:
    """A meeting's head written in two words ("Round Table"), when the word before ``head`` and
    ``head`` are one of the meeting heads of the vocabulary: the head it is."""
    at = next((i for i, t in enumerate(tokens) if t is head), 0)
    two = f"{tokens[at - 1].text} {head.text}" if at > 0 else ""
    return two if " " in two and two in vocabulary().event_heads else None


def _has_head(tokens: list[Token], weak: bool = True) -> bool:
    v = vocabulary()
    # "Board of Directors" is headed by "Board": the word before its complement
    first_of = next((i for i, t in enumerate(tokens) if t.text in ("of", "for", "on") and i > 0), None)
    head = tokens[first_of - 1] if first_of else _head_of(tokens)
    if head is None:
        return False
    return (
        head.text in v.agency_heads
        or head.text in v.company_strong
        or head.text in v.event_heads
        or _two_word_event_head(tokens, head) is not None
        or head.text in v.agreement_name_heads
        or (weak and head.text in v.company_weak)
    )


#: the heads of offices' titles that take a complement ("Minister of Mines", "Secretary of State")
_TITLE_HEADS = frozenset({"Minister", "Secretary", "Ministers"})


@lru_cache(maxsize=1)
def _complement_heads() -> frozenset[str]:
    return vocabulary().complement_heads | _TITLE_HEADS


def split_names(chunk: list[Token]) -> list[list[Token]]:
    """Split a capitalised run into names, joining across connectors only where a head allows."""
    complement = _complement_heads()
    strong = vocabulary().company_strong
    segs: list[list[Token]] = [[]]
    seps: list[list[Token]] = []
    for t in chunk:
        if t.text in CONNECTORS or t.text in ("the", "in"):
            if segs[-1]:
                seps.append([t])
                segs.append([])
            elif seps:
                seps[-1].append(t)
        else:
            segs[-1].append(t)
    segs = [s for s in segs if s]
    seps = seps[: max(len(segs) - 1, 0)]
    names: list[list[Token]] = []
    cur = segs[0]
    in_complement = False
    complement_ands = 0  # the "and"s joined into the complement: a list of portfolios has one
    fields_to = -1  # the index of the last separator of a list of fields ("Geological, Mining and ...")
    for i, (sep, seg) in enumerate(zip(seps, segs[1:], strict=True)):
        word = sep[0].text
        join = False
        if i < fields_to:
            join = True
        elif word == "in":
            join = in_complement  # "Council for Trade in Goods" (segments kept "in" only before no place)
        elif word in ("of", "for", "on") or word in ROMANCE:
            head = _head_of(cur)
            if seg[0].text in TIME_WORDS:
                pass
            elif word in ROMANCE:
                join = True
            elif word == "of" and _organ_of_firm(cur, seg):
                pass  # "the Board of Directors of Acme Metals Ltd": the firm's organ, then the firm
            elif word == "of" and _office_of_body(cur, seg):
                pass  # "Deputy Minister for Geology of the Ministry of Lands": a title, then its body
            elif in_complement and word == "of" and not _country_start(" ".join(t.text for t in seg)):
                join = True  # "Authority for the Regulation and Control of Metal Markets"
            elif (
                word == "of"
                and head is not None
                and head.text in _TITLE_HEADS
                and _has_head(seg, weak=False)
                and not _has_head(cur[:-1], weak=False)
            ):
                pass  # "Executive Secretary of the Mining Commission": an office's title, then the body it serves
            elif head is not None and head.text in complement and not head.possessive and not cur[-1].possessive:
                join, in_complement = True, True
            elif word == "on" and len(cur) > 1 and cur[-2].text == "Working" and cur[-1].text in ("Group", "Groups"):
                join, in_complement = True, True  # "the Joint Working Group on Mining": a body and its field
        elif word in ("and", "&", ","):
            later = [s[0].text for s in seps[i:]]
            if cur[-1].possessive:
                join = False
            elif word == "," and cur[-1].text in strong and all(tok.text in strong for tok in seg):
                join = True  # "Acme Energy Co., Ltd.": legal-form words after a comma belong to the name
            elif (
                in_complement
                and not _has_head(seg, weak=False)
                and not _is_country(" ".join(t.text for t in seg))
                and _national_body([t.text for t in seg]) is None  # "... and Minerals Development Ruritania"
                and not (word in ("and", "&") and complement_ands > 0)  # "of Mines and Energy and Acme"
                and not _firm_of_its_own(seg)  # "the Ministry of Mines and Acme Critical Metals"
            ):
                join = word != "," or "and" in later or "&" in later
                complement_ands += word in ("and", "&") and join
            elif (
                word != ","
                and not _has_head(cur, weak=word == "and")
                and _has_head(seg, weak=False)  # "Nexa and Andes Lithium Resources" are two names
                and not _is_country(" ".join(t.text for t in cur))
            ):
                join = True
            elif word == "and" and _portfolio_pair(cur, seg):
                join = True  # "Mines and Energy Ministry": one ministry of two portfolios
            elif word == "and" and len(sep) == 1 and _fields_before_meeting(cur, seg):
                join = True  # "Ruritania Mining and Energy Conference": one meeting of two fields
            elif word == "and" and len(sep) == 1 and _fields_before_body(cur, seg):
                join = True  # "the Ruritanian Mines and Geosciences Bureau": one body of two fields
            elif word in ("and", "&") and len(sep) == 1 and _meeting_pair(cur, seg):
                join = True  # "the Ruritania Minerals Conference & Expo 2031": one meeting of two kinds
            elif word == "&" and len(sep) == 1 and _ampersand_firm(cur, seg):
                join = True  # "Berg & Lund": a partnership's name (law firms, brokers), no list of two
            elif word == "," and _portfolio_list(cur, segs[i + 1 :], seps[i:]):
                join = True  # "Trade, Industry and Energy Ministry"
            elif word == "," and _fields_list(cur[-1:], segs[i + 1 :], seps[i:]):
                join, fields_to = True, i + 1 + next(k for k, sp in enumerate(seps[i:]) if sp[0].text == "and")
                # "the Geological, Mining and Metallurgical Institute": one body of three fields, to its head
        if join:
            cur = cur + sep + seg
        else:
            names.append(cur)
            cur = seg
            in_complement = False
            complement_ands = 0
    names.append(cur)
    return names


def _ampersand_firm(cur: list[Token], seg: list[Token]) -> bool:
    """Two headless names joined by "&" in running text ("Berg & Lund", "Rosa & Vega"): the
    ampersand joins the partners of one firm's name, where a list of two is written with "and"
    (countries excepted: "Ruritania & Freedonia" in a title are two)."""
    return not (
        _has_head(cur, weak=False)
        or _has_head(seg, weak=False)
        or _is_country(" ".join(t.text for t in cur))
        or _is_country(" ".join(t.text for t in seg))
    )


def _firm_of_its_own(seg: list[Token]) -> bool:
    """A firm's name of its own word and a firm's head ("Acme Critical Metals"), not a field
    ("Mineral Resources", "Metals"): it does not continue a body's complement."""
    v = vocabulary()
    return len(seg) >= 2 and seg[-1].text in v.company_weak and seg[0].text not in v.portfolio_words and (
        seg[0].text.lower() not in _GENERIC_FIRST
    )


def _office_of_body(cur: list[Token], seg: list[Token]) -> bool:
    """``cur`` is an office's title with its portfolio ("Deputy Minister for Geology") and
    ``seg`` opens with a public body's head ("Ministry"): the body the office belongs to is a
    name of its own, not more of the portfolio."""
    first_of = next((k for k, t in enumerate(cur) if t.text in ("of", "for") and k > 0), None)
    # past a country's word before the head: "of the Ruritanian Ministry of Mines"
    head = next((t.text for t in seg if countries().lookup(t.text) is None), "")
    return (
        first_of is not None
        and cur[first_of - 1].text in _TITLE_HEADS
        and vocabulary().agency_heads.get(head) in ("ministry", "department")
    )


def _organ_of_firm(cur: list[Token], seg: list[Token]) -> bool:
    """``cur`` is a company's governance organ ("Board", "Board of Directors") and ``seg`` a
    firm's name with its legal form or group word ("Acme Minerals Limited", "Acme Group"): the
    organ is part of the firm, so the firm is named on its own, not as an agency "Board of Acme"."""
    v = vocabulary()
    words = [t.text for t in cur if t.text != "The"]
    organ = " ".join(words)
    return (
        (organ == "Board" or organ in v.corporate_organs)
        and len(seg) >= 2
        and seg[-1].text in v.company_strong
    )


def _meeting_pair(cur: list[Token], seg: list[Token]) -> bool:
    """A meeting's head, then only another meeting's head and perhaps its year or ordinal
    ("Conference & Expo 2031", "Summit and Exhibition"): the second names no meeting of its own."""
    heads = vocabulary().event_heads
    words = [t.text for t in seg]
    return (
        len(cur) >= 2
        and cur[-1].text in heads
        and words[0] in heads
        and all(number_in_name(w) for w in words[1:])
    )


def _portfolio_pair(cur: list[Token], seg: list[Token]) -> bool:
    v = vocabulary()
    if cur and cur[0].text == "The":  # "The Mines and Energy Ministry" opening a sentence
        cur = cur[1:]
    return (
        len(cur) == 1
        and cur[0].text in v.short_forms
        and len(seg) >= 2
        and seg[-1].text in ("Ministry", "Department")
        and all(t.text in v.short_forms or t.text in v.agency_field_words for t in seg[:-1])
    )


def _fields_before_meeting(cur: list[Token], seg: list[Token]) -> bool:
    """``cur`` ends in a field word ("Mining", "Energy", a metal) and ``seg`` is a meeting's name
    ("... Mining" and "Energy Conference"): the two fields name one meeting, not a firm and a
    meeting ("Acme Mining Corp and the Lithium Forum" has its firm's legal form)."""
    v = vocabulary()
    head = _head_of(seg)
    last = cur[-1]
    return (
        head is not None
        and head.text in v.event_heads
        and len(cur) >= 1  # "the Mines and Money Conference"
        and last.text in v.company_weak
        and not last.possessive
        and all(t.text not in v.company_strong and t.text not in v.agency_heads for t in cur)
        and not _is_country(" ".join(t.text for t in cur))
    )


def _fields_before_body(cur: list[Token], seg: list[Token]) -> bool:
    """``cur`` is field words, perhaps after a country's name or adjective ("Energy", "Ruritanian
    Mines"), and ``seg`` a public body's name that opens with no country ("Water Regulatory
    Commission", "Geosciences Bureau"): one body of two fields, not a firm and a body ("Acme
    Energy and Ruritania Mining Commission" are two)."""
    v = vocabulary()
    gaz = countries()
    head = _head_of(seg)
    if head is None or head.text not in v.agency_heads or gaz.lookup(seg[0].text) or cur[-1].possessive:
        return False
    fields = [t for t in cur if not gaz.lookup(t.text) and t.text != "The"]
    return bool(fields) and all(t.text in v.agency_field_words or t.text in v.short_forms for t in fields)


def _fields_list(cur: list[Token], segs: list[list[Token]], seps: list[list[Token]]) -> bool:
    """``cur`` opens a list of fields, single words with commas, then "and" before the words a
    body's head closes: "Geological, Mining and Metallurgical Institute" (no country among them:
    "Peru, Chile and Bolivia Mining Council" lists countries)."""
    if cur and cur[0].text == "The":
        cur = cur[1:]
    fields = [cur]
    for sep, seg in zip(seps, segs, strict=False):
        if sep[0].text == "and" and len(sep) == 1:
            return (
                len(fields) >= 2
                and _has_head(seg, weak=False)
                and all(len(f) == 1 and _field_word(f[0].text) for f in fields)
                and not _is_country(seg[0].text)
            )
        if sep[0].text != "," or len(sep) != 1:
            return False
        fields.append(seg)
    return False


def _field_word(word: str) -> bool:
    """A word that names a field of work ("Mining", "Energy", "Geological", "Metallurgical"): a
    portfolio's or a weak head's word, or an adjective by its ending; no name of a firm ("Kestrel")."""
    v = vocabulary()
    return not _is_country(word) and (
        word in v.portfolio_words or word in v.company_weak or word.endswith(("al", "ic", "ical"))
    )


def _portfolio_list(cur: list[Token], segs: list[list[Token]], seps: list[list[Token]]) -> bool:
    """``cur`` opens a list of portfolios that a ministry's head closes: "Trade, Industry and
    Energy Ministry" (commas, then "and" before the last)."""
    v = vocabulary()
    if cur and cur[0].text == "The":
        cur = cur[1:]
    if len(cur) != 1 or cur[0].text not in v.short_forms or not segs:
        return False
    *middle, last = segs
    words = [s[0].text for s in seps[: len(segs)]]
    return (
        all(len(seg) == 1 and seg[0].text in v.short_forms for seg in middle)
        and words[-1] == "and"
        and all(w == "," for w in words[:-1])
        and _portfolio_pair(middle[-1] if middle else cur, last)
    )


#: a name's words -> its (label, kind) or None (:func:`classify` reads nothing else: the same words
#: recur through an article and a build's articles)
_CLASSIFIED: dict[tuple[str, ...], tuple[str, str] | None] = {}


def classify(tokens: list[Token], text: str) -> tuple[str, str] | None:
    """(label, kind) for a name by its head word, or None for a headless name: worked out once
    for each sequence of words (:func:`_classify` reads the tokens' words alone, and the words of
    one text's tokens stand at distinct offsets)."""
    key = tuple([t.text for t in tokens])
    try:
        return _CLASSIFIED[key]
    except KeyError:
        pass
    if len(_CLASSIFIED) > 200_000:
        _CLASSIFIED.clear()  # a long-running process meets ever more names: start again
    got = _CLASSIFIED[key] = _classify(tokens)
    return got


def _classify(tokens: list[Token]) -> tuple[str, str] | None:
    """(label, kind) for a name by its head word, or None for a headless name (of the tokens'
    words alone)."""
    v = vocabulary()
    gaz = countries()
    first_of = next((i for i, t in enumerate(tokens) if t.text in ("of", "for", "on") and i > 0), None)
    head = tokens[first_of - 1] if first_of else _head_of(tokens)
    if head is None:
        return None
    h = head.text
    if h in ("Minister", "Secretary", "Ministers"):
        return ("Title", "minister")
    if (
        len(tokens) >= 2
        and tokens[0].text in v.company_prefix_forms
        and any(t.cap for t in tokens[1:])  # "Compagnie des Mines de Acme"
        and h not in v.agency_heads
    ):
        return ("Company", "company")  # "LLP Acme Katpar", "PT Acme Nikel": a legal form before the name
    if (
        len(tokens) >= 2
        and tokens[0].text in v.agency_prefix_forms
        and any(t.cap for t in tokens[1:])
        and h not in v.company_strong
    ):
        return ("Agency", "agency")  # "Cámara de Proveedores de Acme": a body's head opens its name
    if h in v.event_heads:
        return ("Event", v.event_heads[h])
    two = _two_word_event_head(tokens, head)
    if two is not None:
        return ("Event", v.event_heads[two])  # "the Kestrel Raw Materials Round Table"
    if h in v.agreement_name_heads:
        return ("Agreement", v.agreement_name_heads[h])
    if h in v.agency_heads:
        if h == "Union" and len(tokens) < 2:
            return None
        return ("Agency", v.agency_heads[h])
    if h in v.company_strong:
        if len(tokens) >= 2 and _PUBLIC_FINANCE.search(" ".join(t.text for t in tokens)):
            return ("Agency", "agency")  # "International Development Finance Corporation" is a state lender
        at = tokens.index(head)
        if h == "Group" and at > 0 and tokens[at - 1].text in v.body_group_words:
            return ("Agency", "agency")  # "the Lakeland Minerals Working Group" deliberates: a body, not a firm
        return ("Company", "company") if len(tokens) >= 2 else None
    words = [t.text for t in tokens]
    if (
        h in v.company_weak
        and len(words) >= 2
        and words[0] not in v.titles  # "Vice President Exploration" is a title
        and words[0].lower() not in _GENERIC_FIRST
        and (
            (not gaz.pattern.match(words[0]) and (words[0] not in v.person_stopwords or words[0] in _COMPASS))
            or _country_firm(words)  # "Northern Metals", "Ruritania Nuclear Energy"
        )
    ):
        return ("Company", "company")
    national = _national_body(words)
    if national is not None:
        return national
    # "Geoscience Australia": a field word plus a country names a national body
    last = tokens[-1].text
    if (
        len(tokens) == 2
        and not _is_country(" ".join(t.text for t in tokens))
        and gaz.surfaces.get(last, ("", ""))[1] == "name"
        and tokens[0].text not in v.person_stopwords
        and tokens[0].text not in v.titles
        and not gaz.lookup(tokens[0].text)
        and tokens[0].text.lower() not in _GENERIC_FIRST
        and tokens[0].text[1:].islower()
    ):
        return ("Agency", "agency")
    return None


def _country_firm(words: list[str]) -> bool:
    """'Ruritania Nuclear Energy', 'Ruritania Consolidated Copper Mines': a country's name, a word
    of its own and a weak head name a (often state) firm; 'Ruritania Copper Mines' or 'Ruritania
    Critical Minerals' may be the country's trade in a mineral."""
    m = countries().pattern.match(" ".join(words))
    if m is None or m.end() == 0:
        return False
    rest = " ".join(words)[m.end() :].split()
    v = vocabulary()
    return (
        len(rest) >= 2
        and all(w[:1].isupper() for w in rest)
        and rest[0] not in v.company_weak
        and rest[0].lower() not in _GENERIC_FIRST
        and minerals().lookup(rest[0].lower()) is None
    )


def _national_body(words: list[str]) -> tuple[str, str] | None:
    """'Natural Resources Norway', 'Export Development Ruritania' (field words, then a country)
    and 'Ruritania Export Finance' (a country, then an export-credit designation) name a
    national public body."""
    v = vocabulary()
    gaz = countries()
    n = len(words)
    for k in (1, 2, 3):
        if n - k < 1:
            break
        if gaz.surfaces.get(" ".join(words[n - k :]), ("", ""))[1] == "name":
            if n - k >= 2 and words[n - k - 1] in v.agency_heads and words[0] not in v.titles:
                # "Minerals Council Ruritania", "Geological Survey Ruritania": a body's name, then its country
                return ("Agency", v.agency_heads[words[n - k - 1]])
            field_words = words[: n - k]
            if (
                1 <= len(field_words) <= 3
                and (len(field_words) >= 2 or field_words[0] in ("Geoscience", "Geology", "Invest"))
                and all(w in v.agency_field_words for w in field_words)
                and any(w not in v.company_weak for w in field_words)
            ):
                return ("Agency", "agency")
        if gaz.surfaces.get(" ".join(words[:k]), ("", ""))[1] in ("name", "demonym"):
            if " ".join(words[k:]) in v.export_finance_tails:
                return ("Agency", "agency")
    return None


def trim_name(tokens: list[Token]) -> list[Token]:
    """Drop leading function words, titles and ordinals that are not part of a name."""
    v = vocabulary()
    while (
        tokens
        and (
            tokens[0].text in v.person_stopwords
            and tokens[0].text not in v.agency_heads
            and not countries().lookup(tokens[0].text)
        )
        and len(tokens) > 1
        and tokens[0].text not in _TRIM_KEEP
    ):
        tokens = tokens[1:]
    while (
        tokens
        and (
            tokens[0].text.lower() in ("state-owned", "state-run", "state-controlled", "government-owned")
            or LED_BY.search(tokens[0].text)
        )
        and len(tokens) > 1
    ):
        tokens = tokens[1:]
    while (
        tokens
        and tokens[0].text in ("The", "the", "Courtesy", "According", "In", "At", "With", "From", "By", "For", "On")
        and len(tokens) > 1
    ):
        tokens = tokens[1:]
    # "Abu Dhabi-listed Acme Holdings": a place's compound adjective before the name
    cut = next((i for i, tok in enumerate(tokens[:-1]) if "-" in tok.text and LED_BY.search(tok.text)), None)
    if cut is not None and tokens[cut + 1].cap:
        tokens = tokens[cut + 1 :]
    # "Former Acme Metals executive ...": a word dating a title opens no name
    if len(tokens) > 1 and tokens[0].text in _TITLE_TIME_WORDS and tokens[1].cap:
        tokens = tokens[1:]
    # "Carmaker Acme said", "Regulator Acme": a descriptive noun capitalised at the start of a sentence
    if len(tokens) > 1 and is_kind_word(tokens[0].text) and tokens[1].cap:
        tokens = tokens[1:]
    # "the 2021 Acme Commission report": a year opens only an event's or an agreement's name
    if len(tokens) > 1 and YEAR.fullmatch(tokens[0].text) and tokens[1].cap:
        rest = classify(tokens[1:], "")
        if rest is not None and rest[0] in ("Agency", "Company"):
            tokens = tokens[1:]
    return tokens


def is_kind_word(word: str) -> bool:
    """``word`` says what kind of firm or body something is ("Miner", "Regulator", and any "-maker": "Drugmaker",
    "Toolmaker"), so it opens no name when capitalised at a sentence's start."""
    low = word.lower()
    return low in _descriptors() or low.endswith(("maker", "makers"))


@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Words that end an organisation's name ("Energy", "Group", "Ministry")."""
    v = vocabulary()
    return frozenset(v.agency_heads) | v.company_strong | v.company_weak


@lru_cache(maxsize=1)
def _descriptors() -> frozenset[str]:
    """Lowercase nouns that describe an organisation ("miner", "carmaker", "regulator"), from the
    company and agency cues; collective ones that open names ("Group", "Holdings") are left out."""
    v = vocabulary()
    words = {w for w in v.company_cues | v.agency_cues if " " not in w}
    return frozenset(words - {"group", "holding", "holdings", "house", "giant", "utility", "enterprises"})


#: words that date a title ("Former", "Outgoing") and begin no organisation's name
_TITLE_TIME_WORDS = frozenset({"Former", "Outgoing", "Incoming", "Then", "Ex"})


#: first words that stay part of a name although they are person stopwords
_TRIM_KEEP = frozenset(
    "International Africa Asia Europe America National Global Critical African Asian European Central "
    "Mineral Minerals Energy Trade Industry Investment Development Security Supply Cooperation Strategy State "
    "Korea China Western Eastern Northern Southern North South East West Middle Pacific Atlantic Arctic Latin "
    "Gulf".split()
)


#: a compound adjective of a place or a body: "Ruritania-based", "state-run", "Chinese-controlled"
LED_BY = re.compile(
    r"-(?:led|backed|funded|financed|based|owned|controlled|listed|run|operated|headquartered|registered|made)$"
)
