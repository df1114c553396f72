"""Command line: the ``geomap`` click group, thin subcommands over the stage functions.

Exit codes: 0 success, 1 error (nothing useful done), 2 usage error,
3 partial success (some inputs could not be read; the others were processed),
130 interrupted (Ctrl-C or SIGTERM).
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from geomap import __version__
from geomap._errors import GeomapError
from geomap.settings import DEFAULT_MODEL, Settings

if TYPE_CHECKING:
    from geomap.ingest import IngestOptions

__all__ = ["cli", "main"]

EXIT_PARTIAL = 3
_F = TypeVar("_F", bound=Callable[..., Any])


def _ingest_options(func: _F) -> _F:
    """Add the options saying how inputs are read (spreadsheet columns, --keep-text)."""
    options = [
        click.option(
            "--text-column",
            default=None,
            metavar="NAME",
            help="Spreadsheet (.csv/.tsv) column holding the text "
            "[default: text, description, notes, ...].",
        ),
        click.option(
            "--date-column",
            default=None,
            metavar="NAME",
            help="Spreadsheet column holding the publication date "
            "[default: date, published, event_date, ...].",
        ),
        click.option(
            "--keep-text",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            metavar="DIR",
            help="Write each article's text (what offsets and quotes refer to) to DIR/<id>.txt "
            "with a manifest.csv.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _ingest(
    text_column: str | None, date_column: str | None, keep_text: Path | None
) -> IngestOptions:
    from geomap.ingest import IngestOptions

    return IngestOptions(text_column=text_column, date_column=date_column, keep_text=keep_text)


def _refuse_outputs_inside_inputs(inputs: tuple[Path, ...], **outputs: Path | None) -> None:
    """An output folder equal to or inside an input folder is a usage error (exit 2)."""
    from geomap._outputs import OutputsInsideInputsError, refuse_outputs_inside_inputs

    try:
        refuse_outputs_inside_inputs(inputs, **outputs)
    except OutputsInsideInputsError as exc:
        raise _UsageLineError(str(exc)) from exc


def _settings(ctx: click.Context) -> Settings:
    obj = ctx.find_object(Settings)
    return obj if obj is not None else Settings()


class _OneLineHandler(logging.Handler):
    """Log records as single ``geomap: level: message`` lines on stderr.

    A record logged with ``extra={"verbatim": True}`` (a traceback, shown at ``-v``) is
    written as it is.
    """

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "verbatim", False):
            click.echo(record.getMessage(), err=True)
            return
        msg = record.getMessage().replace("\n", " ")
        click.echo(f"geomap: {record.levelname.lower()}: {msg}", err=True)


class _CleanError(click.ClickException):
    """A GeomapError shown as one ``geomap: error: ...`` line, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"geomap: error: {self.format_message()}", err=True)


class _UsageLineError(_CleanError):
    """A usage error said on one ``geomap: error: ...`` line, exit code 2."""

    exit_code = 2


