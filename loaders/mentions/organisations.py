"""Organisations named from reference data or a fixed shape: the listed larger companies
and public lenders, and ministries named by portfolio ("the ministries of Mines and
Finance", "Ruritania's economy ministry").
"""

from __future__ import annotations

import re

from minegraph.loaders.gazetteer import countries, known_organisations, norm_key, vocabulary
from minegraph.loaders.mentions.names import (
    bracket_short_form,
    bracketed_place,
    called_agency,
    classify,
    placed_short_form,
)
from minegraph.loaders.mentions.places import place_patterns
from minegraph.loaders.mentions.scan import Mention, Scan, inner_countries
from minegraph.loaders.mentions.table import TITLE_MODIFIERS, patterns
from minegraph.loaders.mentions.tokens import TIME_WORDS, Token, tokenize


def step_known_organisations(scan: Scan) -> None:
    """Larger companies and public lenders named bare ("Glencore", "the London Metal
    Exchange"), from the reference list: a dict lookup on the token n-grams that start at a
    capitalised word, longest first.  A match must be a whole name (no capitalised word
    joined to either side), so "Ford" in "Gerald Ford" is not the carmaker."""
    ref = known_organisations()
    tokens = scan.tokens
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        first = tok.text[0]
        if not (first.isupper() or first.isdigit()):  # most tokens: one cheap test
            i += 1
            continue
        hit = None
        if tok.text.casefold() in ref.first_words:
            # a name runs over capitalised words and a few connectors, never over other lowercase words
            end = i + 1
            while end < min(len(tokens), i + ref.max_tokens) and (
                tokens[end].cap or tokens[end].text in _ORG_CONNECTORS or not tokens[end].text[:1].isalpha()
            ):
                if tokens[end - 1].possessive or tokens[end].text in "();:":
                    break
                end += 1
            for j in range(end - 1, i, -1):
                if not tokens[j].text[:1].isalnum():
                    continue
                org = ref.lookup_words([t.text for t in tokens[i : j + 1]])
                if org is not None:
                    hit = (j, org)
                    break
        if hit is None and tok.text in ref.words:
            hit = (i, ref.words[tok.text])
        if hit is not None:
            hit = (_legal_form_end(scan, hit[0]), hit[1])  # "PT Acme Tbk", "Acme Mining Ltd."
        if hit is None or not _whole_name(scan, i, hit[0]):
            i += 1
            continue
        j, org = hit
        s, e = tok.start, tokens[j].end
        if scan.free(s, e):
            _known_org_mention(scan, org, s, e)
        i = j + 1


#: lowercase words inside organisation names ("Bank of China", "Générale des Carrières et des Mines")
_ORG_CONNECTORS = frozenset(
    {"of", "for", "and", "on", "the", "de", "des", "du", "del", "la", "et", "e", "y", "&", "plc"}
)


def _legal_form_end(scan: Scan, j: int) -> int:
    """The last token of a name at ``j`` followed by legal-form words ("Ltd", "Tbk", "plc")."""
    strong = vocabulary().company_strong
    tokens = scan.tokens
    while j + 1 < len(tokens) and not tokens[j].possessive:
        k = j + 2 if tokens[j + 1].text == "," and j + 2 < len(tokens) else j + 1  # "Acme & Co., Ltd."
        if tokens[k].text not in strong or scan.text[tokens[j].end : tokens[k].start].strip(" ,"):
            break
        j = k
    return j


#: "the" right before a name: with an asset's word after the name ("the X mine") it is the asset's
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def _whole_name(scan: Scan, i: int, j: int) -> bool:
    """Tokens i..j are a name of their own: no capitalised word joined before or after
    (the sentence-initial "The", a possessive or a title may touch it)."""
    v = vocabulary()
    tokens, text = scan.tokens, scan.text
    if scan.heading:
        return True  # a title-case line capitalises every word
    if i > 0:
        prev = tokens[i - 1]
        joined = text[prev.end : tokens[i].start].strip() == ""
        if prev.text == "(" and i == j:
            return False  # an acronym being defined, or a ticker
        if (
            joined
            and prev.cap
            and not prev.possessive
            and prev.text not in v.person_stopwords
            and not countries().lookup(prev.text)
        ):
            return False
    if j + 1 < len(tokens) and not tokens[j].possessive:
        nxt = tokens[j + 1]
        joined = text[tokens[j].end : nxt.start].strip() == ""
        if (
            joined
            and nxt.cap
            and not _title_follows(tokens, j + 1)
            and nxt.text not in TIME_WORDS
            and nxt.text[:1].isalpha()
        ):
            return False
        if nxt.text == "(" and bracketed_place(tokens, j + 1, text):
            return False  # "Acme (Shenzhen) Lithium Co Ltd" is a longer name
    after = text[tokens[j].end :]
    # the anchored test first: the other reads the whole text before the name
    if place_patterns().asset_after.match(after) and _THE_BEFORE.search(text[: tokens[i].start]):
        return False
    return True


