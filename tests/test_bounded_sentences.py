"""A line longer than the rules read whole is cut at a clause break: a list's semicolons before
its commas, so each name keeps the title after it (invented list)."""

from __future__ import annotations

from minegraph.loaders.extract import MAX_SENTENCE_CHARS, bounded_sentences
from minegraph.loaders.sentences import split_sentences

_GIVEN = ["Ana", "Lena", "Tomas", "Oskar", "Marta", "Ivo", "Rosa", "Pavel"]
_FAMILY = ["Ruiz", "Berg", "Lindqvist", "Vega", "Novak", "Oda", "Kaya", "Serikov"]


def test_a_long_list_is_cut_between_its_items_not_inside_one():
    items = [
        f"{g} {f}, Deputy Minister of Mines and Regional Development of Ruritania"
        for g in _GIVEN
        for f in _FAMILY
    ]
    line = "Participants: " + "; ".join(items)
    assert len(line) > 2 * MAX_SENTENCE_CHARS
    pieces = bounded_sentences(split_sentences(line))
    assert len(pieces) >= 3
    assert all(len(p.text) <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(p.text.endswith(";") for p in pieces[:-1])  # never between a name and its title
    assert all(line[p.start : p.end] == p.text for p in pieces)  # offsets into the line as written
