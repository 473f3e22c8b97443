"""What every command shares: the store options and the connection they make, the one
``Error:`` line for what a user can cause, terminal-safe output and tables, and the root
``minegraph`` group the command modules add to."""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import click

from minegraph.graph.store import (
    DEFAULT_QUERY_TIMEOUT,
    GraphStore,
    Neo4jConfig,
    StoreConfig,
    StoreError,
    open_store,
)

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
            query_memory_mb: float | None = None, *, write: bool = True, share: bool = False,
            longest_query: float | None = None) -> GraphStore:
    """The store the options name: for writing (the data directory's write lock), or
    with ``write=False`` for reading; ``share`` lets other commands use a server this
    one starts (see graph/server.py).  ``longest_query``: a query this command runs may
    take that long (``query --timeout``), so the server's answer is waited for as long."""
    config = store_config(db_dir, neo4j_uri, neo4j_user, neo4j_database)
    query_timeout = query_timeout_from_env()
    if longest_query is not None:
        query_timeout = max(query_timeout or DEFAULT_QUERY_TIMEOUT, longest_query)
    return open_store(replace(config, lock_timeout=lock_timeout_from_env(), query_memory_mb=query_memory_mb,
                              write=write, share=share, query_timeout=query_timeout))


def _seconds_from_env(name: str, minimum_excluded: bool) -> float | None:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return None
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not (0 < seconds if minimum_excluded else 0 <= seconds) or seconds == float("inf"):
        least = "above 0" if minimum_excluded else "0 or more"
        raise click.ClickException(f"{name} must be a number of seconds ({least}), not {raw!r}")
    return seconds


def lock_timeout_from_env() -> float | None:
    """``MINEGRAPH_LOCK_TIMEOUT`` in seconds (None when unset)."""
    return _seconds_from_env("MINEGRAPH_LOCK_TIMEOUT", minimum_excluded=False)


def query_timeout_from_env() -> float | None:
    """``MINEGRAPH_QUERY_TIMEOUT`` in seconds (None when unset): the longest one query of
    the embedded store may take before its server counts as stuck."""
    return _seconds_from_env("MINEGRAPH_QUERY_TIMEOUT", minimum_excluded=True)


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


# --- the root group (the command modules add to it) -----------------------------------


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



def write_map(store: GraphStore, output: str, **options: Any) -> None:
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


def curation_file(db_dir: str) -> Any:
    """The curation decisions kept in the data directory (with Neo4j too: --db names the folder)."""
    from minegraph.graph.curation import Curation

    return Curation.load(db_dir)


def readable(db_dir: str | Path) -> Callable[[str], bool]:
    """Whether an article path may be read again: inside the folders builds were given
    (read afresh each time, so a build while the workbench runs counts)."""
    from minegraph.loaders.built import BuiltFolders

    return lambda path: BuiltFolders(db_dir).allows(path)


def write_text(path: str, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file renamed)."""
    import tempfile

    target = Path(path)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.resolve().parent, prefix=f".{target.name}.",
                                     delete=False) as handle:
        handle.write(text)
    Path(handle.name).replace(target)


def page_cache(db_dir: str | Path) -> Path:
    """Where a build keeps the pages it fetched (read again by later builds and the workbench)."""
    return Path(db_dir) / "sources" / "pages"
