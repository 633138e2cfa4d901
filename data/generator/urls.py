"""Write data/corpus/urls.jsonl: URL-only rows (kind "page", no markup), deterministically.

    python -m data.generator.urls [--out DIR]

Two parts:

- URL-only twins of generated pages, as a batch scan sees a page it could not fetch: same url,
  label and family as the page (grouped CV keeps twin and page together). Whether a page gets a
  twin, and which fetch error it carries, is drawn from streams seeded by the page id alone, so
  adding a page family adds twins of its own rows and changes no other row.
- Ordinary-site URLs (shops, news, banks, schools...): what most of a batch scan's inputs look
  like, in families of ten by kind of site, with country domains for every language.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from data.generator import pages
from data.generator.common import rng_for, write_jsonl
from data.generator.kit import out_dir

FILENAME = "urls.jsonl"
MODULE = "data.generator.urls"
TWIN_SHARE = 0.75
ERRORS = ("fetch.timeout", "fetch.connection", "fetch.http_404", None)

# kind of site -> (name stems, paths)
SITES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "shop": (("shop", "market", "store", "deals"), ("", "products/item-{n}", "cart", "sale/")),
    "news": (("news", "daily", "times", "post"), ("", "news/2026/story-{n}", "world/", "tech/")),
    "bank": (("bank", "credit", "savings", "pay"), ("", "login", "personal/", "help/cards")),
    "travel": (("travel", "trips", "hotels", "maps"), ("", "deals/{n}", "city/", "about")),
    "school": (("school", "campus", "learn", "academy"), ("", "courses/{n}", "staff", "events/")),
    "health": (("health", "clinic", "care", "pharma"), ("", "doctors/", "book", "faq")),
    "food": (("recipes", "kitchen", "cafe", "pizza"), ("", "menu", "recipes/{n}", "order")),
    "sports": (("sports", "club", "league", "gym"), ("", "fixtures", "team/{n}", "tickets/")),
}
SUFFIXES = ("", "ly", "hub", "online", "world", "24", "plus")
# language -> country domains (a row draws a generic .com/.org/.net half the time)
TLDS: dict[str, tuple[str, ...]] = {
    "en": ("co.uk", "com.au", "ca", "ie"),
    "es": ("es", "com.mx", "com.ar", "cl"),
    "pt": ("com.br", "pt"),
    "id": ("co.id", "id"),
    "vi": ("vn", "com.vn"),
    "tr": ("com.tr", "tr"),
    "de": ("de", "at", "ch"),
    "fr": ("fr", "be"),
    "ar": ("ae", "com.sa", "com.eg"),
    "th": ("co.th", "in.th"),
}
GENERIC = ("com", "org", "net", "io")


def twins(page_rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """URL-only copies of some pages with a URL."""
    out = []
    for row in page_rows:
        rid = row["id"]
        if not row.get("url") or rng_for("twin", rid).random() >= TWIN_SHARE:
            continue
        err = rng_for("twin-error", rid)
        template = row["source"].rsplit(":", 1)[-1]
        out.append(
            {
                "id": f"{rid}-url",
                "url": row["url"],
                "kind": "page",
                "error": err.choice(ERRORS),
                "label": row["label"],
                "subtype": row["subtype"],
                "family": row["family"],
                "source": f"generated:{MODULE}:twin-{template}",
                "lang": row["lang"],
            }
        )
    return out


def _lang_plan() -> list[str]:
    """Languages of the ordinary URLs, in the proportions of the generated pages."""
    weights = {"en": 7, "es": 3, "pt": 3, "id": 2, "vi": 2, "de": 2, "fr": 2, "tr": 2, "th": 1}
    weights["ar"] = 1
    return [lang for lang, w in weights.items() for _ in range(w)]


def ordinary(per_kind: int = 10) -> list[dict[str, Any]]:
    """URL-only rows of ordinary sites, one family per kind of site."""
    plan = _lang_plan()
    out = []
    for kind, (stems, paths) in SITES.items():
        for i in range(per_kind):
            rid = f"url-ord-{kind}-{i:02d}"
            rng = rng_for("content", rid)
            lang = plan[(i + len(out)) % len(plan)]
            tld = rng.choice(TLDS[lang]) if rng.random() < 0.5 else rng.choice(GENERIC)
            name = rng.choice(stems) + rng.choice(SUFFIXES)
            if rng.random() < 0.4:
                name = rng.choice(("city", "metro", "north", "green", "blue", "first")) + name
            path = rng.choice(paths).format(n=rng.randint(1, 999))
            host = rng.choice(("www.", "", "m.")) + name + "." + tld
            out.append(
                {
                    "id": rid,
                    "url": f"https://{host}/{path}",
                    "kind": "page",
                    "label": "benign",
                    "subtype": "ordinary",
                    "family": f"url-ord-{kind}",
                    "source": f"generated:{MODULE}:ordinary-{kind}",
                    "lang": lang,
                }
            )
    return out


def generate() -> list[dict[str, Any]]:
    return twins(pages.generate()) + ordinary()


def main(argv: Sequence[str] | None = None) -> int:
    out: Path = out_dir(argv, f"data/corpus/{FILENAME}")
    count = write_jsonl(generate(), out / FILENAME)
    print(f"wrote {count} rows to {out / FILENAME}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
