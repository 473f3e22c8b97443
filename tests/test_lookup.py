"""The one entity look-up (graph/lookup.py): id, name, alias and ISO code, "did you mean"
suggestions, ambiguity listing the candidates, label restriction; the same answer from
a graph in memory and from both stores, where the server picks the candidates."""

from __future__ import annotations

import pytest

from minegraph.graph.lookup import (
    AmbiguousNameError,
    EntityLookupError,
    UnknownEntityError,
    find_entity,
    normalise_name,
)
from minegraph.graph.model import Graph, Node
from minegraph.graph.store import Changes, open_store

ACTORS = ("Country", "Agency", "Company")


@pytest.fixture
def invented() -> Graph:
    """Invented names: a country with ISO codes and aliases, a company whose name is one
    of the country's aliases, two bodies called Condor, two companies sharing an alias,
    a mineral and an article."""
    graph = Graph()
    for node in [Node("country:kd", "Country", "Kordavia", ["Republic of Kordavia", "Korda"],
                      {"iso2": "KD", "iso3": "KDV"}),
                 Node("country:uv", "Country", "Uvalia", [], {"iso2": "UV", "iso3": "UVL"}),
                 Node("company:korda", "Company", "Korda", ["Korda Zinc"]),
                 Node("agency:condor", "Agency", "Condor"),
                 Node("company:condor", "Company", "Condor"),
                 Node("company:alba-one", "Company", "Alba One", ["Alba"]),
                 Node("company:alba-two", "Company", "Alba Two", ["Alba"]),
                 Node("mineral:li", "Mineral", "lithium", ["Li"]),
                 Node("doc1", "Document", "Kordavia signs accord")]:
        graph.add_node(node)
    return graph


@pytest.mark.parametrize("query", ["country:kd", "Kordavia", "kordavia", "  KORDAVIA ", "the Republic of Kordavia",
                                   "Kordavia's", "Kordavia’s", "republic of kordavia’", "KD", "kdv", "Kdv"])
def test_id_name_alias_and_iso_code_find_the_country(invented, query):
    assert find_entity(invented, query).id == "country:kd"


def test_a_name_beats_an_alias_and_labels_restrict(invented):
    assert find_entity(invented, "Korda").id == "company:korda"  # its name beats Kordavia's alias
    assert find_entity(invented, "Korda", ("Country",)).id == "country:kd"
    assert find_entity(invented, "Li", ("Mineral",)).id == "mineral:li"
    with pytest.raises(UnknownEntityError):
        find_entity(invented, "lithium", ACTORS)


def test_several_nodes_answering_to_a_name_are_an_error_listing_them(invented):
    with pytest.raises(AmbiguousNameError) as caught:
        find_entity(invented, "Condor")
    assert str(caught.value) == ("'Condor' names 2 nodes: Condor (Agency, id agency:condor); "
                                 "Condor (Company, id company:condor); give an id instead")
    assert [n.id for n in caught.value.candidates] == ["agency:condor", "company:condor"]
    assert isinstance(caught.value, EntityLookupError) and isinstance(caught.value, LookupError)
    assert find_entity(invented, "Condor", ("Company",)).id == "company:condor"
    assert find_entity(invented, "agency:condor").id == "agency:condor"  # an id is never ambiguous
    with pytest.raises(AmbiguousNameError, match="'alba' names 2 nodes"):
        find_entity(invented, "alba")  # a shared alias


def test_an_unknown_name_suggests_close_names(invented):
    with pytest.raises(UnknownEntityError) as caught:
        find_entity(invented, "Kordava")
    assert caught.value.suggestions[0] == "Kordavia" and len(caught.value.suggestions) <= 3
    assert str(caught.value).startswith("no entity named 'Kordava'; did you mean 'Kordavia'")
    with pytest.raises(UnknownEntityError, match=r"^no entity named 'qqqq'$"):
        find_entity(invented, "qqqq")


def test_documents_only_when_asked(invented):
    with pytest.raises(UnknownEntityError):
        find_entity(invented, "Kordavia signs accord")
    with pytest.raises(UnknownEntityError):
        find_entity(invented, "doc1")
    assert find_entity(invented, "kordavia signs accord", ("Document",)).id == "doc1"


def test_normalise_name():
    assert normalise_name("The  Philippines’") == "philippines"
    assert normalise_name("Theodore") == "theodore"


QUERIES = [("Kordavia", None), ("KDV", None), ("kd", ("Country",)), ("Korda", None), ("Korda", ("Country",)),
           ("Condor", None), ("Condor", ("Agency",)), ("alba", None), ("Alba Two", None), ("Kordava", None),
           ("li", ("Mineral",)), ("lithium", ACTORS), ("Uvalia's", ACTORS), ("UVL", None), ("zzz", None),
           ("KORDAVIA", None)]


def outcome(where, name, labels):
    try:
        return find_entity(where, name, labels).id
    except EntityLookupError as exc:
        return f"{type(exc).__name__}: {exc}"


def test_a_store_answers_as_the_graph_does(stores, invented):
    with open_store(stores("db")) as store:  # one store for every name: a store costs a server start
        store.apply(Changes.between(invented, set(invented.nodes), set(), {}))
        answers = {(name, labels): outcome(store, name, labels) for name, labels in QUERIES}
    assert answers == {(name, labels): outcome(invented, name, labels) for name, labels in QUERIES}
    assert {answer.split(":")[0] for answer in answers.values()} >= {"AmbiguousNameError", "UnknownEntityError",
                                                                    "country", "company"}


def test_a_store_reads_only_the_candidates_of_a_name_it_finds(stores, invented):
    sent = []
    with open_store(stores("db")) as store:
        store.apply(Changes.between(invented, set(invented.nodes), set(), {}))
        query = store.query

        def spy(cypher, params=None, **kwargs):
            result = query(cypher, params, **kwargs)
            sent.append(result.rows)
            return result

        store.query = spy
        assert find_entity(store, "UVL").id == "country:uv"  # an ISO code: no word of any name holds it
        assert find_entity(store, "Kordavia").id == "country:kd"
    assert [len(rows) for rows in sent] == [1, 1]  # one query each, one candidate back