def _title_follows(tokens: list[Token], k: int) -> bool:
    """The capitalised words from ``k`` on are a title ("Acme CEO", "Acme Deputy Chairman"), not
    the rest of a longer name: a portfolio word alone ("Acme Energy Co.") does not make one."""
    v = vocabulary()
    while k < len(tokens) and tokens[k].cap:
        if tokens[k].text in v.titles and tokens[k].text not in TITLE_MODIFIERS:
            return True
        if tokens[k].text not in TITLE_MODIFIERS:
            return False
        k += 1
    return False


def _known_org_mention(scan: Scan, org, s: int, e: int) -> None:
    """Every mention of a listed organisation carries its reference name, so "Acme Group"
    and a later "Acme" are one entity; the text's own form is kept as an alias (an agency
    keeps a longer form as written: its alias slot is for acronyms)."""
    text = scan.text
    surface = text[s:e]
    kind = "company"
    label = org.label
    if org.state_owned and label == "Company" and called_agency(text, s, e):
        label, kind = "Agency", "agency"  # a state firm the text calls a public agency is one first
    if label == "Agency" and org.label == "Agency":
        cls = classify(tokenize(org.name), org.name)
        kind = cls[1] if cls is not None and cls[0] == "Agency" else ("agency" if org.country else "intergovernmental")
    acronym_form = surface.isupper() and " " not in surface
    name = org.name if org.label == "Company" or acronym_form else surface
    inner = [
        (a, b, iso)
        for a, b, iso in inner_countries(surface, s, ("name", "demonym"))
        if _inner_country_holds(org, iso, text[a:b])
    ]
    men = scan.add(
        Mention(
            label,
            name,
            s,
            e,
            kind=kind,
            possessive=scan.possessive_at(e),
            name_countries=[iso for _, _, iso in inner],
            props={"state_owned": True} if org.state_owned else {},
        )
    )
    acr = patterns().acronym_def.match(text[e:])
    if acr and acr.group(1) not in vocabulary().agreement_kinds and norm_key(acr.group(1)) != norm_key(surface):
        men.acronym = acr.group(1)
    elif (placed := placed_short_form(text, e, surface)) is not None:
        men.acronym = placed[2]  # "Acme Mining of Lusaka (AML)"
    elif surface != name:
        men.acronym = surface
    short = bracket_short_form(text, e, surface)
    if short is not None and scan.free(short[0], short[1]):
        # "the Ruritanian Export-Import Bank (Exim Bank)": the short form names the same body
        scan.add(Mention(label, name, short[0], short[1], kind=kind, acronym=short[2]))
    scan.add_inner_countries(inner)


def _inner_country_holds(org, iso: str, word: str) -> bool:
    """A country written inside a listed organisation's name is its country only when the
    reference list agrees: "Anglo American" is a British miner and the "Inter-American"
    bank serves a continent, while "Korea Zinc" is Korean (a listed name whose country is
    not known keeps a country's name, not an adjective)."""
    if org.country:
        return iso == org.country
    return countries().lookup(word) != (iso, "demonym")


#: "the ministries of Mines, Finance and Budget", "Ruritanian ministries, including Trade and Industry, Mines,
#: and Finance": each portfolio in the list is a ministry of its own
MINISTRY_LIST = re.compile(
    r"(?:\b(?P<country>[A-Z][\w’'-]*?)(?:['’]s)?\s+)?\bministries\s*,?\s+(?:of|for|including|such\s+as|namely|like)\s+"
    r"(?:the\s+)?(?P<items>[A-Z][\w’'-]*(?:(?:,?\s+and\s+|,\s+|\s+&\s+|\s+)[A-Z][\w’'-]*)*)"
)


#: a ministry named in lowercase by its portfolio: "the economy ministry", "Ruritania's mining ministry"
LOWER_MINISTRY = re.compile(
    r"(?<![\w-])(foreign|economy|finance|trade|industry|energy|mines|mining|commerce|environment|defen[cs]e|"
    r"interior|justice|health|education|agriculture|budget|infrastructure|transport|planning|labou?r)\s+ministry\b"
)


