"""One thread for the numeric libraries while scoring and training.

Histogram gradient boosting predicts with OpenMP over every core, one parallel region per tree.
For the few rows a verdict needs, that costs more than it saves, and on a busy machine the
threads wait on each other: on 2 cores next to other work, 1,600 rows scored one at a time took
12 s on one thread against 250 s on two. Rows are independent, so the scores are the same on any
number of threads; training fits already run on one thread (bit-identical models).

``one_thread()`` is cheap (a cached controller, well under a millisecond per use), so it wraps
each batch rather than changing the process for a caller who imports the package.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, TypeVar, cast

_controller: Any = None


def one_thread() -> AbstractContextManager[Any]:
    """A context in which BLAS and OpenMP run on one thread."""
    global _controller
    if _controller is None:
        # Libraries are found when the controller is made: by now scikit-learn (and its OpenMP
        # runtime) is loaded, whether or not the caller imported it yet.
        import sklearn.ensemble  # noqa: F401
        from threadpoolctl import ThreadpoolController

        _controller = ThreadpoolController()
    return _controller.limit(limits=1)


F = TypeVar("F", bound=Callable[..., Any])


def single_threaded(fn: F) -> F:
    """``fn`` runs inside ``one_thread()``."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        with one_thread():
            return fn(*args, **kwargs)

    return cast(F, run)
