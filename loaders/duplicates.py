"""Agreements an article states twice, folded into one.

The rules can read one agreement twice in an article: "Ruritania and Freedonia signed an
agreement on geology" and, three sentences on, "the MOU between Freedonia and Ruritania",
or a stake purchase told once as "the deal" and once as "the stake". Each reading makes its
own Agreement with the same parties, and the graph would hold the agreement twice. Two
agreements of one article are one when they have the same parties (at least two, a
government body counted as its country) and nothing tells them apart: no two different
names of their own, no two different years (nor a year told for one reading of a
precise kind and not for the other: "an initial investment in 2020", "a further
investment"), and kinds that can name the same thing (the
same kind, or a general word such as "agreement" or "deal" beside a precise one; an MOU and
the partnership it sets up; an investment and the stake or acquisition it pays for). Two
other precise kinds with the same parties ("an investment" and "an offtake" between two firms)
stay two agreements, and so does a reading told as another ("a separate agreement", "a side
deal") and the one before it. A reading of a precise kind that names some of the parties of the one
other reading of that kind ("the loan from A to B" after "A, B and C signed a loan") is folded into it.
Two readings that a government body counted as its country makes alike stay two when one was
signed by the states themselves and the other only by their bodies ("the two countries signed an
agreement; their geological surveys signed an MoU").
"""

from __future__ import annotations

from collections.abc import Iterable

from minegraph.loaders.entities import Entity, EntityRegistry
from minegraph.loaders.gazetteer import vocabulary
from minegraph.loaders.relations.context import Rel

#: kinds general enough to name any agreement between the same parties
GENERAL_KINDS = frozenset({"agreement", "deal", "plan", "cooperation", "arrangement", ""})
#: precise kinds that name one equity deal from its two sides: "A will invest $X in B in return
#: for a stake", "A's acquisition of a stake in B"
EQUITY_KINDS = frozenset({"investment", "stake", "acquisition"})
#: links that make an actor a party of an agreement
PARTY_TYPES = frozenset({"PARTY_TO", "LEADS"})


def fold_duplicate_agreements(
    registry: EntityRegistry, rels: Iterable[Rel], year: int | None = None, home: str | None = None
) -> list[Rel]:
    """``rels`` with every agreement read twice folded into the one kept (its links moved
    over, the other dropped from ``registry``). ``year``: the article's, which a reading signed
    "on Monday" carries without the text telling it. ``home``: the article's own country, whose
    a ministry is when nothing tells another ("the Ministry of Mines signed ...")."""
    rels = list(rels)
    country_of = _countries_of_bodies(registry, rels, home)
    parties: dict[str, set[str]] = {}
    bodies: dict[str, set[str]] = {}
    for r in rels:
        target = registry.entities.get(r.target)
        source = registry.entities.get(r.source)
        if source is not None and source.label == "Name":
            continue  # "the industry ministry" with no ministry named: a word the graph leaves out, no party
        if r.type in PARTY_TYPES and target is not None and target.label == "Agreement":
            parties.setdefault(r.target, set()).add(country_of.get(r.source, r.source))
            bodies.setdefault(r.target, set()).add(r.source)
    groups: dict[frozenset[str], list[Entity]] = {}
    signers = {key: _signers(registry, b) for key, b in bodies.items()}
    own = {
        key: {p for p in b if p in registry.entities and registry.entities[p].label != "Country"}
        for key, b in bodies.items()
    }
    for key, p in parties.items():
        if len(p) < 2:
            p = bodies[key]  # an agreement between bodies of one government: by the bodies themselves
        if len(p) >= 2:
            groups.setdefault(frozenset(p), []).append(registry.entities[key])
    into: dict[str, str] = {}
    for readings in groups.values():
        if len(readings) > 1:
            _fold_group(sorted(readings, key=lambda e: (e.first, e.key)), into, year, signers, own)
    _fold_partial_readings(groups, into)
    if not into:
        return rels
    for key in into:
        del registry.entities[key]
    return _redirect(rels, into)


