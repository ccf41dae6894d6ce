"""Events about who heads a mission and how many staff it may keep."""

from __future__ import annotations

from typing import ClassVar, Literal

from events.base import Count, Day, Event, Line, MissionDefault, Name

Title = Literal["ambassador", "high_commissioner"]


class AmbassadorAppointed(Event):
    """Actor names a new head of its mission in target: designated."""

    type: Literal["ambassador_appointed"] = "ambassador_appointed"
    mission_default: ClassVar[MissionDefault] = "actor"
    plover: ClassVar[str | None] = "COOPERATE"
    person: Name
    title: Title | None = None


class CredentialsPresented(Event):
    """The head of actor's mission presents credentials in target: at post."""

    type: Literal["credentials_presented"] = "credentials_presented"
    mission_default: ClassVar[MissionDefault] = "actor"
    plover: ClassVar[str | None] = "COOPERATE"
    person: Name
    stage: Literal["copies", "ceremony"] | None = None
    title: Title | None = None


class AmbassadorRecalled(Event):
    """Actor calls its head of mission home from target (still accredited)."""

    type: Literal["ambassador_recalled"] = "ambassador_recalled"
    mission_default: ClassVar[MissionDefault] = "actor"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"
    person: Name | None = None
    reason: Line | None = None


class AmbassadorReturned(Event):
    """Actor's recalled head of mission goes back to post in target."""

    type: Literal["ambassador_returned"] = "ambassador_returned"
    mission_default: ClassVar[MissionDefault] = "actor"
    plover: ClassVar[str | None] = "COOPERATE"
    person: Name | None = None


class AmbassadorExpelled(Event):
    """Actor (host) declares target's head of mission persona non grata."""

    type: Literal["ambassador_expelled"] = "ambassador_expelled"
    mission_default: ClassVar[MissionDefault] = "target"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"
    person: Name | None = None


class AmbassadorDeparted(Event):
    """The tenure of actor's head of mission in target ends: post vacant."""

    type: Literal["ambassador_departed"] = "ambassador_departed"
    mission_default: ClassVar[MissionDefault] = "actor"
    person: Name | None = None


class ChargeDAffairesNamed(Event):
    """Actor names who leads its mission in target while the head is away."""

    type: Literal["charge_d_affaires_named"] = "charge_d_affaires_named"
    mission_default: ClassVar[MissionDefault] = "actor"
    person: Name


class DiplomatsExpelled(Event):
    """Actor (host) expels diplomats of target's mission."""

    type: Literal["diplomats_expelled"] = "diplomats_expelled"
    mission_default: ClassVar[MissionDefault] = "target"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"
    count: Count | None = None
    deadline: Day | None = None


class StaffCapImposed(Event):
    """Actor (host) limits the staff of target's mission to `cap`."""

    type: Literal["staff_cap_imposed"] = "staff_cap_imposed"
    mission_default: ClassVar[MissionDefault] = "target"
    cameo: ClassVar[str | None] = "161"
    plover: ClassVar[str | None] = "SANCTION"
    cap: Count


class StaffCapLifted(Event):
    """Actor (host) lifts its limit on the staff of target's mission."""

    type: Literal["staff_cap_lifted"] = "staff_cap_lifted"
    mission_default: ClassVar[MissionDefault] = "target"
    cameo: ClassVar[str | None] = "081"
    plover: ClassVar[str | None] = "CONCEDE"


# The types that change who heads the mission.
HEAD_EVENTS: tuple[type[Event], ...] = (
    AmbassadorAppointed,
    CredentialsPresented,
    AmbassadorRecalled,
    AmbassadorReturned,
    AmbassadorExpelled,
    AmbassadorDeparted,
)
HEAD_TYPES: tuple[str, ...] = tuple(cls.model_fields["type"].default for cls in HEAD_EVENTS)

MISSION_EVENTS: tuple[type[Event], ...] = (
    *HEAD_EVENTS,
    ChargeDAffairesNamed,
    DiplomatsExpelled,
    StaffCapImposed,
    StaffCapLifted,
)
