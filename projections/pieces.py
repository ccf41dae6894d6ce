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
from typing import Any

from events import sorted_pair
from projections.assembly import WIDTH
from projections.facts import Fact
from projections.fold import apply
from projections.state import Agreement, Mission, PairState, Status

GROWING = ("w", "s0", "s1")


@dataclass(frozen=True, slots=True)
class Piece:
    """A part of a pair's posture, from `start` until the day before `end` (None: still)."""

    name: str
    start: date
    end: date | None
    body: str


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _mission(m: Mission, relations: str, ceiling: str | None) -> str:
    """A mission's JSON in two parts, around where its lists go."""
    before, after = m.parts(relations, ceiling)
    return _text(before)[:-1] + "\n" + _text(after)[1:-1]


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
            text = _text(item)
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

    def follows(self, facts: list[Fact]) -> bool:
        """Whether these facts all come after every fact folded so far."""
        return self.last is None or all(f.key > self.last for f in facts)

    def feed(self, facts: Iterable[Fact]) -> list[Piece]:
        """Fold more facts (in fold order); the pieces they end."""
        out: list[Piece] = []
        ordered = list(facts)
        i = 0
        while i < len(ordered):
            day = ordered[i].start
            self.first = self.first or day
            while i < len(ordered) and ordered[i].start == day:
                apply(self.state, ordered[i])
                self.last = ordered[i].key
                i += 1
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
        state, shown = self.state, self.shown
        relations = state.relations.status
        for n, m in enumerate(state.missions.values()):
            sign: tuple[Any, ...] = (m.head, m.successor, m.charge, m.embassy)
            sign += (m.staff_cap, m.staff_expelled, relations, state.ceiling)
            if shown.get(f"m{n}") != sign:
                shown[f"m{n}"] = sign
                self._hold(f"m{n}", day, _mission(m, relations, state.ceiling), out)
            consulates = self.consulates[n]
            for city, status in m.consulates.values():
                if consulates.get(city) is not status:  # the fold replaces, never changes, one
                    consulates[city] = status
                    self._hold(f"c{n}:{city}", day, _consulate(city, status), out)
            self.growing[f"s{n}"].extend(m.staff_event_ids, day)
        if shown.get("rel") != (state.relations,):
            shown["rel"] = (state.relations,)
            self._hold("rel", day, _text(state.relations.json()), out)
        if state.engagements is not self.engagements:
            self.engagements = state.engagements
            self._hold("eng", day, _text(state.engagements_json()), out)
        changed: dict[str, Agreement] = {ag.event_id: ag for ag in state.revised or ()}
        for ag in state.agreements[len(self.seen) :]:
            self.seen[ag.event_id] = len(self.seen)
            changed[ag.event_id] = ag
        for key, ag in changed.items():
            self._hold(f"a{self.seen[key]}", day, _text(ag.json()), out)
        state.revised = []
        self.growing["w"].extend(state.warnings, day)


def pieces(facts: Iterable[Fact], pair: tuple[str, str]) -> list[Piece]:
    """Fold the pair's facts (in fold order) and cut the posture into pieces."""
    cutter = Cutter(pair)
    return cutter.feed(facts) + cutter.open()
