"""Ingest stage: Telegram Desktop channel exports (``result.json``), one article per message.

Telegram Desktop's "Export chat history" (JSON) writes ``{"name", "type", "id",
"messages": [...]}``; a whole-account export nests such chats under
``chats.list``. Each message with text becomes an article: the text joined from
its entities (bold, links, mentions ... as they read), the message's own date
(as written in the export, the exporter's local time), ``https://t.me/<channel>/<id>``
as URL (the username from the export, else the one most of the channel's own
messages sign with, ``@name`` or ``t.me/name``; else ``t.me/c/<channel id>/<id>``),
the channel's name as source, or for a forwarded message the channel it was
forwarded from. Service messages (pins, joins) and
messages without text (a photo with no caption) are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from geomap._errors import InputError
from geomap.ingest.boilerplate import find_boilerplate
from geomap.ingest.common import (
    DEFAULT_MAX_FILE_BYTES,
    clip,
    decode_text,
    loads_json,
    normalise_newlines,
    parse_date,
    read_bytes,
    show,
)
from geomap.types import Article

__all__ = ["TELEGRAM_SUFFIXES", "NotTelegramExportError", "message_text", "read_telegram_export"]


class NotTelegramExportError(InputError):
    """Valid JSON with no Telegram message list: a folder's other JSON files (gold, config)."""


logger = logging.getLogger(__name__)

#: File suffixes read as Telegram exports.
TELEGRAM_SUFFIXES = frozenset({".json"})
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,}")
_SELF_LINK = re.compile(r"(?:https?://)?(?:t|telegram)\.me/([A-Za-z][A-Za-z0-9_]{3,})/?(?:\d+)?/?$")
_NOT_CHANNELS = frozenset({"joinchat", "addstickers", "share", "proxy", "socks", "addlist"})
#: A channel's own username is inferred when its messages are signed with it this often.
_SIGNED_SHARE = 0.5
_SIGNED_MIN = 3


def message_text(message: dict[str, Any]) -> str:
    """Return a message's text as it reads, joined from its entities.

    Parameters
    ----------
    message
        One element of an export's ``messages``: ``text_entities`` (a list of
        ``{"type", "text"}``) or ``text`` (a string, or a list of strings and
        entity objects).

    Returns
    -------
    str
        The text, newlines normalised; empty when the message has none.
    """
    parts = message.get("text_entities")
    if not isinstance(parts, list):
        parts = message.get("text")
    if isinstance(parts, str):
        return normalise_newlines(parts)
    if not isinstance(parts, list):
        return ""
    pieces = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, dict) and isinstance(part.get("text"), str):
            pieces.append(part["text"])
    return normalise_newlines("".join(pieces))


def _chats(data: object) -> Iterator[dict[str, Any]]:
    """Yield the chats of an export: the file itself, or ``chats.list`` of an account export."""
    if not isinstance(data, dict):
        return
    if isinstance(data.get("messages"), list):
        yield data
    for key in ("chats", "left_chats"):
        group = data.get(key)
        chats = group.get("list") if isinstance(group, dict) else None
        if isinstance(chats, list):
            yield from (
                c for c in chats if isinstance(c, dict) and isinstance(c.get("messages"), list)
            )


def _message_date(message: dict[str, Any]) -> dt.date | None:
    raw = message.get("date")
    if isinstance(raw, str):
        try:
            return parse_date(raw)
        except ValueError:
            pass
    stamp = message.get("date_unixtime")
    try:
        return dt.datetime.fromtimestamp(int(str(stamp)), tz=dt.UTC).date()
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _linked_usernames(message: dict[str, Any]) -> set[str]:
    """Usernames a message mentions or links to (``@name``, ``t.me/name``)."""
    found: set[str] = set()
    entities = message.get("text_entities")
    for entity in entities if isinstance(entities, list) else []:
        if not isinstance(entity, dict):
            continue
        kind, text = entity.get("type"), str(entity.get("text", ""))
        target = str(entity.get("href", "")) if kind == "text_link" else text
        if kind == "mention" and _USERNAME.fullmatch(text.lstrip("@")):
            found.add(text.lstrip("@").lower())
        elif kind in {"link", "text_link"}:
            m = _SELF_LINK.match(target.strip())
            if m and m.group(1).lower() not in _NOT_CHANNELS:
                found.add(m.group(1).lower())
    return found


