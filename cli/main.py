"""The ``minegraph`` command line: parse, call one library function, print.

Results go to stdout, progress and notes to stderr.  Errors a user can cause print one
``Error: ...`` line and exit 1; misuse of the command line exits 2.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import re
import signal
import sys
import webbrowser
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from minegraph.graph.store import DEFAULT_TIMEOUT, GraphStore, Neo4jConfig, StoreConfig, StoreError, open_store

F = TypeVar("F", bound=Callable[..., Any])


# --- shared options and error handling -------------------------------------------------


def store_options(func: F) -> F:
    """``--db`` and the Neo4j connection options."""
    func = click.option("--neo4j-database", envvar="NEO4J_DATABASE", default=None, show_envvar=True,
                        help="Neo4j database name (default: the server's default).")(func)
    func = click.option("--neo4j-user", envvar="NEO4J_USERNAME", default="neo4j", show_envvar=True,
                        help="Neo4j user name.")(func)
    func = click.option("--neo4j-uri", envvar="NEO4J_URI", default=None, show_envvar=True, metavar="URI",
                        help="Use the Neo4j server at URI (bolt:// or neo4j://) instead of the embedded "
                             "store; the password comes from NEO4J_PASSWORD or a prompt.  An explicit "
                             "--db wins over NEO4J_URI; both options together are an error.")(func)
    func = click.option("--db", "db_dir", envvar="MINEGRAPH_DB", default="minegraph-data", show_envvar=True,
                        type=click.Path(file_okay=False), show_default=True,
                        help="Data directory of the embedded FalkorDB store.")(func)
    return func


def _user_errors() -> tuple[type[BaseException], ...]:
    from minegraph.graph.changes import NoSuchBuildError
    from minegraph.graph.ledger import UnknownDocumentError
    from minegraph.graph.lookup import EntityLookupError
    from minegraph.graph.model import OntologyError, ProvenanceError
    from minegraph.loaders.documents import DocumentError

    return (StoreError, DocumentError, EntityLookupError, UnknownDocumentError, OntologyError, ProvenanceError,
            NoSuchBuildError)


def user_errors(func: F) -> F:
    """Turn the library's user-facing errors into ``Error: ...`` and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except _user_errors() as exc:
            raise click.ClickException(terminal_safe(str(exc))) from None
        except OSError as exc:  # an output file that cannot be written
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(terminal_safe(f"{where}{exc.strerror or exc}")) from None
        except KeyboardInterrupt:
            raise click.ClickException("interrupted; the store keeps every completed write") from None

    return wrapper  # type: ignore[return-value]


