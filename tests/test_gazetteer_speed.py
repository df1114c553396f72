"""Speed mechanisms of the gazetteer reader: same answers as the slow paths (issue 36)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

import geomap.gazetteer as gazetteer_module
from geomap.gazetteer import integrity
from geomap.gazetteer.integrity import record_checksum, stale_reason_once


def test_the_settlement_key_probe_answers_as_the_set(
    gazetteer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Name by name from the index, then from the set: always what settlement_keys says."""
    theatre = ("ru", "UA", "FR")
    keys = gazetteer.settlement_keys(theatre)
    con = sqlite3.connect(gazetteer.path)
    every = [r[0] for r in con.execute("SELECT name_norm FROM name_index")]
    con.close()
    asked = random.Random(7).sample(every, 1500)
    asked += ["kramatorsk", "kharkov", "marseille", "the", "kharkiv oblast", "Kramatorsk", ""]
    monkeypatch.setattr(gazetteer_module, "_PROBES", 500)
    probe = gazetteer_module.SettlementKeys(gazetteer, ("FR", "RU", "UA"))
    answers = [name in probe for name in asked]  # 500 looked up, then the set
    assert probe._keys is not None
    assert answers == [name in keys for name in asked]
    assert sum(answers) > 100
    # the gazetteer keeps one probe per country set, case aside
    assert gazetteer.settlement_key_probe(theatre) is gazetteer.settlement_key_probe(
        ("UA", "FR", "RU")
    )
    assert "kramatorsk" in gazetteer.settlement_key_probe(("UA",))
    assert "kramatorsk" not in gazetteer.settlement_key_probe(("FR",))


def _tiny_cache(path: Path) -> dict[str, str]:
    con = sqlite3.connect(path)
    con.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE entries (id INTEGER PRIMARY KEY);"
        "CREATE TABLE name_index (name_norm TEXT PRIMARY KEY);"
        "INSERT INTO entries VALUES (1), (2);"
        "INSERT INTO name_index VALUES ('a');"
        "INSERT INTO meta VALUES ('builder_version', 'x'), ('n_entries', '2'),"
        " ('n_name_keys', '1');"
    )
    con.commit()
    con.close()
    record_checksum(path)
    return {"builder_version": "x"}


def test_an_open_checks_a_cache_once_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gazetteer.sqlite"
    expected = _tiny_cache(path)
    assert stale_reason_once(path, expected) is None

    def no_second_check(*_: object, **__: object) -> str:
        raise AssertionError

    with monkeypatch.context() as m:  # found good, unchanged: not checked again
        m.setattr(integrity, "stale_reason", no_second_check)
        assert stale_reason_once(path, expected) is None
    # another build record expected, or the file written since: checked again
    assert stale_reason_once(path, {"builder_version": "y"}) is not None
    with path.open("ab") as fh:
        fh.write(b"\0" * 100)
    assert stale_reason_once(path, expected) is not None