def _fold_partial_readings(groups: dict[frozenset[str], list[Entity]], into: dict[str, str]) -> None:
    """A reading that names some of the parties of one other reading of the same kind ("the loan
    from A to B" after "A, B and C signed a loan") is that agreement, when it is the only reading
    of that set of parties and the larger set's only reading of that kind."""
    for part, readings in groups.items():
        left = [e for e in readings if e.key not in into]
        if len(left) != 1:
            continue
        [small] = left
        if _general(small):
            continue  # "deals with A, B and C" then "the deal with A": one of several, maybe
        homes = [
            e
            for whole, rs in groups.items()
            if part < whole
            for e in rs
            if e.key not in into and _same(e, small) and e.props.get("kind") == small.props.get("kind")
        ]
        if len(homes) == 1:
            _fold(homes[0], small, into)


def _fold_group(
    readings: list[Entity],
    into: dict[str, str],
    year: int | None = None,
    signers: dict[str, str] | None = None,
    own: dict[str, set[str]] | None = None,
) -> None:
    """Fold the readings of one set of parties: precise readings of one kind together, then
    the general ones into the precise one left, when only one is left ("the agreement" may
    be either of "the investment" and "the supply deal" between two firms: it stays). A
    reading signed by the governments themselves and one signed only by their bodies are two
    agreements ("the two countries signed an agreement; their surveys signed an MoU")."""
    signers = signers or {}
    own = own or {}

    def same(a: Entity, b: Entity) -> bool:
        sa, sb = signers.get(a.key, ""), signers.get(b.key, "")
        oa, ob = own.get(a.key, set()), own.get(b.key, set())
        if len(oa) >= 2 and len(ob) >= 2 and not oa & ob:
            return False  # "their ministries signed an MoU; their surveys a letter of intent": other signers
        return _same(a, b, year) and not ({sa, sb} == {"states", "bodies"})

    precise: list[Entity] = []
    for e in (e for e in readings if not _general(e)):
        same_one = next((p for p in precise if same(p, e)), None)
        if same_one is None:
            precise.append(e)
        else:
            precise[precise.index(same_one)] = _fold(same_one, e, into)
    if (
        len(precise) == 2
        and {e.props.get("kind") for e in precise} == {"mou", "partnership"}
        and all(e.described for e in precise)
        and {_stage(e) for e in precise} != {"told", "done"}  # (an MoU signed, a partnership still talked of)
    ):
        # "an MOU on a strategic partnership": the partnership is what the MOU sets up, one agreement
        precise = [_fold(precise[0], precise[1], into)]
    if len(precise) > 1:
        return
    kept = precise[0] if precise else None
    for e in (e for e in readings if _general(e)):
        if kept is None:
            kept = e
        elif same(kept, e):
            kept = _fold(kept, e, into)


def _fold(a: Entity, b: Entity, into: dict[str, str]) -> Entity:
    keep, drop = (a, b) if _rank(a) >= _rank(b) else (b, a)
    _absorb(keep, drop)
    into[drop.key] = keep.key
    return keep


def _signers(registry: EntityRegistry, parties: set[str]) -> str:
    """Who signed a reading: "states" (countries only), "bodies" (no country), or "" (both)."""
    labels = {registry.entities[p].label if p in registry.entities else "" for p in parties}
    return "states" if labels == {"Country"} else "bodies" if "Country" not in labels else ""


def _countries_of_bodies(registry: EntityRegistry, rels: list[Rel], home: str | None = None) -> dict[str, str]:
    """A government body -> the country or union it belongs to: its parent ("Ruritania's Ministry
    of Mines" PART_OF Ruritania), the one country in its name ("Ministry of Mines of Ruritania"),
    where it is based, the union it signs for (reference ``acts_for``), or else the article's own
    country (``home``)."""
    kinds = vocabulary().government_kinds
    out: dict[str, str] = {}
    for key, e in registry.entities.items():
        if e.label == "Agency" and e.props.get("kind") in kinds and len(set(e.name_countries)) == 1:
            country = f"country:{e.name_countries[0].lower()}"
            if country in registry.entities:
                out[key] = country
    for ref in vocabulary().bodies:
        if ref.get("acts_for"):
            agent, principal = registry.find("Agency", ref["name"]), registry.find("Agency", ref["acts_for"])
            if agent is not None and principal is not None:
                out[agent.key] = principal.key  # "the Commission signed" for its union
    based = {r.source: r.target for r in rels if r.type == "BASED_IN"}
    for key, e in registry.entities.items():
        if key in out or e.label != "Agency" or e.props.get("kind") not in kinds or e.name_countries:
            continue
        place = based.get(key, home)
        if place is not None and place in registry.entities and registry.entities[place].label == "Country":
            out[key] = place
    for r in rels:
        if r.type != "PART_OF":
            continue
        body, parent = registry.entities.get(r.source), registry.entities.get(r.target)
        if (
            body is not None
            and parent is not None
            and body.label == "Agency"
            and (parent.label == "Country" or parent.props.get("kind") == "intergovernmental")
        ):
            out[r.source] = r.target
    return out


