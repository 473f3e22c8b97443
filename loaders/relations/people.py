"""Who works for whom: WORKS_FOR from titles before or after a person's name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from minegraph.loaders.gazetteer import countries, vocabulary
from minegraph.loaders.mentions import Mention, SentenceMentions
from minegraph.loaders.relations import patterns as P
from minegraph.loaders.relations.context import DocContext, Out, is_descriptor, step, titles_person
from minegraph.loaders.relations.patterns import ends_with
from minegraph.loaders.relations.patterns import vocab_patterns as vp
from minegraph.loaders.sentences import Sentence

#: after a ministry's name, more of the same name ("... of Energy of Ruritania"), not another body
_NAME_GOES_ON = re.compile(r"\s+(?!and\b|&)")


#: the forms of a title :func:`_ministry_for_title` reads (compiled once): "Minister (of State) of/for X",
#: "Mines Minister", "Secretary of X", "Secretary for X", "... Commissioner", and a capitalised word
_MINISTER_OF = re.compile(r"Minister\s+(?:of\s+State\s+)?(?:of|for)\s+(.+)$")
_WORD_MINISTER = re.compile(r"\b([A-Z][a-z]+)\s+Minister\b")
#: a title that names its own body or place ("Minister of ...", "Head for ...", "Envoy at ...")
_OWNER_WORD = re.compile(r"\b(?:of|for|at)\b")
_SECRETARY_OF = re.compile(r"\bSecretary\s+of\s+(.+)$")
_SECRETARY_FOR = re.compile(r"\bSecretary\s+(?:of|for)\s+(?!State\b)(.+)$")
_COMMISSIONER = re.compile(r"^(.*)\b[Cc]ommissioner\b")
_CAPITALISED = re.compile(r"\b[A-Z][\w-]*")


def _ministry_for_title(ctx: DocContext, title: str) -> str | None:
    """'Vice Minister of Trade, Industry and Energy' / 'Foreign Minister' -> that ministry, if named."""
    short = vocabulary().short_forms
    m = _MINISTER_OF.search(title)
    cands = []
    portfolio = ""
    if m:
        # "Minister of State for Mines", "Minister of Mines of the Republic of Ruritania": the portfolio
        portfolio = _PORTFOLIO_END.sub("", m.group(1)).strip(" ,")
        cands.append(f"Ministry of {portfolio}")
    m = _WORD_MINISTER.search(title)
    if m and m.group(1) in short:
        cands.append(f"Ministry of {short[m.group(1)]}")
    # "Mines and Mining Development Minister": the portfolio written before the title
    m = _PORTFOLIO_BEFORE.search(title)
    if m:
        # "Ruritanian Industry, Trade and Transport Minister": the portfolio from each of its words on,
        # longest first (a demonym or an owner read before it is no part of it)
        words = m.group(1)
        cands += [f"Ministry of {words[w.start() :]}" for w in _PORTFOLIO_WORD.finditer(words)]
    m = _SECRETARY_OF.search(title)
    if m:
        cands.append(f"Department of {m.group(1).strip()}")
    # "Permanent Secretary for Mines": the civil servant of the ministry the portfolio names
    m = _SECRETARY_FOR.search(title)
    if m:
        cands.append(f"Ministry of {_PORTFOLIO_END.sub('', m.group(1)).strip(' ,')}")
    m = _COMMISSIONER.search(title)
    if m:  # "European Commissioner for ...", "the European industry commissioner" -> the European Commission
        words = [w for w in _CAPITALISED.findall(m.group(1)) if w != "The"]
        cands.append(" ".join([*words, "Commission"]))
        if words == ["European"]:  # with no Commission named, the Union it is the executive of
            cands.append("European Union")
    for cand in cands:
        e = ctx.registry.find("Agency", cand)
        if e is not None:
            return e.key
        for e in ctx.registry.entities.values():
            # "Minister of Energy" -> "Ministry of Energy of Mongolia", not "Ministry of Energy and X"
            # (the name read on after the candidate: no pattern compiled for each candidate)
            if e.label == "Agency" and e.name.startswith(cand) and _NAME_GOES_ON.match(e.name, len(cand)):
                return e.key
    if portfolio:  # "Minister of Natural Resources" heads "Natural Resources Ruritania" (Commonwealth naming)
        for e in ctx.registry.entities.values():
            rest = e.name[len(portfolio) + 1 :]
            if e.label == "Agency" and e.name.startswith(portfolio + " ") and countries().lookup(rest):
                return e.key
    return None


#: a portfolio of two or more capitalised words before "Minister" ("Mines and Mining Development Minister")
_PORTFOLIO_BEFORE = re.compile(r"\b([A-Z][a-z]+(?:,?\s+(?:and\s+)?[A-Z][a-z]+)+)\s+Minister\b")
#: where a portfolio's next word starts (after its start, a comma or "and")
_PORTFOLIO_WORD = re.compile(r"(?:^|(?<=\s))(?!and\b)[A-Z]")
#: capitalised words and "and" right before a title read ("Mines and " before "Mining Minister")
_PORTFOLIO_AND = re.compile(r"(?<![\w'’])(?:[A-Z][a-z]+,?\s+)+(?:and|&)\s+$")
#: where a minister's portfolio ends: "... of the Republic of Ruritania", "... for Mining Affairs", "... (MMR)", ", and"
_PORTFOLIO_END = re.compile(r"\s+(?:of|in|for)\s+.*$|\s*\(.*$|,\s*$")


#: forms of address between a title and a name, one or several ("the Honourable", "H.E. Mr.",
#: "Dr.", "Eng.", "Sir", "Sheikh", "Shri", "Datuk Seri"): neither the name nor the title
_ADDRESS_FORM = (
    r"(?:[Tt]he\s+)?(?:Right\s+|Rt\.?\s+)?(?:Honou?rable|Hon\.?)|(?:His|Her)\s+(?:Excellency|Highness)|H\.\s?E\."
    r"|Mrs?\.?|Ms\.?|Mme\.?|Dr\.?|Prof\.?|Eng\.|Engr\.?|Sir|Dame|Sheikh(?:a)?|Shri|Sri|Smt\.?|Shrimati"
    r"|Tan\s+Sri|Datuk(?:\s+Seri)?|Dato['’]?(?:\s+Sri)?|Pak|Bu|Ibu|Dkt\."
)
_FORM_OF_ADDRESS = re.compile(rf"(?<![\w.])(?:(?:{_ADDRESS_FORM})\s+)+$")
_ADDRESS_END = re.compile(rf"(?:\s+(?:{_ADDRESS_FORM}))+$")


#: "<title> of the" before an organisation that stands right before a name
_TITLE_OF = re.compile(r"([a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s+(?:of|at|for|from)\s+(?:the\s+)?$")
#: "<organisation>, headed by (Minister)" before a name
_HEADED_BY = re.compile(r"^\)?,?\s+(?:which\s+is\s+)?(?:headed|led|chaired|run)\s+by\s+(?:[A-Z][\w.-]*\s+){0,3}?$")


_OF_COUNTRY = re.compile(r"\s+(?:of|in)\s+(?:the\s+)?")
_OF_COUNTRY_HEAD = re.compile(r"^\s+(?:of|in)\s+(?:the\s+)?(?:[A-Z][\w.-]*\s*){1,4}(?=,)")


#: a preposition right before a country: what the sentence acts on ("tariffs on", "pressure from")
_ACTED_ON = re.compile(r"\b(?:on|against|from|into|towards?|over|with)\s+(?:the\s+)?$")


#: a title held in the article's own government
_GOVERNMENTS = re.compile(r"\b(?:[a-z][\w-]*\s+){0,4}(?:of|in|for)\s+the\s+government(?:['’]s)?\b")
#: "a visit to X", "in X", "visiting X": a country the person is in, not theirs
_VISITED = re.compile(
    r"\b(?:visit(?:ing|ed|s)?|visits?\s+to|trip\s+to|tour\s+(?:of|to)|activities\s+in|arrived\s+in|arrival\s+in)\s+"
    r"(?:the\s+)?$"
)


def _employer_just_before(ctx: DocContext, sm: SentenceMentions, idx: int, text: str) -> tuple[str | None, str]:
    """An organisation named right before a person, with a title before it or 'headed by' after it."""
    p = sm.mentions[idx]
    before = [o for o in sm.mentions[:idx] if o.entity and not o.inner and o.end <= p.start]
    if (
        len(before) >= 2
        and before[-1].label == "Country"
        and _OF_COUNTRY.fullmatch(text[before[-2].end : before[-1].start])
    ):
        before.pop()  # "the Ministry of Mines of Ruritania, headed by ..."
    org = before[-1] if before else None
    if org is None or org.label not in ("Agency", "Company"):
        return None, ""
    gap = text[org.end : p.start]
    if not gap.strip():
        lead = _TITLE_OF.search(text, max(0, org.start - 60), org.start)
        if lead and vp().title_word.search(lead.group(1)):
            return org.entity, text[lead.start(1) : org.end]
    elif _HEADED_BY.match(_OF_COUNTRY_HEAD.sub("", gap, count=1)):
        return org.entity, ""
    return None, ""


@dataclass
class Employment:
    """What one sentence says about a person's employer: the person's mention (its index among
    the sentence's mentions), the employer found so far and the title read."""

    ctx: DocContext
    text: str
    sm: SentenceMentions
    idx: int
    out: Out
    target: str | None = None
    title: str = ""
    #: where the title before the name ends: the name's start, or a form of address's before it
    named_at: int = -1

    @property
    def person(self) -> Mention:
        return self.sm.mentions[self.idx]


# --- role fillers: each reads the sentence around the person and fills the employer (and the
# title) when the fillers before it (what it reads) left it empty ---------------------------------


@step(writes=("employer:org_after_name",))
def org_after_name(e: Employment) -> None:
    """'Jane Doe from the Ministry of Mines', 'John Roe of Acme Corp', 'John Roe (Acme Corp)'."""
    p, ms = e.person, e.sm.mentions
    bracket = _BRACKET_OPEN.match(e.text, p.end)
    if bracket:  # "said John Roe (Acme Corp)": the organisation alone in brackets after the name
        org = next((o for o in ms if o.start == bracket.end() and o.label in ("Agency", "Company")), None)
        if org is not None and _closes(e.text, org.end):
            e.target = org.entity
            return
    frm = _FROM_ORG.match(e.text, p.end)
    if frm:
        org = next((o for o in ms if o.start == frm.end() and o.label in ("Agency", "Company")), None)
        if org is not None:
            e.target = org.entity
            return
        # "envoys A of Chile, B of Norway", "President C of Peru and ...": the country after the name
        country = next(
            (o for o in ms if o.start == frm.end() and o.label == "Country" and o.entity and o.kind == "name"), None
        )
        if country is not None and _NAME_ENDS.match(e.text, country.end):
            e.target = country.entity


_BRACKET_OPEN = re.compile(r"\s*\(\s*")
_BRACKET_CLOSE = re.compile(r"\s*\)")


def _closes(text: str, pos: int) -> bool:
    """A closing bracket right after ``pos``."""
    return _BRACKET_CLOSE.match(text, pos) is not None


@step(reads=("employer:org_after_name",), writes=("employer:appositive_title",))
def appositive_title(e: Employment) -> None:
    """', director of the X', ', Ruritania's minister', ', the X Bank's head of mining' after the name."""
    p, ms, text = e.person, e.sm.mentions, e.text
    tail = text[p.end : p.end + 260]
    # ", the minister of ...", else "... has been Ruritania's Minister of Mines": a title the verb after
    # the name gives (what a profile says of its subject, the name opening the sentence)
    ap = _APPOSITIVE.match(tail) or _PREDICATE.match(tail)
    if ap is None or e.target is not None:
        return
    ap_text = ap.group(1)
    a0, a1 = p.end + ap.start(1), p.end + ap.end(1)
    rel = _WHO_SERVES.match(ap_text)
    if rel:  # ", who has served as Acme's finance director": the title after the relative's verb
        ap_text, a0 = ap_text[rel.end() :], a0 + rel.end()
    heads = _WHO_HEADS.match(ap_text) if rel is None else None
    if heads:  # ", who heads the Acme Institute", ", who leads Ruritania's mining ministry": the verb is the title
        ap_text, a0 = ap_text[heads.end() :], a0 + heads.end()
    nxt = next((o for o in ms if o.label == "Person" and a0 <= o.start < a1), None)
    if nxt is None and _ADDRESS_END.search(text, a0, a1):
        # ", CEO of the Acme Institute Dr. B": the words after the comma are the title of the next
        # person, addressed right after them, not this one's
        addressed = next((o for o in ms if o.start >= a1), None)
        if addressed is not None and addressed.label == "Person" and addressed.start - a1 <= 3:
            return
    if nxt is not None:
        # ", President of Ruritania and Freedonia's President B": the appositive ends at "and"
        # before the next person's title; with no "and" it is that person's title (", Peru's Minister X");
        # an "and" inside a name ("Institute of Geoscience and Mineral Resources") ends nothing
        cut = text.rfind(" and ", a0, nxt.start)
        while cut > a0 and any(o.start <= cut < o.end for o in ms):
            cut = text.rfind(" and ", a0, cut)
        if cut <= a0:
            return
        ap_text, a1 = text[a0:cut], cut
    if heads:
        _headed_body(e, heads.group(1), a0, a0 + len(ap_text))
        return
    if ap_text[:1].isupper() and _title_stands_before(e):
        return
    tw = vp().title_word.search(ap_text)
    if tw is None and not _NEXT_CONJUNCT.match(ap_text) and (role := _ROLE_AT.match(ap_text)) is not None:
        _role_at(e, role, ap_text, a0)
        return
    if tw is None or _NEXT_CONJUNCT.match(ap_text) or len(_LOWER_WORD.findall(ap_text, 0, tw.start())) > 2:
        # ", and the Minister of X": the next person's title; ", received a delegation led by the
        # chairman of X": a clause, whose title is someone else's
        return
    e.title = ap_text
    _employer_in_title(e, ap_text, a0, a0 + len(ap_text))
    if e.target is None:  # ", the bank's managing director": the bank the sentence named first
        _owner_by_reference(e, a0)
    if e.target is None:
        # "Jane Doe, Partner, Acme Legal.": the organisation alone after the title, closing the phrase
        after = _LIST_COMMA.match(text, a0 + len(ap_text))
        org = next((o for o in ms if after and o.start == after.end() and o.entity and not o.inner), None)
        if org is not None and org.label in ("Agency", "Company") and _PHRASE_END.match(text, org.end):
            e.target = org.entity


def _title_stands_before(e: Employment) -> bool:
    """A list, each title before its name ("..., Ruritania's Minister X, A B, Freedonia's Envoy Y, C D",
    "Minister of Mines A B, Freedonia's Minister of Trade C D", "President of the Acme Council A B, the
    Head of ..."): the capitalised words after the name are the next one's title."""
    return (
        _titled_before(e)
        or _title_right_before(e)
        or _title_of_country(e, e.person.start, ("Country", "Agency", "Company")) is not None
    )


def _role_at(e: Employment, role: re.Match, ap_text: str, a0: int) -> None:
    """', a metals strategist at Acme Advisory': a role noun no title list holds, placed at an
    organisation; the organisation after "at" is the employer, the words before it the title."""
    _employer_in_title(e, ap_text, a0, a0 + len(ap_text))
    if e.target is not None and e.ctx.label(e.target) in ("Agency", "Company"):
        e.title = role.group(1)
    else:
        e.target = None


_TRAILING_OF = re.compile(r"\s+(?:of|at|for|with)(?:\s+the)?$")
_AND_OR_START = re.compile(r"(?:and|or)\b")


def _employer_in_title(e: Employment, ap_text: str, seg_start: int, seg_end: int) -> None:
    """The employer an appositive title (``ap_text`` at ``seg_start``-``seg_end``) names: a body after
    "of"/"at" or owning it ("the X Bank's head of mining"), a country owning it or named as an
    adjective, the ministry its portfolio names, or the country that ends it."""
    ms, text = e.sm.mentions, e.text
    inside = [o for o in ms if seg_start <= o.start < seg_end and o.entity and not o.inner]
    org = next(
        (o for o in inside if o.label in ("Agency", "Company") and P.EMPLOYER_BEFORE.search(text[seg_start : o.start])),
        None,
    )
    if org is None:  # "the Brazilian Development Bank's head of mining", "ACM Chairman & CEO"
        org = next(
            (
                o
                for o in inside
                if o.label in ("Agency", "Company")
                and o.start == seg_start
                and (o.possessive or _title_after(text, o.end) is not None)
            ),
            None,
        )
    ctry = next((o for o in inside if o.label == "Country" and o.possessive and o.start == seg_start), None)
    if org is None and ctry is None:  # ", the French ambassador to Chile", ", the European Union envoy"
        attributive = _attributive_employer(inside, text, seg_start)
        if attributive is not None and attributive.label == "Country":
            ctry = attributive
        elif attributive is not None:
            org = attributive
    if org is not None and org.start == seg_start:
        e.target = org.entity
        e.title = text[org.end : seg_end].lstrip("’'s ").strip()
    elif org is not None:
        e.target = org.entity
        e.title = _TRAILING_OF.sub("", text[seg_start : org.start].strip())
    elif ctry is not None:
        e.target = ctry.entity
        e.title = text[ctry.end : seg_end].lstrip("’'s ").strip()
    elif (short := _short_owner(e, seg_start)) is not None:
        e.target = short  # ", Acme's managing director,": a short form of a firm the article names
    else:  # ", Minister of Fisheries of the Kingdom of Norway": the country that ends the title
        last = inside[-1] if inside else None
        # ", Minister of Fisheries,": the ministry the title names, when the article names it
        # (", and the Commissioner for ..." starts the next person's title, not this one's)
        ministry = None if _AND_OR_START.match(ap_text) else _ministry_for_title(e.ctx, ap_text)
        if ministry is not None:
            e.target = ministry
        elif (firm := _short_form_after_of(e, ap_text, seg_start, inside)) is not None:
            e.target = firm  # ", chief executive of Acme,": a short form of "Acme Mining Ltd" the article names
        elif (
            last is not None
            and last.label == "Country"
            and last.kind == "name"
            and not text[last.end : seg_end].strip(" .")
            and _OF_END.search(text, seg_start, last.start)
        ):
            e.target = last.entity
            e.title = text[seg_start : last.start].strip()


#: a title's words, then "of"/"at" and capitalised words closing the title (", chief executive of Acme Mining")
_OF_SHORT_FORM = re.compile(r"\b(?:of|at)\s+(?:the\s+)?([A-Z][\w&’'.-]*(?:\s+[A-Z][\w&’'.-]*){0,3})\s*$")


def _short_form_after_of(e: Employment, ap_text: str, seg_start: int, inside: list[Mention]) -> str | None:
    """', chief executive of Acme Mining,' with "Acme Mining Ltd" named before: the firm or body a
    short form after the title's "of" names, when the words are no other entity's mention and not
    all words many names share ("of Mines", "of State") but for a firm's officer ("chief executive
    of Energy Resources" with "Energy Resources Ltd" named)."""
    m = _OF_SHORT_FORM.search(ap_text)
    if m is None or not vp().title_word.search(ap_text, 0, m.start()):
        return None
    lo = seg_start + m.start(1)
    if any(o.end > lo for o in inside):
        return None
    words = m.group(1).rstrip(".")
    key = _short_named_org(e.ctx, words)
    if key is not None and all(w in _generic_words() for w in words.split()):
        # words a ministry's name may hold too ("of Natural Resources"): a firm's, for a firm's officer
        firm = e.ctx.label(key) == "Company" and _FIRM_TITLE.search(ap_text, 0, m.start())
        return key if firm else None
    return key


def _short_owner(e: Employment, seg_start: int) -> str | None:
    """The organisation a short form that opens an appositive names, a title after it (", Acme's
    managing director,", ", ACM Chairman & CEO,")."""
    first = next((o for o in e.sm.mentions if o.start >= seg_start), None)
    if first is None or first.label != "Name" or _ARTICLE.fullmatch(e.text, seg_start, first.start) is None:
        return None
    if first.possessive and _titles_after(e.text, first.end):
        return _short_named_org(e.ctx, first.text)
    # ", ACM Chairman & CEO,": the short form and the title read as one name, no possessive
    tw = vp().title_word.search(first.text)
    if not first.possessive and tw is not None and tw.start() > 0:
        return _short_named_org(e.ctx, first.text[: tw.start()].strip())
    return None


def _titled_before(e: Employment) -> bool:
    """The name stands after a comma with a title since the comma or semicolon before ("..., Ruritania's
    Minister of Mines, Dr. A B,"): its title is that one."""
    head = e.text[: e.person.start]
    address = _FORM_OF_ADDRESS.search(head, max(0, len(head) - 40))
    end = address.start() if address else len(head)
    if not _REVERSE_APPOSITIVE.search(head, max(0, end - 8), end):
        return False
    comma = head.rfind(",", 0, end)
    prev = max(head.rfind(",", 0, comma), head.rfind(";", 0, comma))
    return vp().title_word.search(head, max(prev + 1, comma - 160), comma) is not None


def _title_right_before(e: Employment) -> bool:
    """A title read stands right before the name (past a form of address: "Minister Dr. A B")."""
    head = e.text[: e.person.start]
    address = _FORM_OF_ADDRESS.search(head, max(0, len(head) - 40))
    end = address.start() if address else len(head)
    return any(t.end <= end and end - t.end <= 2 and not e.text[t.end : end].strip() for t in e.sm.titles)


_LIST_COMMA = re.compile(r",\s+(?:the\s+)?")
#: what closes "<name>, <title>, <organisation>": the sentence's or a list entry's end, or a contact's number
_PHRASE_END = re.compile(r"\s*(?:[.;)]|,\s*(?:\+|\(?\d|[\w.-]+@)|$)")
#: ", and ...", ", together with ...", ", during ...": the next item of a list or an adjunct, not an appositive
_NEXT_CONJUNCT = re.compile(
    r"(?:and|or|but|together|along|alongside|with|as|in|at|on|during|after|before|while|when|including)\b"
)
_LOWER_WORD = re.compile(r"\b[a-z][\w-]*")
#: an appositive that places a person at an organisation by a role noun of any kind (", a metals
#: strategist at", ", senior consultant at"): up to four lowercase words, then "at"; the last word no
#: plural or verb in -s (", officials at", ", works at")
_ROLE_AT = re.compile(r"(?:former\s+)?((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*[a-rt-z])\s+at\s+(?=\S)")

#: what may stand between an appositive's start and a name used as an adjective: an article
_ARTICLE = re.compile(r"(?:(?:the|a|an|another|one)\s+)?")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|another|one)\s+$")
#: a word between a name used as an adjective and its title ("the French trade envoy")
_GAP_WORD = re.compile(r"[a-z][\w-]*\s+")
_SPACES = re.compile(r"\s+")


