"""Realistic MV2/MV3 manifests consistent with a family's permission knobs.

MV3 keeps host patterns in ``host_permissions`` and a service worker; MV2 puts host patterns among
``permissions`` and uses background scripts, as the real formats do. The listing's own
``permissions``/``host_permissions`` are copied from the manifest so the two never disagree.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

STORE_UPDATE = "https://clients2.google.com/service/update2/crx"
_STRIP_RULE: dict[str, Any] = {
    "id": 1,
    "priority": 1,
    "action": {
        "type": "modifyHeaders",
        "responseHeaders": [
            {"header": "content-security-policy", "operation": "remove"},
            {"header": "x-frame-options", "operation": "remove"},
        ],
    },
    "condition": {"urlFilter": "||tiktok.com", "resourceTypes": ["main_frame", "sub_frame"]},
}
_BLOCK_RULES: list[dict[str, Any]] = [
    {
        "id": 1,
        "priority": 1,
        "action": {"type": "block"},
        "condition": {
            "urlFilter": "||adserve-metrics.example^",
            "resourceTypes": ["script", "image"],
        },
    },
    {
        "id": 2,
        "priority": 1,
        "action": {"type": "block"},
        "condition": {"urlFilter": "/pixel.gif?", "resourceTypes": ["image", "ping"]},
    },
]


def pick_some(rng: random.Random, pair: tuple[tuple[str, ...], tuple[str, ...]]) -> list[str]:
    """Always-on items plus a random subset of the sometimes items, order kept."""
    always, sometimes = pair
    return [*always, *(p for p in sometimes if rng.random() < 0.5)]


def _version(rng: random.Random) -> str:
    return f"{rng.randint(0, 4)}.{rng.randint(0, 19)}.{rng.randint(0, 40)}"


# Network knobs of an extension that updates from the store, talks to no website and keeps the
# default content security policy (most families).
STORE_ONLY: dict[str, Any] = {
    "update": ("store",),
    "ext_conn": (None,),
    "csp": (None,),
    "dnr": None,
}


def build(
    rng: random.Random, knobs: Mapping[str, Any], name: str, description: str
) -> dict[str, Any]:
    """One manifest for a family row; every choice comes from ``knobs`` and ``rng``."""
    mv = rng.choice(knobs["mv"])
    perms = pick_some(rng, knobs["perms"])
    hosts = pick_some(rng, knobs["hosts"])
    scripts = [dict(cs) for cs in rng.choice(knobs["cs"])]
    m: dict[str, Any] = {
        "manifest_version": mv,
        "name": name,
        "version": _version(rng),
        "description": description.split("\n")[0][:132],
        "icons": {"16": "icons/16.png", "48": "icons/48.png", "128": "icons/128.png"},
    }
    action = {"default_title": name, "default_popup": "popup.html"}
    if mv == 3:
        m["action"] = action
        m["permissions"] = perms
        if hosts:
            m["host_permissions"] = hosts
        m["background"] = {"service_worker": "background.js"}
        if rng.random() < 0.3:
            m["background"]["type"] = "module"
        # MV3 forbids remotely hosted code, so such files only appear in MV2 packages.
        for cs in scripts:
            if "js" in cs:
                cs["js"] = [j for j in cs["js"] if not j.startswith("http")]
    else:
        m["browser_action"] = action
        m["permissions"] = perms + hosts
        m["background"] = {
            "scripts": ["background.js"],
            "persistent": "webRequestBlocking" in perms,
        }
    if "sidePanel" in perms:
        m["side_panel"] = {"default_path": "panel.html"}
    if scripts:
        m["content_scripts"] = scripts
    _network_parts(rng, knobs, m, perms)
    return m


def _network_parts(
    rng: random.Random, knobs: Mapping[str, Any], m: dict[str, Any], perms: list[str]
) -> None:
    update = rng.choice(knobs["update"])
    m["update_url"] = STORE_UPDATE if update == "store" else update
    ext_conn = rng.choice(knobs["ext_conn"])
    if ext_conn is not None:
        m["externally_connectable"] = ext_conn
    csp = rng.choice(knobs["csp"])
    if csp is not None and m["manifest_version"] == 2:
        m["content_security_policy"] = csp
    if knobs.get("dnr") and any(p.startswith("declarativeNetRequest") for p in perms):
        m["declarative_net_request"] = {
            "rule_resources": [{"id": "ruleset_1", "enabled": True, "path": "rules/main.json"}]
        }


def dnr_rules(knobs: Mapping[str, Any], manifest: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rules excerpt a reviewer would see in the package, or [] when there are none."""
    if "declarative_net_request" not in manifest:
        return []
    return [dict(_STRIP_RULE)] if knobs.get("dnr") == "strip" else [dict(r) for r in _BLOCK_RULES]


def listing_permissions(manifest: Mapping[str, Any]) -> tuple[list[str], list[str]]:
    """(API permissions, host patterns) the store page would list for this manifest."""
    api: list[str] = []
    hosts: list[str] = list(manifest.get("host_permissions", []))
    for perm in manifest.get("permissions", []):
        (hosts if "://" in perm or perm == "<all_urls>" else api).append(perm)
    return api, hosts
