"""Events about the relationship as a whole: relations, talks, agreements."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal
from uuid import UUID

from pydantic import Field, model_validator

from events.base import Day, Event, Line, Name, Text

Level = Literal["ambassador", "charge_d_affaires", "interests_section", "none"]
Term = Literal[
    "ambassadors_return",
    "ambassadors_exchange",
    "embassies_reopen",
    "consulates_reopen",
    "staff_cap_lifted",
    "staffing_restored",
    "further_talks",
]
TERMS: tuple[str, ...] = Term.__args__  # type: ignore[attr-defined]


class RelationsSevered(Event):
    """Actor breaks off diplomatic relations with target."""

    type: Literal["relations_severed"] = "relations_severed"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"


class RelationsRestored(Event):
    """Actor and target (re-)establish diplomatic relations."""

    type: Literal["relations_restored"] = "relations_restored"
    plover: ClassVar[str | None] = "COOPERATE"


class RelationsDowngraded(Event):
    """Actor lowers the representation between the two to at most `level`."""

    type: Literal["relations_downgraded"] = "relations_downgraded"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"
    level: Level


class RelationsUpgraded(Event):
    """Actor raises the representation between the two to at most `level`."""

    type: Literal["relations_upgraded"] = "relations_upgraded"
    plover: ClassVar[str | None] = "COOPERATE"
    level: Level


class TalksHeld(Event):
    """Actor and target hold talks (an engagement; changes no status)."""

    type: Literal["talks_held"] = "talks_held"
    cameo: ClassVar[str | None] = "040"
    plover: ClassVar[str | None] = "CONSULT"
    place: Name | None = None
    rank: Name | None = None
    topic: Line | None = None


class AgreementReached(Event):
    """Actor and target agree on terms: an open commitment until fulfilled."""

    type: Literal["agreement_reached"] = "agreement_reached"
    cameo: ClassVar[str | None] = "057"
    plover: ClassVar[str | None] = "AGREE"
    terms: Annotated[list[Term], Field(min_length=1)]
    cities: list[Name] | None = None
    text: Text | None = None
    due: Day | None = None

    @model_validator(mode="after")
    def _cities_for_consulates(self) -> AgreementReached:
        if len(set(self.terms)) != len(self.terms):
            raise ValueError("terms: a term is listed twice")
        if "consulates_reopen" in self.terms and not self.cities:
            raise ValueError("cities: consulates_reopen needs the cities")
        if self.cities and "consulates_reopen" not in self.terms:
            raise ValueError("cities: only for the consulates_reopen term")
        return self


class AgreementFulfilled(Event):
    """Marks terms of an agreement fulfilled that no rule can see."""

    type: Literal["agreement_fulfilled"] = "agreement_fulfilled"
    event_id: UUID
    terms: list[Term] | None = None


RELATIONS_EVENTS: tuple[type[Event], ...] = (
    RelationsSevered,
    RelationsRestored,
    RelationsDowngraded,
    RelationsUpgraded,
    TalksHeld,
    AgreementReached,
    AgreementFulfilled,
)