def store_config(db_dir: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> StoreConfig:
    """The store the options and environment name.  The command line beats the
    environment (an explicit ``--db`` is used even when NEO4J_URI is set); naming both
    stores at the same level is a usage error."""
    from minegraph.graph.neo4j_backend import split_credentials

    ctx = click.get_current_context()
    on_line = {name: ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE
               for name in ("db_dir", "neo4j_uri")}
    if neo4j_uri and ctx.get_parameter_source("db_dir") != click.core.ParameterSource.DEFAULT:
        if on_line["db_dir"] == on_line["neo4j_uri"]:
            where = "options" if on_line["db_dir"] else "environment variables MINEGRAPH_DB and NEO4J_URI"
            raise click.UsageError(f"--db and --neo4j-uri name two stores; give only one (both set by {where})")
        if on_line["db_dir"]:
            neo4j_uri = None
    if not neo4j_uri:
        return StoreConfig(Path(db_dir))
    clean, uri_user, uri_password = split_credentials(neo4j_uri)
    password = uri_password if uri_password is not None else os.environ.get("NEO4J_PASSWORD")
    if password is None:
        if not sys.stdin.isatty():
            raise click.ClickException("set NEO4J_PASSWORD (no terminal to ask for the Neo4j password)")
        password = click.prompt(f"Neo4j password for {uri_user or neo4j_user}", hide_input=True, err=True)
    return StoreConfig(neo4j=Neo4jConfig(clean, uri_user or neo4j_user, password, neo4j_database or None))


def connect(db_dir: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None,
            query_memory_mb: float | None = None, *, write: bool = True, share: bool = False) -> GraphStore:
    """The store the options name: for writing (the data directory's write lock), or
    with ``write=False`` for reading; ``share`` lets other commands use a server this
    one starts (see graph/server.py)."""
    config = store_config(db_dir, neo4j_uri, neo4j_user, neo4j_database)
    return open_store(replace(config, lock_timeout=lock_timeout_from_env(), query_memory_mb=query_memory_mb,
                              write=write, share=share))


def lock_timeout_from_env() -> float | None:
    """``MINEGRAPH_LOCK_TIMEOUT`` in seconds (None when unset)."""
    raw = os.environ.get("MINEGRAPH_LOCK_TIMEOUT")
    if raw is None or not raw.strip():
        return None
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise click.ClickException(f"MINEGRAPH_LOCK_TIMEOUT must be a number of seconds (0 or more), not {raw!r}")
    return seconds


#: what never reaches the terminal as it is: control characters (escape sequences,
#: carriage returns, the C1 controls some terminals obey) and bidirectional overrides
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    r"""``text`` with every control character shown as an escape (``\x1b``) instead of
    sent to the terminal: a title or file name holding an ANSI or OSC sequence must not
    recolour, retitle or rewrite the user's terminal.

    >>> terminal_safe("a\x1b]0;owned\x07b")
    'a\\x1b]0;owned\\x07b'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def echo(message: str, err: bool = False) -> None:
    """Print a line that may hold article or user text (see :func:`terminal_safe`)."""
    click.echo(terminal_safe(message), err=err)


def note(message: str) -> None:
    echo(message, err=True)


def console() -> Any:
    from rich.console import Console

    return Console(width=None if sys.stdout.isatty() else 160, highlight=False)


def print_table(columns: list[str], rows: list[list[Any]], title: str | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    # cells as Text, never as console markup: a name holding "[/x]" is text, not a tag
    table = Table(title=Text(terminal_safe(title)) if title else None, show_lines=False)
    for column in columns:
        table.add_column(Text(terminal_safe(column)), overflow="fold")
    for row in rows:
        table.add_row(*(Text(terminal_safe(_cell(v))) for v in row))
    console().print(table)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else str(value)


def print_json(data: Any) -> None:
    # json escapes C0 controls itself; the others (DEL, C1, bidi overrides) as \uXXXX too
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    click.echo(_CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", text))


# --- commands ------------------------------------------------------------------------


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="minegraph")
def cli() -> None:
    """Map critical-minerals diplomacy from news articles into a property graph.

    \b
    Example:
      minegraph build data/ --map map.html
      minegraph centrality --focus "South Korea"
    """
    import logging

    # the Neo4j driver logs connection trouble as warnings; the user gets one Error: line
    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False


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
            Fetcher(_page_cache(db_dir), timeout=fetch_timeout, delay=fetch_delay, refresh=refresh,
                    max_bytes=int(max_mb * 1_000_000)) as fetcher:
        documents = itertools.chain(fetch_documents(urls, fetcher),
                                    *(feed_documents(feed, fetcher, seen, built, max_entries, tally)
                                      for feed in feeds))
        with _progress_bar("building") as progress:
            report = build_paths(store, files, jobs=jobs, batch=batch, max_bytes=int(max_mb * 1_000_000),
                                 progress=progress, documents=documents, columns=column_map,
                                 near_duplicate=near_duplicate or None, curation=_curation(db_dir))
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
            _write_map(store, map_path)


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
    _write_text(path, render_markdown(changes))
    echo(f"Digest of {'build ' + str(report.build) if report.build else 'this build (no change)'} "
         f"written to {Path(path).resolve()}")


def _write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file renamed)."""
    import tempfile

    target = Path(path)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.resolve().parent, prefix=f".{target.name}.",
                                     delete=False) as handle:
        handle.write(text)
    Path(handle.name).replace(target)


def _page_cache(db_dir: str | Path) -> Path:
    """Where a build keeps the pages it fetched (read again by later builds and the workbench)."""
    return Path(db_dir) / "sources" / "pages"


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
            report = load_claims(store, claims_dir, batch=batch, progress=progress, curation=_curation(db_dir))
        _print_build_report(report, store)


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(stderr=True)


def _write_map(store: GraphStore, output: str, **options: Any) -> None:
    from minegraph.graph.lookup import find_entity
    from minegraph.graph.selection import choose_map, read_map_details
    from minegraph.graph.viz import write_map

    # choose on the server, then read what is drawn
    focus = find_entity(store, options["focus"]) if options.get("focus") is not None else None
    if focus is not None:
        options["focus"] = focus.id
    choice = choose_map(store, **{**options, "focus": focus})
    graph = read_map_details(store, choice.nodes, [link.key for link in choice.links])
    summary = write_map(graph, output, choice=choice, **options)
    if summary.trimmed:
        note(f"The map keeps the {summary.nodes} most central of {summary.total_nodes} nodes (--max-nodes).")
    echo(f"Map with {summary.nodes} nodes and {summary.edges} links written to {Path(output).resolve()}")


def parse_param(_ctx: Any, _param: Any, values: tuple[str, ...]) -> dict[str, Any]:
    """``key=value`` pairs; values are JSON when they parse (numbers, booleans, lists), else text."""
    params: dict[str, Any] = {}
    for item in values:
        key, sep, raw = item.partition("=")
        if not sep or not key.isidentifier():
            raise click.BadParameter(f"{item!r} is not key=value with a plain key", param_hint="--param")
        try:
            params[key] = json.loads(raw)
        except json.JSONDecodeError:
            params[key] = raw
    return params


@cli.command()
@click.argument("cypher", required=False)
@click.option("--name", "-n", help="Run the named query cypher/NAME.cypher.")
@click.option("--list", "list_names", is_flag=True, help="List the named queries and their parameters.")
@click.option("--param", "-p", "params", multiple=True, callback=parse_param, metavar="KEY=VALUE",
              help="A query parameter ($KEY); JSON values are typed (2019, true, [\"a\"]).")
@click.option("--write", is_flag=True, help="Allow the query to change the graph.")
@click.option("--allow-load-csv", "allow_load", is_flag=True,
              help="Allow a read-only query to use LOAD CSV (it fetches URLs and files).")
