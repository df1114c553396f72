"""Stage 2 helper (places): the words of a short report and what surrounds a name.

The word-level reading the gazetteer-anchored pass (:mod:`geomap.places.anchored`) and
the recogniser share: words with their spans (:func:`words_of`), the facility or
organisation named around a name (:func:`feature_after`, :func:`feature_before`), names
that designate a unit, a weapon or a model rather than a place (:func:`is_designation`),
and a report's first line, where a name set apart by a comma, a colon or a dash, or
alone on its line, is where the report happened (:func:`set_apart`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.places.lexicon import (
    CARDINALS,
    DESIGNATION_WORDS,
    FACILITY_DESCRIPTORS,
    FACILITY_WORDS,
    ORGANISATION_WORDS,
    VESSEL_NOUNS,
    WEAPON_NAMES,
    WEAPON_NOUNS,
)

__all__ = [
    "ABBREVIATED",
    "POSSESSIVE_AFTER",
    "STOP_WORDS",
    "Word",
    "feature_after",
    "feature_before",
    "first_line_end",
    "is_designation",
    "label_placed",
    "on_first_line",
    "opens_line",
    "set_apart",
    "text_between",
    "vessel_names",
    "words_of",
]

#: Words the pass never reads as a place, whatever the gazetteer says.
STOP_WORDS = frozenset(
    {
        "the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "by", "for",
        "with", "from", "after", "before", "as", "is", "was", "are", "were", "be", "this",
        "that", "these", "those", "it", "its", "his", "her", "their", "our", "we", "they",
        "he", "she", "you", "i", "not", "no", "yes", "all", "some", "more", "most",
        "russian", "ukrainian", "russia", "ukraine", "video", "image", "images", "photo",
        "footage", "fire", "smoke", "strike", "strikes", "damage", "destruction",
    }
) | CARDINALS  # fmt: skip
#: Abbreviated descriptors a facility name goes on after ("X Int. Airport").
ABBREVIATED = frozenset({"int", "intl", "nat", "natl", "reg", "st", "mil", "obl"})
#: A word: letters with inner apostrophes and hyphens ("Ta'izz", "Rostov-on-Don"); a
#: trailing possessive ("X's", "X’s") is matched but left out of the word (group 1).
_WORD_RE = re.compile(r"(#?[^\W\d_]+(?:['’ʼ`-](?![sS]\b)[^\W\d_]+)*)(?:['’][sS]\b)?")


#: A possessive right after a name: "X's power station" belongs to a place X.
POSSESSIVE_AFTER = re.compile(r"['’][sS]\b")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text: its character span, surface and folded form."""

    start: int
    end: int
    text: str
    low: str

    @property
    def cap(self) -> bool:
        """Whether the word starts with a capital (after a hashtag)."""
        return self.text.lstrip("#")[:1].isupper()


@functools.lru_cache(maxsize=64)
def words_of(text: str) -> tuple[Word, ...]:
    """Split ``text`` into words (letters, inner apostrophes and hyphens, a leading ``#``;
    a possessive "'s" is no part of the word).

    Kept for the last texts split: every mention of a sentence splits it again.
    """
    found = [(m.span(1), m.group(1)) for m in _WORD_RE.finditer(text)]
    return tuple(Word(s, e, w, w.lstrip("#").lower()) for (s, e), w in found)


def text_between(text: str, a: Word, b: Word) -> str:
    return text[a.end : b.start]


def feature_after(text: str, words: Sequence[Word], k: int) -> tuple[str, str, int] | None:
    """The facility or organisation named from word ``k`` on, if any.

    Returns ``(kind, phrase, end)`` with ``kind`` "facility" or "organisation", the
    phrase's words (at most four, joined only by spaces or hyphens) and its end offset.
    """
    phrase: list[Word] = []
    for j in range(k, min(len(words), k + 4)):
        w = words[j]
        gap = text_between(text, phrase[-1], w).strip(" -") if phrase else ""
        if gap and not (gap == "." and phrase[-1].low in ABBREVIATED) and gap not in {"'s", "’s"}:
            break  # "X Int. Airport" and "X Sheriff's Office" go on
        if j == k and k > 0 and text_between(text, words[k - 1], w).strip(" -’'s"):
            return None
        phrase.append(w)
        kind = (
            "organisation"
            if w.low in ORGANISATION_WORDS
            else "facility"
            if w.low in FACILITY_WORDS
            else None
        )
        if kind is not None:
            # "X City Council building" is the building: a facility word right after wins
            if j + 1 < len(words) and not text_between(text, w, words[j + 1]).strip(" -"):
                nxt = words[j + 1].low
                if kind == "organisation" and nxt in FACILITY_WORDS:
                    phrase.append(words[j + 1])
                    kind = "facility"
            return kind, text[phrase[0].start : phrase[-1].end], phrase[-1].end
        if w.low not in FACILITY_DESCRIPTORS and not w.cap:
            return None
    return None


