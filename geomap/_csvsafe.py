"""Export helper: CSV cells a spreadsheet shows as text and never runs as a formula.

Every CSV geomap writes (``events.csv``, the ``manifest.csv`` of ``--keep-text``) passes
its text cells through :func:`neutralise_cell`, and the readers of those files through
:func:`restore_cell`, so the round trip gives back the original values.
"""

from __future__ import annotations

__all__ = ["FORMULA_STARTS", "neutralise_cell", "restore_cell"]

#: First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def neutralise_cell(value: str) -> str:
    """Return a text cell a spreadsheet will show as text, never run as a formula.

    A cell starting with one of :data:`FORMULA_STARTS` gets a single quote in front
    (Excel and LibreOffice hide it and show the text); so does one starting with a quote
    followed by one of those or by another quote, so :func:`restore_cell` is its exact
    inverse.
    """
    if value.startswith(FORMULA_STARTS) or (
        value.startswith(_QUOTE) and value[1:2] in (*FORMULA_STARTS, _QUOTE)
    ):
        return _QUOTE + value
    return value


def restore_cell(value: str) -> str:
    """Undo :func:`neutralise_cell` (a cell read back from a CSV geomap wrote)."""
    if value.startswith(_QUOTE) and value[1:2] in (*FORMULA_STARTS, _QUOTE):
        return value[1:]
    return value
