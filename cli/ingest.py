"""Articles in and out: ``build``, ``extract``, ``load``, ``remove``, and ``eval`` (which
builds the articles it scores)."""

from __future__ import annotations

import contextlib
import itertools
import json
from pathlib import Path
from typing import Any

import click

from minegraph.cli.base import (
    cli,
    connect,
    curation_file,
    echo,
    note,
    page_cache,
    store_options,
    user_errors,
    write_map,
    write_text,
)
from minegraph.graph.store import GraphStore


@cli.command()
@click.argument("paths", nargs=-1, required=False, type=click.Path())
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extraction processes.")
@click.option("--map", "map_path", type=click.Path(dir_okay=False), default=None,
              help="Also write the interactive map to this HTML file.")
@click.option("--urls-from", "urls_from", type=click.Path(dir_okay=False), default=None,
              help="Also fetch the http(s) URLs listed in this file, one a line.")
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="Build the entries of this RSS/Atom feed not built before (repeatable).")
@click.option("--max-entries", default=200, show_default=True, type=click.IntRange(1),
              help="New entries built from one feed per build (the rest wait for the next build).")
@click.option("--refresh", is_flag=True, help="Fetch pages again instead of reading the data directory's cache.")
@click.option("--fetch-delay", default=1.0, show_default=True, type=click.FloatRange(0),
              help="Seconds between two requests to the same host.")
@click.option("--fetch-timeout", default=20.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds to wait for a server's answer.")
@click.option("--columns", default=None, metavar="FIELD=COLUMN,...",
              help="Column names of CSV/JSON-lines exports, e.g. 'text=story,published=pub_date' "
                   "(fields: text, title, url, published, publisher, author).")
@click.option("--near-duplicate", default=0.5, show_default=True, type=click.FloatRange(0, 1),
              help="Similarity at which a copy of a story becomes a source of the first copy (0: off).")
@click.option("--max-mb", default=200.0, show_default=True, type=click.FloatRange(0.001),
              help="Skip files larger than this many megabytes.")
@click.option("--batch", default=500, show_default=True, type=click.IntRange(1),
              help="Articles written per transaction (all of an article or none of it is written).")
@click.option("--digest", "digest_path", type=click.Path(dir_okay=False), default=None, metavar="FILE.md",
              help="Also write what this build changed as a Markdown digest (see `minegraph changes`).")
@store_options
@user_errors
def build(paths: tuple[str, ...], jobs: int, map_path: str | None, urls_from: str | None, feeds: tuple[str, ...],
          max_entries: int, refresh: bool, fetch_delay: float, fetch_timeout: float, columns: str | None,
          near_duplicate: float, max_mb: float, batch: int, digest_path: str | None, db_dir: str,
          neo4j_uri: str | None, neo4j_user: str,
          neo4j_database: str | None) -> None:
    """Read articles (files or folders of .txt, .md, .html, .pdf, .csv/.jsonl exports,
    http(s) URLs, feeds), extract, write the store.

    Articles already in the store are skipped; an article whose file changed replaces
    what it said before.  Unreadable files are listed and skipped; the exit code is 1
    only when nothing could be loaded.  Fetched pages are kept in the data directory.

    \b
    Example:
      minegraph build data/ --db ./minegraph-data --map map.html
      minegraph build https://example.org/news/deal.html --urls-from links.txt --feed https://example.org/rss
      minegraph build --feed https://example.org/rss --digest week.md
    """

    from minegraph.loaders.built import BuiltFolders
    from minegraph.loaders.pipeline import build_paths
    from minegraph.loaders.reader import fetch_documents
    from minegraph.loaders.sources import read_url_list
    from minegraph.loaders.sources.exports import parse_columns
    from minegraph.loaders.sources.feeds import FeedTally, SeenEntries, feed_documents
    from minegraph.loaders.sources.fetch import Fetcher, is_url

    urls = [p for p in paths if is_url(p)]
    files = [p for p in paths if not is_url(p)]
    if not (paths or urls_from or feeds):
        raise click.UsageError("give at least one file, folder, URL, --urls-from or --feed")
    try:
        column_map = parse_columns(columns)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--columns") from None
    urls += read_url_list(urls_from) if urls_from else []
    seen = SeenEntries(Path(db_dir) / "sources" / "feeds-seen.json")
    built: dict[str, tuple[str, str]] = {}
    tally = FeedTally()
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database) as store, \
            Fetcher(page_cache(db_dir), timeout=fetch_timeout, delay=fetch_delay, refresh=refresh,
                    max_bytes=int(max_mb * 1_000_000)) as fetcher:
        documents = itertools.chain(fetch_documents(urls, fetcher),
                                    *(feed_documents(feed, fetcher, seen, built, max_entries, tally)
                                      for feed in feeds))
        with _progress_bar("building") as progress:
            report = build_paths(store, files, jobs=jobs, batch=batch, max_bytes=int(max_mb * 1_000_000),
                                 progress=progress, documents=documents, columns=column_map,
                                 near_duplicate=near_duplicate or None, curation=curation_file(db_dir))
        if files:  # what later readers (the workbench, curation re-reads) may read again
            BuiltFolders(db_dir).add(files)
        if built:  # feed entries now in the store are not built again
            done = {*report.loaded, *report.replaced, *report.unchanged, *(d.path for d in report.duplicates)}
            for path, (feed, key) in built.items():
                if path in done:
                    seen.add(feed, key)
            seen.save()
        if feeds and tally.listed and not tally.new and not (files or urls) and not report.skipped:
            # a weekly run of a feed with nothing new did its job
            echo(f"Nothing new: the {tally.listed} entries of {_plural(len(feeds), 'feed')} were built before; "
                 f"{store.description} is unchanged")
            if digest_path:  # a week without new articles still leaves its digest
                _write_digest(store, report, digest_path)
            return
        if digest_path:  # first: a build that loads nothing still leaves its digest
            _write_digest(store, report, digest_path)
        _print_build_report(report, store)
        if map_path:
            write_map(store, map_path)