@click.option("--json", "as_json", is_flag=True, help="Print rows as JSON objects.")
@click.option("--timeout", default=DEFAULT_TIMEOUT, show_default=True, type=click.FloatRange(0.001),
              help="Seconds before the query is stopped.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(0),
              help="Rows to display (0: all); --json prints all rows.")
@click.option("--max-memory", default=1024.0, show_default=True, type=click.FloatRange(0), metavar="MB",
              help="Memory the query may use in the embedded store (0: no limit).")
@store_options
@user_errors
def query(cypher: str | None, name: str | None, list_names: bool, params: dict[str, Any], write: bool,
          allow_load: bool, as_json: bool, timeout: float, limit: int, max_memory: float, db_dir: str,
          neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> None:
    """Run Cypher against the store (read-only unless --write).

    \b
    Examples:
      minegraph query "MATCH (c:Country) RETURN c.name ORDER BY c.name"
      minegraph query --name partners_of_country --param country="South Korea"
      minegraph query --list
    """
    from minegraph.cypher import NamedQueryError, list_queries, load_query

    if list_names:
        for named in list_queries():
            click.echo(f"{named.name}: {named.summary}" + (f"  (params: {', '.join(named.params)})"
                                                            if named.params else ""))
        return
    if bool(cypher) == bool(name):
        raise click.UsageError("give either CYPHER or --name NAME")
    if name:
        try:
            named = load_query(name)
        except NamedQueryError as exc:
            raise click.ClickException(str(exc)) from None
        missing = [p for p in named.params if p not in params]
        if missing:
            raise click.UsageError(f"query {name!r} needs --param " + ", ".join(f"{p}=..." for p in missing))
        cypher = named.text
    assert cypher is not None
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database, query_memory_mb=max_memory, write=write) as store:
        result = store.query(cypher, params, write=write, timeout=timeout, allow_load=allow_load)
    if as_json:
        print_json(result.records())
        return
    rows = result.rows if limit == 0 else result.rows[:limit]
    print_table(result.columns, rows)
    if len(rows) < len(result.rows):
        note(f"Showing {len(rows)} of {len(result.rows)} rows (--limit 0 shows all, --json prints all).")
    else:
        note(f"{len(result.rows)} row{'s' if len(result.rows) != 1 else ''}")


@contextlib.contextmanager
def _without_cyclic_gc() -> Any:
    """Pause the cyclic garbage collector while a reader builds hundreds of thousands
    of small objects from a reply (none of them cyclic): its repeated full passes took
    half the time of reading the partner outline of 10,000 articles."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _bound(end: bool) -> Callable[[Any, Any, str | None], str | None]:
    """A click callback reading a window's bound (a year, month or date)."""
    def parse(_ctx: Any, param: Any, value: str | None) -> str | None:
        from minegraph.graph.dates import parse_bound

        if value is None:
            return None
        try:
            return parse_bound(value, end=end)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint=f"--{param.name}") from None

    return parse


@cli.command()
@click.option("--focus", "-f", metavar="NAME", help="Rank this actor's partners by tie strength.")
@click.option("--mineral", "-m", metavar="NAME", help="Only ties through agreements covering this mineral.")
@click.option("--top", "-t", default=10, show_default=True, type=click.IntRange(0), help="Rows to show (0: all).")
@click.option("--include-domestic", is_flag=True,
              help="With --focus on a country: rank its own actors (based in it) among its partners.")
@click.option("--no-roll-up", "no_roll_up", is_flag=True,
              help="With --focus on a country: its own agencies' and companies' ties are not counted as its own.")
@click.option("--explain", is_flag=True, help="With --focus: each partner's weight part by part.")
@click.option("--since", callback=_bound(False), metavar="YEAR|DATE",
              help="Only the facts of articles dated on or after this year, month or date.")
@click.option("--until", callback=_bound(True), metavar="YEAR|DATE",
              help="Only the facts of articles dated up to this year, month or date.")
