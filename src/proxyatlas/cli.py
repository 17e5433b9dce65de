"""The command line: parses arguments, calls the API, prints. No logic of its own."""

from __future__ import annotations

import json
import sys
import warnings

import click

from . import __version__
from .errors import ProxyatlasError, ProxyatlasWarning
from .tables import (
    CONFLICT_COLUMNS,
    CORRECTION_COLUMNS,
    DOCUMENT_COLUMNS,
    ENTITY_COLUMNS,
    EVENT_COLUMNS,
    NUMBER_COLUMNS,
    RELATION_COLUMNS,
    REVIEW_COLUMNS,
    SOURCE_COLUMNS,
    TIMELINE_COLUMNS,
    as_of_layout,
    csv_rows,
    graph_layout,
    key,
    path_layout,
    render,
    show_layout,
    to_json,
)


class _Group(click.Group):
    """Every ProxyatlasError becomes one line on stderr and exit code 1; every ProxyatlasWarning
    one line on stderr."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        with warnings.catch_warnings():
            warnings.simplefilter("always", ProxyatlasWarning)
            shown = warnings.showwarning

            def show(message, category, *args, **kwargs):  # type: ignore[no-untyped-def]
                if issubclass(category, ProxyatlasWarning):
                    click.echo(f"proxyatlas: warning: {message}", err=True)
                else:
                    shown(message, category, *args, **kwargs)

            warnings.showwarning = show
            try:
                return super().invoke(ctx)
            except ProxyatlasError as exc:
                click.echo(f"proxyatlas: error: {exc}", err=True)
                sys.exit(1)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="proxyatlas")
def main() -> None:
    """Turn news reports on armed-group networks into a provenance-backed knowledge graph."""


@main.command()
@click.argument("file", type=click.Path(dir_okay=True, path_type=str))
@click.option("--published", help="Publication date (EDTF, e.g. 2020-01-09); overrides the document's own.")
@click.option("--source", help="Outlet that published the document, e.g. CBN.")
@click.option("--title", help="Document title.")
@click.option("--author", help="Document author.")
@click.option("--registry", "registries", multiple=True, type=click.Path(path_type=str),
              help="An extra actor registry YAML file (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json", show_default=True)
def extract(file: str, published: str | None, source: str | None, title: str | None, author: str | None,
            registries: tuple[str, ...], fmt: str) -> None:
    """Extract entities, relations, events, statements and quantities from FILE (.txt .md .html .pdf).

    Example: proxyatlas extract article.txt --published 2020-01-09 --source CBN --format table
    """
    from .api import extract_file
    from .render import render_table

    try:
        result = extract_file(file, published=published, source=source, title=title, author=author,
                              registry=registries)
    except ValueError as exc:  # a bad --published value
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    if fmt == "json":
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=1))
    else:
        click.echo(render_table(result))


# -- the knowledge store ---------------------------------------------------------------------
FORMATS = ["table", "json", "csv"]
DB_HELP = ("The store: a SQLite file, or postgresql://user:pass@host/dbname (default: $PROXYATLAS_DB, "
           "else ./proxyatlas.db).")


def store_options(func):  # type: ignore[no-untyped-def]
    """--db and --format, the same on every store command."""
    func = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
                        help="table for reading, json and csv for pipes.")(func)
    return click.option("--db", type=click.Path(dir_okay=False, path_type=str), default=None,
                        help=DB_HELP)(func)


def _echo(text: str) -> None:
    click.echo(text)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date (EDTF) for every document; overrides sidecars and datelines.")
@click.option("--source", help="Outlet for every document; overrides sidecars and the documents' own.")
@click.option("--registry", "registries", multiple=True, type=click.Path(path_type=str),
              help="An extra actor registry YAML file (repeatable).")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes for the NLP (one writer either way); with --dask local, the workers.")
@click.option("--dask", "dask", metavar="SCHEDULER",
              help="Extract on a Dask cluster: the scheduler's address (tcp://host:8786), or 'local' for a "
                   "LocalCluster on this machine. Needs the dask extra.")
@store_options
def ingest(paths: tuple[str, ...], published: str | None, source: str | None, registries: tuple[str, ...],
           jobs: int, dask: str | None, db: str | None, fmt: str) -> None:
    """Extract documents (files, folders, globs) into the knowledge store; sidecar NAME.meta.json
    files give title/source/author/published.

    Example: proxyatlas ingest examples/articles 'news/**/*.html' --jobs 2
    """
    from dataclasses import asdict

    from .api import ingest as _ingest

    bar = None

    def progress(done: int, total: int, path: str) -> None:
        nonlocal bar
        if total < 2:
            return
        if bar is None:
            bar = click.progressbar(length=total, label="Ingesting", file=sys.stderr)
            bar.__enter__()
        bar.update(1)

    try:
        report = _ingest(paths, db=db, published=published, source=source, registry=registries, jobs=jobs,
                         progress=progress, dask=dask)
    except ValueError as exc:  # a bad --published value
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if fmt == "json":
        _echo(to_json(asdict(report)))
    elif fmt == "csv":
        _echo(csv_rows([{"path": p, "reason": r} for p, r in report.failed],
                       [("path", key("path")), ("reason", key("reason"))]))
    else:
        _echo(f"added {report.added}, unchanged {report.unchanged}, failed {len(report.failed)}; "
              f"new entities {report.new_entities}, new relations {report.new_relations}")
        for failed_path, reason in report.failed:  # on stderr: stdout carries only results
            click.echo(f"  failed: {failed_path}: {reason}", err=True)
    for warned_path, warning in report.warnings:
        click.echo(f"proxyatlas: warning: {warned_path}: {warning}", err=True)
    if report.failed:
        sys.exit(1)


@main.command()
@click.option("--type", "etype", help="person, organization, country or place.")
@click.option("--category", help="Organizations: state_body, armed_group, political, media, research, other.")
@click.option("--name", help="Part of a name or alias (case-, accent- and hyphen-insensitive).")
@click.option("--limit", type=click.IntRange(1), help="Only the first N.")
@store_options
def entities(etype: str | None, category: str | None, name: str | None, limit: int | None, db: str | None,
             fmt: str) -> None:
    """List stored entities, most documented first.

    Example: proxyatlas entities --category armed_group --format csv
    """
    from .api import entities as _entities

    _echo(render(_entities(db=db, type=etype, category=category, name=name)[:limit], fmt, ENTITY_COLUMNS))


@main.command()
@click.argument("entity")
@store_options
def show(entity: str, db: str | None, fmt: str) -> None:
    """Everything about one entity (id or any alias): relations, statements, events, quantities, corrections.

    Example: proxyatlas show "al-Hashd al-Shabi"
    """
    from .api import show as _show

    data = _show(entity, db=db)
    rels = [{**r, "direction": "out"} for r in data["relations_out"]] + \
        [{**r, "direction": "in"} for r in data["relations_in"]]
    _echo(render(data, fmt, [("direction", key("direction")), *RELATION_COLUMNS], items=rels, layout=show_layout))


@main.command()
@click.option("--type", "rtype", help="leads, member_of, part_of, supports, created, trains, operates_in, ...")
@click.option("--source", help="Source entity (id or alias).")
@click.option("--target", help="Target entity (id or alias).")
@click.option("--min-sources", type=click.IntRange(1), help="At least this many independent sources.")
@click.option("--hedge", type=click.Choice(["asserted", "reported", "alleged", "speculative", "denied"]),
              help="Surest hedge of the relation.")
@click.option("--as-of", "as_of_date", help="Only relations valid on this date (EDTF).")
@click.option("--limit", type=click.IntRange(1), help="Only the first N (best corroborated first).")
@store_options
def relations(rtype: str | None, source: str | None, target: str | None, min_sources: int | None,
              hedge: str | None, as_of_date: str | None, limit: int | None, db: str | None, fmt: str) -> None:
    """Relations with documents, independent sources, hedge, validity and evidence.

    Example: proxyatlas relations --type supports --target Houthis --min-sources 2
    """
    from .api import relations as _relations

    _echo(render(_relations(db=db, type=rtype, source=source, target=target, min_sources=min_sources, hedge=hedge,
                            as_of=as_of_date)[:limit], fmt, RELATION_COLUMNS))


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--max-hops", type=click.IntRange(1, 10), default=4, show_default=True)
@store_options
def path(a: str, b: str, max_hops: int, db: str | None, fmt: str) -> None:
    """Shortest paths between two entities, with the evidence of each hop.

    Example: proxyatlas path "Qasem Soleimani" Houthis --max-hops 3
    """
    from .api import path as _path

    paths = _path(a, b, db=db, max_hops=max_hops)
    hops = [{**hop, "path": n} for n, p in enumerate(paths, 1) for hop in p]
    _echo(render(paths, fmt, [("path", key("path")), *RELATION_COLUMNS], items=hops, layout=path_layout))


@main.command()
@click.argument("entity", required=False)
@store_options
def timeline(entity: str | None, db: str | None, fmt: str) -> None:
    """Events and statements in date order (of one entity, or all).

    Example: proxyatlas timeline "Qasem Soleimani"
    """
    from .api import timeline as _timeline

    _echo(render(_timeline(entity, db=db), fmt, TIMELINE_COLUMNS))


@main.command()
@click.option("--type", "etype", help="attack, killing, appointment, meeting or other.")
@click.option("--actor", help="An agent or target (id or any alias).")
@click.option("--place", help="Where it happened (id or alias); a country also matches places inside it.")
@click.option("--from", "date_from", help="Only events whose date overlaps this EDTF date or later.")
@click.option("--to", "date_to", help="Only events whose date overlaps this EDTF date or earlier.")
@click.option("--min-sources", type=click.IntRange(1), help="At least this many independent sources.")
@click.option("--limit", type=click.IntRange(1), help="Only the first N (in date order).")
@store_options
def events(etype: str | None, actor: str | None, place: str | None, date_from: str | None, date_to: str | None,
           min_sources: int | None, limit: int | None, db: str | None, fmt: str) -> None:
    """Events resolved across documents (one per happening), with documents, independent sources
    and every report's sentence; json adds what the reports disagree on (details).

    Example: proxyatlas events --actor Hezbollah --from 2024-03 --min-sources 2 --format json
    """
    from .api import events as _events

    _echo(render(_events(db=db, type=etype, actor=actor, place=place, date_from=date_from, date_to=date_to,
                         min_sources=min_sources)[:limit], fmt, EVENT_COLUMNS))


@main.command()
@click.argument("actor")
@click.option("--unit", help="Only numbers counted like this unit (fighters: all personnel; killed: fatalities; "
                             "USD: money in dollars).")
@store_options
def numbers(actor: str, unit: str | None, db: str | None, fmt: str) -> None:
    """Every number claimed about ACTOR, grouped by what it counts, in date order, with claimant and outlet.

    Example: proxyatlas numbers Hezbollah --unit fighters
    """
    from .api import numbers as _numbers

    _echo(render(_numbers(actor, db=db, unit=unit), fmt, NUMBER_COLUMNS))


@main.command("as-of")
@click.argument("date")
@click.option("--limit", type=click.IntRange(1), help="At most N relations, best corroborated first (default: 100).")
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True, help="Skip the first N (later pages).")
@click.option("--all", "every", is_flag=True, help="Every relation valid on DATE (slow on a large store).")
@store_options
def as_of(date: str, limit: int | None, offset: int, every: bool, db: str | None, fmt: str) -> None:
    """Relations valid on DATE: inside their validity, or, where the text gives none, first reported by then;
    best corroborated first, each with its evidence, a page at a time (json: {date, total, offset, relations}).

    Example: proxyatlas as-of 2019-06-01 --format json
    """
    from .api import AS_OF_PAGE
    from .api import as_of as _as_of

    data = _as_of(date, db=db, limit=None if every else limit or AS_OF_PAGE, offset=offset)
    _echo(render(data, fmt, RELATION_COLUMNS, items=data["relations"], layout=as_of_layout))


@main.command()
@store_options
def sources(db: str | None, fmt: str) -> None:
    """Outlets with their documents, claims and how many claims another source corroborates.

    Example: proxyatlas sources --format csv
    """
    from .api import sources as _sources

    _echo(render(_sources(db=db), fmt, SOURCE_COLUMNS))


@main.command()
@store_options
def conflicts(db: str | None, fmt: str) -> None:
    """Relations claimed by one source and denied by another; offices with two holders at once.

    Example: proxyatlas conflicts --format json
    """
    from .api import conflicts as _conflicts

    _echo(render(_conflicts(db=db), fmt, CONFLICT_COLUMNS))


@main.command()
@store_options
def documents(db: str | None, fmt: str) -> None:
    """Stored documents with their numbers of entities and relations.

    Example: proxyatlas documents --format csv
    """
    from .api import documents as _documents

    _echo(render(_documents(db=db), fmt, DOCUMENT_COLUMNS))


def correction_options(func):  # type: ignore[no-untyped-def]
    """--author and --reason, the same on every correction, plus --db and --format."""
    func = store_options(func)
    func = click.option("--reason", help="Why (kept with the correction).")(func)
    return click.option("--author", help="Who decides (default: the login name).")(func)


def _correction(record: dict, fmt: str) -> None:  # type: ignore[type-arg]
    _echo(render(record, fmt, CORRECTION_COLUMNS, items=[record]))


@main.command()
@click.argument("a")
@click.argument("b")
@correction_options
def merge(a: str, b: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Record that B is the same actor as A (A's id and name stay); replayed on every rebuild.

    Example: proxyatlas merge "Abu Fadak al-Mohammadawi" "Abdul Aziz al-Mohammadawi" --author jd
    """
    from .api import merge as _merge

    _correction(_merge(a, b, db=db, author=author, reason=reason), fmt)


