"""A pair's posture cut into pieces, each with the days it holds.

A read model that stores these answers "every pair at D" without folding: the
posture of a pair at D is `assembly.assemble` of the pieces that hold on D, and
it is the same text as `json.dumps(posture(...))`. A piece is one part of the
posture's JSON:

- `m0`, `m1`: each mission (in the posture's order) without its consulates
  and `staff_event_ids`; `c0:<city>`, `c1:<city>`: each consulate;
  `rel`: the relations; `eng`: the talks listed; `a<n>`: the n-th agreement.
  A new piece of the same name starts each day its text changes.
- `w`, `s0`, `s1`: the warnings and each mission's `staff_event_ids`. These
  only grow, so the list at any day is a prefix of the whole list: one piece
  holds the whole list, where each item ends and how many items each day
  ends with, in fixed-width columns that a lookup bisects without parsing.

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

GROWING = ("w", "s0", "s1")
_MISSIONS = (("m0", "s0"), ("m1", "s1"))  # each mission's piece and its staff ids' piece
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

    def text(self, m: Mission, relations: str, ceiling: str | None) -> str:
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
            f'"level": {_string(m.level(relations, ceiling))}, "embassy": {embassy}\n'
            f'"staff_cap": {cap}, "staff_expelled": {m.staff_expelled}'
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
    """An append-only list as text: where each item ends, and how many each day holds."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.ends: list[str] = []
        self.cuts: list[str] = []

    def extend(self, items: list[Any], day: date) -> None:
        if len(items) == len(self.parts):
            return
        for item in items[len(self.parts) :]:
            text = _string(item) if isinstance(item, str) else _text(item)
            self.length += len(text) + (2 if self.parts else 0)
            self.ends.append(f"{self.length:0{WIDTH}d}")
            self.parts.append(text)
        self.cuts.append(f"{day.toordinal():0{WIDTH}d}{len(self.parts):0{WIDTH}d}")

    def body(self) -> str:
        return "".join(self.cuts) + "\n" + "".join(self.ends) + "\n" + ", ".join(self.parts)


class Cutter:
    """Folds a pair's facts and cuts its posture into pieces as it goes.

    It pickles whole, so a later fold can go on where this one stopped with
    facts that all come after the last one it folded (`follows`).
    """

    def __init__(self, pair: tuple[str, str]) -> None:
        self.state = PairState(*sorted_pair(*pair), revised=[])
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
            out += [Piece(name, self.first, None, g.body()) for name, g in self.growing.items()]
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
        for n, m in enumerate(state.missions.values()):
            name, staff = _MISSIONS[n]
            sign: tuple[Any, ...] = (m.head, m.successor, m.charge, m.embassy)
            sign += (m.staff_cap, m.staff_expelled, relations, ceiling)
            if shown.get(name) != sign:
                shown[name] = sign
                self._hold(name, day, texts.missions[n].text(m, relations, ceiling), out)
            consulates = self.consulates[n]
            for city, status in m.consulates.values():
                if consulates.get(city) is not status:  # the fold replaces, never changes, one
                    consulates[city] = status
                    self._hold(f"c{n}:{city}", day, _consulate(city, status), out)
            growing[staff].extend(m.staff_event_ids, day)
        if shown.get("rel") != (state.relations,):
            shown["rel"] = (state.relations,)
            self._hold("rel", day, _text(state.relations.json()), out)
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


def pieces(facts: Iterable[Fact], pair: tuple[str, str]) -> list[Piece]:
    """Fold the pair's facts (in fold order) and cut the posture into pieces."""
    cutter = Cutter(pair)
    return cutter.feed(facts) + cutter.open()
