"""Gazetteer stage helper: Latin spellings for Cyrillic place names.

GeoNames' Russian postal places carry Cyrillic names only ("Заолешенка"), while
English-language news writes them in Latin script ("Zaoleshenka"). This module
turns Cyrillic names into the spellings news uses:

* :func:`romanize_ru_bgn` — BGN/PCGN (1947) romanisation of Russian, the system
  behind most English-language maps ("Заолешенка" -> "Zaoleshenka",
  "Судженский" -> "Sudzhenskiy", "Орёл" -> "Orël" -> folded "Orel").
* :func:`romanize_ru_simple` — the looser newsroom variant: no apostrophes for
  soft/hard signs, "е" always "e", adjectival "-ий"/"-ый" as "-y"
  ("Льгов" -> "Lgov", "Красный" -> "Krasny").
* :func:`romanize_uk` — Ukraine's national system (Cabinet of Ministers
  resolution 55 of 2010), used in Ukrainian passports and road signs
  ("Білопілля" -> "Bilopillia", "Запоріжжя" -> "Zaporizhzhia").

Only letters are mapped; every other character (spaces, hyphens, digits) passes through.
"""

from __future__ import annotations

import re

__all__ = [
    "is_cyrillic",
    "latin_variants",
    "romanize_ru_bgn",
    "romanize_ru_simple",
    "romanize_uk",
]

_RU_COMMON: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ы": "y",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Ukrainian/Belarusian letters that turn up in Russian data sets
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ґ": "g",
    "ў": "w",
}
_GEMINATE = re.compile(r"([бвгґджзклмнпрстфхцчшщ])\1(?=[яюєї])")
_RU_VOWELS = frozenset("аеёиоуыэюяйъьієї")

_UK: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ъ": "",
    "'": "",
    "’": "",
    "ʼ": "",
    # Russian letters met in Ukrainian data
    "ы": "y",
    "э": "e",
    "ё": "io",
}
#: Ukrainian letters romanised differently at the start of a word.
_UK_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_UK_MEDIAL = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}


def is_cyrillic(text: str) -> bool:
    """Return True when ``text`` contains at least one Cyrillic letter.

    Parameters
    ----------
    text
        Any string.

    Returns
    -------
    bool
        Whether a character in the Cyrillic blocks (U+0400-U+052F) occurs.
    """
    return any("\u0400" <= ch <= "\u052f" for ch in text)


def _match_case(src: str, out: str) -> str:
    """Carry the case of one source letter over to its (possibly longer) romanisation."""
    if not out or not src.isupper():
        return out
    return out[0].upper() + out[1:]


def _word_start(text: str, i: int) -> bool:
    return i == 0 or not text[i - 1].isalpha()


def romanize_ru_bgn(text: str) -> str:
    """Romanise Russian text with the BGN/PCGN system.

    "е" is "ye" at the start of a word and after a vowel or a soft/hard sign,
    "ё" likewise "yë"/"ë"; the soft sign is "'" and the hard sign '"'.

    Parameters
    ----------
    text
        Russian (Cyrillic) text.

    Returns
    -------
    str
        The romanised text, letter case kept.
    """
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low in ("е", "ё"):
            after_vowel = i > 0 and text[i - 1].lower() in _RU_VOWELS
            core = "e" if low == "е" else "ë"
            rep = "y" + core if _word_start(text, i) or after_vowel else core
        elif low == "ь":
            rep = "'"
        elif low == "ъ":
            rep = '"'
        elif low in _RU_COMMON:
            rep = _RU_COMMON[low]
        else:
            out.append(ch)
            continue
        out.append(_match_case(ch, rep))
    return "".join(out)


def romanize_ru_simple(text: str) -> str:
    """Romanise Russian text the way English-language news usually does.

    Like BGN/PCGN, but without signs, "е"/"ё" always "e", and the adjectival
    endings "-ий"/"-ый" shortened to "-y" ("Красный Октябрь" -> "Krasny Oktyabr").

    Parameters
    ----------
    text
        Russian (Cyrillic) text.

    Returns
    -------
    str
        The romanised text, letter case kept.
    """
    out: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        low = ch.lower()
        nxt = text[i + 1].lower() if i + 1 < n else ""
        end_after_next = i + 2 >= n or not text[i + 2].isalpha()
        if low in ("и", "ы") and nxt == "й" and end_after_next and i > 0:
            out.append(_match_case(ch, "y"))
            i += 2
            continue
        if low in ("е", "ё"):
            rep = "e"
        elif low in ("ь", "ъ"):
            rep = ""
        elif low in _RU_COMMON:
            rep = _RU_COMMON[low]
        else:
            out.append(ch)
            i += 1
            continue
        out.append(_match_case(ch, rep))
        i += 1
    return "".join(out)


def romanize_uk(text: str) -> str:
    """Romanise Ukrainian text with the national system of 2010.

    Apostrophes and the soft sign are dropped; "є ї й ю я" are "ye yi y yu ya"
    at the start of a word and "ie i i iu ia" elsewhere; "зг" is "zgh".

    Parameters
    ----------
    text
        Ukrainian (Cyrillic) text.

    Returns
    -------
    str
        The romanised text, letter case kept.
    """
    out: list[str] = []
    for i, ch in enumerate(text):
        low = ch.lower()
        if low in _UK_INITIAL:
            rep = _UK_INITIAL[low] if _word_start(text, i) else _UK_MEDIAL[low]
        elif low == "г" and i > 0 and text[i - 1].lower() == "з":
            rep = "gh"
        elif low in _UK:
            rep = _UK[low]
        else:
            out.append(ch)
            continue
        out.append(_match_case(ch, rep))
    return "".join(out)


def latin_variants(text: str, *, ukrainian: bool = False) -> list[str]:
    """Return the distinct Latin spellings of a Cyrillic name.

    Parameters
    ----------
    text
        A Cyrillic name; non-Cyrillic text is returned unchanged as the only variant.
    ukrainian
        Also produce the Ukrainian national romanisation (for Ukrainian names).

    Returns
    -------
    list of str
        BGN/PCGN first (the preferred Latin name), then the simple and, if asked,
        Ukrainian forms, without duplicates.
    """
    if not is_cyrillic(text):
        return [text]
    forms = [romanize_ru_bgn(text), romanize_ru_simple(text)]
    if ukrainian or any(ch in "іїєґІЇЄҐ" for ch in text):
        forms.append(romanize_uk(text))
        # "Білопілля" is also written "Bilopil'ya": a doubled consonant before an
        # iotated vowel read as consonant + soft sign, BGN/PCGN style.
        soft = _GEMINATE.sub(r"\1ь", text)
        if soft != text:
            forms.append(romanize_ru_bgn(soft))
    seen: dict[str, None] = {}
    for form in forms:
        seen.setdefault(form, None)
    return list(seen)