@click.option("--by-year", is_flag=True, help="One ranking per year, marking who rose and fell.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
@user_errors
@_without_cyclic_gc()
def centrality(focus: str | None, mineral: str | None, top: int, include_domestic: bool, no_roll_up: bool,
               explain: bool, since: str | None, until: str | None, by_year: bool, as_json: bool, db_dir: str,
               neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> None:
    """Rank actors in the partner network, or one actor's partners.

    Actors (countries, agencies, companies) are tied when they share an agreement or an
    event or are stated to cooperate.  A tie through a frame of n parties weighs
    1/(n-1) per article (an event half that), stated cooperation 1/k when one sentence
    names k partners, and more articles add with diminishing returns (see README,
    "Partner weights").  A country's partners take in the ties of its own agencies and
    companies (--no-roll-up: not); its own actors are listed apart unless
    --include-domestic.  --since/--until rank on the facts of articles dated in that
    window; --by-year gives one ranking per year.

    \b
    Examples:
      minegraph centrality --top 5
      minegraph centrality --focus "South Korea" --explain
      minegraph centrality --focus "South Korea" --since 2024 --by-year --json
      minegraph centrality --mineral lithium
    """
    from minegraph.graph import selection
    from minegraph.graph.analytics import actor_centrality, focus_partners, own_actors
    from minegraph.graph.dates import Window, documents_in
    from minegraph.graph.lookup import find_entity
    from minegraph.graph.ties import read_facts
    from minegraph.graph.timeline import partners_by_year, ranking_by_year, years_between

    if since is not None and until is not None and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}: no article could count")
    if (explain or no_roll_up) and not focus:
        raise click.UsageError("--explain and --no-roll-up need --focus")
    window = Window(since, until)
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database, write=False) as store:  # select on the server
        actor = _focus_actor(store, focus) if focus else None
        mineral_id = find_entity(store, mineral, ("Mineral",)).id if mineral else None
        arrays = None
        if actor is not None:
            graph = selection.read_focus_graph(store, actor, mineral_id)
        elif by_year:  # one ranking per year: the graph the rankings by year read
            graph = selection.read_ranking_graph(store, mineral_id)
        else:  # the whole network as arrays (no Python object per link or article)
            arrays = selection.read_partner_arrays(store, mineral_id)
        dates = selection.read_document_dates(store) if (by_year or not window.open) else {}
    limit = top or None
    roll_up = not no_roll_up
    documents = None if window.open else documents_in(dates, window)
    if by_year:
        years = years_between(dates, window)
        if actor is not None:
            result = partners_by_year(graph, actor.id, dates, years, mineral=mineral_id, roll_up=roll_up, top=limit)
            if as_json:
                print_json({"focus": _named(actor), "window": window.describe(), "years": result})
                return
            _print_partners_by_year(actor.name, result, mineral)
            return
        ranked = ranking_by_year(graph, dates, years, mineral=mineral_id, top=limit)
        if as_json:
            print_json({"window": window.describe(), "years": ranked})
            return
        _print_ranking_by_year(ranked)
        return
    scope = "" if window.open else f" from articles of {window.describe()}"
    if actor is not None:
        facts = read_facts(graph, mineral_id, documents)  # read once for the partners and the own actors
        rows = focus_partners(graph, actor.id, mineral=mineral_id, top=limit, include_domestic=include_domestic,
                              roll_up=roll_up, documents=documents, facts=facts)
        if as_json:
            print_json(rows)
            return
        print_table(["partner", "label", "weight", "agreements", "events", "cooperation", "through"],
                    [[r["name"], r["label"], r["weight"], *r["breakdown"].values(), _through(r)] for r in rows],
                    title=f"Partners of {focus}" + (f" (ties through {mineral})" if mineral else "") + scope)
        own = [] if include_domestic else own_actors(graph, actor.id, mineral=mineral_id, roll_up=roll_up,
                                                     documents=documents, facts=facts)
        if own:
            print_table(["own actor", "label", "weight", "through", "carries ties to"],
                        [[r["name"], r["label"], r["weight"], "; ".join(v["name"] for v in r["via"]),
                          ", ".join(r["carries"][:5]) + (" …" if len(r["carries"]) > 5 else "")] for r in own],
                        title=f"Own actors of {focus} (not counted as partners; --include-domestic ranks them)")
        if explain:
            _explain(actor.name, rows)
        return
    assert arrays is not None
    rows = actor_centrality(arrays, top=limit, documents=documents)
    if as_json:
        print_json(rows)
        return
    keys = ["degree", "weighted_degree", "betweenness", "eigenvector", "pagerank"]
    print_table(["actor", "label", *keys], [[r["name"], r["label"], *(r[k] for k in keys)] for r in rows],
                title="Actor centrality in the partner network" + scope)


def _named(node: Any) -> dict[str, str]:
    return {"id": node.id, "name": node.name, "label": node.label}


def _through(row: dict[str, Any]) -> str:
    """What a partner's tie goes through, each with (up to two of) the own actors that carry it."""
    def carriers(names: list[str]) -> str:
        if not names:
            return ""
        shown = ", ".join(names[:2]) + (f" +{len(names) - 2} more" if len(names) > 2 else "")
        return f" [{shown}]"

    return "; ".join(v["name"] + carriers(v["carried_by"]) for v in row["via"])


def _explain(focus: str, rows: list[dict[str, Any]]) -> None:
    """Each partner's weight part by part (the formula is in the README)."""
    click.echo(f"\nHow each weight is made (partners of {focus}):")
    for row in rows:
        b = row["breakdown"]
        click.echo(f"{row['name']} ({row['label']}): {row['weight']:g} = agreements {b['agreement']:g} + "
                   f"events {b['event']:g} + cooperation {b['cooperation']:g}; "
                   f"{row['articles']} article{'' if row['articles'] == 1 else 's'}"
                   + (f", {row['first_seen']} to {row['last_seen']}" if row.get("first_seen") else ""))
        for v in row["via"]:
            detail = [v["kind"]]
            if "parties" in v:
                detail.append(f"{v['parties']} parties")
            detail.append(f"{v['articles']} article" + ("" if v["articles"] == 1 else "s"))
            carried = ""
            if v["carried_by"]:
                carried = f", carried by {', '.join(v['carried_by'])}" + (f" and {focus} itself" if v["direct"] else "")
            click.echo(f"  {v['name']} ({', '.join(detail)}): {v['weight']:g}{carried}")


_MARKS = {"new": "new", "rising": "▲ rising", "falling": "▼ falling", "steady": "", "gone": "▼ gone"}


