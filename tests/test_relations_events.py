"""Event participation (sentences written for these tests)."""

from __future__ import annotations

from loaders.documents import Document
from loaders.extract import extract_graph


def _participants(text: str) -> set[str]:
    graph = extract_graph(Document("t", "t.txt", text, "0" * 64))
    return {r.source for r in graph.relationships.values() if r.type == "PARTICIPATED_IN"}


def test_both_signatories_on_the_sidelines_of_a_summit():
    got = _participants(
        "The document was signed by Prime Minister of Chile Ana Rojas and President of the "
        "European Commission Lena Berg on the sidelines of the Lima Minerals Summit."
    )
    assert {"person:ana-rojas", "person:lena-berg"} <= got


def test_a_person_named_later_in_the_sentence_is_not_a_participant():
    got = _participants(
        "Prime Minister Ana Rojas spoke at the Lima Minerals Summit, a forum that critics such as Lena Berg dislike."
    )
    assert "person:ana-rojas" in got and "person:lena-berg" not in got
