"""Scanning the input before parsing: its first lines, NUL bytes and line count, without copying a file.

A file on disk is scanned through a memory map and later parsed from its
path, so that its bytes are never copied into Python (the C parser reads a
path several times faster than an in-memory buffer). Pipes, devices and
file-like objects are read once, into memory.

Examples
--------
>>> import io
>>> from aidstats._read.strike_file.scan import scan
>>> scanned = scan(io.BytesIO(b"\\xef\\xbb\\xbfa,b\\n1,2\\n3,4"))
>>> scanned.first_line, scanned.second_line, scanned.n_lines, scanned.has_nul, scanned.has_bare_cr
(b'a,b', b'1,2', 3, False, False)
>>> scanned.lines_at([3, 2])
[b'3,4', b'1,2\\n']
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import mmap
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import numpy as np

from aidstats.errors import DataValidationError

__all__ = ["Input", "Source", "bytes_of", "scan"]

_BOM = b"\xef\xbb\xbf"
_SCAN_STEP = 1 << 24  # bytes compared at a time when counting lines (bounds the temporary mask)

Source = str | os.PathLike[str] | IO[str] | IO[bytes]
"""What :func:`aidstats.read_strike_events` reads: a path, or a text or binary file-like object."""


def bytes_of(source: Source) -> tuple[bytes, str]:
    """(all bytes, label for messages) of a path or file-like object; unreadable input raises."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            return path.read_bytes(), str(path)
        except OSError as exc:
            raise DataValidationError(f"cannot read the file: {exc}", source=str(path)) from exc
    label = str(getattr(source, "name", "<file-like>"))
    data = source.read()
    if isinstance(data, str):
        try:
            return data.encode("utf-8"), label
        except UnicodeEncodeError as exc:
            raise DataValidationError(
                f"text is not encodable as UTF-8: {exc}", source=label
            ) from exc
    if isinstance(data, bytes | bytearray | memoryview):
        return bytes(data), label
    raise DataValidationError(
        f"read() returned {type(data).__name__}, not text or bytes", source=label
    )


@dataclasses.dataclass(frozen=True)
class Input:
    """What the readers need to know about the input before parsing it.

    A file on disk is scanned through a memory map (first line, NUL bytes,
    line count) and parsed from its path, so that its bytes are never copied
    into Python: the C parser reads a path several times faster than an
    in-memory buffer. Anything else is read into ``data``.
    """

    label: str
    first_line: bytes
    has_nul: bool
    n_lines: int
    path: Path | None = None
    data: bytes | None = None
    has_bare_cr: bool = False
    second_line: bytes = b""

    def buffer(self) -> str | io.BytesIO:
        """What ``pandas.read_csv`` reads: the path, or the bytes in memory."""
        return str(self.path) if self.data is None else io.BytesIO(self.data)

    def all_bytes(self) -> bytes:
        """Every byte of the input, without a byte-order mark."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        data, _ = bytes_of(self.path)
        return _without_bom(data)

    def lines_at(self, numbers: Sequence[int]) -> list[bytes]:
        """The bytes of the given lines (1-based, ascending), each with its line ending.

        Finds every line end once (eight bytes per line), so it is meant for
        a few lines that need a second look, not for reading the file.
        """
        if self.data is not None:
            return _lines_at(self.data, len(self.data), numbers)
        assert self.path is not None
        with open(self.path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
            return _lines_at(mm, len(mm), numbers)


def _lines_at(data: Any, size: int, numbers: Sequence[int]) -> list[bytes]:
    view = np.frombuffer(data, dtype=np.uint8)
    ends = np.concatenate(
        [np.flatnonzero(view[i : i + _SCAN_STEP] == 10) + i for i in range(0, size, _SCAN_STEP)]
        or [np.zeros(0, dtype=np.intp)]
    )
    del view  # a memory map cannot close while an array still points into it
    starts = np.r_[0, ends + 1]
    stops = np.r_[ends + 1, size]
    return [bytes(data[starts[k - 1] : stops[k - 1]]) for k in numbers]


def _without_bom(data: bytes) -> bytes:
    return data[len(_BOM) :] if data.startswith(_BOM) else data


def _lines_in(data: Any, size: int) -> tuple[int, bool]:
    """(number of lines, whether a carriage return stands outside a CR LF pair) of a bytes-like object.

    A last line without a newline counts. Lines end at LF (or CR LF) only: a
    bare CR is cell content, never the end of a record.
    """
    if size == 0:
        return 0, False
    view = np.frombuffer(data, dtype=np.uint8)
    any_return = data.find(b"\r") >= 0  # memchr: most files have none, and are not scanned twice
    newlines = returns = 0
    for i in range(0, size, _SCAN_STEP):
        chunk = view[i : i + _SCAN_STEP]
        newlines += int(np.count_nonzero(chunk == 10))
        returns += int(np.count_nonzero(chunk == 13)) if any_return else 0
    bare = False
    if returns:
        pairs = 0
        for i in range(0, size - 1, _SCAN_STEP):
            stop = min(i + _SCAN_STEP, size - 1)
            pairs += int(np.count_nonzero((view[i:stop] == 13) & (view[i + 1 : stop + 1] == 10)))
        bare = pairs != returns
    last = int(view[-1])
    del view  # a memory map cannot close while an array still points into it
    return newlines + (0 if last == 10 else 1), bare


def _second_line(data: Any, end: int) -> bytes:
    """The line after the first newline at ``end`` (without its line ending); b"" where none."""
    if end < 0:
        return b""
    stop = data.find(b"\n", end + 1)
    return bytes(data[end + 1 : stop if stop >= 0 else len(data)])


def _scan_bytes(data: bytes, label: str) -> Input:
    data = _without_bom(data)
    end = data.find(b"\n")
    first = data[: end if end >= 0 else len(data)]  # not split(): that would copy the whole file
    n_lines, bare = _lines_in(data, len(data))
    return Input(
        label,
        first,
        b"\x00" in data,
        n_lines,
        data=data,
        has_bare_cr=bare,
        second_line=_second_line(data, end),
    )


def scan(source: Source) -> Input:
    """Scan ``source``: memory-mapped for a regular file on disk, read into memory otherwise."""
    if not isinstance(source, str | os.PathLike):
        return _scan_bytes(*bytes_of(source))
    path = Path(source)
    try:
        with open(path, "rb") as fh:
            info = os.fstat(fh.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > 0:
                # A file system that cannot map: read the file instead.
                with contextlib.suppress(OSError, ValueError):
                    return _scan_mapped(fh, info.st_size, path)
            # Pipes and devices are read once, from the handle already open (a second open could lose data).
            return _scan_bytes(fh.read(), str(path))
    except OSError as exc:
        raise DataValidationError(f"cannot read the file: {exc}", source=str(path)) from exc


def _scan_mapped(fh: IO[bytes], size: int, path: Path) -> Input:
    with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        bom = len(_BOM) if mm[: len(_BOM)] == _BOM else 0
        end = mm.find(b"\n")
        first = mm[bom : end if end >= 0 else size]
        n_lines, bare = _lines_in(mm, size)
        return Input(
            str(path),
            first,
            mm.find(b"\x00") >= 0,
            n_lines,
            path=path,
            has_bare_cr=bare,
            second_line=_second_line(mm, end),
        )
