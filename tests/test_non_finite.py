"""Numbers from hostile listings stay finite, and one row the model refuses fails alone."""

from __future__ import annotations

import json
import math

import pytest

from detector.extract.features import extract_features, feature_schema

HUGE = "9" * 400
HOSTILE_NUMBERS: list[object] = [
    HUGE,
    HUGE + "+",
    f"{HUGE} downloads",
    "1" + ",000" * 200 + "+",
    "1" + ".000" * 200,
    f"{HUGE}M",
    f"{HUGE} billion",
    "$" + HUGE,
    HUGE + ",99",
    "1" + " 1" * 300 + " k",
    10**400,
    -(10**400),
    1e308,
    -1e308,
    float("inf"),
    float("-inf"),
    float("nan"),
    "inf",
    "nan",
    "Infinity",
    "",
    0,
    -1,
]


def _listing_snapshots() -> list[dict[str, object]]:
    snaps: list[dict[str, object]] = []
    for value in HOSTILE_NUMBERS:
        listing = {
            "name": f"Who viewed my TikTok {value!s:.50}",
            "description": f"Only {value!s:.1000}/week. {value!s:.1000} users",
            "installs": value,
            "price": value,
        }
        if isinstance(value, float | int):
            listing["rating"] = value
        listing["extra_count"] = value
        for kind in ("app_listing", "extension_listing"):
            snaps.append({"kind": kind, "listing": dict(listing)})
    return snaps


def _from_json(snap: dict[str, object]) -> dict[str, object]:
    """The snapshot as it arrives in a JSONL file (JSON allows NaN and Infinity literals)."""
    return json.loads(json.dumps(snap))


@pytest.mark.parametrize("snap", _listing_snapshots(), ids=lambda s: repr(s)[:60])
def test_every_feature_is_finite_on_hostile_numbers(snap):
    schema = feature_schema()
    for candidate in (snap, _from_json(snap)):
        feats = extract_features(candidate)
        assert set(feats) == set(schema)
        for key, value in feats.items():
            assert type(value).__name__ == schema[key], key
            if isinstance(value, float):
                assert math.isfinite(value), (key, value)
                assert abs(value) <= 1e16, (key, value)


def test_normal_numbers_are_read_as_before():
    feats = extract_features(
        {
            "kind": "app_listing",
            "listing": {"name": "x", "installs": "1,000,000+", "rating": 4.5, "price": "4,99"},
        }
    )
    assert feats["listing.installs_log10"] == round(math.log10(1 + 1e6), 3)
    assert feats["listing.price"] == 4.99
    assert feats["listing.rating"] == 4.5


def test_a_row_the_model_refuses_fails_alone(shipped, monkeypatch):
    good = {"id": "good", "url": "https://example.com/", "text": "recipes and cakes"}
    bad = {"id": "bad", "url": "https://example.com/", "html": "<input>" * 7}
    marker = extract_features(bad)["page.inputs"]
    assert marker != extract_features(good)["page.inputs"]
    scorer = shipped.artifact.model.fast  # what the detector scores the signals with
    real = scorer.signals_log_odds

    def picky(rows):
        if any(r.get("page.inputs") == marker for r in rows):
            raise ValueError("Input X contains infinity")
        return real(rows)

    monkeypatch.setattr(scorer, "signals_log_odds", picky)
    verdicts = list(shipped.score_many([good, bad, dict(good, id="good2")]))
    assert [v.id for v in verdicts] == ["good", "bad", "good2"]
    assert verdicts[0].error is None and verdicts[0].score is not None
    assert verdicts[2].error is None and verdicts[2].score is not None
    assert verdicts[1].score is None
    assert verdicts[1].error is not None and verdicts[1].error.startswith("model.failed")


def test_a_non_finite_feature_fails_its_row_only(shipped, monkeypatch):
    from detector import detector as detector_module
    from detector.extract import features as features_module

    real = features_module.extract

    def leaky(snap, intel=None, settings=None):
        ex = real(snap, intel, settings)
        if snap.id == "bad":
            ex.features["listing.installs_log10"] = math.inf
        return ex

    monkeypatch.setattr(detector_module, "extract", leaky)
    snaps = [{"id": i, "url": "https://example.com/", "text": "hello"} for i in ("a", "bad", "b")]
    verdicts = list(shipped.score_many(snaps))
    assert [v.error is None for v in verdicts] == [True, False, True]
    assert "extract.non_finite" in (verdicts[1].error or "")
    assert "listing.installs_log10" in (verdicts[1].error or "")
