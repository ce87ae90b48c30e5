"""A safe parser of strings that look like Python literals.

The strike files store dicts and lists as their Python ``repr``, for example
``{'south': 30, 'east': NaN}`` or ``['Kyiv oblast', 'Odesa oblast']``.
``ast.literal_eval`` rejects the bare ``NaN`` inside them, and ``eval`` would
run whatever the file contains. This module parses the text into an abstract
syntax tree (parsing never executes anything) and then builds the value from
an explicit allow-list of literal nodes only: constants (str, int, float,
bool, None), dicts, lists, tuples, unary plus/minus on numbers, and the names
``NaN``, ``nan``, ``inf``, ``None``, ``True``, ``False``. Anything else (calls,
attributes, subscripts, operators, comprehensions, ...) is a
:class:`LiteralParseError`.

Building a syntax tree costs about a microsecond per character, so a 100 KB
detail cell would take a tenth of a second. The common shape (dicts and
lists of single-quoted strings without escapes, numbers and the names above)
is first rewritten into JSON by a fixed split on quotes and read by
:func:`json.loads` (nothing is evaluated there either). The rewrite is only
tried where the JSON reading cannot differ from the tree's: anything else
(tuples, escapes, double quotes, other names, deep nesting, text JSON
rejects) goes through the tree, so the result, or the error, is the same.

Examples
--------
>>> from aidstats._read.literal import parse_literal
>>> parse_literal("{'south': 30, 'east': NaN}")
{'south': 30, 'east': nan}
>>> parse_literal("['Kyiv oblast', 'Odesa oblast']")
['Kyiv oblast', 'Odesa oblast']
>>> parse_literal("__import__('os').system('touch /tmp/x')")
Traceback (most recent call last):
...
aidstats._read.literal.LiteralParseError: not a literal: Call node at column 0
"""

from __future__ import annotations

import ast
import itertools
import json
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

__all__ = [
    "MAX_LENGTH",
    "LiteralParseError",
    "parse_literal",
    "parse_literal_tree",
    "parse_literals",
]

MAX_LENGTH = 100_000
"""Longest text accepted; longer cells are rejected before parsing."""

_NAMES: dict[str, Any] = {
    "NaN": math.nan,
    "nan": math.nan,
    "inf": math.inf,
    "None": None,
    "True": True,
    "False": False,
}
_CONSTANT_TYPES = (str, int, float, bool, type(None))

# The names as JSON spells them; JSON's own barewords (true, Infinity, ...) are not literals here.
_JSON_NAMES = {
    "NaN": "NaN",
    "nan": "NaN",
    "inf": "Infinity",
    "None": "null",
    "True": "true",
    "False": "false",
}
# The same objects as _NAMES gives (math.nan, math.inf).
_JSON_CONSTANTS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}
# JSON's barewords that Python does not have: where one is in the text, words are checked.
_JSON_ONLY = ("true", "false", "null", "Infinity")
_BARE_WORD = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
_WORD_START = re.compile(r"[A-Za-z_]\w*")  # a superset of _BARE_WORD's words, ten times faster
_SURROGATE = re.compile("[\ud800-\udfff]")  # the tree's parser cannot encode them: rejected there
_MAX_JSON_DEPTH = 100  # the tree's parser refuses nesting beyond 200
_UNSURE = object()


class LiteralParseError(ValueError):
    """The text is not a literal that :func:`parse_literal` accepts."""


def _reject(node: ast.AST) -> LiteralParseError:
    where = getattr(node, "col_offset", "?")
    return LiteralParseError(f"not a literal: {type(node).__name__} node at column {where}")


def _signed(node: ast.UnaryOp) -> float | int:
    operand = _build(node.operand)
    # bool is an int subclass; '-True' is not a literal we accept.
    if isinstance(operand, bool) or not isinstance(operand, int | float):
        raise _reject(node)
    if isinstance(node.op, ast.USub):
        return -operand
    if isinstance(node.op, ast.UAdd):
        return operand
    raise _reject(node)


def _build_dict(node: ast.Dict) -> dict[Any, Any]:
    out: dict[Any, Any] = {}
    for key_node, value_node in zip(node.keys, node.values, strict=True):
        if key_node is None:  # '**mapping' unpacking
            raise _reject(node)
        key = _build(key_node)
        try:
            out[key] = _build(value_node)
        except TypeError as exc:  # unhashable key such as a list
            raise LiteralParseError(f"unhashable dict key {key!r}") from exc
    return out


