"""A deterministic corpus of synthetic critical-minerals news articles.

``python -m bench.generate OUT_DIR -n 1000 [--seed 7]`` writes ``OUT_DIR/NNNNNN_<slug>.txt``
files of about 500 words each.  Article ``i`` depends only on ``(seed, i)``, so the first
1,000 articles of a 10,000-article corpus are the 1,000-article corpus.

Each article is built from sentence kinds the real articles have:

* agreements: MOU signings between countries, agencies and companies, with years and the
  cues of every status (signed, planned, under discussion, launched, proposed);
* events: forums, summits and dialogues held in a capital, with participants and hosts;
* resources: "X holds abundant reserves of A, B and C";
* officials: "Minister of Trade and Industry Jana Velorin said", "Jana Velorin, Mongolia's
  minister of mining, said", "chief executive ... of ...";
* "Korea's state-owned X", an organisation introduced with its acronym "(ABC)" and the
  acronym reused later, "companies including A, B and C";
* neutral filler about markets and supply chains.

Countries, capitals, demonyms and minerals come from ``loaders/reference/*.json``.
Organisations and people are generated: ``<Demonym> <Field> Institute``, ``Ministry of
<Portfolio>``, ``<Surname> Mining Corp.``, people from small syllable generators.  Each
country owns a skewed universe of organisations, so the number of distinct names keeps
growing with the corpus (thousands at 10,000 articles) while popular ones recur and
entity resolution has real merging to do.  Pure standard library.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

REFERENCE = Path(__file__).resolve().parent.parent / "loaders" / "reference"
DEFAULT_SEED = 7
TARGET_WORDS = 500

#: English short names of the countries the generator uses (names the reference file
#: overrides win); demonyms and capitals come from the reference data.
COUNTRY_NAMES = {
    "CN": "China", "AU": "Australia", "CA": "Canada", "CL": "Chile", "AR": "Argentina", "BO": "Bolivia",
    "BR": "Brazil", "PE": "Peru", "MX": "Mexico", "US": "United States", "KR": "South Korea", "JP": "Japan",
    "IN": "India", "ID": "Indonesia", "PH": "Philippines", "VN": "Vietnam", "MY": "Malaysia", "TH": "Thailand",
    "MN": "Mongolia", "KZ": "Kazakhstan", "UZ": "Uzbekistan", "KG": "Kyrgyzstan", "TJ": "Tajikistan",
    "RU": "Russia", "DE": "Germany", "FR": "France", "GB": "United Kingdom", "IT": "Italy", "ES": "Spain",
    "PL": "Poland", "SE": "Sweden", "FI": "Finland", "NO": "Norway", "PT": "Portugal",
    "CD": "Democratic Republic of the Congo", "ZM": "Zambia", "ZW": "Zimbabwe", "ZA": "South Africa",
    "NA": "Namibia", "BW": "Botswana", "MZ": "Mozambique", "TZ": "Tanzania", "MG": "Madagascar",
    "NG": "Nigeria", "GH": "Ghana", "GN": "Guinea", "ML": "Mali", "MA": "Morocco", "EG": "Egypt",
    "SA": "Saudi Arabia", "AE": "United Arab Emirates", "QA": "Qatar", "TR": "Turkey", "NZ": "New Zealand",
    "UA": "Ukraine", "RS": "Serbia", "AO": "Angola", "KE": "Kenya", "ET": "Ethiopia", "PK": "Pakistan",
    "LA": "Laos", "MM": "Myanmar", "CO": "Colombia", "EC": "Ecuador",
}
#: countries named "the X" in running text
THE_COUNTRIES = {"United States", "United Kingdom", "Philippines", "Democratic Republic of the Congo",
                 "United Arab Emirates"}

PORTFOLIOS = [
    "Trade, Industry and Energy", "Mining", "Mines and Minerals", "Economy and Development",
    "Industry and Mineral Resources",
    "Foreign Affairs", "Energy", "Natural Resources", "Mineral Resources and Energy", "Finance", "Commerce",
    "Science and Technology", "Environment", "Investment and Trade", "Geology and Mineral Resources",
    "Industry and Trade", "Economy", "Land and Resources", "Energy and Mines", "Foreign Trade",
]
FIELDS = [
    "Geological", "Geoscience", "Mineral Resources", "Mining Research", "Metallurgical", "Materials Science",
    "Energy Research", "Battery Research", "Critical Minerals", "Rare Earth", "Geological Survey", "Resource Policy",
    "Mineral Processing", "Earth Sciences", "Industrial Technology", "Nuclear Research", "Mining Engineering",
]
AGENCY_HEADS = ["Institute", "Agency", "Centre", "Council", "Commission", "Authority", "Academy", "Bureau"]
COMPANY_MIDDLES = ["Mining", "Resources", "Metals", "Minerals", "Materials", "Energy", "Exploration", "Chemical",
                   "Industries", "Battery", "Lithium", "Nickel", "Copper", "Cobalt", "Graphite", "Steel"]
COMPANY_SUFFIXES = ["Corp.", "Co.", "Ltd.", "Inc.", "Group", "Holdings", "PLC", "Limited", "Corporation", "LLC",
                    "JSC", "AG", "SA", "Pty Ltd"]
UNIVERSITY_FORMS = ["{surname} University", "University of {city}", "{city} University of Technology",
                    "{demonym} National University"]
SITES = ["minewire", "resourcedaily", "metalsnews", "asiaresources", "globalminingreview", "eurasiatimes",
         "africamining", "koreaherald", "mongolianews", "andesreport", "pacificmetals", "supplychainwire"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
TITLES = ["Minister of {portfolio}", "Vice Minister of {portfolio}", "Deputy Minister of {portfolio}"]
COMPANY_TITLES = ["chief executive", "chairman", "president", "managing director", "vice president"]
AGENCY_TITLES = ["director", "director general", "president", "head", "senior researcher"]

ONSETS = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "ch", "sh", "br", "dr", "kr",
          "st", "tr", "gr", "j", "y", ""]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei", "ou", "ia", "ya"]
CODAS = ["", "", "", "n", "r", "l", "s", "k", "m", "nd", "rt", "ng", "sh"]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    aliases: tuple[str, ...]
    demonym: str
    capital: str
    weight: float


@dataclass(frozen=True)
class Org:
    name: str
    country: str  # code
    kind: str  # "agency" | "company" | "ministry" | "university"
    acronym: str | None = None
    state_owned: bool = False


@dataclass
class Reference:
    countries: list[Country]
    minerals: list[str]
    weights: list[float] = field(default_factory=list)


@lru_cache(maxsize=1)
def reference() -> Reference:
    countries_ref = json.loads((REFERENCE / "countries.json").read_text(encoding="utf-8"))
    minerals_ref = json.loads((REFERENCE / "minerals.json").read_text(encoding="utf-8"))
    countries = []
    for rank, (code, default_name) in enumerate(COUNTRY_NAMES.items()):
        demonyms = countries_ref["demonyms"].get(code) or []
        cities = countries_ref["cities"].get(code) or []
        if not demonyms or not cities:
            continue
        name = countries_ref["names"].get(code, default_name)
        aliases = tuple(a for a in countries_ref["aliases"].get(code, [])
                        if a[:1].isupper() and "." not in a and len(a) > 3)
        # a Zipf-like popularity: the first countries of the list are in most articles
        countries.append(Country(code, name, aliases, demonyms[0], cities[0], 1.0 / (rank + 3) ** 0.9))
    minerals = [m["name"] for m in minerals_ref["minerals"] if not m.get("ambiguous")]
    return Reference(countries, minerals, [c.weight for c in countries])


# --- names ---------------------------------------------------------------------------------


def _word(rng: random.Random, syllables: int) -> str:
    text = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables)) + rng.choice(CODAS)
    return text[:1].upper() + text[1:]


def person_name(rng: random.Random) -> str:
    return f"{_word(rng, rng.choice((1, 2, 2)))} {_word(rng, rng.choice((2, 2, 3)))}"


def acronym(name: str) -> str:
    words = [w for w in name.replace(",", "").replace("-", " ").split() if w[:1].isupper() and w not in {"Of", "And"}]
    return "".join(w[0] for w in words).upper()


#: the organisation index of a country is drawn from a power law, P(index >= k) ~ k**(-1/TAIL):
#: a few organisations recur in many articles, and new names keep appearing as the corpus
#: grows (about 3,200 distinct organisations at 1,000 articles, 12,000 at 10,000)
TAIL = 1.5
ORGS_PER_COUNTRY = 1_000_000
#: at most this many organisations of one country and kind per article
CAST = 2


MINISTRIES_PER_COUNTRY = 8


@lru_cache(maxsize=200_000)
def organisation(seed: int, code: str, kind: str, index: int) -> Org:
    """Organisation ``index`` of ``kind`` ("ministry", "agency", "company") of country
    ``code``: a pure function of its arguments."""
    rng = random.Random(f"org:{seed}:{code}:{kind}:{index}")
    country = next(c for c in reference().countries if c.code == code)
    if kind == "ministry":
        portfolio = PORTFOLIOS[(index * 7 + ord(code[0]) + ord(code[1])) % len(PORTFOLIOS)]
        return Org(f"Ministry of {portfolio}", code, "ministry")
    if kind == "agency":
        if rng.random() < 0.8:
            head = rng.choice(AGENCY_HEADS)
            fld = rng.choice(FIELDS)
            if rng.random() < 0.5:
                name = f"{country.demonym} {fld} {head}"
            else:
                name = f"{country.demonym} {head} of {fld}".replace(" of Geological", " of Geology")
            if index >= 20:  # beyond the few national bodies: regional ones, named after a place
                name = f"{_word(rng, 2)} {name}"
            return Org(name, code, "agency", acronym(name))
        form = rng.choice(UNIVERSITY_FORMS)
        name = form.format(surname=_word(rng, 2), city=country.capital, demonym=country.demonym)
        if "{surname}" not in form and index >= 10:
            name = f"{_word(rng, 2)} {name}"
        return Org(name, code, "university")
    base = _word(rng, rng.choice((2, 2, 3)))
    shape = rng.random()
    if shape < 0.4:
        name = f"{base} {rng.choice(COMPANY_MIDDLES)} {rng.choice(COMPANY_SUFFIXES)}"
    elif shape < 0.6:
        name = f"{base} {rng.choice(COMPANY_SUFFIXES)}"
    elif shape < 0.8:
        name = f"{base} {rng.choice(COMPANY_MIDDLES)}"
    else:
        name = f"{base} & {_word(rng, 2)} {rng.choice(('Holdings', 'Group', 'Corp.', 'Industries'))}"
    return Org(name, code, "company", state_owned=rng.random() < 0.15)


@lru_cache(maxsize=200_000)
def official(seed: int, org: Org, index: int) -> tuple[str, str]:
    """(name, title) of official ``index`` of ``org``."""
    rng = random.Random(f"person:{seed}:{org.name}:{org.country}:{index}")
    name = person_name(rng)
    if org.kind == "ministry":
        portfolio = org.name.removeprefix("Ministry of ")
        title = rng.choice(TITLES).format(portfolio=portfolio)
    elif org.kind == "company":
        title = rng.choice(COMPANY_TITLES)
    else:
        title = rng.choice(AGENCY_TITLES)
    return name, title


# --- sentences -----------------------------------------------------------------------------


def an(phrase: str) -> str:
    """``phrase`` with its indefinite article ("an MOU", "a memorandum")."""
    return ("an " if phrase[:1] in "AEIOUaeiou" or phrase.startswith(("MOU", "MOC")) else "a ") + phrase


def join_list(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


class Article:
    """The state of one article being written: its countries, orgs, and what it introduced."""

    def __init__(self, seed: int, index: int) -> None:
        self.seed = seed
        self.index = index
        self.rng = random.Random(f"article:{seed}:{index}")
        ref = reference()
        self.ref = ref
        picks: list[Country] = []
        while len(picks) < 3:
            c = self.rng.choices(ref.countries, weights=ref.weights)[0]
            if c not in picks:
                picks.append(c)
        self.c1, self.c2, self.c3 = picks
        self.year = self.rng.randint(2015, 2025)
        self.minerals = self.rng.sample(ref.minerals, 6)
        self.introduced: dict[str, str] = {}  # org name -> acronym once introduced
        self.used_orgs: list[Org] = []
        self.cast: dict[tuple[str, str | None], list[Org]] = {}

    # choosing things
    def _draw(self, country: Country, kind: str | None) -> Org:
        if kind is None:
            kind = self.rng.choice(("ministry", "agency", "company", "company"))
        elif kind == "agency" and self.rng.random() < 0.3:
            kind = "ministry"
        if kind == "ministry":
            return organisation(self.seed, country.code, kind, self.rng.randrange(MINISTRIES_PER_COUNTRY))
        # skewed index: most draws land on the first organisations of the country
        index = min(int((1.0 - self.rng.random()) ** -TAIL) - 1, ORGS_PER_COUNTRY)
        return organisation(self.seed, country.code, kind, index)

    def org(self, country: Country, kind: str | None = None) -> Org:
        """An organisation of ``country``: mostly one of the article's cast, sometimes a new one.

        Real articles keep returning to a handful of actors; the cast of each (country,
        kind) grows to at most ``CAST`` organisations.
        """
        cast = self.cast.setdefault((country.code, kind), [])
        if len(cast) < CAST and (not cast or self.rng.random() < 0.35):
            org = self._draw(country, kind)
            if org not in cast:
                cast.append(org)
        else:
            org = self.rng.choice(cast)
        self.used_orgs.append(org)
        return org

    def country_name(self, country: Country, start: bool = False) -> str:
        name = country.name
        if country.aliases and self.rng.random() < 0.25:
            name = self.rng.choice(country.aliases)
        if name in THE_COUNTRIES:
            return ("The " if start else "the ") + name
        return name

    def possessive(self, country: Country, start: bool = False) -> str:
        return self.country_name(country, start) + "'s"

    def org_ref(self, org: Org, country: Country | None = None, start: bool = False) -> str:
        """How the text names ``org``: with its acronym the first time, the acronym after."""
        if org.acronym and org.name in self.introduced:
            return org.acronym
        the = "The " if start else "the "
        if org.acronym and len(org.acronym) >= 3 and self.rng.random() < 0.6:
            self.introduced[org.name] = org.acronym
            return f"{the}{org.name} ({org.acronym})"
        if org.kind == "ministry" and country is not None:
            return f"{self.possessive(country, start)} {org.name}"
        if org.kind == "company" and org.state_owned and country is not None:
            return f"{self.possessive(country, start)} state-owned {org.name}"
        if org.kind in ("agency", "ministry"):
            return f"{the}{org.name}"
        return org.name

    def actor(self, country: Country, start: bool = False) -> str:
        roll = self.rng.random()
        if roll < 0.35:
            return self.country_name(country, start)
        if roll < 0.65:
            return self.org_ref(self.org(country, "agency"), country, start)
        return self.org_ref(self.org(country, "company"), country, start)

    def minerals_list(self, n: int) -> str:
        return join_list(self.rng.sample(self.minerals, n))

    def m(self) -> str:
        return self.rng.choice(self.minerals)

    # sentence kinds
    def agreement(self) -> str:
        r = self.rng
        a, b = self.actor(self.c1), self.actor(self.c2)
        year, month = r.randint(2015, 2025), r.choice(MONTHS)
        kind = r.choice(["memorandum of understanding", "MOU", "agreement", "memorandum of cooperation",
                         "letter of intent", "joint research agreement", "supply agreement"])
        return r.choice([
            f"{a} and {b} signed {an(kind)} on {self.m()} exploration and processing in {month} {year}.",
            f"{a} signed an MOU with {b} to jointly explore {self.minerals_list(2)} deposits in {year}.",
            f"Under the {kind}, signed in {month} {year}, {a} and {b} will cooperate on the supply of {self.m()}.",
            f"{a} and {b} are in talks on {an(kind)} covering {self.minerals_list(2)}, officials said.",
            f"{a} plans to sign {an(kind)} with {b} on {self.m()} supply next year.",
            f"{a} is expected to sign {an(kind)} with {b} during a visit to {self.c2.capital} in {month}.",
            f"{a} and {b} launched the {self.c1.demonym}-{self.c2.demonym} Critical Minerals Partnership in {year} "
            f"to secure supplies of {self.minerals_list(2)}.",
            f"{a} proposed a joint venture with {b} to develop {self.m()} mines, according to people familiar "
            f"with the plan.",
            f"In {year}, {a} inked {an(kind)} with {b} on joint research into {self.m()} refining.",
            f"The {self.c1.demonym}-{self.c2.demonym} {kind} on {self.m()}, signed by {a} and {b} in {year}, "
            f"covers exploration, processing and recycling.",
        ])

    def event(self) -> str:
        r = self.rng
        host = r.choice([self.c1, self.c2])
        head = r.choice(["Forum", "Summit", "Dialogue", "Conference", "Ministerial Meeting", "Roundtable"])
        name = r.choice([
            f"{self.c1.name}-{self.c2.name} Critical Minerals {head} {self.year}",
            f"{self.year} {host.demonym} Mining {head}",
            f"{self.c1.demonym}-{self.c2.demonym} Minerals {head}",
            f"{_word(r, 2)} Resources {head}",
        ])
        orgs = [self.org_ref(self.org(c), c) for c in (self.c1, self.c2, self.c3)]
        weekday = r.choice(WEEKDAYS)
        return r.choice([
            f"The {name} was held in {host.capital} on {weekday}, bringing together officials from "
            f"{join_list(orgs)}.",
            f"{self.org_ref(self.org(host, 'agency'), host, start=True)} hosted the {name} in {host.capital}, "
            f"attended by delegations from {self.country_name(self.c2)} and {self.country_name(self.c3)}.",
            f"Representatives of {join_list(orgs)} took part in the {name} in {host.capital} on {weekday}.",
            f"The {name}, organised by {self.org_ref(self.org(host, 'agency'), host)}, took place in "
            f"{host.capital} in {r.choice(MONTHS)} {self.year}.",
        ])

    def reserves(self) -> str:
        r = self.rng
        c = r.choice([self.c1, self.c2, self.c3])
        other = self.c2 if c is self.c1 else self.c1
        return r.choice([
            f"{self.country_name(c, start=True)} holds abundant reserves of {self.minerals_list(3)}.",
            f"{self.country_name(c, start=True)} is rich in {self.minerals_list(2)}, while "
            f"{self.country_name(other)} has advanced processing technology.",
            f"{self.country_name(c, start=True)} is among the world's largest producers of {self.m()} and has "
            f"significant deposits of {self.minerals_list(2)}.",
            f"Geologists estimate that {self.country_name(c)} holds large reserves of {self.minerals_list(3)}.",
        ])

    def quote(self) -> str:
        r = self.rng
        return r.choice([
            f"Our cooperation will lead to concrete joint development of {self.m()} projects",
            "We are working to build a stable and diversified supply chain for critical minerals",
            f"Securing {self.m()} is a strategic priority for our industry and our partners",
            "This agreement opens a new chapter in our economic relationship",
            f"Investment in {self.m()} processing will create jobs and add value at home",
            "We welcome foreign investors who share our commitment to responsible mining",
        ])

    def official_statement(self) -> str:
        r = self.rng
        c = r.choice([self.c1, self.c2])
        org = self.org(c)
        name, title = official(self.seed, org, r.randint(0, 3))
        quote = self.quote()
        if org.kind == "ministry":
            return r.choice([
                f"\u201c{quote},\u201d {title} {name} said.",
                f"{name}, {self.possessive(c)} {title.lower()}, said the talks had been constructive.",
                f"\u201c{quote},\u201d said {name}, {self.possessive(c)} {title.split(' of ')[0].lower()} "
                f"of {title.split(' of ', 1)[1].lower()}.",
            ])
        ref = self.org_ref(org, c)
        return r.choice([
            f"\u201c{quote},\u201d {name}, {title} of {ref}, said in a statement.",
            f"{name}, {title} of {ref}, told reporters that demand for {self.m()} would keep rising.",
            f"{title[:1].upper() + title[1:]} {name} of {ref} said the project would start production "
            f"in {self.year + r.randint(1, 4)}.",
        ])

    def state_owned(self) -> str:
        r = self.rng
        c = r.choice([self.c1, self.c2])
        for _ in range(20):
            org = self.org(c, "company")
            if org.state_owned:
                break
        return r.choice([
            f"{self.possessive(c, start=True)} state-owned {org.name} will lead the exploration of {self.m()} "
            f"in {self.country_name(self.c3)}.",
            f"{self.possessive(c, start=True)} state-run {org.name} said it would invest in {self.m()} "
            f"processing plants.",
        ])

    def acronym_reuse(self) -> str:
        acronymed = [o for o in self.used_orgs if o.name in self.introduced]
        if not acronymed:
            org = self.org(self.c1, "agency")
            ref = self.org_ref(org, self.c1, start=True)
            return f"{ref} will coordinate the technical work on {self.m()} deposits."
        org = self.rng.choice(acronymed)
        return self.rng.choice([
            f"{org.acronym} will carry out a joint geological survey of {self.m()} deposits.",
            f"Officials at {org.acronym} said a feasibility study would be completed by {self.year + 1}.",
            f"{org.acronym} has cooperated with {self.country_name(self.c2)} since {self.year - 3}.",
        ])

    def companies_including(self) -> str:
        r = self.rng
        c = r.choice([self.c1, self.c2])
        names = [o.name for o in {self.org(c, "company"): None for _ in range(3)}]
        return r.choice([
            f"Companies including {join_list(names)} have expressed interest in {self.m()} projects in "
            f"{self.country_name(self.c3)}.",
            f"{self.c1.demonym} companies including {join_list(names)} joined the delegation.",
            f"Several firms, including {join_list(names)}, are expected to sign offtake agreements for "
            f"{self.m()}.",
        ])

    def filler(self) -> str:
        r = self.rng
        return r.choice([
            f"Demand for {self.m()} has surged as battery makers and chip manufacturers expand production.",
            "Analysts say the global supply chain for critical minerals remains highly concentrated.",
            f"Prices of {self.m()} fell sharply last year before recovering in the second half.",
            "The government has pledged to streamline permits and improve infrastructure in mining regions.",
            f"Export controls on {self.m()} have pushed importers to look for alternative suppliers.",
            "Environmental groups have called for stricter standards on tailings and water use.",
            f"Processing capacity for {self.m()} is still limited, and most concentrate is shipped abroad "
            "for refining.",
            "Officials stressed that the cooperation would follow international environmental and labour standards.",
            f"Recycling of {self.m()} from used batteries is expected to play a growing role after {self.year + 5}.",
            "Both sides agreed to set up a working group that will meet twice a year.",
            "The talks also covered infrastructure, logistics and the training of local engineers.",
            f"Investors remain cautious because of volatile {self.m()} prices and regulatory uncertainty.",
        ])

    # the article
    def write(self) -> tuple[str, str]:
        r = self.rng
        kinds = ["agreement", "agreement", "event", "reserves", "official_statement", "official_statement",
                 "state_owned", "acronym_reuse", "companies_including", "filler", "filler", "filler"]
        first = r.choice([self.agreement, self.event])
        sentences = [first()]
        sentences[0] = sentences[0][:1].upper() + sentences[0][1:]
        words = len(sentences[0].split())
        while words < TARGET_WORDS - 15:
            sentence = getattr(self, r.choice(kinds))()
            sentence = sentence[:1].upper() + sentence[1:]
            if sentence in sentences:
                continue
            sentences.append(sentence)
            words += len(sentence.split())
        paragraphs: list[str] = []
        while sentences:
            take = r.randint(1, 3)
            paragraphs.append(" ".join(sentences[:take]))
            sentences = sentences[take:]
        one, two = self.country_name(self.c1, start=True), self.country_name(self.c2)
        title = r.choice([
            f"{one} and {two} deepen cooperation on {self.minerals[0]}",
            f"{self.c1.demonym} firms eye {self.minerals[0]} deals in {two}",
            f"{self.country_name(self.c2, start=True)} courts {self.c1.demonym} investment in critical minerals",
            f"New push for {self.minerals[0]} supply as {self.country_name(self.c1)} signs with {two}",
        ])
        month, day = r.randint(1, 12), r.randint(1, 28)
        site = f"www.{r.choice(SITES)}.com"
        text = (f"{title} {site}\n" + "\n".join(paragraphs)
                + f"\nPublished Date:{self.year}-{month:02d}-{day:02d}\n")
        slug = f"{self.c1.code}-{self.c2.code}".lower()
        return f"{self.index:06d}_{slug}.txt", text


def article(seed: int, index: int) -> tuple[str, str]:
    """``(file name, text)`` of article ``index``."""
    return Article(seed, index).write()


def generate_corpus(out_dir: str | Path, n: int, seed: int = DEFAULT_SEED) -> dict[str, float]:
    """Write ``n`` articles into ``out_dir`` (created); returns counts and timing."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    words = 0
    orgs: set[tuple[str, str]] = set()
    for i in range(n):
        state = Article(seed, i)
        name, text = state.write()
        (out / name).write_text(text, encoding="utf-8")
        words += len(text.split())
        orgs.update((o.country, o.name) for o in state.used_orgs)
    return {"articles": n, "words": words, "words_per_article": round(words / max(n, 1), 1),
            "distinct_organisations": len(orgs), "seconds": round(time.perf_counter() - start, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("-n", type=int, default=1000, help="number of articles")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    stats = generate_corpus(args.out_dir, args.n, args.seed)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