class _Group(click.Group):
    """Click group turning every GeomapError and OSError into a clean one-line error."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GeomapError as exc:
            raise _CleanError(str(exc)) from exc
        except OSError as exc:
            name = f"{exc.filename}: " if exc.filename else ""
            raise _CleanError(f"{name}{exc.strerror or exc}") from exc


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
@click.option("-v", "--verbose", count=True, help="More output: -v stage summaries, -vv debug.")
@click.option("-q", "--quiet", count=True, help="Less output (errors only).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy model package.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Cache folder [default: $GEOMAP_CACHE_DIR or ~/.cache/geomap].",
)
@click.option(
    "--online/--offline",
    default=False,
    show_default=True,
    help="Ask an online geocoder (geopy) for names the gazetteer lacks; answers are cached.",
)
@click.pass_context
def cli(
    ctx: click.Context,
    verbose: int,
    quiet: int,
    model: str,
    cache_dir: Path | None,
    online: bool,
) -> None:
    """geomap: turn war reporting into a map."""
    level = logging.WARNING + 10 * quiet - 10 * verbose
    root = logging.getLogger("geomap")
    saved = (root.handlers[:], root.level, root.propagate)
    root.handlers = [_OneLineHandler()]
    root.setLevel(max(logging.DEBUG, min(logging.CRITICAL, level)))
    root.propagate = False

    def restore() -> None:  # leave the host process's logging as it was (embedding, tests)
        root.handlers, root.propagate = saved[0], saved[2]
        root.setLevel(saved[1])

    ctx.call_on_close(restore)
    settings = Settings(model=model, online=online)
    if cache_dir is not None:
        settings = replace(settings, cache_dir=cache_dir)
    ctx.obj = settings


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("maps"),
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--self-contained/--cdn",
    default=True,
    show_default=True,
    help="Inline scripts and styles so the map works offline.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["geojson", "gpkg", "csv"]),
    default=("geojson", "gpkg", "csv"),
    show_default=True,
    help="Export formats (repeat the option).",
)
@click.option(
    "--scheduler",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where per-article work runs: this machine, or dask.distributed "
    "($DASK_SCHEDULER_ADDRESS, else a local cluster of --workers processes).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes for parsing and geocoding.",
)
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    default=False,
    help="Re-process every article (do not read or write the per-article cache).",
)
@click.option(
    "--report",
    "report",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a CSV with one line per input: what became of it (events, places "
    "but no event, no place, merged, error).",
)
@click.option(
    "--overlay",
    "overlays",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your own layer on the map: a GeoJSON, GeoPackage or KML file (repeat the option). "
    "Features with a date property follow the map's time control.",
)
@click.option(
    "--events",
    "events",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Events from elsewhere drawn beside yours, a layer per file under the same time "
    "control: an ACLED export (CSV) or a geomap export (repeat the option). Not exported.",
)
@_ingest_options
@click.pass_context
def build(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    out_dir: Path,
    self_contained: bool,
    formats: tuple[str, ...],
    scheduler: str,
    workers: int,
    no_cache: bool,
    report: Path | None,
    overlays: tuple[Path, ...],
    events: tuple[Path, ...],
    text_column: str | None,
    date_column: str | None,
    keep_text: Path | None,
) -> None:
    """Build OUT/conflict_map.html and OUT/events.* from article folders or files."""
    from geomap.pipeline import BuildOptions, run_pipeline

    _refuse_outputs_inside_inputs(inputs, out=out_dir, keep_text=keep_text)
    options = BuildOptions(
        self_contained=self_contained,
        formats=tuple(formats),
        cache=not no_cache,
        workers=workers,
        scheduler=scheduler,
        report=report,
        overlays=tuple(overlays),
        events=tuple(events),
    )
    summary = run_pipeline(
        inputs,
        out_dir,
        settings=_settings(ctx),
        options=options,
        ingest=_ingest(text_column, date_column, keep_text),
    )
    for kind, path in sorted(summary.outputs.items()):
        click.echo(f"wrote {kind}: {path}")
    for name, n in summary.drawn.items():
        click.echo(f"drew {n} events of {name} beside the run's own (not exported)")
    click.echo(summary.line())
    if summary.errors:
        ctx.exit(EXIT_PARTIAL)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "table"]),
    default="jsonl",
    show_default=True,
)
@click.option("--all-roles/--literal-only", default=True, show_default=True)
@_ingest_options
@click.pass_context
def places(
    ctx: click.Context,
    inputs: tuple[Path, ...],
    fmt: str,
    all_roles: bool,
    text_column: str | None,
    date_column: str | None,
    keep_text: Path | None,
) -> None:
    """Print every place mention found in INPUTS (one JSON object per line)."""
    from geomap.pipeline import analyse

    _refuse_outputs_inside_inputs(inputs, keep_text=keep_text)

    errors: list[str] = []
    try:
        _, resolved = analyse(
            inputs,
            settings=_settings(ctx),
            on_error=lambda e: errors.append(str(e)),
            ingest=_ingest(text_column, date_column, keep_text),
        )
    except GeomapError:
        for e in errors:  # each bad input on its line before the closing error
            click.echo(f"geomap: error: {e}", err=True)
        raise
    for r in resolved:
        if not all_roles and r.mention.role != "literal":
            continue
        rec = place_record(r)
        if fmt == "jsonl":
            click.echo(json.dumps(rec, ensure_ascii=False))
        else:
            where = f"{rec['lat']:.4f},{rec['lon']:.4f}" if rec["lat"] is not None else "-"
            click.echo(
                f"{rec['article']}\t{rec['start']}-{rec['end']}\t{rec['text']}\t{rec['role']}"
                f"\t{rec['level'] or '-'}\t{rec['country'] or '-'}\t{where}"
            )
    for e in errors:
        click.echo(f"geomap: error: {e}", err=True)
    if errors:
        ctx.exit(EXIT_PARTIAL)


def place_record(r: Any) -> dict[str, Any]:
    """The public JSON record of one resolved mention (``geomap places``)."""
    m = r.mention
    en = r.entry
    runner = r.runner_up
    return {
        "article": m.article_id,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "name": m.name,
        "role": m.role,
        "lat": None if en is None else en.lat,
        "lon": None if en is None else en.lon,
        "geonameid": None if en is None or en.geonameid < 0 else en.geonameid,
        "gazetteer_id": None if en is None else en.geonameid,
        "resolved_name": None if en is None else en.name,
        "country": None if en is None else en.country_code,
        "admin1": None if en is None else en.admin1_name,
        "level": r.level,
        "geo_precision": r.geo_precision if en is not None else None,
        "score": r.score,
        "method": r.method,
        "reason": r.reason,
        "runner_up": None
        if runner is None
        else {
            "name": runner.entry.name,
            "country": runner.entry.country_code,
            "geonameid": runner.entry.geonameid,
            "score": runner.score,
        },
        "signals": list(m.signals),
        "feature": m.feature,
        "ambiguous": r.ambiguous,
        "alternatives": [
            {
                "name": a.name,
                "admin1": a.admin1_name,
                "country": a.country_code,
                "geonameid": a.geonameid,
                "lat": a.lat,
                "lon": a.lon,
                "prior": p,
            }
            for a, p in zip(r.namesakes, r.priors, strict=True)
        ],
    }


@cli.command()
@click.argument("name")
@click.option("--country", default=None, help="ISO 3166-1 alpha-2 code to restrict to.")
@click.option("--limit", default=10, show_default=True)
@click.pass_context
def geocode(ctx: click.Context, name: str, country: str | None, limit: int) -> None:
    """Look NAME up in the gazetteer and print the candidates as JSON Lines."""
    from geomap.gazetteer import load_gazetteer

    settings = _settings(ctx)
    with load_gazetteer(settings, progress=settings.progress) as gaz:
        entries = gaz.lookup(name, country=country.upper() if country else None, limit=limit)
        if not entries and settings.online:
            found = gaz.lookup_online(name, country=country)
            entries = [found] if found is not None else []
    if not entries:
        msg = f"{name!r}: no gazetteer entry" + (f" in {country.upper()}" if country else "")
        raise GeomapError(msg)
    for en in entries:
        click.echo(
            json.dumps(
                {
                    "geonameid": en.geonameid,
                    "name": en.name,
                    "lat": en.lat,
                    "lon": en.lon,
                    "country": en.country_code,
                    "admin1": en.admin1_name,
                    "level": en.level,
                    "feature_code": en.feature_code,
                    "population": en.population,
                    "source": en.source,
                    "point_source": en.point_source,
                },
                ensure_ascii=False,
            )
        )


def _attach_optional_commands() -> None:
    from geomap.cli.compare import compare
    from geomap.cli.evaluate import eval_command
    from geomap.cli.gazetteer import gazetteer

    cli.add_command(gazetteer)
    cli.add_command(eval_command)
    cli.add_command(compare)


_attach_optional_commands()


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM: unwind like Ctrl-C (staged outputs removed, the old set kept), exit 130."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: clean one-line errors, no tracebacks."""
    import signal

    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminate)
    try:
        # with standalone_mode=False, click returns the code given to ctx.exit(n) instead of
        # raising; dropping it would turn a partial run (3) into a success
        code = cli.main(args=argv, prog_name="geomap", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.Abort as exc:
        # click turns Ctrl-C into Abort (from KeyboardInterrupt): that is still an interrupt
        if isinstance(exc.__cause__, KeyboardInterrupt):
            click.echo("geomap: interrupted", err=True)
            sys.exit(130)
        click.echo("geomap: aborted", err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        click.echo("geomap: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
