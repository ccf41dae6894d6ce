"""Pure folds from recorded events to postures, timelines and checks.

Names are loaded on first use (PEP 562): putting a posture together from the
posture table (projections.assembly) needs no fold and no event models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from events.lazy import lazy_names

if TYPE_CHECKING:
    from projections.facts import Belief, Fact, believe
    from projections.folds import Posture, flatten, posture, postures, tenures, timeline

_HOMES = {
    "Belief": "projections.facts",
    "Fact": "projections.facts",
    "believe": "projections.facts",
    "Posture": "projections.folds",
    "flatten": "projections.folds",
    "posture": "projections.folds",
    "postures": "projections.folds",
    "tenures": "projections.folds",
    "timeline": "projections.folds",
}

__all__ = [
    "Belief",
    "Fact",
    "Posture",
    "believe",
    "flatten",
    "posture",
    "postures",
    "tenures",
    "timeline",
]


__getattr__ = lazy_names(__name__, _HOMES)
