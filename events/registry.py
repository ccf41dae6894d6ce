"""Every event type by its `type` name, in the order `tracker types` lists them."""

from __future__ import annotations

from events.base import Event
from events.corrections import CORRECTION_EVENTS
from events.missions import MISSION_EVENTS
from events.premises import PREMISES_EVENTS
from events.relations import RELATIONS_EVENTS

ALL_TYPES: tuple[type[Event], ...] = (
    MISSION_EVENTS + PREMISES_EVENTS + RELATIONS_EVENTS + CORRECTION_EVENTS
)
REGISTRY: dict[str, type[Event]] = {cls.model_fields["type"].default: cls for cls in ALL_TYPES}
