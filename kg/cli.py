"""The `kg` command: a thin shell over `kg.api`.

Each command parses its options, calls one api function and prints; a `KgError` becomes one
message on stderr and its documented exit code (see the README), with the traceback only
under `--debug`.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import shlex
import sys
import traceback
from functools import wraps
from pathlib import Path

import click

from kg import api
from kg.errors import EXIT_CODES, KgError

STORE_HELP = "Store: a folder, or the http(s) URL of a SPARQL 1.1 endpoint (default: $KG_STORE or .kg/store)."


def reports_errors(command):
    """Turn KgError into a clean message and exit code."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        ctx = click.get_current_context()
        try:
            return command(*args, **kwargs)
        except KgError as exc:
            if ctx.find_root().params.get("debug"):
                traceback.print_exc()
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:  # `kg query ... | head` closed the pipe: not an error of ours
            sys.stderr.close()
            ctx.exit(0)
        except Exception as exc:  # a bug: say so in one line, keep the traceback for --debug
            if ctx.find_root().params.get("debug"):
                raise
            click.echo(f"internal error: {type(exc).__name__}: {exc}\n  hint: this is a bug in kg; "
                       "rerun with `kg --debug ...` and report the traceback", err=True)
            ctx.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks of errors.")
@click.version_option(package_name="kg")
def main(debug: bool) -> None:
    """kg: a knowledge graph of NATO policy from Dutch parliamentary documents."""
    if debug:  # also seen by build workers, which then let an extractor's exception through
        os.environ["KG_DEBUG"] = "1"


def _progress_bar() -> contextlib.AbstractContextManager:
    """tqdm's bar of documents on a terminal; elsewhere none, and tqdm is not even imported (0.05–0.08 s
    of a one-document rebuild whose output goes to a file or a pipe)."""
    if not sys.stderr.isatty():
        return contextlib.nullcontext()
    from tqdm import tqdm

    return tqdm(unit="doc", desc="building", file=sys.stderr, leave=False)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", help=STORE_HELP)
@click.option("--prune", is_flag=True, help="Remove the graphs of documents no longer under PATHS.")
@click.option("--workers", type=click.IntRange(min=1), help="Extraction processes (default: one per core).")
@click.option("--compact", is_flag=True,
              help="Compact the embedded store afterwards (a build of a million triples does so by itself): "
                   "queries slow down by a fifth or more over many small builds; ~10 s per 10,000 documents.")
@reports_errors
def build(paths: tuple[Path, ...], store: str | None, prune: bool, workers: int | None, compact: bool) -> None:
    """Extract the documents under PATHS into the store (unchanged documents are skipped)."""
    with _progress_bar() as bar:
        report = api.build(paths, store, prune=prune, workers=workers, compact=compact,
                           on_document=(lambda _p: bar.update()) if bar is not None else None)
    compacted = "; store compacted" if report.compacted else ""  # asked, or after a large build; a server compacts itself
    if not report.built and not report.pruned and not report.skipped:
        click.echo(f"Nothing to do: all {len(report.unchanged)} document(s) are unchanged{compacted}.")
        return
    in_store = f", {report.triples} in store" if report.triples is not None else ""
    click.echo(
        f"{report.documents} document(s): {len(report.built)} built, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped, {len(report.pruned)} pruned; {report.entities} entities, "
        f"{report.facts} facts, {report.quads_written} triples written{in_store}; "
        f"{report.seconds:.1f} s{compacted}"
    )
    for path, message in report.skipped:
        click.echo(f"skipped {path}: {message}", err=True)
    if report.skipped:
        sys.exit(EXIT_CODES["input"])


@main.command()
@click.argument("name", required=False)
@click.argument("params", nargs=-1)
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--store", help=STORE_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@reports_errors
def query(name: str | None, params: tuple[str, ...], list_: bool, store: str | None, fmt: str) -> None:
    """Run query NAME (from queries/) or a .rq FILE, with key=value PARAMS."""
    if list_ or not name:
        for named in api.list_queries():
            args = " ".join(f"[{p}=…]" for p in named.params)
            click.echo(f"{named.name:24} {named.title}" + (f"  {args}" if args else ""))
        return
    bindings = {}
    for param in params:
        key, sep, value = param.partition("=")
        if not sep or not key:
            raise KgError("usage", f"parameter {param!r} is not key=value", hint="write e.g. provider=US")
        bindings[key] = value
    result = api.query(name, bindings, store)
    for unknown in result.unknown:  # no rows for a reason the user can fix: say it
        click.echo(f"note: {unknown} names no entity in the store (labels, acronyms and codes were tried); "
                   "`kg query entities` lists them", err=True)
    _print_result(result, fmt)
    if result.next_page is not None:  # on stderr, so that csv and json output stay clean
        args = " ".join(shlex.quote(f"{k}={v}") for k, v in result.next_page.items())
        click.echo(f"more rows may follow; the next page: kg query {shlex.quote(name)} {args}", err=True)


