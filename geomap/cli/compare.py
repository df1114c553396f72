"""Compare CLI: ``geomap compare A B`` lists the events found by one table and not the other.

A and B are geomap exports (GeoJSON, GeoPackage, CSV) or ACLED exports (CSV), read by
:func:`geomap.acled.read_any_events` and paired by :func:`geomap.acled.compare_events`.
Exit codes as for every command: 0 compared (whatever the differences), 1 a file that
cannot be read as events, 2 a usage error.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    import geopandas

    from geomap.acled import Comparison

__all__ = ["compare"]

#: Characters that could move the terminal's cursor or colour its text.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
#: The columns of ``--out``.
OUT_COLUMNS = (
    "status",
    "event_id",
    "partner",
    "km",
    "days",
    "event_date",
    "event_type",
    "sub_event_type",
    "location",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "fatalities",
)


def _plain(value: Any) -> str:
    """A value as one line of terminal-safe text ("" for a missing value)."""
    if value is None or (isinstance(value, float) and value != value):  # NaN
        return ""
    text = str(value)
    return "" if text in {"<NA>", "nan"} else _CONTROL.sub(" ", text)


def _line(eid: str, row: Any) -> str:
    where = ", ".join(v for v in (_plain(row["location"]), _plain(row["country"])) if v)
    return "\t".join(
        [_plain(eid), _plain(row["event_date"]) or "undated", _plain(row["event_type"]), where]
    )


def _records(result: Comparison, a: geopandas.GeoDataFrame) -> list[list[str]]:
    """The rows of ``--out``: each pair (as the first table's event), then the unpaired."""
    rows: list[list[str]] = []

    def add(status: str, eid: str, row: Any, pair: tuple[str, str, str] = ("", "", "")) -> None:
        rows.append([status, _plain(eid), *pair, *(_plain(row[c]) for c in OUT_COLUMNS[5:])])

    for p in result.pairs.itertuples(index=False):
        add("both", str(p.a), a.loc[p.a], (str(p.b), f"{p.km:g}", str(p.days)))
    for eid, row in result.only_a.iterrows():
        add("only first", str(eid), row)
    for eid, row in result.only_b.iterrows():
        add("only second", str(eid), row)
    return rows


def _write_out(path: Path, rows: list[list[str]]) -> Path:
    from geomap._atomic import atomic_write
    from geomap._csvsafe import neutralise_cell

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(OUT_COLUMNS)
    writer.writerows([[neutralise_cell(c) for c in r] for r in rows])

    def write(tmp: Path) -> None:
        tmp.write_text(buf.getvalue(), encoding="utf-8")

    return atomic_write(path, write)


@click.command()
@click.argument("first", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("second", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--km",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    help="Two events match when their places are at most this far apart.",
)
@click.option(
    "--days",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="... and their dates at most this many days apart.",
)
@click.option("--same-type", is_flag=True, default=False, help="... and their event types agree.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write a CSV: every event with its status (both, only first, only second), "
    "its partner and how far apart they are.",
)
def compare(
    first: Path, second: Path, km: float, days: int, same_type: bool, out: Path | None
) -> None:
    """List the events of FIRST that SECOND lacks and the other way round.

    FIRST and SECOND are geomap exports (events.geojson/.gpkg/.csv) or ACLED exports (CSV).
    Events pair up when within --km and --days of each other (closest pairs first, each
    event at most once); undated events never pair.
    """
    from geomap.acled import compare_events, read_any_events

    a = read_any_events(first)
    b = read_any_events(second)
    result = compare_events(a, b, km=km, days=days, same_type=same_type)
    for title, table in ((first, result.only_a), (second, result.only_b)):
        click.echo(f"only in {_plain(title)}: {len(table)} events")
        by_date = table.sort_values("event_date", na_position="last", kind="stable")
        for eid, row in by_date.iterrows():
            click.echo(f"  {_line(str(eid), row)}")
    if out is not None:
        click.echo(f"wrote compare: {_write_out(out, _records(result, a))}")
    click.echo(
        f"{len(a)} events in {_plain(first.name)}, {len(b)} in {_plain(second.name)}: "
        f"{len(result.pairs)} matched (within {km:g} km and {days} days"
        f"{', same type' if same_type else ''}), {len(result.only_a)} only in "
        f"{_plain(first.name)}, {len(result.only_b)} only in {_plain(second.name)}"
    )