_ITEM_BREAK = re.compile(r",\s+(?:and\s+)?|$")
_AND_SPACED = re.compile(r"\s+and\s+")
_COMMA_AND = re.compile(r",\s+and\s")


def ministry_list_items(items: str) -> list[tuple[int, int]]:
    """(start, end) of each portfolio in a list: commas separate items; "and" separates
    the last two only when the list has no serial comma ("Mines, Finance and Budget")."""
    parts: list[tuple[int, int]] = []
    pos = 0
    for m in _ITEM_BREAK.finditer(items):
        parts.append((pos, m.start()))
        pos = m.end()
    parts = [(a, b) for a, b in parts if b > a]
    if parts and not _COMMA_AND.search(items):
        a, b = parts[-1]
        last = _AND_SPACED.search(items[a:b])
        if last and len(parts) > 1:
            parts[-1:] = [(a, a + last.start()), (a + last.end(), b)]
    return parts


_BEFORE_MINISTRY = re.compile(r"(?:\b([Tt]he)|([A-Z][\w-]*)|['’]s)\s+$")


def step_ministries(scan: Scan) -> None:
    """Ministries listed by portfolio after "ministries", and ministries named in lowercase."""
    gaz = countries()
    text = scan.text
    if "ministr" not in text:
        return  # the common case: a plain substring test before any regex
    for m in MINISTRY_LIST.finditer(text):
        where = gaz.lookup(m.group("country") or "")
        base = m.start("items")
        for a, b in ministry_list_items(m.group("items")):
            s, e = base + a, base + b
            if scan.free(s, e):
                scan.add(
                    Mention(
                        "Agency",
                        f"Ministry of {text[s:e]}",
                        s,
                        e,
                        kind="ministry",
                        name_countries=[where[0]] if where else [],
                    )
                )
    for m in LOWER_MINISTRY.finditer(text):
        # only with its country marked ("Ruritania's / the country's / the Ruritanian economy ministry")
        # or as the one such ministry of the article ("the mines ministry")
        before = _BEFORE_MINISTRY.search(text[: m.start()])
        marked = before is not None and (before.group(2) is None or gaz.lookup(before.group(2)) is not None)
        if marked and scan.free(m.start(), m.end()):
            # "the Gabonese mines ministry": the country's word before it names the ministry's state,
            # as in "the Gabonese Ministry of Mines" (a possessive is read later, as for a capitalised
            # ministry: "Gabon's Ministry of Mines")
            owner = gaz.lookup(before.group(2)) if before is not None and before.group(2) else None
            scan.add(
                Mention(
                    "Agency",
                    f"{m.group(1).capitalize()} Ministry",
                    m.start(),
                    m.end(),
                    kind="ministry",
                    name_countries=[owner[0]] if owner is not None and owner[1] in ("name", "demonym") else [],
                )
            )


#: the legal forms written as abbreviations, before or after a quoted firm's name
_QUOTED_FORMS = r"(?:JSC|OJSC|PJSC|CJSC|LLP|LLC|TOO|OOO|PAO|OAO|ZAO|AO|Ltd\.?|SA|AG|GmbH|PT)"
#: a firm's name in quotes with its legal form outside them (the register style of the CIS and Central Asia):
#: 'JSC "Acme Rare Metals"', '"Acme Subsoil" JSC', 'LLP "Acme Katpar"'
QUOTED_FIRM = re.compile(
    rf"(?:\b(?P<pre>{_QUOTED_FORMS})\s+)?[\"“](?P<name>[A-Z][^\"“”]{{1,60}}?)[\"”](?:\s+(?P<post>{_QUOTED_FORMS})\b)?"
)


def step_quoted_firms(scan: Scan) -> None:
    """A quoted name with a legal form just before or after the quotes is a firm: named by the
    words in quotes (with a legal form that follows them, as the register writes it), the form
    before them kept as an alias ('JSC "Acme"')."""
    text = scan.text
    if '"' not in text and "“" not in text:
        return  # the common case: no quotes, no regex
    for m in QUOTED_FIRM.finditer(text):
        if not (m.group("pre") or m.group("post")) or not scan.free(m.start(), m.end()):
            continue
        inside = m.group("name").strip()
        if len(inside.split()) > 6 or not all(w[:1].isupper() or w in _ORG_CONNECTORS for w in inside.split()):
            continue  # a quoted phrase, not a name
        name = f"{inside} {m.group('post')}" if m.group("post") else inside
        end = m.end()
        men = scan.add(Mention("Company", name, m.start(), end, kind="company", possessive=scan.possessive_at(end)))
        if m.group("pre"):
            men.props["aliases"] = [f"{m.group('pre')} {inside}"]

