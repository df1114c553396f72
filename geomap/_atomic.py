"""Atomic file output shared by the writing stages (render, export).

A file is written under a private temporary folder next to its target, with the
target's own name (GDAL picks drivers by suffix), then moved into place with
``os.replace``: readers see the old file or the new one, never half of one, and a
crash leaves the previous output intact. Files get the ordinary umask-derived mode.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_text"]


def atomic_write(path: str | os.PathLike[str], write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the result onto ``path``.

    Parameters
    ----------
    path
        The target file; its folder is created if missing.
    write
        Writes the complete file at the path it is given.

    Returns
    -------
    Path
        The target path.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmpdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        tmp = tmpdir / target.name
        write(tmp)
        tmp.replace(target)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically."""

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8")

    return atomic_write(path, write)