@main.command()
@click.option("--store", help=STORE_HELP)
@reports_errors
def validate(store: str | None) -> None:
    """Check the store against the SHACL shapes in ontology/."""
    report = api.validate(store)
    if report.conforms:
        click.echo("The store conforms to the shapes: no violations.")
        return
    click.echo(f"{len(report.violations)} violation(s):")
    for violation in report.violations:
        click.echo(f"  {violation}")
    sys.exit(EXIT_CODES["invalid"])


@main.command()
@click.option("--store", help=STORE_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=7879, show_default=True, help="Port (0: a free one).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Seconds a query may run before it is answered with 503.")
@click.option("--limit", type=click.IntRange(min=1), default=10_000, show_default=True,
              help="Most result rows (or triples) in one answer.")
@click.option("--workers", type=click.IntRange(min=1), help="Queries evaluated at once, each in a process (default: one per core).")
@click.option("--quiet", is_flag=True, help="Do not log requests.")
@reports_errors
def serve(store: str | None, host: str, port: int, timeout: float, limit: int, workers: int | None, quiet: bool) -> None:
    """Serve the store read-only as a SPARQL 1.1 endpoint at /sparql, with a query page at /."""

    def ready(url: str) -> None:
        click.echo(f"Serving {store or 'the store'} read-only at {url} — SPARQL endpoint {url}sparql; Ctrl-C stops.")
        sys.stdout.flush()

    api.serve(store, host=host, port=port, timeout=timeout, limit=limit, workers=workers, quiet=quiet, on_ready=ready)


@main.command("eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--docs", type=click.Path(path_type=Path),
              help="Folder of the documents the gold files describe (default: the shipped data/documents).")
@click.option("--details/--no-details", default=True, show_default=True,
              help="List the misses and false hits per document after the tables.")
@reports_errors
def eval_(gold: Path, docs: Path | None, details: bool) -> None:
    """Score extraction against the gold files in GOLD: precision, recall, F1, misses, false hits."""
    click.echo(api.render_evaluation(api.evaluate(gold, docs), details=details))


@main.command()
@click.option("--dossier", "dossiers", multiple=True, help="A dossier number (28676, 21501-02): its Kamerstukken, via the SyncFeed.")
@click.option("--kamerstuk", "kamerstukken", multiple=True, help="A Kamerstuk identifier (kst-21501-02-3121), fetched directly.")
@click.option("--since", help="Only Kamerstukken dated on or after this day (YYYY-MM-DD).")
@click.option("--into", type=click.Path(path_type=Path), help="Folder to fetch into (default: data/fetch/documents).")
@click.option("--tk-base", help="Base URL of the Tweede Kamer Gegevensmagazijn (default: $KG_TK_BASE or the portal).")
@click.option("--koop-base", help="Base URL of KOOP publications (default: $KG_KOOP_BASE or zoek.officielebekendmakingen.nl).")
@reports_errors
def fetch(dossiers: tuple[str, ...], kamerstukken: tuple[str, ...], since: str | None, into: Path | None,
          tk_base: str | None, koop_base: str | None) -> None:
    """Fetch Kamerstukken (KOOP XML, else the Kamer's PDF) into a folder, incrementally."""
    if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        raise KgError("usage", f"--since {since!r} is not a date", hint="write it as YYYY-MM-DD")
    report = api.fetch(into, dossiers=dossiers, kamerstukken=kamerstukken, since=since, tk_base=tk_base,
                       koop_base=koop_base)
    click.echo(f"{report.into}: {len(report.fetched)} fetched, {len(report.unchanged)} unchanged, "
               f"{len(report.removed)} removed, {len(report.skipped)} skipped; {report.pages} feed page(s), "
               f"{report.requests} request(s)")
    for name in report.removed:
        click.echo(f"removed {name} (deleted at the source): `kg build {report.into} --prune` drops its graph")
    for identifier, reason in report.skipped:
        click.echo(f"skipped {identifier}: {reason}", err=True)


