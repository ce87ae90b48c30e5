"""The safe literal parser: literals in, values out, nothing evaluated."""

from __future__ import annotations

import contextlib
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aidstats._read import literal
from aidstats._read.literal import (
    MAX_LENGTH,
    LiteralParseError,
    parse_literal,
    parse_literal_tree,
    parse_literals,
)


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


# ----------------------------------------------------------------------------- the JSON fast path


def _outcome(parse: object, text: str) -> tuple[str, str]:
    """('ok', repr of the value) or ('error', message): repr tells 1 from 1.0, True and 1, lists
    from tuples, -0.0 from 0.0, and shows nan (which equals nothing)."""
    try:
        return "ok", repr(parse(text))  # type: ignore[operator]
    except LiteralParseError as exc:
        return "error", str(exc)


_any_scalars = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(),
    st.text(max_size=12),
    st.booleans(),
    st.none(),
)
_any_values = st.recursive(
    _any_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(
            st.one_of(st.text(max_size=8), st.integers(-3, 3), st.none()), inner, max_size=4
        ),
    ),
    max_leaves=12,
)
# Spellings of the same values the files use, and near misses that JSON reads but Python does not.
_RESPELL = [
    ("nan", "NaN"),
    (", ", ",\n    "),
    ("]", ",]"),
    ("}", ",}"),
    ("None", "null"),
    ("True", "true"),
    ("inf", "Infinity"),
    ("0", "00"),
    ("1", "+1"),
    ("-", "- "),
    (".0", "."),
    ("'", '"'),
    ("[", "[" * 120),
    ("e", "E"),
    (": ", ":\t"),
]


@st.composite
def _literal_texts(draw: st.DrawFn) -> str:
    text = repr(draw(_any_values))
    for old, new in draw(st.lists(st.sampled_from(_RESPELL), max_size=3)):
        text = text.replace(old, new, draw(st.integers(1, 3)))
    return text


_SYNTAX = "[]{}(),:'\" -+.0123456789eEjxabNnifINoTrueFalsl_\t\n\\#\u00e9\u2028"


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_literal_texts(), st.text(alphabet=_SYNTAX, max_size=40)))
def test_the_fast_path_gives_what_the_tree_gives(text: str) -> None:
    """Same value, or the same error, as the syntax tree alone, for any text."""
    assert _outcome(parse_literal, text) == _outcome(parse_literal_tree, text)


@pytest.mark.parametrize(
    "text",
    [
        "{'south': 30, 'east': 85, 'north': NaN}",
        "['Kyiv oblast', 'Odesa oblast']",
        "{        'Iskander-K': 'Kursk oblast',        'Kalibr': 'Black Sea'    }",
        "{'a': None, 'b': True, 'c': -inf, 'd': 1e400}",
        "{'region ' : 1.5e-3}",
        "{'Молнія': 2}",
    ],
)
def test_the_detail_shapes_take_the_json_path(text: str) -> None:
    assert literal._from_json(text) is not literal._UNSURE
    assert _outcome(parse_literal, text) == _outcome(parse_literal_tree, text)


@pytest.mark.parametrize(
    "text",
    [
        "Infinity",
        "[true]",
        "{'a': null}",
        "[1,]",
        "(1, 2)",
        "{1: 2}",
        "['it\\'s']",
        '["a"]',
        "[+1]",
        "[1.]",
        "['a' 'b']",
        "[1] # note",
        "['a\tb']",
        "[" * 150 + "]" * 150,
        "['\ud800']",
    ],
)
def test_what_json_would_misread_goes_to_the_tree(text: str) -> None:
    assert literal._from_json(text) is literal._UNSURE
    assert _outcome(parse_literal, text) == _outcome(parse_literal_tree, text)


def test_a_100_kb_detail_cell_is_read_as_json() -> None:
    cell = "{" + ", ".join(f"'region {i}': {i % 7}" for i in range(5500)) + ", 'x': NaN}"
    assert 90_000 < len(cell) <= MAX_LENGTH
    value = parse_literal(cell)
    assert value["region 5499"] == 5499 % 7 and math.isnan(value["x"])
    assert literal._from_json(cell) is not literal._UNSURE
    assert repr(value) == repr(parse_literal_tree(cell))


# ----------------------------------------------------------------------------- batches


def _each(texts: list[str]) -> list[tuple[str, str]]:
    """What :func:`parse_literals` gives for each text, as ``_outcome`` spells it."""
    values, errors = parse_literals(texts)
    return [
        ("error", str(errors[i])) if i in errors else ("ok", repr(values[i]))
        for i in range(len(texts))
    ]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_literal_texts(), st.text(alphabet=_SYNTAX, max_size=30)), max_size=8))
def test_a_batch_gives_what_each_text_gives_alone(texts: list[str]) -> None:
    assert _each(texts) == [_outcome(parse_literal, t) for t in texts]


@pytest.mark.parametrize(
    "texts",
    [
        # One text holding two values, two texts one: the counts match, the values would not.
        ["{}, {}", "{'k': [{}", "{}]}"],
        ["1, 2", "3"],
        ["[1", "2]"],
        ["1]", "[2"],
        ["{'a': 1}", "'\x01'", "{'a': 2}"],  # the separator's character inside a text
        ["{'a': 1}", "'\\x01'"],  # ... and spelled as an escape
        ["{'a': 1}", "", "  ", "{'a': true}", "x" * (MAX_LENGTH + 1)],
    ],
)
def test_texts_that_would_shift_a_batch_are_read_alone(texts: list[str]) -> None:
    assert _each(texts) == [_outcome(parse_literal, t) for t in texts]


def test_a_batch_holds_each_dict_key_once() -> None:
    cells = [f"{{'Kyiv oblast': {i}, 'Odesa oblast': NaN}}" for i in range(3)]
    values, errors = parse_literals(cells)
    assert not errors and [v["Kyiv oblast"] for v in values] == [0, 1, 2]
    keys = [next(iter(v)) for v in values]
    assert keys[0] is keys[1] is keys[2]


def test_batches_are_split_by_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(literal, "_BATCH_CHARS", 20)
    cells = [f"{{'region': {i}}}" for i in range(10)] + ["1, 2"]
    values, errors = parse_literals(cells)
    assert not errors and values == [{"region": i} for i in range(10)] + [(1, 2)]