def _build(node: ast.AST) -> Any:
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, _CONSTANT_TYPES):  # bytes, complex, Ellipsis
            raise _reject(node)
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in _NAMES:
            raise _reject(node)
        return _NAMES[node.id]
    if isinstance(node, ast.Dict):
        return _build_dict(node)
    if isinstance(node, ast.List):
        return [_build(item) for item in node.elts]
    if isinstance(node, ast.Tuple):
        return tuple(_build(item) for item in node.elts)
    if isinstance(node, ast.UnaryOp):
        return _signed(node)
    raise _reject(node)


def _json_name(match: re.Match[str]) -> str:
    return _JSON_NAMES[match[0]]


def _depth(outside: str) -> int:
    """The deepest nesting of brackets in ``outside`` (text outside strings)."""
    brackets = [1 if c in "[{(" else -1 for c in outside if c in "[]{}()"]
    return max(itertools.accumulate(brackets), default=0)


def _as_json(text: str) -> str | None:
    """``text`` (holding no double quote nor backslash) as JSON that :func:`json.loads` reads to
    the value the tree gives; None where unsure.

    Single-quoted strings become JSON strings by swapping the quote; the names
    outside strings get their JSON spelling. Any other bareword, and nesting
    near the tree parser's limit, give None.
    """
    pieces = text.split("'")
    if len(pieces) % 2 == 0:
        return None
    outside = '"'.join(pieces[0::2])  # the text outside strings; '"' is in none: no word crosses it
    words = set(_WORD_START.findall(outside))
    if not words <= _JSON_NAMES.keys():
        # The quick pattern also finds the exponent of '1e5'; the exact one does not.
        words = set(_BARE_WORD.findall(outside))
        if not words <= _JSON_NAMES.keys():
            return None
    if outside.count("[") + outside.count("{") > _MAX_JSON_DEPTH and (
        _depth(outside) > _MAX_JSON_DEPTH
    ):
        return None
    if words - {"NaN"}:
        pieces[0::2] = _BARE_WORD.sub(_json_name, outside).split('"')
    return '"'.join(pieces)


def _loads(converted: str) -> Any:
    try:
        return json.loads(converted, parse_constant=_JSON_CONSTANTS.__getitem__)
    except (ValueError, RecursionError):
        return _UNSURE  # not JSON (trailing commas, '+1', '1.', comments, ...): the tree decides


def _swappable(text: str) -> bool:
    """Whether ``text`` holds no double quote, backslash or surrogate: its single quotes can
    become JSON's double quotes."""
    return not ('"' in text or "\\" in text or (not text.isascii() and _SURROGATE.search(text)))


def _quick_json(text: str) -> str | None:
    """``text`` with its quotes swapped, where that is JSON exactly when the tree reads it to the
    same value (no double quote, backslash, surrogate or JSON-only word, little nesting); else None."""
    if not _swappable(text):
        return None
    if any(word in text for word in _JSON_ONLY) or (
        text.count("[") + text.count("{") > _MAX_JSON_DEPTH
    ):
        return None
    return text.replace("'", '"')


def _from_json(text: str) -> Any:
    """The value of ``text`` read as JSON where that is sure to match the tree; ``_UNSURE`` otherwise.

    The quickest way first: with no JSON-only word anywhere and little
    nesting, the text with its quotes swapped is JSON exactly where the tree
    reads it to the same value (names such as None make it fail, and then the
    text outside strings is looked at).
    """
    quick = _quick_json(text)
    if quick is not None:
        value = _loads(quick)
        if value is not _UNSURE:
            return value
    if not _swappable(text):
        return _UNSURE
    converted = _as_json(text)
    return _UNSURE if converted is None else _loads(converted)


def _from_tree(stripped: str) -> Any:
    """The value of ``stripped`` built from its syntax tree (the reference, and the fallback)."""
    try:
        tree = ast.parse(stripped, mode="eval")
        return _build(tree.body)
    except LiteralParseError:
        raise
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError, OverflowError) as exc:
        # SyntaxError: not Python; ValueError: null bytes or huge int literals;
        # RecursionError/MemoryError: pathological nesting.
        raise LiteralParseError(f"not parseable: {type(exc).__name__}: {exc}") from None


