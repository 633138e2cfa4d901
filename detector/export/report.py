"""A self-contained HTML report of a scan: counts, score histogram, top reasons, domains, table.

``write_report(verdicts, path, title, run_stats=None) -> Path`` writes one HTML file with inline
CSS, an inline SVG histogram and inline vanilla JS (sortable, filterable verdict table); it loads
nothing from anywhere, and a Content-Security-Policy pins the one script by hash.

Everything from verdicts is hostile text (URLs and evidence come from scam pages): summary tables
go through ``html.escape``; the table's rows travel as JSON in ``<script type="application/json">``
with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc., so no sequence can close the element;
the script fills cells with ``textContent`` only. URLs are never rendered as links.
The layout lives in report_template.html beside this module.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from detector.export import atomic_output, hosting_platform
from detector.records import Verdict
from detector.redact import redact_verdict

TOP_N = 15
BINS = 10
_EVIDENCE_MAX = 300
_LABELS = ("scam", "suspicious", "benign", "unverified", "error")
# Verdict extras shown in a row's detail view when the scan recorded them.
_DETAILS = ("final_url", "http_status", "redirects", "fetch_error", "domain_age_days",
            "registrar", "publisher", "scanned_at", "analyst_label", "given_url", "discovered_from")  # fmt: skip


def write_report(
    verdicts: Iterable[Verdict],
    path: str | os.PathLike[str],
    title: str = "Scan report",
    run_stats: dict[str, Any] | None = None,
    model: Mapping[str, Any] | None = None,
) -> Path:
    """Write the report to ``path`` (atomically) and return the path.

    ``model`` (``model_info(artifact)``) puts the model's name, version and thresholds in the
    header and draws the thresholds on the histogram.
    """
    page = render_report(verdicts, title, run_stats, model=model)
    with atomic_output(path, "w", encoding="utf-8") as fh:
        fh.write(page)
    return Path(path)


def render_report(
    verdicts: Iterable[Verdict],
    title: str = "Scan report",
    run_stats: dict[str, Any] | None = None,
    generated: datetime | None = None,
    model: Mapping[str, Any] | None = None,
) -> str:
    """The report as an HTML string (URLs redacted: detector/redact.py)."""
    items = [redact_verdict(v) for v in verdicts]
    template = resources.files(__package__).joinpath("report_template.html").read_text("utf-8")
    script = re.search(r'<script id="report-js">(.*?)</script>', template, re.S)
    assert script is not None, "report template lost its script"
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    when = (generated or datetime.now(UTC)).isoformat(timespec="seconds")
    values = {
        "title": html.escape(title),
        "generated": html.escape(f"{when} from {len(items)} verdicts"),
        "model": _model_html(items, model),
        "script_hash": f"'sha256-{digest}'",
        "summary": _summary_html(items, run_stats, _thresholds(model)),
        "data": script_json([_row(v) for v in items]),
    }
    # One pass, so text inserted for one marker is never scanned for another.
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], template)


def script_json(value: Any) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' survives literally."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, esc)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def model_info(artifact: Any) -> dict[str, Any]:
    """What the report says about the model: name@version and the two thresholds."""
    t = artifact.thresholds
    return {"name": artifact.name, "suspicious": t.suspicious, "scam": t.scam}


def model_of_verdicts(verdicts: Iterable[Verdict]) -> dict[str, Any] | None:
    """``model_info`` of the installed model when it is the one that scored ``verdicts``."""
    names = {v.model for v in verdicts if v.model}
    if len(names) != 1:
        return None
    from detector.detector import Detector
    from detector.errors import DetectorError

    try:
        artifact = Detector.load().artifact
    except DetectorError:
        return None
    return model_info(artifact) if artifact.name in names else None


def _thresholds(model: Mapping[str, Any] | None) -> dict[str, float]:
    if not model:
        return {}
    out = {}
    for k in ("suspicious", "scam"):
        value = model.get(k)
        if isinstance(value, int | float) and 0 <= value <= 1:
            out[k] = float(value)
    return out


def _model_html(items: list[Verdict], model: Mapping[str, Any] | None) -> str:
    names = sorted({v.model for v in items if v.model})
    name = str(model.get("name")) if model and model.get("name") else ", ".join(names)
    if not name:
        return ""
    text = f"Model {name}"
    t = _thresholds(model)
    if t:
        text += f"; suspicious from {t['suspicious']:.3f}, scam from {t['scam']:.3f}"
    return f'<p id="model">{html.escape(text)}.</p>'


def label_of(verdict: Verdict) -> str:
    return "error" if verdict.error else (verdict.label or "error")


def _row(v: Verdict) -> dict[str, Any]:
    return {
        "id": v.id,
        "url": v.url,
        "kind": v.kind,
        "score": None if v.score is None else round(v.score, 4),
        "label": v.label,
        "basis": v.basis,
        "fetch_error": v.extra.get("fetch_error"),
        "claims": list(v.claims),
        "reasons": [
            {
                "code": r.code,
                "message": r.message,
                "evidence": r.evidence[:_EVIDENCE_MAX],
                "toward": "scam" if r.weight > 0 else "benign" if r.weight < 0 else "",
                "weight": round(r.weight, 2),
            }
            for r in v.reasons
        ],
        "error": v.error,
        "details": {k: v.extra[k] for k in _DETAILS if v.extra.get(k) not in (None, "", [])},
        "screenshot": _jpeg(v.extra.get("screenshot")),
    }


_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")
_SHOT_MAX = 400_000  # base64 characters of one screenshot embedded in the report


def _jpeg(value: Any) -> str | None:
    """A rendered page's screenshot, if it is base64 of a JPEG of sane size (else left out)."""
    if not isinstance(value, str) or len(value) > _SHOT_MAX or not value.startswith("/9j/"):
        return None
    return value if _BASE64.fullmatch(value) else None


