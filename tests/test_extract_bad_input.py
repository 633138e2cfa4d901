"""Hostile and broken input: features (or a clear error) in bounded time, never a crash."""

import os
import resource
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector.errors import ExtractionError, InvalidSnapshot
from detector.extract.features import extract, extract_features, feature_schema
from detector.records import Snapshot

SCHEMA = None


def schema():
    global SCHEMA
    if SCHEMA is None:
        SCHEMA = feature_schema()
    return SCHEMA


def check(snap, budget=20.0):
    """Every feature of a hostile snapshot, in bounded time. An ``ExtractionError`` is a failure:
    each family must cope with any page (a family that raised on every page used to pass)."""
    t = time.perf_counter()
    try:
        feats = extract_features(snap)
    except ExtractionError as exc:
        pytest.fail(f"extraction failed on hostile input: {exc}")
    assert time.perf_counter() - t < budget
    assert set(feats) == set(schema()), "every feature key is always present"
    for k, v in feats.items():
        assert isinstance(v, int | float | str), k
    return feats


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "\x00\x01\x02\xff" * 1000,
        "<html><body><form><input type=password",  # unterminated
        "<<<>>><a href=>>><form action='\"'><script>",
        "<div " + "a" * 2_000_000 + "='x'>big attribute</div>",
        "<p title='" + "x" * 1_000_000 + "'>t</p>",
        "<script>" + "var a=1;" * 200_000 + "</script>",
        "<svg><math><table><tr><td><template><frameset>",
        "\ud800\udfff lone surrogates <b>x</b>",
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "unterminated",
        "garbage",
        "huge-attr-name",
        "huge-attr",
        "scripts-only",
        "odd-nesting",
        "surrogates",
    ],
)
def test_bad_markup_gives_features(html):
    check(Snapshot(url="https://x.example/", html=html))


def test_binary_bytes_decoded_as_latin1_still_work():
    raw = os.urandom(200_000).decode("latin-1")
    check(Snapshot(html=raw))


def test_deeply_nested_100k_levels_is_bounded():
    html = "<div>" * 100_000 + "see who viewed your tiktok" + "</div>" * 100_000
    feats = check(Snapshot(html=html), budget=10)
    assert feats["page.truncated"] == 1


def test_twenty_megabytes_is_bounded_in_time_and_memory():
    block = "<div class='c'><p>Ordinary paragraph text with a <a href='/x'>link</a>.</p></div>\n"
    html = block * (20_000_000 // len(block))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    feats = check(Snapshot(html=html), budget=30)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert feats is not None and feats["page.truncated"] == 1
    assert grown_mb < 1500, f"peak memory grew by {grown_mb:.0f} MB"


def test_non_utf8_bytes_through_decode():
    from detector.extract.parse import decode_markup

    html = decode_markup("<title>Ver quién vio tu perfil</title>".encode("latin-1"))
    check(Snapshot(html=html))


@pytest.mark.parametrize("family", ["claims", "credentials", "lockers", "oauth", "listing", "url"])
def test_check_fails_when_a_family_raises(family, monkeypatch):
    """The guard above can fail: a family that raises on every page is caught."""
    import importlib

    module = importlib.import_module(f"detector.extract.{family}")

    def broken(ctx):
        raise ValueError("broken family")

    monkeypatch.setattr(module, "extract", broken)
    with pytest.raises(pytest.fail.Exception, match="broken family"):
        check(Snapshot(url="https://x.example/", html="<p>x</p>"))


def test_wrong_types_raise_invalid_snapshot():
    with pytest.raises(InvalidSnapshot) as info:
        extract({"html": 42})
    assert info.value.field == "html"


def test_empty_snapshot_shapes():
    for snap in (
        Snapshot(),
        Snapshot(url=""),
        Snapshot(text=""),
        Snapshot(kind="ad", text="x"),
        Snapshot(kind="app_listing", listing={}),
        Snapshot(error="fetch.timeout"),
    ):
        assert check(snap) is not None


markup = st.recursive(
    st.text(max_size=30),
    lambda inner: st.builds(
        lambda tag, attrs, body: f"<{tag} {attrs}>{body}</{tag}>",
        st.sampled_from(
            [
                "div",
                "form",
                "input",
                "a",
                "script",
                "p",
                "iframe",
                "meta",
                "title",
                "button",
                "table",
                "svg",
                "x-y",
            ]
        ),
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
        st.lists(inner, max_size=4).map("".join),
    ),
    max_leaves=20,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html=markup, url=st.sampled_from(["", "https://tiktok.com/x", "http://a b/", "xn--", "//"]))
def test_random_markup_never_crashes(html, url):
    check(Snapshot(url=url, html=html))


@settings(max_examples=30, deadline=None)
@given(text=st.text(max_size=2000))
def test_random_text_snapshots(text):
    check(Snapshot(kind="ad", text=text))
