"""The event vocabulary of the diplomatic posture tracker: models, no I/O."""

from events.base import Event, Recorded, Source, sorted_pair
from events.corrections import Corrected, Retracted
from events.parsing import InvalidEvent, canonical, parse, revise, to_record
from events.registry import ALL_TYPES, REGISTRY

__all__ = [
    "ALL_TYPES",
    "REGISTRY",
    "Corrected",
    "Event",
    "InvalidEvent",
    "Recorded",
    "Retracted",
    "Source",
    "canonical",
    "parse",
    "revise",
    "sorted_pair",
    "to_record",
]
