"""Shared pieces for the ad and listing generators: families, house style, ids, output.

House style (emoji, bullet marks, how many bullets, filler sentences, developer-name patterns,
ratings, install counts) is drawn from ONE distribution for both labels, from a random stream
seeded by the row's key alone. Only the content (what is promised, asked for and charged)
depends on the label, so a model cannot separate the labels by how a listing is dressed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[1]
CORPUS = DATA / "corpus"
HANDWRITTEN = DATA / "handwritten" / "listings"

EMOJI = ("🔥", "👀", "✅", "⭐", "🚀", "📈", "🎬", "💡", "✨", "📊", "🔒", "💜", "🎯", "⚡")
BULLETS = ("•", "-", "✓", "★", "▶", "◆", "➤", "*", "1.")
FILLER: dict[str, tuple[str, ...]] = {
    "en": (
        "Works on phones and tablets.",
        "Questions? Our support team answers within two working days.",
        "Updated regularly with fixes and small improvements.",
        "Thanks for all the feedback, keep it coming!",
    ),
    "es": (
        "Funciona en teléfonos y tabletas.",
        "¿Dudas? Nuestro equipo responde en dos días hábiles.",
        "Actualizamos la app con frecuencia.",
    ),
    "pt": (
        "Funciona em celulares e tablets.",
        "Dúvidas? Nosso suporte responde em até dois dias úteis.",
        "Atualizado com frequência.",
    ),
    "id": (
        "Bisa dipakai di ponsel dan tablet.",
        "Ada pertanyaan? Tim kami membalas dalam dua hari kerja.",
        "Diperbarui secara rutin.",
    ),
    "vi": (
        "Dùng được trên điện thoại và máy tính bảng.",
        "Cần hỗ trợ? Chúng tôi trả lời trong hai ngày làm việc.",
        "Cập nhật thường xuyên.",
    ),
    "tr": (
        "Telefon ve tablette çalışır.",
        "Sorunuz mu var? Destek ekibimiz iki iş günü içinde yanıt verir.",
        "Düzenli olarak güncellenir.",
    ),
    "de": (
        "Läuft auf Smartphone und Tablet.",
        "Fragen? Unser Support antwortet innerhalb von zwei Werktagen.",
        "Wird regelmäßig aktualisiert.",
    ),
    "fr": (
        "Fonctionne sur téléphone et tablette.",
        "Une question ? Notre support répond sous deux jours ouvrés.",
        "Mis à jour régulièrement.",
    ),
}
_DEV_HEADS: tuple[str, ...] = (
    "Nova",
    "Bluefin",
    "Kite",
    "Orbit",
    "Maple",
    "Quartz",
    "Lumen",
    "Pepper",
    "Tidal",
)
_DEV_HEADS += ("Cobalt", "Harbor", "Sprout", "Vela", "Juniper", "Atlas", "Mosaic", "Ember")
_DEV_TAILS = ("Labs", "Apps", "Studio", "Software", "Media", "Digital", "Tech", "Mobile")
_DEV_FORMS = ("{h} {t}", "{h} {t} Inc.", "{h} {t} LLC", "{h}{t} Ltd", "{p}", "{h} {t} GmbH")
_PEOPLE: tuple[str, ...] = (
    "Marta Silva",
    "Nguyen Van Tu",
    "Ahmet Yilmaz",
    "Dewi Lestari",
    "Lukas Brenner",
)
_PEOPLE += ("Camille Roux", "Diego Herrera", "Priya Nair", "Sam O'Connell", "Tran Thi Mai")


@dataclass(frozen=True)
class Bank:
    """Wording for one language: opening sentences, feature points, closing small print."""

    intros: tuple[str, ...]
    points: tuple[str, ...]
    closes: tuple[str, ...]


@dataclass(frozen=True)
class Family:
    """A campaign, template or publisher: grouped CV never splits one."""

    key: str
    label: str
    subtype: str
    n: int
    langs: tuple[tuple[str, int], ...]
    names: tuple[str, ...]
    text: Mapping[str, Bank]
    devs: tuple[str, ...] = ()
    knobs: Mapping[str, Any] = field(default_factory=dict)


def row_rng(key: str, i: int, salt: str) -> random.Random:
    """A random stream for one row; string seeds hash with SHA-512, so runs are stable."""
    return random.Random(f"{salt}:{key}:{i}")


def lang_plan(family: Family) -> list[str]:
    """Languages for the family's rows, in weight order, cycled to the family size."""
    cycle = [lang for lang, weight in family.langs for _ in range(weight)]
    return [cycle[i % len(cycle)] for i in range(family.n)]


