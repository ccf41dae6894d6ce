"""Dates as news copy gives them, resolved against the day of publication.

Rules, for a report published on day P:

- a weekday ("on Wednesday", "said Thursday"): P itself when P is that weekday;
  otherwise the one before P, or the one after P when its clause speaks of the
  future ("will meet in Istanbul on Thursday");
- "yesterday", "today", "tomorrow": the day before P, P, the day after;
- "last week", "this week", "earlier this week", "next week": that week's month
  (month precision) when the week lies in one month, else its year;
- "last month", "earlier this month", "next month" ...: month precision;
- "last year", "earlier this year", "this year" ...: year precision;
- "March 17", "17 March", "March 17, 2021", "in March", "in March 2021",
  "in 2019": as written; a month or day without a year is in P's year, or in
  the year before when that would put a past action after P;
- "three days ago", "two weeks ago", "a year ago";
- vague spans ("in recent years", "for years", "in the past") date nothing.

A mention that follows or precedes a verb of saying ("said Wednesday", "The
Kremlin on Tuesday denied") is the date of a statement, not of an action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from events.dates import Precision, format_partial, parse_partial
from tracker.draft.phrases import NUMBER_WORDS

Kind = Literal["past", "future", "neutral", "vague"]

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = {
    "January": 1,
    "Jan": 1,
    "February": 2,
    "Feb": 2,
    "March": 3,
    "Mar": 3,
    "April": 4,
    "Apr": 4,
    "May": 5,
    "June": 6,
    "Jun": 6,
    "July": 7,
    "Jul": 7,
    "August": 8,
    "Aug": 8,
    "September": 9,
    "Sept": 9,
    "Sep": 9,
    "October": 10,
    "Oct": 10,
    "November": 11,
    "Nov": 11,
    "December": 12,
    "Dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_COUNT = r"(?P<count>\d+|a|an|" + "|".join(NUMBER_WORDS) + r")"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "vague",
        re.compile(
            r"\b(?:(?:in|over|during) (?:the )?(?:recent|past|last) (?:few |several |two |three )?"
            r"(?:years|months|decades)|in recent (?:years|months|decades)|for (?:years|decades)"
            r"|in the past|recently|long ago)\b",
            re.I,
        ),
    ),
    ("month_day", re.compile(rf"\b{_MONTH} {_DAY}\b(?:,? {_YEAR}\b)?")),
    ("day_month", re.compile(rf"\b{_DAY} {_MONTH}(?: {_YEAR}\b)?")),
    ("month_year", re.compile(rf"\b{_MONTH},? (?:of )?{_YEAR}\b")),
    (
        "month",
        re.compile(
            rf"\b(?:in|since|until|by|during|early|late|mid-|mid|last) {_MONTH}"
            r"(?![\w-])"
        ),
    ),
    ("year", re.compile(rf"\b(?:in|since|by|during|until|early|late|mid-|mid) {_YEAR}\b")),
    ("ago", re.compile(rf"\b{_COUNT} (?P<unit>day|week|month|year)s? ago\b", re.I)),
    (
        "relative",
        re.compile(
            r"\b(?P<when>earlier this|later this|this past|last|this|next)"
            r" (?P<unit>week|month|year)\b",
            re.I,
        ),
    ),
    ("deictic", re.compile(r"\b(?P<word>yesterday|today|tomorrow)\b", re.I)),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<rel>last|next|this|this past|this coming) )?"
            r"(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"
        ),
    ),
]

SAY = r"(?:said|says|told|announced|added|stated|insisted|claimed|confirmed|denied|denies|wrote)"
_SAID_BEFORE = re.compile(SAY + r"(?:\s+[\w.'’]+){0,2}?\s+(?:on\s+)?$")
_SAID_AFTER = re.compile(r"^,?\s*" + SAY + r"\b")
_FUTURE = re.compile(
    r"\b(?:will|would|'ll|shall|is to|are to|to be held|scheduled|set to|"
    r"expected to|plans? to|planned|due to|upcoming)\b",
    re.I,
)


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence and what it resolves to."""

    start: int
    end: int
    text: str
    value: str | None
    precision: Precision | None
    kind: Kind
    statement: bool = False
    first: date | None = None
    last: date | None = None


def _span(first: date, last: date) -> tuple[str, Precision]:
    """A stretch of days as the finest partial date that holds it."""
    if (first.year, first.month) == (last.year, last.month):
        return format_partial(first, "month"), "month"
    middle = first + (last - first) / 2
    return format_partial(middle, "year"), "year"