def _attributive_employer(inside: list[Mention], text: str, seg_start: int) -> Mention | None:
    """The country, body or firm an appositive names as an adjective before the title (", the
    French ambassador to Chile", ", the European Union envoy", ", a Ruritanian trade official"):
    the first mention, after at most an article, with a title word right after it; a possessive
    is read by the caller."""
    first = inside[0] if inside else None
    if (
        first is None
        or first.possessive
        or first.label not in ("Country", "Agency", "Company")
        or _ARTICLE.fullmatch(text, seg_start, first.start) is None
    ):
        return None
    title = _title_after(text, first.end)
    if title is None:
        return None
    # with no article, a capitalised title may open the next entry of a list of people
    # ("..., Ruritanian Minister for Mines Ana Ruiz, ...") rather than describe this one
    if not _ARTICLE_BEFORE.search(text, 0, first.start) and not title.group()[0].islower():
        return None
    return first


def _title_after(text: str, pos: int) -> re.Match | None:
    """The title word after ``pos``, past up to two lower-case words ("French trade envoy")."""
    space = _SPACES.match(text, pos)
    at = space.end() if space else -1
    for _ in range(3):
        if at < 0:
            return None
        title = vp().title_word.match(text, at)
        if title is not None:
            return title
        word = _GAP_WORD.match(text, at)
        at = word.end() if word else -1
    return None