def _signature(chat: dict[str, Any]) -> str | None:
    """The username most of a channel's own messages sign with (``@name``, ``t.me/name``)."""
    counts: dict[str, int] = {}
    own = 0
    for message in chat["messages"]:
        if not isinstance(message, dict) or message.get("forwarded_from"):
            continue
        if message.get("type", "message") != "message" or not message_text(message).strip():
            continue
        own += 1
        for name in _linked_usernames(message):
            counts[name] = counts.get(name, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= max(_SIGNED_MIN, _SIGNED_SHARE * own) else None


def _channel_ref(chat: dict[str, Any], fallback: str) -> tuple[str, str]:
    """Return (id prefix, URL prefix) for a chat's messages."""
    username = chat.get("username") or _signature(chat)
    if isinstance(username, str) and _USERNAME.fullmatch(username.lstrip("@")):
        name = username.lstrip("@")
        return name, f"https://t.me/{name}/"
    chat_id = chat.get("id")
    if isinstance(chat_id, int) and not isinstance(chat_id, bool):
        return str(chat_id), f"https://t.me/c/{chat_id}/"
    return fallback, ""


def _chat_articles(chat: dict[str, Any], *, path: Path, name: str) -> tuple[list[Article], int]:
    channel = str(chat.get("name") or "").strip()
    prefix, url_prefix = _channel_ref(chat, path.stem)
    articles: list[Article] = []
    skipped = 0
    for message in chat["messages"]:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        text = message_text(message)
        msg_id = message.get("id")
        if not text.strip() or not isinstance(msg_id, int | str):
            skipped += 1
            continue
        forwarded = message.get("forwarded_from")
        source = forwarded.strip() if isinstance(forwarded, str) and forwarded.strip() else ""
        articles.append(
            Article(
                id=f"{prefix}-{msg_id}",
                text=text,
                published=_message_date(message),
                source=source or channel or str(message.get("from") or "").strip(),
                url=f"{url_prefix}{msg_id}" if url_prefix else "",
                title="",
                path=str(path),
                skip_spans=find_boilerplate(text),
            )
        )
    if skipped:
        logger.debug("%s: %d messages without text skipped in %r", name, skipped, channel)
    return articles, skipped


def read_telegram_export(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> list[Article]:
    """Read a Telegram Desktop JSON export (``result.json``): one article per message with text.

    Parameters
    ----------
    path
        The export file (a channel or chat, or a whole-account export).
    max_bytes
        Larger files are refused.

    Returns
    -------
    list of Article
        In export order; ids ``<channel username or id>-<message id>``.

    Raises
    ------
    InputError
        If the file cannot be read, is not JSON, is not a Telegram export, or
        has no message with text.
    """
    path = Path(path)
    name = show(path)
    text = decode_text(read_bytes(path, max_bytes=max_bytes), name=name)
    try:
        data = loads_json(text, where=name)
    except json.JSONDecodeError as exc:
        msg = f"{name}: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        raise InputError(msg) from exc
    chats = list(_chats(data))
    if not chats:
        keys = ",".join(map(str, data)) if isinstance(data, dict) else type(data).__name__
        msg = (
            f"{name}: not a Telegram export (no 'messages' list; top level: {clip(keys)}); "
            f"export the channel from Telegram Desktop as JSON"
        )
        raise NotTelegramExportError(msg)
    articles: list[Article] = []
    total = 0
    for chat in chats:
        found, skipped = _chat_articles(chat, path=path, name=name)
        articles.extend(found)
        total += len(found) + skipped
    if not articles:
        msg = f"{name}: no message with text in the export ({total} messages)"
        raise InputError(msg)
    return articles
