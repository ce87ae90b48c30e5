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
import math
from typing import Any

__all__ = ["MAX_LENGTH", "LiteralParseError", "parse_literal"]

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
    if not isinstance(text, str):
        raise LiteralParseError(f"expected a string, got {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise LiteralParseError("empty text")
    if len(stripped) > MAX_LENGTH:
        raise LiteralParseError(f"text longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(stripped, mode="eval")
        return _build(tree.body)
    except LiteralParseError:
        raise
    except (SyntaxError, ValueError, TypeError, RecursionError, MemoryError, OverflowError) as exc:
        # SyntaxError: not Python; ValueError: null bytes or huge int literals;
        # RecursionError/MemoryError: pathological nesting.
        raise LiteralParseError(f"not parseable: {type(exc).__name__}: {exc}") from None