_HEAD_LEAD_GAP = re.compile(r"(?:[’']s?)?\s*(?:[a-z][\w-]*\s+){0,2}")


def _headed_body(e: Employment, verb: str, a0: int, a1: int) -> None:
    """The employer of ", who heads the X" (the body named right after the verb, from ``a0``) or
    ", who leads Ruritania's mining ministry", with the verb as the title."""
    ms, text = e.sm.mentions, e.text
    first = next((o for o in ms if a0 <= o.start < a1 and o.entity and not o.inner), None)
    lead = a0
    if first is not None and first.start == a0 and first.label == "Country" and first.possessive:
        lead = first.end  # the body after the country's name
        first = next((o for o in ms if o.start > first.start and o.entity and not o.inner), None)
    if (
        first is not None
        and first.label in ("Agency", "Company")
        and _HEAD_LEAD_GAP.fullmatch(text[lead : first.start])
    ):
        e.target, e.title = first.entity, _HEAD_TITLE.get(verb.lower()[:3], "head")


@step(reads=("employer:appositive_title",), writes=("employer:title_before_name", "BASED_IN:ministry"))
def title_before_name(e: Employment) -> None:
    """'Ruritania's Foreign Minister Jane Doe', 'Freedonia's Deputy Chairman of the Mining Committee,
    John Roe,', 'Acme Corp. chief executive Tom Riera': the title before the name, and the
    organisation or country it names."""
    if e.target is not None:
        return
    p, text = e.person, e.text
    head = text[: p.start]
    # a title the appositive after the name gave (", Minister of Mines (MM) on a visit"): not one
    # before it, so not one whose owner is named right before the name
    after = e.title
    # "..., the Honourable Jane Doe": a form of address is neither the name nor the title
    address = _FORM_OF_ADDRESS.search(head, max(0, len(head) - 40))
    if address:
        head = head[: address.start()]
    e.named_at = len(head)
    # the clause's start: the last full stop after a word, not an abbreviation's ("U.S. Under Secretary")
    clause_start = next((m.start() for m in reversed(list(_CLAUSE_END.finditer(head)))), 0) if ". " in head else 0
    window_start = max(clause_start, p.start - 120)
    rev = _REVERSE_APPOSITIVE.search(head, max(0, len(head) - 8))
    if rev:
        _reverse_appositive(e, head, rev, window_start)
        return
    title_m = _CAPITALISED_TITLE.search(head, max(0, len(head) - 240))
    tmention = next((t for t in e.sm.titles if t.end <= p.start and len(head) - t.end <= 2), None)
    if tmention is not None:
        # "Union Minister of Mines Shri": a form of address read into the title is no part of it
        e.title = _ADDRESS_END.sub("", tmention.text)
        # "Mines and Mining Development Minister": the portfolio's words before the title read
        more = _PORTFOLIO_AND.search(text, max(0, tmention.start - 40), tmention.start)
        e.target = (more and _ministry_for_title(e.ctx, text[more.start() : tmention.end])) or _ministry_for_title(
            e.ctx, e.title
        )
        owner = _title_owner(e, tmention)
        if e.target is not None and owner is not None and _another_countrys(e, e.target, owner.entity):
            # "Freedonia's Vice Minister of Mines A" beside "Ruritania's Ministry of Mines": not that
            # ministry (the title names one of the owner's country, which the article leaves unnamed)
            e.target = owner.entity
        elif e.target is not None and owner is not None and not e.ctx.entity(e.target).name_countries:
            e.out.add(e.target, "BASED_IN", owner.entity, 0.7, text)
        elif e.target is None and owner is not None:
            e.target = owner.entity  # "Ruritania's Energy and Mines Minister A", no ministry named: her country
    elif (sender := _envoy_of(e, window_start, len(head))) is not None:
        e.target = sender  # "the Ambassador of Ruritania to Freedonia Mr. Jane Doe": Ruritania's
        e.title = text[window_start : len(head)].strip(" ,")
    elif title_m and vp().title_word.search(title_m.group(1)):
        e.title = title_m.group(1).strip()
        e.target = _ministry_for_title(e.ctx, e.title)
    elif (ruler := _title_of_country(e, len(head))) is not None:
        e.target, e.title = ruler  # "President of the Republic of Ruritania Jane Doe": Ruritania's
    else:  # "Andes Copper Corp. chief executive Tomas Riera"
        low = _OPENING_LOWER_TITLE.fullmatch(head) or _LOWER_TITLE.search(head, max(0, len(head) - 80))
        if low and vp().title_word.search(low.group(1)):
            e.title = low.group(1).strip()
            # "the European industry commissioner Ana Ruiz": the body the words right before the title name
            lead = _CAPITALISED_LEAD.search(head, max(0, low.start(1) - 60), low.start(1))
            e.target = _ministry_for_title(e.ctx, (lead.group() if lead else "") + e.title)
    _employer_of_title_before(e, after, len(head))


def _title_owner(e: Employment, tmention: Mention) -> Mention | None:
    """The country named right before a title read before the name ("Ruritania's Energy Minister"),
    or inside it, last first; or none."""
    text = e.text
    return next(
        (
            o
            for o in reversed(e.sm.mentions[: e.idx])
            if o.label == "Country"
            and o.entity
            and not o.inner
            and (tmention.start - 4 <= o.end or _OWNER_GAP.fullmatch(text, o.end, tmention.start))
            and o.end <= tmention.end
            and o.start < tmention.end
        ),
        None,
    )


def _another_countrys(e: Employment, org: str, country: str) -> bool:
    """``org`` is known to be of a country other than ``country``: its name carries another, or a rule
    read before bases it in another (and not in ``country``)."""
    ent = e.ctx.entity(org)
    if ent is None:
        return False
    known = {f"country:{c.lower()}" for c in ent.name_countries}
    known |= {r.target for r in e.out.rels.values() if r.type == "BASED_IN" and r.source == org}
    return bool(known) and country not in known


def _employer_of_title_before(e: Employment, after: str, end: int) -> None:
    """The employer of the title read before the name (at ``end``): the body or country written right
    before it, one it refers back to, the country an envoy is sent from, a country's organisation
    ("the Ruritanian fund's"); with only the title ``after`` the name, the body a dash sets before it."""
    if e.target is None and e.title and e.title != after:
        _named_with_title(e)
    elif e.target is None and after:
        e.target = _dash_delegate(e, end)
    if e.target is None and e.title and e.title != after:
        _owner_by_reference(e, e.named_at - len(e.title) - 1)
    if e.target is None:
        _envoy_to(e, end)
    if e.target is None or e.target.startswith("country:"):
        _organisation_for_country(e)


#: between a body and its delegate's name in a list ("Acme Bank - Jane Doe, Specialist")
_DASH_GAP = re.compile(r"\s+[-–—]\s+")
#: a title ending in "of (the)" right before a country's name ("President of the Republic of")
_TITLE_OF_BEFORE = re.compile(r"((?:[A-Z][\w-]*\s+){0,3}[A-Z][\w-]*)\s+of\s+(?:the\s+)?$")


def _dash_delegate(e: Employment, end: int) -> str | None:
    """'Acme Bank - Jane Doe, Principal Mining Specialist': a list's body, a dash, then its delegate
    (the name at ``end``, the title after it)."""
    return next(
        (
            o.entity
            for o in e.sm.mentions[: e.idx]
            if o.label in ("Agency", "Company", "Country") and o.entity and _DASH_GAP.fullmatch(e.text, o.end, end)
        ),
        None,
    )


def _title_of_country(e: Employment, end: int, labels: tuple[str, ...] = ("Country",)) -> tuple[str, str] | None:
    """'President of the Republic of Ruritania Jane Doe', 'Minister of Mines of Ruritania Jane Doe':
    the country (or body of ``labels``) a title before the name ends with (its words read no title
    alone: "Republic of Ruritania" is the country's name), and the title."""
    ms, text = e.sm.mentions, e.text
    ctry = next(
        (o for o in reversed(ms[: e.idx]) if o.label in labels and o.entity and not o.inner and o.end <= end), None
    )
    if ctry is None or (ctry.label == "Country" and ctry.kind != "name") or text[ctry.end : end].strip():
        return None
    before = _TITLE_OF_BEFORE.search(text, max(0, ctry.start - 80), ctry.start)
    if before is None or not vp().title_word.search(before.group(1)):
        return None
    return ctry.entity, text[before.start(1) : ctry.end]


#: "the Ruritanian fund's chief executive": a country's organisation named by its kind, then the title
_KIND_OWNS_TITLE = re.compile(
    r"\b([A-Z][\w-]*)\s+(?:state(?:-owned)?\s+|sovereign\s+|wealth\s+|investment\s+|mining\s+){0,2}"
    r"(?:fund|bank|firm|company|miner|group|lender|investor|producer|insurer|agency)['’]s\s+(?:[\w-]+\s+){1,4}$"
)


