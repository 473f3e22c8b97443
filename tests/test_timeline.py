"""Partners over time (issue 22), on each real store: articles written for these tests,
dated across several years, then a later batch (the weekly job: a feed served on
loopback, `build --feed URL --digest week.md`).  Checked against what the batch added:
first_seen / last_seen and the number of articles on every node and link (also after a
remove and a changed article), an agreement's status history, `changes --since-build`,
the digest, the Atom feed (parsed by feedparser) and the rankings per year."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from minegraph.cli.main import cli
from minegraph.graph.analytics import focus_partners
from minegraph.graph.dates import Window, documents_in
from minegraph.graph.store import open_store
from minegraph.graph.timeline import document_dates
from tests.sources_site import Site, feed, page

EARLIER = {
    "2021-copper-talks.txt": "Chile and Japan open copper talks\nDate: 2021-03-10\n\n"
                             "Chile and Japan are in talks on a memorandum of understanding on copper supply, "
                             "officials said in Santiago.\n",
    "2022-lithium-pact.txt": "Chile and Germany agree on lithium\nDate: 2022-06-01\n\n"
                             "Chile and Germany signed a memorandum of understanding on lithium supply in Santiago "
                             "on Monday.\n"
                             "Chile, Peru and Bolivia took part in the Andean Lithium Forum 2022 in Lima.\n",
    "2023-refining.txt": "Chile and Germany deepen ties\nDate: 2023-09-15\n\n"
                         "Chile and Germany will cooperate on lithium refining, the ministers said.\n",
}
# the later batch: (path, headline, date, text)
LATER = [
    ("/news/copper-diplomacy.html", "Copper diplomacy in Asia", "2025-02-03",
     "Chile and Japan will sign a memorandum of understanding on copper supply. "
     "Chile and Australia signed a lithium agreement in Canberra. "
     "Andes Copper Corp., a Chilean mining company, will cooperate with Australia on copper exploration."),
    ("/news/lima-summit.html", "Lima hosts a minerals summit", "2025-02-10",
     "Chile and Germany will cooperate on lithium recycling, officials said. "
     "Chile, Peru and Argentina took part in the Pacific Minerals Summit 2025 in Lima."),
]
RFC822 = {"2025-02-03": "Mon, 03 Feb 2025 08:00:00 GMT", "2025-02-10": "Mon, 10 Feb 2025 08:00:00 GMT"}


def run(*args: object, ok: bool = True):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def write(folder: Path, articles: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in articles]


def later_as_files(folder: Path) -> list[Path]:
    """The later batch as text files (same text and dates as the pages)."""
    sentences = {path: text.replace(". ", ".\n") for path, _, _, text in LATER}
    return write(folder, {Path(p).stem + ".txt": f"{headline}\nDate: {date}\n\n{sentences[p]}\n"
                          for p, headline, date, _ in LATER})


def docs_of_batch(store, paths: list[str]) -> set[str]:
    rows = store.query("MATCH (d:Document) WHERE d.path IN $paths RETURN d.id", {"paths": paths}).rows
    return {r[0] for r in rows}


def check_dates_follow_the_claims(store) -> None:
    """Every node's and link's first_seen, last_seen and articles are those of the articles
    that support it (their dates read from the Documents)."""
    dates = dict(store.query("MATCH (d:Document) RETURN d.id, d.first_seen").rows)
    assert all(dates.values())
    mentioned: dict[str, list[str]] = {}
    for node_id, doc in store.query("MATCH (d:Document)-[:MENTIONS]->(n) RETURN n.id, d.id").rows:
        mentioned.setdefault(node_id, []).append(dates[doc])
    nodes = store.query("MATCH (n) WHERE NOT n:Document AND NOT n:Build "
                        "RETURN n.id, n.first_seen, n.last_seen, n.articles").rows
    assert nodes
    for node_id, first, last, articles in nodes:
        seen = mentioned[node_id]
        assert (first, last, articles) == (min(seen), max(seen), len(seen)), node_id
    links = store.query("MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONS' "
                        "RETURN a.id, type(r), b.id, r.doc_ids, r.first_seen, r.last_seen, r.articles").rows
    assert links
    for source, rel_type, target, doc_ids, first, last, articles in links:
        seen = [dates[d] for d in doc_ids]
        assert (first, last, articles) == (min(seen), max(seen), len(seen)), (source, rel_type, target)


def node(store, name: str, label: str = "Country") -> dict:
    [[props]] = store.query(f"MATCH (n:{label} {{name: $name}}) RETURN properties(n)", {"name": name}).rows
    return dict(props)


def link(store, a: str, rel_type: str, b: str) -> dict:
    rows = store.query(f"MATCH (x {{name: $a}})-[r:{rel_type}]-(y {{name: $b}}) RETURN properties(r)",
                       {"a": a, "b": b}).rows
    return dict(rows[0][0])


# --- when a fact was seen -------------------------------------------------------------------


def test_first_and_last_seen_follow_the_articles_through_remove_and_change(stores, tmp_path):
    earlier = write(tmp_path / "earlier", EARLIER)
    later = later_as_files(tmp_path / "later")
    target = stores.cli_args("db")
    run("build", *earlier, *target)
    run("build", *later, *target)
    with open_store(stores("db")) as store:
        check_dates_follow_the_claims(store)
        chile = node(store, "Chile")
        assert (chile["first_seen"], chile["last_seen"], chile["articles"]) == ("2021-03-10", "2025-02-10", 5)
        mou = node(store, "Chile–Japan MOU", "Agreement")
        # talks in 2021, planned in 2025: each status with the date of the first article stating it
        assert (mou["status_history"], mou["status_dates"]) == (["under_discussion", "planned"],
                                                                  ["2021-03-10", "2025-02-03"])
        assert mou["status"] == "planned"
        germany = link(store, "Chile", "COOPERATES_WITH", "Germany")
        assert (germany["first_seen"], germany["last_seen"]) == ("2022-06-01", "2025-02-10")
    run("remove", later[1], *target)  # the summit article
    with open_store(stores("db")) as store:
        check_dates_follow_the_claims(store)
        assert node(store, "Chile")["last_seen"] == "2025-02-03"
        assert link(store, "Chile", "COOPERATES_WITH", "Germany")["last_seen"] == "2023-09-15"
    # the copper article changes: dated earlier now
    later[0].write_text(later[0].read_text(encoding="utf-8").replace("2025-02-03", "2024-12-01"), encoding="utf-8")
    run("build", later[0], *target)
    with open_store(stores("db")) as store:
        check_dates_follow_the_claims(store)
        assert node(store, "Chile")["last_seen"] == "2024-12-01"
        assert node(store, "Chile–Japan MOU", "Agreement")["status_dates"] == ["2021-03-10", "2024-12-01"]
        builds = store.query("MATCH (b:Build) RETURN b.number, b.command, b.added, b.replaced, b.removed "
                             "ORDER BY b.number").rows
    assert [(n, command, len(added or []), len(replaced or []), len(removed or []))
            for n, command, added, replaced, removed in builds] == [
        (1, "build", 3, 0, 0), (2, "build", 2, 0, 0), (3, "remove", 0, 0, 1), (4, "build", 0, 1, 0)]


def test_an_undated_article_counts_by_the_day_it_was_built_and_says_so(stores, tmp_path):
    [path] = write(tmp_path / "a", {"undated.txt": "Chile and Peru talk tin\n\n"
                                                   "Chile and Peru will cooperate on tin smelting, officials said.\n"})
    before = datetime.date.today().isoformat()
    run("build", path, *stores.cli_args("db"))
    after = datetime.date.today().isoformat()
    with open_store(stores("db")) as store:
        [[first, source, built]] = store.query("MATCH (d:Document) RETURN d.first_seen, d.date_source, d.built").rows
        assert source == "built" and before <= first == built <= after
        assert node(store, "Peru")["first_seen"] == first
        check_dates_follow_the_claims(store)


# --- the weekly job: build --feed --digest, changes, the Atom feed -------------------------------


@pytest.fixture
def site():
    with Site() as s:
        yield s


def publish(site: Site) -> str:
    for path, headline, date, text in LATER:
        site.add(path, page(headline, text, date=date, site="Ore Wire"))
    entries = [(path, headline, RFC822[date]) for path, headline, date, _ in LATER]
    return site.add("/minerals.xml", feed(site.base, entries), "application/rss+xml")


def test_the_weekly_job_leaves_a_digest_and_changes_list_what_the_batch_added(stores, site, tmp_path):
    target = stores.cli_args("db")
    run("build", *write(tmp_path / "earlier", EARLIER), *target)
    feed_url = publish(site)
    digest = tmp_path / "week.md"
    out = run("build", "--feed", feed_url, "--digest", digest, "--fetch-delay", "0", *target).output
    assert "logged as build 2" in out and "Digest of build 2 written to" in out
    urls = [site.base + path for path, *_ in LATER]
    with open_store(stores("db")) as store:
        batch = docs_of_batch(store, urls)
        assert len(batch) == 2
        # what only the batch's articles mention, read from the store itself
        only_new = {label: {name for name, docs in store.query(
            f"MATCH (d:Document)-[:MENTIONS]->(n:{label}) RETURN n.name, collect(d.id)").rows
            if set(docs) <= batch} for label in ("Agreement", "Event", "Country", "Company", "Agency")}
    report = json.loads(run("changes", "--since-build", "1", "--focus", "Chile", "--format", "json", *target).output)
    assert [b["number"] for b in report["builds"]] == [2] and report["baseline"] == 1
    kinds: dict[str, dict[str, dict]] = {}
    for change in report["changes"]:
        kinds.setdefault(change["kind"], {})[change["name"]] = change
    assert set(kinds["new_agreement"]) == only_new["Agreement"] != set()
    assert set(kinds["new_event"]) == only_new["Event"] == {"Pacific Minerals Summit 2025"}
    assert set(kinds["new_actor"]) == only_new["Country"] | only_new["Company"] | only_new["Agency"]
    assert {"Australia", "Argentina", "Andes Copper Corporation"} <= set(kinds["new_actor"])
    [status] = kinds["status_changed"].values()
    assert (status["name"], status["before"], status["after"]) == ("Chile–Japan MOU", "under_discussion", "planned")
    assert status["sentence"] == "Chile and Japan will sign a memorandum of understanding on copper supply."
    assert status["article"]["date"] == "2025-02-03" and status["article"]["url"] == urls[0]
    assert {"Australia", "Argentina"} <= set(kinds["new_partner"])
    assert {"Germany", "Japan"} <= set(kinds["tie_grew"])
    assert kinds["tie_grew"]["Germany"]["after"] > kinds["tie_grew"]["Germany"]["before"]
    for change in report["changes"]:  # each with its evidence from the batch
        assert change["article"]["id"] in batch, change
        assert change["sentence"] and change["build"] == 2, change
    # the digest the build wrote is what changed in that build
    text = digest.read_text(encoding="utf-8")
    assert text == run("changes", "--since-build", "1", "--format", "md", *target).output
    assert text.startswith("# What changed: build 2\n")
    assert "## Agreements whose status changed (1)" in text and "under\\_discussion → planned" in text
    assert "“Chile and Australia signed a lithium agreement in Canberra.”" in text
    assert f"[Copper diplomacy in Asia](<{urls[0]}>), 2025-02-03" in text
    # and the same changes as an Atom feed
    atom = run("changes", "--since-build", "1", "--focus", "Chile", "--format", "atom", *target).output
    parsed = feedparser.parse(atom)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.feed.title == "What changed: build 2 (Chile)"
    assert len(parsed.entries) == len(report["changes"]) == len({e.id for e in parsed.entries})
    by_title = {e.title: e for e in parsed.entries}
    entry = by_title["Agreements whose status changed: Chile–Japan MOU"]
    assert entry.link == urls[0] and "will sign a memorandum of understanding" in entry.summary
    assert all(e.updated_parsed for e in parsed.entries)
    # a week without new entries still leaves its digest, saying so
    quiet = run("build", "--feed", feed_url, "--digest", digest, "--fetch-delay", "0", *target)
    assert quiet.output.startswith("Nothing new: the 2 entries of the feed were built before")
    assert "Nothing changed." in digest.read_text(encoding="utf-8")


def test_changes_choose_builds_by_number_date_or_the_last(stores, tmp_path):
    target = stores.cli_args("db")
    run("build", *write(tmp_path / "earlier", EARLIER), *target)
    run("build", *later_as_files(tmp_path / "later"), *target)
    last = json.loads(run("changes", "--format", "json", *target).output)
    assert [b["number"] for b in last["builds"]] == [2]
    assert json.loads(run("changes", "--last", "--format", "json", *target).output) == last
    everything = json.loads(run("changes", "--since-build", "0", "--format", "json", *target).output)
    assert [b["number"] for b in everything["builds"]] == [1, 2]
    assert "status_changed" not in {c["kind"] for c in everything["changes"]}  # compared with an empty store
    today = datetime.date.today().isoformat()
    assert [b["number"] for b in json.loads(
        run("changes", "--since", today, "--format", "json", *target).output)["builds"]] == [1, 2]
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    assert json.loads(run("changes", "--since", tomorrow, "--format", "json", *target).output)["changes"] == []
    result = run("changes", "--since-build", "7", *target, ok=False)
    assert result.exit_code == 1 and result.output.startswith("Error: no build 7 in the store's log")
    assert run("changes", "--last", "--since-build", "1", *target, ok=False).exit_code == 2
    lithium = json.loads(run("changes", "--mineral", "lithium", "--format", "json", *target).output)
    assert {c["kind"] for c in lithium["changes"]} <= {"new_agreement", "status_changed", "new_actor"}
    assert "Pacific Minerals Summit 2025" not in {c["name"] for c in lithium["changes"]}


# --- rankings over time ---------------------------------------------------------------------


def test_rankings_by_year_and_window_on_each_store(stores, tmp_path):
    target = stores.cli_args("db")
    run("build", *write(tmp_path / "earlier", EARLIER), *target)
    run("build", *later_as_files(tmp_path / "later"), *target)
    by_year = json.loads(run("centrality", "--focus", "Chile", "--by-year", "--top", "0", "--json", *target).output)
    assert [y["year"] for y in by_year["years"]] == [2021, 2022, 2023, 2024, 2025]
    with open_store(stores("db")) as store:
        whole = store.read_graph(provenance=False)
    dates = document_dates(whole)
    for entry in by_year["years"]:  # each year's ranking is the ranking of that year's articles
        expected = focus_partners(whole, "Chile", documents=documents_in(dates, Window.year(entry["year"])))
        assert [(r["id"], r["weight"]) for r in entry["partners"]] == [(r["id"], r["weight"]) for r in expected]
    trend = {y["year"]: {r["name"]: r["trend"] for r in y["partners"] + y["gone"]} for y in by_year["years"]}
    assert trend[2021] == {"Japan": "new"}
    assert trend[2022]["Germany"] == "new" and trend[2022]["Japan"] == "gone"
    assert trend[2023]["Germany"] == "falling"  # one statement in 2023 against an MOU and a statement in 2022
    assert trend[2024] == {"Germany": "gone"}
    assert {"Japan", "Australia", "Argentina", "Germany"} <= {n for n, t in trend[2025].items() if t == "new"}
    window = json.loads(run("centrality", "--focus", "Chile", "--since", "2022", "--until", "2023-12",
                            "--top", "0", "--json", *target).output)
    expected = focus_partners(whole, "Chile", documents=documents_in(dates, Window("2022-01-01", "2023-12-31")))
    assert window == expected and {r["name"] for r in window} == {"Germany", "Bolivia"}  # Peru hosted the forum
    ranking = json.loads(run("centrality", "--by-year", "--json", *target).output)
    first = ranking["years"][0]["actors"]
    assert [(r["name"], r["rank"], r["trend"]) for r in first] == [("Chile", 1, "new"), ("Japan", 2, "new")]
    table = run("centrality", "--focus", "Chile", "--by-year", *target).output
    assert "Partners of Chile in 2025" in table and "▼ gone" in table
    assert run("centrality", "--since", "2025", "--until", "2021", *target, ok=False).exit_code == 2
    assert "is not a year" in run("centrality", "--since", "soon", *target, ok=False).output


def _undate(store) -> None:
    """Make the store look written before dates: no dates on Documents, nodes, links or
    claims (the running totals and MENTIONS claims without their articles' dates)."""
    from minegraph.graph.model import Tally

    for label in ("first_seen", "last_seen", "date_source", "built"):
        store.query(f"MATCH (d:Document) REMOVE d.{label}", write=True)
    store.query("MATCH (n) WHERE NOT n:Document AND NOT n:Build "
                "REMOVE n.first_seen, n.last_seen, n.articles, n.status_history, n.status_dates", write=True)
    store.query("MATCH ()-[r]->() REMOVE r.first_seen, r.last_seen, r.articles, r.doc_dates", write=True)
    for doc, node_id, claim in store.query("MATCH (d:Document)-[m:MENTIONS]->(n) RETURN d.id, n.id, m.claim").rows:
        undated = {k: v for k, v in json.loads(claim).items() if k != "seen"}
        store.query("MATCH (:Document {id: $doc})-[m:MENTIONS]->(n {id: $id}) SET m.claim = $claim",
                    {"doc": doc, "id": node_id, "claim": json.dumps(undated, sort_keys=True, ensure_ascii=False)},
                    write=True)
    for node_id, raw in store.query("MATCH (n) WHERE n.tally IS NOT NULL RETURN n.id, n.tally").rows:
        tally = Tally.from_json(raw, node_id)
        tally.seen.clear()
        tally.status_seen.clear()
        store.query("MATCH (n {id: $id}) SET n.tally = $tally", {"id": node_id, "tally": tally.to_json()}, write=True)


def test_a_store_written_before_dates_is_dated_once(stores, tmp_path):
    earlier = write(tmp_path / "earlier", EARLIER)
    later = later_as_files(tmp_path / "later")
    run("build", *earlier, *later, *stores.cli_args("fresh"))
    with open_store(stores("fresh")) as store:
        expected = store.read_graph()
    target = stores.cli_args("old")
    run("build", *earlier, *stores.cli_args("old"))
    with open_store(stores("old")) as store:
        _undate(store)
        assert store.query("MATCH (n:Country) WHERE n.first_seen IS NOT NULL RETURN n").rows == []
    out = run("build", *later, *target)
    assert out.output.count("Dated the store's nodes and links by their articles") == 1
    with open_store(stores("old")) as store:
        check_dates_follow_the_claims(store)
        graph = store.read_graph()
    # the same graph as built afresh (the Documents of a conversion record no day built: the same day here)
    assert graph == expected
    assert "Dated the store" not in run("build", *later, *target).output  # once
