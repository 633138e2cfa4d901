"""A bounded slice of bench/fuzz.py in the default suite: hostile snapshots never crash."""

from __future__ import annotations

import pytest

from bench.fuzz import run


@pytest.mark.slow
def test_hostile_snapshots_never_crash() -> None:
    report = run(n=400, seed=13, big=0, max_size=2_000)
    assert report["inputs"] == 400
    assert report["crashes"] == 0, report["crash_examples"]
    assert report["worst"][0][0] < 5.0  # generous: the bench prints the real figure