def _organisation_for_country(e: Employment) -> None:
    """'The Ruritanian fund's chief executive A': the one organisation of the article whose name
    carries that country is meant, not the country itself."""
    p, ms = e.person, e.sm.mentions
    kind = _KIND_OWNS_TITLE.search(e.text, max(0, p.start - 90), p.start)
    if kind is None:
        return
    owner = next((o for o in ms if o.start == kind.start(1) and o.label == "Country"), None)
    if owner is None or not owner.entity or e.target not in (None, owner.entity):
        return
    iso = owner.entity.split(":", 1)[1].upper()
    orgs = [
        ent.key
        for ent in e.ctx.registry.entities.values()
        if ent.label in ("Agency", "Company") and iso in {c.upper() for c in ent.name_countries}
    ]
    if len(orgs) == 1:
        e.target = orgs[0]


def _reverse_appositive(e: Employment, head: str, rev: re.Match, window_start: int) -> None:
    """'..., the chairman of the X, Jane Doe': everything since the previous comma is the title."""
    ms, text, end = e.sm.mentions, e.text, rev.start()
    # the previous comma or semicolon ("...; the Ambassador to Ruritania, Jane Doe; ...")
    prev = max(head.rfind(",", 0, end), head.rfind(";", 0, end))
    while prev > window_start and _PORTFOLIO_GOES_ON.fullmatch(text, prev + 1, end):
        # "Minister of Trade, Industry and Energy, Jane Doe": the portfolio's words after its
        # comma are no title of their own; the title starts before them
        before_prev = max(head.rfind(",", 0, prev), head.rfind(";", 0, prev), window_start - 1)
        if not _COMPLEMENT_BEFORE.search(text, before_prev + 1, prev):
            break
        prev = before_prev
    window_start = max(prev + 1, window_start)
    # not before another person named in the window (whose title that is)
    window_start = max([window_start, *(o.end for o in ms[: e.idx] if o.label == "Person" and o.end <= end)])
    before = [o for o in ms[: e.idx] if o.start >= window_start and o.entity and not o.inner]
    org = next((o for o in reversed(before) if o.label in ("Agency", "Company")), None)
    # the country whose title it is: one a title follows ("in Ruritania with Freedonia's Minister
    # of X, ..."), else the first
    ctry = next((o for o in reversed(before) if o.label == "Country" and _titles_after(text, o.end)), None)
    ctry = ctry or next((o for o in before if o.label == "Country"), None)
    ministry = _ministry_for_title(e.ctx, text[window_start:end].strip(" ,"))
    # the title's start after the clause's lowercase words ("said Acme's head of metals, Jane Doe")
    lead_words = _LOWER_LEAD.match(text, window_start, end)
    title_start = lead_words.end() if lead_words else window_start
    if org is not None and (
        ends_with(_OF_AT, text, org.start)
        or (org.possessive and not text[title_start : org.start].strip() and _titles_after(text, org.end))
        # "the Acme Deputy Executive Secretary, A": the body the title opens with, when the title
        # names no body of its own ("the Union Commissioner for X" names the Commission)
        or (ministry is None and _THE_ONLY.fullmatch(text, title_start, org.start) and _titles_after(text, org.end))
        or (
            # (not "Ruritania's Secretary in the Ministry of X": the country that owns the title)
            _SECRETARY_IN.search(text, max(window_start, org.start - 40), org.start)
            and not any(o.label == "Country" and o.possessive for o in before)
        )
    ):
        e.target = org.entity
    elif ministry is not None:  # "Ruritania's Minister of Mines, Jane Doe,": the ministry the article names
        e.target = ministry
    elif ctry is not None and vp().title_word.search(text[ctry.end : end]):
        e.target = ctry.entity
    elif (
        (last := before[-1] if before else None) is not None
        and last.label == "Country"
        and _ends_title_of(text, window_start, last, end)
    ):  # "the Minister of Mines of Ruritania, Jane Doe": the country that ends the title
        e.target = last.entity
    elif (sender := _envoy_of(e, window_start, end)) is not None:
        e.target = sender  # "the Ambassador of Ruritania to Freedonia, Jane Doe": Ruritania's
    elif _envoy_to(e, end, window_start) is not None:
        pass  # "the EU's Ambassador to Ruritania, Jane Doe": the EU's
    elif e.ctx.focal and _GOVERNMENTS.search(text, window_start, end):
        e.target = e.ctx.focal[0]  # "the head of the government's team of negotiators, X,"
    else:  # "Acme's chief executive, Jane Doe,": a short form of a firm the article names
        e.target = _short_form_in(e, window_start, title_start + 1)
    e.title = text[window_start:end].strip(" ,")
    if e.target is None:
        _owner_by_reference(e, window_start)


#: nothing, or an article, before a body that opens a title
_THE_ONLY = re.compile(r"\s*(?:[Tt]he\s+)?")
#: capitalised words of a portfolio after a comma ("Industry and Energy"), no title word of their own
#: the lowercase words of a clause before a title ("said ", "was signed by "), no part of it
_LOWER_LEAD = re.compile(r"[\s\"”’']*(?:[a-z][\w-]*\s+)*")
_PORTFOLIO_GOES_ON = re.compile(r"\s*(?:(?:and|&)\s+)?[A-Z][\w-]*(?:\s+(?:(?:and|&)\s+)?[A-Z][\w-]*){0,4}\s*")
#: a title with a complement before that comma ("Minister of Trade", "Secretary for Planning")
_COMPLEMENT_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}\s*$")


_POSSESSIVE_S = re.compile(r"['’]s?(?=\s)")


def _titles_after(text: str, pos: int) -> bool:
    """A title follows a country's name at ``pos`` ("Ruritania's Minister", "Ruritanian trade envoy")."""
    s = _POSSESSIVE_S.match(text, pos)
    return _title_after(text, s.end() if s else pos) is not None


#: between the country an envoy is of and the one they are sent to: "... of Ruritania to the Freedonia"
_SENT_TO = re.compile(r"\s+to\s+(?:the\s+)?")
_ENVOY_AT_END = re.compile(r"[\s,]*")


def _envoy_of(e: Employment, lo: int, hi: int) -> str | None:
    """'<title> of <country A> to <country B>' ending right before the name (at ``hi``): an envoy
    of A ("the Ambassador of Ruritania to Freedonia, Jane Doe", "... to Freedonia Mr. Jane Doe")."""
    text = e.text
    cs = [o for o in e.sm.mentions[: e.idx] if o.label == "Country" and o.entity and lo <= o.start and o.end <= hi]
    for a, b in zip(cs, cs[1:], strict=False):
        if (
            _SENT_TO.fullmatch(text, a.end, b.start)
            and _ENVOY_AT_END.fullmatch(text, b.end, hi)
            and _OF_END.search(text, max(lo, a.start - 12), a.start)
            and vp().title_word.search(text, lo, a.start)
        ):
            return a.entity
    return None


#: a sentence's full stop after a word (not an initial's or an abbreviation's: "U.S.", "Dr.")
_CLAUSE_END = re.compile(r"(?<=[a-z0-9)\]”\"’']{2})[.!?]\s")
#: an envoy's title before the country they are sent to: "Ambassador to (the)", "High Commissioner to"
_ENVOY_TO = re.compile(
    r"\b(?:[Aa]mbassador|[Ee]nvoy|[Hh]igh\s+[Cc]ommissioner|[Cc]onsul(?:[\s-][Gg]eneral)?)\s+to\s+(?:the\s+)?$"
)


def _envoy_to(e: Employment, end: int, lo: int = 0) -> str | None:
    """'the EU Ambassador to Ruritania Jane Doe', "Freedonia's envoy to Ruritania Jane Doe": the
    body or country named right before the title sends the envoy, not the country after "to"."""
    text, ms = e.text, e.sm.mentions[: e.idx]
    dest = next(
        (o for o in reversed(ms) if o.label == "Country" and o.start >= lo and not text[o.end : end].strip(" ,")), None
    )
    if dest is None:
        return None
    title = _ENVOY_TO.search(text, max(lo, dest.start - 40), dest.start)
    if title is None:
        return None
    owner = next(
        (
            o
            for o in reversed(ms)
            if o.end <= title.start()
            and o.label in ("Country", "Agency", "Company")
            and o.entity
            and _OWNER_GAP_SHORT.fullmatch(text, o.end, title.start())
        ),
        None,
    )
    if owner is None:
        return None
    e.target = owner.entity
    e.title = e.title or text[owner.start : dest.end]
    return e.target


#: between an envoy's sender and the title: nothing, a possessive, or a lowercase word ("EU trade envoy")
_OWNER_GAP_SHORT = re.compile(r"(?:['’]s?)?\s+(?:[a-z][\w-]*\s+)?")


def _ends_title_of(text: str, start: int, country: Mention, end: int) -> bool:
    """'<title> of (the) <country>' fills ``start``..``end``: the country ends a title."""
    return (
        country.kind == "name"
        and not text[country.end : end].strip(" ,")
        and _OF_END.search(text, start, country.start) is not None
        and vp().title_word.search(text, start, country.start) is not None
    )


#: "the company's chairman", "the bank's managing director", "its chief executive": an organisation
#: named before, by its kind or a pronoun (the kind's word -> the labels it may name)
_OWNER_BY_REFERENCE = re.compile(
    r"(?:(?:[Tt]he\s+)?(company|firm|miner|producer|group|bank|lender|fund|ministry|department|agency|commission"
    r"|secretariat|regulator|institute|corporation)['’]s|([Ii]ts))\s"
)
#: lowercase words of a clause before a reference ("said its president"), no possessive among them
_LOWER_LEAD_WORDS = re.compile(r"[\s\"”’']*(?:(?!its\b|the\b)[a-z][\w-]*\s+){1,3}(?=(?:[Ii]ts|[Tt]he)\s)")
#: a title held in a country's government: what "its" may refer to a country for
_GOVERNMENT_TITLE = re.compile(
    r"\s*(?:(?:Deputy|Vice|Assistant|State|Cabinet|Permanent|Under|Prime)[\s-]+)*"
    # (the portfolio may come first: "Its Mines Minister", "Its Trade and Industry Secretary")
    r"(?:[A-Z][a-z]+,?\s+(?:(?:and|&)\s+)?){0,4}?(?:Minister|Secretary|Undersecretary)\b"
    r"(?:\s+(?:of|for)\s+[A-Z])?"
)
_KIND_LABELS = {
    **dict.fromkeys(("company", "firm", "miner", "producer", "group", "corporation"), ("Company",)),
    **dict.fromkeys(("bank", "lender", "fund"), ("Agency", "Company")),
    **dict.fromkeys(
        ("ministry", "department", "agency", "commission", "secretariat", "regulator", "institute"), ("Agency",)
    ),
}


