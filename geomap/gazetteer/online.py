"""Gazetteer stage helper: the opt-in online geocoder fallback.

Only :meth:`geomap.gazetteer.Gazetteer.lookup_online` calls this, and only when
``settings.online`` is True. Questions go through geopy's ``RateLimiter``
(``settings.online_min_delay_s`` between calls) to Nominatim (with
``settings.online_user_agent``, per its usage policy) or GeoNames' web service;
every answer, misses included, is stored in the cache's ``online`` table so a
name is asked once.
"""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING, Any

from geomap._errors import GazetteerError
from geomap.gazetteer.build import entry_level, stable_id
from geomap.gazetteer.names import normalize_name
from geomap.types import GazetteerEntry

if TYPE_CHECKING:
    from geomap.gazetteer import Gazetteer

__all__ = ["ask_online", "location_to_entry", "make_geocoder"]

logger = logging.getLogger(__name__)

#: Nominatim ``addresstype`` -> our level.
_NOMINATIM_LEVELS = {
    "country": "country",
    "state": "admin1",
    "region": "admin1",
    "province": "admin1",
    "county": "admin2",
    "district": "admin2",
    "municipality": "admin2",
    "city": "city",
    "town": "city",
    "village": "village",
    "hamlet": "village",
    "suburb": "other",
}


def make_geocoder(provider: str, user_agent: str) -> Any:
    """Return a geopy geocoder for ``provider`` ("nominatim" or "geonames").

    Parameters
    ----------
    provider
        ``settings.online_provider``.
    user_agent
        ``settings.online_user_agent`` (Nominatim requires an identifying agent).

    Returns
    -------
    geopy.geocoders.base.Geocoder
        The geocoder. GeoNames needs an account name in ``$GEOMAP_GEONAMES_USERNAME``.

    Raises
    ------
    GazetteerError
        For an unknown provider or a missing GeoNames user name.
    """
    if provider == "nominatim":
        from geopy.geocoders import Nominatim

        return Nominatim(user_agent=user_agent, timeout=10)
    if provider == "geonames":
        from geopy.geocoders import GeoNames

        username = os.environ.get("GEOMAP_GEONAMES_USERNAME", "")
        if not username:
            msg = "online provider 'geonames' needs $GEOMAP_GEONAMES_USERNAME (a GeoNames account)"
            raise GazetteerError(msg)
        return GeoNames(username=username, user_agent=user_agent, timeout=10)
    msg = f"unknown online provider {provider!r}; use 'nominatim' or 'geonames'"
    raise GazetteerError(msg)


def _provider_name(geocoder: Any, default: str) -> str:
    cls = type(geocoder).__name__.lower()
    if cls == "nominatim":
        return "nominatim"
    if cls == "geonames":
        return "geonames"
    return default if cls in ("", "object") else cls


def location_to_entry(location: Any, *, query: str, provider: str) -> GazetteerEntry:
    """Turn a ``geopy.location.Location`` into a gazetteer entry.

    Parameters
    ----------
    location
        The geocoder's answer (``.latitude``, ``.longitude``, ``.address``, ``.raw``).
    query
        The normalised question (keys the stable id).
    provider
        Provider name, stored as the entry's source.

    Returns
    -------
    GazetteerEntry
        GeoNames answers keep their geonameid and feature codes; others get a
        stable negative id and a level from Nominatim's ``addresstype``.
    """
    raw = location.raw if isinstance(getattr(location, "raw", None), dict) else {}
    address = str(getattr(location, "address", "") or "")
    name = str(raw.get("name") or raw.get("toponymName") or address.split(",")[0] or query)
    fcl = str(raw.get("fcl") or "")
    fcode = str(raw.get("fcode") or "")
    population = int(raw.get("population") or 0)
    cc = str(raw.get("countryCode") or "")
    if not cc and isinstance(raw.get("address"), dict):
        cc = str(raw["address"].get("country_code") or "")
    gid_raw = raw.get("geonameId")
    if gid_raw:
        gid = int(gid_raw)
        level = entry_level(fcl, fcode, population)
    else:
        gid = stable_id(provider, query)
        kind = str(raw.get("addresstype") or raw.get("type") or "")
        level = _NOMINATIM_LEVELS.get(kind, "other")
    return GazetteerEntry(
        geonameid=gid,
        name=name,
        latin_name=name,
        lat=float(location.latitude),
        lon=float(location.longitude),
        feature_class=fcl,
        feature_code=fcode,
        country_code=cc.upper(),
        admin1_code=str(raw.get("adminCode1") or ""),
        admin1_name=str(raw.get("adminName1") or ""),
        population=population,
        source=provider,
        point_source=provider,
        level=level,
    )


def ask_online(
    gaz: Gazetteer, name: str, *, country: str | None, geocoder: Any
) -> GazetteerEntry | None:
    """Answer ``name`` from the stored online answers, asking the geocoder once.

    Parameters
    ----------
    gaz
        The open gazetteer (its ``online`` table and settings).
    name
        Place name.
    country
        Optional ISO country code restricting the search.
    geocoder
        A geopy-compatible geocoder, or None for the configured provider.

    Returns
    -------
    GazetteerEntry or None
        The answer, or None when the provider knows no such place.
    """
    from geomap.gazetteer import entry_from_json

    settings = gaz.settings
    key = normalize_name(name)
    cc = (country or "").upper()
    if not key:
        return None
    if geocoder is None:
        if gaz._geocoder is None:
            gaz._geocoder = make_geocoder(settings.online_provider, settings.online_user_agent)
        geocoder = gaz._geocoder
    provider = _provider_name(geocoder, settings.online_provider)
    stored = gaz._online_get(key, cc, provider)
    if stored is not None:
        found, payload = stored
        return entry_from_json(payload) if found and payload else None

    from geopy.extra.rate_limiter import RateLimiter

    kwargs: dict[str, Any] = {"exactly_one": True}
    if cc and provider == "nominatim":
        kwargs["country_codes"] = cc.lower()
        kwargs["addressdetails"] = True
    elif cc and provider == "geonames":
        kwargs["country"] = cc
    limited = RateLimiter(
        geocoder.geocode,
        min_delay_seconds=settings.online_min_delay_s,
        max_retries=1,
        error_wait_seconds=max(settings.online_min_delay_s, 1.0),
        swallow_exceptions=False,
    )
    try:
        location = limited(name, **kwargs)
    except Exception as exc:  # noqa: BLE001 - geopy raises many error types; not cached
        logger.warning("online geocoder %s failed for %r: %s", provider, name, exc)
        return None
    entry = None
    if location is not None:
        entry = location_to_entry(location, query=key, provider=provider)
        if cc and entry.country_code and entry.country_code != cc:
            entry = None
    gaz._online_put(key, cc, provider, entry)
    logger.info("online %s: %r -> %s", provider, name, "miss" if entry is None else entry.name)
    return entry