def developer_names(key: str) -> list[str]:
    """One to three publisher names for a family, from the pool shared by both labels."""
    rng = random.Random(f"dev:{key}")
    out = []
    for _ in range(rng.choice((1, 2, 2, 3))):
        form = rng.choice(_DEV_FORMS)
        name = form.format(
            h=rng.choice(_DEV_HEADS), t=rng.choice(_DEV_TAILS), p=rng.choice(_PEOPLE)
        )
        out.append(name)
    return out


def compose(style: random.Random, bank: Bank, fmt: Mapping[str, str], lang: str) -> str:
    """Description text: intro, bullet points, closing, optional filler, in a shared style."""
    mode = style.choice(("plain", "plain", "lead", "bullets", "both"))
    mark = style.choice(BULLETS)
    n_points = min(len(bank.points), style.choice((0, 2, 3, 3, 4, 4, 5)))
    points = style.sample(list(bank.points), n_points)
    intro = style.choice(bank.intros).format_map(fmt)
    if mode in ("lead", "both"):
        intro = f"{style.choice(EMOJI)} {intro}"
    parts = [intro]
    if points:
        lines = []
        for k, point in enumerate(points, 1):
            head = f"{k}." if mark == "1." else mark
            if mode in ("bullets", "both") and style.random() < 0.7:
                head = style.choice(EMOJI)
            lines.append(f"{head} {point.format_map(fmt)}")
        parts.append("\n".join(lines))
    parts.append(style.choice(bank.closes).format_map(fmt))
    fillers = FILLER.get(lang, FILLER["en"])
    for _ in range(style.choice((0, 0, 1, 1, 2))):
        parts.append(style.choice(fillers))
    return style.choice(("\n\n", "\n")).join(parts)


def rating(style: random.Random) -> float:
    """Store rating: the same spread for both labels (scam apps often rate well)."""
    return round(min(4.9, max(2.1, style.gauss(4.05, 0.55))), 1)


APP_INSTALLS: tuple[str, ...] = (
    "100+",
    "500+",
    "1,000+",
    "5,000+",
    "10,000+",
    "50,000+",
    "100,000+",
)
APP_INSTALLS += ("500,000+", "1,000,000+", "5,000,000+", "10,000,000+")
EXT_INSTALLS: tuple[str, ...] = (
    "48 users",
    "260 users",
    "1,000+ users",
    "3,000+ users",
    "10,000+ users",
)
EXT_INSTALLS += ("20,000 users", "60,000+ users", "200,000+ users", "1,000,000+ users")


def installs(style: random.Random, choices: Sequence[str]) -> str:
    return style.choice(choices)


def store_id(seed: str) -> str:
    """A 32-letter a-p identifier in the Chrome Web Store shape."""
    digest = hashlib.sha256(seed.encode()).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def digits(seed: str, n: int) -> str:
    value = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    return str(value)[:n]


def slugify(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    return "-".join(p for p in out.split("-") if p)[:60] or "item"


def make_row(
    family: Family, i: int, kind: str, snapshot: dict[str, Any], lang: str, module: str
) -> dict[str, Any]:
    """Snapshot fields plus the label columns, keys in a fixed order."""
    row: dict[str, Any] = {"id": f"{family.key}-{i:02d}", "kind": kind}
    row.update(snapshot)
    row.update(
        label=family.label,
        subtype=family.subtype,
        family=family.key,
        source=f"generated:{module}:{family.key.split('-', 2)[-1]}",
        lang=lang,
    )
    return row


def handwritten(kind: str | None = None, folder: Path = HANDWRITTEN) -> list[dict[str, Any]]:
    """Hand-written rows (of one kind, or all), sorted by file name; id defaults to 'hw-<stem>'."""
    rows = []
    for path in sorted(folder.glob("*.json")):
        row = json.loads(path.read_text(encoding="utf-8"))
        if kind is None or row.get("kind", "page") == kind:
            row.setdefault("id", f"hw-{path.stem}")
            rows.append(row)
    return rows


def write_jsonl(rows: Iterable[Mapping[str, Any]], path: Path) -> int:
    """Write one JSON object per line, UTF-8, '\\n' endings; returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return len(lines)


def out_dir(argv: Sequence[str] | None, what: str, default: Path = CORPUS) -> Path:
    """The ``--out`` folder of a generator's command line (``default``: data/corpus)."""
    parser = argparse.ArgumentParser(description=f"Regenerate {what} deterministically.")
    where = default.relative_to(DATA.parent) if default.is_relative_to(DATA.parent) else default
    parser.add_argument("--out", type=Path, default=default, help=f"output folder ({where})")
    return Path(parser.parse_args(argv).out)
