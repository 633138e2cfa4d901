"""The command line as users run it: files, stdin/stdout, exit codes."""

import json
import subprocess
import sys

from detector.cli import main

GOOD = {"id": "a", "url": "https://tiktok-free-likes.xyz/", "html": "<h1>Free TikTok likes</h1>"}
ALSO = {"id": "b", "kind": "ad", "text": "Turn on Profile view history in TikTok settings."}


def write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))


def test_score_file_to_file(tmp_path, capsys):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out" / "v.jsonl"
    write_jsonl(src, [GOOD, ALSO])
    assert main(["score", "--input", str(src), "--output", str(dst)]) == 0
    out = [json.loads(line) for line in dst.read_text().splitlines()]
    assert [v["id"] for v in out] == ["a", "b"] and all(v["score"] is not None for v in out)
    assert "scored 2 of 2" in capsys.readouterr().err


def test_bad_rows_exit_1_and_keep_going(tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "v.jsonl"
    write_jsonl(src, [GOOD, "{not json", {"status": "x"}, ALSO])
    assert main(["score", "--input", str(src), "--output", str(dst)]) == 1
    out = [json.loads(line) for line in dst.read_text().splitlines()]
    assert len(out) == 4
    assert out[1]["error"].startswith("snapshot.invalid") and out[1]["id"] == "line:2"
    assert "status" in out[2]["error"] and out[3]["score"] is not None


def test_usage_errors_exit_2(tmp_path, capsys):
    assert main(["score", "--input", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err
    assert main(["score", "--input", "-", "--model", str(tmp_path)]) == 2
    assert "model" in capsys.readouterr().err
    proc = subprocess.run([sys.executable, "-m", "detector", "score"], capture_output=True)
    assert proc.returncode == 2


def test_stdin_to_stdout():
    proc = subprocess.run(
        [sys.executable, "-m", "detector", "score", "--input", "-"],
        input=json.dumps(GOOD) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    verdict = json.loads(proc.stdout.splitlines()[0])
    assert verdict["id"] == "a" and verdict["label"] in ("scam", "suspicious", "benign")


def test_features_command(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [GOOD])
    assert main(["features", "--input", str(src)]) == 0
    row = json.loads(capsys.readouterr().out.splitlines()[0])
    assert row["features"]["url.lure_words_host"] >= 1 and "free_followers" in row["claims"]


def test_crawl_command_with_flags(tmp_path, httpserver, capsys):
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private\n"
    )
    httpserver.expect_request("/page").respond_with_data(
        "<title>See who viewed your TikTok</title>", content_type="text/html"
    )
    src, dst = tmp_path / "urls.txt", tmp_path / "snaps.jsonl"
    src.write_text(
        f"{httpserver.url_for('/page')}\n{httpserver.url_for('/private')}\nfile:///etc/passwd\n"
    )
    # Without --allow-loopback the guard refuses the local server.
    assert main(["crawl", "--input", str(src), "--output", str(dst), "--per-host-delay", "0"]) == 1
    rows = [json.loads(line) for line in dst.read_text().splitlines()]
    assert {r["error"] for r in rows} >= {"fetch.blocked_address", "fetch.unsupported_scheme"}
    assert (
        main(
            [
                "crawl",
                "--input",
                str(src),
                "--output",
                str(dst),
                "--allow-loopback",
                "--per-host-delay",
                "0",
                "--warc",
                str(tmp_path / "a.warc.gz"),
            ]
        )
        == 1
    )
    by_url = {r["url"]: r for r in (json.loads(x) for x in dst.read_text().splitlines())}
    page = by_url[httpserver.url_for("/page")]
    assert page["error"] is None and "who viewed" in page["html"]
    assert by_url[httpserver.url_for("/private")]["error"] == "fetch.robots_disallowed"
    assert (tmp_path / "a.warc.gz").stat().st_size > 0
    assert "crawled 3 URLs" in capsys.readouterr().err
