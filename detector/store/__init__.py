"""The scan store: one SQLite file with runs, inputs, snapshots, verdicts, errors and labels.

>>> from detector.store import Store
>>> with Store.open("scans.sqlite") as store:                      # doctest: +SKIP
...     run_id, resumed = store.create_or_resume_run("weekly", "urls.txt", "{}")
...     store.add_inputs(run_id, [("https://a.example/", '{"url": "https://a.example/"}')])
...     for key, raw in store.pending(run_id):
...         store.record(run_id, key, snapshot, verdict)           # one transaction per input

API (all on ``Store``): ``open``, ``create_or_resume_run``, ``find_run``, ``runs``, ``add_inputs``,
``pending``, ``record``, ``record_error``, ``errors``, ``verdicts``, ``keyed_verdicts``,
``snapshot_body``, ``snapshot``, ``finish_run``, ``run_stats``, ``add_label``, ``import_labels_csv``, ``labels``,
``rdap_get``, ``rdap_put``, ``close`` (also a context manager). Failures raise ``StoreError``
(a ``DetectorError``); bad analyst labels raise ``InvalidLabel`` (also a ``ValueError``).
Schema: docs/store-schema.md.
"""

from __future__ import annotations

from detector.store.labels import InvalidLabel
from detector.store.sqlite import Store, StoreError

__all__ = ["InvalidLabel", "Store", "StoreError"]