def _summary_html(
    items: list[Verdict], run_stats: dict[str, Any] | None, thresholds: dict[str, float]
) -> str:
    labels = Counter(label_of(v) for v in items)
    cards = "".join(
        f'<div class="card {k}"><span class="n" id="count-{k}">{labels.get(k, 0)}</span>{k}</div>'
        for k in _LABELS
    )
    parts = [f'<section id="counts"><h2>Verdicts by label</h2><div class="cards">{cards}</div>']
    if run_stats:
        keys = ("inputs", "done", "failed", "pending")
        stats = "".join(
            f'<div class="card"><span class="n" id="run-{k}">{html.escape(str(run_stats.get(k, "")))}'
            f"</span>{k}</div>"
            for k in keys
        )
        parts.append(
            f'</section><section><h2>Run</h2><div class="cards" id="run-stats">{stats}</div>'
        )
    parts.append("</section>")
    kinds = Counter(v.kind for v in items)
    claims = Counter(c for v in items for c in v.claims)
    parts.append('<section class="grid">')
    histogram = _histogram([v.score for v in items], thresholds)
    parts.append(_box("Score histogram", histogram, "histogram"))
    parts.append(_box("By kind", _table(["kind", "verdicts"], kinds.most_common()), "kinds"))
    parts.append(_box("Claims made", _table(["claim", "verdicts"], claims.most_common()), "claims"))
    parts.append("</section>")
    parts.append('<section class="grid">')
    parts.append(_box("Top reasons", _reasons_table(items), "reasons"))
    parts.append(_box("Top domains", _domains_table(items, _domain_of, "domain"), "domains"))
    parts.append(
        _box(
            "Listings by publisher", _domains_table(items, _publisher_of, "publisher"), "publishers"
        )
    )
    parts.append(
        _box("Hosting platforms", _domains_table(items, _platform_of, "platform"), "platforms")
    )
    parts.append("</section>")
    return "\n".join(parts)


def _box(title: str, body: str, ident: str) -> str:
    return f'<div id="{ident}"><h2>{html.escape(title)}</h2>{body}</div>'


