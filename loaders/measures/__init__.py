"""Measures: what governments do to minerals on their own (export bans, controls and quotas,
tariffs, royalties, nationalisations, revoked licences, investment orders, critical-minerals
lists, stockpiles), read off the sentences of one article.

A measure is stated by a *cue* ("banned exports of", "export controls on", "revoked ...
licences", "added X to its list of critical raw materials"; the vocabulary is
``loaders/reference/measures.json``).  Each cue is read with what its clause says: who
imposes it (a government, never a company), which minerals it is on, which companies it
is aimed at, its status from the verbs and tense, and the year when one is stated.  No
cue, no measure: a word alone ("ban", "quota") is only read as a measure when it refers
back to one the article has stated; a guess ("could restrict"), a wish ("hopes to ban"),
a deal between parties and a company's own decision are not measures.

The cues of an article are then grouped: the same government, a compatible kind and
overlapping minerals make one measure, whose status and year are the first the article
states (its news comes first).  Each measure gets an id from its government, kind and
minerals, so the same measure read in another article is the same node
(:mod:`minegraph.loaders.resolve` also joins a measure whose minerals overlap a known one's).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from minegraph.graph.model import STATED_PROPERTY
from minegraph.loaders.gazetteer import slug
from minegraph.loaders.measures.cues import Cue, read_cues, read_listing
from minegraph.loaders.measures.dates import Date, date_key, date_words, dates_fit, parse_date_key
from minegraph.loaders.measures.imposers import ArticleFacts
from minegraph.loaders.measures.vocabulary import (
    ANY_MINERAL,
    EXPORT_KINDS,
    KIND_WORDS,
    PROJECT_KINDS,
    UNNAMED_MINERALS,
    family,
    measure_vocabulary,
    overlap,
)
from minegraph.loaders.relations.context import DocContext, Rel


@dataclass
class Measure:
    """The cues of one article that state the same measure."""

    kind: str
    cues: list[Cue]
    generic: bool = True

    @property
    def country(self) -> str:
        """The country imposing it ("" when the article names only an agency)."""
        return next((k for c in self.cues for k in c.imposers if k.startswith("country:")), "")

    @property
    def owner(self) -> str:
        """The country imposing it, else the agency."""
        return self.country or next((k for c in self.cues for k in c.imposers), "")

    def minerals(self) -> list[str]:
        return list(dict.fromkeys(m for c in self.cues for m in c.minerals))

    @property
    def unnamed(self) -> bool:
        """On minerals the text leaves unnamed ("restrictions on some metals")."""
        return not self.minerals() and any(c.vague for c in self.cues) and not any(c.mineral_words for c in self.cues)

    @property
    def when(self) -> Date | None:
        """When it was imposed: the first date one of its statements gives."""
        return next((c.when for c in self.cues if c.when), None)


# --- grouping the cues of an article into measures --------------------------------------------


def _compatible_kind(a: Measure, cue: Cue) -> bool:
    if a.kind == cue.kind:
        return True
    if cue.generic and a.kind in EXPORT_KINDS and cue.kind in EXPORT_KINDS:
        return True
    return a.generic and cue.kind in EXPORT_KINDS and a.kind in EXPORT_KINDS


def group_cues(reader: ArticleFacts, cues: list[Cue]) -> list[Measure]:
    """One measure per government, kind and set of minerals; a cue without minerals joins
    the latest measure it fits, and a bare "the ban" only refers back."""
    v = measure_vocabulary()
    measures: list[Measure] = []
    for cue in cues:
        country = next((k for k in cue.imposers if k.startswith("country:")), "")
        fits = [m for m in measures if _compatible_kind(m, cue)
                and (not country or not m.country or m.country == country or cue.anaphor)
                and (not cue.minerals or not m.minerals() or overlap(cue.minerals, m.minerals()))
                and (not m.cues[0].named or not cue.named or m.cues[0].named == cue.named)
                and (not (m.cues[0].named or cue.named) or any(c.sent == cue.sent for c in m.cues)
                     or m.cues[0].named == cue.named)]
        if not cue.anaphor:
            # a measure dated otherwise, when one of them is said to be new, is another one ("controls
            # in April ... new controls in October"); without a word saying so it is the same one
            # re-dated ("had first said it would ban exports from 2022")
            fits = [m for m in fits if dates_fit(cue.when, m.when)
                    or not (cue.fresh or any(c.fresh and c.when for c in m.cues))]
        if fits:
            home = fits[-1]
            if cue.anaphor:  # a referring word adds sentences and the agencies of the same government
                cue.imposers = [k for k in cue.imposers if reader.country_of(k) in (home.country, None)]
            home.cues.append(cue)
            if home.generic and not cue.generic:
                home.kind, home.generic = cue.kind, False
            continue
        if cue.anaphor or not cue.imposers:
            continue
        if not cue.minerals and not cue.mineral_words and not cue.vague and not cue.named and not (
                cue.kind in PROJECT_KINDS and cue.companies):
            continue  # "restrictions on exports of semiconductor technology": not about minerals
        if cue.kind in v.requires_mineral and not cue.minerals:
            continue
        measures.append(Measure(cue.kind, [cue], cue.generic))
    return measures


# --- the measures of an article --------------------------------------------------------------


def dated_name(name: str, when: Date | None) -> str:
    """'China export controls on rare earth elements (October 2025)': the name of a measure
    told apart from another by its date."""
    dated = date_words(when)
    return f"{name} ({dated})" if dated and dated not in name else name


def _name(ctx: DocContext, measure: Measure) -> str:
    imposer = ctx.entity(measure.owner)
    who = imposer.name if imposer is not None else "Government"
    named = next((c.named for c in measure.cues if c.named), "")
    if named:
        return f"{who} {named}" if not named.startswith(who) else named
    minerals = [ctx.entity(k).name for k in measure.minerals() if ctx.entity(k) is not None]  # type: ignore[union-attr]
    if measure.kind in ("licence_revocation", "investment_screening"):
        companies = [ctx.entity(k).name for c in measure.cues for k in c.companies  # type: ignore[union-attr]
                     if ctx.entity(k) is not None]
        what = ", ".join(dict.fromkeys(companies)) or ", ".join(minerals) or "minerals"
        if companies and minerals:
            what += f" ({', '.join(minerals)})"
        return f"{who} {KIND_WORDS[measure.kind]} {what}"
    if minerals:
        listed = minerals[0] if len(minerals) == 1 else ", ".join(minerals[:-1]) + " and " + minerals[-1]
    else:
        listed = "minerals"
    return f"{who} {KIND_WORDS[measure.kind]} {listed}"


def measure_key(owner: str, kind: str, minerals: list[str], named: str = "", when: Date | None = None,
                unnamed: bool = False) -> str:
    """The id of a measure: ``measure:<government>:<kind>:<mineral families joined by +>``
    (``=<name>`` instead of minerals for a measure with a name of its own), so the same
    measure read in two articles has the same id (see :func:`parse_measure_key`).  ``when``
    adds its date (``:2025-04``, ``:2025``, ``:--04``): the id of a second measure of the
    same government, kind and minerals, imposed at another time.  ``unnamed``: a measure on
    minerals the text does not name (``~``), which resolution joins to one known."""
    who = slug(owner.split(":", 1)[-1])
    what = f"={slug(named)}" if named else "+".join(sorted({family(k) for k in minerals})) or (
        UNNAMED_MINERALS if unnamed else ANY_MINERAL)
    dated = date_key(when)
    return f"measure:{who}:{kind}:{what}" + (f":{dated}" if dated else "")


class MeasureKey(NamedTuple):
    """What a measure id made by :func:`measure_key` says."""

    group: str  # government and kind: "cn:export_control"
    families: frozenset[str]  # the mineral families (none for minerals in general)
    date: Date | None  # when it was imposed, if the text said
    unnamed: bool = False  # on minerals the text does not name


def parse_measure_key(node_id: str) -> MeasureKey | None:
    """The parts of an id made by :func:`measure_key`; None for another id or a measure
    with a name of its own."""
    parts = node_id.split(":", 4)
    if len(parts) not in (4, 5) or parts[0] != "measure" or parts[3].startswith("="):
        return None
    return MeasureKey(f"{parts[1]}:{parts[2]}", frozenset(parts[3].split("+")) - {ANY_MINERAL, UNNAMED_MINERALS},
                      parse_date_key(parts[4]) if len(parts) == 5 else None, parts[3] == UNNAMED_MINERALS)


def extract_measures(ctx: DocContext, rels: list[Rel], stated: str = "") -> list[Rel]:
    """Register the article's measures in ``ctx.registry`` and return their links
    (IMPOSED_BY, TARGETS, AFFECTS), each with the sentences that state it.  ``stated``
    is the article's publication date: a measure's status is the latest stated."""
    reader = ArticleFacts(ctx, rels, stated)
    cues: list[Cue] = []
    previous: list[str] = []
    last: list[Cue] = []  # the cues of the sentence before
    for sent, sm in zip(ctx.sentences, ctx.found, strict=True):
        if sent.heading:
            # a headline ("Ruritania Bans Tin Exports") states a measure only with the body: a measure
            # it alone states is dropped, but a body's "the ban" refers back to it
            found = [c for c in read_cues(reader, sent, sm, []) if not c.anaphor]
            for cue in found:
                cue.heading = True
            cues += found
            continue
        read_listing(reader, sent, sm, last)
        found = read_cues(reader, sent, sm, previous)
        last = found
        cues += found
        for cue in found:
            if cue.imposers and not cue.anaphor:
                previous = cue.imposers
    out: list[Rel] = []
    keys: set[str] = set()
    for measure in group_cues(reader, cues):
        if all(c.heading for c in measure.cues):
            continue
        named = next((c.named for c in measure.cues if c.named), "")
        key = measure_key(measure.owner, measure.kind, measure.minerals(), named, unnamed=measure.unnamed)
        name = _name(ctx, measure)
        if key in keys:  # the same government's controls on the same minerals, dated otherwise
            key = measure_key(measure.owner, measure.kind, measure.minerals(), named, measure.when, measure.unnamed)
            name = dated_name(name, measure.when)
        keys.add(key)
        told = sorted(measure.cues, key=lambda c: c.heading)  # a headline's present tense says least
        status = next((c.status for c in told if c.status and not c.weak_status),
                      next((c.status for c in told if c.status), None)) or "in_force"
        year = next((c.year for c in measure.cues if c.year), None)
        entity = ctx.registry.add_described("Measure", key, name, measure.cues[0].sent)
        entity.props.setdefault("kind", measure.kind)
        entity.props.setdefault("status", status)
        if year is not None:
            entity.props.setdefault("year", year)
        if measure.when:  # when it was imposed, as resolution across articles reads it
            entity.props.setdefault("date", date_key(measure.when))
        entity.props[STATED_PROPERTY] = stated
        for cue in measure.cues:
            for imposer in cue.imposers:
                out.append(Rel(key, "IMPOSED_BY", imposer, 0.7, [cue.evidence]))
            for mineral in cue.minerals:
                said = [cue.evidence, cue.listed_evidence] if mineral in cue.listed else [cue.evidence]
                out.append(Rel(key, "TARGETS", mineral, 0.7, said))
            for company in cue.companies:
                out.append(Rel(key, "AFFECTS", company, 0.6, [cue.evidence]))
    return out


__all__ = ["Cue", "Measure", "MeasureKey", "dated_name", "extract_measures", "group_cues", "measure_key",
           "measure_vocabulary", "parse_measure_key", "read_cues"]