def _checked(text: Any) -> str:
    """``text`` stripped, or the error for what no parser should read."""
    if not isinstance(text, str):
        raise LiteralParseError(f"expected a string, got {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise LiteralParseError("empty text")
    if len(stripped) > MAX_LENGTH:
        raise LiteralParseError(f"text longer than {MAX_LENGTH} characters")
    return stripped


def parse_literal(text: str) -> Any:
    """Parse ``text`` as a Python literal without evaluating anything.

    Parameters
    ----------
    text
        A string such as ``"{'south': 30, 'east': NaN}"`` or ``"['Kyiv oblast']"``.
        Surrounding whitespace is ignored.

    Returns
    -------
    Any
        The value: ``dict``, ``list``, ``tuple``, ``str``, ``int``, ``float``
        (``NaN`` and ``nan`` become ``float('nan')``), ``bool`` or ``None``.

    Raises
    ------
    LiteralParseError
        The text is empty, too long, not valid syntax, too deeply nested, or
        contains anything other than the literal nodes listed in the module
        docstring.

    Examples
    --------
    >>> parse_literal("{'X-101/X-555': 50, 'Kalibr': 12}")
    {'X-101/X-555': 50, 'Kalibr': 12}
    >>> parse_literal("[-1, (2, None)]")
    [-1, (2, None)]
    """
    stripped = _checked(text)
    value = _from_json(stripped)
    return _from_tree(stripped) if value is _UNSURE else value


def parse_literal_tree(text: str) -> Any:
    """:func:`parse_literal` through the syntax tree alone: the reference the fast path must match.

    Examples
    --------
    >>> parse_literal_tree("{'south': 30, 'east': NaN}")
    {'south': 30, 'east': nan}
    """
    return _from_tree(_checked(text))


# Between the texts of a batch, as JSON spells it: an escape, and no text read the quick way
# holds a backslash; nor can one hold the character itself, which JSON refuses inside a string.
_SEPARATOR = "\x01"
_SEPARATOR_JSON = ',"\\u0001",'
_BATCH_CHARS = 1 << 22


def parse_literals(texts: Sequence[str]) -> tuple[list[Any], dict[int, LiteralParseError]]:
    """:func:`parse_literal` of each of ``texts``: (values, None where a text fails; the errors by position).

    The texts that read as JSON are read a batch of about 4 million characters
    at a time, as one JSON array with a separator between them that none of
    them can hold: the separators must come back at every other position,
    else (a text holding two values, or two texts one) each text of the batch
    is read on its own. Equal dict keys within a batch are then one string
    (the JSON reader's own memo): a column of 100 KB detail cells naming the
    same regions holds each name once per batch, not once per cell.

    Examples
    --------
    >>> values, errors = parse_literals(["{'a': 1}", "{'a': NaN}", "1, 2", "f(x)"])
    >>> values[:3], sorted(errors)
    ([{'a': 1}, {'a': nan}, (1, 2)], [3])
    >>> next(iter(values[0])) is next(iter(values[1]))
    True
    """
    values: list[Any] = [None] * len(texts)
    errors: dict[int, LiteralParseError] = {}
    batch: list[tuple[int, str, str]] = []
    size = 0

    def one(i: int, stripped: str) -> None:
        try:
            value = _from_json(stripped)
            values[i] = _from_tree(stripped) if value is _UNSURE else value
        except LiteralParseError as exc:
            errors[i] = exc

    for i, text in enumerate(texts):
        try:
            stripped = _checked(text)
        except LiteralParseError as exc:
            errors[i] = exc
            continue
        quick = _quick_json(stripped)
        if quick is None:
            one(i, stripped)
            continue
        batch.append((i, stripped, quick))
        size += len(quick)
        if size >= _BATCH_CHARS:
            _read_batch(batch, values, one)
            batch, size = [], 0
    _read_batch(batch, values, one)
    return values, errors


def _read_batch(
    batch: list[tuple[int, str, str]], values: list[Any], one: Callable[[int, str], None]
) -> None:
    """Read ``(position, text, quick JSON)`` as one array, or each text on its own where that fails."""
    if len(batch) < 2:
        for i, stripped, _ in batch:
            one(i, stripped)
        return
    read = _loads("[" + _SEPARATOR_JSON.join(quick for _, _, quick in batch) + "]")
    n = len(batch)
    if read is _UNSURE or len(read) != 2 * n - 1 or read[1::2].count(_SEPARATOR) != n - 1:
        for i, stripped, _ in batch:
            one(i, stripped)
        return
    for (i, _, _), value in zip(batch, read[0::2], strict=True):
        values[i] = value
