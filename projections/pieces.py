"""A pair's posture cut into pieces, each with the days it holds.

A read model that stores these answers "every pair at D" without folding: the
posture of a pair at D is `assembly.assemble` of the pieces that hold on D, and
it is the same text as `json.dumps(posture(...))`. A piece is one part of the
posture's JSON:

- `p`: the posture's text from its start to where the agreements go: both
  missions and the relations, without the lists that other pieces hold,
  and a newline where each such list goes (JSON text has no raw newline);
  `c0:<city>`, `c1:<city>`: each consulate; `eng`: the talks listed;
  `a<n>`: the n-th agreement. A new piece of the same name starts each day
  its text changes.
- `g`: the warnings and each mission's `staff_event_ids`. These only grow, so
  the list at any day is a prefix of the whole list: one piece holds the three
  whole lists, and for each where each item ends and how many items each day
  ends with, in fixed-width columns that a lookup bisects without parsing.

A pair has at least three pieces on a day, so an answer about every pair
reads about three rows a pair: each row read costs more than its text.

Storing the whole posture for every day it changes would cost as much as the
posture's size times its changes: a busy pair has thousands of warnings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from json.encoder import encode_basestring
from typing import Any

from events import sorted_pair
from projections.assembly import WIDTH
from projections.facts import Fact
from projections.fold import apply
from projections.state import (
    PART_JSON,
    Agreement,
    Mission,
    PairState,
    Status,
    engagement_json,
)

GROWING = ("w", "s0", "s1")  # in the order of their sections in `g`
_STAFF = GROWING[1:]  # each mission's staff ids
_UNSEEN = object()


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a pair's posture, from `start` until the day before `end` (None: still)."""

    name: str
    start: date
    end: date | None
    body: str


_text = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(value, ensure_ascii=False)


_string = encode_basestring  # json.dumps of a str, ensure_ascii=False


class _MissionText:
    """A mission's JSON in two parts, around where its lists go.

    A new day usually replaces one part of a mission (its head, say): the
    text of each part is kept, and made again only for a part that was
    replaced (the fold replaces these values, never changes one in place).
    """

    def __init__(self) -> None:
        self.parts: list[tuple[Any, str]] = [(_UNSEEN, "")] * 4

    def text(self, m: Mission, relations: str, ceiling: str | None) -> tuple[str, str]:
        texts = []
        for i, value in enumerate((m.head, m.successor, m.charge, m.embassy)):
            seen, text = self.parts[i]
            if seen is not value:
                text = "null" if value is None else _text(PART_JSON[i](value))
                self.parts[i] = (value, text)
            texts.append(text)
        head, successor, charge, embassy = texts
        cap = "null" if m.staff_cap is None else str(m.staff_cap)
        return (
            f'{{"head": {head}, "successor": {successor}, "charge_d_affaires": {charge}, '
            f'"level": {_string(m.level(relations, ceiling))}, "embassy": {embassy}',
            f'"staff_cap": {cap}, "staff_expelled": {m.staff_expelled}',
        )


class _Texts:
    """Texts a fold keeps to make the next day's pieces from (not pickled with it)."""

    def __init__(self) -> None:
        self.missions = (_MissionText(), _MissionText())
        self.listed: dict[int, str] = {}  # the talks listed, by seq

    def talks(self, listed: list[Fact]) -> str:
        """The JSON list of the talks listed: each one's text is made once."""
        texts = {f.seq: self.listed.get(f.seq) or _text(engagement_json(f)) for f in listed}
        self.listed = texts
        return f"[{', '.join(texts.values())}]"


def _consulate(city: str, status: Status) -> str:
    return _text({"city": city} | status.json())


class _Growing:
    """An append-only list as text: where each item ends, and how many each day holds.

    It pickles each list of texts as one text (a busy pair's fold is saved with
    tens of thousands of items), and goes on appending to it after unpickling.
    """

    def __init__(self) -> None:
        self.count = 0  # items
        self.parts: list[str] = []  # the items' texts, or runs of them joined by ", "
        self.length = 0
        self.ends: list[str] = []
        self.cuts: list[str] = []

    def __getstate__(self) -> dict[str, Any]:
        return self.__dict__ | {
            "parts": [", ".join(self.parts)] if self.parts else [],
            "ends": ["".join(self.ends)],
            "cuts": ["".join(self.cuts)],
        }

    def extend(self, items: list[Any], day: date) -> None:
        if len(items) == self.count:
            return
        for item in items[self.count :]:
            text = _string(item) if isinstance(item, str) else _text(item)
            self.length += len(text) + (2 if self.parts else 0)
            self.ends.append(f"{self.length:0{WIDTH}d}")
            self.parts.append(text)
        self.count = len(items)
        self.cuts.append(f"{day.toordinal():0{WIDTH}d}{self.count:0{WIDTH}d}")

    def body(self) -> str:
        return "".join(self.cuts) + "\n" + "".join(self.ends) + "\n" + ", ".join(self.parts)


