"""The scan store: runs, inputs, snapshots, verdicts, errors, analyst labels and user reports.

>>> from detector.store import open_store
>>> with open_store("scans.sqlite") as store:                      # doctest: +SKIP
...     run_id, resumed = store.create_or_resume_run("weekly", "urls.txt", "{}")
...     store.add_inputs(run_id, [("https://a.example/", '{"url": "https://a.example/"}')])
...     for key, raw in store.pending(run_id):
...         store.record(run_id, key, snapshot, verdict)           # one transaction per input

``open_store(target)`` picks the backend by scheme: a plain path or ``sqlite://PATH`` opens an
SQLite file (``SQLiteStore``), ``postgresql://...`` a PostgreSQL database (``PostgresStore``, needs
the "postgres" extra). Both satisfy the ``Store`` protocol (base.py), which is what the rest of the
package types against. Failures raise ``StoreError``; bad analyst labels raise ``InvalidLabel``
(both in ``detector.errors``). Schema: docs/store-schema.md.
"""

from __future__ import annotations

import importlib
import os

from detector.errors import InvalidLabel, StoreError
from detector.store.base import Store

# URL scheme -> "module:class" of the backend; a plain path means "sqlite".
BACKENDS = {
    "sqlite": "detector.store.sqlite:SQLiteStore",
    "postgresql": "detector.store.postgres:PostgresStore",
    "postgres": "detector.store.postgres:PostgresStore",
}


def scheme_of(target: str | os.PathLike[str]) -> str:
    """The backend scheme of a store target ("sqlite" for a plain path)."""
    text = str(target)
    return text.split("://", 1)[0].lower() if "://" in text else "sqlite"


def is_local(target: str | os.PathLike[str]) -> bool:
    """True when ``target`` names an SQLite file (a path or ``sqlite://PATH``)."""
    return scheme_of(target) == "sqlite"


def local_path(target: str | os.PathLike[str]) -> str:
    """The file path of an SQLite target (``sqlite:///abs`` -> ``/abs``, ``sqlite://rel`` -> ``rel``)."""
    text = str(target)
    return text.split("://", 1)[1] if "://" in text else text


def open_store(target: str | os.PathLike[str]) -> Store:
    """Open (creating or migrating) the store ``target`` names; raises ``StoreError``."""
    scheme = scheme_of(target)
    if scheme not in BACKENDS:
        raise StoreError(
            f"unknown store {str(target)!r}: give a file path, sqlite://PATH or "
            "postgresql://USER@HOST/DB",
            str(target),
        )
    module, _, name = BACKENDS[scheme].partition(":")
    backend = getattr(importlib.import_module(module), name)
    store: Store = backend.open(local_path(target) if scheme == "sqlite" else str(target))
    return store


__all__ = ["BACKENDS", "InvalidLabel", "Store", "StoreError", "is_local", "open_store"]
