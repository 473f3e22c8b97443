"""Reading articles: formats, metadata, and every kind of bad input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minegraph.loaders.documents import (
    Document,
    DocumentError,
    Skipped,
    decode_bytes,
    find_published,
    find_title,
)
from minegraph.loaders.reader import read_article, read_articles

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def test_reads_text_with_metadata(tmp_path: Path):
    path = tmp_path / "chile lithium é.txt"
    body = ("Chile and Germany sign lithium pact\nMarch 3, 2024 10:00am\n\n"
            "Chile and Germany signed a memorandum of understanding on lithium.\n")
    path.write_text(body, encoding="utf-8")
    doc = read_article(path)
    assert doc.id == "chile lithium é"
    assert doc.title == "Chile and Germany sign lithium pact"
    assert doc.published == "2024-03-03"
    assert doc.sha256 == hashlib.sha256(body.encode()).hexdigest()
    assert "memorandum of understanding" in doc.text


@pytest.mark.parametrize("line, expected", [
    ("Published Date:2025-09-22", "2025-09-22"),
    ("Mara Lindqvist | February 5, 2026 3:14 PM CST", "2026-02-05"),
    ("Posted 7 Sept. 2023", "2023-09-07"),
    ("No date here at all", None),
])
def test_finds_the_publication_date(line, expected):
    assert find_published(f"Some headline\n{line}\nBody text.") == expected


def test_title_skips_page_furniture():
    text = "Top News\n\nMinerals - Chile to lead a new effort\nBody."
    assert find_title(text) == "Minerals - Chile to lead a new effort"


def test_html_is_read_as_visible_text(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text("<html><head><title>x</title><script>alert('no')</script><style>p{}</style></head>"
                    "<body><h1>Peru and Japan talk copper</h1><p>Peru and Japan signed a copper deal.</p>"
                    "</body></html>", encoding="utf-8")
    doc = read_article(path)
    assert "alert" not in doc.text and "p{}" not in doc.text
    assert "Peru and Japan signed a copper deal." in doc.text


def test_cp1252_text_falls_back(tmp_path: Path):
    path = tmp_path / "old.txt"
    path.write_bytes("Côte d’Ivoire signs a manganese deal – “soon”.".encode("cp1252"))
    doc = read_article(path)
    assert doc.encoding == "cp1252"
    assert doc.text == "Côte d’Ivoire signs a manganese deal – “soon”."


def test_utf16_with_bom(tmp_path: Path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Ghana and India discuss gold.".encode("utf-16"))
    assert read_article(path).text == "Ghana and India discuss gold."


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "file is empty"),
    ("blank.txt", b"  \n\n\t ", "file is empty"),
    ("image.txt", PNG, "binary"),
    ("nul.txt", b"text\x00with\x00nul", "binary"),
])
def test_bad_files_raise_naming_the_file(tmp_path: Path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=reason) as info:
        read_article(path)
    assert str(info.value).startswith(str(path))


def test_too_large_file_is_refused_without_reading_it(tmp_path: Path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: 50 MB of nothing on disk
    with pytest.raises(DocumentError, match="50.0 MB, above the 20 MB limit"):
        read_article(path, max_bytes=20_000_000)


def test_unreadable_file(tmp_path: Path):
    path = tmp_path / "secret.txt"
    path.write_text("Chile mines copper.")
    path.chmod(0)
    try:
        if path.open("rb"):  # root can read anything: nothing to test then
            pytest.skip("running as root: permissions do not stop reads")
    except PermissionError:
        with pytest.raises(DocumentError, match="permission denied"):
            read_article(path)
    finally:
        path.chmod(0o600)


def test_missing_path_raises_before_reading_anything(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Chile mines copper.")
    with pytest.raises(DocumentError, match="no such file"):
        list(read_articles([tmp_path, tmp_path / "missing"]))


def test_folder_with_good_and_bad_files(tmp_path: Path):
    (tmp_path / "good one.txt").write_text("Peru and Japan signed a copper deal.")
    (tmp_path / "notes.md").write_text("# Bolivia\nBolivia holds lithium.")
    (tmp_path / "photo.png").write_bytes(PNG)
    (tmp_path / "renamed.txt").write_bytes(PNG)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_text("ignored")
    items = list(read_articles([tmp_path]))
    docs = sorted(d.id for d in items if isinstance(d, Document))
    skipped = sorted((Path(s.path).name, s.reason) for s in items if isinstance(s, Skipped))
    assert docs == ["good one", "notes"]
    assert skipped == [("empty.txt", "file is empty"), ("photo.png", "unsupported file type '.png'"),
                       ("renamed.txt", "looks like a binary file, not text")]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decoding_arbitrary_bytes_never_crashes(data):
    try:
        text, encoding = decode_bytes(data, "x.txt")
    except DocumentError:
        return
    assert isinstance(text, str) and encoding in {"utf-8", "utf-16", "cp1252"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_metadata_of_arbitrary_text_never_crashes(text):
    published = find_published(text)
    assert published is None or len(published) == 10
    title = find_title(text)
    assert title is None or title.strip() == title
