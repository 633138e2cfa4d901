"""App and extension listings, both labels: ``python -m data.generator.listings [--out DIR]``.

Writes ``app_listings.jsonl`` and ``extension_listings.jsonl``. Hand-written rows stay in
data/handwritten/listings/ (the training loader reads both places, so they are not copied here).
Same bytes on every run.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from data.generator import apps_benign, apps_scam, exts_benign, exts_scam, manifests
from data.generator.kit import (
    APP_INSTALLS,
    EXT_INSTALLS,
    Family,
    compose,
    developer_names,
    digits,
    installs,
    lang_plan,
    make_row,
    out_dir,
    rating,
    row_rng,
    slugify,
    store_id,
    write_jsonl,
)

MODULE = "data.generator.listings"
APP_FAMILIES: tuple[Family, ...] = apps_scam.FAMILIES + apps_benign.FAMILIES
EXT_FAMILIES: tuple[Family, ...] = exts_scam.FAMILIES + exts_benign.FAMILIES
_APPLE_CC = {"en": "us", "es": "mx", "pt": "br", "id": "id", "vi": "vn", "tr": "tr", "de": "de"}
_APPLE_CC["fr"] = "fr"
_SITE_TLDS = (".com", ".io", ".app", ".dev", ".net")


def brand(name: str) -> str:
    """Short brand for running text: 'Linkwise: Jobs & Network' -> 'Linkwise'."""
    for sep in (":", " - ", " – ", " ("):
        name = name.split(sep)[0]
    return name.strip()


def _nth(values: Sequence[Any], k: int) -> Any:
    return values[k % len(values)]


def _updated(style: random.Random) -> str:
    return f"2026-{style.randint(1, 10):02d}-{style.randint(1, 28):02d}"


def _price_text(rng: random.Random, options: Sequence[str | None]) -> tuple[str | None, str]:
    """(in-app purchase field, price wording for the description)."""
    iap = rng.choice(options)
    fallback = next((o for o in options if o), "")
    return iap, iap or fallback


def _reviews(rng: random.Random, style: random.Random, pool: Sequence[str]) -> list[str]:
    return rng.sample(list(pool), min(len(pool), style.choice((0, 0, 1, 2))))


def app_row(family: Family, i: int, lang: str) -> dict[str, Any]:
    """One app-store listing snapshot with store-page extras."""
    rng, style, k = row_rng(family.key, i, "content"), row_rng(family.key, i, "style"), family.knobs
    b = rng.randrange(len(family.names))
    name, store = family.names[b], rng.choice(k["stores"])
    dev = _nth(family.devs or developer_names(family.key), b)
    site, email = _nth(k["sites"], b), _nth(k["emails"], b)
    iap, price = _price_text(rng, k["iap"])
    fmt = {"name": brand(name), "price": price, "dev": dev, "site": site}
    desc = compose(style, family.text[lang], fmt, lang)
    if iap is None and price and price in desc:
        iap = price
    pkg = _nth(k["pkgs"], b)
    count: str | None = rng.choice(k["installs"]) if "installs" in k else None
    count = count or installs(style, APP_INSTALLS)
    extra: dict[str, Any] = {
        "store": "google_play" if store == "play" else "app_store",
        "price": 0,
        "in_app_purchases": iap,
        "developer_website": site,
        "developer_email": email,
        "updated": _updated(style),
        "reviews": _reviews(rng, style, k["reviews"]),
    }
    if store == "play":
        url = f"https://play.google.com/store/apps/details?id={pkg}&hl={lang}"
        perms = manifests.pick_some(rng, k["perms"])
        extra["contains_ads"] = any("AD_ID" in p for p in perms)
    else:
        cc = _APPLE_CC.get(lang, "us")
        url = f"https://apps.apple.com/{cc}/app/{slugify(name)}/id{digits(pkg, 10)}"
        perms, count = [], None
        extra["ratings_count"] = f"{style.choice((12, 85, 240, 1200, 9800, 41000))} ratings"
    listing = {
        "name": name,
        "description": desc,
        "developer": dev,
        "permissions": perms,
        "host_permissions": [],
        "installs": count,
        "rating": rating(style),
        "landing_url": site or None,
        **extra,
    }
    return make_row(family, i, "app_listing", {"url": url, "listing": listing}, lang, MODULE)


def _dev_contact(style: random.Random, dev: str) -> tuple[str, str]:
    domain = slugify(dev).replace("-", "")[:18] + style.choice(_SITE_TLDS)
    site = style.choice((f"https://{domain}", f"https://www.{domain}", ""))
    email = style.choice((f"support@{domain}", f"{slugify(dev).split('-')[0]}.ext@gmail.com"))
    return site, email


def ext_row(family: Family, i: int, lang: str) -> dict[str, Any]:
    """One Chrome Web Store listing snapshot with a manifest consistent with its permissions."""
    rng, style, k = row_rng(family.key, i, "content"), row_rng(family.key, i, "style"), family.knobs
    name = rng.choice(family.names)
    dev = rng.choice(family.devs or developer_names(family.key))
    site, email = _dev_contact(style, dev)
    iap, price = _price_text(rng, k.get("iap", (None,)))
    desc = compose(
        style, family.text[lang], {"name": brand(name), "price": price, "dev": dev}, lang
    )
    manifest = manifests.build(rng, k, name, desc)
    api, hosts = manifests.listing_permissions(manifest)
    listing: dict[str, Any] = {
        "name": name,
        "description": desc,
        "developer": dev,
        "permissions": api,
        "host_permissions": hosts,
        "installs": installs(style, EXT_INSTALLS),
        "rating": rating(style),
        "landing_url": site or None,
        "manifest": manifest,
        "version": manifest["version"],
        "updated": _updated(style),
        "developer_website": site,
        "developer_email": email,
    }
    if iap or (price and price in desc):
        listing["in_app_purchases"] = iap or price
    if rng.random() < 0.6:
        listing["code_excerpt"] = rng.choice(k["code"])
    rules = manifests.dnr_rules(k, manifest)
    if rules:
        listing["dnr_rules"] = rules
    url = (
        f"https://chromewebstore.google.com/detail/{slugify(name)}/{store_id(f'{family.key}:{i}')}"
    )
    return make_row(family, i, "extension_listing", {"url": url, "listing": listing}, lang, MODULE)


def build_apps() -> list[dict[str, Any]]:
    return [app_row(f, i, lang) for f in APP_FAMILIES for i, lang in enumerate(lang_plan(f))]


def build_extensions() -> list[dict[str, Any]]:
    return [ext_row(f, i, lang) for f in EXT_FAMILIES for i, lang in enumerate(lang_plan(f))]


def main(argv: Sequence[str] | None = None) -> int:
    out: Path = out_dir(argv, "app and extension listings")
    n_apps = write_jsonl(build_apps(), out / "app_listings.jsonl")
    n_exts = write_jsonl(build_extensions(), out / "extension_listings.jsonl")
    print(f"wrote {n_apps} app listings and {n_exts} extension listings to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
