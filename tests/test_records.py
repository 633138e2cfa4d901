import json

import pytest

from detector.errors import DetectorError, InvalidSnapshot
from detector.records import Listing, Reason, ScriptFile, Snapshot, Verdict


def test_snapshot_round_trip_keeps_unknown_fields():
    data = {
        "url": "https://x.example/a",
        "kind": "extension_listing",
        "listing": {"name": "N", "permissions": ["cookies"], "store_rank": 3},
        "id": 7,
        "campaign": "abc",
    }
    snap = Snapshot.from_dict(data)
    assert snap.listing is not None and snap.listing.permissions == ["cookies"]
    out = json.loads(snap.to_json())
    assert out["campaign"] == "abc"
    assert out["listing"]["store_rank"] == 3
    assert Snapshot.from_dict(out) == snap


def test_missing_optional_fields_are_fine():
    snap = Snapshot.from_dict({})
    assert snap.url == "" and snap.kind == "page" and snap.html is None
    assert snap.redirects == [] and snap.headers == {}
    assert Snapshot.from_json('{"url": null, "kind": null}').kind == "page"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"url": 3}, "url"),
        ({"html": ["<p>"]}, "html"),
        ({"status": "200"}, "status"),
        ({"status": True}, "status"),
        ({"redirects": "https://a"}, "redirects"),
        ({"headers": {"a": 1}}, "headers"),
        ({"kind": "tweet"}, "kind"),
        ({"id": 1.5}, "id"),
        ({"listing": []}, "listing"),
        ({"listing": {"permissions": [1]}}, "listing.permissions"),
        ({"listing": {"rating": "good"}}, "listing.rating"),
        ({"listing": {"manifest": "x"}}, "listing.manifest"),
        ({"scripts": {"url": "x"}}, "scripts"),
        ({"scripts": ["x"]}, "scripts"),
        ({"scripts": [{"url": 1}]}, "scripts.url"),
        ({"scripts": [{"text": ["x"]}]}, "scripts.text"),
        ({"scripts": [{"size": "9"}]}, "scripts.size"),
    ],
)
def test_wrong_types_name_the_field(data, field):
    with pytest.raises(InvalidSnapshot) as info:
        Snapshot.from_dict(data)
    assert info.value.field == field
    assert field in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, DetectorError)


def test_not_an_object_or_not_json():
    with pytest.raises(InvalidSnapshot):
        Snapshot.from_dict(["url"])
    with pytest.raises(InvalidSnapshot, match="not valid JSON"):
        Snapshot.from_json("{nope")


def test_coerce_accepts_dict_and_snapshot():
    snap = Snapshot(url="u")
    assert Snapshot.coerce(snap) is snap
    assert Snapshot.coerce({"url": "u"}).url == "u"
    assert Snapshot(url="a", final_url="b").effective_url == "b"


def test_verdict_shape_and_failed_rows():
    v = Verdict(
        id="x",
        url="u",
        score=0.91234567,
        label="scam",
        reasons=[Reason("credential.password_offsite", "asks", "<form>", 1.7)],
        claims=["who_viewed"],
        model="m@1",
    )
    d = v.to_dict()
    assert list(d) == ["id", "url", "kind", "score", "label", "reasons", "claims", "model", "error"]
    assert d["reasons"][0] == {
        "code": "credential.password_offsite",
        "message": "asks",
        "evidence": "<form>",
        "weight": 1.7,
    }
    assert Verdict.from_dict(json.loads(v.to_json())).reasons[0].weight == 1.7
    failed = Verdict.failed(Snapshot(url="u", id=3), "fetch.timeout")
    assert failed.score is None and failed.error == "fetch.timeout" and failed.id == 3
    with pytest.raises(InvalidSnapshot):
        Verdict(label="maybe")


def test_listing_to_dict_round_trip():
    lst = Listing.from_dict({"name": "A", "installs": "1,000+", "extra_field": 1})
    assert Listing.from_dict(lst.to_dict()) == lst


def test_scripts_field_round_trips_and_is_absent_when_empty():
    """Snapshot.scripts (same-site script files) is optional: a snapshot without it writes the
    same JSON as before the field existed; with it, every entry (and unknown keys) comes back."""
    plain = {"url": "https://x.example/", "html": "<p>x</p>", "campaign": "c"}
    snap = Snapshot.from_dict(plain)
    assert snap.scripts == [] and "scripts" not in snap.to_dict()
    assert list(json.loads(snap.to_json())) == [
        *("url", "kind", "html", "text", "final_url", "redirects", "status", "headers"),
        *("fetched_at", "listing", "id", "error", "campaign"),
    ]
    data = {
        **plain,
        "scripts": [
            {
                "url": "https://x.example/js/a.js",
                "sha256": "ab" * 32,
                "text": "var _JF;",
                "size": 8,
                "error": None,
                "etag": "v1",
            },
            {"url": "https://x.example/js/big.js", "error": "fetch.too_large"},
        ],
    }
    snap = Snapshot.from_dict(data)
    assert snap.scripts[0] == ScriptFile(
        url="https://x.example/js/a.js",
        sha256="ab" * 32,
        text="var _JF;",
        size=8,
        extra={"etag": "v1"},
    )
    assert snap.scripts[1].text is None and snap.scripts[1].error == "fetch.too_large"
    out = json.loads(snap.to_json())
    assert out["scripts"][0]["etag"] == "v1" and out["campaign"] == "c"
    assert Snapshot.from_dict(out) == snap
    assert Snapshot(scripts=[{"url": "u", "text": "t"}]).scripts == [ScriptFile(url="u", text="t")]
