"""The tool itself: --version, logging flags on every command, help for every option, the
settings table (detector config, docs/configuration.md), scan reading stdin."""

from __future__ import annotations

import argparse
import io
import json
import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from detector.cli import main
from detector.cli.parser import build_parser
from detector.cli.settings import descriptions, markdown
from detector.config import Settings
from tests.conftest import ROOT


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no sub-commands")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("detector ") and out.split()[1][0].isdigit()


def test_top_level_help_lists_every_command() -> None:
    parser = build_parser()
    text = parser.format_help()
    commands = _commands(parser)
    assert {"scan", "score", "train", "evaluate", "serve", "config"} <= set(commands)
    missing = [name for name in commands if f"    {name} " not in text]
    assert missing == []


def test_every_option_has_help_and_shows_its_default() -> None:
    for name, sub in _commands(build_parser()).items():
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"detector {name} {action.option_strings or action.dest}: no help"
        assert "(default" in sub.format_help() or name in ("config",), name
        flags = {o for a in sub._actions for o in a.option_strings}
        assert {"-v", "--verbose"} <= flags, name
        assert "--log-level" in flags, name


def test_verbose_after_the_command_logs_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "s.jsonl"
    src.write_text(json.dumps({"url": "https://u:pw@x.example/?token=abc", "html": "<p>hi</p>"}))
    root = logging.getLogger()
    try:
        assert main(["score", "--input", str(src), "--output", str(tmp_path / "v.jsonl")]) == 0
        assert root.level == logging.WARNING
        assert (
            main(["score", "--input", str(src), "-vv", "--output", str(tmp_path / "w.jsonl")]) == 0
        )
        assert root.level == logging.DEBUG
        # Whatever is logged goes through the redaction rule.
        logging.getLogger("detector.test").warning(
            "fetching %s", "https://u:pw@x.example/?token=abc"
        )
        err = capsys.readouterr().err
        assert "x.example" in err and "pw@" not in err and "token=abc" not in err
        assert main(["--log-level", "error", "score", "--input", str(src),
                     "--output", str(tmp_path / "x.jsonl")]) == 0  # fmt: skip
        assert root.level == logging.ERROR
    finally:
        main(["--log-level", "warning", "config"])


def test_config_prints_settings_and_marks_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DETECTOR_PER_HOST_DELAY", "2.5")
    monkeypatch.setenv("DETECTOR_API_KEYS", "ext:very-secret-key")
    assert main(["config", "--json"]) == 0
    rows = {r["variable"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["DETECTOR_PER_HOST_DELAY"]["value"] == 2.5
    assert rows["DETECTOR_PER_HOST_DELAY"]["source"] == "environment"
    assert rows["DETECTOR_MAX_HTML_BYTES"]["source"] == "default"
    assert rows["DETECTOR_API_KEYS"]["value"] == "(set)"
    assert main(["config"]) == 0
    assert "very-secret-key" not in capsys.readouterr().out


def test_every_setting_is_described_and_the_docs_page_is_current() -> None:
    about = descriptions()
    from dataclasses import fields

    missing = [f.name for f in fields(Settings) if f.name != "extra" and not about.get(f.name)]
    assert missing == []
    doc = (ROOT / "docs" / "configuration.md").read_text()
    assert doc == markdown(), "docs/configuration.md is stale: detector config --markdown"
    # Every DETECTOR_* name the code reads is in the table.
    import re

    used = set()
    for path in (ROOT / "detector").rglob("*.py"):
        used |= set(re.findall(r"DETECTOR_[A-Z_]+[A-Z]", path.read_text()))
    listed = set(re.findall(r"`(DETECTOR_[A-Z_]+)`", doc))
    assert used - listed - {"DETECTOR_"} == set()


def test_scan_reads_urls_from_stdin(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, shipped: Any
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/p").respond_with_data("<p>Our shop</p>", content_type="text/html")
    monkeypatch.setenv("DETECTOR_ALLOW_LOOPBACK", "1")
    url = f"http://127.0.0.1:{httpserver.port}/p"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{url}\n".encode())))
    out = tmp_path / "v.jsonl"
    store = tmp_path / "s.sqlite"
    args = ["scan", "--input", "-", "--store", str(store), "--per-host-delay", "0", "--quiet"]
    assert main([*args, "--output", str(out)]) == 0
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["url"] == url and row["basis"] == "page"
    # The run is called "stdin" unless named; the same input again is already done.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"{url}\n".encode())))
    assert main([*args, "--run", "stdin"]) == 0
    assert sum(1 for req, _ in httpserver.log if req.path == "/p") == 1


def test_train_never_replaces_a_model_unless_forced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import detector.model.build as build_module

    written: list[Path] = []

    def fake_build(data: Path, out: str, **kw: Any) -> dict[str, Any]:
        written.append(Path(out))
        return {"metrics": {"corpus_grouped_cv": {"overall": {}}}, "judge": "corpus",
                "name": kw["name"], "version": "x", "estimator": "e", "thresholds": {},
                "train_seconds": 0}  # fmt: skip

    monkeypatch.setattr(build_module, "build", fake_build)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    shipped = tmp_path / "models" / "default"
    shipped.mkdir(parents=True)
    (shipped / "model.json").write_text("{}")
    base = ["train", "--no-shared"]
    assert main([*base, "--out", "models/default"]) == 2
    assert "add --force" in capsys.readouterr().err and written == []
    assert (shipped / "model.json").read_text() == "{}"
    assert main([*base, "--out", "models/default", "--force"]) == 0
    assert written == [Path("models/default")]
    # No --out: a new candidate directory under where the command runs, never models/default.
    assert main(base) == 0
    assert written[-1].parent == Path("models/candidates")
    assert written[-1].name.startswith("default-")


def test_crawl_sends_the_chosen_user_agent_and_referer(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from detector.core.clock import USER_AGENT_PRESETS

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
    httpserver.expect_request("/p").respond_with_data("<p>hi</p>", content_type="text/html")
    monkeypatch.setenv("DETECTOR_ALLOW_LOOPBACK", "1")
    src = tmp_path / "urls.txt"
    src.write_text(f"http://127.0.0.1:{httpserver.port}/p\n")
    out = tmp_path / "snaps.jsonl"
    args = ["crawl", "--input", str(src), "--output", str(out), "--per-host-delay", "0"]
    ref = "https://www.tiktok.com/"
    assert main([*args, "--user-agent", "mobile", "--referer", ref]) == 0
    (req,) = [r for r, _ in httpserver.log if r.path == "/p"]
    assert req.headers["User-Agent"] == USER_AGENT_PRESETS["mobile"]
    assert req.headers["Referer"] == ref
    (snap,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert snap["request"] == {"user_agent": USER_AGENT_PRESETS["mobile"], "referer": ref}
    httpserver.clear_log()
    assert main([*args, "--user-agent", "Lure-Checker/1.0"]) == 0
    (req,) = [r for r, _ in httpserver.log if r.path == "/p"]
    assert req.headers["User-Agent"] == "Lure-Checker/1.0" and "Referer" not in req.headers
