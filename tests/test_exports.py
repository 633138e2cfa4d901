"""Exporters: JSONL, CSV, Parquet, STIX 2.1, MISP; atomic writes and clear OS errors."""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from detector.errors import ExportError
from detector.export import blockable_host, csv_export, write
from detector.records import Reason, Verdict

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = "https://tiktok-viewers.xyz/p?q=\"<script>alert(1)</script>\"&o='x'\\y"
FORMATS = ["jsonl", "csv", "parquet", "stix", "misp"]
NEEDS = {"parquet": "pyarrow", "stix": "stix2", "misp": "pymisp"}


def _verdicts() -> list[Verdict]:
    reason = Reason(
        "credential.password_offsite",
        "asks for a TikTok password on a non-TikTok domain",
        '<form action="https://collect.xyz/">',
        1.7,
    )
    return [
        Verdict(
            id=1,
            url=HOSTILE,
            score=0.97,
            label="scam",
            reasons=[reason, Reason("claims.who_viewed", "promises profile viewers", "", 0.9)],
            claims=["who_viewed", "free_followers"],
            model="m@1",
        ),
        Verdict(
            id="b", url="https://www.tiktok.com/@creator", score=0.03, label="benign", model="m@1"
        ),
        Verdict(
            id=3, url="https://dead.example.com/", error="fetch.timeout: no answer", model="m@1"
        ),
        Verdict(
            id="=HYPERLINK(1)",
            url="https://sites.google.com/view/qui-a-vu-mon-profil-é",
            score=0.91,
            label="scam",
            reasons=[
                Reason("claims.who_viewed", "montre qui a vu ton profil — 看看谁看了", "", 1.0)
            ],
            claims=["who_viewed"],
            model="m@1",
        ),
        Verdict(id=5, url="https://bit.ly/3abc", score=0.88, label="scam", model="m@1"),
        Verdict(id=6, url="https://gray-tool.io/", score=0.5, label="suspicious", model="m@1"),
    ]


def _need(fmt: str) -> None:
    if fmt in NEEDS:
        pytest.importorskip(NEEDS[fmt])


def _scam_urls(verdicts: list[Verdict]) -> list[str]:
    return [v.url for v in verdicts if v.label == "scam" and not v.error]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_handles_zero_verdicts(tmp_path: Path, fmt: str) -> None:
    _need(fmt)
    path = tmp_path / f"empty.{fmt}"
    assert write(fmt, [], path) == 0
    assert path.exists() and list(tmp_path.iterdir()) == [path]


@pytest.mark.parametrize("fmt", FORMATS)
def test_failure_mid_write_leaves_no_file(tmp_path: Path, fmt: str) -> None:
    _need(fmt)
    path = tmp_path / f"out.{fmt}"
    path.write_text("previous export", encoding="utf-8")

    def boom():
        yield _verdicts()[0]
        raise RuntimeError("scorer crashed")

    with pytest.raises(RuntimeError):
        write(fmt, boom(), path)
    assert path.read_text(encoding="utf-8") == "previous export"
    assert list(tmp_path.iterdir()) == [path]  # no temp file left behind


def test_jsonl_is_the_verdict_contract(tmp_path: Path) -> None:
    vs = _verdicts()
    path = tmp_path / "v.jsonl"
    assert write("jsonl", vs, path) == len(vs)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [v.to_dict() for v in vs]
    assert "看看谁看了" in lines[3]  # non-ASCII kept as text, not \\u escapes


