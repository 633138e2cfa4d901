"""A scoring worker keeps unused optional packages out (detector/serve/lean.py), same verdicts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from detector.model.data import load_corpus
from tests.conftest import ROOT

# A child process stands in for a worker: the guard changes the import system of the process
# that calls it, which must not be this test run.
CHILD = r"""
import json, sys
from detector.serve.app import app_from_env
app_from_env()  # what uvicorn calls in every worker, before the model loads
from detector.detector import Detector
from detector.serve.lean import UNUSED_IN_WORKER
snaps = json.loads(sys.stdin.read())
det = Detector.load()
rows = [[repr(v.score), v.label, [[r.code, r.evidence, repr(r.weight)] for r in v.reasons]]
        for v in det.score_many(snaps)]
try:
    import pandas.core.frame  # noqa: F401
    refused = ""
except ImportError as exc:
    refused = str(exc)
loaded = sorted(n for n in UNUSED_IN_WORKER if n in sys.modules)
print(json.dumps({"rows": rows, "loaded": loaded, "refused": refused}))
"""


def _snapshots() -> list[dict[str, Any]]:
    out = []
    for n, example in enumerate(load_corpus(ROOT / "data")):
        if n % 40 == 0:
            snap = example.snapshot
            out.append({"url": snap.url, "html": snap.html, "text": snap.text})
    return out


def test_worker_refuses_unused_packages_and_scores_the_same(shipped: Any) -> None:
    snaps = _snapshots()
    assert len(snaps) >= 10
    env = {k: v for k, v in os.environ.items() if not k.startswith("DETECTOR_")}
    env |= {"PYTHONPATH": str(ROOT), "DETECTOR_API_KEYS": "t:lean-key-0123456789abcdef"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps(snaps),
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    child = json.loads(done.stdout.strip().splitlines()[-1])
    assert child["loaded"] == []
    assert "not used by a scoring worker" in child["refused"]
    here = [
        [repr(v.score), v.label, [[r.code, r.evidence, repr(r.weight)] for r in v.reasons]]
        for v in shipped.score_many(snaps)
    ]
    assert child["rows"] == json.loads(json.dumps(here))


def test_refuse_unused_leaves_loaded_packages_alone() -> None:
    code = (
        "import json, sys\n"
        "from detector.serve.lean import refuse_unused\n"
        "print(json.dumps(refuse_unused(['json', 'no_such_pkg_x'])))\n"
        "import json.decoder\n"
        "try:\n"
        "    import no_such_pkg_x.sub\n"
        "except ModuleNotFoundError as exc:\n"
        "    print(exc.name)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        check=True,
        timeout=60,
    )
    assert done.stdout.split() == ['["no_such_pkg_x"]', "no_such_pkg_x"]
