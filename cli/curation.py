"""``curate``: merge, reject, rename, list and undo decisions that outlast every rebuild."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from minegraph.cli.base import (
    cli,
    connect,
    curation_file,
    echo,
    note,
    print_json,
    print_table,
    readable,
    store_options,
    user_errors,
)

# --- curation ----------------------------------------------------------------------------


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

    curation = curation_file(db_dir)
    with connect(db_dir, *store_args) as store:
        decision = make(curation, store)
        curation.save()
        report = reapply(store, curation, decision.node_ids, readable=readable(db_dir))
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
    curation = curation_file(db_dir)
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

    curation = curation_file(db_dir)
    decision = curation.undo(number)
    with connect(db_dir, neo4j_uri, neo4j_user, neo4j_database) as store:
        curation.save()
        report = reapply(store, curation, decision.node_ids, readable=readable(db_dir))
    _report_reapply(f"Undid decision {decision.n}: {decision.describe()}", report)
