"""Country codes: ISO 3166 alpha-2 from pycountry, aliases, Kosovo and former states."""

from __future__ import annotations

import difflib
from functools import cache, lru_cache

FORMER = ("SU", "YU", "DD", "CS")
KOSOVO = "XK"

ALIASES: dict[str, str] = {
    "russia": "RU",
    "moscow": "RU",
    "the kremlin": "RU",
    "kremlin": "RU",
    "soviet union": "SU",
    "ussr": "SU",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "the united states": "US",
    "united states of america": "US",
    "america": "US",
    "washington": "US",
    "uk": "GB",
    "u.k.": "GB",
    "britain": "GB",
    "great britain": "GB",
    "united kingdom": "GB",
    "london": "GB",
    "turkey": "TR",
    "türkiye": "TR",
    "turkiye": "TR",
    "ankara": "TR",
    "iran": "IR",
    "tehran": "IR",
    "syria": "SY",
    "south korea": "KR",
    "north korea": "KP",
    "korea": "KR",
    "vietnam": "VN",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "czech republic": "CZ",
    "czechia": "CZ",
    "taiwan": "TW",
    "palestine": "PS",
    "vatican": "VA",
    "holy see": "VA",
    "kosovo": KOSOVO,
    "east germany": "DD",
    "yugoslavia": "YU",
    "beijing": "CN",
    "kyiv": "UA",
    "kiev": "UA",
    "berlin": "DE",
    "paris": "FR",
}


class UnknownCountry(ValueError):
    """A country that no code, name or alias names; carries a suggestion."""

    def __init__(self, text: str, suggestion: str | None) -> None:
        hint = f" (did you mean {suggestion}?)" if suggestion else ""
        super().__init__(f"unknown country {text!r}{hint}")
        self.suggestion = suggestion


@cache
def _names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name", "alpha_3"):
            value = getattr(c, attr, None)
            if value:
                names[value.casefold()] = c.alpha_2
        names[c.alpha_2.casefold()] = c.alpha_2
    for code in FORMER:
        h = pycountry.historic_countries.get(alpha_2=code)
        if h is not None:
            names[h.name.casefold()] = code
            names[code.casefold()] = code
    names[KOSOVO.casefold()] = KOSOVO
    names.update(ALIASES)
    return names


@lru_cache(maxsize=4096)
def resolve(text: str) -> str:
    """The alpha-2 code for a code, name or alias; raises UnknownCountry."""
    key = " ".join(text.split()).casefold()
    code = _names().get(key)
    if code is not None:
        return code
    close = difflib.get_close_matches(key, list(_names()), n=1, cutoff=0.75)
    suggestion = None
    if close:
        code = _names()[close[0]]
        suggestion = f"{name(code)} ({code})"
    raise UnknownCountry(text, suggestion)


def name(code: str) -> str:
    """A readable name for an alpha-2 code."""
    import pycountry

    if code == KOSOVO:
        return "Kosovo"
    c = pycountry.countries.get(alpha_2=code) or pycountry.historic_countries.get(alpha_2=code)
    if c is None:
        return code
    return str(getattr(c, "common_name", None) or c.name)


def sorted_pair(a: str, b: str) -> tuple[str, str]:
    """Two country codes in the order a pair is kept in: alphabetical."""
    return (a, b) if a <= b else (b, a)
