"""The mutable state a fold builds, and its JSON form (DESIGN.md's posture)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from projections.facts import Fact

ENGAGEMENTS = 5  # the talks a posture lists, newest first
LEVELS = ("none", "interests_section", "charge_d_affaires", "ambassador")
AWAY = ("recalled", "expelled", "designated", "vacant")


@dataclass
class Mark:
    """Where a value comes from: since when, how sure, which events."""

    since: date | None = None
    approximate: bool = False
    claimed: bool = False
    event_ids: tuple[str, ...] = ()
    shown: str | None = None

    @classmethod
    def of(cls, fact: Fact) -> Mark:
        e = fact.event
        return cls(fact.start, fact.approximate, fact.claimed, fact.ids, e.occurred_on)

    def json(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat() if self.since else None,
            "since_text": self.shown,
            "approximate": self.approximate,
            "claimed": self.claimed,
            "event_ids": list(self.event_ids),
        }


@dataclass
class Head:
    name: str | None = None
    title: str = "ambassador"
    status: str = "unknown"
    mark: Mark = field(default_factory=Mark)

    def json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "status": self.status} | (self.mark.json())


@dataclass
class Status:
    status: str = "unknown"
    mark: Mark = field(default_factory=Mark)
    implied: bool = False

    def json(self) -> dict[str, Any]:
        out = {"status": self.status} | self.mark.json()
        return out | ({"implied": True} if self.implied else {})


@dataclass
class Named:
    name: str
    mark: Mark
    title: str = "ambassador"

    def json(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title} | self.mark.json()


@dataclass
class Mission:
    """One direction: the sending state's mission in the host."""

    head: Head = field(default_factory=Head)
    successor: Named | None = None
    charge: Named | None = None
    embassy: Status = field(default_factory=Status)
    consulates: dict[str, tuple[str, Status]] = field(default_factory=dict)
    staff_cap: int | None = None
    staff_expelled: int = 0
    staff_event_ids: list[str] = field(default_factory=list)

    def level(self, relations: str, ceiling: str | None) -> str:
        if relations == "severed" or self.embassy.status in ("closed", "suspended"):
            return "none"
        if self.head.status == "at_post":
            base = "ambassador"
        elif self.head.status in AWAY or self.charge is not None:
            base = "charge_d_affaires"
        else:
            base = "unknown"
        if ceiling is None:
            return base
        if base == "unknown":
            return ceiling if ceiling in ("none", "interests_section") else base
        return min(base, ceiling, key=LEVELS.index)

    def json(self, relations: str, ceiling: str | None) -> dict[str, Any]:
        head, tail = self.parts(relations, ceiling)
        return (
            head
            | {"consulates": self.consulate_list()}
            | tail
            | {"staff_event_ids": list(self.staff_event_ids)}
        )

    def parts(self, relations: str, ceiling: str | None) -> tuple[dict[str, Any], dict[str, Any]]:
        """The JSON before the consulates, and between them and the staff ids."""
        head = {
            "head": self.head.json(),
            "successor": self.successor.json() if self.successor else None,
            "charge_d_affaires": _charge_json(self.charge) if self.charge else None,
            "level": self.level(relations, ceiling),
            "embassy": self.embassy.json(),
        }
        return head, {"staff_cap": self.staff_cap, "staff_expelled": self.staff_expelled}

    def consulate_list(self) -> list[dict[str, Any]]:
        return [
            {"city": city} | status.json()
            for city, status in sorted(self.consulates.values(), key=lambda c: c[0])
        ]


def _charge_json(charge: Named) -> dict[str, Any]:
    return {"name": charge.name} | charge.mark.json()


# The JSON of a mission's head, successor, chargé and embassy (when not None).
PART_JSON: tuple[Callable[[Any], dict[str, Any]], ...] = (
    Head.json,
    Named.json,
    _charge_json,
    Status.json,
)


@dataclass
class Agreement:
    """An agreement as the fold keeps it: what it says, and each term's fulfilment.

    It keeps the agreement's own fields rather than its event, so a saved fold
    (the pickled tail in tracker/postures.py) stays small however many agreements a pair has.
    """

    event_id: str
    mark: Mark
    summary: str
    cities: list[str] | None
    text: str | None
    due: str | None
    terms: dict[str, list[str] | None]

    @classmethod
    def of(cls, fact: Fact) -> Agreement:
        e: Any = fact.event
        return cls(
            fact.ids[0],
            Mark.of(fact),
            e.summary,
            e.cities,
            e.text,
            e.due,
            {t: None for t in e.terms},
        )

    @property
    def fulfilled(self) -> bool:
        return all(by is not None for by in self.terms.values())

    def json(self) -> dict[str, Any]:
        by: list[str] = []
        for ids in self.terms.values():
            by += [i for i in ids or () if i not in by]
        return {
            "event_id": self.event_id,
            "terms": list(self.terms),
            "cities": self.cities,
            "text": self.text,
            "due": self.due,
            "summary": self.summary,
            "fulfilled": self.fulfilled,
            "fulfilled_by": by,
            "term_status": {
                t: {"fulfilled": ids is not None, "fulfilled_by": ids or []}
                for t, ids in self.terms.items()
            },
        } | self.mark.json()


@dataclass
class PairState:
    """The posture of a pair as a fold goes: two missions and the relationship."""

    a: str
    b: str
    missions: dict[str, Mission] = field(default_factory=dict)
    relations: Status = field(default_factory=Status)
    ceiling: str | None = None
    agreements: list[Agreement] = field(default_factory=list)
    open_terms: dict[str, list[Agreement]] = field(default_factory=dict)
    engagements: list[Fact] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    # When a list, each agreement whose terms change is added to it (see pieces.py).
    revised: list[Agreement] | None = None

    def __post_init__(self) -> None:
        self.missions = {f"{self.a}->{self.b}": Mission(), f"{self.b}->{self.a}": Mission()}

    def mission(self, sender: str) -> Mission:
        host = self.b if sender == self.a else self.a
        return self.missions[f"{sender}->{host}"]

    def warn(self, fact: Fact, message: str) -> None:
        self.warnings.append(
            {"on": fact.start.isoformat(), "event_id": fact.ids[0], "message": message}
        )

    def engagements_listed(self) -> list[Fact]:
        """The last talks held, newest first."""
        return self.engagements[-ENGAGEMENTS:][::-1]

    def engagements_json(self) -> list[dict[str, Any]]:
        return [engagement_json(f) for f in self.engagements_listed()]

    def json(self) -> dict[str, Any]:
        rel = self.relations.status
        return {
            "pair": [self.a, self.b],
            "missions": {k: m.json(rel, self.ceiling) for k, m in self.missions.items()},
            "relations": self.relations.json(),
            "agreements": [a.json() for a in self.agreements],
            "engagements": self.engagements_json(),
            "warnings": list(self.warnings),
        }


def engagement_json(fact: Fact) -> dict[str, Any]:  # one of the talks a posture lists
    e = fact.event
    return {
        "event_id": fact.ids[0],
        "place": getattr(e, "place", None),
        "rank": getattr(e, "rank", None),
        "topic": getattr(e, "topic", None),
        "summary": e.summary,
    } | Mark.of(fact).json()