def _plural(count: int, noun: str) -> str:
    return f"the {noun}" if count == 1 else f"{count} {noun}s"


def _write_digest(store: GraphStore, report: Any, path: str) -> None:
    """What this build changed, as Markdown (a build that changed nothing says so)."""
    from minegraph.graph.changes import ChangeReport, changes_since
    from minegraph.graph.digest import render_markdown

    if report.build is None:
        changes = ChangeReport([], 0)
    else:
        changes = changes_since(store, since_build=report.build - 1)
    write_text(path, render_markdown(changes))
    echo(f"Digest of {'build ' + str(report.build) if report.build else 'this build (no change)'} "
         f"written to {Path(path).resolve()}")


@contextlib.contextmanager
def _progress_bar(what: str) -> Any:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    err = _stderr_console()  # the bar only on a terminal: elsewhere it leaves a blank line
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(what, total=None)
        yield lambda event, path: bar.advance(task)


_DATED_NOTE = ("Dated the store's nodes and links by their articles ({} nodes; once, for this version; "
               "articles without a date count by today's date)")


def _print_build_report(report: Any, store: GraphStore) -> None:
    if report.converted:
        note(f"Converted the store's claims to running totals ({report.converted} nodes; once, for this version)")
    if report.dated:
        note(_DATED_NOTE.format(report.dated))
    for item in report.skipped:
        note(f"Skipped {item}")
    for item in report.duplicates:
        note(f"Not loaded again {item}")
    for item in report.notes:
        note(f"Note: {item}")
    summary = (f"{len(report.loaded)} loaded, {len(report.replaced)} replaced, "
               f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped")
    if report.duplicates:
        summary += f", {len(report.duplicates)} duplicate{'s' if len(report.duplicates) != 1 else ''}"
    if not report.ok:
        raise click.ClickException(f"no article could be loaded ({summary})")
    echo(f"{summary}; {store.description} holds {report.nodes} nodes and "
         f"{report.relationships} relationships" + (f"; logged as build {report.build}" if report.build else ""))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--output", "-o", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder for the claims files (one NAME.claims.jsonl per article).")
@click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Extraction processes (on this machine).")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Map the articles over the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786), "
                   "or local:N for a cluster of N processes here; the workers write into the output folder, "
                   "which they must reach.  Needs the dask extra: pip install 'minegraph[dask]'.")
@click.option("--max-mb", default=200.0, show_default=True, type=click.FloatRange(0.001),
              help="Skip files larger than this many megabytes.")
@user_errors
def extract(paths: tuple[str, ...], out_dir: str, jobs: int, dask_address: str | None, max_mb: float) -> None:
    """Extract articles into claims files (JSON lines) without touching a store.

    The files hold each article's metadata and extracted graph (format: loaders/claims.py);
    `minegraph load DIR` writes them into a store later, anywhere.

    \b
    Examples:
      minegraph extract data/ -o claims/ --jobs 2
      minegraph extract /shared/articles -o /shared/claims --dask tcp://scheduler:8786
      minegraph extract data/ -o claims/ --dask local:4
    """
    from minegraph.loaders.pipeline import extract_paths

    with _progress_bar("extracting") as progress:
        if dask_address:
            with _dask_client(dask_address) as client:
                from minegraph.loaders.pipeline import extract_on_cluster

                report = extract_on_cluster(paths, out_dir, client, max_bytes=int(max_mb * 1_000_000),
                                            progress=progress)
        else:
            report = extract_paths(paths, out_dir, jobs=jobs, max_bytes=int(max_mb * 1_000_000), progress=progress)
    for item in report.skipped:
        note(f"Skipped {item}")
    for item in report.notes:
        note(f"Note: {item}")
    if not report.written:
        raise click.ClickException(f"no article could be extracted ({len(report.skipped)} skipped)")
    echo(f"{len(report.written)} extracted, {len(report.skipped)} skipped; claims in {Path(out_dir).resolve()}")


