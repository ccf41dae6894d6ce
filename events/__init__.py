"""The event vocabulary of the diplomatic posture tracker: models, no I/O.

Names are loaded on first use (PEP 562), so `events.countries` or
`events.dates` can be used without building the 25 event models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from events.lazy import lazy_names

if TYPE_CHECKING:
    from events.base import Event, Recorded, Source
    from events.corrections import Corrected, Retracted
    from events.countries import sorted_pair
    from events.parsing import InvalidEvent, canonical, parse, revise, to_record
    from events.registry import ALL_TYPES, REGISTRY

_HOMES = {
    "Event": "events.base",
    "Recorded": "events.base",
    "Source": "events.base",
    "sorted_pair": "events.countries",
    "Corrected": "events.corrections",
    "Retracted": "events.corrections",
    "InvalidEvent": "events.parsing",
    "canonical": "events.parsing",
    "parse": "events.parsing",
    "revise": "events.parsing",
    "to_record": "events.parsing",
    "ALL_TYPES": "events.registry",
    "REGISTRY": "events.registry",
}

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


__getattr__ = lazy_names(__name__, _HOMES)
