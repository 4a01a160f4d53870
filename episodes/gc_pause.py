"""Pause Python's cyclic garbage collector through a burst of allocation.

Listing a long show and writing its feed make hundreds of thousands of small objects
(records, entries, items, elements) that hold no reference cycles; the collector would
still walk every live object each time enough were made, which costs about as much as
the work itself. Plain reference counting frees them as usual while it is paused, and
any cycle made meanwhile is collected once it runs again.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector inside the block; nested uses keep it off to the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
