"""Domain-age features: filled from intel when known, an explicit "unknown" otherwise."""

from __future__ import annotations

from detector.extract.base import Context, Signals, descriptions

DESCRIPTIONS, BENIGN_DESCRIPTIONS = descriptions("domain")  # descriptions.json


def extract(ctx: Context) -> Signals:
    """Registration-age features; ``domain.age_known`` 0 means no intel was available."""
    sig = Signals("domain")
    intel = ctx.intel
    age = intel.age_days if intel is not None else None
    known = age is not None and age >= 0
    where = intel.registered_domain or intel.host if intel is not None else ""
    sig.flag("age_known", known)
    # -1 keeps "unknown" apart from "registered today" for tree models; flags serve linear ones.
    sig.set("age_days", round(min(age, 36500.0), 1) if known and age is not None else -1.0)
    days = age if known and age is not None else None
    sig.flag(
        "young_30d",
        days is not None and days < 30,
        f"{where}: {days:.0f} days" if days is not None else None,
    )
    sig.flag(
        "young_180d",
        days is not None and days < 180,
        f"{where}: {days:.0f} days" if days is not None else None,
    )
    sig.flag("established", days is not None and days > 3 * 365)
    sig.set("source", intel.source if intel is not None else "unknown")
    return sig
