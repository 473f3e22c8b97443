"""Reading the graph: ``query``, ``centrality``, ``changes``, ``map``, ``export``, ``stats``."""

from __future__ import annotations

import contextlib
import json
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from minegraph.cli.base import (
    cli,
    connect,
    echo,
    note,
    print_json,
    print_table,
    store_options,
    user_errors,
    write_map,
    write_text,
)
from minegraph.graph.store import DEFAULT_TIMEOUT, GraphStore


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
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database, query_memory_mb=max_memory, write=write,
                 longest_query=timeout) as store:
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


#: what ``--explain`` shows at most (``--explain-all``: everything): partners (``--top``
#: widens it), parts of one partner's weight, and own actors carrying one part.  A
#: country with thousands of partners and agencies otherwise gets tens of thousands of
#: lines; a small graph stays under every cap and reads as before
EXPLAIN_PARTNERS = 20
EXPLAIN_PARTS = 10
EXPLAIN_CARRIERS = 5


@cli.command()
@click.option("--focus", "-f", metavar="NAME", help="Rank this actor's partners by tie strength.")
@click.option("--mineral", "-m", metavar="NAME", help="Only ties through agreements covering this mineral.")
@click.option("--top", "-t", default=10, show_default=True, type=click.IntRange(0), help="Rows to show (0: all).")
@click.option("--include-domestic", is_flag=True,
              help="With --focus on a country: rank its own actors (based in it) among its partners.")
@click.option("--no-roll-up", "no_roll_up", is_flag=True,
              help="With --focus on a country: its own agencies' and companies' ties are not counted as its own.")
@click.option("--explain", is_flag=True,
              help=f"With --focus: each partner's weight part by part (the first {EXPLAIN_PARTNERS} partners, or "
                   f"--top of them; {EXPLAIN_PARTS} parts a partner, {EXPLAIN_CARRIERS} carriers a part).")
@click.option("--explain-all", is_flag=True, help="As --explain, with every partner, part and carrier.")
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
               explain: bool, explain_all: bool, since: str | None, until: str | None, by_year: bool, as_json: bool,
               db_dir: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None) -> None:
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
      minegraph centrality --focus "South Korea" --top 0 --explain-all
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
    explain = explain or explain_all
    if (explain or no_roll_up) and not focus:
        raise click.UsageError("--explain, --explain-all and --no-roll-up need --focus")
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
            shown = own if limit is None else own[:limit]
            print_table(["own actor", "label", "weight", "through", "carries ties to"],
                        [[r["name"], r["label"], r["weight"], "; ".join(v["name"] for v in r["via"]),
                          ", ".join(r["carries"][:5]) + (" …" if len(r["carries"]) > 5 else "")] for r in shown],
                        title=f"Own actors of {focus} (not counted as partners; --include-domestic ranks them)")
            if len(shown) < len(own):
                note(f"Showing {len(shown)} of {focus}'s {len(own)} own actors (--top 0 shows all).")
        if explain:
            _explain(actor.name, rows, None if explain_all else _Caps(max(EXPLAIN_PARTNERS, top)))
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


@dataclass(frozen=True)
class _Caps:
    partners: int
    parts: int = EXPLAIN_PARTS
    carriers: int = EXPLAIN_CARRIERS


def _explain(focus: str, rows: list[dict[str, Any]], caps: _Caps | None) -> None:
    """Each partner's weight part by part (the formula is in the README), within ``caps``
    (None: all); what is left out is counted, and its weight given, on its own line."""
    click.echo(f"\nHow each weight is made (partners of {focus}):")
    shown = rows if caps is None else rows[:caps.partners]
    for row in shown:
        b = row["breakdown"]
        echo(f"{row['name']} ({row['label']}): {row['weight']:g} = agreements {b['agreement']:g} + "
             f"events {b['event']:g} + cooperation {b['cooperation']:g}; "
             f"{row['articles']} article{'' if row['articles'] == 1 else 's'}"
             + (f", {row['first_seen']} to {row['last_seen']}" if row.get("first_seen") else ""))
        parts = row["via"] if caps is None else row["via"][:caps.parts]
        for v in parts:
            detail = [v["kind"]]
            if "parties" in v:
                detail.append(f"{v['parties']} parties")
            detail.append(f"{v['articles']} article" + ("" if v["articles"] == 1 else "s"))
            carried = ""
            if v["carried_by"]:
                carried = ", carried by " + _carriers(v["carried_by"], focus if v["direct"] else None,
                                                      None if caps is None else caps.carriers)
            echo(f"  {v['name']} ({', '.join(detail)}): {v['weight']:g}{carried}")
        if len(parts) < len(row["via"]):
            echo("  " + _rest(row["via"][len(parts):]))
    if len(shown) < len(rows):
        note(f"Explained {len(shown)} of {len(rows)} partners (--explain-all explains every one).")


def _carriers(names: list[str], itself: str | None, cap: int | None) -> str:
    """``A, B``; past ``cap`` names ``A, B and 7 more``; the focus ``itself`` last.

    >>> _carriers(["A", "B"], "Chile", 5), _carriers(["A", "B", "C"], None, 2), _carriers(["A", "B", "C"], "X", 2)
    ('A, B and Chile itself', 'A, B and 1 more', 'A, B, 1 more and X itself')
    """
    if cap is not None and len(names) > cap:
        listed = ", ".join(names[:cap])
        more = f"{len(names) - cap} more"
        return f"{listed}, {more} and {itself} itself" if itself is not None else f"{listed} and {more}"
    return ", ".join(names) + (f" and {itself} itself" if itself is not None else "")


def _rest(parts: list[dict[str, Any]]) -> str:
    """One line for the parts ``--explain`` leaves out: how many of each kind, and their weight."""
    kinds = {"agreement": "agreement", "event": "event", "cooperation": "stated cooperation"}
    counts = [(kinds.get(kind, kind), sum(p["kind"] == kind for p in parts)) for kind in dict.fromkeys(
        p["kind"] for p in parts)]
    what = ", ".join(f"{n} {name}{'' if n == 1 or name.endswith('cooperation') else 's'}" for name, n in counts)
    return (f"... and {len(parts)} more: {what}; weight {sum(p['weight'] for p in parts):g} "
            "(--explain-all lists them)")


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
    write_text(output, text)
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
        write_map(store, output, focus=focus, depth=depth, since=since, until=until, size_by=size_by,
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
