"""Who acts and who is acted on, from where the states sit in a sentence.

Rules, in the words of a reviewer:

- an envoy phrase names the sending state and, often, the host and the person:
  "Russia's ambassador to the United States, Anatoly Antonov", "U.S.
  Ambassador John Sullivan", "the two ambassadors" (both directions);
- an object names its owner: "10 Russian diplomats", "the U.S. consulate",
  "diplomats from Russia", "its embassy" (the acting state's own);
- the acting state is the one just before the trigger when possessive
  ("Washington's expulsion of"), else a passive agent ("expelled by Poland",
  "ordered to leave Poland"), else the first state the sentence names;
- a state after "in", "at" or "to" ("talks in Saudi Arabia", "a visit to
  Qatar") is a place, not a party; the speaker's own words ("..., Lavrov said")
  name the speaker, not a party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.draft.names import NAME, Mention, People

ENVOY_WORD = re.compile(
    r"\b(?:[Aa]mbassadors?|[Ee]nvoys?|[Cc]harg[ée] d['’][Aa]ffaires)\b(?!-designate\b)"
)
_ADJECTIVES = r"(?:(?:the|new|former|top|outgoing|incoming|own|then|current|acting|two|both)\s+)*"
_OWNER_GAP = re.compile(r"\s*" + _ADJECTIVES)
_OWN = re.compile(r"\b(?:its|their)\s+" + _ADJECTIVES + r"$")
_PLURAL = re.compile(r"\b(?:two|both|respective|their|the)\s+(?:\w+\s+)?$", re.I)
_HOST = re.compile(r"\s+(?:to|in)\s+")
_PERSON_AFTER = re.compile(r",?\s+(?P<name>" + NAME + ")")
_PERSON_BEFORE = re.compile(r"(?P<name>" + NAME + r"),\s+(?:the\s+)?$")
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|to|near|visit to|trip to)\s+(?:the\s+)?"
    r"|\b(?:in|at)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?,?\s+(?:and\s+)?)$"
)
_AGENT_BY = re.compile(r"\b(?:by|from)\s+(?:the\s+)?$")
_AGENT_LEAVE = re.compile(r"\b(?:leave|left|out of)\s+(?:the\s+)?$")
_PASSIVE = re.compile(r"\b(?:was|were|been|be|is|are|being)\s+\w+ed\b")
OBJECTS = re.compile(
    r"\b(?:diplomats?|diplomatic staff|staff|staffers|personnel|employees|officials|officers|"
    r"spies|embass(?:y|ies)|consulates?(?:[- ]general)?|mission)\b",
    re.I,
)
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:\d[\d,]*|the|its|their|diplomatic|embassy|consular|more|other|general)\s+){0,3}"
)
_OBJECT_OF = re.compile(r"\s+(?:of|from|at|for)\s+(?:the\s+)?")


@dataclass(frozen=True)
class Envoy:
    """A head of mission a sentence names."""

    start: int
    end: int
    owner: str | None
    host: str | None
    person: str | None
    plural: bool
    own: bool


def _ending_at(ms: list[Mention], end: int, text: str, gap: re.Pattern[str]) -> Mention | None:
    for m in reversed(ms):
        if m.end <= end and gap.fullmatch(text[m.end : end]):
            return m
    return None


def envoys(text: str, ms: list[Mention], people: People) -> list[Envoy]:
    """The envoys a sentence names, with what it says of each."""
    out = []
    for w in ENVOY_WORD.finditer(text):
        owner_m = _ending_at(ms, w.start(), text, _OWNER_GAP)
        owner = owner_m.code if owner_m else None
        own = bool(_OWN.search(text[: w.start()]))
        after, host = w.end(), None
        h = _HOST.match(text, after)
        if h:
            skip = re.match(r"the\s+", text[h.end() :])
            at = h.end() + (skip.end() if skip and not _starts(ms, h.end()) else 0)
            host_m = _starts(ms, at)
            if host_m:
                host, after = host_m.code, host_m.end
        person = None
        p = _PERSON_AFTER.match(text, after)
        if p and not _starts(ms, p.start("name"), country_only=True):
            person = p["name"]
        elif owner_m is not None:
            b = _PERSON_BEFORE.search(text[: owner_m.start])
            person = b["name"] if b else None
        if person is not None:
            key = person if person in people.states else person.split()[-1]
            owner = owner or people.states.get(key)
            host = host or people.posts.get(key)
            if owner is not None:
                people.learn(person, owner, host)
        plural = w.group(0).lower().endswith("s") and bool(_PLURAL.search(text[: w.start()]))
        out.append(Envoy(w.start(), w.end(), owner, host, person, plural, own))
    return out


def _starts(ms: list[Mention], at: int, *, country_only: bool = False) -> Mention | None:
    for m in ms:
        if m.start == at and not (country_only and m.person):
            return m
    return None


def known_envoys(ms: list[Mention], people: People) -> list[Envoy]:
    """People the store knows as envoys, named without the word 'ambassador'."""
    out = []
    for m in ms:
        if m.person and m.person.split()[-1] in people.posts:
            key = m.person.split()[-1]
            out.append(Envoy(m.start, m.end, m.code, people.posts[key], m.person, False, False))
    return out


def is_place(text: str, m: Mention) -> bool:
    """Whether a state is named as a place ("in Saudi Arabia") rather than a party."""
    return bool(_PLACE_BEFORE.search(text[: m.start]))


def object_owner(text: str, start: int, ms: list[Mention]) -> tuple[Mention | None, bool, int]:
    """The owner of the first object noun from `start` on: (mention, 'its', where)."""
    for o in OBJECTS.finditer(text, start):
        m = _ending_at(ms, o.start(), text, _OBJECT_GAP)
        if m is not None and m.end > start - 40:
            return m, False, o.start()
        after = _OBJECT_OF.match(text, o.end())
        if after:
            m2 = _starts(ms, after.end())
            if m2:
                return m2, False, o.start()
        if re.search(
            r"\b(?:its|their)\s+(?:\w+\s+){0,2}$", text[max(0, o.start() - 30) : o.start()]
        ):
            return None, True, o.start()
        return None, False, o.start()
    return None, False, -1


def agent(text: str, start: int, end: int, ms: list[Mention]) -> Mention | None:
    """The state a passive trigger names as acting ('expelled by Poland'), or the
    state left ('ordered to leave Poland'), right after the trigger."""
    passive = bool(_PASSIVE.search(text[max(0, start - 20) : end]))
    for m in ms:
        if not end - 10 <= m.start <= end + 30:
            continue
        before = text[max(start, m.start - 12) : m.start]
        if _AGENT_LEAVE.search(before) or (passive and _AGENT_BY.search(before)):
            return m
    return None


def subject(text: str, start: int, ms: list[Mention], skip: set[int]) -> Mention | None:
    """The acting state for a trigger at `start`; `skip`: starts of mentions to pass over."""
    before = [m for m in ms if m.end <= start and m.start not in skip and not is_place(text, m)]
    if before:
        last = before[-1]
        if last.text.endswith(("'s", "’s")) and start - last.end <= 3:
            return last
        return before[0]
    return None