def interval(value: str) -> tuple[date, date]:
    """The first and last day a partial date can name."""
    start, precision = parse_partial(value)
    if precision == "day":
        return start, start
    if precision == "month":
        return start, _month_back(start, -1) - timedelta(days=1)
    return start, date(start.year, 12, 31)


def _month_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


Resolved = tuple[str | None, Precision | None, Kind, tuple[date, date] | None]


def _relative(when: str, unit: str, p: date) -> Resolved:
    when = when.lower()
    kind: Kind = (
        "past"
        if when in ("last", "earlier this", "this past")
        else ("future" if when in ("next", "later this") else "neutral")
    )
    step = {"last": -1, "this past": -1, "next": 1}.get(when, 0)
    if unit == "week":
        monday = p - timedelta(days=p.weekday()) + timedelta(weeks=step)
        last = monday + timedelta(days=6)
        if when == "earlier this":
            last = max(monday, p - timedelta(days=1))
        elif when == "later this":
            monday = min(last, p + timedelta(days=1))
        value, precision = _span(monday, last)
        return value, precision, kind, (monday, last)
    if unit == "month":
        return format_partial(_month_back(p, -step), "month"), "month", kind, None
    return f"{p.year + step:04d}", "year", kind, None


def _future_clause(sentence: str, start: int) -> bool:
    before = re.split(r";|\s[—–]\s", sentence[max(0, start - 90) : start])[-1]
    return bool(_FUTURE.search(before))


def _weekday(m: re.Match[str], p: date, future: bool) -> date:
    target = WEEKDAYS.index(m["weekday"])
    rel = (m["rel"] or "").lower()
    back = (p.weekday() - target) % 7
    if rel in ("next", "this coming") or (future and rel not in ("last", "this past")):
        ahead = (target - p.weekday()) % 7
        return p + timedelta(days=ahead or (7 if rel == "next" else 0))
    if rel in ("last", "this past") and back == 0:
        back = 7
    return p - timedelta(days=back)


def _year_for(month: int, day: int, p: date, future: bool) -> int:
    """P's year, unless that puts the date a month or more on the wrong side of P."""
    try:
        when = date(p.year, month, day or 1)
    except ValueError:
        return p.year
    if future and when < p - timedelta(days=31):
        return p.year + 1
    if not future and when > p + timedelta(days=31):
        return p.year - 1
    return p.year


def _resolve(name: str, m: re.Match[str], p: date, future: bool) -> Resolved:
    if name == "vague":
        return None, None, "vague", None
    if name in ("month_day", "day_month", "month_year", "month"):
        month = MONTHS[m["month"]]
        day = int(m.groupdict().get("day") or 0)
        year = int(m["year"]) if m.groupdict().get("year") else _year_for(month, day, p, future)
        try:
            when = date(year, month, day or 1)
        except ValueError:
            return None, None, "vague", None
        precision: Precision = "day" if day else "month"
        return format_partial(when, precision), precision, "neutral", None
    if name == "year":
        return m["year"], "year", "neutral", None
    if name == "ago":
        count = m["count"].lower()
        n = 1 if count in ("a", "an") else int(NUMBER_WORDS.get(count, count))
        unit = m["unit"].lower()
        if unit == "day":
            return (p - timedelta(days=n)).isoformat(), "day", "past", None
        if unit == "week":
            span = (p - timedelta(weeks=n, days=3), p - timedelta(weeks=n) + timedelta(days=3))
            return *_span(*span), "past", span
        if unit == "month":
            return format_partial(_month_back(p, n), "month"), "month", "past", None
        return f"{p.year - n:04d}", "year", "past", None
    if name == "relative":
        return _relative(m["when"], m["unit"].lower(), p)
    if name == "deictic":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m["word"].lower()]
        kind: Kind = "past" if shift < 0 else ("future" if shift > 0 else "neutral")
        return (p + timedelta(days=shift)).isoformat(), "day", kind, None
    return _weekday(m, p, future).isoformat(), "day", "neutral", None


def find_dates(sentence: str, published: date) -> list[DateMention]:
    """Every date expression in a sentence, resolved; no two overlap."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            future = _future_clause(sentence, m.start())
            statement = bool(
                _SAID_BEFORE.search(sentence[: m.start()])
                or _SAID_AFTER.search(sentence[m.end() :])
            )
            value, precision, kind, span = _resolve(name, m, published, future)
            first, last = span or (interval(value) if value else (None, None))
            found.append(
                DateMention(
                    m.start(), m.end(), m.group(0), value, precision, kind, statement, first, last
                )
            )
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)