def _owner_by_reference(e: Employment, title_at: int = -1) -> None:
    """'The company's chairman, Jane Doe', 'Its chief executive, Jane Doe', ', the bank's managing
    director': the organisation the sentence names first before the title (``title_at``; its
    subject: "Acme said ..., and its chairman, A, said"), else the one the sentence before names
    first ("Acme Mining said it had signed ... with Beta Corp. Its chairman ..."), when it is
    of the kind named; a country first ("Ruritania said ... Its delegate") names no firm."""
    lead = _LOWER_LEAD_WORDS.match(e.title)  # "said its president, A": the clause's verb before the reference
    ref = _OWNER_BY_REFERENCE.match(e.title, lead.end() if lead else 0) or _OWNER_BY_REFERENCE.match(e.title)
    if ref is None:
        return
    at = next((i for i, f in enumerate(e.ctx.found) if f is e.sm), 0)
    here = [o for o in e.sm.mentions[: e.idx] if title_at < 0 or o.end <= title_at]
    for ms in (here, e.ctx.found[at - 1].mentions if at > 0 else []):
        if ref.group(1):  # "the company's": the first firm named (past a country: "Ruritania and Acme signed")
            labels = _KIND_LABELS[ref.group(1).lower()]
            key = next((o.entity for o in ms if o.label in labels and o.entity and not o.inner), None)
            if key is not None:
                e.target = key
                return
        elif (subject := _first_actor(e.ctx, ms)) is not None:
            if subject[0] in ("Agency", "Company") or _GOVERNMENT_TITLE.match(e.title, ref.end()):
                # (a country first: "Ruritania mines nickel. Its Secretary of Mines, A," is its
                # government's; "Its chairman" is no country's)
                e.target = subject[1]
            return


def _first_actor(ctx: DocContext, ms: list[Mention]) -> tuple[str, str] | None:
    """The label and key of the first country or organisation ``ms`` name (past a country that
    owns the next name: "Ruritania's Acme Corp"; a short form of a firm the article names counts)."""
    for o in ms:
        if o.inner or o.label == "Person":
            continue
        if o.label == "Name" and (key := _short_named_org(ctx, o.text)) is not None:
            return ctx.label(key), key
        if not o.entity or o.label not in ("Country", "Agency", "Company"):
            continue
        if o.label == "Country" and o.possessive:
            continue
        if o.label == "Country" and o.kind == "demonym" and _describes_next(o, ms):
            continue  # "Australian-listed developer Acme", "Turkish state miner Acme": an adjective, not the subject
        return o.label, o.entity
    return None


def _describes_next(o: Mention, ms: list[Mention]) -> bool:
    """A country's adjective ``o`` close before a firm's or body's name (a few words between:
    "Turkish state miner Acme"): it describes that name."""
    nxt = next((m for m in ms if m.start >= o.end and not m.inner), None)
    return nxt is not None and nxt.label in ("Agency", "Company") and nxt.start - o.end <= 40


def _short_form_in(e: Employment, lo: int, hi: int, ends_by: int = -1) -> str | None:
    """The organisation a short form that opens the title names ("Acme's chairman, Jane Doe"),
    or (``ends_by``) one that ends right before the title ("Acme general manager Jane Doe")."""
    return next(
        (
            key
            for o in e.sm.mentions[: e.idx]
            if o.label == "Name"
            and (lo <= o.start < hi if ends_by < 0 else ends_by - 4 <= o.end <= ends_by)
            and (key := _short_named_org(e.ctx, o.text))
        ),
        None,
    )


def _short_named_org(ctx: DocContext, words: str) -> str | None:
    """The one organisation of the article a short form names: its first words ("Acme" for
    "Acme Mining Ltd") or its acronym; words of a title read into the form are left off, the
    longest form first ("ACM Managing" is "ACM")."""
    parts = words.split()
    orgs = [e for e in ctx.registry.entities.values() if e.label in ("Agency", "Company")]
    for k in range(len(parts), 0, -1):
        short = " ".join(parts[:k])
        hits = {e.key for e in orgs if any(f == short or f.startswith(short + " ") for f in e.forms())}
        if hits:
            return hits.pop() if len(hits) == 1 else None
    # a short form inside the name, after its generic words ("Tamarugal" for "Minera Tamarugal SA",
    # "Bajo" for "Grupo Metalurgico Bajo SAB"): the one organisation whose name holds those words
    for k in range(len(parts), 0, -1):
        if all(w in _generic_words() for w in parts[:k]):
            continue
        inner = " " + " ".join(parts[:k]) + " "
        hits = {e.key for e in orgs if any(inner in f" {f} " for f in e.forms())}
        if hits:
            return hits.pop() if len(hits) == 1 else None
    # an acronym the article never defines: the one organisation whose name's initials it is
    # ("SLA" for "PT Sinar Logam Abadi (Persero)", "RMDC" for "Ruritania Minerals Development Corporation")
    if _ACRONYM.fullmatch(parts[0]):
        hits = {e.key for e in orgs if parts[0] in _initials(e.name)}
        if len(hits) == 1:
            return hits.pop()
    return None


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_BRACKETED = re.compile(r"\s*\([^()]*\)")


def _initials(name: str) -> set[str]:
    """A name's initials, with and without the legal forms before or after it ("PT", "Ltd")."""
    words = [w for w in _BRACKETED.sub("", name).split() if w[:1].isupper()]
    v = vocabulary()
    legal = v.company_strong | v.company_prefix_forms
    core = list(words)
    while core and core[0] in legal:
        core.pop(0)
    while core and core[-1] in legal:
        core.pop()
    return {"".join(w[0] for w in ws) for ws in (words, core) if len(ws) >= 2}


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    """Words many names share (head words, legal forms, portfolio words): no short form alone."""
    v = vocabulary()
    return frozenset(v.agency_heads) | v.company_strong | v.company_weak | v.company_prefix_forms | v.portfolio_words


_TITLE_LEAD = re.compile(r"^(?:[A-Z]\.)+\s+|^[A-Z][a-z]+[’']s\s+")
_COMMA_OR_SEMI = re.compile(r"[,;]")


def _named_with_title(e: Employment) -> None:
    """The organisation or country written right before a title ("Acme Corp. chief executive")."""
    p, ms, text = e.person, e.sm.mentions, e.text
    at = e.named_at if e.named_at >= 0 else p.start
    tstart = at - len(e.title) - 1
    org = next(
        (
            o
            for o in reversed(ms[: e.idx])
            if o.label in ("Agency", "Company")
            and o.entity
            and tstart - (4 if o.possessive else 2) <= o.end <= p.start
            and not _COMMA_OR_SEMI.search(text[o.end : p.start])
        ),
        None,
    )
    if org is not None:
        e.target = org.entity
    ctry = next(
        (
            o
            for o in reversed(ms[: e.idx])
            if o.label == "Country"
            and o.entity
            and not o.inner
            and o.end <= p.start
            and tstart - o.end <= 4
            # (not "... in Quebec, chief executive A said": the clause before the comma)
            and not _COMMA_OR_SEMI.search(text[o.end : tstart + 1])
        ),
        None,
    )
    if ctry is not None and e.target is None:
        e.target = ctry.entity
    if e.target is None:  # "ACM Managing Director", "Acme general manager": a short form of a firm the article names
        e.target = _short_form_in(e, tstart - 1, at) or _short_form_in(e, 0, at, ends_by=tstart + 1)
    e.title = _TITLE_LEAD.sub("", e.title).strip()


@step(reads=("employer:title_before_name",), writes=("employer:organisation_before",))
def organisation_before(e: Employment) -> None:
    """'spokesperson of the Mines Ministry Jane Doe', 'the Ministry of Mines, headed by Minister Jane Doe'."""
    if e.target is None:
        e.target, lower_title = _employer_just_before(e.ctx, e.sm, e.idx, e.text)
        e.title = e.title or lower_title


#: a delegation and who leads it, before the leader's title: "Ruritania, led by ", "the Acme Bank,
#: represented by its ", "Ruritania was represented by ", and in a list after one of those, "Freedonia by "
_LED_BY = re.compile(
    r"(?:\s*\([A-Z][\w&-]{1,9}\))?(?:,?\s+(?:(?:was|were|is|are)\s+)?(?:led|headed|represented)\s+|\s+)by\s+"
    r"(?:its\s+|their\s+|the\s+)?"
)
#: what a delegation's leader's title holds: capitalised words and their connectors, a comma
#: before the name ("represented by its Director for Mining, Ms. Ana Ruiz")
_DELEGATE_TITLE = re.compile(r"(?:[A-Z][\w.’'-]*|of|for|in|to|and|the|&|,|\s)*")


_LED_BY_WORDS = re.compile(r"\b(?:led|headed|represented)\s+by\b")


@step(reads=("employer:organisation_before",), writes=("employer:delegation",))
def delegation(e: Employment) -> None:
    """A delegation's leader in a list of delegations: "Ruritania, led by Minister of Mines Ana
    Ruiz;", "the Acme Bank, represented by its Director for Mining, Ana Ruiz", "Ruritania was
    represented by Vice-Minister A, Freedonia by State Secretary B": the ministry the title names
    when the article names it, else the country or body the delegation is."""
    if e.target is not None:
        return
    ms, text = e.sm.mentions, e.text
    head = text[: e.person.start]
    address = _FORM_OF_ADDRESS.search(head, max(0, len(head) - 40))
    end = address.start() if address else len(head)
    for o in reversed(ms[: e.idx]):
        if o.label == "Person":
            break  # another person named between: the delegation is theirs
        if o.label not in ("Country", "Agency", "Company") or not o.entity or o.inner or o.possessive:
            continue
        by = _LED_BY.match(text, o.end)
        if by is None or by.end() > end or not _DELEGATE_TITLE.fullmatch(text, by.end(), end):
            continue
        if by.group().strip() == "by" and not _LED_BY_WORDS.search(text):
            return  # "Ruritania by Minister A": only in a list after "represented by"
        # ("a delegation of Acme led by Mr. A, its Managing Director": the title after the name)
        title = text[by.end() : end].strip(" ,") or e.title
        if not vp().title_word.search(title):
            return
        e.title = title
        ministry = _ministry_for_title(e.ctx, title) if o.label == "Country" else None
        e.target = ministry or o.entity
        return
    _side_of(e, end)


#: a country's or body's party at a meeting after its name, up to its leader's title: "Ruritania's
#: delegation, led by ", "the Ruritanian side was headed by ", "a Ruritanian trade mission led by ", "my
#: Ruritanian counterpart, ", "Ruritania has sent a delegation of forty to the talks, led by ", "Ruritania
#: sent ", "Ruritania, the largest producer, sent its ", "the Ruritanian delegation included "
_PARTY = r"(?:delegation|side|team|mission|delegate|counterpart|contingent)s?\b"
_PARTY_LED = (
    r"(?:\s*,)?(?:\s+(?:(?:was|were|is|are|has\s+been|will\s+be)\s+)?(?:led|headed|chaired|co-chaired|represented"
    r"|included|includes|including)(?:\s+by)?|\s+by)?\s*,?\s+(?:its\s+|their\s+|the\s+)?"
)
_SIDE_AFTER = re.compile(
    r"(?:['’]s?)?\s+(?:[a-z][\w-]*\s+){0,4}?"
    + _PARTY
    + r"(?:\s+(?:to|at|in|for)\s+(?:[\w-]+\s+){0,4}?[\w-]+)?"
    + _PARTY_LED
    + "("
    + _DELEGATE_TITLE.pattern
    + ")"
)
_SENT = re.compile(
    r"(?:\s*,[^,;:]{1,80},)?\s+(?:has\s+|had\s+|also\s+)?sent\s+(?:its\s+|their\s+|the\s+)?"
    "(" + _DELEGATE_TITLE.pattern + ")"
)
#: a pronoun for the sentence before's subject, then its party: "Its delegate, ", "Their delegation, led by "
_SIDE_OF_SUBJECT = re.compile(
    r"\b(?:[Ii]ts|[Tt]heir)\s+(?:[a-z][\w-]*\s+){0,2}?" + _PARTY + _PARTY_LED + "(" + _DELEGATE_TITLE.pattern + ")"
)


