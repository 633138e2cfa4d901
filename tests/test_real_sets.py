"""The real sets are read in place: items become the snapshots a caller would send."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from detector.model.real import (
    HTML_SAMPLES,
    REAL_PAGES,
    available,
    load_real,
    real_hash,
    set_of,
    snapshot_for_item,
)
from tests.conftest import shared_path


def test_manifest_becomes_a_listing_with_absent_fields_unknown(tmp_path: Path):
    item = tmp_path / "x.json"
    manifest = {
        "manifest_version": 3,
        "name": "Helper",
        "description": "Adds a button",
        "permissions": ["cookies", "tabs"],
        "host_permissions": ["*://*.example.com/*"],
    }
    item.write_text(json.dumps(manifest))
    snap = snapshot_for_item(item, "extension_listing", "x")
    assert snap.listing is not None and snap.html is None
    assert snap.listing.name == "Helper" and snap.listing.permissions == ["cookies", "tabs"]
    assert snap.listing.developer is None and snap.listing.installs is None
    assert snap.listing.manifest == manifest


def test_store_row_keeps_its_fields(tmp_path: Path):
    item = tmp_path / "y.json"
    item.write_text(json.dumps({"store": "App", "name": "Tracker", "seller": "Co", "rating": 4}))
    snap = snapshot_for_item(item, "app_listing", "y")
    assert snap.listing is not None and snap.listing.developer == "Co"
    assert snap.listing.rating == 4 and snap.listing.manifest is None


def test_broken_json_and_store_text_and_markup(tmp_path: Path):
    broken = tmp_path / "b.json"
    broken.write_text('{"name": "x", // comment\n "permissions": [],}')
    snap = snapshot_for_item(broken, "extension_listing", "b")
    assert snap.text and snap.listing is None
    store = tmp_path / "s.txt"
    store.write_text("@store_listing\nA dark theme for every site.")
    snap = snapshot_for_item(store, "extension_listing", "s")
    assert snap.listing is not None and snap.listing.description == "A dark theme for every site."
    page = tmp_path / "p.html"
    page.write_bytes(b"<title>t</title><form><input type=password></form>")
    snap = snapshot_for_item(page, "page", "p")
    assert snap.html and snap.url == ""


def test_absent_sets_give_nothing(tmp_path: Path):
    assert available(tmp_path) == [] and available(None) == []
    assert load_real(tmp_path) == [] and real_hash(tmp_path) is None


def test_shared_sets_load_with_prefixed_families():
    root = shared_path(REAL_PAGES).parent
    examples = load_real(root)
    by_set = {s: [e for e in examples if set_of(e) == s] for s in (REAL_PAGES, HTML_SAMPLES)}
    assert len(by_set[REAL_PAGES]) >= 300 and len(by_set[HTML_SAMPLES]) >= 150
    assert all(e.family.startswith(set_of(e) + ":") for e in examples)
    assert all(not e.snapshot.url for e in examples)
    assert {e.label for e in by_set[REAL_PAGES]} == {"scam", "benign"}
    kinds = {e.snapshot.kind for e in by_set[REAL_PAGES]}
    assert kinds == {"page", "app_listing", "extension_listing"}
    assert real_hash(root) == real_hash(root)


def test_url_dropout_adds_a_url_less_copy_with_the_same_label():
    from detector.model.data import Example
    from detector.model.train import _y, featurize
    from detector.records import Snapshot

    page = "<title>Free followers</title><p>get free followers now</p>"
    examples = [
        Example(
            Snapshot(url="https://free-fans.example/x", html=page), "scam", "s", "f1", "t", "en"
        ),
        Example(Snapshot(html="<p>news</p>"), "benign", "b", "f2", "t", "en"),
    ]
    data = featurize(examples)
    assert data.stripped == {0: 2}
    copy = data.rows[2]
    assert copy["url.lure_words_host"] == 0 and data.rows[0]["url.lure_words_host"] > 0
    assert data.docs[2] == data.docs[0]  # the wording model never sees the URL
    assert list(_y(data, data.with_dropout(np.array([0, 1])))) == [1, 0, 1]
    assert featurize(examples, url_dropout=False).stripped == {}


def test_store_listings_train_with_a_bare_copy():
    from detector.model.data import Example
    from detector.model.train import featurize
    from detector.records import Listing, Snapshot

    manifest = {"manifest_version": 3, "name": "Helper", "description": "Adds a button"}
    manifest["permissions"] = ["cookies", "storage"]
    store = Listing(
        name="Helper",
        description="Adds a button to every page. " * 20,
        developer="Helper Labs",
        installs="10,000+",
        rating=4.5,
        permissions=["cookies", "storage"],
        manifest=manifest,
    )
    bare = Listing(name="Helper", description="Adds a button", manifest=manifest)
    examples = [
        Example(
            Snapshot(kind="extension_listing", listing=store, id="a"),
            "benign",
            "t",
            "f1",
            "x:a",
            "en",
        ),
        Example(
            Snapshot(kind="extension_listing", listing=bare, id="b"),
            "benign",
            "t",
            "f2",
            "x:b",
            "en",
        ),
    ]
    data = featurize(examples)
    # Only the listing with store fields gets the copy; it reads like a manifest file.
    assert list(data.bare) == [0]
    copy = data.rows[data.bare[0]]
    assert copy["listing.perm_cookies"] == 1
    assert copy["listing.rating"] == 0.0 and data.rows[0]["listing.rating"] == 4.5
    assert set(data.original(np.array([data.bare[0]]))) == {0}
    assert data.bare[0] in data.with_dropout(np.array([0]))
