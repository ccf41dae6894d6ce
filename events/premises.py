"""Events about embassies and consulates: opened, suspended, closed."""

from __future__ import annotations

from typing import ClassVar, Literal

from events.base import Event, MissionDefault, Name


class _Premises(Event):
    mission_default: ClassVar[MissionDefault] = "required"


class EmbassyClosed(_Premises):
    """The embassy of `mission_of` closes."""

    type: Literal["embassy_closed"] = "embassy_closed"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"


class EmbassySuspended(_Premises):
    """The embassy of `mission_of` suspends its operations."""

    type: Literal["embassy_suspended"] = "embassy_suspended"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"


class EmbassyReopened(_Premises):
    """The embassy of `mission_of` opens (again)."""

    type: Literal["embassy_reopened"] = "embassy_reopened"
    plover: ClassVar[str | None] = "COOPERATE"


class ConsulateOpened(_Premises):
    """A consulate of `mission_of` in `city` opens."""

    type: Literal["consulate_opened"] = "consulate_opened"
    plover: ClassVar[str | None] = "COOPERATE"
    city: Name


class ConsulateSuspended(_Premises):
    """A consulate of `mission_of` in `city` suspends its operations."""

    type: Literal["consulate_suspended"] = "consulate_suspended"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"
    city: Name


class ConsulateClosed(_Premises):
    """A consulate of `mission_of` in `city` closes."""

    type: Literal["consulate_closed"] = "consulate_closed"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"
    city: Name


PREMISES_EVENTS: tuple[type[Event], ...] = (
    EmbassyClosed,
    EmbassySuspended,
    EmbassyReopened,
    ConsulateOpened,
    ConsulateSuspended,
    ConsulateClosed,
)
