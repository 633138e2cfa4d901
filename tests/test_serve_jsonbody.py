"""Request bodies: the fast JSON decoder gives ``json.loads``'s value, or defers to it."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.serve import jsonbody
from detector.serve.jsonbody import loads

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)


def _same(a: Any, b: Any) -> bool:
    """Equal values of the same types all the way down (1 == 1.0 == True does not count)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


@settings(max_examples=300, deadline=None)
@given(value=_VALUES, ascii_only=st.booleans())
def test_any_json_text_decodes_as_the_standard_library_does(value: Any, ascii_only: bool) -> None:
    body = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert _same(loads(body), json.loads(body))


@pytest.mark.parametrize(
    "body",
    [
        b'{"a": 1, "a": 2}',
        b"[1e400, -1e400, NaN, Infinity, -0, -0.0, 5e-324, 2.2250738585072011e-308]",
        b"123456789012345678901234567890123",
        b'"\\ud83d\\ude00 \\u00e9 \\u0000"',
        b'  {"html": "<p>x</p>"}\n',
    ],
)
def test_edge_values_decode_the_same(body: bytes) -> None:
    assert _same(loads(body), json.loads(body))


@pytest.mark.parametrize(
    "body",
    [
        b'"\\ud800"',  # an escaped lone surrogate: the schema refuses it with the field's name
        b'\xef\xbb\xbf{"url": "https://a.example/"}',  # byte-order mark
        '{"url": "https://a.example/"}'.encode("utf-16"),
        b"[" * 300 + b"]" * 300,  # deeper than the fast parser goes
    ],
)
def test_bodies_the_fast_parser_refuses_are_read_by_the_standard_library(
    body: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[bytes] = []
    plain = json.loads

    def recorded(data: bytes) -> Any:
        calls.append(data)
        return plain(data)

    monkeypatch.setattr(jsonbody.json, "loads", recorded)
    assert _same(loads(body), plain(body))
    assert calls == [body]


@pytest.mark.parametrize("body", [b"{", b"[1] x", b'"\x01"', b'{"a": }', b""])
def test_malformed_bodies_raise_the_standard_librarys_error(body: bytes) -> None:
    with pytest.raises(json.JSONDecodeError) as ours:
        loads(body)
    with pytest.raises(json.JSONDecodeError) as theirs:
        json.loads(body)
    assert (ours.value.msg, ours.value.pos) == (theirs.value.msg, theirs.value.pos)
