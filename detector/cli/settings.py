"""``detector config``: the effective settings, where each came from, and what it means.

Every setting is a field of ``detector.config.Settings`` and can be set with a ``DETECTOR_<FIELD>``
variable; the description is the comment beside the field in config.py, so the code stays the
one place they are written. ``detector config --markdown`` prints docs/configuration.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import tokenize
from dataclasses import MISSING, fields
from importlib import resources
from typing import Any

from detector.cli.common import EXIT_OK
from detector.config import Settings

# Settings whose values are secrets: shown as set / not set, never printed.
SECRET_FIELDS = frozenset({"api_keys"})
# Variables read outside Settings (each documented here so one table lists them all).
OTHER_VARIABLES = {
    "DETECTOR_MODEL_PATH": "model directory used by Detector.load() without a path "
    "(the same as model_path)",
    "DETECTOR_SERVE_LOG_LEVEL": "log level of the endpoint's workers (set by detector serve "
    "--log-level)",
    "DETECTOR_CACHE_DIR": "feature cache of detector train (default ~/.cache/detector)",
    "DETECTOR_SHARED_DATA": "folder holding the real sets (real-pages/, html-samples/) for the "
    "research API and notebooks (default ../shared/data beside the checkout)",
}


def descriptions() -> dict[str, str]:
    """Field name -> the comment on its line in config.py (and on lines just above it)."""
    source = resources.files("detector").joinpath("config.py").read_text("utf-8")
    comments: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string.lstrip("#").strip()
    names = {f.name for f in fields(Settings)}
    out: dict[str, str] = {}
    above: list[str] = []
    for number, line in enumerate(source.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("#"):
            text = comments.get(number, "")
            above = [] if text.startswith("---") else [*above, text]  # section titles skipped
            continue
        name = stripped.split(":", 1)[0].strip()
        if name in names and ":" in stripped:
            out[name] = " ".join([*above, comments.get(number, "")]).strip()
        above = []
    return out


def rows(settings: Settings, environ: dict[str, str] | None = None) -> list[dict[str, Any]]:
    env = dict(os.environ if environ is None else environ)
    about = descriptions()
    out = []
    for f in fields(Settings):
        if f.name == "extra":
            continue
        variable = f"DETECTOR_{f.name.upper()}"
        value: Any = getattr(settings, f.name)
        default = f.default if f.default is not MISSING else None
        if f.name in SECRET_FIELDS:
            value = "(set)" if value else "(not set)"
            default = "(not set)"
        out.append(
            {
                "setting": f.name,
                "variable": variable,
                "value": value,
                "default": default,
                "source": "environment" if variable in env else "default",
                "about": about.get(f.name, ""),
            }
        )
    return out


def markdown() -> str:
    """docs/configuration.md: every DETECTOR_* variable with its default and meaning."""
    head = [
        "# Configuration",
        "",
        "Every setting has a default in `detector/config.py` (`Settings`) and can be changed with",
        "a `DETECTOR_<SETTING>` environment variable (booleans: 1/0, true/false, yes/no, on/off).",
        "`detector config` prints the effective values and where each came from; this page is",
        "`detector config --markdown` (a test keeps it in step with the code).",
        "",
        "| variable | default | meaning |",
        "| --- | --- | --- |",
    ]
    body = [
        f"| `{r['variable']}` | `{r['default']!s}` | {r['about'].replace('|', '/')} |"
        for r in rows(Settings(), environ={})
    ]
    body += [f"| `{name}` | | {about} |" for name, about in OTHER_VARIABLES.items()]
    return "\n".join(head + body) + "\n"


def cmd_config(args: argparse.Namespace) -> int:
    if args.markdown:
        print(markdown(), end="")
        return EXIT_OK
    table = rows(Settings.from_env())
    if args.json:
        print(json.dumps(table, indent=2, default=str))
        return EXIT_OK
    width = max(len(r["variable"]) for r in table)
    for r in table:
        mark = "*" if r["source"] == "environment" else " "
        print(f"{mark} {r['variable']:<{width}}  {r['value']!s}")
    print("(* set in the environment; the rest are defaults. --json for descriptions)")
    return EXIT_OK
