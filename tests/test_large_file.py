"""A large article is streamed in pieces: memory follows the piece, not the file, and
the sha256 covers the whole file.  Small sizes here (seconds); ``bench/large_file.py``
runs the same check on a 50 MB article through the CLI."""

from __future__ import annotations

from pathlib import Path

from minegraph.loaders import pipeline
from minegraph.loaders.claims import Extracted
from minegraph.loaders.documents import file_sha256
from minegraph.loaders.pipeline import extract_file

PARAGRAPH = ("Officials from Chile and Germany met in Berlin on day {i} to discuss lithium and copper supply. "
             "The ministry said talks on cobalt refining would continue next year.\n")
PIECE = 32_000


def article(path: Path, size: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Chile and Germany deepen minerals ties\nMarch 3, 2024\n\n")
        i = 0
        while fh.tell() < size:
            fh.write("".join(PARAGRAPH.format(i=i + k) for k in range(10)))
            i += 10
    return path


def test_a_large_article_is_extracted_piece_by_piece(tmp_path, monkeypatch):
    path = article(tmp_path / "large article.txt", 300_000)
    seen: list[int] = []
    real = pipeline.extract_graph

    def extract_graph(doc):  # the real extractor, watched: how much text does it get at once?
        seen.append(len(doc.text))
        return real(doc)

    monkeypatch.setattr(pipeline, "extract_graph", extract_graph)
    result = extract_file(path, chunk_bytes=PIECE)
    assert isinstance(result, Extracted)
    # memory follows the piece, never the file: no call saw more than one piece of text
    assert len(seen) >= 300_000 // PIECE
    assert max(seen) < PIECE + 1000  # a piece ends at the line break after the block it read
    assert result.doc.sha256 == file_sha256(path)
    assert result.doc.title == "Chile and Germany deepen minerals ties"
    assert {"Chile", "Germany"} <= {n.name for n in result.graph.nodes.values() if n.label == "Country"}
    assert all(len(r.props.get("evidence", [])) <= 20 for r in result.graph.relationships.values())


def test_a_file_below_the_piece_size_is_read_whole(tmp_path):
    path = article(tmp_path / "short.txt", 20_000)
    result = extract_file(path, chunk_bytes=PIECE)
    assert isinstance(result, Extracted)
    assert result.doc.sha256 == file_sha256(path)