def feature_before(text: str, words: Sequence[Word], s: int) -> str | None:
    """The facility named right before word ``s`` ("Electrical Substation X"), if any.

    The facility word must touch the name (one space); capitalised words and
    descriptors before it belong to the phrase (at most three words in all).
    """
    if (
        s == 0
        or text_between(text, words[s - 1], words[s]) != " "
        or words[s - 1].low not in FACILITY_WORDS
    ):
        return None
    first = s - 1
    while (
        first > 0
        and s - first < 3
        and text_between(text, words[first - 1], words[first]) == " "
        and (words[first - 1].cap or words[first - 1].low in FACILITY_DESCRIPTORS)
        and words[first - 1].low not in STOP_WORDS
    ):
        first -= 1
    return text[words[first].start : words[s - 1].end]


#: What may stand before a report's own dateline on its line ("00:34 X, ...", "- X, ...").
_LEAD = " \t#*•·-–—:.()0123456789"


def _only_symbols(lead: str) -> bool:
    """Whether a line's start before a name holds no word (spaces, bullets, emoji)."""
    return not lead.strip(_LEAD) or not any(ch.isalnum() for ch in lead)


def opens_line(text: str, pos: int) -> bool:
    """Whether only symbols stand between ``pos`` and the start of its line."""
    return _only_symbols(text[text.rfind("\n", 0, pos) + 1 : pos])


def _opens_sentence(text: str, lo: int, pos: int) -> bool:
    """Whether ``pos`` opens a sentence after a first one on its line ("#X direction. Y:
    ..."): a report's place label may follow a heading."""
    before = text[lo:pos]
    return before.rstrip().endswith((".", "|")) and before.endswith(" ")


def _symbol(c: str) -> bool:
    """Whether ``c`` is a symbol or an emoji, no letter, digit or ordinary punctuation."""
    if not c:
        return False
    cat = unicodedata.category(c)
    return cat.startswith("S") or (cat == "Po" and ord(c) >= 0x2000)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


def on_first_line(text: str, pos: int) -> bool:
    """Whether ``pos`` lies on the article's first line (a report, a headline)."""
    return pos <= first_line_end(text)


_NON_SPACE = re.compile(r"\S")


@functools.lru_cache(maxsize=2)
def first_line_end(text: str) -> int:
    """Where the article's first line (after leading white space) ends.

    Found once per text (a string keeps its hash), not by copying ``text[:pos]`` for
    every mention: that made long articles quadratic.
    """
    first = _NON_SPACE.search(text)
    if first is None:
        return len(text)
    end = text.find("\n", first.start())
    return len(text) if end == -1 else end


def set_apart(text: str, words: Sequence[Word], s: int, e: int) -> bool:
    """A name set apart by a comma at either end of its line: where a report happened.

    Short reports give their place as a dateline ("X, drone footage of ...", "X: drones
    hit ...", "X. Artillery hit ...", "X — ...", or the name alone on its line) or as a
    tail ("Damage to the plant after shelling, X").
    """
    first, last = words[s], words[e - 1]
    lo, hi = _line_bounds(text, first.start, last.end)
    after = text[last.end : hi]
    if _opens_sentence(text, lo, first.start) and after.lstrip().startswith(":"):
        return True  # "#X direction. Y: fighting ...": a label after a heading
    if opens_line(text, first.start) and (
        after.lstrip().startswith((",", ":", "—", "–", ". ", "(", "- "))
        or not after.strip(" .")
        or _symbol(after.lstrip()[:1])  # "X ‼️ evacuation ...", "X 🔴 ..."
    ):
        return True
    before = text[words[s - 1].end : first.start] if s > 0 and words[s - 1].end >= lo else ""
    return "," in before and not after.strip(" .!)\t")