@main.command()
@click.argument("entity")
@click.option("--alias", required=True, help="The alias that names another actor.")
@correction_options
def split(entity: str, alias: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Record that ALIAS names another actor than ENTITY: it becomes an entity of its own.

    Example: proxyatlas split popular-mobilization-forces --alias "Popular Mobilization Commission"
    """
    from .api import split as _split

    _correction(_split(entity, alias, db=db, author=author, reason=reason), fmt)


@main.command()
@click.argument("entity")
@click.option("--type", "etype", help="person, organization, country or place.")
@click.option("--category", help="For an organization: state_body, armed_group, political, media, research, other.")
@correction_options
def recategorise(entity: str, etype: str | None, category: str | None, author: str | None, reason: str | None,
                 db: str | None, fmt: str) -> None:
    """Record ENTITY's right type and/or category; replayed on every rebuild.

    Example: proxyatlas recategorise kataib-hezbollah --category state_body --reason "PMF brigade since 2016"
    """
    from .api import recategorise as _recategorise

    if not etype and not category:
        raise click.UsageError("give --type, --category or both")
    _correction(_recategorise(entity, type=etype, category=category, db=db, author=author, reason=reason), fmt)


@main.command()
@click.argument("entity")
@click.argument("name")
@correction_options
def alias(entity: str, name: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Record that ENTITY is also called NAME: documents that write NAME resolve to it.

    Example: proxyatlas alias hezbollah "Party of God"
    """
    from .api import alias as _alias

    _correction(_alias(entity, name, db=db, author=author, reason=reason), fmt)


@main.command()
@click.argument("relation_id")
@correction_options
def reject(relation_id: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Record that a relation (id or unique id prefix) is wrong; it disappears from queries and exports.

    Example: proxyatlas reject 3f2a9c61d0 --reason "the article says the opposite"
    """
    from .api import reject as _reject

    _correction(_reject(relation_id, db=db, author=author, reason=reason), fmt)


@main.command()
@click.argument("relation_id")
@correction_options
def confirm(relation_id: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Record that a person checked a relation: it sorts first and exports with confidence 100.

    Example: proxyatlas confirm 3f2a9c61d0 --author jd
    """
    from .api import confirm as _confirm

    _correction(_confirm(relation_id, db=db, author=author, reason=reason), fmt)


@main.command()
@click.argument("relation_id")
@click.argument("type", metavar="TYPE")
@correction_options
def retype(relation_id: str, type: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Record a relation's right TYPE (leads, member_of, part_of, supports, ...); its id changes with it.

    Example: proxyatlas retype 3f2a9c61d0 trains
    """
    from .api import retype as _retype

    _correction(_retype(relation_id, type, db=db, author=author, reason=reason), fmt)


@main.command()
@click.argument("relation_id")
@click.argument("hedge", type=click.Choice(["asserted", "reported", "alleged", "speculative", "denied"]))
@correction_options
def rehedge(relation_id: str, hedge: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Record how sure a relation's claim is, whatever its texts say.

    Example: proxyatlas rehedge 3f2a9c61d0 alleged --reason "single anonymous official"
    """
    from .api import rehedge as _rehedge

    _correction(_rehedge(relation_id, hedge, db=db, author=author, reason=reason), fmt)


@main.command()
@click.argument("correction_id")
@correction_options
def undo(correction_id: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Withdraw a correction: the store becomes what the other corrections make it.

    Example: proxyatlas undo 99f45c7e536b164b0c61
    """
    from .api import undo as _undo

    _correction(_undo(correction_id, db=db, author=author, reason=reason), fmt)


@main.command()
@click.option("--limit", type=click.IntRange(1), help="Only the first N (newest first).")
@store_options
def corrections(limit: int | None, db: str | None, fmt: str) -> None:
    """Every correction, newest first, with author, time, reason and the undo that withdrew it.

    Example: proxyatlas corrections --format csv
    """
    from .api import corrections as _corrections

    _echo(render(_corrections(db=db)[:limit], fmt, CORRECTION_COLUMNS))


@main.command()
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@store_options
def review(limit: int, db: str | None, fmt: str) -> None:
    """Relations waiting for a decision, those whose decision changes the picture most first.

    Example: proxyatlas review --limit 10
    """
    from .api import review_queue

    _echo(render(review_queue(db=db, limit=limit)["items"], fmt, REVIEW_COLUMNS))


@main.command("merge-events")
@click.argument("a")
@click.argument("b")
@correction_options
def merge_events(a: str, b: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Record that events A and B (ids or unique id prefixes) are one happening; replayed on every rebuild.

    Example: proxyatlas merge-events 7f4a0fbe 9938fd02 --author jd
    """
    from .api import merge_events as _merge_events

    _correction(_merge_events(a, b, db=db, author=author, reason=reason), fmt)


@main.command("split-event")
@click.argument("event")
@click.option("--document", required=True, help="The document (id or unique id prefix) whose reports are "
                                                 "another happening.")
@correction_options
def split_event(event: str, document: str, author: str | None, reason: str | None, db: str | None,
                fmt: str) -> None:
    """Record that what DOCUMENT reports is another happening than EVENT; replayed on every rebuild.

    Example: proxyatlas split-event 7f4a0fbe --document d3fa2c2b
    """
    from .api import split_event as _split_event

    _correction(_split_event(event, document, db=db, author=author, reason=reason), fmt)


@main.command("reject-event")
@click.argument("event")
@correction_options
def reject_event(event: str, author: str | None, reason: str | None, db: str | None, fmt: str) -> None:
    """Record that EVENT (id or unique id prefix) is no happening, with the --reason (required); it
    disappears from events, timelines and exports, and stays hidden on every rebuild.

    Example: proxyatlas reject-event 7f4a0fbe --reason "a metaphor, not an attack"
    """
    from .api import reject_event as _reject_event

    _correction(_reject_event(event, db=db, author=author, reason=reason or ""), fmt)


@main.command()
@click.option("--registry", "registries", multiple=True, type=click.Path(path_type=str),
              help="An extra actor registry YAML file (repeatable).")
@store_options
def rebuild(registries: tuple[str, ...], db: str | None, fmt: str) -> None:
    """Re-extract every stored text with this version's pipeline and replay all corrections.

    Example: proxyatlas rebuild --db archive.db
    """
    from .api import rebuild as _rebuild

    result = _rebuild(db=db, registry=registries)
    _echo(render(result, fmt, [("documents", key("documents")), ("entities", key("entities")),
                               ("relations", key("relations"))], items=[result]))


@main.command("graph-stats")
@store_options
def graph_stats(db: str | None, fmt: str) -> None:
    """Graph analytics: most central actors, who backs whom (transitively), communities.

    Example: proxyatlas graph-stats --format json
    """
    from .api import graph_stats as _graph_stats

    stats = _graph_stats(db=db)
    _echo(render(stats, fmt, [("id", key("id")), ("name", key("name")), ("degree", key("degree")),
                              ("betweenness", key("betweenness"))], items=stats["central"], layout=graph_layout))


@main.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=str), default=None,
              help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any but loopback needs --token.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", envvar="PROXYATLAS_TOKEN", default=None,
              help="Enables uploads from the browser for whoever presents it ($PROXYATLAS_TOKEN).")
def serve(db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the web UI and its JSON API (read-only without a token); OpenAPI docs at /docs.

    Example: proxyatlas serve --db archive.db --port 8000
    """
    try:
        from .web import serve as _serve
    except ImportError as exc:  # pragma: no cover - the web dependencies are part of the install
        raise ProxyatlasError(f"the web UI needs fastapi and uvicorn ({exc}); pip install proxyatlas") from exc
    _serve(db=db, host=host, port=port, token=token)


@main.command("profile")
@click.argument("actor")
@click.option("--as-of", "as_of_date", help="Only what was valid (relations) or reported (the rest) on this date (EDTF).")
@click.option("--min-sources", type=click.IntRange(1), help="Only relations with at least this many independent sources.")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "pdf"]), default="md", show_default=True)
@click.option("--out", default="-", show_default=True, help="File to write; - is stdout (pdf only into a pipe).")
@click.option("--db", type=click.Path(dir_okay=False, path_type=str), default=None,
              help=DB_HELP)
def profile_(actor: str, as_of_date: str | None, min_sources: int | None, fmt: str, out: str, db: str | None) -> None:
    """A sourced dossier of one actor (id or any alias): every sentence footnoted to its documents.

    Example: proxyatlas profile Hezbollah --as-of 2024-01-01 --format pdf --out hezbollah.pdf
    """
    from .api import profile as _profile

    if fmt == "pdf" and out == "-" and sys.stdout.isatty():
        raise ProxyatlasError("a PDF is binary: write it with --out FILE.pdf or pipe it")
    body = _profile(actor, db=db, as_of=as_of_date, min_sources=min_sources, format=fmt)
    data = body.encode("utf-8") if isinstance(body, str) else body
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        with open(out, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise ProxyatlasError(f"{out}: cannot write the profile ({exc.strerror or exc})") from exc
    click.echo(f"wrote {out} ({len(data):,} bytes)", err=True)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(["stix", "ftm", "graphml", "gexf", "csv", "neo4j"]), required=True,
              help="stix, ftm and the graph formats write one file; csv and neo4j a folder.")
@click.option("--out", default="-", show_default=True, help="File (or folder for csv/neo4j); - is stdout.")
@click.option("--type", "rtypes", multiple=True, help="Only relations of this type (repeatable, or comma-separated).")
@click.option("--min-sources", type=click.IntRange(1), help="Only relations with at least this many independent sources.")
@click.option("--as-of", "as_of_date", help="Only relations valid on this date (EDTF).")
@click.option("--with-events", is_flag=True, help="graphml, gexf: events as nodes linked to their actors and place.")
@click.option("--db", type=click.Path(dir_okay=False, path_type=str), default=None,
              help=DB_HELP)
def export_(fmt: str, out: str, rtypes: tuple[str, ...], min_sources: int | None, as_of_date: str | None,
            with_events: bool, db: str | None) -> None:
    """Export the graph for OpenCTI/MISP (stix), Aleph (ftm), Gephi (graphml, gexf), spreadsheets (csv), Neo4j.

    Example: proxyatlas export --format stix --min-sources 2 --out network.stix.json
    """
    from .api import export as _export

    types = [t.strip() for value in rtypes for t in value.split(",") if t.strip()]
    result = _export(fmt, db=db, out=out, type=types, min_sources=min_sources, as_of=as_of_date,
                     with_events=with_events)
    if out != "-":
        click.echo(f"wrote {', '.join(result['files'])}: {result['entities']} entities, "
                   f"{result['relations']} relations, {result['events']} events, {result['statements']} "
                   f"statements, {result['quantities']} quantities, {result['documents']} documents", err=True)


@main.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--format", "fmt", type=click.Choice(["stix"]), default="stix", show_default=True)
@click.option("--db", type=click.Path(dir_okay=False, path_type=str), default=None,
              help=DB_HELP)
def import_(file: str, fmt: str, db: str | None) -> None:
    """Read a STIX 2.1 bundle (exported here, or from OpenCTI, MISP, MITRE ATT&CK) into the store.

    Example: proxyatlas import --format stix network.stix.json --db other.db
    """
    from .api import import_stix

    result = import_stix(file, db=db)
    click.echo(f"added {result['documents']} documents ({result['unchanged']} already stored); new entities "
               f"{result['entities']}, new relations {result['relations']}")
    for reason, count in result["skipped"].items():
        click.echo(f"  skipped {count}: {reason}")


if __name__ == "__main__":  # pragma: no cover
    main()
