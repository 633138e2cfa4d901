"""A scorer's warm-up: after ``Detector.warm_up`` the first real pages compile nothing.

Pattern databases are compiled on first use; a worker that skipped the warm-up paid tens of
milliseconds on each of its first long pages (docs/serve.md, "Start-up").
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detector.extract import literals
from detector.serve.app import create_app

ROOT = Path(__file__).resolve().parents[1]


def _corpus(n: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted((ROOT / "data" / "corpus").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh)
    # Every kind, long pages first: the long-text paths are the lazily compiled ones.
    rows.sort(key=lambda r: -len(str(r.get("html") or r.get("text") or "")))
    return rows[:n]


def _compiled() -> tuple[int, int]:
    live = [db for db in literals._LIVE if db._literals]
    return len(live), sum(db._db is not None for db in live)


def test_warm_up_scores_every_kind_and_compiles_every_database(shipped: Any) -> None:
    if not literals.USE_NATIVE:
        pytest.skip("no hyperscan on this platform: nothing is compiled")
    verdicts = shipped.warm_up()
    assert [v.error for v in verdicts] == [None] * len(verdicts)
    kinds = {v.kind for v in verdicts}
    assert kinds == {"page", "ad", "app_listing", "extension_listing"}
    made, compiled = _compiled()
    assert made > 50 and compiled == made


def test_after_warm_up_long_pages_compile_nothing_new(shipped: Any) -> None:
    if not literals.USE_NATIVE:
        pytest.skip("no hyperscan on this platform: nothing is compiled")
    shipped.warm_up()
    before = _compiled()
    for verdict in shipped.score_many(_corpus(250)):
        assert verdict.error is None
    # No database was made or compiled by the pages themselves.
    assert _compiled() == before


def test_prepare_all_compiles_a_new_database_for_the_calling_thread() -> None:
    if not literals.USE_NATIVE:
        pytest.skip("no hyperscan on this platform")
    starts = literals.LiteralStarts(["warm", "cold"])
    assert starts._db is None
    assert literals.prepare_all() >= 1
    assert starts._db is not None and starts._local.db is starts._db
    assert starts.starts("a warm and cold day" * 20)[:2] == [2, 11]


class _FailsWarmUp:
    model_name = "fails@1"

    def warm_up(self) -> list[Any]:
        from detector.records import Verdict

        return [Verdict.failed(None, "extract.failed: broken lexicon", self.model_name)]

    def score_many(self, snapshots: Any) -> list[Any]:
        raise AssertionError("not reached")


def test_a_failed_warm_up_stops_start_up(tmp_path: Path) -> None:
    from detector.config import Settings
    from detector.errors import DetectorError

    settings = Settings(api_keys="t:test-key-0123456789abcdef", serve_store="")
    app = create_app(settings, detector=_FailsWarmUp())
    with pytest.raises(DetectorError, match=r"cannot score: extract\.failed"):
        app.state.service.start()