def test_jsonl_dash_means_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert write("jsonl", _verdicts()[:2], "-") == 2
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_csv_columns_and_formula_guard(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    assert write("csv", _verdicts(), path) == 6
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == list(csv_export.COLUMNS)
    assert rows[0]["url"] == HOSTILE and rows[0]["score"] == "0.97"
    assert rows[0]["claims"] == "who_viewed;free_followers"
    assert rows[0]["reasons"] == "credential.password_offsite;claims.who_viewed"
    assert rows[2]["score"] == "" and rows[2]["error"] == "fetch.timeout: no answer"
    assert rows[3]["id"] == "'=HYPERLINK(1)"  # not a live formula in a spreadsheet
    assert rows[3]["url"].endswith("profil-é")


def test_parquet_reads_back_same_rows(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    vs = _verdicts()
    path = tmp_path / "v.parquet"
    assert write("parquet", vs, path) == len(vs)
    table = pq.read_table(path)
    assert table.column_names == list(csv_export.COLUMNS)
    assert str(table.schema.field("claims").type.value_type) == "string"
    assert str(table.schema.field("http_status").type) == "int64"
    rows = table.to_pylist()
    for verdict, row in zip(vs, rows, strict=True):
        assert row["url"] == verdict.url and row["label"] == verdict.label
        assert row["score"] == (None if verdict.score is None else round(verdict.score, 6))
        assert row["reasons"] == [r.to_dict() for r in verdict.reasons]  # list of structs
        assert row["claims"] == verdict.claims
    assert rows[3]["id"] == "=HYPERLINK(1)"  # Parquet is not a spreadsheet: values verbatim
    empty = tmp_path / "e.parquet"
    write("parquet", [], empty)
    assert pq.read_table(empty).column_names == table.column_names


def _unquote(literal: str) -> str:
    return re.sub(r"\\(.)", r"\1", literal)


def test_stix_bundle_validates_and_escapes(tmp_path: Path) -> None:
    stix2 = pytest.importorskip("stix2")
    from stix2patterns.validator import run_validator

    from detector.export import stix as stix_mod

    vs = _verdicts()
    path = tmp_path / "v.json"
    when = datetime(2024, 5, 1, tzinfo=UTC)
    assert stix_mod.write_stix(vs, path, timestamp=when) == 3
    bundle = stix2.parse(path.read_text(encoding="utf-8"), allow_custom=False)
    identities = [o for o in bundle.objects if o.type == "identity"]
    indicators = [o for o in bundle.objects if o.type == "indicator"]
    assert len(identities) == 1
    urls, domains = [], []
    for ind in indicators:
        assert run_validator(ind.pattern) == []
        assert ind.indicator_types == ["malicious-activity"]
        assert ind.created_by_ref == identities[0].id
        m = re.fullmatch(r"\[(url|domain-name):value = '(.*)'\]", ind.pattern, re.S)
        assert m, ind.pattern
        (urls if m.group(1) == "url" else domains).append(_unquote(m.group(2)))
    assert sorted(urls) == sorted(_scam_urls(vs))
    # Shared platforms (Google Sites, bit.ly) never get a domain-wide indicator.
    assert domains == ["tiktok-viewers.xyz"]
    hostile = next(i for i in indicators if "tiktok-viewers" in i.pattern and "url:" in i.pattern)
    assert hostile.confidence == 97
    assert "asks for a TikTok password" in hostile.description
    # Same input and timestamp: byte-identical bundle (deterministic ids).
    again = tmp_path / "again.json"
    stix_mod.write_stix(vs, again, timestamp=when)
    assert again.read_bytes() == path.read_bytes()


def test_misp_event_loads_back(tmp_path: Path) -> None:
    pymisp = pytest.importorskip("pymisp")
    vs = _verdicts()
    path = tmp_path / "v.misp.json"
    assert write("misp", vs, path, event_date=date(2024, 5, 1)) == 3
    event = pymisp.MISPEvent()
    event.load(path.read_text(encoding="utf-8"))
    attrs = [(a.type, a.value) for a in event.attributes]
    assert sorted(v for t, v in attrs if t == "url") == sorted(_scam_urls(vs))
    assert [v for t, v in attrs if t == "domain"] == ["tiktok-viewers.xyz"]
    first = next(a for a in event.attributes if a.value == HOSTILE)
    assert "asks for a TikTok password" in first.comment and first.to_ids
    assert {t.name for t in first.tags} == {
        'tiktok-lure:claim="who_viewed"',
        'tiktok-lure:claim="free_followers"',
    }
    assert 'tiktok-lure:claim="who_viewed"' in {t.name for t in event.tags}
    assert str(event.date) == "2024-05-01"


def test_blockable_host_spares_shared_platforms() -> None:
    assert blockable_host("https://lure.github.io/x") == "lure.github.io"
    for url in (
        "https://github.io/",
        "https://www.tiktok.com/a",
        "http://10.0.0.1/",
        "https://t.co/x",
    ):
        assert blockable_host(url) is None, url


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        write("xml", [], "x.xml")


def test_read_only_target_raises_os_error_naming_path(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    target = locked / "v.jsonl"
    try:
        (locked / "probe").touch()
        (locked / "probe").unlink()
        target = Path("/sys/detector-export.jsonl")  # root ignores modes; sysfs does not
    except OSError:
        pass
    try:
        with pytest.raises(OSError) as info:
            write("jsonl", _verdicts(), target)
        assert isinstance(info.value, ExportError)
        assert str(target) in str(info.value) and info.value.filename == str(target)
    finally:
        locked.chmod(0o755)
    assert not target.exists()


def test_disk_full_is_clear_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "v.csv"
    with pytest.raises(ExportError, match="disk full") as info:
        write("csv", _verdicts(), target)
    assert str(target) in str(info.value) and info.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


_LIMITED = textwrap.dedent(
    """
    import resource, signal, sys
    from detector.export import write
    from detector.records import Verdict
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (20000, resource.RLIM_INFINITY))
    rows = (Verdict(url=f"https://x{i}.example/" + "a" * 200, score=0.5) for i in range(5000))
    try:
        write("jsonl", rows, sys.argv[1])
    except OSError as exc:
        print(type(exc).__name__, exc)
    """
)


def test_real_write_limit_in_subprocess(tmp_path: Path) -> None:
    target = tmp_path / "big.jsonl"
    out = subprocess.run(
        [sys.executable, "-c", _LIMITED, str(target)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.stdout.startswith("ExportError cannot write export"), out.stdout + out.stderr
    assert str(target) in out.stdout
    assert list(tmp_path.iterdir()) == []


def test_exports_follow_the_users_umask(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        for fmt in ("jsonl", "csv"):
            path = tmp_path / f"v.{fmt}"
            write(fmt, _verdicts(), path)
            assert path.stat().st_mode & 0o777 == 0o644, fmt  # not the temp file's 0600
        os.umask(0o077)
        write("csv", _verdicts(), tmp_path / "private.csv")
        assert (tmp_path / "private.csv").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)
