"""Hostile input files through every command that reads files: one line naming the file, the
line and the reason, the documented exit code, and never a traceback."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from detector.cli import main

DEEP = "[" * 100_000 + "]" * 100_000
ROW = {"id": "ok", "url": "https://example.com/", "html": "<title>Recipes</title>"}


def _deep_jsonl(d: Path) -> Path:
    p = d / "deep.jsonl"
    p.write_text(json.dumps(ROW) + "\n" + DEEP + "\n")
    return p


def _deep_object_jsonl(d: Path) -> Path:
    p = d / "deep-object.jsonl"
    p.write_text(json.dumps(ROW) + "\n" + '{"a":' * 100_000 + "1" + "}" * 100_000 + "\n")
    return p


def _wide_csv(d: Path) -> Path:
    p = d / "wide.csv"
    p.write_text('url,note\nhttps://example.com/,"' + "x" * 200_000 + '"\n')
    return p


def _binary(name: str) -> Callable[[Path], Path]:
    def make(d: Path) -> Path:
        p = d / name
        p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
        return p

    return make


def _latin1_binary(d: Path) -> Path:
    p = d / "noise.txt"
    p.write_bytes(bytes([0xFF, 0xFE, 0xC3, 0x28, 0x0A]) * 2000)  # no NUL, almost no UTF-8
    return p


def _deep_ad_export(d: Path) -> Path:
    p = d / "ads.json"
    p.write_text(DEEP)
    return p


def _huge_number_jsonl(d: Path) -> Path:
    p = d / "numbers.jsonl"
    row = {"id": "n", "kind": "app_listing", "listing": {"name": "x", "installs": 10**4000}}
    p.write_text(json.dumps(ROW) + "\n" + json.dumps(row) + "\n" + '{"id": ' + "9" * 5000 + "}\n")
    return p


# (command, input maker, exit code, text the one stderr line must hold besides the file name)
CASES = [
    ("score", _deep_jsonl, 1, "line 2: not valid JSON: nested too deeply"),
    ("score", _deep_object_jsonl, 1, "line 2: not valid JSON: nested too deeply"),
    ("score", _huge_number_jsonl, 1, "line 3: not valid JSON"),
    ("features", _deep_jsonl, 1, "line 2: not valid JSON: nested too deeply"),
    ("score", _binary("image.jsonl"), 1, "line 1: not valid JSON"),
    ("crawl", _binary("urls.txt"), 2, ":3: binary data"),
    ("crawl", _latin1_binary, 2, ":1: binary data"),
    ("scan", _binary("urls.txt"), 2, ":3: binary data"),
    ("scan", _latin1_binary, 2, ":1: binary data"),
    ("scan", _binary("urls.csv"), 2, ":3: binary data"),
    ("scan", _wide_csv, 2, ":2: unreadable CSV: field larger than field limit"),
    ("scan", _deep_jsonl, 1, ""),
    ("scan", _deep_ad_export, 2, "nested too deeply"),
    ("label", _wide_csv, 2, ":2: field larger than field limit"),
    ("label", _binary("labels.csv"), 2, "cannot read labels CSV"),
]


def _argv(command: str, path: Path, d: Path) -> list[str]:
    store = str(d / "s.sqlite")
    if command == "scan":
        return ["scan", "--input", str(path), "--store", store, "--quiet", "--workers", "1"]
    if command == "label":
        return ["label", "RUN", "--csv", str(path), "--store", store]
    if command == "crawl":
        return ["crawl", "--input", str(path), "--output", str(d / "snaps.jsonl")]
    return [command, "--input", str(path), "--output", str(d / "out.jsonl")]


@pytest.mark.parametrize(
    ("command", "make", "code", "reason"),
    CASES,
    ids=[f"{c}-{m.__name__}-{i}" for i, (c, m, _, _) in enumerate(CASES)],
)
def test_bad_input_gets_one_line_and_the_documented_exit_code(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    make: Callable[[Path], Path],
    code: int,
    reason: str,
) -> None:
    monkeypatch.setenv("DETECTOR_CONNECT_TO_ONLY", "1")  # nothing may leave the machine
    path = make(tmp_path)
    if command == "label":  # a run to attach labels to
        assert main(["scan", "--input", str(_ok_jsonl(tmp_path)), "--run", "RUN",
                     "--store", str(tmp_path / "s.sqlite"), "--quiet"]) == 0  # fmt: skip
        capsys.readouterr()
    assert main(_argv(command, path, tmp_path)) == code
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("detector:")]
    if code == 2:
        assert len(lines) == 1, err
        assert path.name in lines[0] and reason in lines[0], lines[0]
    elif reason:
        assert any(path.name in line and reason in line for line in lines), err


def _ok_jsonl(d: Path) -> Path:
    p = d / "ok.jsonl"
    p.write_text(json.dumps(ROW) + "\n")
    return p


def test_scan_row_nested_too_deeply_fails_alone(tmp_path: Path) -> None:
    out = tmp_path / "v.jsonl"
    argv = ["scan", "--input", str(_deep_jsonl(tmp_path)), "--store", str(tmp_path / "s.sqlite")]
    assert main([*argv, "--quiet", "--output", str(out)]) == 1
    verdicts = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(v["error"] is None for v in verdicts) == [False, True]
    assert any("nested too deeply" in (v["error"] or "") for v in verdicts)


def test_full_disk_during_a_scan_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from detector.store.sqlite import SQLiteStore as Store

    def full(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("cannot rollback - no transaction is active")

    monkeypatch.setattr(Store, "record", full)
    argv = ["scan", "--input", str(_ok_jsonl(tmp_path)), "--store", str(tmp_path / "s.sqlite")]
    assert main([*argv, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "store error: cannot rollback" in lines[0], err
