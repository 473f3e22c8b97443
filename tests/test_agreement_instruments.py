"""Two instruments told by one description: an unnamed agreement ("an MOU between Kenya and Peru,
2031") is known by its kind, parties and year, so two articles each telling of one such MOU
meet at one id. When they contradict each other (signed in different months, on minerals none
of which the other covers) they are two instruments and stay two nodes, in one build and across
builds into one store; a follow-up report of one signing, which states nothing to the contrary,
joins it; re-reading an article keeps the ids it had."""

from __future__ import annotations

from pathlib import Path

from minegraph.graph.model import Graph, Node
from minegraph.graph.store import open_store
from minegraph.loaders.documents import Document
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.gazetteer import mineral_families
from minegraph.loaders.measures.dates import signing_month
from minegraph.loaders.pipeline import build_graph, build_paths, remove_document
from minegraph.loaders.resolve import BatchNames, match

MARCH = ("Kenya and Peru signed a memorandum of understanding in March 2031 on lithium supply chains, "
         "officials said.")
SEPTEMBER = ("Kenya and Peru signed a memorandum of understanding in September 2031 on lithium refining, "
             "the trade ministry said.")
FOLLOW_UP = ("The memorandum of understanding that Kenya and Peru signed in March 2031 covers lithium "
             "supply, an official said.")
COBALT = "Kenya and Peru signed a memorandum of understanding in 2031 on cobalt processing, officials said."
UNDATED = "Kenya and Peru signed a memorandum of understanding in 2031 on lithium, a statement said."

BASE = "agreement:mou-ke-pe-2031"


def doc(text: str, doc_id: str, published: str) -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, sha256=doc_id, published=published)


def agreements(graph: Graph) -> dict[str, str]:
    return {n.id: n.name for n in graph.nodes.values() if n.label == "Agreement"}


def told_by(graph: Graph, agreement: str) -> set[str]:
    return {r.source for r in graph.relationships.values() if r.type == "MENTIONS" and r.target == agreement}


def test_a_signing_month_never_takes_the_articles_date():
    assert signing_month("signed an MOU in March 2031 on lithium") == (2031, 3)
    assert signing_month("signed on 12 March a framework") == (None, 3)
    assert signing_month("signed last April") == (None, 4)
    assert signing_month("signed an accord on Thursday") is None  # the news day is the article's
    assert signing_month("an MOU that runs from June 2031") is None  # not when it was signed
    assert signing_month("they May sign it in 2031") is None


def test_a_signing_month_is_the_signing_words_own():
    # the month of the signing verb, of "signing" and of a clause the month opens
    assert signing_month("the two ministries inked on 3 May a supply accord") == (None, 5)
    assert signing_month("the pact, which was signed in March, takes effect in October") == (None, 3)
    assert signing_month("October's signing of the accord drew investors") == (None, 10)
    assert signing_month("In March 2031, Kenya and Peru signed a framework") == (2031, 3)
    assert signing_month("signed an accord with Acme Co. in mid-March") == (None, 3)
    # a month of another act of the clause is not when it was signed
    assert signing_month("Kenya and Peru signed an MOU that takes effect in October") is None
    assert signing_month("Kenya and Peru signed an MOU, effective in October") is None
    assert signing_month("the two signed a pact which expires in December 2033") is None
    assert signing_month("the two signed a framework to be reviewed in May") is None
    assert signing_month("the two signed an MOU in 2031, and in October began talks") is None
    assert signing_month("In October the accord takes effect; the two signed it in 2031") is None


def test_an_effect_month_is_no_signing_month():
    text = "Kenya and Peru signed a memorandum of understanding on lithium that takes effect in October 2031."
    props = extract_graph(doc(text, "e1", "2031-06-01")).nodes[BASE].props
    assert "date" not in props
    # so a report of the signing in another month is not told apart by the month it takes effect
    graph = build_graph([doc(text, "e1", "2031-06-01"), doc(MARCH, "e2", "2031-07-01")])
    assert set(agreements(graph)) == {BASE}


def test_an_unnamed_agreement_carries_its_signing_month_and_minerals():
    graph = extract_graph(doc(MARCH, "a1", "2031-06-01"))
    node = graph.nodes[BASE]
    assert node.props["date"] == "2031-03"
    assert node.props["minerals"] == ["mineral:lithium"]
    # signed in a year alone: no month to tell it by
    assert "date" not in extract_graph(doc(COBALT, "a4", "2031-06-01")).nodes[BASE].props


def test_two_signings_in_one_build_stay_two_and_a_follow_up_joins_the_first():
    graph = build_graph([doc(MARCH, "a1", "2031-04-02"), doc(SEPTEMBER, "a2", "2031-10-02"),
                         doc(FOLLOW_UP, "a3", "2031-12-01")])
    assert agreements(graph) == {BASE: "Kenya–Peru MOU (2031)",
                                 f"{BASE}:2031-09": "Kenya–Peru MOU (September 2031)"}
    assert told_by(graph, BASE) == {"a1", "a3"}
    assert told_by(graph, f"{BASE}:2031-09") == {"a2"}


