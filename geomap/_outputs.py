"""Pipeline glue: a build's outputs written as one set, and never inside its inputs.

:func:`output_set` is where ``geomap build`` writes its map and exports:

1. it takes an exclusive lock on the output folder (``flock`` on the folder itself, so
   nothing is added to it): a second build into the same folder waits for the first to
   finish writing, then writes its own complete set;
2. it removes what an interrupted write left there: unfinished staging folders
   (``.geomap-new-*``) and the writers' own temporary folders (``.events.gpkg.*``); a
   staging folder that was complete (``.geomap-swap-*``, see 4.) is swapped in first;
3. the caller writes every file into a fresh staging folder inside the output folder;
4. :meth:`OutputSet.commit` renames the finished staging folder to ``.geomap-swap-*``
   (from then on the set counts as written), then moves each file over its old version
   with ``os.replace``, with SIGINT and SIGTERM held back for those few renames, and
   removes the staging folder.

An interrupted build (Ctrl-C, SIGTERM, a crash, a full disk) therefore leaves the old set
or, once the swap has begun, the new one; even a SIGKILL in the middle of the renames
is completed by the next build. Files of formats not written this time are left as they
were. :func:`refuse_outputs_inside_inputs` refuses an output or ``--keep-text`` folder
equal to or inside an input folder (the next build would read its own outputs as articles).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from geomap._errors import GeomapError

__all__ = ["OutputSet", "OutputsInsideInputsError", "output_set", "refuse_outputs_inside_inputs"]

log = logging.getLogger(__name__)

_NEW = ".geomap-new-"
_SWAP = ".geomap-swap-"


class OutputsInsideInputsError(GeomapError):
    """An output folder equal to or inside an input folder (a usage error)."""


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def refuse_outputs_inside_inputs(
    inputs: Iterable[str | os.PathLike[str]], **outputs: Path | str | None
) -> None:
    """Raise when an output folder is an input folder or inside one.

    Parameters
    ----------
    inputs
        The run's inputs (files are not checked, only folders).
    **outputs
        Option name -> folder (None: not given), e.g. ``out=..., keep_text=...``.

    Raises
    ------
    OutputsInsideInputsError
        ``--keep-text texts/ is inside the input folder texts/ ...``, one line.
    """
    folders = [Path(p).resolve() for p in inputs if Path(p).is_dir()]
    for option, target in outputs.items():
        if target is None:
            continue
        where = Path(target).resolve()
        for folder in folders:
            if _inside(where, folder):
                flag = "-o" if option == "out" else f"--{option.replace('_', '-')}"
                msg = (
                    f"{flag} {target} is {'the' if where == folder else 'inside the'} input "
                    f"folder {folder}: the next build would read it as articles; choose a "
                    "folder outside the inputs"
                )
                raise OutputsInsideInputsError(msg)


@dataclass
class OutputSet:
    """A staging folder whose files :meth:`commit` moves into ``folder`` together."""

    folder: Path
    staging: Path
    committed: dict[str, Path] = field(default_factory=dict)

    def commit(self, written: Mapping[str, Path]) -> dict[str, Path]:
        """Move every staged file into the output folder; return kind -> final path.

        Parameters
        ----------
        written
            Kind (``csv``, ``html``, ...) -> file written inside :attr:`staging`.
        """
        for path in written.values():
            if path.parent != self.staging:
                msg = f"{path} was not written in the staging folder {self.staging}"
                raise GeomapError(msg)
        swap = self.staging.with_name(_SWAP + self.staging.name.removeprefix(_NEW))
        with _signals_held():
            self.staging.replace(swap)  # from here on the new set counts as written
            self.staging = swap
            _swap_in(swap, self.folder)
        self.committed = {kind: self.folder / p.name for kind, p in written.items()}
        return dict(self.committed)


def _swap_in(swap: Path, folder: Path) -> None:
    """Move the files of a complete staging folder over their old versions, then drop it."""
    for item in sorted(swap.iterdir()):
        if item.is_file():
            item.replace(folder / item.name)
    shutil.rmtree(swap, ignore_errors=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for a few renames (delivered right after)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # no sigmask here (Windows)
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _lock(folder: Path) -> int:
    """Take the exclusive lock of ``folder`` (waiting for another build); return its fd."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock (Windows): no cross-build lock
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        log.warning("%s: another geomap build is writing here; waiting for it", folder)
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError as exc:  # a file system without locks (some network mounts)
        log.warning(
            "%s: cannot lock the folder (%s); builds into it are not kept apart", folder, exc
        )
    return fd


def _clean_leftovers(folder: Path, names: Iterable[str]) -> None:
    """Finish or remove what an interrupted write left in ``folder`` (under the lock)."""
    temp_prefixes = tuple(f".{name}." for name in names)
    for entry in sorted(folder.iterdir()):
        if not entry.is_dir() or entry.is_symlink():
            continue
        if entry.name.startswith(_SWAP):
            log.warning("%s: completing an output set an interrupted build left", folder)
            _swap_in(entry, folder)
        elif entry.name.startswith(_NEW) or entry.name.startswith(temp_prefixes):
            log.info("%s: removing %s, left by an interrupted build", folder, entry.name)
            shutil.rmtree(entry, ignore_errors=True)


@contextlib.contextmanager
def output_set(folder: str | os.PathLike[str], *, names: Iterable[str]) -> Iterator[OutputSet]:
    """Lock ``folder``, clean what an interrupted build left, and stage a new set of outputs.

    Parameters
    ----------
    folder
        The output folder (created if missing).
    names
        File names this kind of build writes (their writers' leftovers are cleaned).

    Yields
    ------
    OutputSet
        Write into ``.staging``, then call :meth:`OutputSet.commit`; without a commit
        (an error, an interrupt) the staging folder is removed and the old set stays.

    Raises
    ------
    GeomapError
        When the folder cannot be created, locked or written.
    """
    out = Path(folder)
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = _lock(out)
    except OSError as exc:
        msg = f"{out}: cannot create or lock output folder ({exc.strerror or exc})"
        raise GeomapError(msg) from exc
    staging: Path | None = None
    try:
        _clean_leftovers(out, names)
        staging = Path(tempfile.mkdtemp(prefix=_NEW, dir=out))
        outputs = OutputSet(out, staging)
        yield outputs
        staging = outputs.staging
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        os.close(fd)  # releases the lock
