"""The diplomatic posture tracker: the event store and the command line."""

__version__ = "0.1.0"
