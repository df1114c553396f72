"""Stage 1 helper (ingest): find boilerplate lines (cookie banners, licence numbers, pickers).

Boilerplate is reported as spans, never deleted, because character offsets into the
article text are a public output.
"""

from __future__ import annotations

import re

__all__ = ["find_boilerplate"]


#: Lines longer than this are article text, never boilerplate.
_BP_MAX_LINE = 400
#: Leading bullets/arrows and trailing punctuation that do not change what a line is.
_BP_EDGE = re.compile(r"^[\s\-–—•·*>»›|]+|[\s:.!…>»›→|\-–—]+$")
_SOCIAL = (
    r"facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|messenger|vk|weibo|wechat|"
    r"viber|threads|bluesky|flipboard|e-?mail|sms|print|copy link|copy|link|share|tweet|comments?"
)
_LANGUAGE_NAMES = (
    r"english|français|francais|español|espanol|deutsch|русский|українська|中文|简体中文|繁體中文|"
    r"العربية|português|portugues|italiano|polski|türkçe|日本語|한국어|فارسی|हिन्दी|"
    r"беларуская|қазақша|română|magyar|čeština|nederlands|ελληνικά|עברית|српски|"
    r"french|spanish|german|russian|ukrainian|chinese|arabic|portuguese"
)
#: What page furniture looks like, one whole (trimmed) line per match, case-insensitive.
_BOILERPLATE_PATTERNS = {
    "cookie banner": (
        r".*\b(?:(?:our|the) use of cookies|(?:we|this (?:web)?site|site) uses? cookies|"
        r"cookie (?:settings|policy|preferences|notice|consent|banner)|"
        r"(?:accept|reject|allow|manage) (?:all )?cookies)\b.*"
    ),
    "terms of use": (
        r".*\bby (?:continuing|using) (?:to (?:browse|use) )?(?:our|this) (?:site|website)\b.*"
    ),
    "language picker": (
        r"(?:choose|select|change|pick|switch) (?:your |a |the )?(?:language|edition|region)s?"
        r"|languages?|editions?"
        rf"|(?:(?:{_LANGUAGE_NAMES})[\s|/·,•]*){{2,}}"
    ),
    # Chinese ICP / news-licence / public-security registration numbers
    "licence number": (
        r".{0,40}(?:许可证|备案|ICP|公网安备|经营许可|licen[cs]e (?:no|number))"
        r".{0,40}\d{4,}.{0,20}"
    ),
    # complaint / disinformation / tip-off hotlines, with a phone number
    "hotline": (
        r".{0,60}(?:hotline|举报|tip[- ]?line|report (?:line|phone))"
        r".{0,30}\+?\d[\d\s()\-]{3,}.{0,20}"
    ),
    "read more": (
        r"(?:read|see|watch|listen|view) (?:more|also|next|full (?:story|article))"
        r"(?:\s*[:|»›>\-–—(].{0,200})?"
        r"|read more (?:about|on|from|at|here|in)\b.{0,150}"
    ),
    "related content": (
        r"also read\b.{0,200}|more on this(?: story)?|"
        r"related(?: (?:articles?|stories|news|content|coverage|topics?|links?))?|"
        r"recommended(?: (?:for you|stories|articles?|reading))?|"
        r"(?:most|more) (?:read|popular|viewed)|trending(?: now)?|top stories|editor'?s picks?|"
        r"you (?:may|might) (?:also )?(?:like|be interested in)|continue reading(?: below)?|"
        r"(?:skip|scroll)(?: to)? (?:continue|content|advertisement|main content)|"
        r"click here\b.{0,120}|loading|show more|load more"
    ),
    "advertisement": (
        r"advertisement|advertising|sponsored(?: content| post)?|ad|ads|"
        r"(?:story|article) continues (?:below|after)(?: this)?(?: advert(?:isement)?)?"
    ),
    "newsletter": (
        r".{0,80}\b(?:sign[- ]?up|subscribe|register)\b.{0,120}\bnewsletters?\b.{0,80}|"
        r"(?:get|receive) (?:our|the) .{0,60}\bnewsletters?\b.{0,80}|"
        r"newsletters?(?: sign[- ]?up)?"
    ),
    "subscribe": (
        r"subscribe(?: (?:now|today|here))?(?: to .{0,80})?|"
        r"download (?:our|the) .{0,40}\bapp\b.{0,80}|"
        r"(?:follow|join|find) us on\b.{0,80}"
    ),
    "share": (
        r"share(?: (?:this|the))?(?: (?:article|story|page|post|video))?"
        r"(?: (?:on|via|to) .{0,40})?|"
        rf"(?:(?:{_SOCIAL})[\s|/·,•]*){{2,}}"
    ),
    "reading time": (
        r"\d{1,3} ?min(?:ute)?s? read|listen to this (?:article|story)|reading time:? .{0,20}|"
        r"(?:please )?enable javascript.{0,120}"
    ),
    "copyright": (
        r"(?:©|\(c\)|copyright\s*(?:©|\(c\)|\d{4})).{0,160}|.{0,160}\ball rights reserved\b.{0,40}"
    ),
}
_BOILERPLATE = re.compile(
    "|".join(f"(?:{pattern})" for pattern in _BOILERPLATE_PATTERNS.values()), re.IGNORECASE
)


def _is_boilerplate(line: str) -> bool:
    """Return whether one line (no newline) is boilerplate."""
    if len(line) > _BP_MAX_LINE:
        return False
    core = _BP_EDGE.sub("", line)
    return bool(core) and _BOILERPLATE.fullmatch(core) is not None


def find_boilerplate(text: str) -> tuple[tuple[int, int], ...]:
    """Find the boilerplate lines of an article.

    Boilerplate is page furniture that is not reporting: cookie banners,
    language pickers, Chinese licence/registration numbers, complaint hotlines,
    "READ MORE"/"Related" labels, "Advertisement", newsletter and subscription
    prompts, share/follow lines, reading-time widgets and copyright footers.
    Only whole, short lines are matched, so a sentence that mentions cookies
    or a newsletter is kept.

    Parameters
    ----------
    text
        Article text with ``\\n`` line breaks.

    Returns
    -------
    tuple of (int, int)
        ``(start, end)`` character offsets of each boilerplate line, newline
        excluded, in text order (``text[start:end]`` is the line).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if _is_boilerplate(line):
            spans.append((start, end))
        start = end + 1
    return tuple(spans)
