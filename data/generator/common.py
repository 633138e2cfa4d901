"""Small helpers shared by the corpus generators (pages, and any other generator that wants them).

API (keep it this small):

- ``rng_for(*parts) -> random.Random``: a random stream seeded ONLY by the given strings, so a
  row's draws never depend on how many rows came before it (adding a family changes no other row).
- ``esc(text) -> str``: HTML-escape text and attribute values.
- ``write_jsonl(rows, path) -> int``: one JSON object per line, UTF-8, ``\\n`` endings.
- ``read_json_rows(folder) -> list[dict]``: the ``*.json`` files of a folder, sorted by name;
  ``id`` defaults to ``hw-<stem>`` and ``source`` to ``handwritten``.
- ``fetched_at(rng) -> str``: an ISO-8601 UTC timestamp in 2025-2026.
- ``snippet(lang, key) -> str`` and ``SNIPPETS``: boilerplate words of an ordinary web page
  (cookie banner, newsletter, search, footer, related posts, ad label) per language, so both labels
  are dressed in the same chrome whatever the language.
- ``LANGS``: languages with a full snippet set.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

LANGS = ("en", "es", "pt", "id", "vi", "tr", "de", "fr", "ar", "th")

_KEYS = (
    "cookie",
    "accept",
    "newsletter",
    "subscribe",
    "email",
    "search",
    "related",
    "comments",
    "rights",
    "privacy",
    "terms",
    "contact",
    "home",
    "blog",
    "about",
    "ad",
    "more",
    "share",
)

_ROWS: dict[str, tuple[str, ...]] = {
    "en": ("We use cookies to improve your experience.", "Accept", "Get our weekly newsletter",
           "Subscribe", "Your email", "Search", "Related posts", "Comments", "All rights reserved",
           "Privacy policy", "Terms", "Contact", "Home", "Blog", "About", "Advertisement",
           "Read more", "Share"),
    "es": ("Usamos cookies para mejorar tu experiencia.", "Aceptar", "Recibe nuestro boletín",
           "Suscribirme", "Tu correo", "Buscar", "Artículos relacionados", "Comentarios",
           "Todos los derechos reservados", "Política de privacidad", "Términos", "Contacto",
           "Inicio", "Blog", "Quiénes somos", "Publicidad", "Leer más", "Compartir"),
    "pt": ("Usamos cookies para melhorar sua experiência.", "Aceitar", "Receba nossa newsletter",
           "Inscrever", "Seu e-mail", "Buscar", "Posts relacionados", "Comentários",
           "Todos os direitos reservados", "Política de privacidade", "Termos", "Contato",
           "Início", "Blog", "Sobre", "Publicidade", "Leia mais", "Compartilhar"),
    "id": ("Kami memakai cookie untuk meningkatkan pengalaman Anda.", "Terima",
           "Dapatkan buletin mingguan", "Langganan", "Email Anda", "Cari", "Artikel terkait",
           "Komentar", "Hak cipta dilindungi", "Kebijakan privasi", "Ketentuan", "Kontak",
           "Beranda", "Blog", "Tentang", "Iklan", "Baca selengkapnya", "Bagikan"),
    "vi": ("Chúng tôi dùng cookie để cải thiện trải nghiệm.", "Đồng ý", "Nhận bản tin hằng tuần",
           "Đăng ký", "Email của bạn", "Tìm kiếm", "Bài viết liên quan", "Bình luận",
           "Bảo lưu mọi quyền", "Chính sách bảo mật", "Điều khoản", "Liên hệ", "Trang chủ",
           "Blog", "Giới thiệu", "Quảng cáo", "Đọc thêm", "Chia sẻ"),
    "tr": ("Deneyiminizi iyileştirmek için çerez kullanıyoruz.", "Kabul et",
           "Haftalık bültenimize katılın", "Abone ol", "E-posta adresiniz", "Ara",
           "İlgili yazılar", "Yorumlar", "Tüm hakları saklıdır", "Gizlilik politikası",
           "Koşullar", "İletişim", "Ana sayfa", "Blog", "Hakkımızda", "Reklam", "Devamını oku",
           "Paylaş"),
    "de": ("Wir verwenden Cookies, um Ihr Erlebnis zu verbessern.", "Akzeptieren",
           "Unser wöchentlicher Newsletter", "Abonnieren", "Ihre E-Mail", "Suchen",
           "Ähnliche Beiträge", "Kommentare", "Alle Rechte vorbehalten", "Datenschutz",
           "AGB", "Kontakt", "Startseite", "Blog", "Über uns", "Anzeige", "Weiterlesen",
           "Teilen"),
    "fr": ("Nous utilisons des cookies pour améliorer votre expérience.", "Accepter",
           "Recevez notre lettre d'information", "S'abonner", "Votre e-mail", "Rechercher",
           "Articles similaires", "Commentaires", "Tous droits réservés",
           "Politique de confidentialité", "Conditions", "Contact", "Accueil", "Blog",
           "À propos", "Publicité", "Lire la suite", "Partager"),
    "ar": ("نستخدم ملفات تعريف الارتباط لتحسين تجربتك.", "موافق", "اشترك في نشرتنا الأسبوعية",
           "اشترك", "بريدك الإلكتروني", "بحث", "مقالات ذات صلة", "التعليقات", "جميع الحقوق محفوظة",
           "سياسة الخصوصية", "الشروط", "اتصل بنا", "الرئيسية", "المدونة", "من نحن", "إعلان",
           "اقرأ المزيد", "مشاركة"),
    "th": ("เราใช้คุกกี้เพื่อปรับปรุงประสบการณ์ของคุณ", "ยอมรับ", "รับจดหมายข่าวรายสัปดาห์",
           "สมัครรับ", "อีเมลของคุณ", "ค้นหา", "บทความที่เกี่ยวข้อง", "ความคิดเห็น",
           "สงวนลิขสิทธิ์", "นโยบายความเป็นส่วนตัว", "ข้อกำหนด", "ติดต่อ", "หน้าแรก", "บล็อก",
           "เกี่ยวกับเรา", "โฆษณา", "อ่านต่อ", "แชร์"),
}  # fmt: skip

SNIPPETS: dict[str, dict[str, str]] = {
    lang: dict(zip(_KEYS, row, strict=True)) for lang, row in _ROWS.items()
}


def snippet(lang: str, key: str) -> str:
    """Boilerplate word ``key`` in ``lang`` (English when the language has no snippet set)."""
    return SNIPPETS.get(lang, SNIPPETS["en"])[key]


def rng_for(*parts: str) -> random.Random:
    """A random stream seeded by ``parts`` alone (sha256, so stable across Python versions)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def esc(text: str) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(text, quote=True)


def fetched_at(rng: random.Random) -> str:
    """An ISO-8601 UTC timestamp between 2025-01 and 2026-03."""
    year = rng.choice((2025, 2025, 2026))
    month = rng.randint(1, 3) if year == 2026 else rng.randint(1, 12)
    return (
        f"{year}-{month:02d}-{rng.randint(1, 28):02d}T"
        f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}Z"
    )


def write_jsonl(rows: Iterable[Mapping[str, Any]], path: Path) -> int:
    """Write one JSON object per line (UTF-8, '\\n' endings); returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=False) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    return len(lines)


def read_json_rows(folder: Path) -> list[dict[str, Any]]:
    """One row per ``*.json`` file in ``folder`` (sorted); fills ``id`` and ``source`` defaults."""
    rows = []
    for path in sorted(folder.glob("*.json")):
        row = json.loads(path.read_text(encoding="utf-8"))
        row.setdefault("id", f"hw-{path.stem}")
        row.setdefault("source", "handwritten")
        rows.append(row)
    return rows
