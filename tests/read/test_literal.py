"""The safe literal parser: literals in, values out, nothing evaluated."""

from __future__ import annotations

import contextlib
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidstats._read.literal import MAX_LENGTH, LiteralParseError, parse_literal


def test_dict_with_nan_inside() -> None:
    value = parse_literal("{'south': 30, 'east': NaN, 'north': nan}")
    assert value["south"] == 30
    assert math.isnan(value["east"]) and math.isnan(value["north"])


def test_list_of_regions() -> None:
    assert parse_literal("['Kyiv oblast', 'Kharkiv oblast']") == ["Kyiv oblast", "Kharkiv oblast"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("None", None),
        ("True", True),
        ("False", False),
        ("-3", -3),
        ("+2.5", 2.5),
        ("{}", {}),
        ("[]", []),
        ("()", ()),
        ("{'russia': 1.0}", {"russia": 1.0}),
        ("{'a': [1, (2, None)], 'b': {'c': -1}}", {"a": [1, (2, None)], "b": {"c": -1}}),
        ("  {'X-101/X-555': 50, 'Kalibr': 12}  ", {"X-101/X-555": 50, "Kalibr": 12}),
        (
            "{        'Iskander-K': 'Kursk oblast',        'Kalibr': 'Black Sea'    }",
            {"Iskander-K": "Kursk oblast", "Kalibr": "Black Sea"},
        ),
        ("{'a':\n 1}", {"a": 1}),
    ],
)
def test_accepted_literals(text: str, expected: object) -> None:
    assert parse_literal(text) == expected


def test_inf_and_negative_inf() -> None:
    assert parse_literal("inf") == math.inf
    assert parse_literal("-inf") == -math.inf


PAYLOADS = [
    "__import__('os').system('touch /tmp/x')",
    "{'a': __import__('os').system('touch /tmp/x')}",
    "[__import__('os').system('touch /tmp/x')]",
    "{'a': (lambda: 1)()}",
    "open('/etc/passwd').read()",
    "os.system('ls')",
    "().__class__.__bases__[0].__subclasses__()",
    "[x for x in range(3)]",
    "1 + 2",
    "'a' * 10",
    "{**{'a': 1}}",
    "-'a'",
    "-True",
    "b'bytes'",
    "1j",
    "...",
    "{1, 2}",
    "f'{1}'",
    "NaN()",
    "nan.real",
    "x",
    "{[1]: 2}",
    "",
    "   ",
    "{'a': 1",
    "'unterminated",
    "\x00",
    "[" * 500 + "]" * 500,
    "9" * 5000,
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_rejected_inputs(text: str) -> None:
    with pytest.raises(LiteralParseError):
        parse_literal(text)


def test_payload_is_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "x"
    with pytest.raises(LiteralParseError):
        parse_literal(f"__import__('os').system('touch {marker}')")
    assert not marker.exists()


def test_too_long_rejected_before_parsing() -> None:
    with pytest.raises(LiteralParseError, match="longer"):
        parse_literal("[" + "1," * MAX_LENGTH + "]")


def test_non_string_rejected() -> None:
    with pytest.raises(LiteralParseError):
        parse_literal(123)  # type: ignore[arg-type]


_scalars = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.booleans(),
    st.none(),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=10), inner, max_size=4),
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(_values)
def test_round_trip_of_python_repr(value: object) -> None:
    assert parse_literal(repr(value)) == value


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_parses_or_raises_literal_error(text: str) -> None:
    with contextlib.suppress(LiteralParseError):
        parse_literal(text)