def _growing_body(lists: dict[str, _Growing]) -> str:
    """The three growing lists in one body: where each section starts, then each."""
    sections = [lists[name].body() for name in GROWING]
    starts, at = [], len(GROWING) * WIDTH
    for section in sections:
        starts.append(f"{at:0{WIDTH}d}")
        at += len(section)
    return "".join(starts) + "".join(sections)


class Cutter:
    """Folds a pair's facts and cuts its posture into pieces as it goes.

    It pickles whole, so a later fold can go on where this one stopped with
    facts that all come after the last one it folded (`follows`).
    """

    def __init__(self, pair: tuple[str, str]) -> None:
        a, b = sorted_pair(*pair)
        self.state = PairState(a, b, revised=[])
        self.opening = f'{{"pair": [{_string(a)}, {_string(b)}], "missions": {{'
        self.keys = (_string(f"{a}->{b}"), _string(f"{b}->{a}"))
        self.held: dict[str, tuple[date, str]] = {}
        self.growing = {name: _Growing() for name in GROWING}
        self.engagements: list[Fact] | None = None
        self.seen: dict[str, int] = {}  # agreement event id -> its place in the list
        self.shown: dict[str, tuple[Any, ...]] = {}
        self.consulates: tuple[dict[str, Status], ...] = ({}, {})
        self.first: date | None = None
        self.last: tuple[date, int] | None = None  # fold order of the last fact folded
        self.texts = _Texts()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "texts"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.texts = _Texts()

    def follows(self, facts: list[Fact]) -> bool:
        """Whether these facts all come after every fact folded so far."""
        return self.last is None or all(f.key > self.last for f in facts)

    def feed(self, facts: Iterable[Fact]) -> list[Piece]:
        """Fold more facts (in fold order); the pieces they end."""
        out: list[Piece] = []
        ordered = list(facts)
        state, count, i = self.state, len(ordered), 0
        while i < count:
            day = ordered[i].start
            if self.first is None:
                self.first = day
            while i < count and ordered[i].start == day:
                apply(state, ordered[i])
                i += 1
            self.last = ordered[i - 1].key
            self._cut(day, out)
        return out

    def open(self) -> list[Piece]:
        """The pieces that hold until now."""
        out = [Piece(name, start, None, body) for name, (start, body) in self.held.items()]
        if self.first is not None:
            out.append(Piece("g", self.first, None, _growing_body(self.growing)))
        return out

    def _hold(self, name: str, day: date, body: str, out: list[Piece]) -> None:
        was = self.held.get(name)
        if was is not None and was[1] == body:
            return
        if was is not None and was[0] != day:
            out.append(Piece(name, was[0], day, was[1]))
        self.held[name] = (day, body)

    def _cut(self, day: date, out: list[Piece]) -> None:
        state, shown, growing, texts = self.state, self.shown, self.growing, self.texts
        relations, ceiling = state.relations.status, state.ceiling
        sign: tuple[Any, ...] = (state.relations, ceiling)
        for n, m in enumerate(state.missions.values()):
            sign += (m.head, m.successor, m.charge, m.embassy, m.staff_cap, m.staff_expelled)
            consulates = self.consulates[n]
            for city, status in m.consulates.values():
                if consulates.get(city) is not status:  # the fold replaces, never changes, one
                    consulates[city] = status
                    self._hold(f"c{n}:{city}", day, _consulate(city, status), out)
            growing[_STAFF[n]].extend(m.staff_event_ids, day)
        if shown.get("p") != sign:
            shown["p"] = sign
            self._hold("p", day, self._posture_text(relations, ceiling), out)
        if state.engagements is not self.engagements:
            self.engagements = state.engagements
            self._hold("eng", day, texts.talks(state.engagements_listed()), out)
        if state.revised or len(state.agreements) > len(self.seen):
            changed: dict[str, Agreement] = {ag.event_id: ag for ag in state.revised or ()}
            for ag in state.agreements[len(self.seen) :]:
                self.seen[ag.event_id] = len(self.seen)
                changed[ag.event_id] = ag
            for key, ag in changed.items():
                self._hold(f"a{self.seen[key]}", day, _text(ag.json()), out)
            state.revised = []
        growing["w"].extend(state.warnings, day)

    def _posture_text(self, relations: str, ceiling: str | None) -> str:
        """The `p` piece: the posture's text up to the agreements, with a newline
        where each mission's consulates and staff ids go (see assembly.assemble)."""
        out = []
        for n, m in enumerate(self.state.missions.values()):
            before, after = self.texts.missions[n].text(m, relations, ceiling)
            opening = self.opening if n == 0 else "]}, "
            out.append(f'{opening}{self.keys[n]}: {before}, "consulates": [')
            out.append(f'], {after}, "staff_event_ids": [')
        relations_text = _text(self.state.relations.json())
        out.append(f']}}}}, "relations": {relations_text}, "agreements": [')
        return "\n".join(out)


def pieces(facts: Iterable[Fact], pair: tuple[str, str]) -> list[Piece]:
    """Fold the pair's facts (in fold order) and cut the posture into pieces."""
    cutter = Cutter(pair)
    return cutter.feed(facts) + cutter.open()
