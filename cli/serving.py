"""The workbench and the shared server: ``serve``, ``store start|stop|status``, and the
composition of the workbench from a store and the pipeline's functions."""

from __future__ import annotations

import contextlib
import webbrowser
from pathlib import Path
from typing import Any

import click

from minegraph.cli.base import (
    cli,
    connect,
    echo,
    lock_timeout_from_env,
    note,
    page_cache,
    print_json,
    query_timeout_from_env,
    readable,
    store_options,
    user_errors,
)
from minegraph.graph.store import GraphStore


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

    info = start_shared(_embedded_dir(db_dir, neo4j_uri, neo4j_user, neo4j_database), lock_timeout_from_env(),
                        query_timeout=query_timeout_from_env())
    click.echo(f"Server {info.pid} runs on {Path(db_dir).resolve()} (socket {info.socket}); "
               "commands use it until `minegraph store stop`")


@store_group.command("stop")
@store_options
@user_errors
def store_stop(db_dir: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> None:
    """Stop the server `store start` left running, once no command writes to it."""
    from minegraph.graph.server import server_status, stop_shared

    where = _embedded_dir(db_dir, neo4j_uri, neo4j_user, neo4j_database)
    info = stop_shared(where, lock_timeout_from_env(), query_timeout_from_env())
    if info is None:
        status = server_status(where, query_timeout_from_env())
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

    status = server_status(_embedded_dir(db_dir, neo4j_uri, neo4j_user, neo4j_database), query_timeout_from_env())
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

    cache = Fetcher(page_cache(db_dir), offline=True)

    def read(path: str) -> str:  # only what a build read: a stored path may come from a claims file
        if not readable(db_dir)(path):
            raise PermissionError(f"{path} is not inside a folder that was built (minegraph build FOLDER)")
        return read_article(path, fetcher=cache).text

    def locked_reapply(store: GraphStore, curation: Any, node_ids: list[str]) -> Any:
        with store.writing():  # the workbench reads; a decision writes, one writer at a time
            return reapply(store, curation, node_ids, readable=readable(db_dir))

    return Workbench(store, db_dir, curate=curate, reapply=locked_reapply, read_article=read)