@main.command()
@click.option("--wikidata", is_flag=True, required=True, help="Look up Wikidata items (the only link source so far).")
@click.option("--store", help=STORE_HELP)
@click.option("--offline", is_flag=True, help="Use only the cache; report what it cannot answer.")
@click.option("--cache", type=click.Path(path_type=Path), help="Cache folder (default: $KG_WIKIDATA_CACHE or .kg/wikidata-cache).")
@click.option("--api", "api_url", help="Wikidata Action API URL (default: $KG_WIKIDATA_API or www.wikidata.org/w/api.php).")
@reports_errors
def link(wikidata: bool, store: str | None, offline: bool, cache: Path | None, api_url: str | None) -> None:
    """Find Wikidata items for missions, initiatives and organisations; write data/links/wikidata.csv."""
    report = api.link_wikidata(store, cache=cache, offline=offline, api_url=api_url)
    click.echo(f"{len(report.accepted)} linked, {len(report.unmatched)} without an accepted item, "
               f"{len(report.not_cached)} not in the cache; {report.requests} request(s), {report.cached} from the cache")
    for item in report.accepted:
        click.echo(f"  {item.key} → {item.wikidata} ({item.score:.2f})")
    if report.accepted or report.unmatched:
        click.echo("Written to data/links/wikidata.csv; the next `kg build` links them.")


@main.command("export")
@click.option("--format", "fmt", required=True, metavar="FORMAT",
              help="RDF: ttl, nt, nq, trig (one graph per document), jsonld. Graph tools: graphml (yEd, "
                   "Cytoscape), gexf (Gephi), json (D3 node-link), cytoscape (Cytoscape.js), dot (Graphviz), csv.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (default: standard output); for csv, -o X.csv writes X.nodes.csv and X.edges.csv.")
@click.option("--document", help="Only this document: file name, identifier (kst-…), Kamerstuk number or IRI.")
@click.option("--type", "types", multiple=True, help="Graph tools: keep nodes of this type (repeatable; Document too).")
@click.option("--since", help="Graph tools: only documents dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Graph tools: only documents dated on or before.")
@click.option("--citations", is_flag=True, help="Graph tools: the citation network of documents instead.")
@click.option("--store", help=STORE_HELP)
@reports_errors
def export(fmt: str, output: Path | None, document: str | None, types: tuple[str, ...], since: str | None,
           until: str | None, citations: bool, store: str | None) -> None:
    """Write the graph as RDF, or as a file for Gephi, yEd, Cytoscape, D3, Graphviz or a spreadsheet."""
    try:
        report = api.export_graph(fmt, output or sys.stdout.buffer, store, document=document, types=types or None,
                                  since=since, until=until, citations=citations)
    except BrokenPipeError:  # `kg export … | head`: stop quietly, as other Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    if output is not None:
        click.echo(report.summary())


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: graph.html, graph.png or graph.svg).")
@click.option("--focus", metavar="LABEL", help="Show only this entity (label, short form or identifier) and its surroundings.")
@click.option("--depth", type=click.IntRange(min=0), default=2, show_default=True, help="With --focus: how many facts away.")
@click.option("--type", "types", multiple=True, help="Keep nodes of this type (repeatable; Document too).")
@click.option("--document", help="Only what this document says (file name, identifier, Kamerstuk number or IRI).")
@click.option("--png", "fmt", flag_value="png", help="Write a static PNG picture instead of the page.")
@click.option("--svg", "fmt", flag_value="svg", help="Write a static SVG picture instead of the page.")
@click.option("--store", help=STORE_HELP)
@reports_errors
def view(output: Path | None, focus: str | None, depth: int, types: tuple[str, ...], document: str | None,
         fmt: str | None, store: str | None) -> None:
    """Write an interactive HTML view of the graph that works offline, or a picture for a report."""
    fmt = fmt or "html"
    report = api.view(output or Path(f"graph.{fmt}"), store, fmt=fmt, focus=focus, depth=depth,
                      types=types or None, document=document)
    click.echo(report.summary())


def _print_result(result: api.QueryResult, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(result.rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=result.columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(result.rows)
    else:
        click.echo(_table(result))
        click.echo(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")


def _table(result: api.QueryResult, limit: int = 40) -> str:
    """Aligned columns, IRIs shortened to their last two parts; every column but the last is
    cut at `limit` characters, the last (usually the evidence sentence) is shown whole."""
    cells = [[_short(row[c]) for c in result.columns] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    widths = [min(limit, w) for w in widths[:-1]] + widths[-1:]

    def line(values: list[str]) -> str:
        return "  ".join(_cut(v, w).ljust(w) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(result.columns), line(["-" * w for w in widths])] + [line(r) for r in cells])


def _short(value: str) -> str:
    """`https://w3id.org/kg-nato/id/country/US` → `country/US`; other values on one line."""
    if value.startswith(("http://", "https://")) and "/id/" in value:
        return value.split("/id/", 1)[1]
    return value.replace("\n", " ")


def _cut(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"
