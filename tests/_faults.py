"""Test-only fault injection: make one per-article stage raise on articles carrying a marker.

In this process a test calls :func:`install` with ``monkeypatch.setattr``. Worker
processes (``--workers 2`` spawns fresh interpreters) get the same fault from the
``sitecustomize.py`` that :func:`sitecustomize_dir` writes: put that folder first on
``PYTHONPATH`` with ``$GEOMAP_TEST_FAULT`` set to ``STAGE:MARKER`` and every Python
process of the run, the console script and its workers, installs the fault at start-up.
Nothing in ``geomap`` knows about it: the fault goes in through the stages' own module
attributes, the seams the pipeline calls them through.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: Stage name -> (module, attribute) replaced by a version that raises on marked articles.
STAGES = {
    "parse": ("geomap.places", "parse_articles"),
    "geocode": ("geomap.geocode", "geocode_mentions"),
    "events": ("geomap.events", "ArticleCoder"),
}
#: The message of the injected exception (tests look for it in the error line).
MESSAGE = "fault injected by the test"


class InjectedFaultError(RuntimeError):
    """The exception a faulty stage raises."""


def _texts(stage: str, args: tuple[Any, ...]) -> list[str]:
    first = args[0]
    if stage == "parse":
        return [a.text for a in first]
    if stage == "geocode":
        return [pa.article.text for pa in first]
    return [first.article.text]


def install(stage: str, marker: str, setattr_: Callable[[Any, str, Any], None]) -> None:
    """Make ``stage`` raise :class:`InjectedFaultError` whenever its input holds ``marker``."""
    import importlib

    mod_name, attr = STAGES[stage]
    module = importlib.import_module(mod_name)
    real = getattr(module, attr)

    if stage == "events":

        class Faulty(real):  # type: ignore[misc, valid-type]
            def __init__(self, pa: Any, *args: Any, **kwargs: Any) -> None:
                if marker in pa.article.text:
                    raise InjectedFaultError(MESSAGE)
                super().__init__(pa, *args, **kwargs)

        setattr_(module, attr, Faulty)
        return

    def faulty(*args: Any, **kwargs: Any) -> Any:
        if any(marker in t for t in _texts(stage, args)):
            raise InjectedFaultError(MESSAGE)
        return real(*args, **kwargs)

    setattr_(module, attr, faulty)


def install_from_env() -> None:
    """Install the fault named by ``$GEOMAP_TEST_FAULT`` (``STAGE:MARKER``), if set."""
    spec = os.environ.get("GEOMAP_TEST_FAULT", "")
    if spec:
        stage, _, marker = spec.partition(":")
        install(stage, marker, setattr)


def sitecustomize_dir(tmp: Path) -> Path:
    """Write a ``sitecustomize.py`` that calls :func:`install_from_env`; return its folder."""
    folder = tmp / "fault-site"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(
        "from tests._faults import install_from_env\n\ninstall_from_env()\n", encoding="utf-8"
    )
    return folder