def _print_partners_by_year(focus: str, years: list[dict[str, Any]], mineral: str | None) -> None:
    if not years:
        note("No dated article: no ranking by year.")
    for entry in years:
        rows = [[r["name"], r["label"], r["weight"], f"{r['change']:+g}", _MARKS[r["trend"]]]
                for r in [*entry["partners"], *entry["gone"]]]
        print_table(["partner", "label", "weight", "change", "trend"], rows,
                    title=f"Partners of {focus} in {entry['year']}" + (f" (ties through {mineral})" if mineral else ""))


def _print_ranking_by_year(years: list[dict[str, Any]]) -> None:
    if not years:
        note("No dated article: no ranking by year.")
    for entry in years:
        rows = [[r["rank"], r["name"], r["label"], r["pagerank"], r["weighted_degree"], _MARKS[r["trend"]]]
                for r in entry["actors"]] + [["", r["name"], r["label"], "", "", _MARKS["gone"]] for r in entry["gone"]]
        print_table(["rank", "actor", "label", "pagerank", "weighted_degree", "trend"], rows,
                    title=f"Actor centrality in {entry['year']}")


def _focus_actor(store: GraphStore, focus: str) -> Any:
    """The actor ``focus`` names, saying so when it names an entity that is not an actor."""
    from minegraph.graph.lookup import EntityLookupError, UnknownEntityError, find_entity
    from minegraph.graph.model import ACTOR_LABELS, ENTITY_LABELS

    try:
        return find_entity(store, focus, ACTOR_LABELS)
    except UnknownEntityError:
        try:
            other = find_entity(store, focus, tuple(label for label in ENTITY_LABELS if label != "Person"))
        except EntityLookupError:
            other = None
        if other is None or other.label in ACTOR_LABELS:
            raise
        raise click.ClickException(f"{other.name!r} is a {other.label}; only countries, agencies and companies can "
                                   "be focused (to rank ties through a mineral use --mineral)") from None


@cli.command()
@click.option("--since", callback=_bound(False), metavar="DATE", help="The builds started on or after this date.")
@click.option("--since-build", type=click.IntRange(0), metavar="N", help="The builds after build N.")
@click.option("--last", is_flag=True, help="The last build (the default).")
@click.option("--focus", "-f", metavar="NAME", help="New partners of this actor and ties that grew or weakened.")
@click.option("--mineral", "-m", metavar="NAME", help="Only agreements covering this mineral (and their parties).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "md", "atom"]), default="table",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
@store_options
@user_errors
def changes(since: str | None, since_build: int | None, last: bool, focus: str | None, mineral: str | None, fmt: str,
            output: str | None, db_dir: str, neo4j_uri: str | None, neo4j_user: str,
            neo4j_database: str | None) -> None:
    """What builds changed: new agreements and events, agreements whose status changed,
    new partners of the focus and ties that grew or weakened, new actors, removed
    articles; each with its evidence sentence and article.

    Builds are numbered and logged in the store by build, load and remove.  The store
    now is compared with the store before the chosen builds (default: the last one).

    \b
    Examples:
      minegraph changes --last
      minegraph changes --since-build 3 --focus "South Korea" --format md -o week.md
      minegraph changes --since 2025-01-01 --format atom -o changes.xml
    """
    from minegraph.graph.changes import changes_since
    from minegraph.graph.digest import feed_id, render_atom, render_markdown, table_rows
    from minegraph.graph.lookup import find_entity

    if sum(x is not None and x is not False for x in (since, since_build, last or None)) > 1:
        raise click.UsageError("give only one of --since, --since-build and --last")
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database) as store:
        actor = _focus_actor(store, focus) if focus else None
        found = find_entity(store, mineral, ("Mineral",)) if mineral else None
        report = changes_since(store, since=since, since_build=since_build, last=last, focus=actor, mineral=found)
        description = store.description
    if fmt == "json":
        text = json.dumps(report.to_json(), indent=2, ensure_ascii=False, default=str) + "\n"
    elif fmt == "md":
        text = render_markdown(report)
    elif fmt == "atom":
        text = render_atom(report, feed_id=feed_id(description, actor.id if actor else None,
                                                   found.id if found else None))
    else:
        if output is None:
            if not report.builds:
                note("No build to report (the store's log is empty, or no build matches).")
            print_table(["change", "what", "label", "detail", "evidence", "article"], table_rows(report),
                        title=f"Changes in {', '.join(e.summary() for e in report.builds) or 'no build'}")
            return
        text = "\n".join("\t".join(str(cell) for cell in row) for row in table_rows(report)) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    _write_text(output, text)
    note(f"Wrote {len(report.changes)} change{'s' if len(report.changes) != 1 else ''} to {Path(output).resolve()}")


@cli.command("map")
@click.option("--output", "-o", default="minegraph-map.html", show_default=True, type=click.Path(dir_okay=False),
              help="HTML file to write.")
@click.option("--focus", "-f", metavar="NAME", help="Only this actor and its neighbourhood.")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6), help="Hops around --focus.")
@click.option("--since", type=int, metavar="YEAR", help="Leave out agreements and events before YEAR.")
@click.option("--until", type=int, metavar="YEAR", help="Leave out agreements and events after YEAR.")
@click.option("--size-by", type=click.Choice(["pagerank", "degree", "betweenness"]), default="pagerank",
              show_default=True, help="Node size.")