def label_placed(text: str, words: Sequence[Word], e: int) -> bool:
    """Whether the name ending at word ``e`` is placed further before the colon of the
    line it opens: "X on the Y peninsula: ...", "X in the Y direction: ..." (a report's
    label, with where it lies)."""
    if e >= len(words) or words[e].low not in _LABEL_PLACERS:
        return False
    colon = text[words[e].start :].split("\n", 1)[0].find(":")
    return 0 < colon <= _LABEL_PLACED_CHARS


#: Words that place a report's label further ("X on the Kerch peninsula: ..."), and how
#: long the placing phrase may run before its colon.
_LABEL_PLACERS = frozenset({"on", "in", "near", "outside", "at", "off"})
_LABEL_PLACED_CHARS = 40


#: Verbs of what a weapon does, right after its name ("Geran hit a house").
_WEAPON_DEEDS = frozenset(
    {"hit", "hits", "struck", "strikes", "exploded", "explodes", "fell", "falls", "landed",
     "lands", "crashed", "crashes", "flew", "flies", "attacked", "attacks", "destroyed",
     "damaged", "was", "were", "debris", "wreckage"}
)  # fmt: skip
#: What follows a weapon's name: a noun it qualifies, or what it did.
_AFTER_WEAPON = WEAPON_NOUNS | _WEAPON_DEEDS


def is_designation(text: str, words: Sequence[Word], s: int, e: int) -> bool:
    """True when words ``s:e`` name a unit, a vessel, a weapon or qualify a facility, not a
    place."""
    before = words[s - 1].low if s > 0 else ""
    after = words[e].low if e < len(words) else ""
    if before in DESIGNATION_WORDS or after in DESIGNATION_WORDS or before in VESSEL_NOUNS:
        return True  # "the 93rd brigade", "the landing ship Minsk"
    last = words[e - 1]
    # a model designation: "Orion-E", "Name-2M"
    tail = text[last.end : last.end + 4]
    if re.match(r"-(?:[A-Z0-9]{1,3})\b", tail) or re.search(r"-[A-Z0-9]{1,3}$", last.text):
        return True
    name = " ".join(w.low for w in words[s:e])
    if name in WEAPON_NAMES and (after in _AFTER_WEAPON or before in {"with", "by", "using"}):
        return True  # "Grad rockets", "Patriot batteries", "shelled with Grad", "Geran hit"
    return name in FACILITY_DESCRIPTORS and after in FACILITY_WORDS


def vessel_names(text: str) -> frozenset[str]:
    """The names the text gives vessels ("the landing ship Minsk", "the cruiser Moskva"):
    a later "the Minsk" is the ship too."""
    return frozenset(m.group(1) for m in _VESSEL_NAME.finditer(text))


_VESSEL_NAME = re.compile(
    rf"\b(?:{'|'.join(sorted(VESSEL_NOUNS))})\s+([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*)"
)


#: What follows a wire dateline's place: an optional ", Region" and "(Agency)", then a dash
#: ("SANTIAGO —", "ELY, Cambridgeshire —", "KYIV, Ukraine (Wire) -").
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*){0,3})?\s*(?:\([^()\n]{1,40}\)\s*)?[—–-]\s"
)


def is_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, in capitals, opens its line as a wire dateline."""
    name = text[start:end]
    return (
        name.isupper() and opens_line(text, start) and _DATELINE_TAIL.match(text, end) is not None
    )


#: What follows a report's place label: a colon or a dash ("Malakal: four killed ...").
_LABEL_TAIL = re.compile(
    r"(?:\s*\([^()\n]{1,40}\))?\s*(?::|\s[—–-])\s"
)  # ("X: ...", "X (Y region): ..."; "X, Y Oblast:" is read with its division elsewhere)


def is_label(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens its line as a report's place label ("X: ...")."""
    return opens_line(text, start) and _LABEL_TAIL.match(text, end) is not None
