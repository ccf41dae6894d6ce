"""Events about events: a retraction or a correction of an earlier record."""

from __future__ import annotations

from typing import Any, ClassVar, Literal
from uuid import UUID

from pydantic import model_validator

from events.base import Country, Event, Line, PartialDate
from events.dates import Precision

FROZEN_FIELDS = frozenset({"id", "type"})


class _Meta(Event):
    is_meta: ClassVar[bool] = True
    actor: Country | None = None  # type: ignore[assignment]
    target: Country | None = None  # type: ignore[assignment]
    occurred_on: PartialDate | None = None  # type: ignore[assignment]
    date_precision: Precision | None = None  # type: ignore[assignment]
    event_id: UUID
    reason: Line

    @model_validator(mode="before")
    @classmethod
    def _summary_from_reason(cls, data: Any) -> Any:
        if isinstance(data, dict) and "summary" not in data and "reason" in data:
            return {**data, "summary": data["reason"]}
        return data


class Retracted(_Meta):
    """Withdraws an earlier event (by `event_id`, with a `reason`)."""

    type: Literal["retracted"] = "retracted"


class Corrected(_Meta):
    """Supersedes some fields of an earlier event (`changes`, with a `reason`)."""

    type: Literal["corrected"] = "corrected"
    changes: dict[str, Any]

    @model_validator(mode="after")
    def _changes_allowed(self) -> Corrected:
        if not self.changes:
            raise ValueError("changes: must change at least one field")
        frozen = FROZEN_FIELDS & set(self.changes)
        if frozen:
            raise ValueError(
                f"changes: {sorted(frozen)[0]} cannot be corrected (retract and record anew)"
            )
        return self


CORRECTION_EVENTS: tuple[type[Event], ...] = (Retracted, Corrected)