@click.option("--max-nodes", default=1000, show_default=True, type=click.IntRange(1),
              help="Above this, keep the most central nodes.")
@click.option("--open", "open_browser", is_flag=True, help="Open the map in the browser.")
@store_options
@user_errors
@_without_cyclic_gc()
def map_command(output: str, focus: str | None, depth: int, since: int | None, until: int | None, size_by: str,
                max_nodes: int, open_browser: bool, db_dir: str, neo4j_uri: str | None, neo4j_user: str,
                neo4j_database: str | None) -> None:
    """Write the interactive relationship map: one HTML file that works offline.

    \b
    Examples:
      minegraph map -o map.html --open
      minegraph map -o korea.html --focus "South Korea" --depth 2 --since 2020
    """
    if since is not None and until is not None and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}: no agreement or event could be drawn")
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database, write=False) as store:
        _write_map(store, output, focus=focus, depth=depth, since=since, until=until, size_by=size_by,
                   max_nodes=max_nodes)
    if open_browser:
        uri = Path(output).resolve().as_uri()
        try:
            opened = webbrowser.open(uri)
        except webbrowser.Error:
            opened = False
        if not opened:
            note(f"No web browser could be opened; open {uri}")


@cli.command()
@click.option("--output", "-o", required=True, type=click.Path(), help="File to write (a folder for csv).")
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "gexf", "csv", "cypher"]), default=None,
              help="Format (default: from the file suffix, else json).")
@store_options
@user_errors
def export(output: str, fmt: str | None, db_dir: str, neo4j_uri: str | None, neo4j_user: str,
           neo4j_database: str | None) -> None:
    """Export the graph: json (networkx node-link), graphml, gexf, csv (neo4j-admin import), cypher.

    \b
    Examples:
      minegraph export -o graph.json
      minegraph export -o graph.graphml
      minegraph export --format csv -o import/
    """
    from minegraph.graph.export import write_export

    fmt = fmt or {".graphml": "graphml", ".gexf": "gexf", ".cypher": "cypher"}.get(Path(output).suffix.lower(), "json")
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database, write=False) as store:
        graph = store.read_graph(provenance=fmt in ("csv", "cypher"))  # those recreate a store
    written = write_export(graph, output, fmt)
    echo(f"Wrote {fmt} export of {len(graph.nodes)} nodes and {len(graph.relationships)} relationships to "
               + ", ".join(str(p) for p in written))


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
@user_errors
def stats(as_json: bool, db_dir: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> None:
    """Count nodes by label and relationships by type.

    \b
    Example:
      minegraph stats --json
    """
    from minegraph.graph import statements
    from minegraph.graph.model import BUILD_LABEL

    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database, write=False) as store:
        labels = [row for row in store.query(statements.COUNT_LABELS).rows if row[0] != BUILD_LABEL]  # the log
        types = store.query(statements.COUNT_TYPES).rows
    if as_json:
        print_json({"nodes": dict(labels), "relationships": dict(types)})
        return
    print_table(["label", "nodes"], labels)
    print_table(["type", "relationships"], types)


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


@cli.command()
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback exposes the store to the network.")
@click.option("--open", "open_browser", is_flag=True, help="Open the workbench in the browser.")
@click.option("--curate", "allow_curation", is_flag=True, help="Allow merge, reject and rename from the page.")
@store_options
@user_errors
def serve(port: int, host: str, open_browser: bool, allow_curation: bool, db_dir: str, neo4j_uri: str | None,
          neo4j_user: str, neo4j_database: str | None) -> None:
    """Serve the web workbench: map, Cypher console, partners, articles, curation.

    Everything it needs is served by itself (works offline); queries are read-only.

    \b
    Examples:
      minegraph serve --open
      minegraph serve --db ./minegraph-data --port 8800 --curate
    """
    from minegraph.workbench.app import create_app
    from minegraph.workbench.server import allowed_hosts, bind, is_loopback, run

    if not is_loopback(host):
        note(f"Warning: listening on {host}: anyone who can reach this machine can read the store"
             + (" and change it (--curate)" if allow_curation else "") + "; there is no login.")
    # a reader that shares its server: other commands use it while the workbench runs
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database, write=False, share=True) as store:
        bench = compose_workbench(store, Path(db_dir), curate=allow_curation)
        app = create_app(bench, allowed_hosts=allowed_hosts(host))
        sock = bind(host, port)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{sock.getsockname()[1]}/"
        echo(f"Workbench at {url} over {store.description} (Ctrl-C stops)")
        if open_browser:
            webbrowser.open(url)
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C or SIGTERM: the normal way to stop
            run(app, sock)
    note("Workbench stopped.")


@cli.group("store")
def store_group() -> None:
    """Keep the embedded store's server running between commands.

    Every command starts the data directory's server for itself and loads its snapshot
    (seconds for a large store); while a server started here runs, every command uses
    it instead.  Writers (build, load, remove, curate) still take turns; readers run
    beside them.  A Neo4j server is always open: there is nothing to start.

    \b
    Examples:
      minegraph store start --db ./minegraph-data
      minegraph store status
      minegraph store stop
    """