#: a title of a firm's officer, or naming a firm: no delegation's leader for a country
_FIRMS_OFFICER = re.compile(
    r"\b(?:Board|Chair(?:man|woman|person)?|CEO|Chief\s+Executive|Managing\s+Director|Group|Company|Corporation"
    r"|JSC|Ltd|Inc)\b"
)


def _side_of(e: Employment, end: int) -> None:
    """The party a person leads or speaks for at a meeting: the country or body whose delegation,
    side, mission or counterpart the sentence names right before the person's title ("The
    Ruritanian delegation, led by Vice Minister of Mines A", "Ruritania sent Minister of Mines
    A", "My Ruritanian counterpart, Minister A"; "Its delegate, Minister A" after a sentence
    opening with Ruritania): the ministry the title names when the article names it, else that
    country or body. ``end`` is where the title before the name ends."""
    ms, text = e.sm.mentions, e.text
    lo = max([text.rfind(";", 0, end), *(m.end() for m in _CLAUSE_END.finditer(text, 0, end)), 0])
    for o in reversed(ms[: e.idx]):
        if o.start < lo or o.label == "Person":
            return  # another person named between: the party is theirs
        if o.label not in ("Country", "Agency", "Company") or not o.entity or o.inner or o.kind == "venue":
            continue  # (not "talks in Ruritopolis between a team led by ...": a city places, it sends no team)
        side = _SIDE_AFTER.fullmatch(text, o.end, end) or _SENT.fullmatch(text, o.end, end)
        if side is None:
            continue
        e.title = e.title or side.group(1).strip(" ,")
        # (not "the Ruritanian side by the Chairman of the Board of Acme Group A": a firm's officer)
        if vp().title_word.search(e.title) and not _FIRMS_OFFICER.search(e.title):
            ministry = _ministry_for_title(e.ctx, e.title) if o.label == "Country" else None
            e.target = ministry or o.entity
        return
    at = next((i for i, f in enumerate(e.ctx.found) if f is e.sm), 0)
    pron = _SIDE_OF_SUBJECT.search(text, lo, end)
    if pron is not None and pron.end() == end and at > 0:
        e.title = e.title or pron.group(1).strip(" ,")
        subject = _first_actor(e.ctx, e.ctx.found[at - 1].mentions)
        if subject is not None and vp().title_word.search(e.title):
            e.target = subject[1]


#: a press release's contact line after the name: ", Company Secretary, +61 ...", ", Vice President,
#: Investor Relations, info@..." (a title, perhaps a department, then a number or an address)
_CONTACT_AFTER = re.compile(r",\s+[^,;:()]{2,60}(?:,\s+[^,;:()]{2,40})?,\s*(?:\+\d|\(?\d{2,}|[\w.-]+@)")
#: what may open a contact line before the name: "Media: ", "For more information: "
_CONTACT_BEFORE = re.compile(r"(?:[A-Z][\w ]{0,30}:\s*)?")


@step(reads=("employer:delegation",), writes=("employer:contact_line",))
def contact_line(e: Employment) -> None:
    """'Jane Doe, Company Secretary, +61 8 0000 0000' at a press release's end: an officer of the
    firm that issues it, the one the article names most (first, of as many), not a country
    ("Secretary", "Vice President" are no government's here)."""
    p, text = e.person, e.text
    if e.target is not None or not _CONTACT_AFTER.match(text, p.end) or not _CONTACT_BEFORE.fullmatch(text, 0, p.start):
        return
    firms = [ent for ent in e.ctx.registry.entities.values() if ent.label == "Company" and not ent.described]
    if firms:
        e.target = min(firms, key=lambda ent: (-ent.count, ent.first)).key
        e.title = e.title or text[p.end :].split(",")[1].strip()


@step(reads=("employer:contact_line",), writes=("employer:leader_of_the_article",))
def leader_of_the_article(e: Employment) -> None:
    """A bare leader's title ("Prime Minister A and US President B"): A leads the article's other
    country; not a country the person only visits ("Minister A concluded her visit in Japan")."""
    ctx, ms, text = e.ctx, e.sm.mentions, e.text
    if e.target is None and _FIRM_TITLE.fullmatch(e.title.strip()):
        e.target = _officers_firm(e)
        return
    if (
        e.target is not None
        or not e.title
        or not ctx.focal
        or not _LEADER_TITLE.search(e.title)
        or (_OWNER_WORD.search(e.title) and not _PORTFOLIO_TITLE.fullmatch(_title_phrase(e.title)))
    ):
        return
    # a country that describes another person ("Ruritanian President B") is not this one's; one
    # that only owns a body ("Ruritania's Mining Commission issued ..., Minister A said") may be
    others = {
        o.entity
        for o in ms
        if o.label == "Country"
        and o.entity
        and ((is_descriptor(o, ms, text) and not _owns_body(o, ms)) or titles_person(o, ms, text))
    }
    visited = {
        o.entity
        for o in ms
        if o.label == "Country"
        and o.entity
        and _VISITED.search(text, max(0, o.start - 30), o.start)
        and not _visit_of_another(e, o.start)
    }
    # "President A held talks with Ruritanian President B": two heads of state in one sentence lead
    # two countries; the one another head read before leads is not this one's
    others |= _counterparts(e)
    # "President A announced tariffs on Ruritanian imports": a country the sentence acts on
    # after the person (the object of a preposition) is not the one the person leads
    after = e.person.end
    objects = {
        o.entity
        for o in ms
        if o.label == "Country"
        and o.entity
        and o.start >= after
        and _ACTED_ON.search(text, after, o.start)
        and not _owns_body(o, ms)  # ("signed with Ruritanian miner Acme": the firm is the object)
    }
    others |= objects
    # the country of the dateline ("CAPITAL (Agency) -"), where the news is told, before the
    # article's most named one: the article may be about another country's policy
    home = [ctx.dateline] if ctx.dateline in ctx.focal[:3] else []
    # a sentence with a foreign leader or a visit (a meeting of two countries): the other of the two
    # countries the headline names ("Ruritania, Freedonia agree ..."), before the article's most named
    pair = _headline_countries(ctx) if others | visited else []
    home = [*_sentence_subject(e, others | visited), *_venue_of(e, others | visited), *home, *pair]
    e.target = next(
        (c for c in [*home, *ctx.focal[:2]] if c not in others | visited),
        next((c for c in ctx.focal[:2] if c not in others), ctx.focal[0]),
    )


#: a relative clause opening after a name (", who is paying a visit to ...")
_WHO_CLAUSE = re.compile(r",\s+who\b")
#: a head of state's or government's title, not a deputy's ("President", "Prime Minister", not "Vice President")
_HEAD_OF_STATE = re.compile(r"(?<!Vice )(?<!Vice-)(?<!Deputy )\b(?:President|Prime Minister|Premier)\b")


def _visit_of_another(e: Employment, at: int) -> bool:
    """The visit told right before ``at`` is another person's: it stands in a clause opened by
    ", who" after that person's name ("President A met President B of Freedonia, who is on a visit
    to Ruritania": B visits, A is the host)."""
    before = [o for o in e.sm.mentions if o.label == "Person" and o.end <= at]
    if not before or before[-1].entity == e.person.entity:
        return False
    return _WHO_CLAUSE.search(e.text, before[-1].end, at) is not None


def _counterparts(e: Employment) -> set[str]:
    """The countries other heads of state or government the sentence names lead, as read before
    (an adjective or a possessive that titled them: "Ruritanian President B"), when this person's
    title is a head's too: a summit's two presidents lead two countries."""
    if not _HEAD_OF_STATE.search(e.title):
        return set()
    works = e.out.works_for()
    found: set[str] = set()
    for o in e.sm.mentions:
        if o.label != "Person" or not o.entity or o.entity == e.person.entity:
            continue
        other = e.ctx.entity(o.entity)
        if other is None or not _HEAD_OF_STATE.search(str(other.props.get("title", ""))):
            continue
        found |= {k for k in works.get(o.entity, []) if k.startswith("country:")}
    return found


def _headline_countries(ctx: DocContext) -> list[str]:
    """The countries the article's headline names, in its order: its first line when a line of
    its own with no full stop ("Ruritania, Freedonia agree to ..."), read as a sentence."""
    if not ctx.found or not ctx.sentences:
        return []
    first = ctx.sentences[0]
    if first.text.rstrip().endswith((".", "!", "?")) or (
        len(ctx.paragraphs) > 1 and ctx.paragraphs[1] == ctx.paragraphs[0]
    ):
        return []
    keys: list[str] = []
    for o in ctx.found[0].mentions:
        if o.label == "Country" and o.entity and not o.inner and o.kind == "name" and o.entity not in keys:
            keys.append(o.entity)
    return keys


#: a place the sentence happens in: "in", "at (the)" right before a city's or a province's name
_LOCATIVE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$")


def _venue_of(e: Employment, exclude: set[str]) -> list[str]:
    """The one country whose cities or provinces the sentence places itself in ("Mining Minister A
    said in Ruritopolis", "Minister A signed ... for a project in Northern Province"): where a bare
    title's holder acts, when no visit is told (``exclude``: visited, or describing another)."""
    text = e.text
    places = {
        o.entity
        for o in e.sm.mentions
        if o.label == "Country"
        and o.entity
        and o.kind == "venue"
        and _LOCATIVE.search(text, max(0, o.start - 8), o.start)
    } - exclude
    return list(places) if len(places) == 1 else []


def _officers_firm(e: Employment) -> str | None:
    """'said Jane Doe, chief executive': a firm's officer with no firm named works for the
    article's one firm; with several, the one firm the sentence names ("Acme will ..., chief
    executive A said"), else the one the sentence before names; with two named, the one called
    by its kind ("A said the company's deal with Beta Corp ...": the subject, not its partner)."""
    ctx, ms = e.ctx, e.sm.mentions
    firms = [k for k, ent in ctx.registry.entities.items() if ent.label == "Company" and not ent.described]
    if len(firms) == 1:
        return firms[0]
    named = {o.entity for o in ms if o.label == "Company" and o.entity and not o.inner}
    named |= {key for o in ms if o.label == "Name" and (key := _short_named_org(ctx, o.text)) is not None}
    named &= set(firms)
    if len(named) == 1:
        return named.pop()
    return _firm_told_before(e, set(firms)) if not named else _firm_by_kind(ms, named)


