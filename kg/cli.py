"""The `kg` command: a thin shell over `kg.api`.

Each command parses its options, calls one api function and prints; a `KgError` becomes one
message on stderr and its documented exit code (see the README), with the traceback only
under `--debug`.
"""

from __future__ import annotations

import csv
import json
import sys
import traceback
from functools import wraps
from pathlib import Path

import click

from kg import api
from kg.errors import EXIT_CODES, KgError

STORE_HELP = "Store folder (default: $KG_STORE or .kg/store)."


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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option("--prune", is_flag=True, help="Remove the graphs of documents no longer under PATHS.")
@reports_errors
def build(paths: tuple[Path, ...], store: Path | None, prune: bool) -> None:
    """Extract the documents under PATHS into the store (unchanged documents are skipped)."""
    from tqdm import tqdm

    with tqdm(unit="doc", desc="building", file=sys.stderr, disable=None, leave=False) as bar:
        report = api.build(paths, store, prune=prune, on_document=lambda _p: bar.update())
    if not report.built and not report.pruned and not report.skipped:
        click.echo(f"Nothing to do: all {len(report.unchanged)} document(s) are unchanged "
                   f"({report.triples} triples in store).")
        return
    click.echo(
        f"{report.documents} document(s): {len(report.built)} built, {len(report.unchanged)} unchanged, "
        f"{len(report.skipped)} skipped, {len(report.pruned)} pruned; {report.entities} entities, "
        f"{report.facts} facts, {report.quads_written} triples written, {report.triples} in store; "
        f"{report.seconds:.1f} s"
    )
    for path, message in report.skipped:
        click.echo(f"skipped {path}: {message}", err=True)
    if report.skipped:
        sys.exit(EXIT_CODES["input"])


@main.command()
@click.argument("name", required=False)
@click.argument("params", nargs=-1)
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@reports_errors
def query(name: str | None, params: tuple[str, ...], list_: bool, store: Path | None, fmt: str) -> None:
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
    _print_result(result, fmt)


@main.command()
@click.option("--store", type=click.Path(path_type=Path), help=STORE_HELP)
@reports_errors
def validate(store: Path | None) -> None:
    """Check the store against the SHACL shapes in ontology/."""
    report = api.validate(store)
    if report.conforms:
        click.echo("The store conforms to the shapes: no violations.")
        return
    click.echo(f"{len(report.violations)} violation(s):")
    for violation in report.violations:
        click.echo(f"  {violation}")
    sys.exit(EXIT_CODES["invalid"])


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
