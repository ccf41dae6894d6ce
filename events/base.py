"""The common event model: fields every event carries, sources, confidence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from events import countries
from events.countries import sorted_pair
from events.dates import Precision, format_partial, parse_day, parse_partial

Confidence = Literal["confirmed", "reported", "claimed", "disputed"]
MissionDefault = Literal["actor", "target", "required"] | None

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _country(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a country code or name")
    return countries.resolve(value)


def _partial(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a date as text (YYYY-MM-DD, YYYY-MM or YYYY)")
    start, precision = parse_partial(value)
    return value if precision == "day" else format_partial(start, precision)


def _day(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError("must be an ISO date (YYYY-MM-DD)")
    return parse_day(value).isoformat()


def _line(limit: int) -> AfterValidator:
    def check(value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        if "\n" in value or "\r" in value:
            raise ValueError("must be one line")
        if len(value) > limit:
            raise ValueError(f"must be at most {limit:,} characters")
        if _CONTROL.search(value):
            raise ValueError("must not contain control characters")
        return value

    return AfterValidator(check)


def _no_escapes(value: str) -> str:
    if _CONTROL.search(value.replace("\n", "").replace("\t", "")):
        raise ValueError("must not contain control characters")
    return value


_URL = re.compile(r"https?://[^\s/?#@]+(?:[/?#]\S*)?", re.IGNORECASE)


def _real(text: str) -> bool:
    """Whether a partial date is a real one (else occurred_on reports it)."""
    try:
        parse_partial(text)
    except ValueError:
        return False
    return True


def _url(value: str) -> str:
    if not _URL.fullmatch(value):
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


Country = Annotated[str, BeforeValidator(_country)]
PartialDate = Annotated[str, BeforeValidator(_partial)]
Day = Annotated[str, BeforeValidator(_day)]
Line = Annotated[str, Field(strict=True), _line(1000)]
Name = Annotated[str, Field(strict=True), _line(300)]
Text = Annotated[str, Field(strict=True, max_length=10_000), AfterValidator(_no_escapes)]
Count = Annotated[int, Field(strict=True, ge=0)]

# The form of a partial date gives its precision; its validity is checked on the field.
_SHAPES: dict[int, Precision] = {10: "day", 7: "month", 4: "year"}

_CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Source(BaseModel):
    """Where a report came from: any of url, publisher, title, date, a short quote."""

    model_config = _CONFIG
    url: Annotated[str, Field(strict=True), _line(2000), AfterValidator(_url)] | None = None
    publisher: Name | None = None
    title: Line | None = None
    published_on: PartialDate | None = None
    quote: Line | None = None

    @model_validator(mode="after")
    def _names_something(self) -> Source:
        if not (self.url or self.publisher or self.title):
            raise ValueError("a source needs a url, a publisher or a title")
        return self


class Event(BaseModel):
    """Fields every event carries; subclasses add their type's own fields."""

    model_config = _CONFIG
    class_version: ClassVar[int] = 1
    cameo: ClassVar[str | None] = None
    plover: ClassVar[str | None] = None
    mission_default: ClassVar[MissionDefault] = None
    is_meta: ClassVar[bool] = False

    id: UUID
    type: str
    actor: Country
    target: Country
    mission_of: Country | None = None
    occurred_on: PartialDate
    date_precision: Precision
    announced_on: Day | None = None
    summary: Line
    sources: list[Source] = []
    confidence: Confidence = "reported"
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _precision_from_date(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("occurred_on"), str):
            precision = _SHAPES.get(len(data["occurred_on"]))
            if precision is None:
                return data
            given = data.get("date_precision")
            if given is None:
                data = {**data, "date_precision": precision}
            elif given != precision and _real(data["occurred_on"]):
                raise ValueError(
                    f"date_precision: {given!r} does not agree with occurred_on "
                    f"{data['occurred_on']!r} ({precision})"
                )
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if self.actor is not None and self.actor == self.target:
            raise ValueError("target: must differ from actor")
        if self.confidence in ("confirmed", "reported") and not self.sources and not self.is_meta:
            raise ValueError(f"sources: a {self.confidence} event needs at least one source")
        if self.mission_default == "required" and self.mission_of is None:
            raise ValueError("mission_of: required for this type (actor or target)")
        if self.mission_of is not None and self.mission_of not in (
            self.actor,
            self.target,
        ):
            raise ValueError("mission_of: must be the actor or the target")
        return self

    @property
    def start(self) -> date:
        """The first day the event applies (month and year dates: the 1st)."""
        return parse_partial(self.occurred_on)[0]

    @property
    def mission(self) -> str | None:
        """Whose mission the event touches (the sending state)."""
        if self.mission_of is not None:
            return self.mission_of
        if self.mission_default == "actor":
            return self.actor
        if self.mission_default == "target":
            return self.target
        return None

    @property
    def pair(self) -> tuple[str, str]:
        return sorted_pair(self.actor, self.target)

    @classmethod
    def describe(cls) -> str:
        return (cls.__doc__ or "").strip().splitlines()[0]


@dataclass(frozen=True, slots=True)
class Recorded:
    """An event as the store holds it: with its recording time and order."""

    event: Event
    recorded_at: datetime
    seq: int