#: seconds to wait for a Dask scheduler to answer
DASK_CONNECT_TIMEOUT = 20


@contextlib.contextmanager
def _dask_client(address: str) -> Any:
    """A Dask client on the scheduler at ``address``, or on a cluster of N local
    processes for ``local:N`` (started and stopped here)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise click.ClickException("--dask needs Dask: pip install 'minegraph[dask]'") from None
    import logging

    logging.getLogger("distributed").setLevel(logging.ERROR)  # one Error: line, not its log
    if address.startswith("local:"):
        try:
            workers = int(address.split(":", 1)[1])
        except ValueError:
            workers = 0
        if not 1 <= workers <= 256:
            raise click.BadParameter(f"{address!r}: give local:N with N from 1 to 256 processes", param_hint="--dask")
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            yield client
        return
    try:
        client = Client(address, timeout=DASK_CONNECT_TIMEOUT)
    except (OSError, ValueError) as exc:  # an unreachable scheduler, a malformed address
        raise click.ClickException(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        yield client


@cli.command()
@click.argument("claims_dir", type=click.Path())
@click.option("--batch", default=500, show_default=True, type=click.IntRange(1),
              help="Articles written per transaction (all of an article or none of it is written).")
@store_options
@user_errors
def load(claims_dir: str, batch: int, db_dir: str, neo4j_uri: str | None, neo4j_user: str,
         neo4j_database: str | None) -> None:
    """Resolve and write the claims files `minegraph extract` wrote.

    As `build` does: articles already stored are skipped, changed ones replace what they said.

    \b
    Example:
      minegraph load claims/ --db ./minegraph-data
    """
    from minegraph.loaders.pipeline import load_claims

    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database) as store:
        with _progress_bar("loading") as progress:
            report = load_claims(store, claims_dir, batch=batch, progress=progress, curation=curation_file(db_dir))
        _print_build_report(report, store)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)



@cli.command()
@click.argument("document")
@store_options
@user_errors
def remove(document: str, db_dir: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> None:
    """Remove an article (by path or document id) and every fact only it supported.

    \b
    Example:
      minegraph remove data/articles/003_5418c0232b8c90e6.txt
    """
    from minegraph.graph.dating import date_store
    from minegraph.graph.ledger import convert_store
    from minegraph.loaders.pipeline import remove_document

    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database) as store:
        if converted := convert_store(store):
            note(f"Converted the store's claims to running totals ({converted} nodes; once, for this version)")
        if dated := date_store(store):
            note(_DATED_NOTE.format(dated))
        doc_id = remove_document(store, document)
    echo(f"Removed document {doc_id}")


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--docs", "docs_dir", type=click.Path(exists=True, file_okay=False),
              help="Articles the gold annotates (default: GOLD_DIR/../docs).")
@click.option("--measures", "measures_dir", type=click.Path(exists=True, file_okay=False),
              help="Gold measures of the same articles (default: GOLD_DIR/../measures, when there).")
@click.option("--verbose", "-v", is_flag=True, help="List misses and spurious items.")
@user_errors
def eval_command(gold_dir: str, docs_dir: str | None, measures_dir: str | None, verbose: bool) -> None:
    """Score extraction against gold annotations (one JSON file per article).

    Builds the articles in memory (no store) and scores the graph with the project's
    scorer (graph/evaluate.py): precision, recall and F1 per label and for relations;
    with gold measures beside the gold (or --measures), the measures too
    (graph/measure_scoring.py, its own SCORE line); the entity summary on the last line.

    \b
    Example:
      minegraph eval ../shared/eval/dev/gold -v
    """
    from minegraph.graph.evaluate import report_lines, score
    from minegraph.graph.export import to_node_link
    from minegraph.graph.measure_scoring import measure_report_lines, score_measures
    from minegraph.loaders.documents import Document
    from minegraph.loaders.pipeline import build_graph
    from minegraph.loaders.reader import read_articles

    gold = Path(gold_dir)
    docs_path = Path(docs_dir) if docs_dir else gold.parent / "docs"
    if not docs_path.is_dir():
        raise click.ClickException(f"no articles at {docs_path}; give --docs")
    measures = Path(measures_dir) if measures_dir else gold.parent / "measures"
    documents = [d for d in read_articles([docs_path]) if isinstance(d, Document)]  # as a build reads them
    graph = json.loads(json.dumps(to_node_link(build_graph(documents)), default=str))  # as an export reads
    try:
        report = score(graph, gold)
        measure_lines = (measure_report_lines(score_measures(graph, measures, gold), verbose=verbose)
                         if measures.is_dir() else [])
    except (ValueError, KeyError, TypeError) as exc:  # a gold file that is not in the gold format
        raise click.ClickException(f"cannot read the gold annotations in {gold}: {exc!r}") from None
    lines = report_lines(report, verbose=verbose)
    for line in lines[:-1] + measure_lines + lines[-1:]:
        echo(line)
