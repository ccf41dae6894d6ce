"""Pure folds from recorded events to postures, timelines and checks."""

from projections.facts import Belief, Fact, believe
from projections.posture import Posture, flatten, posture, postures, tenures, timeline

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
