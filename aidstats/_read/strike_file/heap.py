"""Giving freed memory back to the operating system between the steps of a large read.

glibc's allocator keeps freed blocks in the process heap, and after the CSV
parser frees its large buffers it serves the reader's many million-row arrays
from that heap rather than from fresh mappings: memory that is free inside the
process still counts against it. :func:`trim` asks glibc to return free heap
memory (``malloc_trim(0)``); it changes no setting and does nothing on other C
libraries or systems.

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

__all__ = ["trim"]


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


def trim() -> bool:
    """Return the process heap's free memory to the system where glibc allows it; whether it ran."""
    function = _malloc_trim()
    if function is None:
        return False
    function(0)
    return True
