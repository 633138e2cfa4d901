"""Extraction over every real page in ../shared/data/html-samples: no errors, sane output."""

import csv

from detector.extract.features import extract
from detector.extract.parse import decode_markup
from detector.records import Snapshot
from tests.conftest import shared_path


def test_all_real_pages_extract_without_error():
    index = shared_path("html-samples", "index.csv")
    rows = list(csv.DictReader(index.open(encoding="utf-8")))
    assert len(rows) >= 100
    branded_kits = 0
    for row in rows:
        html = decode_markup((index.parent / row["path"]).read_bytes())
        ex = extract(Snapshot(html=html, id=row["path"]))
        assert ex.features["page.has_markup"] == 1, row["path"]
        if row["label"] == "phishing" and ex.features["credential.password_fields"] > 0:
            branded_kits += 1
    # Most kit pages are login clones: the password field must be found in them.
    assert branded_kits >= 30


def test_tiktok_kit_page_is_recognised():
    path = shared_path("html-samples", "zphisher-templates", "tiktok__login.html")
    ex = extract(Snapshot(html=decode_markup(path.read_bytes())))
    f = ex.features
    assert f["credential.tiktok_branded"] == 1
    assert f["credential.password_fields"] >= 1
    assert f["claims.offer_free_followers"] >= 1 or f["claims.offer_total"] >= 1
