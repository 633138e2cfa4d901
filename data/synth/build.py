"""Write data/corpus/synth_*.jsonl deterministically: ``python -m data.synth.build``.

Family = the template a row came from, so grouped cross-validation tests each template on a
model that never saw it. Skeleton, language and host style are drawn independently of the label.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

from data.synth import listings, pages
from data.synth.phrases import LANGS, P
from data.synth.skeletons import FRAMEWORKS, wrap

SEED = 20261123
OUT = Path(__file__).resolve().parents[1] / "corpus"
PER_PAGE_FAMILY = 28
PER_LISTING_FAMILY = 36


def _page_rows(rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for label, table in (("scam", pages.SCAM), ("benign", pages.BENIGN)):
        for fam, fn in table.items():
            n = PER_PAGE_FAMILY if label == "scam" else PER_PAGE_FAMILY + 4
            for i in range(n):
                lang = (
                    rng.choice(LANGS)
                    if fam
                    not in (
                        "news",
                        "tiktok_help",
                        "oauth_tool",
                        "public_analytics",
                        "first_party",
                        "ordinary",
                        "tiktok_consent",
                    )
                    else "en"
                )
                title, body, scripts, subtype = fn(rng, lang)
                fw = rng.choice(FRAMEWORKS)
                if fam == "genuine_brand_login":
                    brand = title.split(" ")[0]
                    url = (
                        "https://" + pages.BRAND_HOSTS.get(brand, "www.example.com/login")
                        if rng.random() < 0.85
                        else ""
                    )
                    site = brand
                elif fam in pages.OFFICIAL_URLS:
                    url = rng.choice(pages.OFFICIAL_URLS[fam])
                    site = "TikTok"
                else:
                    url = pages.host(rng, label == "scam")
                    site = url.split("/")[2] if url else rng.choice(["Home", "Site"])
                filler = P["filler"].get(lang, P["filler"]["en"])
                html = wrap(title, body, fw, rng, lang, site, filler, scripts)
                rows.append(
                    {
                        "id": f"synth-{fam}-{i:03d}",
                        "url": url,
                        "kind": "page",
                        "html": html,
                        "label": label,
                        "subtype": subtype,
                        "family": f"synth:{fam}",
                        "source": f"generated:data.synth.pages:{fam}",
                        "lang": lang,
                    }
                )
    return rows


def _listing_rows(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    spec = {
        "ads": (listings.ad_scam, listings.ad_benign),
        "apps": (listings.app_scam, listings.app_benign),
        "extensions": (listings.ext_scam, listings.ext_benign),
    }
    for name, (scam_fn, benign_fn) in spec.items():
        rows = []
        for label, fn in (("scam", scam_fn), ("benign", benign_fn)):
            for i in range(PER_LISTING_FAMILY):
                lang = rng.choice(LANGS)
                snap, subtype = fn(rng, lang)
                rows.append(
                    {
                        "id": f"synth-{name}-{label}-{i:03d}",
                        **snap,
                        "label": label,
                        "subtype": subtype,
                        "family": f"synth:{name}:{label}:{subtype}",
                        "source": f"generated:data.synth.listings:{fn.__name__}",
                        "lang": lang,
                    }
                )
        out[name] = rows
    return out


def _url_twins(rows: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """URL-only copies of some pages (as a batch scan sees an unreachable page): same label/family."""
    out = []
    for row in rows:
        if row["url"] and rng.random() < 0.35:
            twin = {k: v for k, v in row.items() if k != "html"}
            twin["id"] = row["id"] + "-url"
            twin["error"] = rng.choice(
                ["fetch.timeout", "fetch.connection", "fetch.http_404", None]
            )
            twin["source"] = row["source"] + ":url_only"
            out.append(twin)
    return out


ORDINARY = [
    "shop",
    "news",
    "bank",
    "cloud",
    "maps",
    "travel",
    "recipes",
    "weather",
    "sports",
    "music",
    "school",
    "city",
    "health",
    "market",
    "books",
    "games",
    "photo",
    "home",
    "auto",
    "jobs",
]


def _ordinary_urls(rng: random.Random, n: int = 80) -> list[dict[str, Any]]:
    """URL-only rows of ordinary sites: what most of a batch scan's inputs look like."""
    out = []
    for i in range(n):
        name = rng.choice(ORDINARY) + rng.choice(["", "ly", "hub", "online", "world", "daily"])
        path = rng.choice(
            ["", "", "about", "en/", "products/item-" + str(rng.randint(1, 999)), "news/2026/story"]
        )
        url = f"https://{rng.choice(['www.', '', 'm.'])}{name}.{rng.choice(['com', 'org', 'net', 'de', 'co.uk', 'io'])}/{path}"
        out.append(
            {
                "id": f"synth-ordinary-url-{i:03d}",
                "url": url,
                "kind": "page",
                "label": "benign",
                "subtype": "ordinary",
                "family": "synth:ordinary_url",
                "source": "generated:data.synth.build:ordinary_urls",
                "lang": "en",
            }
        )
    return out


def build(out_dir: Path = OUT) -> dict[str, int]:
    rng = random.Random(SEED)
    out_dir.mkdir(parents=True, exist_ok=True)
    page_rows = _page_rows(rng)
    files = {
        "pages": page_rows,
        **_listing_rows(rng),
        "urls": _url_twins(page_rows, rng) + _ordinary_urls(rng),
    }
    counts = {}
    for name, rows in files.items():
        path = out_dir / f"synth_{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
        counts[name] = len(rows)
    return counts


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(build(target))
