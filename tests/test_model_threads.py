"""One BLAS/OpenMP thread while scoring: per batch by default, for good in a pinned thread."""

from __future__ import annotations

import threading
from contextlib import nullcontext
from typing import Any

from threadpoolctl import threadpool_info

from detector.model import threads


def _in_thread(fn: Any) -> Any:
    out: list[Any] = []
    t = threading.Thread(target=lambda: out.append(fn()))
    t.start()
    t.join()
    return out[0]


def test_a_pinned_thread_keeps_one_thread_and_skips_the_per_batch_limit() -> None:
    def pinned() -> tuple[bool, list[int], list[int]]:
        threads.pin_one_thread()
        ctx = threads.one_thread()
        with ctx:
            inside = [int(p["num_threads"]) for p in threadpool_info()]
        after = [int(p["num_threads"]) for p in threadpool_info()]
        return isinstance(ctx, nullcontext), inside, after

    skipped, inside, after = _in_thread(pinned)
    assert skipped
    assert inside and set(inside) == {1}
    assert set(after) == {1}  # nothing was restored on leaving: the limit stays


def test_other_threads_still_get_the_per_batch_limit() -> None:
    _in_thread(threads.pin_one_thread)
    ctx = _in_thread(threads.one_thread)  # a thread that never pinned itself
    assert not isinstance(ctx, nullcontext)
    ctx.restore_original_limits()
    main = threads.one_thread()  # nor does this one
    assert not isinstance(main, nullcontext)
    main.restore_original_limits()
