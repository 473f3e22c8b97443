"""Named patterns the relation rules share: the trigger words of English news phrasing.

Each pattern is tested in ``tests/test_relation_patterns.py`` with what it matches and
what it must not.  Patterns built from word lists in ``loaders/reference`` (agreement
kinds, demonyms, titles, company cues) are compiled once, on first use, by
:func:`vocab_patterns`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress

from minegraph.loaders.gazetteer import alternation, countries, minerals, vocabulary, word_led, word_led_ci

# --- trigger words ----------------------------------------------------------------------

#: phrasings of who came to a meeting that :data:`PARTICIPATION` and the events rule's cue of an
#: unnamed meeting (``events._ATTENDED``) share, defined once: "sent their ministers", "speakers
#: included", "among the ministers who flew in were", "was represented by"
SENT_DELEGATES = (
    r"sen[dt]s?\s+(?:their|its|a|an|the)?\s*(?:[\w-]+\s+)?(?:ministers?|delegations?|delegates|envoys|representatives"
    r"|observers?)"
)
SPEAKERS_LISTED = (
    r"(?:speakers|panell?ists|guests|participants)\s+(?:also\s+)?(?:included|were)|among\s+the\s+(?:speakers|panell?ists|guests)"
)
AMONG_ATTENDEES = (
    r"among\s+(?:the\s+)?(?:leaders|ministers|officials|heads\s+of\s+(?:state|government)|delegations)"
    r"(?:\s+who\s+[^,;.]{1,40}?)?\s+(?:were|was)\b"
)
REPRESENTED_BY = (
    r"(?:was|were)\s+represented\s+by"
    # "A and B represented their governments": they came on their countries' behalf
    r"|represent(?:ed|ing)\s+(?:their|his|her|its)\s+(?:governments?|countries|country|ministr(?:y|ies)|delegations?)"
)

#: who sat at a meeting: "Around the table were A and B", "seated at the table were"
AROUND_THE_TABLE = r"(?:around|at|round)\s+the\s+(?:negotiating\s+)?table\s+(?:were|was|sat)"

#: someone took part in a meeting: "attended", "delegates", "spoke at", "on hand"
PARTICIPATION = re.compile(
    word_led_ci(
        r"attended|attending|attendees|participat\w+|in attendance|brought together|bringing together|drew|draws"
        r"|among\s+the\s+participants|delegations?|delegates|took part|joined|gathered"
        r"|" + SENT_DELEGATES + r"|" + SPEAKERS_LISTED
        + r"|(?:officials|representatives|experts|ministers|leaders|participants|executives) (?:from|of)"
        r"|" + AMONG_ATTENDEES
        + r"|speak(?:s|ing)? (?:at|during|on the (?:opening|closing|first|second|last|final) day|to delegates)"
        r"|spoke (?:at|during|to delegates)|said at|presented(?!\s+by)|featured"
        # a seated meeting's list of who came: "Around the table were A, B and C"
        r"|" + AROUND_THE_TABLE
        # a list of who came: "the leaders who flew to X were ...", "heads of state included ..."
        + r"|" + REPRESENTED_BY + r"|(?:leaders|heads of (?:state|government)|dignitaries)"
        r"\s+(?:who\s+(?:travell?ed|came|flew)\s+to|included|were)"
    )
    + r"\b"
)
#: an actor organises a meeting: "hosts", "convened", "in collaboration with"
ORGANIZER = re.compile(
    word_led_ci(
        r"hosts?|hosted|holds|held|organi[sz]ed|organi[sz]es|organi[sz]ing|convened|convenes|co-hosted"
        r"|co-organi[sz]ed|in collaboration with|sponsored|launched"
    )
    + r"\b"
)
#: an actor leads a body, meeting or initiative: "chairs", "headed", "spearheads"
LEADS = re.compile(
    word_led_ci(
        r"chairs?|chaired|chairing|leads?|led|leading|heads?|headed|heading|spearhead\w*|presides? over"
        r"|presided over|presiding over|is set to head|is set to lead|will lead|will chair"
    )
    + r"\b"
)
#: two actors work together: "cooperate", "joint exploration", "partner with", "ties with"
COOPERATION = re.compile(
    word_led_ci(
        r"cooperat\w+|co-operat\w+|collaborat\w+"
        r"|joint (?:[\w-]+\s+){0,2}(?:research|exploration|development|work|study|studies|projects?|ventures?)"
        r"|partner(?:ship|s|ing)? with|ties with|working with|work with|alliances? with|allied with|allies with"
    )
)
#: between two actors named together: "A and B", "A, B and C", "A & B"
ACTORS_JOIN = re.compile(r"\s*(?:,|and|,\s*and|&)\s*(?:the\s+)?")
#: "mining" naming the topic of a tie, a meeting or an office ("deepen mining ties", "a mining
#: pact", "the mining minister") says nothing of who holds a mineral
_MINING_AS_TOPIC = (
    r"(?!\s+(?:ties|relations|cooperation|collaboration|partnerships?|pacts?|deals?|agreements?|accords?|talks"
    r"|dialogue|diplomacy|forums?|conferences?|summits?|week|ministers?|ministry|ministries)\b)"
)
#: a country holds or works a mineral: "reserves", "rich in", "producer", "mining", "output", "exports"
RESOURCE = re.compile(
    word_led_ci(
        r"reserves?|deposits?|export(?:s|ed|ing|ers?)?|rich in|holds? abundant|abundant|resources|home\s+to"
        r"|(?:in\s+(?:commercial|large|significant|vast|huge|economic|sizeable)\s+)?quantities"
        r"|produc(?:e|es|ed|ing|er|ers|tion)|mines?|miners?|mined|mining"
        + _MINING_AS_TOPIC
        + r"|exploring|explore|explores|exploration of|output|endowed|resources of|refin(?:es|ing)|mineral wealth"
        r"|mineral riches|mineral resources|top (?:[\w-]+ )?producer|suppl(?:ies|ied|iers?|ying)|provides"
    )
    + r"\b"
)

#: an agreement's status from the verbs of its clause, tried in this order
_STATUS_RX: tuple[tuple[str, str], ...] = (
    (
        "under_discussion",
        r"discussions? (?:are|is|were) (?:underway|under way|ongoing)|in talks|negotiat\w+|under discussion"
        r"|discussing|discuss(?:ed)? (?:signing|a|an|the)|early discussion|consider(?:ing)? (?:signing|a)",
    ),
    ("proposed", r"propos\w+|suggested"),
    (
        "planned",
        r"prepar\w+ to|plans? to|planning to|will sign|to sign|expected to|set to|upcoming|aims? to|intends? to"
        r"|would sign|agreed to|to materiali[sz]e|will be signed|to be signed|opening of"
        r"|(?:and|will|would|to) (?:\w+ ){0,6}?sign",
    ),
    (
        "signed",
        r"sign(?:ed|ing|ings|s)|inked|finali[sz]ed|concluded|sealed|entered into|struck|clinched|reached|agreed"
        r"|announc\w*|completed|renew(?:ed|ing)|extend(?:ed|ing)"
        # "A and B adopted a joint statement" (not "a statement adopted at the forum": by whom, untold;
        # nor "adopted an action plan": a group's own plan, whoever else it names)
        r"|(?:adopt(?:ed|s)|endorsed)\s+(?:a|an|the|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|declaration|communiqu)",
    ),
    ("launched", r"launch\w*|establish\w*|formed|created|unveil\w*|introduced|started|began|operat\w+"),
)
STATUS: tuple[tuple[str, re.Pattern], ...] = tuple((s, re.compile(word_led_ci(rx) + r"\b")) for s, rx in _STATUS_RX)

# --- shapes of a sentence ---------------------------------------------------------------

#: "the new initiative", "a regional partnership": an agreement referred to by its head word
AGREEMENT_ANAPHOR = re.compile(
    word_led_ci("the|a|an|this")
    + r"(?i:\s+(?:[\w-]+\s+){0,3}?(initiative|partnership|framework|alliance|forum|platform|pact)\b)"
)
#: an actor's relation to a named agreement: "joined", "signed", "under", "backs"
PARTY_CUE = re.compile(
    word_led_ci(
        r"through|under|join\w*|sign\w*|launch\w*|member\w*|part of|partner\w*|participat\w*|via|adopt\w*"
        r"|endors\w*|led|lead\w*|chair\w*|head\w*|introduc\w*|propos\w*|establish\w*|form(?:ed|ing)|plans?|back\w*"
    )
    + r"\b"
)
#: where a sentence splits into clauses
_CLAUSE_BREAKS = r",\s+(?:and|while|whereas|but|as|amid|after|because|although)\s+|;\s+|,\s+(?=which\b)"
CLAUSE_SPLIT = re.compile(_CLAUSE_BREAKS + r"|\s+and\s+that\s+")
#: the same without its "and that" branch, for a sentence without "that" (the branch never matches
#: there; without it the scan skips in C from one comma or semicolon to the next, not space by space)
CLAUSE_SPLIT_NO_THAT = re.compile(_CLAUSE_BREAKS)
#: lowercase words that cannot stand between two items of a list of names ("A and another with B",
#: "A and then to B"): the second name is the complement of another phrase, not a list item
NOT_IN_A_NAME = (
    r"(?:with|another|to|from|by|in|on|for|of|at|into|signed|said|says|will|would|has|have|had|is|are|was"
    r"|were|who|which|that)\b"
)
#: a negated signing before an agreement word: "did not sign the plan", "declined to join the pact"
NEGATED_SIGNING = re.compile(word_led_ci(
    r"(?:not|never|n['’]t|no\s+longer|neither|nor|none\s+of\s+them|declined\s+to|refused\s+to|withdrew\s+from"
    r"|pulled\s+out\s+of)\s+"
    r"(?:[a-z]+\s+){0,2}?(?:sign|join|endorse|ratify|back|adopt|agree\s+to|be\s+part\s+of|be\s+party\s+to)\w*\s+"
    r"(?:[\w-]+\s+){0,3}$|(?:withdrew|pulled\s+out)\s+(?:from|of)\s+(?:[\w-]+\s+){0,3}$"
))
#: "any later joint venture", "any such deal": an agreement word that names no agreement in particular
ANY_AGREEMENT = re.compile(word_led(r"[Aa]ny|opportunities\s+for|prospects\s+for") + r"\s+(?:[\w-]+\s+){0,2}$")
#: after an agreement word, what it is in is no particular thing: "a majority stake in any project"
IN_ANY = re.compile(r"\s+(?:in|of|with)\s+any\b")
#: "the two countries", "both sides"
TWO_COUNTRIES = re.compile(
    word_led_ci(r"the\s+(?:two|both)|two|both") + r"(?i:\s+(?:countries|nations|sides|governments)\b)"
)
#: after a demonym, the words that make it an actor ("the Chilean government")
#: "three Australian companies", "a Freedonian battery maker": firms from a country, not the country
DEMONYM_GROUP = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:compan(?:y|ies)|firms?|miners?|producers?|investors?|banks?|groups?|developers?"
    r"|businesses|corporations?|traders?|refiners?|smelters?|manufacturers?|buyers?|partners?|conglomerates?"
    r"|giants?|(?:car|auto|battery|steel)?makers?|suppliers?|lenders?|owners?|operators?)\b"
)
#: before a list of countries, firms from them: "investors from A, B and C", "companies based in A"
ORIGIN_GROUP = re.compile(
    r"\b(?:compan(?:y|ies)|firms?|miners?|producers?|investors?|banks?|developers?|businesses|corporations?"
    r"|traders?|refiners?|manufacturers?|buyers?|suppliers?|lenders?)\s+(?:from|based\s+in)\s+(?:the\s+)?$"
)
DEMONYM_ACTOR = re.compile(r"^\s+(?:government|administration|side|delegation|officials|authorities)\b", re.I)
#: before an actor the agreement is meant to guard against: "reduce reliance on", "away from", "other than"
COUNTERWEIGHT = re.compile(
    word_led_ci(
        r"relian\w*\s+on|dependen\w*\s+on|depend\w*\s+on|away\s+from|independen\w*\s+from|other\s+than"
        r"|outside(?:\s+of)?|rather\s+than|instead\s+of|alternatives?\s+to"
        r"|dominance\s+(?:of|by)|grip\s+(?:of|by)|stranglehold\s+(?:of|by)|monopoly\s+(?:of|by)|dominated?\s+(?:of|by)"
    )
    + r"(?i:\s+(?:[\w-]+\s+){0,4}?(?:from\s+)?(?:the\s+)?$)"
)
#: after an actor, what makes it the one guarded against: "Ruritania's dominance", "Ruritania-dominated"
DOMINANCE = re.compile(r"(?:['’]s?\s+(?:[\w-]+\s+){0,2}?(?:dominance|grip|stranglehold|monopoly)|-dominated)\b", re.I)


def guarded_against(text: str, start: int, end: int) -> bool:
    """Whether the actor at ``start:end`` is named as what an agreement guards against."""
    return bool(COUNTERWEIGHT.search(text, max(0, start - 60), start) or DOMINANCE.match(text, end))


#: before an employer in a title: "director of the X", "analyst at consultancy X"
EMPLOYER_BEFORE = re.compile(
    # "of Ruritanian recycler Acme", "at Lima-based consultancy Acme": a capitalised word that describes the firm
    # ("of Perth-based Acme": a place that bases the firm, whatever follows it)
    # ("at Dar es Salaam brokerage Acme": a place's name of several words, particles between)
    r"\b(?:of|at|for|with|from)\s+(?:the\s+)?(?:[A-Z][\w.-]*['’]s\s+|[A-Z][\w.]*-based\s+"
    r"|(?:[A-Z][\w.-]*\s+(?:(?:es|de|del|da|do|la|el)\s+)?){1,3}(?=[a-z]))?"
    r"(?:[a-z][\w-]*\s+){0,5}$"
)
#: the end of the text before a mention that a source is being quoted: "according to (the)"
ACCORDING_TO = re.compile(r"\baccording to\s+(?:the\s+)?$")


#: agreement kinds news writes in more than one way, each with its kind
#: what must follow a deal word for it to name a deal ("an investment in X", "the acquisition of X")
_BEFORE_IN = r"(?=\s+(?:of\s+\S+\s+(?:\S+\s+)?)?(?:in|from)\s)"  # "an investment of $50m from X"
_BEFORE_OF = r"(?=\s+of\s)"
_BEFORE_WITH = r"(?=\s+(?:with|from)\s)"  # "a $150 million facility with B"
AGREEMENT_FORMS: tuple[tuple[str, str], ...] = (
    # "memorandum of mutual understanding", "memoranda of understanding and cooperation"
    (r"[Mm]emorand(?:um|a|ums)\s+of\s+(?:[\w-]+\s+){0,2}?(?:[Uu]nderstanding|[Cc]ooperation)", "mou"),
    # "signed four memoranda with A, B and C", "a memorandum on ...": the bare head is the same instrument
    (r"[Mm]emorand(?:um|a|ums)", "mou"),
    # "letter of intent", "statement of intent", "declaration of intent"
    (r"(?:[Ll]etters?|[Ss]tatements?|[Dd]eclarations?)\s+of\s+[Ii]ntent", "mou"),
    # "a US$500 million loan", "a loan", "a credit facility"
    (r"loans?|credit\s+facilit(?:y|ies)|financing\s+package", "loan"),
    # "a $250 million line of credit", "a letter of support for project debt", "a mandate letter to arrange
    # debt", "a $150 million facility with B" (money before it and a lender or borrower after: not a plant)
    (
        r"lines?\s+of\s+credit|credit\s+lines?|letters?\s+of\s+support|mandate\s+letters?"
        r"|(?:debt|guarantee|financing|loan)\s+facilit(?:y|ies)|(?:million|billion)\s+facility" + _BEFORE_WITH,
        "loan",
    ),
    # "a share purchase agreement", "the sale and purchase agreement for the shares": a firm bought, not its output
    (r"(?:share|stock|equity|asset)\s+(?:sale\s+and\s+)?purchase\s+agreements?", "acquisition"),
    # "offtake deal", "supply contract", "service contract"
    (r"(?:off-?take|supply|sales?|service|purchase)\s+(?:agreements?|deals?|contracts?)", "offtake"),
    # "A agreed to supply M to B": a supply agreement told by its verb
    (r"agreed\s+to\s+(?:supply|sell|deliver)", "offtake"),
    # "signed a five-year offtake with B": the bare noun (not "offtake rights", "the offtake of X")
    (r"off-?takes?(?![\w-]|\s+(?:agreements?|deals?|contracts?|rights?|arrangements?|partners?|volumes?|of|from)\b)",
     "offtake"),
    # "an amendment to the contract"
    (r"amendments?\s+to\s+(?:the\s+|a\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:contract|agreement|deal)", "amendment"),
    # "a 30% stake", "a minority stake", "a controlling interest", "a 20 per cent slice", "a 5% holding"
    (
        r"(?:\d+(?:\.\d+)?\s*(?:%|per\s*cent|percent)|majority|minority|controlling)"
        r"\s+(?:stake|interest|share|slice|holding|shareholding)",
        "stake",
    ),
    # a deal told by what it does: "a $500 million investment in X", "the acquisition of X", "a term sheet"
    (r"(?:equity\s+)?investments?" + _BEFORE_IN, "investment"),
    (r"(?:acquisitions?|takeover|purchases?)" + _BEFORE_OF, "acquisition"),
    (r"mergers?", "merger"),
    (r"term\s+sheets?", "mou"),
    (r"convertible\s+(?:notes?|bonds?)", "investment"),
)
_FORM_PATTERNS = tuple(
    (re.compile(rx.replace(_BEFORE_IN, "").replace(_BEFORE_OF, "").replace(_BEFORE_WITH, "") + r"$"), kind)
    for rx, kind in AGREEMENT_FORMS
)


#: where a sentence turns to another agreement: "X covers A, while the Y one covers B"; "...; the Z deal ..."
_SEGMENT_BREAK = re.compile(r",?\s+(?:while|whereas)\s+|;\s+(?:and\s+)?|,\s+and\s+(?=the\s)")
#: a part of a sentence that opens by naming an agreement by one of its parties: "the Moroccan one
#: covers", "The memorandum with Chile covers", "the Egyptian memorandum includes"
_CHOSEN = re.compile(
    r"\s*(?:[Tt]he|[Tt]hose|[Tt]hat)\s+(?:(?P<adj>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)\s+)?"
    r"(?:one|ones|memorand(?:um|a)|MoUs?|MOUs?|agreements?|deals?|accords?|pacts?|partnerships?|contracts?)"
    r"(?:\s+with\s+(?P<with>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?))?"
    r"\s+(?:also\s+|will\s+)?(?:covers?|includes?|focus(?:es)?\s+on|concerns?|cover)\b"
)


def chosen_party(text: str, mentions, pos: int) -> str | None:
    """The country whose agreement the part of the sentence around ``pos`` speaks of, when that
    part opens by naming it ("the Moroccan one covers ..."), else None."""
    start = max((m.end() for m in _SEGMENT_BREAK.finditer(text, 0, pos)), default=0)
    m = _CHOSEN.match(text, start)
    if m is None:
        return None
    span = m.span("adj") if m.group("adj") else m.span("with")
    if span[0] < 0:
        return None
    return next(
        (o.entity for o in mentions if o.label == "Country" and o.entity and span[0] <= o.start < span[1]), None
    )


_COMPOUND_GAP = re.compile(
    r"\s|-|\s+to\s+(?:set\s+up|establish|form|create|launch)\s+(?:a|an)\s+(?:new\s+|[\w-]+-owned\s+)?"
)


#: an MoU and the partnership it is on: "a memorandum of understanding on a strategic partnership",
#: "an MoU for a partnership on raw materials"
_MOU_END = re.compile(r"(?i:memorand\w*(?:\s+of\s+understanding)?|mou)(?:\s*\([^()]{1,12}\))?$")
_ON_A = re.compile(r"\)?\s+(?:on|for)\s+(?:a|an)\s+(?:[a-z][\w-]*\s+){0,2}")
_PARTNERSHIP = re.compile(r"(?:[a-z][\w-]*\s+){0,2}partnership\b", re.I)


def one_agreement(text: str, end: int, start: int) -> bool:
    """Whether the agreement word at ``start`` continues the one that ends at ``end`` as one
    agreement: nothing but a space or a hyphen between them ("a framework agreement", "a
    partnership-deal"), what the first sets up ("an agreement to set up a joint venture"), or the
    partnership an MoU is on ("an MoU on a strategic partnership": one agreement, told by both). The
    rule deals and the frames both read a compound so (the third reader of :func:`agreement_words`,
    the deals told by a verb, skips any clause with one)."""
    if _COMPOUND_GAP.fullmatch(text, end, start) is not None:
        return True
    return (
        _ON_A.fullmatch(text, end, start) is not None
        and _PARTNERSHIP.match(text, start) is not None
        and _MOU_END.search(text, max(0, end - 40), end) is not None
    )


def agreement_kind(word: str) -> str:
    """The kind of an agreement keyword ('MoU' -> 'mou', 'a 30% stake' -> 'stake')."""
    kinds = vocabulary().agreement_kinds
    if word in kinds:
        return kinds[word]
    if word.lower() in kinds:
        return kinds[word.lower()]
    for rx, kind in _FORM_PATTERNS:
        if rx.match(word):
            return kind
    return "agreement"


_LEADING_DETERMINER = re.compile(r"^(?:[Tt]he|[Tt]his|[Aa]n?)\s+")


def is_generic_agreement(name: str) -> bool:
    """Whether a capitalised agreement name is only a kind word ("the Memorandum of Understanding",
    "Memorandum"): no name of its own, so the agreement is known by its parties."""
    words = _LEADING_DETERMINER.sub("", name.strip())
    low = words.lower()
    kinds = vocabulary().agreement_kinds
    if low in kinds or low in ("memorandum", "memoranda", "agreement", "accord", "treaty", "declaration"):
        return True
    return any(rx.match(words) for rx, _kind in _FORM_PATTERNS if _kind in ("mou",))


#: what an agreement is about rather than whose it is: a name made of these, kind words, minerals and
#: linking words alone ("the Critical Minerals Strategy", "the Raw Materials Partnership") is no
#: name of its own (one of every government's strategies), where "the Valdor Corridor" is
_TOPIC_WORDS = frozenset(
    "critical strategic minerals mineral raw materials material metals metal national security supply supplies"
    " chain chains value sustainable battery batteries energy mining mines resources resource cooperation"
    " comprehensive new joint green clean economic industrial industry development investment trade processing"
    " transition policy act law programme program action rare earth earths".split()
)
_LINKING_WORDS = frozenset(("of", "on", "for", "and", "in", "the", "a", "an", "to", "&"))
#: a short form of its own ("MSP"), a leading "the", the words of a name
_SHORT_FORM = re.compile(r"[A-Z]{2,6}")
_LEADING_THE = re.compile(r"^(?:[Tt]he)\s+")
_NAME_WORD = re.compile(r"[\w&-]+")


@lru_cache(maxsize=1)
def _kind_words() -> frozenset[str]:
    v = vocabulary()
    words = {w for kind in v.agreement_kinds for w in kind.lower().split()}
    words |= {h.lower() for h in v.agreement_name_heads} | set(v.agreement_lower_heads)
    return frozenset(words)


def generic_agreement_name(name: str, aliases: Iterable[str] = ()) -> bool:
    """Whether an agreement's name is only kind, topic and mineral words ("Critical Minerals
    Strategy", "National Cobalt Strategy"): many governments' instruments bear it, so it tells
    whose it is no more than "the strategy" would. A country written in it, a word of its own
    ("Valdor Corridor") or a short form of its own ("MSP") makes it one agreement's name."""
    if any(_SHORT_FORM.fullmatch(a) for a in aliases):
        return False
    words = _NAME_WORD.findall(_LEADING_THE.sub("", name.strip()))
    if not words or countries().pattern.search(name):
        return False
    known = _kind_words() | _TOPIC_WORDS | _LINKING_WORDS
    mins = minerals().minerals
    return all(w.lower() in known or w.lower() in mins or w.lower().rstrip("s") in mins for w in words)


@dataclass(frozen=True)
class VocabPatterns:
    """Patterns built from the reference word lists."""

    #: "<demonym> companies, including A, B and C"
    demonym_list: re.Pattern
    #: an agreement kind word ("memorandum of understanding", "offtake agreement", "deal")
    agreement_kw: re.Pattern
    #: "the forum", "the two-day summit": a meeting named by its head word
    event_anaphor: re.Pattern
    #: "on the sidelines", "keynote": words that place a sentence at the article's event
    event_context: re.Pattern
    #: the words between a country and the organisation it describes ("state-owned miner")
    cue_gap: re.Pattern
    #: a title word ("minister", "chief executive")
    title_word: re.Pattern


@lru_cache(maxsize=1)
def vocab_patterns() -> VocabPatterns:
    v = vocabulary()
    demonyms = alternation(s for s, (iso, kind) in countries().surfaces.items() if kind == "demonym")
    got = VocabPatterns(
        demonym_list=re.compile(
            r"(?<![\w-])(" + demonyms + r")\s+(?:[\w-]+\s+){0,2}?(?:companies|firms|corporations|groups|"
            r"developers|traders|smelters|refiners|enterprises|businesses|miners|producers|banks|investors)\b"
            r"[’']?,?\s+(?:including|such as|like|namely)\s+"
        ),
        agreement_kw=re.compile(
            r"(?<![\w-])(?:"
            + "|".join(rx for rx, _kind in AGREEMENT_FORMS)
            + "|"
            + alternation(set(v.agreement_kinds) | {k[:1].upper() + k[1:] for k in v.agreement_kinds if k.islower()})
            + r")(?![\w-])"
        ),
        event_anaphor=re.compile(
            # "the summit", "the three-day conference", "this year's 5th forum" (not "the next meeting": another one)
            r"\b(?:[Tt]he|(?:[Tt]his|[Ll]ast)\s+(?:year|week|month)['’]s)\s+"
            r"(?:(?:inaugural|first|second|third|fourth|fifth|annual|biennial|\d+(?:st|nd|rd|th)|[a-z]+-day|week-long"
            r"|opening|closing|high-level|bilateral|trilateral|latest|recent|virtual|same)\s+)*("
            + alternation(v.event_anaphors)
            + r")\b"
        ),
        event_context=re.compile(r"\b(?:" + alternation(v.event_context_anaphors, ignorecase=True) + r")\b", re.I),
        cue_gap=re.compile(
            r"\s+(?:[a-z][\w-]*\s+){0,3}(?:"
            + alternation(v.company_cues | v.agency_cues | {"state-owned", "state-run"})
            + r")\s+"
        ),
        title_word=re.compile(
            r"\b(?:" + alternation(v.title_words_lower | {t.lower() for t in v.titles}, ignorecase=True) + r")\b", re.I
        ),
    )
    # the words the scans for meetings need (the agreement words are too many to be worth a test)
    NEEDS[got.event_anaphor] = tuple(sorted(v.event_anaphors))
    NEEDS[got.event_context] = tuple(w.lower() for w in sorted(v.event_context_anaphors))
    return got


# --- scans of a sentence that several rules and frames read: each made once per sentence ------


@lru_cache(maxsize=2048)
def lowered(text: str) -> str:
    return text.lower()


#: for the patterns every sentence is scanned with, words one of which each of their matches
#: holds (in lower case): a sentence without any of them is not scanned (a substring test costs
#: a small fraction of a scan; tests/test_relation_patterns.py checks the words cover the patterns)
NEEDS: dict[re.Pattern, tuple[str, ...]] = {
    LEADS: tuple("chair|lead|led|head|presid".split("|")),
    PARTICIPATION: tuple(
        "attend|particip|together|drew|draws|delegat|from|took part|joined|gathered|speak|spoke|said at|presented"
        "|featured|leaders|heads of|dignitaries|represent|ministers|participants|executives|officials|experts"
        "|speakers|panel|guests|sent|send|among|table".split("|")
    ),
    ORGANIZER: tuple("host|hold|held|organi|conven|collaboration|sponsored|launched".split("|")),
    COOPERATION: tuple("operat|collaborat|joint|partner|ties|work|allie|alliance".split("|")),
    RESOURCE: tuple(
        "reserve|deposit|export|quantities|rich|abundant|produc|mine|mining|explor|output|endowed|resources|refin|home"
        "|mineral|top|suppli|supplying|provides".split("|")
    ),
    AGREEMENT_ANAPHOR: tuple("initiative|partnership|framework|alliance|forum|platform|pact".split("|")),
    TWO_COUNTRIES: ("two", "both"),
}


#: id(pattern) -> (the pattern, the test of its needed words): looked up by identity, as a
#: compiled pattern hashes its whole program on every lookup (microseconds for a long one)
_NEEDED: dict[int, tuple[re.Pattern, re.Pattern | tuple[str, ...]]] = {}


def _needed(rx: re.Pattern) -> re.Pattern | tuple[str, ...]:
    """A few words are tested one by one (a substring test each), more with one pattern (a
    trie: each character tried once)."""
    got = _NEEDED.get(id(rx))
    if got is None or got[0] is not rx:
        words = NEEDS[rx]
        got = _NEEDED[id(rx)] = (rx, words if len(words) <= 6 else re.compile(alternation(words)))
    return got[1]


def holds_any(text: str, words) -> bool:
    """Whether ``text`` holds one of ``words`` (substrings): a plain loop, which costs about half
    of ``any(w in text for w in words)`` (a generator under ``any`` costs more than the tests)."""
    for w in words:
        if w in text:
            return True
    return False


def may_hold(rx: re.Pattern, text: str) -> bool:
    """Whether ``text`` holds one of the words every match of ``rx`` needs (see :data:`NEEDS`).

    Called for every sentence and each of a dozen patterns: the lookup of the words is inlined
    and they are tried in a plain loop (a generator under ``any`` costs more than the tests)."""
    got = _NEEDED.get(id(rx))
    need = got[1] if got is not None and got[0] is rx else _needed(rx)
    low = lowered(text)
    if isinstance(need, tuple):
        for w in need:
            if w in low:
                return True
        return False
    return need.search(low) is not None


def finds(rx: re.Pattern, text: str, pos: int = 0, endpos: int | None = None):
    """``rx.finditer`` over a sentence, skipping the scan when the sentence cannot hold a match."""
    if not may_hold(rx, text):
        return iter(())
    return rx.finditer(text, pos, len(text) if endpos is None else endpos)


def holds(rx: re.Pattern, text: str) -> re.Match | None:
    """``rx.search`` over a sentence, skipping the scan when the sentence cannot hold a match."""
    return rx.search(text) if may_hold(rx, text) else None


#: sentence -> its agreement words (several rules and the frames read them)
_AGREEMENT_WORDS: dict[str, tuple[re.Match, ...]] = {}
#: the words each of :data:`AGREEMENT_FORMS` can start with, in lower case (a number starts "a 30% stake")
_FORM_STARTS = frozenset(
    "memorandum memoranda memorandums letter letters statement statements declaration declarations loan loans "
    "credit financing off-take off-takes offtake offtakes supply sale sales service purchase purchases amendment "
    "amendments majority "
    "minority controlling equity investment investments acquisition acquisitions takeover merger mergers term "
    "convertible agreed share stock asset line lines credit mandate debt guarantee million billion".split()
)


@cache
def _agreement_starts() -> frozenset[str]:
    return _FORM_STARTS | {k.split()[0].lower() for k in vocabulary().agreement_kinds}


def agreement_words(text: str, tokens=None) -> tuple[re.Match, ...]:
    """Every agreement word of a sentence ("MoU", "deal", "memorandum of understanding").

    With the sentence's tokens, the pattern is tried only where one of them starts with a word
    an agreement word can start with (or inside a token after an apostrophe, a stop or "&", which
    the pattern also allows): the same matches as a scan of the whole sentence, at a fraction of
    its cost (``tests/test_relation_patterns.py`` compares the two)."""
    got = _AGREEMENT_WORDS.get(text)
    if got is None:
        rx = vocab_patterns().agreement_kw
        got = tuple(rx.finditer(text)) if tokens is None else _agreement_words_at(text, tokens, rx)
        got = tuple(
            m
            for m in got
            if not _in_a_name(text, m)
            and not _untold_plural(text, m)
            and not _said_in(text, m)
            and not FRAMEWORK_OF.match(text, m.start())
        )
        if len(_AGREEMENT_WORDS) > 4096:
            _AGREEMENT_WORDS.clear()
        _AGREEMENT_WORDS[text] = got
    return got


#: "within the framework of the visit": a way of speaking; an agreement after "of" is read by its own word
FRAMEWORK_OF = re.compile(r"framework\s+of\b")


#: a capitalised word right before a word: "Commissioner for International Partnerships"
_CAPITAL_BEFORE = re.compile(r"(?<![\w-])(?!(?:The|These|Those|Its|Their|Our|All|New)\s)[A-Z][\w-]*\s+$")


def _in_a_name(text: str, m: re.Match) -> bool:
    """A capitalised plural agreement word after a capitalised word is a word of a name (a
    portfolio, "Commissioner for International Partnerships"), not agreements told."""
    return (
        m.group().istitle()
        and PLURAL_AGREEMENT.fullmatch(m.group()) is not None
        and _CAPITAL_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
    )


#: plural kind words a later "the agreement", "the deal", "the MoUs" may refer back to even when they
#: tell no agreement themselves ("open to deals that could ..."): the others tell agreements only signed
_REFERABLE_PLURALS = re.compile(r"(?:deals|agreements|MOUs|MoUs|memorand\w*|letters|statements|declarations)\b", re.I)
#: a signing verb before a plural kind word in its clause, and no determiner that refers back
_SIGNED_BEFORE = re.compile(
    r"\b(?:sign(?:ed|s|ing)?|inked|struck|concluded|sealed|agreed(?:\s+on)?)\s+(?!(?:the|these|those|its|their)\b)"
    r"(?:[\w$.,%-]+\s+){0,4}$",
    re.I,
)


#: "both firms said in a joint statement": where something was said, not what was agreed
_SAID_IN = re.compile(r"\bin\s+(?:a|an|the|their|its)\s+(?:[\w-]+\s+)?$", re.I)
_STATEMENT = re.compile(r"(?:statements?|communiqu[eé]s?)$", re.I)


def _said_in(text: str, m: re.Match) -> bool:
    """A statement or communiqué something was said in ("A and B said so in a joint statement"): the
    channel of the news, not an agreement."""
    word = m.group()
    return _STATEMENT.search(word) is not None and _SAID_IN.search(text, max(0, m.start() - 30), m.start()) is not None


def _untold_plural(text: str, m: re.Match) -> bool:
    """A plural of a kind nothing refers back to ("partnerships", "pacts", "contracts") that no
    signing verb tells ("building partnerships", "the new partnerships", "standing contracts"):
    the kind, not agreements ("A has signed similar partnerships with B and C" tells two)."""
    word = m.group()
    if PLURAL_AGREEMENT.search(word) is None or _REFERABLE_PLURALS.search(word):
        return False
    return _SIGNED_BEFORE.search(text, max(0, m.start() - 80), m.start()) is None and not signed_after(
        text, m.end(), bare=True
    )


#: after a plural kind word, a relative clause whose subject signed them with others: "the
#: partnerships (on raw materials) that the Union has signed with A and B"
RELATIVE_SIGNER = re.compile(r"(?:\s+(?:on|for|in)(?:\s+[\w-]+,?){1,6}?)?\s+(?:that|which)\s+(?:the\s+)?(?=[A-Z])")
#: the same with no relative pronoun: "partnerships the Union has signed with A and B"
BARE_RELATIVE_SIGNER = re.compile(
    r"(?:\s+(?:on|for|in)(?:\s+[\w-]+,?){1,6}?)?\s+(?:(?:that|which)\s+)?(?:the\s+)?(?=[A-Z])"
)
#: the verb of such a clause and the "with" of its counterparts
SIGNED_WITH = re.compile(
    r"\s+(?:has\s+|have\s+|had\s+)?(?:already\s+|also\s+|recently\s+)?(?:signed|concluded|struck|sealed|agreed|inked)"
    r"\s+with\s+(?:the\s+)?"
)
_SIGNED_AFTER = re.compile(RELATIVE_SIGNER.pattern + r"[^,;]{1,60}?" + SIGNED_WITH.pattern)
_BARE_SIGNED_AFTER = re.compile(BARE_RELATIVE_SIGNER.pattern + r"[^,;]{1,60}?" + SIGNED_WITH.pattern)


def signed_after(text: str, end: int, bare: bool = False) -> bool:
    """Whether a relative clause right after an agreement word tells who signed it with whom;
    ``bare``: also one with no relative pronoun ("partnerships the Union has signed with A"),
    which after a definite word ("The MoUs A has signed with B ...") tells the ones told before."""
    return (_BARE_SIGNED_AFTER if bare else _SIGNED_AFTER).match(text, end) is not None


_WORD_HEAD = re.compile(r"[^\W_]*")
#: token text -> the offsets in it where an agreement word may start (filled as words are met)
_STARTS_IN: dict[str, tuple[int, ...]] = {}


def _starts_in(word: str) -> tuple[int, ...]:
    """Where in a token an agreement word may start: at its start when it starts with a word an
    agreement word can start with, and after each apostrophe, stop or "&" in it."""
    got = _STARTS_IN.get(word)
    if got is None:
        starts = _agreement_starts()
        low = word.lower()
        # "pact&", "roadmap.0": a token may run on past the word that starts an agreement word
        head = _WORD_HEAD.match(low)
        at = [0] if low in starts or word[:1].isdigit() or (head and head.group() in starts) else []
        if "’" in word or "'" in word or "." in word or "&" in word:
            at += [i + 1 for i, ch in enumerate(word) if ch in "’'.&"]
        if len(_STARTS_IN) > 200_000:
            _STARTS_IN.clear()  # a long-running process meets ever more words: start again
        got = _STARTS_IN[word] = tuple(at)
    return got


def _agreement_words_at(text: str, tokens, rx: re.Pattern) -> tuple[re.Match, ...]:
    out: list[re.Match] = []
    end = 0
    # every token's offsets looked up at once (most tokens have none and are passed over in C)
    words = [t.text for t in tokens]
    at = list(map(_STARTS_IN.get, words))
    if None in at:
        at = [got if got is not None else _starts_in(w) for w, got in zip(words, at, strict=True)]
    for t, offsets in zip(compress(tokens, at), filter(None, at), strict=True):
        for off in offsets:
            pos = t.start + off
            if pos < end:
                continue
            m = rx.match(text, pos)
            if m:
                out.append(m)
                end = m.end()
                break
    return tuple(out)


@lru_cache(maxsize=2048)
def event_words(text: str) -> tuple[tuple[re.Match, ...], tuple[re.Match, ...]]:
    """A sentence's words that refer back to a meeting ("the summit") and that place it at the
    article's meeting ("on the sidelines")."""
    vp = vocab_patterns()
    return tuple(finds(vp.event_anaphor, text)), tuple(finds(vp.event_context, text))


#: the status patterns as one: most clauses state no status, which one scan tells (not five)
_ANY_STATUS = re.compile(word_led_ci("|".join(f"(?:{rx})" for _, rx in _STATUS_RX)) + r"\b")
#: and the words one of which each status holds: a clause without any is not scanned (the one
#: scan tries some fifty phrases at every word; the words, as a trie, one letter at a time). A
#: phrase added to STATUS needs its word here (tests/test_relation_patterns.py fails otherwise).
NEEDS[_ANY_STATUS] = tuple(
    "discuss|talks|negotiat|consider|propos|suggested|prepar|plan|sign|expected|set to|upcoming|aim|intend|agreed"
    "|materiali|opening|inked|finali|concluded|sealed|entered|struck|clinched|reached|announc|completed|launch"
    "|establish|formed|created|unveil|introduced|started|began|operat|renew|extend|adopt|endorsed".split("|")
)


@lru_cache(maxsize=4096)
def status_of(clause: str) -> str | None:
    """The status an agreement's clause gives it ('signed', 'planned', ...), if any."""
    if holds(_ANY_STATUS, clause) is None:
        return None
    for status, rx in STATUS:
        if rx.search(clause):
            return status
    return None


#: how far back from a mention the phrase rules look ("according to the", "signed by")
LOOKBEHIND = 80


#: id(pattern) -> (the pattern, a string every match of it holds), for patterns :func:`ends_with`
#: reads: a sentence without the string is not looked behind (keyed by identity, as :data:`_NEEDED`)
_HELD_BEFORE: dict[int, tuple[re.Pattern, str]] = {id(ACCORDING_TO): (ACCORDING_TO, "according to")}


def ends_with(pattern: re.Pattern, text: str, pos: int, window: int = LOOKBEHIND) -> re.Match | None:
    """``pattern`` (anchored with ``$``) matched at the end of ``text[:pos]``, looking back at
    most ``window`` characters: constant work per mention however long the sentence (none for
    a pattern of :data:`_HELD_BEFORE` whose string the sentence does not hold)."""
    held = _HELD_BEFORE.get(id(pattern))
    if held is not None and held[0] is pattern and held[1] not in text:
        return None
    return pattern.search(text, max(0, pos - window), pos)


#: a plural agreement word: "deals", "agreements", "MoUs", "contracts" (a plural head, also before
#: its complement: "memorandums of understanding")
PLURAL_AGREEMENT = re.compile(word_led_ci(
    r"(?:deals|agreements|MOUs|MoUs|contracts|memoranda|memorandums|accords|pacts|partnerships|letters|treaties"
    r"|arrangements|joint\s+ventures"
    r"|statements|declarations)\b"
    r"(?!\s+(?:of|on)\s+(?:the|a)\b)"
))
#: between a mineral and a country that buys it or lies outside it: "copper to Ruritania", "nickel for
#: battery makers in Ruritania", "the largest source outside Ruritania"
BUYER_GAP = re.compile(
    r"(?:\b(?:to|for)\s+(?:[a-z][\w-]*\s+){0,3}(?:in\s+)?|\b(?:outside|beyond|excluding)\s+(?:of\s+)?)(?:the\s+)?$"
)
#: what opens a clause of its own before its subject: "..., and B mines nickel", "while B ..."
NEXT_CLAUSE = re.compile(r"(?:,\s*|\s)(?:and|while|whereas|but)\s+(?:the\s+)?$")
#: a denial: "has no nickel refining", "does not mine", "lacks", "without"
_DENIAL = re.compile(r"\b(?:no|not|never|lacks?|lacking|without)\b|n['’]t\b")
#: where what a denial says ends: "A does not mine X, but it refines Y"
_TURN = re.compile(r",\s*(?:but|while|whereas|although|though|yet)\b|;")


def denied(text: str, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` deny what follows them (after the last turn)."""
    turn = max((m.end() for m in _TURN.finditer(text, start, end)), default=start)
    return _DENIAL.search(text, turn, end) is not None
