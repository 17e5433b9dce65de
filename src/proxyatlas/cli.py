"""The command line: parses arguments, calls the API, prints. No logic of its own."""

from __future__ import annotations

import json
import sys

import click

from . import __version__
from .errors import ProxyatlasError


class _Group(click.Group):
    """Every ProxyatlasError becomes one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
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


if __name__ == "__main__":  # pragma: no cover
    main()