def _table(head: list[str], rows: Iterable[tuple[Any, ...]]) -> str:
    rows = list(rows)[:TOP_N]
    if not rows:
        return '<p class="muted">none</p>'
    numeric = [isinstance(c, int) for c in rows[0]]
    th = "".join(
        f'<th class="num">{html.escape(h)}</th>' if num else f"<th>{html.escape(h)}</th>"
        for h, num in zip(head, numeric, strict=False)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{c}</td>' if isinstance(c, int) else f"<td>{html.escape(str(c))}</td>"
            for c in row
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _reasons_table(items: list[Verdict]) -> str:
    counts: Counter[str] = Counter()
    message: dict[str, str] = {}
    for v in items:
        for r in v.reasons:
            counts[r.code] += 1
            message.setdefault(r.code, r.message)
    rows = [(code, message[code], n) for code, n in counts.most_common(TOP_N)]
    return _table(["code", "message", "verdicts"], rows)


def _is_listing(v: Verdict) -> bool:
    return v.kind in ("app_listing", "extension_listing")


def _publisher_of(v: Verdict) -> str | None:
    if not _is_listing(v):
        return None
    publisher = v.extra.get("publisher")
    return str(publisher) if publisher else "(publisher not given)"


def _domain_of(v: Verdict) -> str | None:
    from detector.core.urls import host_parts

    if _is_listing(v):
        return None  # a store's host says nothing about who published the listing
    parts = host_parts(v.url) if v.url else None
    return (parts.registered_domain or parts.host) if parts and parts.host else None


def _platform_of(v: Verdict) -> str | None:
    from detector.core.urls import host_parts

    return hosting_platform(host_parts(v.url).host) if v.url else None


def _domains_table(items: list[Verdict], key: Callable[[Verdict], str | None], head: str) -> str:
    total: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    for v in items:
        name = key(v)
        if name:
            total[name] += 1
            flagged[name] += label_of(v) in ("scam", "suspicious")
    order = sorted(total, key=lambda d: (-flagged[d], -total[d], d))
    return _table(
        [head, "scam or suspicious", "verdicts"], [(d, flagged[d], total[d]) for d in order]
    )


def _histogram(scores: list[float | None], thresholds: dict[str, float] | None = None) -> str:
    """An SVG histogram of scores with both axes and, when known, the two threshold lines."""
    bins = [0] * BINS
    for s in scores:
        if s is not None:
            bins[min(int(s * BINS), BINS - 1)] += 1
    width, height = 400, 190
    left, right, top_pad, bottom = 44, 12, 18, 40
    plot_w, plot_h = width - left - right, height - top_pad - bottom
    bar_w = plot_w / BINS
    top = max(bins) or 1
    base_y = top_pad + plot_h
    out = []
    for i, n in enumerate(bins):
        h = plot_h * n / top
        x, y = left + i * bar_w, base_y - h
        lo, hi = i / BINS, (i + 1) / BINS
        out.append(
            f'<rect class="bar" x="{x + 1:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" '
            f'height="{h:.1f}" data-count="{n}"><title>{lo:.1f}-{hi:.1f}: {n}</title></rect>'
        )
        if n:
            out.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{n}</text>'
            )
    # Axes: x from 0 to 1 (ticks every 0.2), y from 0 to the tallest bin.
    out.append(f'<line class="axis" x1="{left}" y1="{base_y}" x2="{left + plot_w}" y2="{base_y}"/>')
    out.append(f'<line class="axis" x1="{left}" y1="{top_pad}" x2="{left}" y2="{base_y}"/>')
    for tick in range(6):
        x = left + plot_w * tick / 5
        out.append(
            f'<line class="axis" x1="{x:.1f}" y1="{base_y}" x2="{x:.1f}" y2="{base_y + 4}"/>'
        )
        out.append(
            f'<text x="{x:.1f}" y="{base_y + 15}" text-anchor="middle">{tick / 5:.1f}</text>'
        )
    for value in sorted({0, top}):
        y = base_y - plot_h * value / top
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{value}</text>')
    out.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle">'
        "score (calibrated probability of scam)</text>"
    )
    out.append(
        f'<text x="12" y="{top_pad + plot_h / 2:.1f}" text-anchor="middle" '
        f'transform="rotate(-90 12 {top_pad + plot_h / 2:.1f})">verdicts</text>'
    )
    for name, cut in sorted((thresholds or {}).items(), key=lambda kv: kv[1]):
        x = left + plot_w * cut
        anchor = "end" if name == "suspicious" else "start"
        dx = -3 if name == "suspicious" else 3
        out.append(
            f'<line class="threshold {name}" x1="{x:.1f}" y1="{top_pad - 6}" x2="{x:.1f}" '
            f'y2="{base_y}" data-threshold="{cut:.6f}"/>'
            f'<text class="threshold {name}" x="{x + dx:.1f}" y="{top_pad - 8}" '
            f'text-anchor="{anchor}">{name} {cut:.2f}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="score histogram">{"".join(out)}</svg>'
    )