def test_disjoint_minerals_are_another_instrument_and_an_undated_report_joins():
    graph = build_graph([doc(MARCH, "a1", "2031-04-02"), doc(COBALT, "a2", "2031-10-02"),
                         doc(UNDATED, "a3", "2031-11-02")])
    assert agreements(graph) == {BASE: "Kenya–Peru MOU (2031)",
                                 f"{BASE}:cobalt": "Kenya–Peru MOU (2031, cobalt)"}
    assert told_by(graph, BASE) == {"a1", "a3"}  # no month, lithium in common: the March one


def test_an_element_its_group_its_ores_and_products_are_one_family():
    assert mineral_families("mineral:neodymium") == mineral_families("mineral:rare-earth-elements")
    assert mineral_families("mineral:dysprosium") == mineral_families("mineral:monazite")
    assert mineral_families("mineral:spodumene") == mineral_families("mineral:lithium-hydroxide") == {"lithium"}
    assert mineral_families("mineral:cobalt-sulfate") == {"cobalt"}
    assert mineral_families("mineral:mixed-hydroxide-precipitate") == {"nickel", "cobalt"}
    assert mineral_families("mineral:palladium") == mineral_families("mineral:platinum-group-metals")
    assert mineral_families("mineral:copper") != mineral_families("mineral:cobalt")


def test_a_rare_earth_element_and_rare_earths_do_not_split():
    magnets = "Kenya and Peru signed a memorandum of understanding in 2031 on neodymium magnets, officials said."
    earths = "Kenya and Peru signed a memorandum of understanding in 2031 on rare earths, a statement said."
    ore = "Kenya and Peru signed a memorandum of understanding in 2031 on spodumene, a statement said."
    hydroxide = "Kenya and Peru signed a memorandum of understanding in 2031 on lithium hydroxide, officials said."
    graph = build_graph([doc(magnets, "r1", "2031-04-02"), doc(earths, "r2", "2031-05-02")])
    assert set(agreements(graph)) == {BASE}
    assert told_by(graph, BASE) == {"r1", "r2"}
    graph = build_graph([doc(ore, "r3", "2031-04-02"), doc(hydroxide, "r4", "2031-05-02")])
    assert set(agreements(graph)) == {BASE}
    # rare earths and lithium are still two instruments
    graph = build_graph([doc(magnets, "r1", "2031-04-02"), doc(ore, "r3", "2031-05-02")])
    assert agreements(graph) == {BASE: "Kenya–Peru MOU (2031)", f"{BASE}:lithium": "Kenya–Peru MOU (2031, lithium)"}


def test_the_store_look_up_returns_what_tells_instruments_apart():
    stored = [(BASE, BASE, "Agreement", "Kenya–Peru MOU (2031)", [], "2031-03", 2031, ["mineral:lithium"])]
    names = BatchNames([BASE], [], lambda ids, keys: (stored, []))
    node = Node(BASE, "Agreement", "Kenya–Peru MOU (2031)", [],
                {"year": 2031, "date": "2031-09", "minerals": ["mineral:lithium"]})
    assert match(node, names) == f"{BASE}:2031-09"
    node.props["date"] = "2031-03"
    assert match(node, names) is None
    node.props.update(date="", minerals=["mineral:cobalt"])
    assert match(node, names) == f"{BASE}:cobalt"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.txt"
    path.write_text(text + "\n")
    return path


def test_two_builds_into_one_store_keep_the_instruments_apart_and_a_rebuild_keeps_ids(stores, tmp_path):
    march, september, follow = (write(tmp_path, "march", MARCH), write(tmp_path, "september", SEPTEMBER),
                                write(tmp_path, "follow", FOLLOW_UP))
    with open_store(stores()) as store:
        build_paths(store, [march])
        build_paths(store, [september, follow])
        graph = store.read_graph()
        found = agreements(graph)
        assert set(found) == {BASE, f"{BASE}:2031-09"}
        assert found[f"{BASE}:2031-09"] == "Kenya–Peru MOU (September 2031)"
        assert told_by(graph, BASE) == {"march", "follow"}
        # each article re-read (its file changed): the ids it had
        for path in (september, march, follow):
            path.write_text(path.read_text() + "\nThe ministry gave no further details.\n")
            build_paths(store, [path])
        graph = store.read_graph()
        assert set(agreements(graph)) == {BASE, f"{BASE}:2031-09"}
        assert told_by(graph, BASE) == {"march", "follow"}
        assert told_by(graph, f"{BASE}:2031-09") == {"september"}


def test_an_instrument_told_apart_keeps_its_id_in_any_order_of_re_reading(stores, tmp_path):
    """The first instrument stored under a description keeps the plain id; another one told apart
    from it takes the id of its own facts (its signing month, else its minerals) and keeps it when
    its article is read again after the first one's articles are gone."""
    march, september = write(tmp_path, "march", MARCH), write(tmp_path, "september", SEPTEMBER)
    with open_store(stores()) as store:
        build_paths(store, [march])
        build_paths(store, [september])
        remove_document(store, str(march))
        assert set(agreements(store.read_graph())) == {f"{BASE}:2031-09"}
        september.write_text(september.read_text() + "\nThe ministry gave no further details.\n")
        build_paths(store, [september])
        build_paths(store, [march])
        graph = store.read_graph()
        assert set(agreements(graph)) == {BASE, f"{BASE}:2031-09"}
        assert told_by(graph, f"{BASE}:2031-09") == {"september"}
        assert told_by(graph, BASE) == {"march"}