def _same(a: Entity, b: Entity, year: int | None = None) -> bool:
    if not a.described and not b.described:
        return False  # two names of their own: two agreements
    if a.props.get("_national") or b.props.get("_national"):
        return False  # "Ruritania's Critical Minerals Strategy" is its own, not the deal it signed with Freedonia
    ya, yb = a.props.get("year"), b.props.get("year")
    if ya and yb and ya != yb:
        return False
    undated = b if ya else a
    told_new = undated.props.get("separate") or undated.props.get("_also")  # one more, whatever its word
    if bool(ya) != bool(yb) and (not _general(undated) or told_new) and (ya or yb) != year:
        # "an initial investment in 2020" and "a further investment": two of one kind (a reading
        # of the article's own year may have it from the date: "signed an MoU on Monday"); "their
        # 2019 agreement" is not "the roadmap" signed now either (but "the agreement" may be the
        # "2019 MoU")
        return False
    if {_stage(a), _stage(b)} == {"told", "done"}:
        return False  # "A and B signed an MoU ... They also discussed a possible deal on X": two agreements
    later = b if (b.first, b.key) > (a.first, a.key) else a
    if later.props.get("separate"):
        return False  # "A sold B a stake. Under a side agreement, B will buy ...": told apart from the one before
    if later.props.get("_also") and later.first > min(a.first, b.first):
        return False  # "A and B signed an MoU. They also signed an agreement on X": one more than told before
    ka, kb = a.props.get("kind", ""), b.props.get("kind", "")
    return ka == kb or {ka, kb} <= EQUITY_KINDS or _general(a) or _general(b)


#: statuses of an agreement still being talked about, and of one already made
_TALKED = frozenset({"proposed", "under_discussion"})
_MADE = frozenset({"signed", "launched"})


def _stage(e: Entity) -> str:
    """Whether a reading is of an agreement only talked about ("told"), one made ("done"), or
    neither said ("")."""
    status = e.props.get("status")
    return "told" if status in _TALKED else "done" if status in _MADE else ""


def _general(e: Entity) -> bool:
    """A reading known only by a general word ("the agreement", "a deal"): a name of its own
    ("the Youth Mobility Agreement") is precise whatever its head word."""
    return e.described and e.props.get("kind", "") in GENERAL_KINDS


def _rank(e: Entity) -> tuple[int, int, int]:
    """Which of two readings to keep: a name of its own, then a precise kind, then the first read."""
    return (not e.described, not _general(e), -e.first)


def _absorb(keep: Entity, drop: Entity) -> None:
    if not drop.described:
        keep.aliases.add(drop.name)
    keep.aliases |= {a for a in drop.aliases if a != keep.name}
    for k, v in drop.props.items():
        keep.props.setdefault(k, v)
    keep.first = min(keep.first, drop.first)
    keep.count += drop.count


def _redirect(rels: list[Rel], into: dict[str, str]) -> list[Rel]:
    merged: dict[tuple[str, str, str], Rel] = {}
    for r in rels:
        src, dst = into.get(r.source, r.source), into.get(r.target, r.target)
        if src == dst:
            continue
        key = (src, r.type, dst)
        cur = merged.get(key)
        if cur is None:
            merged[key] = Rel(src, r.type, dst, r.confidence, list(r.evidence))
            continue
        cur.confidence = max(cur.confidence, r.confidence)
        cur.evidence.extend(e for e in r.evidence if e not in cur.evidence)
    return list(merged.values())


__all__ = ["fold_duplicate_agreements"]