def _embedded_dir(db_dir: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> Path:
    """The data directory the options name; a Neo4j URI (unless --db is on the command line) is an error."""
    from minegraph.graph.neo4j_backend import split_credentials

    source = click.get_current_context().get_parameter_source("db_dir")
    if neo4j_uri and source != click.core.ParameterSource.COMMANDLINE:
        raise click.ClickException(f"{split_credentials(neo4j_uri)[0]} is a Neo4j server, always open: "
                                   "minegraph store starts and stops the embedded store's server (--db)")
    return Path(db_dir)


@store_group.command("start")
@store_options
@user_errors
def store_start(db_dir: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> None:
    """Start the data directory's server and leave it running (until `store stop`)."""
    from minegraph.graph.server import start_shared

    info = start_shared(_embedded_dir(db_dir, neo4j_uri, neo4j_user, neo4j_database), lock_timeout_from_env())
    click.echo(f"Server {info.pid} runs on {Path(db_dir).resolve()} (socket {info.socket}); "
               "commands use it until `minegraph store stop`")


@store_group.command("stop")
@store_options
@user_errors
def store_stop(db_dir: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> None:
    """Stop the server `store start` left running, once no command writes to it."""
    from minegraph.graph.server import server_status, stop_shared

    where = _embedded_dir(db_dir, neo4j_uri, neo4j_user, neo4j_database)
    info = stop_shared(where, lock_timeout_from_env())
    if info is None:
        status = server_status(where)
        if status["running"]:
            raise click.ClickException(f"the server on {where.resolve()} belongs to a running command, "
                                       "which stops it when it ends")
        note(f"No server runs on {where.resolve()}")
        return
    click.echo(f"Stopped server {info.pid} on {where.resolve()}")


@store_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
@user_errors
def store_status(as_json: bool, db_dir: str, neo4j_uri: str | None, neo4j_user: str,
                 neo4j_database: str | None) -> None:
    """Say whether a server runs on the data directory, and what it holds in memory."""
    from minegraph.graph.server import server_status

    status = server_status(_embedded_dir(db_dir, neo4j_uri, neo4j_user, neo4j_database))
    if as_json:
        print_json(status)
    elif not status["running"]:
        click.echo(f"No server runs on {status['db']}")
    elif not status["shared"]:
        click.echo(f"A command's own server runs on {status['db']} (it stops when the command ends)")
    else:
        owner = f"the workbench (pid {status['owner']})" if status["owner"] else "`store start`"
        click.echo(f"Server {status['pid']} of {owner} runs on {status['db']}: up {status['uptime_s']} s, "
                   f"{status['memory_mb']} MB, {status['clients']} other client(s)"
                   + ("; a command is writing" if status["writing"] else ""))


def compose_workbench(store: GraphStore, db_dir: Path, *, curate: bool = False) -> Any:
    """The workbench over ``store``, given what it needs of the pipeline: the re-reading
    of articles after a curation decision and the article reader a build uses (a
    fetched article comes from the data directory's cache: the workbench never fetches)."""
    from minegraph.loaders.reader import read_article
    from minegraph.loaders.reapply import reapply
    from minegraph.loaders.sources.fetch import Fetcher
    from minegraph.workbench.state import Workbench

    cache = Fetcher(_page_cache(db_dir), offline=True)

    def read(path: str) -> str:  # only what a build read: a stored path may come from a claims file
        if not _readable(db_dir)(path):
            raise PermissionError(f"{path} is not inside a folder that was built (minegraph build FOLDER)")
        return read_article(path, fetcher=cache).text

    def locked_reapply(store: GraphStore, curation: Any, node_ids: list[str]) -> Any:
        with store.writing():  # the workbench reads; a decision writes, one writer at a time
            return reapply(store, curation, node_ids, readable=_readable(db_dir))

    return Workbench(store, db_dir, curate=curate, reapply=locked_reapply, read_article=read)


def _readable(db_dir: str | Path) -> Callable[[str], bool]:
    """Whether an article path may be read again: inside the folders builds were given
    (read afresh each time, so a build while the workbench runs counts)."""
    from minegraph.loaders.built import BuiltFolders

    return lambda path: BuiltFolders(db_dir).allows(path)


# --- curation ----------------------------------------------------------------------------


def _curation(db_dir: str) -> Any:
    """The curation decisions kept in the data directory (with Neo4j too: --db names the folder)."""
    from minegraph.graph.curation import Curation

    return Curation.load(db_dir)


@cli.group()
def curate() -> None:
    """Fix what extraction got wrong, for good: merge, reject, rename, list, undo.

    Decisions are kept in DB/curation.jsonl (one JSON line each, with who and when) and
    re-applied by every build; the articles a decision touches are read again at once.

    \b
    Examples:
      minegraph curate merge "Andes Mining Institute" "Andes Mining Inst."
      minegraph curate reject "Chile" "Germany" --type COOPERATES_WITH
      minegraph curate list
      minegraph curate undo 2
    """


def _decide(db_dir: str, store_args: tuple[Any, ...], make: Callable[[Any, Any], Any]) -> None:
    """Resolve names, record the decision, re-read the articles it touches, report."""
    from minegraph.loaders.reapply import reapply

    curation = _curation(db_dir)
    with connect(db_dir, *store_args) as store:
        decision = make(curation, store)
        curation.save()
        report = reapply(store, curation, decision.node_ids, readable=_readable(db_dir))
    _report_reapply(f"Decision {decision.n}: {decision.describe()}", report)


def _report_reapply(headline: str, report: Any) -> None:
    for path in report.missing:
        note(f"Not re-read (the file is gone or was not built; the decision applies when it is built again): {path}")
    for item in report.unreadable:
        note(f"Not re-read (cannot be read now; the store keeps it as it was): {item}")
    echo(f"{headline}; {len(report.rebuilt)} article{'s' if len(report.rebuilt) != 1 else ''} re-read")


def _who() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@curate.command("merge")
@click.argument("keep")
@click.argument("drop")
@click.option("--who", default=None, help="Who decides (default: the login name).")
@store_options
@user_errors
def curate_merge(keep: str, drop: str, who: str | None, db_dir: str, neo4j_uri: str | None, neo4j_user: str,
                 neo4j_database: str | None) -> None:
    """Merge DROP into KEEP (names or ids): DROP's name becomes an alias of KEEP.

    \b
    Example:
      minegraph curate merge "Andes Mining Institute" "Andes Mining Inst."
    """
    from minegraph.graph.lookup import find_entity

    _decide(db_dir, (neo4j_uri, neo4j_user, neo4j_database),
            lambda c, s: c.merge(find_entity(s, keep), find_entity(s, drop), who or _who()))


@curate.command("reject")
@click.argument("source")
@click.argument("target")
@click.option("--type", "rel_type", default=None, metavar="TYPE", help="Only links of this type (default: all).")
@click.option("--who", default=None, help="Who decides (default: the login name).")
@store_options
@user_errors
def curate_reject(source: str, target: str, rel_type: str | None, who: str | None, db_dir: str,
                  neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> None:
    """Drop the link(s) between SOURCE and TARGET (either direction): no article stated it.

    \b
    Example:
      minegraph curate reject "Chile" "Germany" --type COOPERATES_WITH
    """
    from minegraph.graph.lookup import find_entity

    _decide(db_dir, (neo4j_uri, neo4j_user, neo4j_database),
            lambda c, s: c.reject(find_entity(s, source), find_entity(s, target), who or _who(),
                                  rel_type.upper() if rel_type else None))


@curate.command("rename")
@click.argument("node")
@click.argument("new_name")
@click.option("--who", default=None, help="Who decides (default: the login name).")
@store_options
@user_errors
def curate_rename(node: str, new_name: str, who: str | None, db_dir: str, neo4j_uri: str | None,
                  neo4j_user: str, neo4j_database: str | None) -> None:
    """Give NODE (a name or id) the name NEW_NAME; its old name stays an alias.

    \b
    Example:
      minegraph curate rename "Andes Mining Inst." "Andes Mining Institute"
    """
    from minegraph.graph.lookup import find_entity

    _decide(db_dir, (neo4j_uri, neo4j_user, neo4j_database),
            lambda c, s: c.rename(find_entity(s, node), new_name, who or _who()))


@curate.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@store_options
@user_errors
def curate_list(as_json: bool, db_dir: str, neo4j_uri: str | None, neo4j_user: str,
                neo4j_database: str | None) -> None:
    """List the decisions; one whose nodes are no longer stored is marked stale.

    \b
    Example:
      minegraph curate list --json
    """
    curation = _curation(db_dir)
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database, write=False) as store:
        rows = curation.status(store)
    if as_json:
        print_json(rows)
        return
    if not rows:
        note(f"No curation decisions in {curation.path}")
        return
    print_table(["n", "decision", "who", "when", "state"],
                [[r["n"], r["summary"], r["who"], r["when"],
                  f"stale: {', '.join(r['missing'])} not stored" if r["stale"] else "applied"] for r in rows],
                title=f"Curation decisions in {curation.path}")


@curate.command("undo")
@click.argument("number", type=int)
@store_options
@user_errors
def curate_undo(number: int, db_dir: str, neo4j_uri: str | None, neo4j_user: str,
                neo4j_database: str | None) -> None:
    """Take back decision NUMBER (see `curate list`) and re-read the articles it touched.

    \b
    Example:
      minegraph curate undo 2
    """
    from minegraph.loaders.reapply import reapply

    curation = _curation(db_dir)
    decision = curation.undo(number)
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database) as store:
        curation.save()
        report = reapply(store, curation, decision.node_ids, readable=_readable(db_dir))
    _report_reapply(f"Undid decision {decision.n}: {decision.describe()}", report)


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # the same clean stop (and Error: line) as Ctrl-C


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    for number, arg in enumerate(sys.argv[1:], start=1):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:  # bytes that are not UTF-8, kept by Python as lone surrogates
            shown = terminal_safe(os.fsencode(arg).decode("utf-8", errors="replace"))
            click.echo(f"Error: argument {number} ({shown!r}) is not valid UTF-8; minegraph reads its arguments as "
                       "UTF-8 text (rename the file, or give the text in UTF-8)", err=True)
            sys.exit(1)
    cli(prog_name="minegraph")


if __name__ == "__main__":
    main()
