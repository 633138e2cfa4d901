"""One thread for the numeric libraries while scoring and training.

Histogram gradient boosting predicts with OpenMP over every core, one parallel region per tree.
For the few rows a verdict needs, that costs more than it saves, and on a busy machine the
threads wait on each other: on 2 cores next to other work, 1,600 rows scored one at a time took
12 s on one thread against 250 s on two. Rows are independent, so the scores are the same on any
number of threads; training fits already run on one thread (bit-identical models).

``one_thread()`` is cheap (a cached controller, about 0.06 ms per use), so it wraps each batch
rather than changing the process for a caller who imports the package. A thread that scores one
page per call and has set its own limits for good (``pin_one_thread``: the endpoint's scoring
thread) skips even that.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import Any, TypeVar, cast

_controller: Any = None
_pinned = threading.local()  # ``.on`` in a thread whose limits ``pin_one_thread`` set for good


def _get_controller() -> Any:
    global _controller
    if _controller is None:
        # Libraries are found when the controller is made: by now scikit-learn (and its OpenMP
        # runtime) is loaded, whether or not the caller imported it yet.
        import sklearn.ensemble  # noqa: F401
        from threadpoolctl import ThreadpoolController

        _controller = ThreadpoolController()
    return _controller


def one_thread() -> AbstractContextManager[Any]:
    """A context in which BLAS and OpenMP run on one thread."""
    if getattr(_pinned, "on", False):
        return nullcontext()
    return _get_controller().limit(limits=1)


def pin_one_thread() -> None:
    """Limit BLAS and OpenMP to one thread for good, from this thread (OpenMP's limit belongs
    to the thread that sets it; BLAS pools are process-wide). ``one_thread()`` is then free in
    this thread. For a process that only scores: a server's scoring thread, never a library
    caller's."""
    # ``limit`` returns a context that restores the old limits when closed: never closed here.
    _get_controller().limit(limits=1)
    _pinned.on = True  # thread-local: a thread id can be reused, this cannot


F = TypeVar("F", bound=Callable[..., Any])


def single_threaded(fn: F) -> F:
    """``fn`` runs inside ``one_thread()``."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        with one_thread():
            return fn(*args, **kwargs)

    return cast(F, run)
