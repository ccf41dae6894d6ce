"""A small phrase language for trigger tables, compiled to regular expressions.

A phrase is a sequence of words, matched case-insensitively as whole words:

- `word*` matches any ending: `expel*` is expel, expels, expelled, expelling;
- `...` matches up to four words in between (the fewest that work);
- `(a|b c)` matches one of the alternatives (each itself a phrase);
- `[word]` (or `[a|b]`) is optional;
- `{n}` matches a number, in figures or words ("455", "1,200", "ten"),
  and captures it (a staff cap, a count);
- a phrase starting with `re:` is a raw Python regular expression instead.

Punctuation inside a word is literal: `U.S.`, `d'affaires`, `persona non grata`.
"""

from __future__ import annotations

import re
from functools import cache

GAP = r"(?:\S+\s+){0,4}?"
NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
}
NUMBER = r"(?P<n>\d{1,3}(?:,\d{3})+|\d+|" + "|".join(NUMBER_WORDS) + r")"


class BadPhrase(ValueError):
    """A phrase that does not compile; the message names the phrase."""


def number(text: str) -> int:
    """The value of a number as {n} captured it."""
    key = text.lower().replace(",", "")
    return NUMBER_WORDS[key] if key in NUMBER_WORDS else int(key)


def _split(text: str) -> list[str]:
    """Top-level tokens: words, `...`, and bracketed groups kept whole."""
    tokens: list[str] = []
    depth, current = 0, ""
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth < 0:
                raise BadPhrase(f"unbalanced brackets in {text!r}")
        if ch.isspace() and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += ch
    if depth:
        raise BadPhrase(f"unbalanced brackets in {text!r}")
    if current:
        tokens.append(current)
    return tokens


def _alternatives(inner: str) -> str:
    parts, depth, current = [], 0, ""
    for ch in inner:
        depth += ch in "(["
        depth -= ch in ")]"
        if ch == "|" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    return "(?:" + "|".join(_body(p.strip()) for p in parts) + ")"


def _word(token: str) -> str:
    if token == "{n}":
        return NUMBER
    stem, star = (token[:-1], True) if token.endswith("*") else (token, False)
    if not stem:
        raise BadPhrase("a lone * is not a word")
    core = re.sub(r"['’]", "['’]", re.escape(stem))
    start = r"\b" if stem[0].isalnum() else ""
    if star:
        return start + core + r"[\w'’-]*"
    end = r"\b" if stem[-1].isalnum() else r"(?!\w)"
    return start + core + end


def _body(text: str) -> str:
    tokens = _split(text)
    if not tokens or tokens[-1] in ("...", "…") or tokens[0] in ("...", "…"):
        raise BadPhrase(f"a phrase must start and end with a word: {text!r}")
    out: list[str] = []
    for i, token in enumerate(tokens):
        last = i == len(tokens) - 1
        if token in ("...", "…"):
            out.append(GAP)
        elif token.startswith("[") and token.endswith("]"):
            inner = _alternatives(token[1:-1])
            out.append(f"(?:\\s+{inner})?" if last else f"(?:{inner}\\s+)?")
        else:
            group = token.startswith("(") and token.endswith(")")
            out.append(_alternatives(token[1:-1]) if group else _word(token))
            optional_end = i == len(tokens) - 2 and tokens[-1].startswith("[")
            if not last and not optional_end:
                out.append(r"\s+")
    return "".join(out)


@cache
def compile_phrase(text: str) -> re.Pattern[str]:
    """The regular expression of a phrase; raises BadPhrase."""
    source = text[3:] if text.startswith("re:") else _body(text.strip())
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as err:
        raise BadPhrase(f"{text!r}: {err}") from None