def _owns_body(country: Mention, ms: list[Mention]) -> bool:
    """The name right after ``country`` (a possessive or a demonym) is an organisation's, which it owns
    ("Ruritania's Ministry of Mines", "the Ruritanian Mining Commission"), not a person's or a title."""
    nxt = next((o for o in ms if o.start >= country.end and not o.inner and o.label != "Mineral"), None)
    return nxt is not None and nxt.label in ("Agency", "Company")


def _firm_told_before(e: Employment, firms: set[str]) -> str | None:
    """A firm's officer in a sentence that names no firm ("Acme Ltd said it would expand. Chief
    executive A said the company ..."): the one firm of ``firms`` the sentence before names (with
    two named there, who knows which); else none."""
    at = next((i for i, f in enumerate(e.ctx.found) if f is e.sm), 0)
    if at == 0:
        return None
    before = e.ctx.found[at - 1].mentions
    named = {o.entity for o in before if o.label == "Company" and o.entity and not o.inner}
    named &= firms
    # with two there ("The Company signed with Beta Corp ..."), the one named by its kind
    return named.pop() if len(named) == 1 else _firm_by_kind(before, named)


def _firm_by_kind(ms: list[Mention], named: set[str]) -> str | None:
    """Of the firms ``named``, the one the sentence (``ms``) refers to by its kind alone ("the
    company's", "The Company"): the firm the article is about, not its partner; else none."""
    kinds = {o.entity for o in ms if o.entity in named and _KIND_WORD.fullmatch(o.text)}
    return kinds.pop() if len(kinds) == 1 else None


#: a firm referred to by its kind alone: "the company", "The Company", "the miner's"
_KIND_WORD = re.compile(r"(?:[Tt]he\s+)?(?:[Cc]ompany|[Ff]irm|[Mm]iner|[Pp]roducer|[Gg]roup|[Cc]orporation)(?:['’]s)?")


def _sentence_subject(e: Employment, exclude: set[str]) -> list[str]:
    """The one country the sentence is about, named as its subject before the person ("Ruritania
    is considering a tax, Trade Undersecretary A told a forum"): in a round-up of several countries,
    that one, not the article's most named (none, or several: [])."""
    subjects = {
        o.entity
        for o in e.sm.mentions[: e.idx]
        if o.label == "Country" and o.entity and not o.inner and o.kind == "name" and not o.possessive
    } - exclude
    return list(subjects) if len(subjects) == 1 else []


