"""Countries and people as news copy names them: names, demonyms, capitals, institutions.

`COUNTRY_WORDS` lists, per ISO alpha-2 code, the words that stand for a state
in wire copy; the first is the short name the drafter writes in summaries.
Country names pycountry knows are matched too. Matching is case-sensitive
("US" is a state, "us" is not). People are learned per report and from the
store (`People`): a name after a state's title ("Russian President Vladimir
Putin", "Russia's ambassador to the United States, Anatoly Antonov") stands for
that state wherever its surname appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

COUNTRY_WORDS: dict[str, list[str]] = {
    "US": [
        "the United States",
        "United States",
        "U.S.",
        "US",
        "U.S.A.",
        "USA",
        "America",
        "American",
        "Americans",
        "Washington",
        "White House",
        "State Department",
        "Pentagon",
    ],
    "RU": ["Russia", "Russian", "Russians", "Moscow", "Kremlin", "Russian Federation"],
    "GB": [
        "Britain",
        "British",
        "U.K.",
        "UK",
        "United Kingdom",
        "London",
        "Downing Street",
        "Foreign Office",
    ],
    "CN": ["China", "Chinese", "Beijing"],
    "FR": ["France", "French", "Paris", "Elysee", "Élysée"],
    "DE": ["Germany", "German", "Berlin"],
    "UA": ["Ukraine", "Ukrainian", "Kyiv", "Kiev"],
    "PL": ["Poland", "Polish", "Warsaw"],
    "LT": ["Lithuania", "Lithuanian", "Vilnius"],
    "LV": ["Latvia", "Latvian", "Riga"],
    "EE": ["Estonia", "Estonian", "Tallinn"],
    "BY": ["Belarus", "Belarusian", "Minsk"],
    "CZ": ["Czech Republic", "Czechia", "Czech", "Prague"],
    "SK": ["Slovakia", "Slovak", "Bratislava"],
    "HU": ["Hungary", "Hungarian", "Budapest"],
    "RO": ["Romania", "Romanian", "Bucharest"],
    "BG": ["Bulgaria", "Bulgarian", "Sofia"],
    "MD": ["Moldova", "Moldovan", "Chisinau"],
    "GE": ["Georgia", "Georgian", "Tbilisi"],
    "AM": ["Armenia", "Armenian", "Yerevan"],
    "AZ": ["Azerbaijan", "Azerbaijani", "Baku"],
    "KZ": ["Kazakhstan", "Kazakh", "Astana"],
    "TR": ["Turkey", "Türkiye", "Turkish", "Ankara"],
    "IR": ["Iran", "Iranian", "Tehran"],
    "IL": ["Israel", "Israeli", "Jerusalem"],
    "SA": ["Saudi Arabia", "Saudi", "Riyadh"],
    "QA": ["Qatar", "Qatari", "Doha"],
    "AE": ["United Arab Emirates", "UAE", "Emirati", "Abu Dhabi"],
    "EG": ["Egypt", "Egyptian", "Cairo"],
    "SY": ["Syria", "Syrian", "Damascus"],
    "IQ": ["Iraq", "Iraqi", "Baghdad"],
    "AF": ["Afghanistan", "Afghan", "Kabul"],
    "PK": ["Pakistan", "Pakistani", "Islamabad"],
    "IN": ["India", "Indian", "New Delhi"],
    "JP": ["Japan", "Japanese", "Tokyo"],
    "KR": ["South Korea", "South Korean", "Seoul"],
    "KP": ["North Korea", "North Korean", "Pyongyang"],
    "VN": ["Vietnam", "Vietnamese", "Hanoi"],
    "CA": ["Canada", "Canadian", "Ottawa"],
    "MX": ["Mexico", "Mexican", "Mexico City"],
    "CU": ["Cuba", "Cuban", "Havana"],
    "VE": ["Venezuela", "Venezuelan", "Caracas"],
    "CO": ["Colombia", "Colombian", "Bogota", "Bogotá"],
    "BR": ["Brazil", "Brazilian", "Brasilia", "Brasília"],
    "AU": ["Australia", "Australian", "Canberra"],
    "IT": ["Italy", "Italian", "Rome"],
    "ES": ["Spain", "Spanish", "Madrid"],
    "NL": ["the Netherlands", "Netherlands", "Dutch", "The Hague"],
    "SE": ["Sweden", "Swedish", "Stockholm"],
    "NO": ["Norway", "Norwegian", "Oslo"],
    "FI": ["Finland", "Finnish", "Helsinki"],
    "DK": ["Denmark", "Danish", "Copenhagen"],
    "AT": ["Austria", "Austrian", "Vienna"],
    "CH": ["Switzerland", "Swiss", "Bern"],
    "GR": ["Greece", "Greek", "Athens"],
    "RS": ["Serbia", "Serbian", "Belgrade"],
    "IE": ["Ireland", "Irish", "Dublin"],
    "NG": ["Nigeria", "Nigerian", "Abuja"],
    "ZA": ["South Africa", "South African", "Pretoria"],
}

TITLES = (
    "President|Prime Minister|Premier|Foreign Minister|Defense Minister|Defence Minister|"
    "Minister|Deputy|Secretary of State|Secretary|Ambassador|ambassador|envoy|Envoy|"
    "spokesman|spokeswoman|spokesperson|Foreign Ministry|Ministry|official|diplomat|"
    "Chargé d['’]Affaires|chargé d['’]affaires|leader|Chancellor|King|Consul General|"
    "consul general|Consul|consul"
)
NAME = r"[A-Z][\w'’-]+(?: [A-Z]\.)?(?: (?:van |von |de |al-)?[A-Z][\w'’-]+){1,2}"
_BOUND_L, _BOUND_R = r"(?<!\w)", r"(?!\w)"


@dataclass(frozen=True)
class Mention:
    """A state named in a sentence: where, how, and its code."""

    start: int
    end: int
    text: str
    code: str
    person: str | None = None


@dataclass
class People:
    """People and the state each stands for; envoys also carry where they serve."""

    states: dict[str, str] = field(default_factory=dict)
    posts: dict[str, str] = field(default_factory=dict)
    full: dict[str, str] = field(default_factory=dict)

    def learn(self, name: str, code: str, post: str | None = None) -> None:
        self.full.setdefault(name.split()[-1], name)
        for key in {name, name.split()[-1]}:
            self.states.setdefault(key, code)
            if post is not None:
                self.posts.setdefault(key, post)


def short_name(code: str) -> str:
    """The name summaries use: 'Russia', not 'Russian Federation'."""
    from events.countries import name

    words = COUNTRY_WORDS.get(code)
    return words[0] if words else name(code)


@cache
def _words() -> dict[str, str]:
    import pycountry

    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                table[value] = c.alpha_2
    for code, words in COUNTRY_WORDS.items():
        for word in words:
            table[word] = code
    return table


@cache
def _country_pattern() -> re.Pattern[str]:
    alternatives = sorted(_words(), key=len, reverse=True)
    return re.compile(
        _BOUND_L
        + "("
        + "|".join(re.escape(w) for w in alternatives)
        + ")"
        + r"(?:['’]s)?"
        + _BOUND_R
    )


def countries_in(text: str) -> list[Mention]:
    """The states a text names (without the people)."""
    out = []
    for m in _country_pattern().finditer(text):
        word = m.group(1)
        out.append(Mention(m.start(), m.end(), m.group(0), _words()[word]))
    return out


def people_in(text: str, people: People) -> list[Mention]:
    """The known people a text names, as mentions of their states."""
    if not people.states:
        return []
    names = sorted(people.states, key=len, reverse=True)
    pattern = re.compile(
        _BOUND_L + "(" + "|".join(re.escape(n) for n in names) + ")" + r"(?:['’]s)?" + _BOUND_R
    )
    return [
        Mention(
            m.start(),
            m.end(),
            m.group(0),
            people.states[m.group(1)],
            people.full.get(m.group(1), m.group(1)),
        )
        for m in pattern.finditer(text)
    ]


def mentions(text: str, people: People) -> list[Mention]:
    """States and people named in a text, in order, a person inside a name dropped."""
    found = countries_in(text)
    for p in people_in(text, people):
        if not any(p.start < c.end and c.start < p.end for c in found):
            found.append(p)
    return sorted(found, key=lambda m: m.start)


_TITLED = re.compile(r"(?:\s+(?:" + TITLES + r")){1,4},?\s+(?P<name>" + NAME + ")")


def learn_titled(text: str, people: People) -> None:
    """People a text introduces by a state's title: 'U.S. President Joe Biden'."""
    for c in countries_in(text):
        m = _TITLED.match(text, c.end)
        if m:
            people.learn(m["name"], c.code)
