"""Reasons for a verdict: which fired signals moved the score, by how much, in plain words.

Weights come from occlusion: each fired signal is reset to its neutral value (what an empty
page scores) and the change in the calibrated log-odds is its weight. That works the same for the
linear and the tree models, and it answers the analyst's question directly: "how much of this
score is due to that signal?". Positive weights push toward scam, negative toward benign.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from detector.extract.features import all_descriptions, extract_features
from detector.model.metrics import logit
from detector.records import Reason, Snapshot

_MIN_WEIGHT = 0.05
WORDING_CODE = "text.wording"
WORDING_SCAM = "its wording resembles known scam pages (text model)"
WORDING_BENIGN = "its wording resembles honest pages (text model)"
WORDING_TERMS = 24  # strongest n-grams each way the wording reason picks its words from
WORDING_SHOWN = 5  # words the reason quotes

# Words that tell an analyst nothing on their own: function words of the languages the lures come
# in, and the vocabulary of markup and code (the wording model reads form fields, script sources
# and the start of inline scripts too). An n-gram made only of these is weighed by the model like
# any other, but the reason quotes the telling ones first ('login php', 'instagram followers'
# rather than 'from', 'getelementbyid'); when nothing else moved the score, it quotes these.
_PLAIN_WORDS = """
    a an and are as at be by can for from has have if in into is it its not of on or our so that
    the this to was we will with you your all any more new one than then there these they up
    de do da das dos e el en es la las le les los na no nos o os para por que se um uma com como
    del al lo su sus une un des du et pour sur ve bir ile bu di il che per und der die
    si ne dans yang dan ini itu untuk dengan tidak atau
    php html htm js css json xml png jpg jpeg gif svg webp ico woff woff2 min map
    http https www net org io src href rel url uri
    var let const function return import export default require include include_once echo
    else elif endif foreach endforeach while true false null undefined self
    document window getelementbyid queryselector queryselectorall innerhtml innertext textcontent
    addeventlistener onclick onload onsubmit settimeout setinterval console log value values style
    classname classlist add remove length push parse stringify catch async await
    div span br hr img ul li ol table tr td th section header footer nav main body head meta
    link script noscript iframe path class id name type content data width height px em
    rem color font size left right center top bottom margin padding border display flex none
    block inline auto solid rgba rgb important hover active focus dark light
    input hidden text submit button label form formaction scriptsrc method post get action
    title template components trans lang index_files assets static vendor jquery bootstrap
    react vue router state props end preventdefault autocomplete
"""
_PLAIN = frozenset(_PLAIN_WORDS.split())


def telling(gram: str) -> bool:
    """Whether an n-gram holds a word other than a number, a function word or markup/code
    vocabulary."""
    return any(not (token in _PLAIN or token.isdigit()) for token in gram.split())


@dataclass(frozen=True)
class Explainer:
    """Holds the neutral feature values and the plain-words descriptions."""

    baseline: dict[str, Any]
    scam_words: dict[str, str]
    benign_words: dict[str, str]
    max_reasons: int = 6

    @classmethod
    def default(cls, max_reasons: int = 6) -> Explainer:
        scam, benign = all_descriptions()
        baseline = extract_features(Snapshot(url="", html=""))
        return cls(baseline=baseline, scam_words=scam, benign_words=benign, max_reasons=max_reasons)

    def candidates(self, features: Mapping[str, Any]) -> list[str]:
        """Described signals whose value differs from neutral."""
        return [
            k
            for k, v in features.items()
            if (k in self.scam_words or k in self.benign_words) and v != self.baseline.get(k, 0)
        ]

    def occluded(self, features: Mapping[str, Any], keys: Sequence[str]) -> list[dict[str, Any]]:
        rows = []
        for k in keys:
            row = dict(features)
            row[k] = self.baseline.get(k, 0)
            rows.append(row)
        return rows

    def reasons(
        self,
        features: Mapping[str, Any],
        evidence: Mapping[str, str],
        keys: Sequence[str],
        score: float,
        occluded_scores: np.ndarray,
        label: str,
    ) -> list[Reason]:
        """Build reasons from the scores of the occluded rows."""
        if not keys:
            return []
        z0 = float(logit(np.array([score]))[0])
        weights = z0 - logit(occluded_scores)
        out = []
        for k, w in zip(keys, weights, strict=True):
            w = float(w)
            if w > _MIN_WEIGHT and k in self.scam_words:
                out.append(
                    Reason(k, _message(k, self.scam_words[k], features), evidence.get(k, ""), w)
                )
            elif w < -_MIN_WEIGHT and k in self.benign_words:
                out.append(
                    Reason(k, _message(k, self.benign_words[k], features), evidence.get(k, ""), w)
                )
        return self._ranked(out, label)

    def _ranked(self, reasons: list[Reason], label: str) -> list[Reason]:
        # Lead with what supports the label, then the strongest counter-signals.
        supports_scam = label != "benign"
        reasons.sort(key=lambda r: -(r.weight if supports_scam else -r.weight))
        return reasons[: self.max_reasons]

    def wording(
        self, shift: float, up: Sequence[str], down: Sequence[str], label: str
    ) -> Reason | None:
        """The wording model's share of the score (calibrated log-odds vs an empty page).

        ``up`` and ``down``: the n-grams that pushed the word model most toward scam and toward
        benign, strongest first (``WORDING_TERMS`` each). The reason quotes the strongest telling
        ones (``telling``), or, when there are none, the strongest."""
        if not self.wording_matters(shift):
            return None
        toward_scam = shift > 0
        strongest = list(up if toward_scam else down)
        words = [w for w in strongest if telling(w)][:WORDING_SHOWN] or strongest[:WORDING_SHOWN]
        message = WORDING_SCAM if toward_scam else WORDING_BENIGN
        if words:
            message += " (" + ", ".join(f"'{w}'" for w in words) + ")"
        return Reason(WORDING_CODE, message, ", ".join(words), float(shift))

    @staticmethod
    def wording_matters(shift: float) -> bool:
        """Whether the wording model moved the score enough to be named as a reason."""
        return abs(shift) > _MIN_WEIGHT

    def merge(self, reasons: Sequence[Reason], extra: Reason, label: str) -> list[Reason]:
        return self._ranked([*reasons, extra], label)


def _message(key: str, words: str, f: Mapping[str, Any]) -> str:
    """The description, sharpened by related facts (e.g. the domain's age)."""
    age = f.get("domain.age_days", -1)
    young = isinstance(age, int | float) and 0 <= age < 180
    age_txt = f"a domain registered {age:.0f} days ago" if young else ""
    if key in ("credential.password_offsite", "credential.branded_login_offsite") and young:
        return f"asks for a TikTok password on {age_txt}"
    if key.startswith("claims.offer_") and young:
        return f"{words} (on {age_txt})"
    return words