#: capitalised words right before a title word: its owner or its modifiers ("Ruritania's", "First Vice")
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w.&-]*(?:['’]s)?\s+)*$")


def _title_phrase(title: str) -> str:
    """The title itself, from the words a title read back to the clause's start holds ("talks
    were held with Ruritania's Minister of Mines" -> "Ruritania's Minister of Mines"): from the
    capitalised words right before its first title word."""
    tw = vp().title_word.search(title)
    if tw is None or tw.start() == 0:
        return title
    run = _CAPITALISED_RUN.search(title, 0, tw.start())
    return title[run.start() if run else tw.start() :]


@step(
    reads=("employer:leader_of_the_article", "BASED_IN:stated", "BASED_IN:ministry"),
    writes=("employer:ministry_of_title",),
)
def ministry_of_title(e: Employment) -> None:
    """A country's official whose title names a ministry the article names ("Ruritania's
    Environment Secretary A", "the Ruritanian Vice Minister of Industry A" beside "the Ministry of
    Industry and Trade"): that ministry, the organisation the title names, not the country; not a
    ministry of another country."""
    if e.target is None or not e.target.startswith("country:") or not e.title:
        return
    ministry = _portfolio_ministry(e.ctx, e.out, e.title, e.target)
    bare = _BARE_OFFICE.fullmatch(e.title.strip())
    if ministry is None and bare and (not bare.group(1) or bare.group(1) not in vocabulary().portfolio_words):
        ministry = _ministry_nearby(e, e.target)  # (not "Industry Minister": a portfolio read as no title)
    e.target = ministry or e.target


#: the role fillers of a person's employer, in the order they are tried
WORKS_FOR_FILLERS = (
    org_after_name,
    appositive_title,
    title_before_name,
    organisation_before,
    delegation,
    contact_line,
    leader_of_the_article,
    ministry_of_title,
)

#: a title's head word, before or after its portfolio
_OFFICE = r"(?:[Mm]inister|[Ss]ecretary|[Uu]nder-?[Ss]ecretary|[Cc]ommissioner)"
#: "Minister of Energy and Mineral Resources (of the Republic ...)", "Secretary of Mining": the portfolio after
_PORTFOLIO_OF = re.compile(
    _OFFICE + r"(?:\s+of\s+State)?\s+(?:of|for)\s+(?:the\s+)?([A-Z][\w-]*(?:,?\s+(?:(?:and|&)\s+)?[A-Z][\w-]*)*)"
)
#: "Environment Secretary", "Industry, Trade and Transport Minister", "foreign minister": the portfolio before
_PORTFOLIO_PRE = re.compile(
    r"((?:[A-Z][\w-]*,?\s+(?:(?:and|&)\s+)?)+|\b[a-z][\w-]*\s+)" + _OFFICE + r"\b(?!\s+(?:of|for)\b)"
)
#: a ministry's name and its portfolio: "Ministry of Mines (of Ruritania)", "Department of Trade and Industry"
_MINISTRY_OF = re.compile(
    r"(?:(?:State|Federal|Union)\s+)?(?:Ministry|Department|Secretariat|Ministère)\s+(?:of|for)\s+(?:the\s+)?"
    r"([A-Z][\w-]*(?:,?\s+(?:(?:and|&)\s+)?[A-Z][\w-]*)*)"
)
_MINISTRY_AFTER = re.compile(r"([A-Z][\w-]*(?:,?\s+(?:(?:and|&)\s+)?[A-Z][\w-]*)*)\s+(?:Ministry|Department)$")
_WORD = re.compile(r"[A-Za-z][\w-]*")


#: a minister's or secretary's title with no portfolio, perhaps after the country's adjective
#: ("Deputy Minister", "Canadian Assistant Deputy Minister"; not "Prime Minister")
_BARE_OFFICE = re.compile(
    r"(?:(?!Prime\b)([A-Z][\w’'-]*)\s+)?(?:(?:Deputy|Vice|Assistant|First|Senior|Permanent|Principal)[\s-]+)*"
    r"(?:Minister|Secretary|Undersecretary|Under-Secretary)"
)
_MINISTRY_KINDS = frozenset(("ministry", "department", "agency"))


def _ministry_nearby(e: Employment, country: str) -> str | None:
    """The one ministry of ``country`` the sentence names before the person, or the sentence
    before names ("Ruritania's Ministry of Mines said ... . Deputy Minister A said"): whose
    minister a bare title names; a ministry of no country known is the one whose country's name
    stands right before it, else the article's own."""
    ctx = e.ctx
    at = next((i for i, f in enumerate(ctx.found) if f is e.sm), 0)
    home = ctx.dateline if ctx.dateline in ctx.focal[:3] else (ctx.focal[0] if ctx.focal else None)
    based = {r.source: r.target for r in e.out.rels.values() if r.type == "BASED_IN"}
    hits = set()
    for ms in (ctx.found[at - 1].mentions if at > 0 else [], e.sm.mentions[: e.idx]):
        prev: Mention | None = None
        for o in ms:
            ent = ctx.entity(o.entity) if o.entity else None
            if ent is not None and ent.label == "Agency" and ent.props.get("kind") in _MINISTRY_KINDS and not o.inner:
                named = {f"country:{c.lower()}" for c in ent.name_countries}
                owner = prev.entity if prev is not None and prev.label == "Country" and prev.possessive else None
                if country in named or (not named and (based.get(ent.key) or owner or home) == country):
                    hits.add(ent.key)
            prev = o
    return hits.pop() if len(hits) == 1 else None


#: the country's name or adjective opening a ministry's name ("Ruritanian Department of Mines")
_COUNTRY_LEAD = re.compile(
    r"((?:[A-Z][\w.’'-]*\s+){1,3}?)(?=(?:State\s+|Federal\s+|Union\s+)?(?:Ministry|Department)\b)"
)


def _ministry_after_country(name: str) -> re.Match | None:
    """'Ruritanian Department of Environment and Natural Resources': the ministry's name after the
    country that opens it, read as :data:`_MINISTRY_OF` reads a bare one; else none."""
    lead = _COUNTRY_LEAD.match(name)
    if lead is None or countries().lookup(lead.group(1).strip()) is None:
        return None
    return _MINISTRY_OF.match(name, lead.end())


def _portfolio_words(words: str) -> list[str]:
    """A portfolio's words, lower-case and singular, without "and" ("Mines and Energy" -> mine, energy)."""
    got = []
    for w in _WORD.findall(words):
        w = w.lower()
        if w in ("and", "of", "the"):
            continue
        got.append(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return got


def _title_portfolio(title: str) -> list[str]:
    """The portfolio a minister's or secretary's title names, from its first portfolio word
    ("Ruritanian Industry, Trade and Transport Minister" -> industry, trade, transport; "foreign
    minister" -> foreign, affairs), or none."""
    m = _PORTFOLIO_OF.search(title)
    if m is not None:
        return _portfolio_words(m.group(1))
    m = _PORTFOLIO_PRE.search(title)
    if m is None:
        return []
    v = vocabulary()
    known = {w.lower() for w in v.portfolio_words}
    words = _WORD.findall(m.group(1))
    while words and words[0].lower() not in known:
        words.pop(0)  # "Japanese", "Deputy", "Union": not the portfolio
    if len(words) == 1 and words[0].capitalize() in v.short_forms:
        return _portfolio_words(v.short_forms[words[0].capitalize()])
    return _portfolio_words(" ".join(words))


def _portfolio_ministry(ctx: DocContext, out: Out, title: str, country: str) -> str | None:
    """The one ministry the article names whose portfolio opens with the title's and holds all its
    words ("Trade Secretary" -> "Department of Trade and Industry", "Vice Minister of Industry" ->
    "Ministry of Industry and Construction"), not one of a country other than ``country``."""
    words = _title_portfolio(title)
    if not words:
        return None
    iso = country.split(":", 1)[1].upper()
    home = ctx.dateline if ctx.dateline in ctx.focal[:3] else (ctx.focal[0] if ctx.focal else None)
    based: dict[str, set[str]] = {}
    for r in out.rels.values():
        if r.type == "BASED_IN":
            based.setdefault(r.source, set()).add(r.target.split(":", 1)[-1].upper())
    hits = set()
    for ent in ctx.registry.entities.values():
        if ent.label != "Agency":
            continue
        m = _MINISTRY_OF.match(ent.name) or _MINISTRY_AFTER.match(ent.name) or _ministry_after_country(ent.name)
        if m is None:
            continue
        have = _portfolio_words(m.group(1))
        if have[:1] != words[:1] or not set(words) <= set(have):
            continue
        countries_of = {c.upper() for c in ent.name_countries} | based.get(ent.key, set())
        if countries_of and iso not in countries_of:
            continue
        if not countries_of and (country != home or not any(ent.name in sent.text for sent in ctx.sentences)):
            # a ministry of no country known is the article's own (another's is named with its
            # country), and only one the text names in full ("the foreign ministry" may be anyone's)
            continue
        hits.add(ent.key)
    return hits.pop() if len(hits) == 1 else None


#: ", who has served as ...", ", who is ...": a relative clause that gives the title
_WHO_SERVES = re.compile(
    r"who\s+(?:has\s+|had\s+)?(?:served|serves|is|was|works|worked)\s+(?:as\s+)?(?:the\s+|a\s+|an\s+)?"
)
#: ", who heads the X": a relative clause whose verb is the title
_WHO_HEADS = re.compile(
    r"who\s+(?:now\s+|also\s+|currently\s+)?(heads|headed|leads|led|chairs|chaired|runs|ran|directs|directed"
    r"|manages|managed|oversees|oversaw)\s+(?:the\s+)?"
)
#: the title a heading verb gives (by its first three letters; "head" for the others)
_HEAD_TITLE = {"cha": "chair", "dir": "director", "man": "manager"}
_OF_END = re.compile(r"\bof\s+(?:the\s+)?$")
_FROM_ORG = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?")
#: what may follow "<person> of <country>" for the country to be theirs: the end of the phrase
_NAME_ENDS = re.compile(r"(?![’']s)\s*(?:[,;.)]|and\b|[a-z]|$)")
_APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(.{0,240}?)(?=,\s+(?:said|says|told|and\s+an?\b)|[,;.]\s|$)")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
#: a title given by a verb right after a name (past an age): "A has been Ruritania's Minister of Mines
#: since ...", "A, 52, took over as chief executive of Acme in January"; up to a time phrase or a stop
_PREDICATE = re.compile(
    r"(?:,\s+(?:aged\s+)?\d{2},)?\s+(?:has\s+been|had\s+been|became|took\s+over\s+as|was\s+named|was\s+appointed(?:\s+as)?"
    r"|serves\s+as|served\s+as)\s+(?:the\s+|a\s+|an\s+)?"
    rf"(.{{0,240}}?)(?=\s+(?:since|after|until|for|in|from)\s+(?:[a-z\d]|{_MONTH})|[,;.]\s|[.]$|$)"
)
_REVERSE_APPOSITIVE = re.compile(r",\s+$")
_CAPITALISED_TITLE = re.compile(
    r"((?:[A-Z][\w.-]*\s+){0,2}(?:[A-Z][\w-]*\s+(?:(?:of|for)\s+(?:the\s+)?)?(?:[A-Z][\w,-]*\s+(?:and\s+)?){0,4}))$"
)
#: between a country and the title it owns: "Ruritania's Energy and Mines Minister"
_OWNER_GAP = re.compile(r"['’]s?\s+(?:[A-Z][\w-]*\s+(?:and\s+|&\s+)?){1,4}")
_CAPITALISED_LEAD = re.compile(r"(?:[A-Z][\w-]*\s+){1,3}$")
_LOWER_TITLE = re.compile(r"(?<=\S )((?:[a-z][a-z-]*\s+){1,4})$")
#: "Managing director Tomas Riera said": a lowercase title opening the sentence, its first word
#: capitalised for that alone
_OPENING_LOWER_TITLE = re.compile(r"\s*([A-Z][a-z-]+\s+(?:[a-z][a-z-]*\s+){1,3})")
_OF_AT = re.compile(r"\b(?:of|at)\s+(?:the\s+)?$")
#: "Permanent Secretary in the Ministry of X": a civil servant's title "in" the ministry they serve
_SECRETARY_IN = re.compile(r"\b(?:[Ss]ecretary|[Oo]fficer|[Dd]irector|[Aa]dviser|[Oo]fficial)\s+in\s+(?:the\s+)?$")
#: a firm's officer's title alone ("chief executive", "the company's CFO" is read elsewhere)
_FIRM_TITLE = re.compile(
    r"(?:[Tt]he\s+)?(?:[Cc]hief\s+(?:[Ee]xecutive|[Ff]inancial|[Oo]perating)(?:\s+[Oo]fficer)?|CEO|CFO|COO"
    r"|[Mm]anaging\s+[Dd]irector|[Cc]hair(?:man|woman|person)?|[Ff]ounder)"
    r"(?:\s+and\s+(?:[Cc]hief\s+[Ee]xecutive(?:\s+[Oo]fficer)?|CEO|[Mm]anaging\s+[Dd]irector|[Ff]ounder))?"
)
#: a minister's title with a portfolio and nothing else ("Minister for Lands and Natural Resources"):
#: with no ministry named in the article, the minister of the article's country
_PORTFOLIO_TITLE = re.compile(
    r"(?:[Tt]he\s+)?(?:(?:Deputy|Vice|First|State|Cabinet)\s+)?(?:Minister|(?<=Cabinet )Secretary"
    r"|Secretary(?=\s+(?:of|for)\s+(?!State\b|the\b)))\s+"
    r"(?:of\s+State\s+)?(?:of|for)\s+(?!the\b)"
    r"[A-Z][\w-]*(?:,?\s+(?:(?:and|&)\s+)?[A-Z][\w-]*){0,5}"
)
#: (and the other offices of a government or a legislature whose holder the article's country has:
#: "Treasurer A", "Trade Undersecretary A", "opposition senator A", "presidential adviser A")
_LEADER_TITLE = re.compile(
    r"\b(?:[Mm]inister|President|Prime Minister|Secretary|Premier|Treasurer|[Uu]nder-?[Ss]ecretary|[Ss]enator"
    r"|[Ll]awmaker|[Ll]egislator"
    r"|(?:[Pp]residential|[Gg]overnment)\s+(?:[Aa]dvis[eo]r|[Aa]ide|[Ss]pokes(?:man|woman|person)|[Ee]nvoy))\b"
)


_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+")


@step(reads=("employer:ministry_of_title",), writes=("WORKS_FOR", "title"))
def works_for(ctx: DocContext, sent: Sentence, sm: SentenceMentions, out: Out) -> None:
    """Each person's employer, from the first role filler that finds one; the title read is kept;
    then the names a plural title lists share what one of them was read to work for."""
    lists = _plural_title_lists(sent.text, sm.mentions)
    respective = {m: org for names, their in lists if their for m, org in _respective(ctx, sm, names)}
    for idx, p in enumerate(sm.mentions):
        if p.label != "Person" or not p.entity or p.start == p.end:
            continue
        person = ctx.entity(p.entity)
        if person is None or p.entity in ctx.employer_done:
            continue
        if p.entity in respective:
            out.add(p.entity, "WORKS_FOR", respective[p.entity], 0.8, sent.text)
            ctx.employer_done.add(p.entity)
            continue
        e = Employment(ctx, sent.text, sm, idx, out)
        for filler in WORKS_FOR_FILLERS:
            filler(e)
        if e.target is not None:
            if e.target not in ctx.registry.entities and e.target.startswith("country:"):
                # "Salta's Minister ...": the country of a province named only through it
                ctx.registry.add_country(e.target.split(":", 1)[1], sent.index)
            out.add(p.entity, "WORKS_FOR", e.target, 0.8, sent.text)
            ctx.employer_done.add(p.entity)
        if e.title and "title" not in person.props:
            title = _LEADING_ARTICLE.sub("", _title_phrase(e.title.strip(" ,")))
            if 0 < len(title) <= 80:
                person.props["title"] = title
    for names, their in lists:
        if not their:
            _share_employer(ctx, sent, out, names)


#: a plural title right before a list of names ("Foreign Ministers A and B", "their chief executives, A
#: and B", "Vice Ministers of Mines A, B and C"): its head word and the portfolio after it
_PLURAL_TITLE = re.compile(
    r"(?:[Mm]inisters|[Ss]ecretaries|[Aa]mbassadors|[Ee]nvoys|[Cc]ommissioners"
    r"|[Ss]enators|[Gg]overnors|[Pp]residents|[Dd]irectors|[Cc]hairs|[Cc]hairmen|[Cc]hairpersons|[Ee]xecutives|CEOs"
    r"|[Hh]eads|[Ll]eaders|[Dd]eputies)(?:\s+(?:of|for)(?:\s+(?:and\s+)?[A-Z][\w-]*){1,4})?,?\s+$"
)
#: "their" before such a title ("signed by their chief executives, A and B"): each name of another body
_THEIR_BEFORE = re.compile(r"\btheir\s+(?:[\w-]+\s+){0,3}$")
#: "the two ministers, A and B", "both envoys": a title of two sides, each name perhaps of another
_BOTH_SIDES = re.compile(r"\b(?:two|both|three|respective)\s+(?:[\w-]+\s+){0,2}[\w-]+,?\s+$", re.I)
#: between two names of a list: a comma, "and", or both
_NAME_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _plural_title_lists(text: str, ms: list[Mention]) -> list[tuple[list[Mention], bool]]:
    """The lists of two or more people a plural title stands right before, each with whether the
    title is "their" one (each name of another organisation, in turn)."""
    got: list[tuple[list[Mention], bool]] = []
    people = [o for o in ms if o.label == "Person" and o.entity and o.start < o.end]
    i = 0
    while i < len(people):
        run = [people[i]]
        while i + 1 < len(people) and _NAME_LIST_GAP.fullmatch(text, run[-1].end, people[i + 1].start):
            i += 1
            run.append(people[i])
        i += 1
        title = _PLURAL_TITLE.search(text, max(0, run[0].start - 90), run[0].start)
        if len(run) >= 2 and title is not None:
            got.append((run, _THEIR_BEFORE.search(text, max(0, title.start() - 60), title.start()) is not None))
    return got


def _respective(ctx: DocContext, sm: SentenceMentions, names: list[Mention]) -> list[tuple[str, str]]:
    """'A deal between Acme and Beta ... signed by their chief executives, A and B': as many
    organisations as names, named before them in the sentence, and each name the one in its turn."""
    orgs: list[str] = []
    for o in sm.mentions:
        if o.start >= names[0].start:
            break
        if o.label in ("Agency", "Company") and o.entity and not o.inner and o.entity not in orgs:
            orgs.append(o.entity)
    if len(orgs) != len(names):
        return []
    return [(m.entity, org) for m, org in zip(names, orgs, strict=True) if m.entity]


def _share_employer(ctx: DocContext, sent: Sentence, out: Out, names: list[Mention]) -> None:
    """'Foreign Ministers A and B of Ruritania': the one employer read for some names of the list
    (here through "of Ruritania" after the last) is that of the others, who had none."""
    works = out.works_for()
    listed = {m.entity for m in names}
    # (read here: one read in an earlier sentence may be of one side of "Ministers A and B" only)
    found = {r.target for r in out.in_sentence(sent.text, "WORKS_FOR") if r.source in listed}
    if len(found) != 1 or _BOTH_SIDES.search(sent.text, max(0, names[0].start - 60), names[0].start):
        return
    employer = found.pop()
    for m in names:
        if m.entity and not works.get(m.entity) and m.entity not in ctx.employer_done:
            out.add(m.entity, "WORKS_FOR", employer, 0.8, sent.text)
            ctx.employer_done.add(m.entity)
