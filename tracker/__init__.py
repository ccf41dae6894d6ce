"""The diplomatic posture tracker: the event store and the command line."""

import gc

__version__ = "0.1.0"


def collect_less() -> None:
    """Run the cyclic garbage collector less often.

    An import or a fold allocates millions of short-lived objects and makes
    few cycles; at the default threshold (700 allocations) the collector
    takes about a sixth of their time, rescanning the objects that live on.
    Memory stays bounded: a collection still runs every 100,000 allocations.
    """
    gc.set_threshold(100_000, 50, 100)
