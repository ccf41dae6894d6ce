"""From a report's plain text to its headline and its news sentences.

The first non-empty line is the headline (the source's title; no events are
drafted from it: the body states them again, with dates). Every other line is
a paragraph, dropped as page debris when a rule in `DEBRIS` matches it:
photo captions and credits, "related" links and promotions, boxes of
bullets, rules, boilerplate, test strings, and any line that is not a
sentence (no closing punctuation: headings, captions, link titles).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEBRIS: list[tuple[str, re.Pattern[str]]] = [
    ("a bullet of a box or list", re.compile(r"^\s*[-•*·▪–]\s")),
    ("a rule line", re.compile(r"^\s*[_*=~-]{3,}\s*$")),
    (
        "a photo caption or credit",
        re.compile(
            r"/\s*(?:POOL|AFP|AP|Reuters|EPA|Sputnik|TASS|Getty)\b|Getty ?Images|\bAP Photo\b"
            r"|\((?:R|L|C|left|right|center|centre)\)|^\s*(?:Photo|Image|Caption|Credit|"
            r"File photo)s?\b",
            re.I,
        ),
    ),
    (
        "a link or page furniture",
        re.compile(
            r"^\s*(?:related|read more|read also|see also|more on|also read|watch|listen|sign up|"
            r"subscribe|advertisement|share this|follow us|click here|copyright|©|trending)\b",
            re.I,
        ),
    ),
    (
        "boilerplate",
        re.compile(
            r"developing (?:news )?story|will be updated|contributed(?: to this report)?\.?\s*$"
            r"|all rights reserved|^\s*(?:reporting|editing|writing) by\b",
            re.I,
        ),
    ),
    ("a test string or page stamp", re.compile(r"\btest\b.*\b[A-Z]{2,}-\d+|^\s*updated\b", re.I)),
    ("not a sentence (a heading, caption or link)", re.compile(r"[^.!?\"”’')]\s*$")),
]

DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][a-z]{2,4}\.?\s*\d{1,2})?\s*(?:\([A-Za-z .]+\)\s*)?"
    r"[—–-]{1,2}\s+"
)
ABBREVIATIONS = {
    "U.S.",
    "U.K.",
    "U.N.",
    "E.U.",
    "D.C.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Gen.",
    "Lt.",
    "Col.",
    "Sgt.",
    "Capt.",
    "Sen.",
    "Rep.",
    "Gov.",
    "Pres.",
    "St.",
    "Jr.",
    "Sr.",
    "No.",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Aug.",
    "Sep.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Inc.",
    "Corp.",
    "Co.",
    "vs.",
    "e.g.",
    "i.e.",
    "a.m.",
    "p.m.",
}
STARTERS = {
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "But",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "There",
    "At",
    "After",
}
_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the report's body and where it sits."""

    text: str
    index: int
    paragraph: int


@dataclass(frozen=True)
class Report:
    """A report as the drafter reads it."""

    headline: str
    sentences: list[Sentence]
    dropped: list[tuple[str, str]]


def debris(line: str) -> str | None:
    """Why a line is page debris, or None when it is news."""
    for why, pattern in DEBRIS:
        if pattern.search(line):
            return why
    return None


def split(paragraph: str) -> list[str]:
    """A paragraph's sentences; abbreviations ('U.S. Ambassador') do not end one."""
    out, start = [], 0
    for m in _END.finditer(paragraph):
        before = paragraph[start : m.start() + 1].split()
        last = before[-1].lstrip('"“(') if before else ""
        nxt = paragraph[m.end() :].split(" ", 1)[0].strip('"“‘(')
        if (last in ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", last)) and nxt not in STARTERS:
            continue
        out.append(paragraph[start : m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def read(text: str) -> Report:
    """The headline, the news sentences, and the debris lines with the reason."""
    lines = [line.strip() for line in text.removeprefix("\ufeff").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return Report("", [], [])
    headline, body = lines[0], lines[1:]
    sentences: list[Sentence] = []
    dropped: list[tuple[str, str]] = []
    for number, line in enumerate(body):
        why = debris(line)
        if why:
            dropped.append((line, why))
            continue
        line = DATELINE.sub("", line)
        for piece in split(line):
            sentences.append(Sentence(piece, len(sentences), number))
    return Report(headline[:1000], sentences, dropped)
