"""Analyst labels are visible: listed per run, withdrawable, beside the model label in exports
and the report; a label without a fetched page warns that it trains a URL-only example."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from detector.cli import main
from detector.store import open_store


def test_labels_listed_withdrawn_and_exported(
    tmp_path: Path,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/shop").respond_with_data(
        "<p>Our shop</p>", content_type="text/html"
    )
    monkeypatch.setenv("DETECTOR_ALLOW_LOOPBACK", "1")
    shop = f"http://127.0.0.1:{httpserver.port}/shop"
    src = tmp_path / "urls.txt"
    src.write_text(shop + "\n")
    store = str(tmp_path / "s.sqlite")
    base = ["--store", store]
    main(["scan", "--input", str(src), "--run", "r", *base, "--per-host-delay", "0", "--quiet"])
    capsys.readouterr()

    assert main(["label", "r", *base, "--url", shop, "--as", "scam", "--analyst", "ana"]) == 0
    assert "URL-only" not in capsys.readouterr().err  # the page is in the store
    never = "https://never-fetched.example/x"
    assert main(["label", "r", *base, "--url", never, "--as", "benign"]) == 0
    assert "will train a URL-only example" in capsys.readouterr().err

    assert main(["labels", "r", *base]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["url"], r["label"], r["withdrawn_at"]) for r in listed] == [
        (shop, "scam", None),
        (never, "benign", None),
    ]

    out = tmp_path / "v.csv"
    assert main(["export", "r", *base, "--output", str(out)]) == 0
    with out.open(newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["label"] in ("benign", "suspicious") and row["analyst_label"] == "scam"
    assert main(["report", "r", *base, "--output", str(tmp_path / "r.html")]) == 0
    assert '"analyst_label":"scam"' in (tmp_path / "r.html").read_text()

    first = listed[0]["id"]
    assert main(["label", "r", *base, "--withdraw", str(first), "--analyst", "ana"]) == 0
    assert main(["label", "r", *base, "--withdraw", str(first)]) == 2  # already withdrawn
    with open_store(store) as opened:
        assert set(opened.current_labels()) == {never}
        (again,) = [r for r in opened.labels() if r["id"] == first]
        assert again["withdrawn_at"] and again["withdrawn_by"] == "ana"
    assert main(["export", "r", *base, "--output", str(out)]) == 0
    with out.open(newline="") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["analyst_label"] == ""


def test_withdrawn_labels_do_not_train(tmp_path: Path, shipped: Any) -> None:
    from detector.model.feedback import analyst_examples

    with open_store(str(tmp_path / "s.sqlite")) as store:
        a = store.add_label("https://a.example/", "scam")
        store.add_label("https://b.example/", "benign")
        store.add_label("https://a.example/", "benign")  # a second opinion, then withdrawn
        later = store.labels("https://a.example/")[-1]["id"]
        assert store.withdraw_label(later)
        examples = {ex.snapshot.url: ex.label for ex in analyst_examples(store)}
        assert examples == {"https://a.example/": "scam", "https://b.example/": "benign"}
        assert store.withdraw_label(a)
        assert {ex.snapshot.url for ex in analyst_examples(store)} == {"https://b.example/"}
