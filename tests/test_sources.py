"""Ingestion from saved pages, URLs, feeds, PDFs and exports (issue 12), against a real
HTTP server on loopback and real files; near-duplicate copies of one story."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.store import open_store
from minegraph.loaders.documents import Document, DocumentError
from minegraph.loaders.extract import extract_graph
from minegraph.loaders.reader import read_article
from minegraph.loaders.sources.dedup import NearDuplicates, decode_signature, fingerprint
from minegraph.loaders.sources.exports import read_export
from minegraph.loaders.sources.fetch import Fetcher, FetchError
from minegraph.loaders.sources.pdf import clean_pages
from tests.sources_site import (
    FURNITURE_FOOTER,
    OTHER_STORY,
    STORY,
    STORY_COPY,
    Site,
    feed,
    page,
    pdf_bytes,
)

HEADLINE = "Korea and Australia sign lithium pact"
#: names that appear only in the page furniture or hidden content, never in the article
FURNITURE_NAMES = {"Argentina", "Germany", "Zambia", "Saudi Arabia", "Indonesia", "Brazil", "Canada", "Singapore",
                   "Chile", "Peru", "Japan", "Bolivia", "India", "Ghana", "Kenya", "Egypt", "Bluestone Holdings",
                   "Glencore"}
PRESS = ["The governments of Chile and Japan signed a memorandum of understanding on copper and lithium "
         "supply chains in Tokyo on Monday, the trade ministry said in a statement released to reporters.",
         "Under the memorandum, Codelco will study joint processing projects with Japanese smelters, and both "
         "governments will share geological survey data and environmental-assessment methods for new mines.",
         "The ministers agreed to meet again next year to review progress on the projects and the "
         "recommendations of the joint working group."]


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def names(text: str) -> set[str]:
    return {n.name for n in extract_graph(Document("t", "t", text, "0")).nodes.values()}


def stored_names(db: Path) -> set[str]:
    with open_store(db) as store:
        return {n.name for n in store.read_graph().nodes.values()}


def documents(db: Path) -> dict[str, dict]:
    with open_store(db) as store:
        rows = store.query("MATCH (d:Document) RETURN d.id, properties(d)").rows
    return {doc_id: props for doc_id, props in rows}


@pytest.fixture(scope="module")
def site():
    with Site() as s:
        yield s


# --- saved web pages -------------------------------------------------------------------------


def test_saved_page_is_the_article_with_its_metadata(tmp_path):
    path = tmp_path / "korea.html"
    path.write_text(page(HEADLINE, STORY, canonical="https://ore.example/news/korea-lithium"), encoding="utf-8")
    doc = read_article(path)
    assert doc.title == HEADLINE
    assert doc.published == "2024-03-05"
    assert doc.publisher == "Daily Ore"
    assert doc.author == "Jane Roe"
    assert doc.url == "https://ore.example/news/korea-lithium"
    assert "Posco will invest in a lithium refinery" in doc.text
    for furniture in ("Subscribe", "cookies", "Related stories", "Argentina", FURNITURE_FOOTER[:20]):
        assert furniture not in doc.text


def test_furniture_names_entities_on_the_page_and_not_in_the_article(tmp_path):
    import lxml.html

    html = page(HEADLINE, STORY)
    whole_page = " ".join(lxml.html.document_fromstring(html).itertext())  # every word on it, furniture too
    before, after = names(whole_page), names(read_article(_write(tmp_path / "p.html", html)).text)
    assert {"South Korea", "Australia"} <= after
    assert before & FURNITURE_NAMES  # a whole-page reader makes entities of the furniture
    assert not after & FURNITURE_NAMES


@pytest.mark.parametrize("name", ["page.html", "page-saved-as.txt"])
def test_hidden_content_never_becomes_facts(tmp_path, name):
    path = _write(tmp_path / name, page(HEADLINE, STORY, hidden=True))
    doc = read_article(path)
    assert doc.title == HEADLINE  # a page saved as .txt is still read as a page
    for hidden in ("Lima", "Cusco", "Sucre", "Accra", "Nairobi"):
        assert hidden not in doc.text
    assert not names(doc.text) & FURNITURE_NAMES


def test_build_from_a_folder_of_saved_pages(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    _write(folder / "a.html", page(HEADLINE, STORY, hidden=True))
    _write(folder / "b.htm", page("Analysts doubt refinery costs", OTHER_STORY, site="Mine Weekly"))
    result = run("build", folder, "--db", tmp_path / "db")
    assert "2 loaded" in result.output
    found = stored_names(tmp_path / "db")
    assert {"South Korea", "Australia"} <= found
    assert not found & FURNITURE_NAMES
    assert {p.get("publisher") for p in documents(tmp_path / "db").values()} == {"Daily Ore", "Mine Weekly"}


# --- URLs ------------------------------------------------------------------------------------


def test_urls_are_fetched_once_cached_and_recorded(site, tmp_path):
    url = site.add("/news/korea-lithium.html", page(HEADLINE, STORY))
    db = tmp_path / "db"
    result = run("build", url, "--db", db, "--fetch-delay", "0")
    assert "1 loaded" in result.output
    props = documents(db)["korea-lithium"]
    assert props["url"] == url and props["path"] == url and props["publisher"] == "Daily Ore"
    assert site.hits["/news/korea-lithium.html"] == 1
    assert site.agents[-1].startswith("minegraph/")
    result = run("build", url, "--db", db, "--fetch-delay", "0")  # from the cache
    assert "1 unchanged" in result.output and site.hits["/news/korea-lithium.html"] == 1
    run("build", url, "--db", db, "--fetch-delay", "0", "--refresh")
    assert site.hits["/news/korea-lithium.html"] == 2


def test_bad_urls_are_one_line_each_and_the_build_goes_on(site, tmp_path):
    good = site.add("/news/good.html", page(HEADLINE, STORY))
    site.add("/image.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
    site.add("/big.html", page("A long page", STORY * 400))
    site.add("/slow.html", page(HEADLINE, STORY))
    site.flaky["/news/flaky.html"] = 1
    flaky = site.add("/news/flaky.html", page("Analysts doubt refinery costs", OTHER_STORY))
    bad = {"/missing.html": "HTTP 404", "/loop": "redirect", "/slow.html": "answer within 0.5 s",
           "/image.png": "'image/png' is not a web page", "/big.html": "limit"}
    links = tmp_path / "links.txt"
    links.write_text("# this week\n" + "\n".join([good, flaky, *(site.base + p for p in bad),
                                                   site.base + "/redirect-to/news/good.html"]) + "\n")
    result = run("build", "--urls-from", links, "--db", tmp_path / "db", "--fetch-delay", "0",
                 "--fetch-timeout", "0.5", "--max-mb", "0.1")
    skipped = [ln for ln in result.output.splitlines() if ln.startswith("Skipped ")]
    assert len(skipped) == len(bad)
    for path, reason in bad.items():
        assert any(site.base + path in ln and reason in ln for ln in skipped), (path, skipped)
    assert "2 loaded" in result.output and "1 duplicate" in result.output  # redirect = the good page again


def test_only_failing_urls_fail_the_build_and_write_nothing(site, tmp_path):
    result = run("build", site.base + "/gone.html", "--db", tmp_path / "db", "--fetch-delay", "0", ok=False)
    assert result.exit_code == 1 and "gone.html: HTTP 404" in result.output
    assert documents(tmp_path / "db") == {}


def test_fetcher_waits_between_requests_to_one_host(site, tmp_path):
    a = site.add("/polite/a.html", page(HEADLINE, STORY))
    b = site.add("/polite/b.html", page(HEADLINE, STORY))
    with Fetcher(tmp_path / "cache", delay=0.3, retries=0) as fetcher:
        fetcher.fetch(a)
        fetcher.fetch(b)
    times = [t for p, t in site.times if p.startswith("/polite/")]
    assert times[1] - times[0] >= 0.29
    with Fetcher(None, max_bytes=1000, delay=0) as fetcher, pytest.raises(FetchError, match="limit"):
        fetcher.fetch(a)


# --- feeds -----------------------------------------------------------------------------------


def test_feed_builds_only_new_entries_and_fills_metadata(site, tmp_path):
    bare = "<html><body><article>" + "".join(f"<p>{s}.</p>" for s in OTHER_STORY.split(". ")) + \
           "</article></body></html>"  # a page without title or date: the feed gives them
    site.add("/feed/one.html", page(HEADLINE, STORY))
    site.add("/feed/two.html", bare)
    entries = [("/feed/one.html", HEADLINE, "Tue, 05 Mar 2024 08:00:00 GMT"),
               ("/feed/two.html", "Analysts doubt refinery costs", "Wed, 06 Mar 2024 09:00:00 GMT")]
    feed_url = site.add("/rss.xml", feed(site.base, entries), "application/rss+xml")
    db = tmp_path / "db"
    result = run("build", "--feed", feed_url, "--db", db, "--fetch-delay", "0")
    assert "2 loaded" in result.output
    two = documents(db)["two"]
    assert two["title"] == "Analysts doubt refinery costs" and two["published"] == "2024-03-06"
    assert two["publisher"] == "Ore Wire: Minerals"
    site.add("/feed/three.html", page("Chile and Japan sign copper memorandum", " ".join(PRESS)))
    site.add("/rss.xml", feed(site.base, [*entries, ("/feed/three.html", "Chile and Japan", "Thu, 07 Mar 2024")]),
             "application/rss+xml")
    result = run("build", "--feed", feed_url, "--db", db, "--fetch-delay", "0")
    assert "1 loaded, 0 replaced, 0 unchanged" in result.output
    assert site.hits["/feed/one.html"] == 1 and site.hits["/rss.xml"] == 2
    assert json.loads((db / "sources" / "feeds-seen.json").read_text())[feed_url]


def test_malformed_feed_is_one_skipped_line(site, tmp_path):
    bad = site.add("/broken.xml", "<rss><channel><item><title>unclosed", "application/rss+xml")
    good = site.add("/news/with-feed.html", page(HEADLINE, STORY))
    result = run("build", good, "--feed", bad, "--db", tmp_path / "db", "--fetch-delay", "0")
    assert f"Skipped {bad}: " in result.output and "1 loaded" in result.output


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_text_without_furniture_with_hyphens_joined(tmp_path):
    path = tmp_path / "statement.pdf"
    path.write_bytes(pdf_bytes(PRESS, pages=2))
    doc = read_article(path)
    assert doc.title == "Joint statement" and doc.author == "Ministry of Trade" and doc.published
    assert "PRESS OFFICE" not in doc.text and "Page 1" not in doc.text
    assert "environmental-assessment methods" in doc.text  # "environmen-" + "tal-assessment"
    assert "-\n" not in doc.text and "memorandum of understanding on copper and lithium supply" in doc.text
    assert doc.text.index("Tokyo") < doc.text.index("Codelco") < doc.text.index("ministers agreed")
    assert {"Chile", "Japan"} <= names(doc.text)


def test_page_furniture_and_hyphenation_cleanup():
    pages = ["ACME REPORT\nThe refinery will pro-\ncess lithium from Chile.\n1",
             "ACME REPORT\nIt opens next year in the north of the\ncountry.\n2"]
    text = clean_pages(pages)
    assert "ACME" not in text and "process lithium" in text and "\n1" not in text


def test_encrypted_and_damaged_pdfs_are_skipped(site, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "locked.pdf").write_bytes(pdf_bytes(PRESS, password="secret"))
    (folder / "damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF")
    (folder / "ok.pdf").write_bytes(pdf_bytes(PRESS))
    result = run("build", folder, "--db", tmp_path / "db")
    assert "locked.pdf: the PDF is encrypted" in result.output
    assert "damaged.pdf: " in result.output and "1 loaded" in result.output and "2 skipped" in result.output
    with pytest.raises(DocumentError, match="encrypted"):
        read_article(folder / "locked.pdf")
    url = site.add("/files/statement.pdf", pdf_bytes(PRESS), "application/pdf")
    assert "1 loaded" in run("build", url, "--db", tmp_path / "db2", "--fetch-delay", "0").output


# --- exports ---------------------------------------------------------------------------------


def test_csv_and_jsonl_exports_are_one_document_per_row(tmp_path):
    csv_path = tmp_path / "export.csv"
    csv_path.write_text('headline,story,link,pub_date,outlet\n'
                        f'"{HEADLINE}","{STORY}",https://ore.example/1,2024-03-05,Daily Ore\n'
                        'Empty row,,https://ore.example/2,2024-03-05,Daily Ore\n', encoding="utf-8")
    rows = list(read_export(csv_path, {"text": "story", "title": "headline", "url": "link",
                                       "published": "pub_date"}))
    assert [type(r).__name__ for r in rows] == ["Document", "Skipped"]
    assert rows[0].url == "https://ore.example/1" and rows[0].publisher == "Daily Ore"
    assert rows[0].published == "2024-03-05" and rows[0].path.endswith("export.csv#1")
    assert rows[1].path.endswith("export.csv#2") and "no text" in rows[1].reason
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_text(json.dumps({"title": "Chile and Japan", "body": " ".join(PRESS), "source": "Wire",
                                 "published": "Mon, 11 Mar 2024 10:00:00 GMT"}) + "\n{not json\n",
                     encoding="utf-8")
    result = run("build", csv_path, jsonl, "--db", tmp_path / "db",
                 "--columns", "text=story,title=headline,url=link,published=pub_date")
    assert "2 loaded" in result.output and "2 skipped" in result.output
    assert "export.csv#2: row has no text" in result.output and "export.jsonl#2: not a JSON object" in result.output
    docs = documents(tmp_path / "db")
    assert {p.get("published") for p in docs.values()} == {"2024-03-05", "2024-03-11"}
    assert run("build", csv_path, "--columns", "body", "--db", tmp_path / "db", ok=False).exit_code == 2


def test_a_json_line_python_cannot_hold_is_one_skipped_line(tmp_path):
    """Valid JSON with a 5,000-digit integer (Python refuses to convert more than 4,300
    digits) is one Skipped line naming the row, and the build goes on."""
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text(json.dumps({"title": "Chile and Japan", "body": " ".join(PRESS)}) + "\n"
                     + '{"title": "Huge", "body": "Peru mines copper.", "views": ' + "7" * 5000 + "}\n"
                     + '[[[' * 100_000 + "\n", encoding="utf-8")
    result = run("build", jsonl, "--db", tmp_path / "db")
    skipped = [line for line in result.output.splitlines() if line.startswith("Skipped ")]
    assert skipped == [f"Skipped {jsonl}#2: not a readable JSON object (Exceeds the limit (4300 digits) "
                       "for integer string conversion)",
                       f"Skipped {jsonl}#3: not a readable JSON object (nested too deeply)"]
    assert result.output.splitlines()[-1].startswith("1 loaded, 0 replaced, 0 unchanged, 2 skipped")


# --- near-duplicates -------------------------------------------------------------------------


def test_signatures_tell_copies_from_other_stories():
    index = NearDuplicates()
    index.add("wire", fingerprint(STORY))
    assert index.match(fingerprint(STORY_COPY))[0] == "wire"
    assert index.match(fingerprint(OTHER_STORY)) is None
    assert fingerprint("too short to compare") is None


def test_copies_of_one_story_become_sources_of_one_document(site, tmp_path):
    a = site.add("/dup/ore-daily.html", page(HEADLINE, STORY, site="Daily Ore", date="2024-03-05"))
    b = site.add("/dup/mine-weekly.html", page("Seoul and Canberra seal lithium deal", STORY_COPY,
                                               site="Mine Weekly", date="2024-03-06"))
    c = site.add("/dup/analysis.html", page("Analysts doubt refinery costs", OTHER_STORY, site="Mine Weekly"))
    db, alone = tmp_path / "db", tmp_path / "alone"
    result = run("build", a, b, c, "--db", db, "--fetch-delay", "0")
    assert "2 loaded" in result.output and "1 duplicate" in result.output
    assert f"{b}: near-duplicate of {a}" in result.output
    docs = documents(db)
    assert set(docs) == {"ore-daily", "analysis"}
    primary = docs["ore-daily"]
    assert primary["source_urls"] == [a, b] and primary["source_outlets"] == ["Daily Ore", "Mine Weekly"]
    assert primary["source_dates"] == ["2024-03-05", "2024-03-06"] and primary["copies"] == 2
    # the copy adds a source, not weight: the facts are those of the first copy and the other story
    run("build", a, c, "--db", alone, "--fetch-delay", "0")
    assert _facts(db) == _facts(alone)
    # a rebuild changes nothing and lists the copy once; with the check off both copies load
    assert "1 duplicate" in run("build", a, b, c, "--db", db, "--fetch-delay", "0").output
    assert documents(db)["ore-daily"]["source_urls"] == [a, b]
    assert "3 loaded" in run("build", a, b, c, "--db", tmp_path / "all", "--fetch-delay", "0",
                             "--near-duplicate", "0").output


def _facts(db: Path) -> dict:
    with open_store(db) as store:
        graph = store.read_graph()
    return {key: (len(rel.props.get("evidence", [])), rel.props.get("confidence"))
            for key, rel in graph.relationships.items() if key[1] != "MENTIONS"}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_url_list_with_a_non_url_is_one_error_line(tmp_path):
    links = tmp_path / "links.txt"
    links.write_text("https://ore.example/a.html\nnot a link\n")
    result = run("build", "--urls-from", links, "--db", tmp_path / "db", ok=False)
    assert result.exit_code == 1 and f"Error: {links}:2: not an http(s) URL" in result.output
    assert not (tmp_path / "db").exists()
    assert run("build", "--db", tmp_path / "db", ok=False).exit_code == 2  # nothing to build


def test_a_copy_in_a_later_build_joins_the_stored_story(site, tmp_path):
    a = site.add("/later/ore-daily.html", page(HEADLINE, STORY, site="Daily Ore"))
    b = site.add("/later/mine-weekly.html", page("Seoul and Canberra seal lithium deal", STORY_COPY,
                                                 site="Mine Weekly", date="2024-03-12"))
    db = tmp_path / "db"
    run("build", a, "--db", db, "--fetch-delay", "0")
    result = run("build", b, "--db", db, "--fetch-delay", "0")
    assert "0 loaded" in result.output and f"{b}: near-duplicate of {a}" in result.output
    assert documents(db)["ore-daily"]["source_outlets"] == ["Daily Ore", "Mine Weekly"]


@pytest.mark.parametrize("stored_as", ["string", "list"])
def test_a_stored_signature_is_one_string_and_the_older_list_form_still_matches(site, tmp_path, stored_as):
    """A Document keeps its signature as one base64 string (a store returns that far faster
    than 128 numbers); a store written with the list form still finds next week's copy."""
    a = site.add(f"/sig-{stored_as}/ore-daily.html", page(HEADLINE, STORY, site="Daily Ore"))
    b = site.add(f"/sig-{stored_as}/mine-weekly.html", page("Seoul and Canberra seal lithium deal", STORY_COPY,
                                                            site="Mine Weekly", date="2024-03-12"))
    db = tmp_path / "db"
    run("build", a, "--db", db, "--fetch-delay", "0")
    stored = documents(db)["ore-daily"]["minhash"]
    assert isinstance(stored, str) and len(decode_signature(stored)) == 128
    if stored_as == "list":
        with open_store(db) as store:
            store.query("MATCH (d:Document) SET d.minhash = $sig",
                        {"sig": [int(v) for v in decode_signature(stored)]}, write=True)
    result = run("build", b, "--db", db, "--fetch-delay", "0")
    assert f"{b}: near-duplicate of {a}" in result.output


def test_a_fetched_article_is_removed_by_its_url(site, tmp_path):
    url = site.add("/news/to-remove.html", page(HEADLINE, STORY))
    db = tmp_path / "db"
    run("build", url, "--db", db, "--fetch-delay", "0")
    run("remove", url, "--db", db)
    assert documents(db) == {}
