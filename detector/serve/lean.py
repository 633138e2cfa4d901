"""Keep packages a scoring worker never uses out of its memory.

scikit-learn imports pandas whenever it is installed (``sklearn.utils.fixes``), pandas imports
pyarrow whenever that is installed, and loading a model with skops walks every scikit-learn
module (``all_estimators``), which pulls in dask and pytest where they are installed. None of
them takes part in scoring, but a development install has them all (the notebooks, export and
dask extras): about 110 MB of a worker's resident memory (docs/serve.md, "Memory per worker").

``refuse_unused()`` makes those imports fail in the calling process, as if the packages were not
installed; every importer on the scoring path already handles that (it is what a ``serve``-only
install gives). It is called by the uvicorn factory, i.e. only in a real worker process, never
in a process that builds the app for tests or notebooks.
"""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType

# Top-level packages that a scoring worker does not use and that only arrive as optional imports
# of its dependencies (see the module docstring).
UNUSED_IN_WORKER = ("pandas", "pyarrow", "dask", "distributed", "pytest")


class _Refuse(importlib.abc.MetaPathFinder):
    """Finds nothing for the named top-level packages (and their submodules): ImportError."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = frozenset(names)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None = None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(
                f"No module named {fullname!r} (not used by a scoring worker)", name=fullname
            )
        return None


def refuse_unused(names: Sequence[str] = UNUSED_IN_WORKER) -> list[str]:
    """From now on, importing any of ``names`` not already loaded fails; returns those names."""
    refused = [n for n in names if n not in sys.modules]
    if refused and not any(isinstance(f, _Refuse) for f in sys.meta_path):
        sys.meta_path.insert(0, _Refuse(refused))
    return refused
