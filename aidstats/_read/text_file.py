"""Is this file UTF-8 text? Compressed files, UTF-16 and bad bytes named before a reader sees them.

A reader handed a gzip file or a UTF-16 export reports "binary content" or a
decoding error at a byte offset; :func:`check_text_file` says what the file
is and what to do, and for a stray non-UTF-8 byte gives its line and column.

Examples
--------
>>> from aidstats._read.text_file import kind_of
>>> kind_of(b"\\x1f\\x8b\\x08\\x00"), kind_of(b"\\xff\\xfet\\x00i\\x00"), kind_of(b"time_start,model")
('gzip', 'UTF-16', None)
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from aidstats.errors import DataValidationError

__all__ = [
    "bad_byte_message",
    "check_text_file",
    "first_bad_byte",
    "kind_message",
    "kind_of",
    "printable_name",
]

_CHUNK = 1 << 24
_SIGNATURES = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"(\xb5/\xfd", "zstd"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_ADVICE = {
    "gzip": "decompress it first (gunzip -k {name})",
    "zip": "extract the CSV from it first (unzip {name})",
    "bzip2": "decompress it first (bunzip2 -k {name})",
    "xz": "decompress it first (unxz -k {name})",
    "zstd": "decompress it first (unzstd {name})",
    "UTF-16": "save it as UTF-8 (iconv -f UTF-16 -t UTF-8 {name})",
    "UTF-32": "save it as UTF-8 (iconv -f UTF-32 -t UTF-8 {name})",
}


def kind_of(head: bytes) -> str | None:
    """What the first bytes of a file say it is, if not plain text: a compression or UTF-16/32."""
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    half = len(head) // 2
    # UTF-16 without a byte-order mark: ASCII text with a NUL in every other byte.
    if half >= 4 and half in (head[1 : 2 * half : 2].count(0), head[0 : 2 * half : 2].count(0)):
        return "UTF-16"
    return None


def kind_message(head: bytes, name: str | None) -> str | None:
    """What to tell the user about a file starting with ``head`` that is not text; None if it is.

    ``name`` is the file's name for the command that fixes it; None (a
    file-like object) leaves the command out.

    Examples
    --------
    >>> kind_message(b"\\x1f\\x8b\\x08\\x00", "strikes.csv.gz")
    'this is a gzip file, not UTF-8 CSV text: decompress it first (gunzip -k strikes.csv.gz)'
    """
    kind = kind_of(head)
    if kind is None:
        return None
    advice = _ADVICE[kind].format(name=name) if name else _ADVICE[kind].split(" (")[0]
    return f"this is a {kind} file, not UTF-8 CSV text: {advice}"


def bad_byte_message(line: int, column: int, byte: int) -> str:
    """The message for the first byte that is not UTF-8 (see :func:`first_bad_byte`)."""
    return (
        f"not UTF-8 text: line {line} holds the byte 0x{byte:02x} (byte {column} of the "
        "line); save the file as UTF-8"
    )


def _chunks(source: str | os.PathLike[str] | bytes) -> Iterator[bytes]:
    if isinstance(source, bytes):
        for i in range(0, len(source), _CHUNK):
            yield source[i : i + _CHUNK]
        yield b""
        return
    with open(source, "rb") as fh:
        while True:
            chunk = fh.read(_CHUNK)
            yield chunk
            if not chunk:
                return


def first_bad_byte(source: str | os.PathLike[str] | bytes) -> tuple[int, int, int] | None:
    """(line, column, byte) of the first byte that is not UTF-8, both 1-based; None if all is UTF-8.

    ``source`` is a path (read in chunks: memory stays small whatever its
    size) or the bytes themselves.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
    >>> _ = path.write_bytes(b"a,b\\n1,caf\\xe9\\n")
    >>> first_bad_byte(path), first_bad_byte(b"a,b\\n1,caf\\xe9\\n")
    ((2, 6, 233), (2, 6, 233))
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines, line_start, offset = 0, 0, 0  # offset: bytes of the file before this chunk
    for chunk in _chunks(source):
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            # exc.object is the decoder's held-back bytes (part of a character) plus this chunk.
            base = offset - (len(exc.object) - len(chunk))
            before = exc.object[: exc.start]
            if b"\n" in before:
                line_start = base + before.rfind(b"\n") + 1
            line = newlines + before.count(b"\n") + 1
            return line, base + exc.start - line_start + 1, exc.object[exc.start]
        if not chunk:
            return None
        if b"\n" in chunk:
            newlines += chunk.count(b"\n")
            line_start = offset + chunk.rfind(b"\n") + 1
        offset += len(chunk)
    return None


def printable_name(path: str | os.PathLike[str]) -> str:
    """``path`` as text that can be printed, drawn and written as UTF-8 (undecodable bytes as U+FFFD).

    Examples
    --------
    >>> printable_name(b"caf\\xe9.csv".decode("utf-8", "surrogateescape"))
    'caf\ufffd.csv'
    """
    return os.fsencode(path).decode("utf-8", "replace")


def check_text_file(path: str | os.PathLike[str], what: str = "file") -> None:
    """Raise unless ``path`` is a readable regular file of UTF-8 text.

    Raises
    ------
    DataValidationError
        One sentence naming the file and the problem: no such file, a folder
        or device, unreadable, a compressed file or UTF-16 (named, with what
        to do), or a byte that is not UTF-8 (with its line and column).
    """
    target = Path(path)
    label = printable_name(target)
    try:
        info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            shape = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise DataValidationError(f"the {what} is {shape}", source=label)
        with open(target, "rb") as fh:
            head = fh.read(4096)
        kind = kind_message(head, target.name)
        if kind is not None:
            raise DataValidationError(kind, source=label)
        bad = first_bad_byte(target)
    except FileNotFoundError:
        raise DataValidationError(f"no such {what}", source=label) from None
    except OSError as exc:
        raise DataValidationError(
            f"cannot read the {what}: {exc.strerror or exc}", source=label
        ) from None
    if bad is not None:
        raise DataValidationError(bad_byte_message(*bad), source=label)
