"""Giving freed memory back to the operating system between the steps of a large read.

glibc's allocator keeps freed blocks in the process heap, and after the CSV
parser frees its large buffers it serves the reader's many million-row arrays
from that heap rather than from fresh mappings: memory that is free inside the
process still counts against it. :func:`trim` asks glibc to return free heap
memory (``malloc_trim(0)``), and Arrow's memory pool its unused blocks; it
changes no setting and does nothing on other C libraries or systems.

Examples
--------
>>> from aidstats._read.strike_file.heap import trim
>>> trim() in (True, False)
True
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
from collections.abc import Callable

__all__ = ["release_arrow", "trim"]


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        function: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc (musl has no malloc_trim)
    return function


def release_arrow() -> None:
    """Return the blocks Arrow's allocator holds free to the system (cheap: no walk of the C heap).

    After a large column is factorised, mimalloc keeps the freed buffers of the
    copies it took, and what is parsed next is allocated beside them.
    """
    arrow = sys.modules.get("pyarrow")  # never imported here: without it there is nothing to free
    if arrow is not None:
        arrow.default_memory_pool().release_unused()


def trim() -> bool:
    """Return the process heap's free memory to the system where glibc allows it; whether it ran.

    Arrow's own allocator (mimalloc or jemalloc, where pandas stores strings
    in Arrow) keeps freed blocks too: it is asked to return them as well.
    """
    release_arrow()
    function = _malloc_trim()
    if function is None:
        return False
    function(0)
    return True
