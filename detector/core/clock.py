"""The two facts every outgoing record carries: when it was made and who made it."""

from __future__ import annotations

from datetime import UTC, datetime

from detector.config import Settings


def now_iso(zulu: bool = True) -> str:
    """The current UTC time to the second, ISO 8601.

    Snapshots spell UTC ``Z``; the store keeps the ``+00:00`` spelling (``zulu=False``) that its
    existing rows have, because it compares and sorts timestamps as text.
    """
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    return stamp.replace("+00:00", "Z") if zulu else stamp


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("tiktok-lure-detector")
    except Exception:  # running from a source tree that was never installed
        return "0+unknown"


# Browser User-Agents for pages that cloak (show the lure only to phones or desktop browsers):
# ``--user-agent desktop`` / ``mobile``; any other value is sent as given.
USER_AGENT_PRESETS = {
    "desktop": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "mobile": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36",
}


def user_agent(settings: Settings) -> str:
    """``settings.user_agent`` (a preset name, or a template filled with the installed version
    and the contact URL)."""
    preset = USER_AGENT_PRESETS.get(settings.user_agent.strip().lower())
    if preset is not None:
        return preset
    return settings.user_agent.format(version=_version(), contact=settings.contact_url)
