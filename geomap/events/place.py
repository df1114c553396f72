"""Stage 4 helper (events): a resolved place as the coder reads it in a sentence."""

from __future__ import annotations

from dataclasses import dataclass

from geomap.types import GazetteerEntry, PlaceMention, ResolvedPlace

__all__ = ["Place"]


@dataclass(slots=True)
class Place:
    """A literal, resolved place of the sentence being coded.

    ``head`` is the index of the token heading its mention; ``hit`` the trigger token it
    hangs from (-1: none yet), ``dist`` the tree distance to it and ``prep`` the
    preposition on the way ("in", "near" ...).
    """

    resolved: ResolvedPlace
    head: int
    prep: str = ""
    hit: int = -1
    dist: int = 99

    @property
    def entry(self) -> GazetteerEntry:
        """The gazetteer entry (a coder's place is always resolved)."""
        assert self.resolved.entry is not None
        return self.resolved.entry

    @property
    def mention(self) -> PlaceMention:
        """The place's mention in the text."""
        return self.resolved.mention
