"""Scoring runs the numeric libraries on one thread, and only while it scores."""

from __future__ import annotations

from threadpoolctl import threadpool_info

from detector.model import threads
from detector.model.threads import one_thread, single_threaded


def _openmp_threads() -> list[int]:
    return [p["num_threads"] for p in threadpool_info() if p.get("user_api") == "openmp"]


def test_one_thread_limits_openmp_inside_and_restores_it_after(shipped):
    before = _openmp_threads()
    assert before, "scikit-learn's OpenMP runtime should be loaded with the model"
    with one_thread():
        assert set(_openmp_threads()) == {1}
    assert _openmp_threads() == before


def test_scoring_sees_one_thread(shipped, monkeypatch):
    seen: list[list[int]] = []
    real = type(shipped)._proba

    def spy(self, *args, **kwargs):
        seen.append(_openmp_threads())
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(shipped), "_proba", spy)
    shipped.score({"html": "<p>See who viewed your profile. Enter your password.</p>"})
    assert seen and all(set(s) == {1} for s in seen)


def test_single_threaded_wraps_a_function_and_keeps_its_result():
    @single_threaded
    def inside() -> list[int]:
        return _openmp_threads()

    assert set(inside()) <= {1}
    assert threads._controller is not None
